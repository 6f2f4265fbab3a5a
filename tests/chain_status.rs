//! The store in its chain as the app shows it (issue 15, the app): the status before and after
//! joining, changes waiting until a sync carries them, a hub away recorded with nothing lost,
//! and a hub tried before joining, with what it refuses named by its code.

use khachquen::chain::{self, ChainStatus};
use khachquen::hub;

use crate::hub_support::{admin, hub_db};
use crate::shop_support::{shop, Shop};
use crate::support::{add, now, table_count};

fn status(shop: &mut Shop) -> ChainStatus {
    let owner = shop.owner.clone();
    shop.as_(&owner, |d| d.chain_status()).expect("every account reads the status")
}

/// A shop with a customer, joined to a fresh hub as `code` through the desk, as the owner.
fn joined(code: &str) -> (Shop, String) {
    let url = hub_db();
    let mut shop = shop();
    add(&mut shop.db, "Nguyễn Thị Lan", &["0912345678"]);
    let owner = shop.owner.clone();
    shop.as_(&owner, |d| d.chain_join(&url, code, "  Hà Nội 1 ")).expect("the owner joins");
    (shop, url)
}

fn sync(shop: &mut Shop) -> khachquen::Result<chain::Synced> {
    let dir = shop.counter.data_dir().to_path_buf();
    chain::sync_and_record(&mut shop.db, &dir, now())
}

fn outbox(shop: &Shop) -> i64 {
    table_count(&shop.db, "sync_outbox")
}

#[test]
fn a_shop_not_joined_shows_no_chain_and_cannot_sync() {
    let mut shop = shop();
    let s = status(&mut shop);
    assert!(!s.joined && s.code.is_none() && s.hub.is_empty(), "{s:?}");
    assert_eq!((s.waiting, s.synced_at, s.error), (0, None, None));
    let staff = shop.staff.clone();
    let err = shop.as_(&staff, |d| d.chain_sync_now(|| panic!("nothing to wake"))).err();
    assert_eq!(err.map(|e| e.code), Some("chain_not_joined".into()));
}

#[test]
fn after_joining_everything_waits_until_a_sync_and_a_local_edit_waits_again() {
    let (mut shop, url) = joined("HN1");
    let s = status(&mut shop);
    assert!(s.joined);
    assert_eq!((s.code.as_deref(), s.name.as_str()), (Some("HN1"), "Hà Nội 1"));
    assert!(url.contains(crate::pg_server::ADMIN_PASSWORD));
    assert!(
        !s.hub.contains(crate::pg_server::ADMIN_PASSWORD) && !s.hub.contains('@'),
        "the hub is shown without its account: {}",
        s.hub
    );
    assert!(s.hub.starts_with("postgres://127.0.0.1:"), "{}", s.hub);
    assert_eq!(s.synced_at, None, "joining through the app sends nothing itself");
    assert_eq!(s.waiting, outbox(&shop), "all the shop held is waiting to be sent");
    assert!(s.waiting > 0);
    let audited = shop.count("SELECT count(*) FROM audit_log WHERE action = 'join_chain'");
    assert_eq!(audited, 1, "joining is in the audit log");

    let done = sync(&mut shop).expect("the hub takes it");
    assert_eq!(done.pushed as i64, s.waiting);
    let s = status(&mut shop);
    assert_eq!((s.waiting, s.error.as_deref()), (0, None));
    assert_eq!(s.synced_at.as_deref(), Some("2026-11-23T03:00:00Z"));

    add(&mut shop.db, "Trần Văn Bình", &["0987654321"]);
    let waiting = status(&mut shop).waiting;
    assert!(waiting > 0, "a new customer waits for the next sync");
    let owner = shop.owner.clone();
    let mut woken = false;
    let asked = shop.as_(&owner, |d| d.chain_sync_now(|| woken = true)).expect("asked");
    assert!(woken, "sync now wakes the background sync");
    assert_eq!(asked.waiting, waiting, "and answers with the status as it stands");
    assert_eq!(sync(&mut shop).expect("synced").pushed as i64, waiting);
    assert_eq!(status(&mut shop).waiting, 0);
    let held = admin(&url)
        .query_one("SELECT count(*) FROM changes WHERE site = 'HN1'", &[])
        .expect("the hub's log")
        .get::<_, i64>(0);
    assert_eq!(held, outbox(&shop), "the hub holds every change the status says it does");
}

#[test]
fn a_hub_away_is_recorded_as_its_code_and_nothing_is_lost() {
    let (mut shop, _url) = joined("HN1");
    sync(&mut shop).expect("first sync");
    add(&mut shop.db, "Lê Thị Hoa", &["0903111222"]);
    let kept: String =
        shop.db.conn().query_row("SELECT url FROM sync_hub", [], |r| r.get(0)).expect("url");
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    shop.db.conn().execute("UPDATE sync_hub SET url = 'postgres://127.0.0.1:1/hub'", []).unwrap();
    let (before, waiting) = (outbox(&shop), status(&mut shop).waiting);

    let err = sync(&mut shop).expect_err("the hub is away");
    assert_eq!(err.code(), "hub_unreachable");
    let s = status(&mut shop);
    assert_eq!(s.error.as_deref(), Some("hub_unreachable"), "the top bar shows it offline");
    assert_eq!(s.error_at.as_deref(), Some("2026-11-23T03:00:00Z"));
    assert!(s.synced_at.is_some(), "the last good sync is still shown");
    assert_eq!((outbox(&shop), s.waiting), (before, waiting), "the waiting changes are kept");

    shop.db.conn().execute("UPDATE sync_hub SET url = ?1", [&kept]).unwrap();
    assert_eq!(sync(&mut shop).expect("back").pushed as i64, waiting);
    let s = status(&mut shop);
    assert_eq!((s.error, s.error_at, s.waiting), (None, None, 0), "a good sync clears it");
}

