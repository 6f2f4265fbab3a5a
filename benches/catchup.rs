//! A store catching up after a week offline in a chain of 200 (issue 15: about 420,000 changes
//! in ≤ 30 s). The store joins the hub with a shop of its own and syncs; then the 199 other
//! stores push their week (`chain_data`: real captured writes dealt out by customer); then the
//! store's `chain::sync` (push, pull, apply, re-plan care, batch after batch until nothing is
//! left) is timed. Baseline in the same run: the same changes pulled from the hub in batches of
//! `chain::BATCH` (500; the sync's own were 500 too until it took 2,000 a batch, `chain::PULL`, and
//! the baseline stayed as it was measured) and stored as bare rows in one SQLite table
//! (transport and a plain write, no apply).
//!
//! `cargo bench --bench catchup -- --customers 40000 --units 140000 --stores 199 --own 20000`
//! (the full size: about 420,000 changes); `--customers 4000 --units 14000` for a quick check.

mod chain_data;
mod common;
#[allow(dead_code)] // the tests' server: the bench uses part of it
#[path = "../tests/pg_server.rs"]
mod pg_server;
mod sales_data;

use chrono::Utc;
use common::timed;
use khachquen::{chain, hub};

fn main() {
    let customers = common::arg("--customers", 40_000);
    let units = common::arg("--units", 140_000);
    let stores = common::arg("--stores", 199).max(1);
    let own = common::arg("--own", 20_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let now = Utc::now();
    let url = pg_server::fresh_db();
    hub::init(&url).unwrap_or_else(|e| panic!("{e}"));

    // The store that goes offline: a shop of its own, joined and synced before the week.
    let home = dir.path().join("store");
    std::fs::create_dir_all(&home).unwrap_or_else(|e| panic!("{e}"));
    let mut db = chain_data::open_store(&home);
    khachquen::demo::generate(&mut db, own, 7, now, "bench").unwrap_or_else(|e| panic!("{e}"));
    let (joined, took) = timed(|| chain_data::join(&mut db, &home, &url, "Z000"));
    println!(
        "store Z000: {own} customers of its own, joined ({} changes up) in {:.1} s",
        joined.pushed,
        took.as_secs_f64()
    );

    let (captured, took) =
        timed(|| chain_data::captured_shop(&dir.path().join("tpl.db"), customers, units, now));
    println!(
        "the week: {} changes captured in {:.1} s: {}",
        captured.len(),
        took.as_secs_f64(),
        chain_data::mix(&captured)
    );
    let codes: Vec<String> = (1..=stores).map(|i| format!("S{i:03}")).collect();
    let dealt = chain_data::deal(&captured, &codes, now);
    drop(captured);
    let (pushed, took) = timed(|| chain_data::push_stores(&url, &dealt, 5_000));
    println!("{stores} stores pushed {pushed} changes in {:.1} s", took.as_secs_f64());
    drop(dealt);

    let cursors = chain::cursors(db.conn()).unwrap_or_else(|e| panic!("{e}"));
    let (bare, base) = timed(|| baseline(&url, &cursors, &dir.path().join("bare.db")));
    println!("load average before the catch-up: {}", chain_data::load());
    let (synced, took) = timed(|| chain::sync(&mut db, &home).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(synced.pulled, bare, "the sync pulled what the baseline pulled");
    println!(
        "catch-up: {} changes pulled and applied in {:.2} s ({:.0}/s; target <= 30 s); \
         baseline pull + bare insert {:.2} s; ratio {:.1}; load average {}",
        synced.pulled,
        took.as_secs_f64(),
        synced.pulled as f64 / took.as_secs_f64(),
        base.as_secs_f64(),
        took.as_secs_f64() / base.as_secs_f64(),
        chain_data::load()
    );
    let (again, quiet) = timed(|| chain::sync(&mut db, &home).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(again.pulled, 0, "quiet after the catch-up");
    println!("a sync with nothing to do: {:.0} ms", quiet.as_secs_f64() * 1000.0);
}

/// Pulls everything past `cursors` as the store would (as the hub's owner, by the same
/// batches) and writes each change as one bare row. Returns how many.
fn baseline(url: &str, cursors: &hub::Cursors, path: &std::path::Path) -> usize {
    let mut client = hub::connect(url).unwrap_or_else(|e| panic!("{e}"));
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE bare(site TEXT, seq INTEGER, hlc TEXT, entity TEXT, key TEXT, data TEXT);",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut cursors = cursors.clone();
    let mut n = 0;
    loop {
        let changes = hub::pull(&mut client, "Z000", &cursors, chain::BATCH as i64)
            .unwrap_or_else(|e| panic!("{e}"));
        if changes.is_empty() {
            return n;
        }
        let tx = conn.unchecked_transaction().unwrap_or_else(|e| panic!("{e}"));
        {
            let mut insert = tx
                .prepare_cached("INSERT INTO bare VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .unwrap_or_else(|e| panic!("{e}"));
            for c in &changes {
                let seen = cursors.entry(c.site.clone()).or_insert(0);
                *seen = (*seen).max(c.seq);
                let data = serde_json::to_string(&c.data).unwrap_or_default();
                insert
                    .execute(rusqlite::params![
                        c.site,
                        c.seq,
                        c.hlc.to_string(),
                        c.entity,
                        c.key,
                        data
                    ])
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
        n += changes.len();
    }
}
