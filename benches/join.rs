//! A new store joining a hub that holds 1,000,000 customers (issue 15: ≤ 2 min to quiet). The
//! head office generates its customers with the demo generator (phones, tags, preferences),
//! becomes a site (which captures everything it holds) and pushes it all through its own role,
//! 5,000 changes a call. Then a new, empty store runs `chain::join` (the hub makes the site,
//! the store pushes its little and pulls, applies and re-plans everything, batch after batch,
//! until nothing is left): that is what is timed. Baselines in the same run: a bare `COPY` of
//! the same rows out of the hub, and generating the same customers locally.
//!
//! `cargo bench --bench join -- --customers 1000000` (the full size); `--customers 50000` for a
//! quick check. Filling the hub is most of a full-size run (nine minutes): with
//! `KHACHQUEN_BENCH_HUB=URL` (a hub owner's URL on a server of your own) the hub is filled by
//! the first run and reused by the next, each joining it as a new store.

#[allow(dead_code)] // the catch-up bench uses the rest
mod chain_data;
mod common;
#[allow(dead_code)] // the tests' server: the bench uses part of it
#[path = "../tests/pg_server.rs"]
mod pg_server;
#[allow(dead_code)]
mod sales_data;

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use common::timed;
use khachquen::sync::local;
use khachquen::{demo, hub, Db};

fn main() {
    let customers = common::arg("--customers", 1_000_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let kept = std::env::var("KHACHQUEN_BENCH_HUB").ok().filter(|u| !u.is_empty());
    let url = kept.unwrap_or_else(pg_server::fresh_db);
    hub::init(&url).unwrap_or_else(|e| panic!("{e}"));
    let sites = hub_sites(&url);

    let mut head = Db::open(&dir.path().join("hq.db")).unwrap_or_else(|e| panic!("{e}"));
    let (_, generated) = timed(|| {
        demo::generate(&mut head, customers, 42, Utc::now(), "bench")
            .unwrap_or_else(|e| panic!("demo: {e}"))
    });
    println!("head office: {customers} customers generated in {:.1} s", generated.as_secs_f64());
    if sites == 0 {
        fill(head, &url);
    } else {
        println!("the hub is filled already ({sites} sites)");
    }

    let (bytes, copied) = timed(|| copy_out(&url));
    println!("load average before the join: {}", chain_data::load());
    let home = dir.path().join("new");
    std::fs::create_dir_all(&home).unwrap_or_else(|e| panic!("{e}"));
    let mut db = chain_data::open_store(&home);
    let code = format!("N{:03}", sites.max(1));
    let counter = Counter::start(&home);
    let (synced, took) = timed(|| chain_data::join(&mut db, &home, &url, &code));
    let waits = counter.stop();
    let held: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM customer", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(held as usize, customers, "every customer arrived");
    let clocks: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM sync_record", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap_or_else(|e| panic!("{e}"));
    let size = std::fs::metadata(home.join("khachquen.db")).map(|m| m.len()).unwrap_or(0);
    println!("the store's file: {} MB, {clocks} records applied", size / 1_000_000);
    if let Ok(keep) = std::env::var("KHACHQUEN_BENCH_KEEP") {
        std::fs::copy(home.join("khachquen.db"), keep).unwrap_or_else(|e| panic!("keep: {e}"));
    }
    println!(
        "join: {} changes pulled and applied, {held} customers, in {:.1} s (target <= 120 s); \
         baselines: COPY out of the hub {:.1} s ({} MB), generating them locally {:.1} s; \
         ratio {:.1} to COPY, {:.1} to generating; load average {}; the counter's longest wait \
         to write {:.0} ms, {:.0} s into the join ({} writes, {} refused)",
        synced.pulled,
        took.as_secs_f64(),
        copied.as_secs_f64(),
        bytes / 1_000_000,
        generated.as_secs_f64(),
        took.as_secs_f64() / copied.as_secs_f64(),
        took.as_secs_f64() / generated.as_secs_f64(),
        chain_data::load(),
        waits.longest.as_secs_f64() * 1000.0,
        waits.at.as_secs_f64(),
        waits.writes,
        waits.refused,
    );
}

/// The new store's counter meanwhile: a write of its own every 100 ms, on a connection of its
/// own, as a sale's save would. How long the longest waited for the pull's transactions is what
/// `chain::FIRST_PULL` promises to keep short; a write that waited out its busy timeout (5 s)
/// is refused.
struct Counter {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Waits>,
}

#[derive(Default)]
struct Waits {
    longest: Duration,
    /// How far into the join the longest wait ended.
    at: Duration,
    writes: usize,
    refused: usize,
}

impl Counter {
    fn start(home: &Path) -> Counter {
        let stop = Arc::new(AtomicBool::new(false));
        let db = chain_data::open_store(home);
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let (started, mut w) = (std::time::Instant::now(), Waits::default());
            while !flag.load(Ordering::Relaxed) {
                let (done, took) = timed(|| db.conn().execute_batch("BEGIN IMMEDIATE; COMMIT"));
                if took > w.longest {
                    (w.longest, w.at) = (took, started.elapsed());
                }
                w.writes += 1;
                w.refused += usize::from(done.is_err());
                std::thread::sleep(Duration::from_millis(100));
            }
            w
        });
        Counter { stop, thread }
    }

    fn stop(self) -> Waits {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or_else(|_| panic!("the counter's thread"))
    }
}

/// Every change the hub holds, out by `COPY` as text. Returns the bytes read.
fn copy_out(url: &str) -> usize {
    let mut client = hub::connect(url).unwrap_or_else(|e| panic!("{e}"));
    let mut r = client
        .copy_out(
            "COPY (SELECT site, seq, hlc, entity, key, op, data, customer FROM changes) TO STDOUT",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut buf = Vec::new();
    r.read_to_end(&mut buf).unwrap_or_else(|e| panic!("{e}"));
    buf.len()
}

/// The head office becomes a site and pushes all it holds, 5,000 changes a call.
fn fill(mut head: Db, url: &str) {
    let creds = hub::add_site(url, "HQ", "Văn phòng").unwrap_or_else(|e| panic!("{e}"));
    let (_, took) = timed(|| {
        head.write(|tx| local::start_site(tx, "HQ")).unwrap_or_else(|e| panic!("site: {e}"))
    });
    println!("head office became a site in {:.1} s", took.as_secs_f64());
    let mut client =
        hub::connect_as(url, &creds.role, &creds.password).unwrap_or_else(|e| panic!("{e}"));
    let (pushed, took) = timed(|| {
        let mut acked = 0;
        let mut n = 0;
        loop {
            let batch = local::pending(head.conn(), acked, 5_000).unwrap_or_else(|e| panic!("{e}"));
            if batch.is_empty() {
                return n;
            }
            acked = hub::push(&mut client, "HQ", &batch).unwrap_or_else(|e| panic!("{e}"));
            n += batch.len();
        }
    });
    println!("pushed {pushed} changes in {:.1} s", took.as_secs_f64());
}

/// How many sites the hub knows (none on a fresh one).
fn hub_sites(url: &str) -> usize {
    let mut client = hub::connect(url).unwrap_or_else(|e| panic!("{e}"));
    hub::site_names(&mut client).unwrap_or_else(|e| panic!("{e}")).len()
}
