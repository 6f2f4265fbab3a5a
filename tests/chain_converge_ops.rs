//! The seeded work of the 20-store convergence test: what staff do at a counter, through the
//! desk as the app does it, each write's captured changes kept to check at the end.

use khachquen::customer::bulk::draft_of;
use khachquen::customer::{CustomerDraft, PhoneDraft};
use khachquen::privacy::{ConsentDraft, ConsentMethod, Purpose};
use khachquen::sales::claim::{ClaimDraft, TransitionDraft};
use khachquen::sales::policy::ReturnCheck;
use khachquen::sales::returns::{ReturnDraft, ReturnOutcome};
use khachquen::sales::{LineDraft, PurchaseDraft};
use khachquen::sync::change::Change;
use khachquen::sync::local;

use crate::chain_converge::Store;
use crate::chain_converge_support::Rng;

const NAMES: &[&str] =
    &["Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Mai", "Phạm Minh Châu", "Võ Thị Sáu"];
const TAGS: &[&str] = &["vip", "sỉ", "mới", "thân"];
const PURPOSES: &[Purpose] =
    &[Purpose::CareCalls, Purpose::MarketingZalo, Purpose::MarketingSms, Purpose::MarketingEmail];

/// What the run has done so far, beyond the stores' files.
pub struct World {
    pub rng: Rng,
    /// Numbers names, phones, receipts and serials so that each is the run's own.
    n: u64,
    /// Phones given at one store that another store may give a customer of its own too.
    twins: Vec<(String, usize)>,
    /// Every change a write was acknowledged with, as captured right after it.
    pub changes: Vec<Change>,
    /// Local ids of the phone and shirt products, per store.
    pub products: Vec<(i64, i64)>,
    /// Ops done, and refused (a claim move another store's move made invalid, say).
    pub done: usize,
    pub refused: usize,
}

impl World {
    pub fn new(seed: u64) -> World {
        let rng = Rng::seeded(seed);
        World { rng, n: 0, twins: vec![], changes: vec![], products: vec![], done: 0, refused: 0 }
    }

    fn fresh(&mut self) -> u64 {
        self.n += 1;
        self.n
    }

    fn phone(&mut self) -> String {
        format!("09{:08}", 10_000_000 + self.fresh())
    }

    /// Keeps what `store` captured after `before`: the acknowledged changes.
    pub fn record(&mut self, store: &Store, before: i64) {
        let new = local::pending(store.db.conn(), before, usize::MAX >> 1).expect("outbox");
        self.changes.extend(new);
    }
}

fn last_seq(store: &Store) -> i64 {
    local::site(store.db.conn()).expect("site").seq
}

fn ids(store: &Store, sql: &str) -> Vec<i64> {
    let mut stmt = store.db.conn().prepare(sql).expect(sql);
    stmt.query_map([], |r| r.get(0)).expect(sql).collect::<Result<_, _>>().expect(sql)
}

fn live(store: &Store) -> Vec<i64> {
    ids(
        store,
        "SELECT id FROM customer WHERE erased_at IS NULL AND merged_into IS NULL ORDER BY id",
    )
}

/// One seeded operation at `store`. A refusal must leave nothing captured.
pub fn one(w: &mut World, store: &mut Store, s: usize) {
    let before = last_seq(store);
    let customers = live(store);
    let done = match w.rng.below(14) {
        0..=2 => create(w, store, s),
        3 | 4 => edit(w, store, &customers),
        5 => phones(w, store, &customers),
        6 | 7 => sale(w, store, s, &customers),
        8 | 13 => claim(w, store),
        9 => give_back(store),
        10 => consent(w, store, &customers),
        11 => merge(w, store, &customers),
        12 if w.rng.chance(50) => erase(w, store, &customers),
        _ => None,
    };
    match done {
        Some(true) => {
            w.done += 1;
            w.record(store, before);
        }
        Some(false) => {
            w.refused += 1;
            assert_eq!(last_seq(store), before, "a refused operation captured a change");
        }
        None => {}
    }
}

fn name(w: &mut World, store: &Store) -> String {
    let base = NAMES[w.rng.below(NAMES.len())];
    format!("{base} {}{:06}", store.code, w.fresh())
}

fn create(w: &mut World, store: &mut Store, s: usize) -> Option<bool> {
    // A phone another store gave a customer while this one had not heard of her: two records
    // of one person, for the duplicate finder.
    let twin = w.twins.iter().position(|(_, at)| *at != s);
    let phone = match twin {
        Some(i) if w.rng.chance(50) => w.twins.remove(i).0,
        _ => {
            let p = w.phone();
            if w.rng.chance(30) {
                w.twins.push((p.clone(), s));
            }
            p
        }
    };
    let draft = CustomerDraft {
        full_name: name(w, store),
        notes: format!("ghi chú {}-{:06}", store.code, w.fresh()),
        phones: vec![PhoneDraft { raw: phone, is_primary: true }],
        tags: TAGS.iter().filter(|_| w.rng.chance(50)).map(|t| (*t).to_owned()).collect(),
        allow_duplicate: true,
        ..CustomerDraft::default()
    };
    Some(store.serve(|d| d.create_customer(&draft)).is_ok())
}

/// One field of a customer's card, as the form saves it.
fn edit(w: &mut World, store: &mut Store, customers: &[i64]) -> Option<bool> {
    let id = w.rng.pick(customers)?;
    let card = store.serve(|d| d.get_customer(id)).ok()?;
    let mut draft = draft_of(&card);
    let n = w.fresh();
    match w.rng.below(5) {
        0 => draft.full_name = name(w, store),
        1 => draft.notes = format!("sửa {}-{n:06}", store.code),
        2 => draft.tags = TAGS.iter().filter(|_| w.rng.chance(50)).map(|t| (*t).into()).collect(),
        3 => draft.email = format!("khach{n:06}@vidu.vn"),
        _ => draft.address = format!("{n:06} Lê Lợi, Quận 1"),
    }
    Some(store.serve(|d| d.update_customer(id, &draft)).is_ok())
}

