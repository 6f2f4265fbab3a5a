//! Claims are event-sourced across stores (issue 15): two stores moving one claim while apart
//! end, at every store and whatever order the changes arrive in, with the same claim in a state
//! the machine reaches by allowed moves, and the branch shown to staff until one of them
//! acknowledges it; a claim moved at one store only is never flagged.

use std::collections::BTreeMap;

use khachquen::sales::claim::{self, ClaimView, TransitionDraft};
use khachquen::sales::ClaimStatus::{self, *};
use khachquen::sync::change::Change;
use khachquen::sync::{spec, sql};
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

fn draft(to: ClaimStatus, serial: &str) -> TransitionDraft {
    TransitionDraft {
        to,
        service_center: "TTBH Apple Quận 3".into(),
        quote: "500k".into(),
        note: "ghi chú".into(),
        refund_amount: "1.000.000".into(),
        replacement_serial: serial.into(),
        ..TransitionDraft::default()
    }
}

/// Moves the claim with chain-wide key `key` at `db`, by `staff`.
fn move_at(db: &mut Db, key: &str, to: ClaimStatus, staff: &str) -> ClaimView {
    let id = id_by_key(db, "claim", key).expect("the claim is at this store");
    let serial = format!("R{}{}", staff.len(), outbox_count(db));
    claim::transition(db, id, &draft(to, &serial), staff, now())
        .unwrap_or_else(|e| panic!("{to:?} at {staff}: {e}"))
}

fn view(db: &Db, key: &str) -> ClaimView {
    let id = id_by_key(db, "claim", key).expect("the claim is at this store");
    claim::get(db.conn(), id, today()).expect("claim")
}

/// Every claim, its events and units as they travel, with the conflict each store found.
fn dump(db: &Db) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for name in ["claim", "claim_event", "unit"] {
        let e = spec::by_name(name).expect("synced");
        let sql = format!(
            "SELECT r.key, {} || coalesce({}, '') FROM {} r",
            sql::whole_record(e, "r"),
            if name == "claim" { "r.conflict" } else { "NULL" },
            e.table
        );
        let mut stmt = db.conn().prepare(&sql).expect("dump");
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows");
        for row in rows {
            let (key, data): (String, String) = row.expect("row");
            out.insert(format!("{name} {key}"), data);
        }
    }
    out
}

/// The events that count, in order, form a path of allowed moves from the opening to the state
/// the claim shows, and the closing day follows the state.
fn assert_valid(v: &ClaimView, why: &str) {
    let mut at: Option<ClaimStatus> = None;
    for e in v.events.iter().filter(|e| e.applied) {
        let ok = match at {
            None => e.from_status.is_none() && e.to_status == Received,
            Some(s) => s.can_go_to(e.to_status),
        };
        assert!(ok, "{why}: {at:?} -> {:?} is not an allowed move", e.to_status);
        at = Some(e.to_status);
    }
    assert_eq!(at, Some(v.summary.status), "{why}: the state is where its events lead");
    assert_eq!(v.summary.closed_on.is_some(), v.summary.status.is_closed(), "{why}: closed_on");
}

/// Two stores, each with a phone sold and a claim opened at A, moved to `start` and known at B.
fn two_stores(start: &[ClaimStatus]) -> (Db, Db, String) {
    let (mut a, mut b) = (site("A"), site("B"));
    let phone = phone_product(&mut a);
    let c = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    let sale = sell(&mut a, Some(c.id), phone.id, "SN0001", 60);
    let opened = open_claim(&mut a, sale.units[0].id, 0);
    let key = key_of(&a, "claim", opened.summary.id);
    for s in start {
        move_at(&mut a, &key, *s, "Lan");
    }
    carry(&a, &mut b);
    (a, b, key)
}

fn new_since(db: &Db, before: usize) -> Vec<Change> {
    all_pending(db).into_iter().skip(before).collect()
}

