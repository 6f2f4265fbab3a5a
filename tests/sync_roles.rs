//! Who does what in a chain, between SQLite sites (what the hub carries, carried directly): a
//! customer's home store follows her latest purchase and travels, her care reminders are planned
//! at her home store only and re-planned when another store's changes arrive, staff accounts
//! travel with the stores they work at, care rules travel and shop details stay.

use khachquen::care::home;
use khachquen::care::rule::{self, RuleKind};
use khachquen::chain::replan;
use khachquen::sales::settings::{self, ShopSettings};
use khachquen::staff::{self, Role, StaffDraft};
use khachquen::sync::local;
use khachquen::{Db, Error};

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

/// Everything `from` captured, applied at `to` and followed by the re-plan `chain::sync` makes.
fn pull(from: &Db, to: &mut Db) {
    let changes = all_pending(from);
    to.write(|tx| {
        local::apply(tx, &changes)?;
        replan::after_changes(tx, &changes, now())
    })
    .expect("changes apply and re-plan");
}

/// The open reminders of `kind` for the customer with chain-wide `key`.
fn reminders(db: &Db, kind: &str, key: &str) -> i64 {
    db.conn()
        .query_row(
            "SELECT count(*) FROM reminder r JOIN customer c ON c.id = r.customer_id
             WHERE r.kind = ?1 AND c.key = ?2 AND r.status = 'open'",
            [kind, key],
            |r| r.get(0),
        )
        .expect("count")
}

fn home_of(db: &Db, key: &str) -> Option<String> {
    let id = id_by_key(db, "customer", key).expect("she is here");
    home::home_store(db.conn(), id).expect("home store")
}

/// Two stores that know each other, with one product both sell and one customer made at A
/// (with her consent to care calls), known at B. Returns (a, b, her key, A's product, B's).
fn two_stores() -> (Db, Db, String, i64, i64) {
    let (mut a, mut b) = (site("A"), site("B"));
    let product = phone_product(&mut a).id;
    let her = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    pull(&a, &mut b);
    pull(&b, &mut a);
    let key = key_of(&a, "customer", her.id);
    let at_b = id_by_key(&b, "product", &key_of(&a, "product", product)).expect("product at B");
    (a, b, key, product, at_b)
}

#[test]
fn home_store_moves_with_the_latest_sale_and_travels() {
    let (mut a, mut b, key, _, product_b) = two_stores();
    assert_eq!(home_of(&a, &key).as_deref(), Some("A"), "never bought: the store that made her");
    assert_eq!(home_of(&b, &key).as_deref(), Some("A"), "B reads who made her from her clock");

    let at_b = id_by_key(&b, "customer", &key).expect("she is at B");
    sell(&mut b, Some(at_b), product_b, "IMEI-B-1", 0);
    assert_eq!(home_of(&b, &key).as_deref(), Some("B"), "she last bought at B");
    pull(&b, &mut a);
    assert_eq!(home_of(&a, &key).as_deref(), Some("B"), "the move travels as her field");
}

