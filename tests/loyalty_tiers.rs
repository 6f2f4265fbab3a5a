//! Member tiers by spend over a rolling 12 months: up on a sale, down when a void or the window
//! moving takes the spend away, the tier's discount offered at the sale, tiers edited by the
//! owner with thresholds that make sense.

use chrono::{Duration, Months};
use khachquen::loyalty::tier::{self, Tier};
use khachquen::loyalty::{nightly, sale, summary, tier_edit};
use khachquen::sales::purchase::TenderDraft;

use crate::loyalty_support::*;
use crate::support::*;

fn tier_of(db: &khachquen::Db, customer: i64) -> String {
    summary::of_customer(db.conn(), customer, today())
        .expect("summary")
        .tier_name
        .unwrap_or_default()
}

#[test]
fn a_sale_brings_a_customer_up_and_a_void_brings_them_back_down() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "5tr");
    assert_eq!(tier_of(&db, lan), "Thành viên", "never ranked: the lowest tier");
    let p = sell(&mut db, lan, tv, 1);
    assert_eq!(tier_of(&db, lan), "Bạc");
    let s = summary::of_customer(db.conn(), lan, today()).expect("summary");
    assert_eq!(s.spend_12m, 5_000_000);
    assert_eq!(s.tier_since.as_deref(), Some("2026-11-23T03:00:00Z"));
    assert_eq!(
        (s.next_tier_name.as_deref(), s.next_tier_min_spend),
        (Some("Vàng"), Some(20_000_000))
    );
    sale::void(&mut db, p.id, "Nhập nhầm", STAFF, now()).expect("void");
    assert_eq!(tier_of(&db, lan), "Thành viên");
}

#[test]
fn old_sales_leaving_the_window_bring_a_customer_down_at_night() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let an = add(&mut db, "Trần Văn An", &["0903000111"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "6tr");
    let eleven_months_ago = now().checked_sub_months(Months::new(11)).expect("date");
    sell_at(&mut db, Some(lan), tv, 1, tender(), eleven_months_ago).expect("old sale");
    sell_at(&mut db, Some(an), tv, 1, tender(), now()).expect("new sale");
    let run = nightly::run(&mut db, now()).expect("nightly");
    assert_eq!(run.tier_changes, 0, "both still inside the window");
    assert_eq!(tier_of(&db, lan), "Bạc");
    let later = now() + Duration::days(45);
    let run = nightly::run(&mut db, later).expect("nightly");
    assert_eq!(run.tier_changes, 1, "only Lan's sale left the window");
    let s = summary::of_customer(db.conn(), lan, today()).expect("summary");
    assert_eq!((s.tier_name.as_deref(), s.spend_12m), (Some("Thành viên"), 0));
    assert_eq!(tier_of(&db, an), "Bạc");
    assert_eq!(nightly::run_if_due(&mut db, later).expect("again"), None, "once a day");
}

#[test]
fn the_tier_discount_is_offered_at_the_sale_and_taken_only_when_ticked() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "5tr");
    let fan = goods(&mut db, "Quạt", "Điện máy", "1tr");
    sell(&mut db, lan, tv, 1); // Bạc: 2 %
    let s =
        sale::preview(db.conn(), &sale_draft(Some(lan), fan, 1, tender()), now()).expect("preview");
    assert_eq!((s.tier_pct, s.tier_discount, s.to_pay), (2, 20_000, 980_000));
    assert_eq!(s.points_earned, 98, "earned on what is paid after the discount");
    let off = TenderDraft { tier_discount: false, ..tender() };
    let s =
        sale::preview(db.conn(), &sale_draft(Some(lan), fan, 1, off.clone()), now()).expect("p");
    assert_eq!((s.tier_discount, s.to_pay), (0, 1_000_000));
    let p = sell_at(&mut db, Some(lan), fan, 1, tender(), now()).expect("sale");
    let (discount, to_pay): (i64, i64) = db
        .conn()
        .query_row(
            "SELECT tier_discount, to_pay FROM purchase_tender WHERE purchase_id = ?1",
            [p.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("tender");
    assert_eq!((discount, to_pay), (20_000, 980_000));
    // The spend that ranks is what the sales came to after the discount.
    let s = summary::of_customer(db.conn(), lan, today()).expect("summary");
    assert_eq!(s.spend_12m, 5_980_000);
}

#[test]
fn tiers_are_edited_with_thresholds_that_make_sense_and_everyone_is_re_ranked() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "3tr");
    sell(&mut db, lan, tv, 1);
    assert_eq!(tier_of(&db, lan), "Thành viên");
    let mut tiers = tier::list(db.conn()).expect("tiers");
    let audit = table_count(&db, "audit_log");
    let mut bad = tiers.clone();
    bad[0].min_spend = 1;
    bad[2].min_spend = bad[1].min_spend;
    let e = tier_edit::save(&mut db, &bad, STAFF, now()).expect_err("refused");
    let f = fields(e);
    assert!(f.contains(&("tiers.0.min_spend".into(), "tier_first_zero".into())), "{f:?}");
    assert!(f.contains(&("tiers.2.min_spend".into(), "tier_not_increasing".into())), "{f:?}");
    assert_eq!(
        fields(tier_edit::save(&mut db, &[], STAFF, now()).expect_err("none")),
        vec![("tiers".into(), "tiers_count".into())]
    );
    assert_eq!(table_count(&db, "audit_log"), audit, "nothing written");
    tiers[1].name = "Bạc+".into();
    tiers[1].min_spend = 2_000_000;
    tiers.truncate(3);
    tiers.push(Tier {
        id: None,
        name: "VIP".into(),
        min_spend: 90_000_000,
        discount_pct: 10,
        birthday_voucher: 0,
    });
    let saved = tier_edit::save(&mut db, &tiers, STAFF, now()).expect("saved");
    let names: Vec<&str> = saved.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Thành viên", "Bạc+", "Vàng", "VIP"]);
    assert_eq!(tier_of(&db, lan), "Bạc+", "re-ranked at once");
    assert_eq!(table_count(&db, "audit_log"), audit + 1);
}

#[test]
fn merging_two_buyers_joins_their_points_and_ranks_the_one_kept() {
    let mut shop = crate::shop_support::shop();
    let lan = add(&mut shop.db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let lan2 = add(&mut shop.db, "Nguyen Thi Lan", &["0987654321"]).id;
    let tv = goods(&mut shop.db, "Tivi", "Điện máy", "3tr");
    sell(&mut shop.db, lan, tv, 1);
    sell(&mut shop.db, lan2, tv, 1);
    let owner = shop.owner.clone();
    shop.as_(&owner, |d| d.merge_customers(lan, lan2)).expect("merged");
    assert_eq!(points_of(&shop.db, lan), 600, "both sales' points are hers");
    let (tier, spend, _) = tier::current(shop.db.conn(), lan).expect("tier").expect("ranked");
    assert_eq!(spend, 6_000_000, "ranked on both sales");
    assert_eq!(tier.name, "Bạc");
    let gone: i64 = shop
        .db
        .conn()
        .query_row("SELECT count(*) FROM customer_tier WHERE customer_id = ?1", [lan2], |r| {
            r.get(0)
        })
        .expect("count");
    assert_eq!(gone, 0);
}
