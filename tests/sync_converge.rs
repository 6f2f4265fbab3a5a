//! Three stores, seeded random work while apart, clocks skewed ±10 minutes and one set back a
//! day, changes carried in random order and repeated: once everyone has everything, every store
//! holds the same records field by field, every edit is there or overwritten by one with a later
//! clock, and no fact is held twice.

use std::collections::{BTreeMap, BTreeSet};

use crate::chain_converge_support::{assert_each_once, assert_same, records, Rng};

use khachquen::customer::{self, CustomerDraft, PhoneDraft};
use khachquen::sync::local;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

const NAMES: &[&str] =
    &["Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Mai", "Phạm Minh Châu", "Võ Thị Sáu"];
const TAGS: &[&str] = &["vip", "sỉ", "mới", "thân"];

fn live_customers(db: &Db) -> Vec<i64> {
    db.conn()
        .prepare(
            "SELECT id FROM customer WHERE erased_at IS NULL AND merged_into IS NULL ORDER BY key",
        )
        .expect("ids")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("ids")
}

fn random_draft(rng: &mut Rng, phones: &mut u64) -> CustomerDraft {
    let n = 1 + rng.below(2);
    let mut ps = Vec::new();
    for i in 0..n {
        // Sometimes a number already used (the same number on two cards), mostly a new one.
        let number = if rng.below(4) == 0 {
            10
        } else {
            *phones += 1;
            *phones
        };
        ps.push(PhoneDraft { raw: format!("0912{number:06}"), is_primary: i == 0 });
    }
    CustomerDraft {
        full_name: NAMES[rng.below(NAMES.len())].into(),
        notes: format!("ghi chú {}", rng.next() % 1000),
        phones: ps,
        tags: TAGS.iter().filter(|_| rng.below(2) == 0).map(|t| (*t).to_owned()).collect(),
        allow_duplicate: true,
        ..CustomerDraft::default()
    }
}

fn work(
    rng: &mut Rng,
    sites: &mut [Db],
    codes: &[&str],
    product: &mut [i64],
    step: usize,
    phones: &mut u64,
) {
    let s = rng.below(sites.len());
    let db = &mut sites[s];
    let known = live_customers(db);
    match rng.below(10) {
        0..=2 => {
            customer::create(db, &random_draft(rng, phones), STAFF, now()).expect("create");
        }
        3..=5 if !known.is_empty() => {
            let id = known[rng.below(known.len())];
            customer::update(db, id, &random_draft(rng, phones), STAFF, now()).expect("edit");
        }
        6 if !known.is_empty() => {
            let id = known[rng.below(known.len())];
            let notes = format!("sửa tay {}", rng.next() % 1000);
            db.write(|tx| {
                Ok(tx.execute("UPDATE customer SET notes = ?2 WHERE id = ?1", (id, notes))?)
            })
            .expect("one field");
        }
        7 | 8 if !known.is_empty() && product[s] > 0 => {
            let id = known[rng.below(known.len())];
            sale(db, &format!("{}-{step}", codes[s]), id, product[s]);
        }
        9 if !known.is_empty() && rng.below(6) == 0 => {
            let id = known[rng.below(known.len())];
            khachquen::privacy::erase(db, id, STAFF, now()).expect("erase");
        }
        _ => {}
    }
}

/// Carries some of what `from` captured to `to`, shuffled, some twice.
fn partial_carry(rng: &mut Rng, sites: &mut [Db], from: usize, to: usize) {
    let mut changes = all_pending(&sites[from]);
    let n = changes.len();
    for i in (1..n).rev() {
        changes.swap(i, rng.below(i + 1));
    }
    let take = rng.below(n + 1);
    let mut batch: Vec<_> = changes.into_iter().take(take).collect();
    if let Some(again) = batch.first().cloned() {
        batch.push(again);
    }
    apply(&mut sites[to], &batch);
}

/// The value of `field` of customer `key` written at the latest clock by any store.
fn latest_edits(sites: &[Db]) -> BTreeMap<(String, String), (String, serde_json::Value)> {
    let mut out: BTreeMap<(String, String), (String, serde_json::Value)> = BTreeMap::new();
    for db in sites {
        for c in all_pending(db).into_iter().filter(|c| c.entity == "customer") {
            for field in ["full_name", "notes", "tags"] {
                if let Some(v) = c.data.get(field) {
                    let slot = (c.key.clone(), field.to_owned());
                    let hlc = c.hlc.to_string();
                    if out.get(&slot).is_none_or(|(h, _)| *h < hlc) {
                        out.insert(slot, (hlc, v.clone()));
                    }
                }
            }
        }
    }
    out
}

fn run(seed: u64, steps: usize) {
    let codes = ["A", "B", "C"];
    let mut sites: Vec<Db> = codes.iter().map(|c| site(c)).collect();
    for (db, offset) in sites.iter_mut().zip([600_000, -600_000, -86_400_000]) {
        db.write(|tx| local::set_clock_offset(tx, offset)).expect("skew");
    }
    let mut product = vec![0; 3];
    product[0] = shirt_product(&mut sites[0]).id;
    let (first, rest) = sites.split_at_mut(1);
    for other in rest.iter_mut() {
        carry(&first[0], other);
    }
    let pkey = key_of(&sites[0], "product", product[0]);
    for s in 1..3 {
        product[s] = id_by_key(&sites[s], "product", &pkey).expect("the catalogue arrived");
    }
    let mut rng = Rng::seeded(seed);
    let mut phones = 100;
    for step in 0..steps {
        if rng.below(4) == 0 {
            let (from, to) = (rng.below(3), rng.below(3));
            if from != to {
                partial_carry(&mut rng, &mut sites, from, to);
            }
        } else {
            work(&mut rng, &mut sites, &codes, &mut product, step, &mut phones);
        }
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
    let dumps: Vec<_> = sites.iter().map(records).collect();
    let n = |e: &str| dumps[0][e].len();
    let erased_n = dumps[0]["customer"].values().filter(|r| r.data == "erased").count();
    eprintln!(
        "seed {seed}: {} customers ({erased_n} erased), {} phones, {} sales, {} audit",
        n("customer"),
        n("customer_phone"),
        n("sale"),
        n("audit")
    );
    assert_same(&dumps, &codes, seed);
    let erased: BTreeSet<String> = dumps[0]["customer"]
        .iter()
        .filter(|(_, r)| r.data == "erased")
        .map(|(k, _)| k.clone())
        .collect();
    for ((key, field), (hlc, value)) in latest_edits(&sites) {
        if erased.contains(&key) {
            continue;
        }
        let row: serde_json::Value =
            serde_json::from_str(&dumps[0]["customer"][&key].data).expect("json");
        assert_eq!(row[&field], value, "seed {seed}: {key}.{field} is not its latest edit ({hlc})");
    }
    for (db, code) in sites.iter().zip(codes) {
        assert_each_once(db, seed, code);
    }
}

#[test]
fn three_stores_apart_then_synced_hold_the_same_data() {
    let seeds: Vec<u64> = std::env::var("SYNC_SEEDS")
        .ok()
        .map_or(vec![1, 7, 42, 2026], |v| v.split(',').filter_map(|x| x.parse().ok()).collect());
    let steps = std::env::var("SYNC_STEPS").ok().and_then(|v| v.parse().ok()).unwrap_or(120);
    for seed in seeds {
        run(seed, steps);
    }
}