/// A at A, B at B, from the same state while apart; then delivered both ways, and to two more
/// stores in opposite orders (B's first makes its events wait for the claim's).
pub fn race(
    start: &[ClaimStatus],
    at_a: &[ClaimStatus],
    at_b: &[ClaimStatus],
) -> (Vec<Db>, String) {
    let (mut a, mut b, key) = two_stores(start);
    let (a0, b0) = (all_pending(&a).len(), all_pending(&b).len());
    for s in at_a {
        move_at(&mut a, &key, *s, "Lan");
    }
    for s in at_b {
        move_at(&mut b, &key, *s, "Bình");
    }
    let (from_a, from_b) = (new_since(&a, a0), new_since(&b, b0));
    let (mut c, mut d) = (site("C"), site("D"));
    apply(&mut c, &all_pending(&a));
    apply(&mut c, &all_pending(&b));
    apply(&mut d, &all_pending(&b));
    apply(&mut d, &all_pending(&a));
    apply(&mut a, &from_b);
    apply(&mut b, &from_a);
    (vec![a, b, c, d], key)
}

fn assert_same(sites: &[Db], why: &str) {
    let first = dump(&sites[0]);
    for (i, s) in sites.iter().enumerate().skip(1) {
        assert_eq!(dump(s), first, "{why}: store {i} differs from the first");
    }
}

#[test]
fn two_stores_moving_one_claim_converge_and_both_see_the_conflict() {
    let (sites, key) = race(&[Diagnosing], &[Repairing], &[AtServiceCenter]);
    assert_same(&sites, "repairing at A, sent to the centre at B");
    let v = view(&sites[0], &key);
    assert_valid(&v, "both moves");
    let conflict = v.summary.conflict.clone().expect("the branch is shown");
    let stores = [conflict.first.store.as_str(), conflict.second.store.as_str()];
    assert!(stores == ["A", "B"] || stores == ["B", "A"], "it names both stores: {stores:?}");
    assert_eq!(conflict.first.from_status, Some(Diagnosing));
    assert_eq!(conflict.second.from_status, Some(Diagnosing));
    assert!(conflict.second_applied, "repairing and the centre each allow the other next");
    assert_eq!(v.summary.status, conflict.second.to_status, "the later move is where it stands");
    let staff: Vec<&str> = [&conflict.first, &conflict.second].map(|m| m.staff.as_str()).to_vec();
    assert!(staff.contains(&"Lan") && staff.contains(&"Bình"), "who moved it: {staff:?}");
    for (i, s) in sites.iter().enumerate() {
        let board = claim::board(s.conn(), today()).expect("board");
        let on_board = board.iter().find(|k| k.code == v.summary.code).expect("still open");
        assert_eq!(on_board.conflict.as_ref(), Some(&conflict), "the board at store {i}");
    }
}

#[test]
fn a_return_racing_a_cancellation_keeps_one_valid_end() {
    let (sites, key) = race(&[Diagnosing, AwaitingParts], &[Ready, Returned], &[Cancelled]);
    assert_same(&sites, "returned at A, cancelled at B");
    let v = view(&sites[1], &key);
    assert_valid(&v, "return against cancel");
    assert!(
        matches!(v.summary.status, Returned | Cancelled),
        "one of the two ends: {:?}",
        v.summary.status
    );
    let c = v.summary.conflict.expect("flagged");
    assert!(!c.second_applied, "ready and cancelled are both ends of waiting for parts");
    let set_aside = v.events.iter().filter(|e| !e.applied).count();
    assert!(set_aside >= 1, "the losing branch stays on the timeline, set aside");
    assert_eq!(v.events.len(), 6, "no event dropped: opening, two shared, three raced");
}

#[test]
fn an_approval_racing_a_refusal_keeps_the_quote_answer_of_the_state_kept() {
    let (sites, key) = race(&[Diagnosing, AwaitingApproval], &[Repairing], &[Declined]);
    assert_same(&sites, "approved at A, declined at B");
    let v = view(&sites[2], &key);
    assert_valid(&v, "approval against refusal");
    let approved = match v.summary.status {
        Repairing => Some(true),
        Declined => Some(false),
        other => panic!("one of the two answers, not {other:?}"),
    };
    assert_eq!(v.quote_approved, approved, "the answer follows the move that counts");
    assert!(!v.summary.conflict.expect("flagged").second_applied);
}

