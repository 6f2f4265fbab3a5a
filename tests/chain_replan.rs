//! Care after a large pull (issue 15, the chain at scale): past `replan::DIRECT` customers in
//! one sync, the batches only mark that everyone is to be planned again, and one pass over
//! everyone at the end plans what the per-customer re-plan would have, then clears the mark.

use khachquen::care::home;
use khachquen::chain::replan;
use khachquen::sync::local;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

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

fn marked(db: &Db) -> bool {
    db.conn()
        .query_row("SELECT count(*) FROM setting WHERE key = 'chain.replan_everyone'", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("count")
        > 0
}

/// Everything `from` captured, applied at `to` as one batch of a sync that has re-planned
/// `done` customers one by one so far. Returns how many it has now.
fn pull_batch(from: &Db, to: &mut Db, done: usize) -> usize {
    let changes = all_pending(from);
    to.write(|tx| {
        local::apply(tx, &changes)?;
        replan::after_batch(tx, &changes, now(), done)
    })
    .expect("changes apply")
}

/// A customer of A whose home staff set to A, known at B, and a sale to her at B: pulled at
/// A, it is A's to thank her. Returns (a, b, her key).
fn sold_at_b() -> (Db, Db, String) {
    let (mut a, mut b) = (site("A"), site("B"));
    let product = phone_product(&mut b).id;
    let her = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    a.write(|tx| home::set_home_store(tx, her.id, "A", STAFF, now()).map(|_| ()))
        .expect("staff keep her at A");
    pull_batch(&a, &mut b, 0);
    let key = key_of(&a, "customer", her.id);
    let at_b = id_by_key(&b, "customer", &key).expect("she is at B");
    sell(&mut b, Some(at_b), product, "IMEI-B-9", 0);
    (a, b, key)
}

#[test]
fn a_small_pull_re_plans_its_customers_at_once() {
    let (mut a, b, key) = sold_at_b();
    let done = pull_batch(&b, &mut a, 0);
    assert!(done >= 1, "her, at least, was re-planned one by one");
    assert_eq!(reminders(&a, "thank_you", &key), 1, "planned in the batch's transaction");
    assert!(!marked(&a), "nothing left for a pass over everyone");
}

#[test]
fn past_the_direct_budget_the_pass_over_everyone_plans_what_the_batches_left() {
    let (mut a, b, key) = sold_at_b();
    pull_batch(&b, &mut a, replan::DIRECT);
    assert_eq!(reminders(&a, "thank_you", &key), 0, "left to the pass");
    assert!(marked(&a), "the mark commits with the batch");

    // A sync cut short here leaves the mark: the next one finishes it, even with nothing new.
    replan::finish(&mut a, now()).expect("the pass");
    assert_eq!(reminders(&a, "thank_you", &key), 1, "the pass thanks her as the re-plan would");
    assert_eq!(reminders(&a, "check_in", &key), 1, "and plans her check-in call");
    assert!(!marked(&a), "the mark goes with the pass");
    replan::finish(&mut a, now()).expect("nothing to do");
    assert_eq!(reminders(&a, "thank_you", &key), 1, "planned once");
}
