//! The pace of a pull (issue 15, a store catching up or joining): many batches applied in one
//! transaction take every change once, move the cursors with them, and leave the store as a
//! transaction a batch does.

use std::path::Path;
use std::time::Duration;

use khachquen::chain::{self, Pace};
use khachquen::{demo, Db};

use crate::chain_converge_support::{records, Records};
use crate::hub_support::{admin, count, hub_db};
use crate::support::now;

fn enlisted(dir: &Path, url: &str, code: &str, customers: usize) -> Db {
    let mut db = Db::open(&dir.join("khachquen.db")).expect("the store's file opens");
    if customers > 0 {
        demo::generate(&mut db, customers, 7, now(), "test").expect("the demo customers");
    }
    chain::enlist(&mut db, dir, (url, code, code), "test", now()).expect("the store enlists");
    db
}

/// A's customers with their phones and preferences, as a store holds them by chain key.
fn customers(db: &Db) -> Records {
    let mut all = records(db);
    all.retain(|entity, _| ["customer", "customer_phone", "preference"].contains(&entity.as_str()));
    all
}

#[test]
fn batches_taken_many_to_a_transaction_are_each_applied_once_and_the_cursors_follow() {
    let url = hub_db();
    let homes: Vec<_> = (0..3).map(|_| tempfile::tempdir().expect("tempdir")).collect();
    let mut a = enlisted(homes[0].path(), &url, "A", 40);
    chain::sync(&mut a, homes[0].path()).expect("A pushes its customers");
    let sent = count(&mut admin(&url), "SELECT count(*) FROM changes WHERE site = 'A'");
    assert!(sent > 7 * 10, "far more changes than a batch: {sent}");
    let held = customers(&a);
    assert!(held.len() == 3 && held.values().all(|r| !r.is_empty()), "A has all three: {held:?}");

    // Long enough for the whole pull to be one transaction; bounded, so that a pull repeating
    // itself fails the test instead of running on.
    let long = Duration::from_secs(5);
    for (home, code, budget) in [(&homes[1], "B", long), (&homes[2], "C", Duration::ZERO)] {
        let mut db = enlisted(home.path(), &url, code, 0);
        let pace = Some(Pace { batch: 7, budget });
        let synced = chain::sync_at(&mut db, home.path(), pace).expect("the store pulls");
        let others = format!("SELECT count(*) FROM changes WHERE site <> '{code}'");
        let others = count(&mut admin(&url), &others);
        assert_eq!(synced.pulled as i64, others, "{code}: every change once, at {budget:?}");
        assert_eq!(customers(&db), held, "{code} holds what A holds");
        let again = chain::sync_at(&mut db, home.path(), pace).expect("the store syncs again");
        assert_eq!(again.pulled, 0, "{code}: the cursors moved with what was applied");
    }
}
