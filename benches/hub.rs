//! Hub ingest (issue 15): `--sites` sites (default 20) pushing `--changes` changes each
//! (default 5,000) at once, in batches of `--batch` (default 500), each through its own
//! PostgreSQL role (row-level security on), the current state folded in as they arrive.
//! Baseline in the same run: one bare `COPY` of the same rows into an unindexed table.
//!
//! Changes: 70% customer fields (name, phone, note) on a pool of 20,000 customers shared by
//! every site (so sites overwrite each other's fields), 30% sale facts. The server is the
//! tests' own (`tests/pg_server.rs`: fsync off, on loopback), the same for both.
//!
//! `cargo bench --bench hub -- --sites 20 --changes 5000 --batch 500 --runs 3`

mod common;
#[allow(dead_code)] // the tests' server: the bench uses part of it
#[path = "../tests/pg_server.rs"]
mod pg_server;

use std::io::Write;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use common::{arg, timed};
use khachquen::hub;
use khachquen::sync::change::{Change, ChangeOp};
use khachquen::sync::hlc::Hlc;
use serde_json::json;

const CUSTOMERS: u64 = 20_000;

/// A small deterministic generator: the same rows on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

fn changes_of(site: &str, n: usize, seed: u64) -> Vec<Change> {
    let mut rng = Lcg(seed);
    (1..=n)
        .map(|seq| {
            let customer = format!("cust-{:06}", rng.next() % CUSTOMERS);
            let wall_ms = 1_764_000_000_000 + i64::try_from(rng.next() % 86_400_000).unwrap_or(0);
            let hlc = Hlc { wall_ms, counter: 0, site: site.into() };
            let seq = i64::try_from(seq).unwrap_or(i64::MAX);
            let (entity, key, op, data) = if rng.next() % 10 < 7 {
                let data = json!({
                    "name": format!("Nguyễn Thị Lan {}", rng.next() % 1000),
                    "phone": format!("09{:08}", rng.next() % 100_000_000),
                    "note": "thích màu xanh, gọi sau 18h",
                });
                ("customer", customer.clone(), ChangeOp::Fields, data)
            } else {
                let data = json!({ "customer": customer, "amount": rng.next() % 50_000_000,
                                   "receipt": format!("{site}-{seq}") });
                ("sale", format!("sale-{site}-{seq}"), ChangeOp::Fact, data)
            };
            let serde_json::Value::Object(data) = data else { unreachable!("an object") };
            Change {
                site: site.into(),
                seq,
                hlc,
                entity: entity.into(),
                key,
                op,
                data,
                customer: Some(customer),
            }
        })
        .collect()
}

fn ingest(url: &str, all: &[Vec<Change>], batch: usize) -> Duration {
    let sites: Vec<_> = all
        .iter()
        .map(|c| {
            let creds = hub::add_site(url, &c[0].site, "bench").unwrap_or_else(|e| panic!("{e}"));
            hub::connect_as(url, &creds.role, &creds.password).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    let start = Arc::new(Barrier::new(all.len() + 1));
    let threads: Vec<_> = sites
        .into_iter()
        .zip(all.iter().cloned())
        .map(|(mut client, changes)| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                for chunk in changes.chunks(batch) {
                    hub::push(&mut client, &chunk[0].site, chunk).unwrap_or_else(|e| panic!("{e}"));
                }
            })
        })
        .collect();
    let t = std::time::Instant::now();
    start.wait();
    for th in threads {
        th.join().unwrap_or_else(|_| panic!("a pushing site failed"));
    }
    t.elapsed()
}

fn copy_field(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n")
}

fn bare_copy(url: &str, all: &[Vec<Change>]) -> Duration {
    let mut c = hub::connect(url).unwrap_or_else(|e| panic!("{e}"));
    c.batch_execute(
        "CREATE TABLE bare (site text, seq bigint, hlc text, entity text, key text, op text,
                            data jsonb, customer text)",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    for ch in all.iter().flatten() {
        let op = match ch.op {
            ChangeOp::Fields => "fields",
            ChangeOp::Fact => "fact",
            ChangeOp::Redact => "redact",
        };
        let data = serde_json::to_string(&ch.data).unwrap_or_default();
        let customer = ch.customer.as_deref().unwrap_or("");
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{op}\t{}\t{}\n",
            ch.site,
            ch.seq,
            ch.hlc,
            ch.entity,
            ch.key,
            copy_field(&data),
            copy_field(customer)
        ));
    }
    let (_, took) = timed(|| {
        let mut w = c.copy_in("COPY bare FROM STDIN").unwrap_or_else(|e| panic!("{e}"));
        w.write_all(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        w.finish().unwrap_or_else(|e| panic!("{e}"))
    });
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let sites = arg("--sites", 20);
    let per_site = arg("--changes", 5_000);
    let batch = arg("--batch", 500).max(1);
    let runs = arg("--runs", 3).max(1);
    let all: Vec<Vec<Change>> =
        (0..sites).map(|i| changes_of(&format!("S{i:02}"), per_site, 42 + i as u64)).collect();
    let total = (sites * per_site) as f64;
    println!("hub ingest: {sites} sites × {per_site} changes, batches of {batch}, {runs} runs");
    let (mut pushed, mut copied) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        let url = pg_server::fresh_db();
        hub::init(&url).unwrap_or_else(|e| panic!("{e}"));
        let p = ingest(&url, &all, batch);
        let c = bare_copy(&url, &all);
        let mut admin = hub::open(&url).unwrap_or_else(|e| panic!("{e}"));
        let held: i64 = admin
            .query_one("SELECT count(*) FROM changes", &[])
            .map(|r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(held as f64, total, "every change is in the hub");
        println!(
            "  run {run}: push {:.2} s ({:.0} changes/s), bare COPY {:.2} s ({:.0} rows/s)",
            p.as_secs_f64(),
            total / p.as_secs_f64(),
            c.as_secs_f64(),
            total / c.as_secs_f64()
        );
        pushed.push(p);
        copied.push(c);
    }
    let (p, c) = (median(pushed), median(copied));
    println!(
        "median: push {:.0} changes/s, bare COPY {:.0} rows/s, ratio COPY/push {:.1}×",
        total / p.as_secs_f64(),
        total / c.as_secs_f64(),
        p.as_secs_f64() / c.as_secs_f64()
    );
}
