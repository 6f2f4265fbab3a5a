//! The hub folds a claim's events as the stores do: the owner reading the hub's current state
//! sees the state every store shows, not the last store's word, when two stores moved one claim
//! apart; and the moves the hub allows are the app's.

use std::collections::BTreeSet;

use khachquen::hub;
use khachquen::sales::ClaimStatus::{self, *};
use khachquen::Db;

use crate::hub_support::{admin, hub_db, site};
use crate::sync_support::all_pending;

#[test]
fn the_hubs_claim_moves_are_the_apps() {
    let mut a = admin(&hub_db());
    let rows = |a: &mut hub::Client, sql: &str| -> BTreeSet<(String, String)> {
        a.query(sql, &[]).unwrap().iter().map(|r| (r.get(0), r.get(1))).collect()
    };
    let moves = rows(&mut a, "SELECT from_status, to_status FROM claim_moves");
    let app: BTreeSet<(String, String)> = ClaimStatus::ALL
        .iter()
        .flat_map(|f| f.next().iter().map(move |t| (f.code().to_owned(), t.code().to_owned())))
        .collect();
    assert_eq!(moves, app, "the hub's claim_moves differ from ClaimStatus::next");
    let closing = rows(&mut a, "SELECT status, status FROM claim_closing");
    let app: BTreeSet<(String, String)> = ClaimStatus::ALL
        .iter()
        .filter(|s| s.is_closed())
        .map(|s| (s.code().to_owned(), s.code().to_owned()))
        .collect();
    assert_eq!(closing, app, "the hub's claim_closing differs from ClaimStatus::is_closed");
}

/// The claim `key`'s folded fields, as a store holds them and as the hub's current state does.
const FOLDED: [&str; 5] = ["status", "sent_on", "back_on", "closed_on", "quote_approved"];

fn at_store(db: &Db, key: &str) -> Vec<String> {
    FOLDED
        .iter()
        .map(|f| {
            let sql = format!("SELECT json_quote({f}) FROM claim WHERE key = ?1");
            db.conn().query_row(&sql, [key], |r| r.get(0)).expect("the claim")
        })
        .collect()
}

fn at_hub(client: &mut hub::Client, key: &str) -> Vec<String> {
    FOLDED
        .iter()
        .map(|f| {
            let row = client
                .query_one(
                    "SELECT value::text FROM current_fields
                     WHERE entity = 'claim' AND key = $1 AND field = $2",
                    &[&key, f],
                )
                .expect("the hub holds the claim's field");
            row.get::<_, String>(0).replace(' ', "")
        })
        .collect()
}

fn pushed_both_ways(start: &[ClaimStatus], at_a: &[ClaimStatus], at_b: &[ClaimStatus]) {
    let (sites, key) = crate::sync_claims::race(start, at_a, at_b);
    let url = hub_db();
    // B's changes first: its events wait at the hub for the claim they move.
    for (i, code) in [(1, "B"), (0, "A")] {
        let (_, mut client) = site(&url, code);
        hub::push(&mut client, code, &all_pending(&sites[i])).expect("pushed");
    }
    let store = at_store(&sites[0], &key);
    assert_eq!(at_hub(&mut admin(&url), &key), store, "{at_a:?} at A, {at_b:?} at B");
}

#[test]
fn a_move_set_aside_at_the_stores_is_set_aside_at_the_hub() {
    // Cancelled at A; B, later, starts repairing what A cancelled: the stores keep it cancelled.
    pushed_both_ways(&[Diagnosing], &[Cancelled], &[Repairing]);
}

#[test]
fn the_service_centre_and_the_quote_fold_at_the_hub_as_at_the_stores() {
    pushed_both_ways(&[Diagnosing, AtServiceCenter], &[Repairing], &[Ready, Returned]);
    pushed_both_ways(&[Diagnosing, AwaitingApproval], &[Declined], &[Repairing, Ready]);
}

/// The fold finds a claim's events by index: a chain's facts run to millions, and a push folds
/// every claim it touches.
#[test]
fn the_fold_reads_a_claims_events_by_index() {
    let mut a = admin(&hub_db());
    a.batch_execute("SET enable_seqscan = off").unwrap();
    let plan: Vec<String> = a
        .query(
            "EXPLAIN SELECT f.data FROM current_facts f
             WHERE f.entity = 'claim_event' AND f.data->>'claim_id' = 'k'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(plan.iter().any(|l| l.contains("current_facts_claim")), "{plan:#?}");
}