#[test]
fn acknowledging_clears_the_notice_at_every_store() {
    let (mut sites, key) = race(&[Diagnosing], &[Repairing], &[AtServiceCenter]);
    let before = all_pending(&sites[1]).len();
    let id = id_by_key(&sites[1], "claim", &key).expect("claim");
    let seen = claim::acknowledge_conflict(&mut sites[1], id, "Bình", now()).expect("ack");
    assert_eq!(seen.summary.conflict, None, "gone where it was acknowledged");
    let audited: i64 = sites[1]
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'acknowledge_conflict' AND entity_id = ?1",
            [id],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audited, 1, "acknowledging is audited");
    let again = claim::acknowledge_conflict(&mut sites[1], id, "Bình", now()).expect("again");
    assert_eq!(again.summary.conflict, None);
    let ack = new_since(&sites[1], before);
    for i in [0, 2, 3] {
        apply(&mut sites[i], &ack);
        assert_eq!(view(&sites[i], &key).summary.conflict, None, "gone at store {i} too");
    }
    assert_same(&sites, "after the acknowledgement");
    // A new branch after the acknowledgement shows again.
    let (a0, b0) = (all_pending(&sites[0]).len(), all_pending(&sites[1]).len());
    let status = view(&sites[0], &key).summary.status;
    let next = if status == AtServiceCenter { Ready } else { AwaitingParts };
    move_at(&mut sites[0], &key, next, "Lan");
    move_at(&mut sites[1], &key, next, "Bình");
    let (from_a, from_b) = (new_since(&sites[0], a0), new_since(&sites[1], b0));
    apply(&mut sites[0], &from_b);
    apply(&mut sites[1], &from_a);
    let v = view(&sites[0], &key);
    assert!(v.summary.conflict.is_some(), "a later branch is a new conflict");
    assert_eq!(v, view(&sites[1], &key), "the same claim at both");
}

#[test]
fn a_claim_moved_at_one_store_only_is_never_flagged() {
    let (mut a, mut b, key) = two_stores(&[Diagnosing]);
    // Taking turns, each store seeing the other's move first: a quote, the service centre's
    // leg, the hand-back; the receiving store folds every field a move sets as the mover wrote.
    move_at(&mut a, &key, AwaitingApproval, "Lan");
    carry(&a, &mut b);
    move_at(&mut b, &key, AtServiceCenter, "Bình");
    carry(&b, &mut a);
    move_at(&mut a, &key, Ready, "Lan");
    carry(&a, &mut b);
    move_at(&mut b, &key, Returned, "Bình");
    carry(&b, &mut a);
    for (db, name) in [(&a, "A"), (&b, "B")] {
        let v = view(db, &key);
        assert_eq!(v.summary.status, Returned, "at {name}");
        assert_eq!(v.summary.conflict, None, "taking turns is no conflict (at {name})");
        assert!(v.events.iter().all(|e| e.applied), "every move counts (at {name})");
        assert_eq!((v.sent_on, v.back_on), (Some(today()), Some(today())), "at {name}");
        assert_eq!(v.quote_approved, Some(true), "sent on after the quote (at {name})");
        let stores: Vec<&str> = v.events.iter().map(|e| e.store.as_str()).collect();
        assert_eq!(stores, ["A", "A", "A", "B", "A", "B"], "who moved it (at {name})");
        assert_valid(&v, name);
    }
    assert_same(&[a, b], "taking turns");
}

#[test]
fn a_single_shop_folds_to_what_it_wrote() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "SN0002", 60);
    let c = open_claim(&mut db, sale.units[0].id, 10);
    for to in [Diagnosing, AtServiceCenter, Repairing, Ready, Returned] {
        go(&mut db, c.summary.id, to, 0).expect("move");
    }
    let v = claim::get(db.conn(), c.summary.id, today()).expect("claim");
    assert_valid(&v, "single shop");
    assert_eq!(v.summary.conflict, None);
    assert!(v.events.iter().all(|e| e.applied && e.store.is_empty()), "no stores outside a chain");
    assert_eq!((v.sent_on, v.back_on), (Some(today()), Some(today())));
}

