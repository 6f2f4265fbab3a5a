//! Erasure of one customer (personal fields anonymised, every search entry removed, audit
//! detail redacted, secure_delete on, the WAL truncated) in a database of `--customers`
//! customers (default 1,000,000), against a baseline measured in the same run on the same
//! file: an ordinary edit of one customer (`customer::update`, also audited and re-indexed).
//!
//! `cargo bench --bench privacy -- --customers 1000000 --samples 50`

mod common;

use std::time::Duration;

use chrono::Utc;
use common::{arg, ms, percentile, timed};
use khachquen::customer::{self, bulk};
use khachquen::{demo, privacy, Db};

fn report(name: &str, mut v: Vec<Duration>) -> Duration {
    v.sort();
    let p50 = percentile(&v, 0.5);
    println!(
        "{name}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} samples)",
        ms(p50),
        ms(percentile(&v, 0.95)),
        ms(*v.last().unwrap_or(&Duration::ZERO)),
        v.len()
    );
    p50
}

fn main() {
    let n = arg("--customers", 1_000_000);
    let samples = arg("--samples", 50);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("shop.db");
    let mut db = Db::open(&path).unwrap_or_else(|e| panic!("open: {e}"));
    let (_, took) = timed(|| demo::generate(&mut db, n, 42, Utc::now(), "bench"));
    println!("data: {n} demo customers generated in {:.0} s", took.as_secs_f64());
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("file: {:.0} MB", bytes as f64 / 1_048_576.0);

    // Customers spread over the id range; each is edited once (baseline) then erased once.
    let step = (n / samples.max(1)).max(1) as i64;
    let ids: Vec<i64> = (0..samples as i64).map(|i| 1 + i * step).collect();
    // One unmeasured pass: the counter's pages are warm all day.
    for id in &ids {
        customer::get(db.conn(), *id, Utc::now().date_naive()).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut edits = Vec::new();
    for id in &ids {
        let mut d = bulk::stored_draft(db.conn(), *id).unwrap_or_else(|e| panic!("{e}"));
        d.notes = "Khách dặn gọi trước khi giao".into();
        d.allow_duplicate = true;
        let (r, t) = timed(|| customer::update(&mut db, *id, &d, "bench", Utc::now()));
        r.unwrap_or_else(|e| panic!("update {id}: {e}"));
        edits.push(t);
    }
    // Each erasure truncates the WAL: the edits above would otherwise be checkpointed on the
    // first erasure's clock (a one-off, not erasure's cost; SQLite checkpoints every 1,000
    // pages anyway).
    db.conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut erasures = Vec::new();
    for id in &ids {
        let (r, t) = timed(|| privacy::erase(&mut db, *id, "bench", Utc::now()));
        r.unwrap_or_else(|e| panic!("erase {id}: {e}"));
        erasures.push(t);
    }
    let base = report("baseline: edit one customer", edits);
    let erase = report("erase one customer", erasures);
    println!(
        "ratio: erase p50 = {:.1}× an edit's p50 (target: erase ≤ 50 ms)",
        erase.as_secs_f64() / base.as_secs_f64()
    );
}
