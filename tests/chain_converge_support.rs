//! What the convergence tests share, with or without a hub: a seeded generator, every synced
//! record a store holds by chain key, and the checks that several stores hold the same.

use std::collections::BTreeMap;

use khachquen::sync::{spec, sql};
use khachquen::Db;

/// A small seeded generator (xorshift): the same seed, the same run.
pub struct Rng(pub u64);

impl Rng {
    pub fn seeded(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())])
    }
}

/// One synced record as a store holds it: its data as it travels (references as keys), and
/// the key of the customer whose data it is, if anyone's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub data: String,
    pub owner: Option<String>,
}

pub type Records = BTreeMap<String, BTreeMap<String, Record>>;

/// Every synced record a store holds, by entity then chain key. An erased customer is her key
/// only (her anonymous name carries a local number); audit rows each site writes for itself
/// (the system's, an erasure carried out) are left out.
pub fn records(db: &Db) -> Records {
    let mut out = BTreeMap::new();
    for e in spec::ENTITIES {
        let whole = sql::whole_record(e, "r");
        let data = if e.name == "customer" {
            format!("iif(r.erased_at IS NULL, {whole}, 'erased')")
        } else {
            whole
        };
        let mut q =
            format!("SELECT r.key, {data}, {} FROM {} r", sql::owner_expr(e, "r", 0), e.table);
        if e.name == "audit" {
            q.push_str(" WHERE r.staff <> 'system' AND r.action <> 'erase'");
        }
        let rows: BTreeMap<String, Record> = db
            .conn()
            .prepare(&q)
            .expect("dump")
            .query_map([], |r| Ok((r.get(0)?, Record { data: r.get(1)?, owner: r.get(2)? })))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows");
        out.insert(e.name.to_owned(), rows);
    }
    out
}

/// Each store's records equal the first's, record by record.
pub fn assert_same(all: &[Records], codes: &[&str], seed: u64) {
    let first = &all[0];
    for (i, d) in all.iter().enumerate().skip(1) {
        for (entity, rows) in d {
            let a = &first[entity];
            for (key, rec) in a {
                assert_eq!(
                    rows.get(key),
                    Some(rec),
                    "seed {seed}: {entity} {key} differs between {} and {}",
                    codes[0],
                    codes[i]
                );
            }
            let extra: Vec<&String> = rows.keys().filter(|k| !a.contains_key(*k)).collect();
            assert!(
                extra.is_empty(),
                "seed {seed}: {} holds {entity} {extra:?} that {} does not",
                codes[i],
                codes[0]
            );
        }
    }
}

/// No synced record is held twice under one key, and nothing waits for what never came.
pub fn assert_each_once(db: &Db, seed: u64, code: &str) {
    for e in spec::ENTITIES {
        let (n, distinct): (i64, i64) = db
            .conn()
            .query_row(&format!("SELECT count(*), count(DISTINCT key) FROM {}", e.table), [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("count");
        assert_eq!(n, distinct, "seed {seed}: a {} held twice at {code}", e.name);
    }
    let waiting: i64 =
        db.conn().query_row("SELECT count(*) FROM sync_deferred", [], |r| r.get(0)).expect("n");
    assert_eq!(waiting, 0, "seed {seed}: nothing left waiting at {code} once it has everything");
}