#[test]
fn care_reminders_are_planned_at_her_home_store_only() {
    let (mut a, mut b, key, product_a, _) = two_stores();
    let at_a = id_by_key(&a, "customer", &key).expect("she is at A");
    sell(&mut a, Some(at_a), product_a, "IMEI-A-1", 0);
    pull(&a, &mut b);
    assert_eq!(reminders(&a, "thank_you", &key), 1, "A sold to her: A thanks her");
    assert_eq!(reminders(&b, "thank_you", &key), 0, "B has the sale but must not call her too");
    assert_eq!(
        reminders(&b, "warranty_expiring", &key),
        0,
        "nor plan her warranty calls (the sale is there)"
    );

    // A single shop plans as before.
    let mut shop = db();
    let product = phone_product(&mut shop).id;
    let c = add(&mut shop, "Trần Văn Bình", &["0987654321"]);
    sell(&mut shop, Some(c.id), product, "IMEI-S-1", 0);
    let n: i64 = shop
        .conn()
        .query_row("SELECT count(*) FROM reminder WHERE kind = 'thank_you'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 1, "not a site: every reminder is the shop's");
}

#[test]
fn a_sale_at_b_replans_her_care_at_her_chosen_home_a() {
    let (mut a, mut b, key, _, product_b) = two_stores();
    let at_a = id_by_key(&a, "customer", &key).expect("she is at A");
    a.write(|tx| home::set_home_store(tx, at_a, "A", STAFF, now()).map(|_| ()))
        .expect("staff keep her at A");
    pull(&a, &mut b);

    let at_b = id_by_key(&b, "customer", &key).expect("she is at B");
    sell(&mut b, Some(at_b), product_b, "IMEI-B-2", 0);
    assert_eq!(home_of(&b, &key).as_deref(), Some("A"), "a chosen home stays on a trip to B");
    assert_eq!(reminders(&b, "thank_you", &key), 0, "B sold, but her calls are A's");
    assert_eq!(reminders(&a, "thank_you", &key), 0, "A knows nothing of the sale yet");

    pull(&b, &mut a);
    assert_eq!(reminders(&a, "thank_you", &key), 1, "the sale pulled re-plans her at A");
    assert_eq!(reminders(&a, "check_in", &key), 1, "and her check-in call");
    assert_eq!(reminders(&b, "check_in", &key), 0);
}

#[test]
fn home_store_is_changed_on_the_card_with_an_audit_row_and_moves_her_reminders() {
    let (mut a, mut b, key, product_a, _) = two_stores();
    let at_a = id_by_key(&a, "customer", &key).expect("she is at A");
    sell(&mut a, Some(at_a), product_a, "IMEI-A-3", 0);
    assert_eq!(reminders(&a, "thank_you", &key), 1);

    // What `chain::sync` keeps once it has pulled from B: A knows the store B.
    a.conn().execute("INSERT INTO sync_cursor(site, seq) VALUES ('B', 1)", []).expect("cursor");
    let refused = a.write(|tx| home::set_home_store(tx, at_a, "ZZ", STAFF, now()));
    assert!(matches!(refused, Err(Error::Validation(_))), "a store the chain does not know");
    let view = a
        .write(|tx| home::set_home_store(tx, at_a, "B", STAFF, now()))
        .expect("staff move her to B");
    assert_eq!((view.home.as_deref(), view.chosen), (Some("B"), true));
    assert_eq!(reminders(&a, "thank_you", &key), 0, "A no longer calls her");
    let audited: i64 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'set_home_store' AND entity_id = ?1",
            [at_a],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audited, 1, "the move is audited");

    pull(&a, &mut b);
    assert_eq!(reminders(&b, "thank_you", &key), 1, "B now thanks her for A's sale");

    let mut shop = db();
    let c = add(&mut shop, "Lê Văn Cường", &["0903333444"]);
    let refused = shop.write(|tx| home::set_home_store(tx, c.id, "A", STAFF, now()));
    assert!(matches!(refused, Err(Error::Validation(_))), "a single shop has no stores");
}

fn sign_in_error(db: &mut Db, id: i64, pin: &str) -> Option<String> {
    staff::sign_in(db, id, pin, now()).err().map(|e| e.code().to_owned())
}