/// A small seeded generator (xorshift): the same seed, the same run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Three stores, six claims opened at A and known everywhere; then seeded random moves at
/// random stores (each allowed from where that store sees the claim), with some of what each
/// store wrote carried to another now and then, in any order. A claim moved at one store only
/// is never flagged.
fn random_moves(seed: u64, steps: usize) {
    let mut sites = vec![site("A"), site("B"), site("C")];
    let phone = phone_product(&mut sites[0]);
    let c = add(&mut sites[0], "Trần Văn Bình", &["0987654321"]);
    let mut keys = Vec::new();
    for n in 0..6 {
        let sale = sell(&mut sites[0], Some(c.id), phone.id, &format!("SN{seed}{n:03}"), 60);
        let opened = open_claim(&mut sites[0], sale.units[0].id, 0);
        keys.push(key_of(&sites[0], "claim", opened.summary.id));
    }
    for to in 1..3 {
        let changes = all_pending(&sites[0]);
        apply(&mut sites[to], &changes);
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut movers: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for step in 0..steps {
        let s = rng.below(3);
        if rng.below(2) == 0 {
            let to = rng.below(3);
            let mut changes = all_pending(&sites[s]);
            let from = rng.below(changes.len() + 1);
            changes.drain(..from);
            if to != s {
                apply(&mut sites[to], &changes);
            }
            continue;
        }
        // Most claims are handled at one store; a few travel.
        let key = &keys[rng.below(keys.len()).min(rng.below(keys.len()))];
        let id = id_by_key(&sites[s], "claim", key).expect("known everywhere");
        let now_at = claim::get(sites[s].conn(), id, today()).expect("claim").summary.status;
        let next = now_at.next();
        if next.is_empty() {
            continue;
        }
        let to = next[rng.below(next.len())];
        let serial = format!("R{seed}X{s}X{step}");
        claim::transition(&mut sites[s], id, &draft(to, &serial), "Lan", now())
            .unwrap_or_else(|e| panic!("seed {seed}: {now_at:?} -> {to:?}: {e}"));
        movers.entry(key.clone()).or_default().push(s);
    }
    // Everyone syncs until quiet.
    for _ in 0..2 {
        for from in 0..3 {
            for to in (0..3).filter(|t| *t != from) {
                let changes = all_pending(&sites[from]);
                apply(&mut sites[to], &changes);
            }
        }
    }
    assert_same(&sites, &format!("seed {seed}"));
    let mut flagged = 0;
    for key in &keys {
        let views: Vec<ClaimView> = sites.iter().map(|s| view(s, key)).collect();
        assert_valid(&views[0], &format!("seed {seed}, claim {key}"));
        flagged += usize::from(views[0].summary.conflict.is_some());
        let mut stores = movers.get(key).cloned().unwrap_or_default();
        stores.sort_unstable();
        stores.dedup();
        if stores.len() < 2 {
            assert_eq!(views[0].summary.conflict, None, "seed {seed}: {key} moved at one store");
        }
        for v in &views[1..] {
            assert_eq!(v.summary, views[0].summary, "seed {seed}: claim {key} differs");
            assert_eq!(v.events, views[0].events, "seed {seed}: timeline of {key} differs");
        }
    }
    eprintln!("seed {seed}: {} claims, {flagged} with a conflict shown", keys.len());
}

#[test]
fn random_concurrent_moves_converge_to_a_reachable_state() {
    let seeds: Vec<u64> =
        std::env::var("SYNC_SEEDS").ok().map_or(vec![1, 7, 42, 2026, 9001], |v| {
            v.split(',').filter_map(|x| x.parse().ok()).collect()
        });
    for seed in seeds {
        random_moves(seed, 80);
    }
}