/// A phone added, or one that is not the first removed.
fn phones(w: &mut World, store: &mut Store, customers: &[i64]) -> Option<bool> {
    let id = w.rng.pick(customers)?;
    let card = store.serve(|d| d.get_customer(id)).ok()?;
    let mut draft = draft_of(&card);
    if draft.phones.len() > 1 && w.rng.chance(50) {
        let i = 1 + w.rng.below(draft.phones.len() - 1);
        draft.phones.remove(i);
    } else {
        draft.phones.push(PhoneDraft { raw: w.phone(), is_primary: false });
    }
    Some(store.serve(|d| d.update_customer(id, &draft)).is_ok())
}

fn sale(w: &mut World, store: &mut Store, s: usize, customers: &[i64]) -> Option<bool> {
    let id = w.rng.pick(customers)?;
    let (phone, shirt) = w.products[s];
    let n = w.fresh();
    let line = if w.rng.chance(60) {
        LineDraft {
            product_id: phone,
            quantity: 1,
            serials: vec![format!("IMEI{n}")],
            ..LineDraft::default()
        }
    } else {
        LineDraft { product_id: shirt, quantity: 1 + w.rng.below(2) as i64, ..LineDraft::default() }
    };
    let draft = PurchaseDraft {
        receipt_no: format!("{}-{n}", store.code),
        customer_id: Some(id),
        note: format!("giao tận nhà {n:06}"),
        lines: vec![line],
        ..PurchaseDraft::default()
    };
    Some(store.serve(|d| d.create_purchase(&draft)).is_ok())
}

/// A claim opened on a unit sold, or an open claim moved on (claims are synced, so two stores
/// move one claim while apart).
fn claim(w: &mut World, store: &mut Store) -> Option<bool> {
    let open = ids(
        store,
        "SELECT id FROM claim WHERE status NOT IN
            ('returned', 'replaced', 'refunded', 'rejected', 'declined', 'cancelled') ORDER BY id",
    );
    if open.is_empty() || w.rng.chance(50) {
        let units = ids(
            store,
            "SELECT u.id FROM unit u WHERE u.status = 'sold' AND u.customer_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.unit_id = u.id) ORDER BY u.id",
        );
        let unit_id = w.rng.pick(&units)?;
        let d =
            ClaimDraft { unit_id, symptom: "Không lên nguồn".into(), ..ClaimDraft::default() };
        return Some(store.serve(|desk| desk.open_claim(&d)).is_ok());
    }
    let id = w.rng.pick(&open)?;
    let status = store.serve(|d| d.get_claim(id)).ok()?.summary.status;
    let to = w.rng.pick(status.next())?;
    let n = w.fresh();
    let d = TransitionDraft {
        to,
        service_center: "TTBH Apple Quận 3".into(),
        quote: "500k".into(),
        note: format!("ghi chú sửa {n:06}"),
        refund_amount: "1.000.000".into(),
        replacement_serial: format!("NEW{n}"),
        ..TransitionDraft::default()
    };
    Some(store.serve(|desk| desk.transition_claim(id, &d)).is_ok())
}

/// A phone brought back the day it was sold: refunded as the policy says.
fn give_back(store: &mut Store) -> Option<bool> {
    let (unit, line): (i64, i64) = store
        .db
        .conn()
        .query_row(
            "SELECT u.id, u.line_id FROM unit u WHERE u.status = 'sold'
             AND u.customer_id IS NOT NULL ORDER BY u.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok()?;
    let d = ReturnDraft {
        line_id: line,
        unit_id: Some(unit),
        check: ReturnCheck { faulty: false, intact: true, has_receipt: true },
        reason: "Khách đổi ý".into(),
        outcome: ReturnOutcome::Refund,
        ..ReturnDraft::default()
    };
    Some(store.serve(|desk| desk.record_return(&d)).is_ok())
}

fn consent(w: &mut World, store: &mut Store, customers: &[i64]) -> Option<bool> {
    let id = w.rng.pick(customers)?;
    let d = ConsentDraft {
        purpose: w.rng.pick(PURPOSES)?,
        granted: w.rng.chance(70),
        method: Some(ConsentMethod::InStore),
        evidence: format!("phiếu số {:06}", w.fresh()),
    };
    Some(store.serve(|desk| desk.record_consent(id, &d)).is_ok())
}

/// Two records of one person (sharing a phone, when the store has such) merged.
fn merge(w: &mut World, store: &mut Store, customers: &[i64]) -> Option<bool> {
    let twins: Vec<(i64, i64)> = store
        .db
        .conn()
        .prepare(
            "SELECT a.customer_id, b.customer_id FROM customer_phone a
             JOIN customer_phone b ON b.canonical = a.canonical AND b.customer_id > a.customer_id
             ORDER BY 1, 2",
        )
        .expect("twins")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("twins")
        .collect::<Result<_, _>>()
        .expect("twins");
    let (keep, from) = match w.rng.pick(&twins) {
        Some(pair) if w.rng.chance(70) => pair,
        _ => (w.rng.pick(customers)?, w.rng.pick(customers)?),
    };
    if keep == from {
        return None;
    }
    Some(store.serve(|d| d.merge_customers(keep, from)).is_ok())
}

fn erase(w: &mut World, store: &mut Store, customers: &[i64]) -> Option<bool> {
    let id = w.rng.pick(customers)?;
    Some(store.serve(|d| d.erase_customer(id)).is_ok())
}