#[test]
fn staff_travel_with_their_stores_and_sign_in_only_where_they_work() {
    let mut a = site("A");
    let owner = staff::first_owner(&mut a, "Chủ tiệm", "246810", now()).expect("owner");
    let lan = staff::create(
        &mut a,
        &StaffDraft {
            name: "Lan".into(),
            role: Some(Role::Staff),
            pin: "1357".into(),
            active: true,
        },
        &owner,
        now(),
    )
    .expect("Lan");
    let mut b = site("B");
    pull(&a, &mut b);
    let lan_b = id_by_key(&b, "staff", &key_of_staff(&a, lan.id)).expect("Lan's account at B");
    let owner_b = id_by_key(&b, "staff", &key_of_staff(&a, owner.id)).expect("the owner at B");

    assert_eq!(sign_in_error(&mut a, lan.id, "1357"), None, "Lan works at A");
    assert_eq!(
        sign_in_error(&mut b, lan_b, "1357").as_deref(),
        Some("forbidden"),
        "Lan is not assigned to B"
    );
    assert_eq!(sign_in_error(&mut b, owner_b, "246810"), None, "the owner works everywhere");

    staff::set_stores(&mut a, lan.id, &["A".into(), "B".into()], &owner, now()).expect("to B");
    pull(&a, &mut b);
    assert_eq!(sign_in_error(&mut b, lan_b, "1357"), None, "her stores and PIN hash travelled");
    assert_eq!(sign_in_error(&mut b, lan_b, "0000").as_deref(), Some("wrong_pin"));
    let fails: i64 = a
        .conn()
        .query_row("SELECT failed_pins + lock_level FROM staff WHERE id = ?1", [lan.id], |r| {
            r.get(0)
        })
        .expect("lock");
    assert_eq!(fails, 0, "a wrong PIN at B is B's own business");

    let bad = staff::set_stores(&mut a, lan.id, &["A B".into()], &owner, now());
    assert!(matches!(bad, Err(Error::Validation(_))), "not a store code");
}

fn key_of_staff(db: &Db, id: i64) -> String {
    db.conn().query_row("SELECT key FROM staff WHERE id = ?1", [id], |r| r.get(0)).expect("key")
}

#[test]
fn a_care_rule_edited_at_a_reaches_b_and_shop_details_stay() {
    let (mut a, mut b) = (site("A"), site("B"));
    let mut thanks = rule::get(a.conn(), RuleKind::ThankYou).expect("rule");
    thanks.params.offsets = vec![2];
    rule::save(&mut a, &thanks, STAFF, now()).expect("saved at A");
    let shop = |name: &str| ShopSettings { shop_name: name.into(), ..ShopSettings::default() };
    settings::save(&mut a, &shop("Điện máy Phố Huế"), STAFF, now()).expect("A's name");
    settings::save(&mut b, &shop("Điện máy Cầu Giấy"), STAFF, now()).expect("B's name");

    pull(&a, &mut b);
    let at_b = rule::get(b.conn(), RuleKind::ThankYou).expect("rule at B");
    assert_eq!(at_b.params.offsets, vec![2], "the rule is the chain's");
    assert_eq!(
        settings::get(b.conn()).expect("shop").shop_name,
        "Điện máy Cầu Giấy",
        "each store keeps its own name"
    );
}

#[test]
fn a_shop_joining_a_chain_keeps_its_staff_at_its_own_store() {
    let mut shop = db();
    let owner = staff::first_owner(&mut shop, "Chủ tiệm", "246810", now()).expect("owner");
    let lan = staff::create(
        &mut shop,
        &StaffDraft {
            name: "Lan".into(),
            role: Some(Role::Staff),
            pin: "1357".into(),
            active: true,
        },
        &owner,
        now(),
    )
    .expect("Lan");
    assert_eq!(table_count(&shop, "staff_store"), 0, "a single shop has no stores");
    shop.write(|tx| local::start_site(tx, "HN1")).expect("joins");
    let stores = staff::staff_stores(shop.conn()).expect("stores");
    assert_eq!(stores.here.as_deref(), Some("HN1"));
    let lan_at = stores.members.iter().find(|m| m.staff_id == lan.id).expect("Lan listed");
    assert_eq!(lan_at.stores, vec!["HN1".to_owned()], "who worked here works here");
    assert_eq!(sign_in_error(&mut shop, lan.id, "1357"), None, "Lan still signs in");

    let mut other = site("DN1");
    pull(&shop, &mut other);
    let lan_b = id_by_key(&other, "staff", &key_of_staff(&shop, lan.id)).expect("Lan travels");
    let at_b: Vec<String> = staff::staff_stores(other.conn())
        .expect("stores")
        .members
        .into_iter()
        .find(|m| m.staff_id == lan_b)
        .expect("listed")
        .stores;
    assert_eq!(at_b, vec!["HN1".to_owned()], "her stores travel with her account");
}

