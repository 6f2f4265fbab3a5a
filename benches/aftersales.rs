//! After-sales benchmarks (ISSUE: after-sales): serial/IMEI lookup, the full customer card and
//! the claim board, on 1,000,000 customers and 3,000,000 sold units.
//!
//! `cargo bench --bench aftersales -- [--customers N] [--units U] [--claims C] [--queries Q]`
//!
//! Same-run baseline: the last-digits lookup as `serial LIKE '%digits'` (a scan).

mod common;
mod sales_data;

use std::time::{Duration, Instant};

use common::{arg, percentile};
use sales_data::{generate, serial_of};

use chrono::Utc;
use khachquen::clock::local_date;
use khachquen::demo::Rng;
use khachquen::sales::{self, claim, search};
use khachquen::{customer, Db};

fn pct(sorted: &[Duration], p: f64) -> f64 {
    percentile(sorted, p).as_secs_f64() * 1000.0
}

fn measure(label: &str, n: usize, mut f: impl FnMut(usize)) -> (f64, f64) {
    for i in 0..n.min(200) {
        f(i); // warm the page cache, as a counter running all day would have it
    }
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        f(i);
        times.push(t.elapsed());
    }
    times.sort();
    let (p50, p99) = (pct(&times, 0.5), pct(&times, 0.99));
    println!("{label}: p50 {p50:.3} ms, p99 {p99:.3} ms, max {:.3} ms", pct(&times, 1.0));
    (p50, p99)
}

fn main() {
    let customers = arg("--customers", 1_000_000);
    let units = arg("--units", 3_000_000);
    let claims = arg("--claims", 10_000);
    let nq = arg("--queries", 1_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut db = Db::open(&dir.path().join("bench.db")).unwrap_or_else(|e| panic!("open: {e}"));
    generate(&mut db, customers, units, claims);
    let conn = db.conn();
    let today = local_date(Utc::now());
    let mut rng = Rng::new(9);
    let picks: Vec<String> = (0..nq).map(|_| serial_of(rng.below(units as u64))).collect();
    println!("## Serial / IMEI lookup, {units} units, {nq} queries (targets p99 <= 2 ms)");
    measure("exact serial", nq, |i| {
        let hits = search::lookup(conn, &picks[i], today).unwrap_or_else(|e| panic!("{e}"));
        assert!(!hits.units.is_empty());
    });
    let (suffix_p50, _) = measure("last 5 digits", nq, |i| {
        let hits = search::lookup(conn, &picks[i][10..], today).unwrap_or_else(|e| panic!("{e}"));
        assert!(!hits.units.is_empty());
    });
    let mut scan = Vec::new();
    for q in picks.iter().take(10) {
        let t = Instant::now();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM unit WHERE serial LIKE '%' || ?1", [&q[10..]], |r| {
                r.get(0)
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(n > 0);
        scan.push(t.elapsed());
    }
    scan.sort();
    let scan_p50 = pct(&scan, 0.5);
    println!(
        "baseline LIKE '%digits' scan (10 queries): p50 {scan_p50:.1} ms; ratio {:.0}x",
        scan_p50 / suffix_p50
    );

    println!("## Full customer card (profile, purchases, coverage, claims) (target p99 <= 10 ms)");
    let ids: Vec<i64> = conn
        .prepare("SELECT DISTINCT customer_id FROM unit WHERE customer_id IS NOT NULL LIMIT 100000")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<i64> = (0..nq).map(|_| ids[rng.below(ids.len() as u64) as usize]).collect();
    measure("customer card", nq, |i| {
        customer::get(conn, ids[i], today).unwrap_or_else(|e| panic!("{e}"));
        sales::for_customer(conn, ids[i], today).unwrap_or_else(|e| panic!("{e}"));
    });
    println!("## Claim board, {claims} open claims (target <= 50 ms)");
    measure("claim board", 20, |_| {
        let board = claim::board(conn, today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(board.len(), claims);
    });
}
