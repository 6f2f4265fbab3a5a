//! The "load demo data" button on a fresh data file: 2,000 customers with their consents and
//! care plan (what the button did before), then the same with the shop's history staged around
//! them (catalogue, sales, claims, complaints, scores, promises, touchpoints). A new file per run.
//!
//! `cargo bench --bench demo_button -- --customers 2000 --runs 5`

mod common;

use std::time::Duration;

use chrono::Utc;
use common::{arg, timed};
use khachquen::care::plan::{self, Scope};
use khachquen::{demo, privacy, Db};

fn load(n: usize, history: bool) -> Duration {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut db = Db::open(&dir.path().join("shop.db")).unwrap_or_else(|e| panic!("open: {e}"));
    let now = Utc::now();
    let (_, took) = timed(|| {
        demo::generate(&mut db, n, 1, now, "bench").unwrap_or_else(|e| panic!("demo: {e}"));
        privacy::demo_consents(&mut db, 1, "bench", now)
            .unwrap_or_else(|e| panic!("consents: {e}"));
        if history {
            demo::stage(&mut db, 1, 1, now, "bench").unwrap_or_else(|e| panic!("history: {e}"));
        }
        plan::run(&mut db, &Scope::All, now).unwrap_or_else(|e| panic!("plan: {e}"));
    });
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let n = arg("--customers", 2000);
    let runs = arg("--runs", 5).max(1);
    let base: Vec<Duration> = (0..runs).map(|_| load(n, false)).collect();
    let full: Vec<Duration> = (0..runs).map(|_| load(n, true)).collect();
    let (b, f) = (median(base.clone()), median(full.clone()));
    let secs = |v: &[Duration]| {
        v.iter().map(|d| format!("{:.2}", d.as_secs_f64())).collect::<Vec<_>>().join(", ")
    };
    println!("customers only ({n}): runs {} s; median {:.2} s", secs(&base), b.as_secs_f64());
    println!("with the history:     runs {} s; median {:.2} s", secs(&full), f.as_secs_f64());
    println!("ratio {:.1}", f.as_secs_f64() / b.as_secs_f64().max(1e-9));
}