#[test]
fn a_repair_stays_with_the_store_that_holds_it() {
    let (mut a, mut b, key, product_a, _) = two_stores();
    let at_a = id_by_key(&a, "customer", &key).expect("she is at A");
    let sold = sell(&mut a, Some(at_a), product_a, "IMEI-A-9", 100);
    pull(&a, &mut b);
    let unit_b = id_by_key(&b, "unit", &key_of(&a, "unit", sold.units[0].id)).expect("unit at B");
    // She brings the phone to B for repair; her home stays A (she bought there).
    let c = open_claim(&mut b, unit_b, 10);
    go(&mut b, c.summary.id, khachquen::sales::ClaimStatus::Repairing, 9).expect("repairing");
    go(&mut b, c.summary.id, khachquen::sales::ClaimStatus::Ready, 5).expect("ready");
    pull(&b, &mut a);
    assert_eq!(home_of(&a, &key).as_deref(), Some("A"));
    assert_eq!(reminders(&b, "repair_uncollected", &key), 1, "B holds the phone: B calls her");
    assert_eq!(reminders(&a, "repair_uncollected", &key), 0, "A does not call about B's repair");
}

#[test]
fn templates_are_the_chains_the_later_edit_wins_and_a_reset_travels() {
    use khachquen::outreach::template::{self, Locale, Template};
    let (mut a, mut b) = (site("A"), site("B"));
    let body = |text: &str| Template {
        kind: RuleKind::ThankYou,
        locale: Locale::Vi,
        body: format!("{text} {{ten}}"),
        is_default: false,
    };
    template::save(&mut a, &body("Cảm ơn từ Phố Huế"), STAFF, now()).expect("saved at A");
    template::save(&mut b, &body("Cảm ơn từ Cầu Giấy"), STAFF, now()).expect("later at B");
    pull(&a, &mut b);
    pull(&b, &mut a);
    for db in [&a, &b] {
        let t = template::get(db.conn(), RuleKind::ThankYou, Locale::Vi).expect("template");
        assert_eq!(t.body, "Cảm ơn từ Cầu Giấy {ten}", "the later edit, at both");
        let en = template::get(db.conn(), RuleKind::ThankYou, Locale::En).expect("English");
        assert!(en.is_default, "the other language untouched");
    }

    template::reset(&mut a, RuleKind::ThankYou, Locale::Vi, STAFF, now()).expect("reset at A");
    pull(&a, &mut b);
    let at_b = template::get(b.conn(), RuleKind::ThankYou, Locale::Vi).expect("template at B");
    assert!(at_b.is_default, "the reset reached B: {}", at_b.body);

    template::save(&mut b, &body("Lại cảm ơn"), STAFF, now()).expect("saved again at B");
    pull(&b, &mut a);
    let at_a = template::get(a.conn(), RuleKind::ThankYou, Locale::Vi).expect("template at A");
    assert_eq!(at_a.body, "Lại cảm ơn {ten}", "a record reset, then written again");
}

fn lan(db: &mut Db, owner: &staff::Actor, pin: &str) -> i64 {
    let d =
        StaffDraft { name: "Lan".into(), role: Some(Role::Staff), pin: pin.into(), active: true };
    staff::create(db, &d, owner, now()).expect("Lan").id
}

/// (key, name) of every account.
fn accounts(db: &Db) -> Vec<(String, String)> {
    let mut stmt = db.conn().prepare("SELECT key, name FROM staff ORDER BY key").expect("sql");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("accounts")
}

