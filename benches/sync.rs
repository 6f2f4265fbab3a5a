//! What change capture costs the counter (issue 15: at most 20% more). The same writes a
//! counter makes all day (a new customer with her phone; a sale to her) on two copies of one
//! shop: one a site of a chain, capturing every change in the write's transaction, one a single
//! shop, which captures nothing. Interleaved write by write, so both see the same machine.
//!
//! `cargo bench --bench sync -- [--customers N] [--writes W]`

mod common;

use std::time::{Duration, Instant};

use chrono::Utc;
use common::{arg, ms, percentile};
use khachquen::customer::{self, CustomerDraft, PhoneDraft};
use khachquen::sales::product::{self, ProductDraft};
use khachquen::sales::{purchase, LineDraft, PurchaseDraft};
use khachquen::{demo, sync, Db};

fn shop(path: Option<&std::path::Path>, customers: usize, site: bool) -> (Db, i64) {
    let mut db = match path {
        Some(p) => Db::open(p),
        None => Db::open_in_memory(),
    }
    .unwrap_or_else(|e| panic!("open: {e}"));
    let now = Utc::now();
    demo::generate(&mut db, customers, 42, now, "bench").unwrap_or_else(|e| panic!("demo: {e}"));
    let d = ProductDraft {
        name: "Áo sơ mi".into(),
        price: "350.000".into(),
        ..ProductDraft::default()
    };
    let p = product::save(&mut db, None, &d, "bench", now).unwrap_or_else(|e| panic!("{e}"));
    if site {
        db.write(|tx| sync::local::start_site(tx, "CH01")).unwrap_or_else(|e| panic!("{e}"));
    }
    (db, p.id)
}

/// One counter visit: a new customer with a phone, then a sale to her.
fn visit(db: &mut Db, product: i64, i: usize) -> (Duration, Duration) {
    let now = Utc::now();
    let d = CustomerDraft {
        full_name: format!("Nguyễn Thị Bench {i}"),
        phones: vec![PhoneDraft { raw: format!("0389{:06}", i % 1_000_000), is_primary: true }],
        allow_duplicate: true,
        ..CustomerDraft::default()
    };
    let t = Instant::now();
    let c = customer::create(db, &d, "bench", now).unwrap_or_else(|e| panic!("create: {e}"));
    let add = t.elapsed();
    let sale = PurchaseDraft {
        customer_id: Some(c.id),
        lines: vec![LineDraft { product_id: product, quantity: 1, ..LineDraft::default() }],
        ..PurchaseDraft::default()
    };
    let t = Instant::now();
    purchase::create(db, &sale, "bench", now).unwrap_or_else(|e| panic!("sale: {e}"));
    (add, t.elapsed())
}

fn report(what: &str, plain: &mut [Duration], site: &mut [Duration]) {
    plain.sort();
    site.sort();
    let sum = |v: &[Duration]| v.iter().map(Duration::as_secs_f64).sum::<f64>();
    let (p50, s50) = (percentile(plain, 0.5), percentile(site, 0.5));
    println!(
        "{what}: single shop p50 {:.3} ms p99 {:.3} ms; site p50 {:.3} ms p99 {:.3} ms; \
         ratio p50 {:.3}, mean {:.3} (target <= 1.20)",
        ms(p50),
        ms(percentile(plain, 0.99)),
        ms(s50),
        ms(percentile(site, 0.99)),
        s50.as_secs_f64() / p50.as_secs_f64(),
        sum(site) / sum(plain)
    );
}

fn run(label: &str, dir: Option<&std::path::Path>, customers: usize, writes: usize) {
    let (mut plain, p1) = shop(dir.map(|d| d.join("plain.db")).as_deref(), customers, false);
    let (mut site, p2) = shop(dir.map(|d| d.join("site.db")).as_deref(), customers, true);
    let outbox: i64 =
        site.conn().query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0)).unwrap_or(0);
    println!("{label}: {customers} customers in each, {outbox} changes in the site's outbox after joining");
    let (mut pa, mut ps, mut sa, mut ss) = (vec![], vec![], vec![], vec![]);
    for i in 0..writes {
        // Alternate which goes first, so neither always finds the cache warmed by the other.
        let (a, b) = if i % 2 == 0 {
            (visit(&mut plain, p1, i), visit(&mut site, p2, i))
        } else {
            let b = visit(&mut site, p2, i);
            (visit(&mut plain, p1, i), b)
        };
        pa.push(a.0);
        ps.push(a.1);
        sa.push(b.0);
        ss.push(b.1);
    }
    report(&format!("{label}, add a customer with a phone"), &mut pa, &mut sa);
    report(&format!("{label}, record a sale"), &mut ps, &mut ss);
    let mut both_plain: Vec<Duration> = pa.iter().zip(&ps).map(|(a, b)| *a + *b).collect();
    let mut both_site: Vec<Duration> = sa.iter().zip(&ss).map(|(a, b)| *a + *b).collect();
    report(&format!("{label}, the visit (both)"), &mut both_plain, &mut both_site);
}

/// What every shop pays since migration 0015, site or not: each new row gets its key from a
/// trigger. The demo load (the bulk path imports share) with the triggers, and with them
/// dropped (a database as it was before), alternately.
fn bulk(customers: usize, runs: usize) {
    let mut with = Vec::new();
    let mut without = Vec::new();
    for i in 0..runs * 2 {
        let keyed = i % 2 == 0;
        let mut db = Db::open_in_memory().unwrap_or_else(|e| panic!("open: {e}"));
        if !keyed {
            let names: Vec<String> = db
                .conn()
                .prepare(
                    "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync_%'",
                )
                .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
                .unwrap_or_else(|e| panic!("{e}"));
            for n in names {
                db.conn()
                    .execute_batch(&format!("DROP TRIGGER {n}"))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let t = Instant::now();
        demo::generate(&mut db, customers, 42, Utc::now(), "bench")
            .unwrap_or_else(|e| panic!("{e}"));
        if keyed {
            with.push(t.elapsed())
        } else {
            without.push(t.elapsed())
        }
    }
    with.sort();
    without.sort();
    let (w, o) = (percentile(&with, 0.5), percentile(&without, 0.5));
    println!(
        "demo load of {customers} customers (median of {runs}): without key triggers {:.0} ms \
         ({:.0} rows/s), with {:.0} ms ({:.0} rows/s); ratio {:.3}",
        ms(o),
        customers as f64 / o.as_secs_f64(),
        ms(w),
        customers as f64 / w.as_secs_f64(),
        w.as_secs_f64() / o.as_secs_f64()
    );
}

fn main() {
    let n = arg("--customers", 100_000);
    let writes = arg("--writes", 500);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    run("database file (what the counter pays)", Some(dir.path()), n, writes);
    run("in memory (no disk: the capture's CPU alone)", None, n, writes);
    bulk(arg("--bulk", 100_000), 3);
}
