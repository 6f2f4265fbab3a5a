//! Counter search on a store's replica of a 5,000,000-customer chain (issue 15: p99 ≤ 5 ms).
//! The replica: the demo generator's customers (phones, tags, preferences, search tables), then
//! the database made a site of a chain the way `sync::local::start_site` does it (every row
//! given its chain-wide key, the site's code set, capture on), without the outbox a store that
//! joined would fill: a replica's rows came from the hub, and applying captures nothing. The
//! search is `benches/search.rs`'s: the query mix drawn from stored customers, one
//! unmeasured pass, then the measured one. Baseline in the same run: the same measurement on a
//! 1,000,000-customer replica made the same way (the ratio is what five times the data costs).
//!
//! `cargo bench --bench replica_search -- --customers 5000000 --baseline 1000000` (full size;
//! about 3 GB in a temporary folder under `target/`); `--customers 200000 --baseline 50000`
//! for a quick check. `--keep DIR` keeps the databases there and reuses them on the next run.

// `search.rs` loads its own copy of `common`: both are needed, neither can see the other's.
#[allow(clippy::duplicate_mod)]
mod common;
#[allow(dead_code)] // the search bench's own main and reports are not used here
#[allow(clippy::duplicate_mod)]
#[path = "search.rs"]
mod search;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use common::{arg, ms, percentile, timed};
use khachquen::customer::{self, SearchOptions};
use khachquen::sync::{spec, sql};
use khachquen::{demo, Db};

/// A replica of `n` customers at `path`, made unless it is already there.
fn replica(path: &Path, n: usize) -> Db {
    let existed = path.exists();
    let mut db = Db::open(path).unwrap_or_else(|e| panic!("open: {e}"));
    if existed {
        println!("{n} customers: reusing {}", path.display());
        return db;
    }
    let (_, took) = timed(|| {
        demo::generate(&mut db, n, 42, Utc::now(), "bench").unwrap_or_else(|e| panic!("{e}"))
    });
    println!("{n} customers generated in {:.1} s", took.as_secs_f64());
    let (_, took) = timed(|| {
        db.write(|tx| {
            for e in spec::ENTITIES {
                let key = sql::key_expr(e).replace("NEW.", &format!("{}.", e.table));
                tx.execute_batch(&format!("UPDATE {} SET key = {key} WHERE key IS NULL", e.table))?;
            }
            tx.execute_batch("UPDATE sync_site SET code = 'R001', capture = 1 WHERE id = 1")?;
            Ok(())
        })
        .unwrap_or_else(|e| panic!("keys: {e}"))
    });
    println!("{n} customers: keys given, site R001, in {:.1} s", took.as_secs_f64());
    db
}

/// p50, p99 and max of the counter search over `queries`, after one unmeasured pass.
fn measure(db: &Db, queries: &[String]) -> (Duration, Duration, Duration) {
    for q in queries {
        let _ = customer::search(db.conn(), q, SearchOptions::default());
    }
    let mut timed_queries: Vec<(Duration, &String)> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            customer::search(db.conn(), q, SearchOptions::default())
                .unwrap_or_else(|e| panic!("search {q}: {e}"));
            (t.elapsed(), q)
        })
        .collect();
    timed_queries.sort_by_key(|s| std::cmp::Reverse(s.0));
    let slowest: Vec<String> =
        timed_queries.iter().take(12).map(|(d, q)| format!("{q:?} {:.2} ms", ms(*d))).collect();
    println!("slowest: {}", slowest.join(", "));
    let mut times: Vec<Duration> = timed_queries.iter().map(|(d, _)| *d).collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99), times[times.len() - 1])
}

fn main() {
    let n = arg("--customers", 5_000_000);
    let base_n = arg("--baseline", 1_000_000);
    let nq = arg("--queries", 1_000);
    let keep = std::env::args().skip_while(|a| a != "--keep").nth(1).map(PathBuf::from);
    let temp = tempfile::tempdir_in("target").unwrap_or_else(|e| panic!("tempdir: {e}"));
    let dir = keep.unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let big = replica(&dir.join(format!("replica-{n}.db")), n);
    let small = replica(&dir.join(format!("replica-{base_n}.db")), base_n);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    // Interleaved rounds, so both sizes see the same machine.
    let (qb, qs) = (search::queries(&big, nq, 7), search::queries(&small, nq, 7));
    let mut rounds = Vec::new();
    for _ in 0..3 {
        rounds.push((measure(&big, &qb), measure(&small, &qs)));
    }
    for (i, ((b50, b99, bmax), (s50, s99, smax))) in rounds.iter().enumerate() {
        println!(
            "round {}: {n} customers p50 {:.3} ms p99 {:.3} ms max {:.3} ms (target p99 <= 5); \
             {base_n} customers p50 {:.3} ms p99 {:.3} ms max {:.3} ms; ratio p50 {:.2}, p99 {:.2}",
            i + 1,
            ms(*b50),
            ms(*b99),
            ms(*bmax),
            ms(*s50),
            ms(*s99),
            ms(*smax),
            b50.as_secs_f64() / s50.as_secs_f64(),
            b99.as_secs_f64() / s99.as_secs_f64()
        );
    }
    println!("load average before the search: {}", load.trim());
    let size = |p: PathBuf| std::fs::metadata(p).map(|m| m.len() / 1_000_000).unwrap_or(0);
    println!(
        "database files: {} MB and {} MB",
        size(dir.join(format!("replica-{n}.db"))),
        size(dir.join(format!("replica-{base_n}.db")))
    );
}
