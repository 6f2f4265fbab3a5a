//! What must hold once the twenty stores have synced until quiet (see `chain_converge`).

use std::collections::{BTreeMap, BTreeSet};

use khachquen::sync::change::{Change, ChangeOp};
use khachquen::sync::spec::{self, Kind, Target};
use serde_json::{Map, Value};

use crate::chain_converge::Store;
use crate::chain_converge_ops::World;
use crate::chain_converge_support::{assert_each_once, assert_same, records, Records};

type Hub = postgres::Client;

pub fn all(url: &str, stores: &mut [Store], w: &World, seed: u64) {
    let codes: Vec<&str> = stores.iter().map(|s| s.code.as_str()).collect();
    let recs: Vec<Records> = stores.iter().map(|s| records(&s.db)).collect();
    assert_same(&recs, &codes, seed);
    for s in stores.iter() {
        assert_each_once(&s.db, seed, &s.code);
    }
    let erased: BTreeSet<String> = recs[0]["customer"]
        .iter()
        .filter(|(_, r)| r.data == "erased")
        .map(|(k, _)| k.clone())
        .collect();
    let n = |e: &str| recs[0][e].len();
    eprintln!(
        "seed {seed}: {} customers ({} erased), {} phones, {} sales, {} claims, {} claim events, \
         {} returns, {} consents",
        n("customer"),
        erased.len(),
        n("customer_phone"),
        n("sale"),
        n("claim"),
        n("claim_event"),
        n("return"),
        n("consent")
    );
    facts_once(&recs[0], w, seed);
    let mut hub = crate::hub_support::admin(url);
    hub_views_match(&mut hub, &recs[0], &erased, seed);
    edits_kept(&mut hub, w, &erased, seed);
    erased_gone(&mut hub, stores, w, &erased, seed);
    duplicates_flagged(stores, seed);
}

/// Audit rows each site writes for itself, never sent.
fn own_audit(entity: &str, data: &Map<String, Value>) -> bool {
    entity == "audit"
        && (data.get("staff") == Some(&Value::from("system"))
            || data.get("action") == Some(&Value::from("erase")))
}

/// Every fact created is held once, and no other.
fn facts_once(recs: &Records, w: &World, seed: u64) {
    for e in spec::ENTITIES.iter().filter(|e| e.kind == Kind::Fact) {
        let made: Vec<&String> = w
            .changes
            .iter()
            .filter(|c| c.entity == e.name && c.op == ChangeOp::Fact && !own_audit(e.name, &c.data))
            .map(|c| &c.key)
            .collect();
        let unique: BTreeSet<&String> = made.iter().copied().collect();
        assert_eq!(unique.len(), made.len(), "seed {seed}: a {} captured twice", e.name);
        let held: BTreeSet<&String> = recs[e.name].keys().collect();
        assert_eq!(held, unique, "seed {seed}: the {}s held are not those made", e.name);
    }
}

fn parsed(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The hub's current state: mutable records field by field, facts whole.
fn hub_state(hub: &mut Hub) -> BTreeMap<String, BTreeMap<String, Map<String, Value>>> {
    let mut out: BTreeMap<String, BTreeMap<String, Map<String, Value>>> = BTreeMap::new();
    let sql = "SELECT entity, key, field, value::text FROM current_fields";
    for r in hub.query(sql, &[]).expect(sql) {
        let rec = out.entry(r.get(0)).or_default().entry(r.get(1)).or_default();
        rec.insert(r.get(2), parsed(r.get(3)));
    }
    let sql = "SELECT entity, key, data::text FROM current_facts";
    for r in hub.query(sql, &[]).expect(sql) {
        let Value::Object(data) = parsed(r.get(2)) else { panic!("a fact that is no object") };
        out.entry(r.get(0)).or_default().insert(r.get(1), data);
    }
    out
}

/// The customers merged into others at the hub, with the merge's clock.
fn merges(hub: &mut Hub) -> BTreeMap<String, (String, String)> {
    let sql = "SELECT key, value #>> '{}', hlc FROM current_fields
        WHERE entity = 'customer' AND field = 'merged_into' AND value <> 'null'::jsonb";
    let rows = hub.query(sql, &[]).expect(sql);
    rows.iter().map(|r| (r.get(0), (r.get(1), r.get(2)))).collect()
}

/// Two merges each way leave a cycle: the record whose own merge is the oldest is live again
/// (as every store decides, `sync::local::merge_cycle`). The records made live.
fn break_cycles(merged: &mut BTreeMap<String, (String, String)>) -> Vec<String> {
    let mut live = vec![];
    'again: loop {
        for start in merged.keys() {
            let mut path = vec![start.clone()];
            while let Some((next, _)) = merged.get(path.last().expect("a start")) {
                if let Some(i) = path.iter().position(|p| p == next) {
                    let kept = path[i..].iter().min_by_key(|k| (&merged[*k].1, *k)).cloned();
                    let kept = kept.expect("a cycle has members");
                    merged.remove(&kept);
                    live.push(kept);
                    continue 'again;
                }
                path.push(next.clone());
            }
        }
        return live;
    }
}

