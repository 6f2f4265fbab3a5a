//! Pushing into the hub: in order, all or none, idempotent by (site, seq), and the current
//! state the owner reads folded in as it goes.

use khachquen::hub;
use serde_json::json;

use crate::hub_support::{admin, batch, count, fields, hub_db, sale, site};

#[test]
fn a_batch_pushed_twice_is_taken_once() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let changes = batch("Q1", 1, 5);
    assert_eq!(hub::push(&mut q1, "Q1", &changes).unwrap(), 5);
    assert_eq!(hub::push(&mut q1, "Q1", &changes).unwrap(), 5, "re-sent after a lost answer");
    // Overlapping: the known part is skipped, the rest taken.
    assert_eq!(hub::push(&mut q1, "Q1", &batch("Q1", 3, 5)).unwrap(), 7);
    assert_eq!(hub::push(&mut q1, "Q1", &[]).unwrap(), 7, "nothing to send: where it stands");
    let mut a = admin(&url);
    assert_eq!(count(&mut a, "SELECT count(*) FROM changes"), 7);
    assert_eq!(count(&mut a, "SELECT last_seq FROM sites WHERE code = 'Q1'"), 7);
}

#[test]
fn a_gap_in_seq_is_refused_and_nothing_of_the_batch_kept() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    hub::push(&mut q1, "Q1", &batch("Q1", 1, 3)).unwrap();
    let e = hub::push(&mut q1, "Q1", &batch("Q1", 5, 3)).unwrap_err();
    assert_eq!(e.code(), "hub_seq_gap", "{e}");
    let mut hole = batch("Q1", 4, 4);
    hole.remove(1);
    assert_eq!(hub::push(&mut q1, "Q1", &hole).unwrap_err().code(), "hub_seq_gap");
    let mut a = admin(&url);
    assert_eq!(count(&mut a, "SELECT count(*) FROM changes"), 3, "a refused batch leaves nothing");
    assert_eq!(hub::push(&mut q1, "Q1", &batch("Q1", 4, 2)).unwrap(), 5);
}

#[test]
fn a_site_pushes_its_own_changes_only() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    site(&url, "Q2");
    let e = hub::push(&mut q1, "Q1", &batch("Q2", 1, 1)).unwrap_err();
    assert_eq!(e.code(), "hub_wrong_site", "a change of another site in the batch");
    let e = hub::push(&mut q1, "Q2", &batch("Q2", 1, 1)).unwrap_err();
    assert_eq!(e.code(), "hub_wrong_site", "Q1's role pushing as Q2: {e}");
    assert_eq!(count(&mut admin(&url), "SELECT count(*) FROM changes"), 0);
}

#[test]
fn a_push_cut_mid_transfer_leaves_nothing_and_is_sent_again() {
    let url = hub_db();
    let (creds, mut q1) = site(&url, "Q1");
    let changes = batch("Q1", 1, 50);
    let mut tx = q1.transaction().unwrap();
    hub::push_in(&mut tx, "Q1", &changes).unwrap();
    let pid: i32 = tx.query_one("SELECT pg_backend_pid()", &[]).unwrap().get(0);
    // The line drops before the commit reaches the hub.
    let mut a = admin(&url);
    a.execute("SELECT pg_terminate_backend($1)", &[&pid]).unwrap();
    assert!(tx.commit().is_err(), "the commit cannot reach a closed connection");
    drop(q1);
    assert_eq!(count(&mut a, "SELECT count(*) FROM changes"), 0, "nothing of the cut batch");
    assert_eq!(count(&mut a, "SELECT count(*) FROM current_fields"), 0);
    assert_eq!(count(&mut a, "SELECT last_seq FROM sites WHERE code = 'Q1'"), 0);
    let mut q1 = hub::connect_as(&url, &creds.role, &creds.password).unwrap();
    assert_eq!(hub::push(&mut q1, "Q1", &changes).unwrap(), 50, "the same batch, sent again");
    assert_eq!(count(&mut a, "SELECT count(*) FROM current_fields"), 50);
}

#[test]
fn current_fields_keep_the_latest_clock_per_field() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let (_, mut q2) = site(&url, "Q2");
    let lan = "cust-lan";
    hub::push(&mut q1, "Q1", &[fields("Q1", 1, 2_000, lan, json!({"name": "Lan", "note": "a"}))])
        .unwrap();
    // Q2 edited offline earlier (older clock) but pushes later: its name loses, its new field
    // (nobody else set it) stands.
    hub::push(
        &mut q2,
        "Q2",
        &[fields("Q2", 1, 1_000, lan, json!({"name": "Lann", "tier": "vip"}))],
    )
    .unwrap();
    hub::push(&mut q2, "Q2", &[fields("Q2", 2, 3_000, lan, json!({"note": "b"}))]).unwrap();
    let mut a = admin(&url);
    let row = a.query_one("SELECT data FROM current_customers WHERE key = $1", &[&lan]).unwrap();
    let data: serde_json::Value = row.get(0);
    assert_eq!(data, json!({"name": "Lan", "note": "b", "tier": "vip"}), "per-field LWW by clock");
}

#[test]
fn facts_are_applied_once_and_in_one_batch_a_field_twice_is_no_error() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let (_, mut q2) = site(&url, "Q2");
    hub::push(
        &mut q1,
        "Q1",
        &[
            fields("Q1", 1, 1_000, "c1", json!({"name": "An"})),
            fields("Q1", 2, 2_000, "c1", json!({"name": "Ân"})),
            sale("Q1", 3, 3_000, "sale-1", "c1"),
        ],
    )
    .unwrap();
    // The same fact relayed by another site is no second sale.
    hub::push(&mut q2, "Q2", &[sale("Q2", 1, 4_000, "sale-1", "c1")]).unwrap();
    let mut a = admin(&url);
    assert_eq!(count(&mut a, "SELECT count(*) FROM current_facts"), 1);
    assert_eq!(count(&mut a, "SELECT count(*) FROM changes"), 4, "the log keeps both");
    let name: String = a
        .query_one("SELECT value #>> '{}' FROM current_fields WHERE key = 'c1'", &[])
        .unwrap()
        .get(0);
    assert_eq!(name, "Ân", "the later of two edits in one batch wins");
}