#[test]
fn two_stores_that_each_made_an_account_of_one_name_apart_keep_both_under_names_of_their_own() {
    let mut a = site("A");
    let owner = staff::first_owner(&mut a, "Chủ tiệm", "246810", now()).expect("owner");
    let mut b = site("B");
    pull(&a, &mut b);
    let owner_b = id_by_key(&b, "staff", &key_of_staff(&a, owner.id)).expect("the owner at B");
    let owner_at_b = staff::sign_in(&mut b, owner_b, "246810", now()).expect("signs in at B");
    // Apart, each store takes on its own Lan.
    let (la, lb) = (lan(&mut a, &owner, "1357"), lan(&mut b, &owner_at_b, "2468"));
    let (ka, kb) = (key_of_staff(&a, la), key_of_staff(&b, lb));
    let signed_in = [
        staff::sign_in(&mut a, la, "1357", now()).expect("Lan at A"),
        staff::sign_in(&mut b, lb, "2468", now()).expect("Lan at B"),
    ];
    carry(&a, &mut b);
    carry(&b, &mut a);
    let (smaller, larger) = if ka < kb { (&ka, &kb) } else { (&kb, &ka) };
    let tail: String = larger.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    for (db, at) in [(&a, "A"), (&b, "B")] {
        let all = accounts(db);
        assert_eq!(all, accounts(&a), "{at}: the same accounts as A");
        let name = |k: &String| all.iter().find(|(key, _)| key == k).map(|(_, n)| n.clone());
        assert_eq!(name(smaller).as_deref(), Some("Lan"), "{at}: one keeps the name");
        assert_eq!(name(larger), Some(format!("Lan-{tail}")), "{at}: the other shown apart");
        assert_eq!(table_count(db, "sync_deferred"), 0, "{at}: neither waits");
    }
    // Signed in before, each stays signed in, under the name her account now has.
    for (db, who) in [(&a, &signed_in[0]), (&b, &signed_in[1])] {
        let now_named = staff::reload(db.conn(), who).expect("reload").expect("still signed in");
        let hers =
            accounts(db).into_iter().find(|(k, _)| Some(k) == who.key.as_ref()).map(|(_, n)| n);
        assert_eq!(Some(now_named.name), hers);
        // The top bar shows the name she now has, not the one she signed in with.
        let shown = staff::session_state(db.conn(), Some(who.clone())).expect("state").actor;
        assert_eq!(shown.map(|s| s.name), hers, "the session shows her account as it stands");
    }
    // Each Lan still signs in at her own store with her own PIN.
    assert_eq!(sign_in_error(&mut a, la, "1357"), None);
    assert_eq!(sign_in_error(&mut b, lb, "2468"), None);
}

#[test]
fn two_shops_whose_owners_share_a_name_join_one_chain_and_both_stay_signed_in() {
    let (mut a, mut b) = (db(), db());
    let owner_a = staff::first_owner(&mut a, "Chủ Hà", "246810", now()).expect("A's owner");
    let owner_b = staff::first_owner(&mut b, "Chủ Hà", "135790", now()).expect("B's owner");
    // Signed in before the shops join: the accounts had no chain-wide key yet.
    let (who_a, who_b) = (
        staff::sign_in(&mut a, owner_a.id, "246810", now()).expect("at A"),
        staff::sign_in(&mut b, owner_b.id, "135790", now()).expect("at B"),
    );
    a.write(|tx| local::start_site(tx, "A")).expect("A joins");
    b.write(|tx| local::start_site(tx, "B")).expect("B joins");
    carry(&a, &mut b);
    carry(&b, &mut a);
    for (db, who, at) in [(&a, &who_a, "A"), (&b, &who_b, "B")] {
        assert_eq!(accounts(db), accounts(&a), "{at}: the same accounts");
        assert_eq!(accounts(db).len(), 2, "{at}: both owners");
        assert_eq!(table_count(db, "sync_deferred"), 0, "{at}: nothing waits");
        assert!(staff::reload(db.conn(), who).expect("reload").is_some(), "{at}: still signed in");
    }
}