/// The hub's state as the owner reads it, following merges: what points at a customer merged
/// into another points at the one she became, as it does at every store.
fn hub_as_read(hub: &mut Hub) -> BTreeMap<String, BTreeMap<String, Map<String, Value>>> {
    let mut merged = merges(hub);
    let live = break_cycles(&mut merged);
    let mut state = hub_state(hub);
    for k in &live {
        if let Some(r) = state.get_mut("customer").and_then(|c| c.get_mut(k)) {
            r.insert("merged_into".into(), Value::Null);
            r.insert("archived_at".into(), Value::Null);
        }
    }
    let survivor = |mut k: String| {
        while let Some((next, _)) = merged.get(&k) {
            k = next.clone();
        }
        k
    };
    for e in spec::ENTITIES {
        let Some(rows) = state.get_mut(e.name) else { continue };
        rows.retain(|_, r| r.get("deleted") != Some(&Value::from(1)) && !own_audit(e.name, r));
        for (col, target) in e.refs {
            // Phones move by changes of their own (the merge captured them).
            if *target != Target::Entity("customer")
                || *col == "merged_into"
                || e.name == "customer_phone"
            {
                continue;
            }
            for r in rows.values_mut() {
                if let Some(Value::String(k)) = r.get(*col).cloned() {
                    r.insert((*col).into(), Value::String(survivor(k)));
                }
            }
        }
    }
    state
}

/// The hub's owner views hold what every store holds: of the erased, what may stay (an erased
/// customer's own record is compared by key only, its anonymous name being each store's own).
fn hub_views_match(hub: &mut Hub, recs: &Records, erased: &BTreeSet<String>, seed: u64) {
    let mut state = hub_as_read(hub);
    if let Some(customers) = state.get_mut("customer") {
        for key in erased {
            let held = customers.get_mut(key).expect("an erased customer's record stays");
            *held = Map::from_iter([("erased".to_owned(), Value::Bool(true))]);
        }
    }
    let none = BTreeMap::new();
    for e in spec::ENTITIES {
        let store: BTreeMap<&String, Value> = recs[e.name]
            .iter()
            .map(|(k, r)| match r.data.as_str() {
                "erased" => (k, serde_json::json!({ "erased": true })),
                data => (k, parsed(data)),
            })
            .collect();
        let at_hub = state.get(e.name).unwrap_or(&none);
        for (key, data) in &store {
            let held = at_hub.get(*key).map(|m| Value::Object(m.clone()));
            assert_eq!(held.as_ref(), Some(data), "seed {seed}: the hub's {} {key}", e.name);
        }
        let extra: Vec<&String> = at_hub.keys().filter(|k| !store.contains_key(k)).collect();
        assert!(extra.is_empty(), "seed {seed}: the hub holds {} {extra:?} no store does", e.name);
    }
    let view: i64 =
        hub.query_one("SELECT count(*) FROM current_customers", &[]).expect("view").get(0);
    assert_eq!(view as usize, recs["customer"].len(), "seed {seed}: the owner's customers view");
}

/// Every acknowledged edit is what the hub holds, or the hub holds one with a later clock (and
/// every store holds what the hub does: `hub_views_match`).
/// A claim's fields its events fold to (`sales::claim::fold`, and the hub's `hub_fold_claim`).
const CLAIM_FOLDED: [&str; 5] = ["status", "sent_on", "back_on", "closed_on", "quote_approved"];