#[test]
fn testing_a_hub_names_what_is_wrong_and_writes_nothing() {
    let url = hub_db();
    let mut shop = shop();
    let owner = shop.owner.clone();
    let audit = table_count(&shop.db, "audit_log");
    let mut test = |url: &str| shop.as_(&owner, |d| d.chain_test(url)).map_err(|e| e.code);
    assert_eq!(test(&url), Ok(hub::SCHEMA_VERSION), "a sound hub answers with its version");

    let wrong = url.replace(crate::pg_server::ADMIN_PASSWORD, "sai-mat-khau");
    assert_eq!(test(&wrong), Err("hub_auth_failed".into()));
    let bare = crate::pg_server::fresh_db();
    assert_eq!(test(&bare), Err("hub_not_initialised".into()), "a database with no hub");
    assert_eq!(test("postgres://127.0.0.1:1/hub"), Err("hub_unreachable".into()));
    assert_eq!(test("  "), Err("validation".into()), "an empty address is said so");

    admin(&url)
        .execute("UPDATE hub_meta SET value = '99' WHERE key = 'schema_version'", &[])
        .expect("a newer app's hub");
    assert_eq!(test(&url), Err("hub_too_new".into()));
    assert_eq!(table_count(&shop.db, "audit_log"), audit, "testing writes nothing");
    assert!(!status(&mut shop).joined);
}

#[test]
fn only_the_owner_joins_and_a_refused_join_leaves_the_shop_as_it_was() {
    let url = hub_db();
    let mut shop = shop();
    let manager = shop.manager.clone();
    let err = shop.as_(&manager, |d| d.chain_join(&url, "HN1", "Hà Nội 1")).err();
    assert_eq!(err.map(|e| e.code), Some("forbidden".into()));
    let err = shop.as_(&manager, |d| d.chain_test(&url)).err();
    assert_eq!(err.map(|e| e.code), Some("forbidden".into()), "the owner's account is theirs");

    let owner = shop.owner.clone();
    for (code, name, why) in [("HN-1", "Hà Nội", "site_code_invalid"), ("HN1", " ", "validation")]
    {
        let err = shop.as_(&owner, |d| d.chain_join(&url, code, name)).err();
        assert_eq!(err.map(|e| e.code), Some(why.into()), "{code} {name:?}");
    }
    let mut other = crate::shop_support::shop();
    let o = other.owner.clone();
    other.as_(&o, |d| d.chain_join(&url, "HN1", "Hà Nội 1")).expect("another shop takes HN1");
    let err = shop.as_(&owner, |d| d.chain_join(&url, "hn1", "Hà Nội 1")).err();
    assert_eq!(err.map(|e| e.code), Some("site_code_taken".into()));
    assert!(!status(&mut shop).joined, "nothing of a refused join is kept");
    assert_eq!(shop.count("SELECT count(*) FROM audit_log WHERE action = 'join_chain'"), 0);
}

#[test]
fn a_password_given_in_the_query_is_not_kept_either() {
    let url = hub_db();
    let (auth, rest) = url.split_once('@').expect("user and password in the URL");
    let user = auth.split(':').nth(1).expect("user").trim_start_matches("//");
    let in_query = format!(
        "postgres://{rest}?user={user}&password={}&sslmode=prefer",
        crate::pg_server::ADMIN_PASSWORD
    );
    let mut shop = shop();
    let owner = shop.owner.clone();
    shop.as_(&owner, |d| d.chain_join(&in_query, "Q1", "Quận 1")).expect("joins");
    let kept: String =
        shop.db.conn().query_row("SELECT url FROM sync_hub", [], |r| r.get(0)).expect("url");
    assert!(!kept.contains(crate::pg_server::ADMIN_PASSWORD), "{kept}");
    assert!(kept.ends_with("?sslmode=prefer"), "what the connection needs stays: {kept}");
    sync(&mut shop).expect("the store connects as its own role");
}

#[test]
fn the_hub_is_shown_without_any_password_wherever_the_url_carries_it() {
    assert_eq!(
        chain::shown_url("postgres://kq:bí-mật@hub.lan:5432/chuoi?sslmode=require"),
        "postgres://hub.lan:5432/chuoi?sslmode=require"
    );
    assert_eq!(
        chain::shown_url("postgres://hub.lan/chuoi?user=kq&password=x&sslmode=require"),
        "postgres://hub.lan/chuoi?sslmode=require"
    );
    assert_eq!(chain::shown_url("postgres://hub.lan/chuoi?Password=x"), "postgres://hub.lan/chuoi");
}

#[test]
fn the_background_sync_backs_off_while_the_hub_is_away_and_no_further_than_a_minute() {
    let waits: Vec<u64> = (0..6).map(|n| chain::next_wait(n).as_secs()).collect();
    assert_eq!(waits, [5, 10, 20, 40, 60, 60]);
    assert_eq!(chain::next_wait(u32::MAX), chain::MAX_BACKOFF, "never overflows");
}