fn edits_kept(hub: &mut Hub, w: &World, erased: &BTreeSet<String>, seed: u64) {
    let mut held: BTreeMap<(String, String, String), (Value, String)> = BTreeMap::new();
    let sql = "SELECT entity, key, field, value::text, hlc FROM current_fields";
    for r in hub.query(sql, &[]).expect(sql) {
        held.insert((r.get(0), r.get(1), r.get(2)), (parsed(r.get(3)), r.get(4)));
    }
    let mut checked = 0;
    for c in w.changes.iter().filter(|c| c.op == ChangeOp::Fields) {
        if c.customer.as_ref().is_some_and(|k| erased.contains(k)) {
            continue;
        }
        let hlc = c.hlc.to_string();
        for (field, value) in &c.data {
            let slot = (c.entity.clone(), c.key.clone(), field.clone());
            let (v, h) = held
                .get(&slot)
                .unwrap_or_else(|| panic!("seed {seed}: {slot:?} ({hlc}) is nowhere at the hub"));
            assert!(*h >= hlc, "seed {seed}: {slot:?} holds {h}, older than the edit's {hlc}");
            // A claim's state is no one's last word: its events fold to it (the hub's view
            // equals every store's, `hub_views_match`), a move set aside included.
            let folded = c.entity == "claim" && CLAIM_FOLDED.contains(&field.as_str());
            if *h == hlc && !folded {
                assert_eq!(v, value, "seed {seed}: {slot:?} at {hlc}");
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "seed {seed}: no edit was checked");
}

/// The words of the erased customers: every personal value a change about them carried that
/// no customer still known carries too (two records may share a phone).
fn erased_words(w: &World, erased: &BTreeSet<String>) -> BTreeSet<String> {
    let words = |c: &Change| -> Vec<String> {
        // Audit details quote what the other changes carry, and what was done ({"records":1}).
        let Some(e) = spec::by_name(&c.entity).filter(|e| e.name != "audit") else {
            return vec![];
        };
        let mut out = vec![];
        for (field, _) in e.personal {
            let Some(Value::String(text)) = c.data.get(*field) else { continue };
            // The anonymous name erasure gives is nobody's.
            let words = text.lines().map(str::trim).filter(|l| !l.starts_with("Khách đã xoá #"));
            // A code the app writes (`return`, the reason of points taken back) is no one's.
            let code = |l: &str| l.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            for line in words.filter(|l| l.chars().count() >= 6 && !code(l)) {
                out.push(line.to_owned());
                out.push(khachquen::text::fold(line));
            }
        }
        out
    };
    let hers = |c: &&Change| c.customer.as_ref().is_some_and(|k| erased.contains(k));
    let kept: BTreeSet<String> = w.changes.iter().filter(|c| !hers(c)).flat_map(&words).collect();
    w.changes.iter().filter(hers).flat_map(words).filter(|x| !kept.contains(x)).collect()
}

/// No erased customer's words in any store's file, the hub's tables or the hub's log.
fn erased_gone(
    hub: &mut Hub,
    stores: &mut [Store],
    w: &World,
    erased: &BTreeSet<String>,
    seed: u64,
) {
    let words = erased_words(w, erased);
    assert!(erased.is_empty() || !words.is_empty(), "seed {seed}: the erased had no words?");
    let sql = "SELECT coalesce(string_agg(t, E'\\n'), '') FROM (
        SELECT data::text AS t FROM changes
        UNION ALL SELECT value::text FROM current_fields
        UNION ALL SELECT data::text FROM current_facts) x";
    let at_hub: String = hub.query_one(sql, &[]).expect("the hub's text").get(0);
    for word in &words {
        assert!(!at_hub.contains(word.as_str()), "seed {seed}: the hub keeps {word:?}");
    }
    for s in stores.iter() {
        s.db.conn().execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);").expect("vacuum");
        let mut bytes = std::fs::read(s.path()).expect("the file");
        bytes.extend(std::fs::read(s.dir.path().join("khachquen.db-wal")).unwrap_or_default());
        let text = String::from_utf8_lossy(&bytes);
        for word in &words {
            assert!(!text.contains(word.as_str()), "seed {seed}: {} keeps {word:?}", s.code);
        }
    }
}

/// Customers made at two stores with one phone are flagged as duplicates at every store.
fn duplicates_flagged(stores: &mut [Store], seed: u64) {
    let mut pairs_seen = 0;
    for s in stores.iter_mut() {
        let pairs: Vec<(i64, i64)> = s
            .db
            .conn()
            .prepare(
                // A merged record keeps the number it shared with the one it became, as history.
                "SELECT DISTINCT a.customer_id, b.customer_id FROM customer_phone a
                 JOIN customer_phone b ON b.canonical = a.canonical AND b.customer_id > a.customer_id
                 JOIN customer ca ON ca.id = a.customer_id JOIN customer cb ON cb.id = b.customer_id
                 WHERE ca.merged_into IS NULL AND cb.merged_into IS NULL",
            )
            .expect("pairs")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("pairs")
            .collect::<Result<_, _>>()
            .expect("pairs");
        let scan = s.serve(|d| d.find_duplicates(100_000)).expect("the duplicate finder");
        let found: BTreeSet<(i64, i64)> =
            scan.pairs.iter().map(|p| (p.a.id.min(p.b.id), p.a.id.max(p.b.id))).collect();
        for pair in &pairs {
            assert!(found.contains(pair), "seed {seed}: {} does not flag {pair:?}", s.code);
        }
        pairs_seen += pairs.len();
    }
    assert!(pairs_seen > 0, "seed {seed}: no customer was made twice, nothing was checked");
}
