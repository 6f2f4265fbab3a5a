//! Dashboard and segment benchmarks (ISSUE: interactions, complaints… and the care dashboard):
//! the dashboard's first and repeated load, and every segment, over 1,000,000 customers,
//! 3,000,000 purchases and 2,000,000 interactions (with scores, complaints and promises).
//!
//! `cargo bench --bench feedback -- [--customers N] [--purchases P] [--interactions I] [--samples S]`
//!
//! Same-run baselines: the dashboard against one plain scan of the purchases; the segments
//! against one plain scan of the customers.

mod common;

use std::time::Instant;

use chrono::{Duration as Days, Utc};
use common::{arg, ms, percentile, timed};
use khachquen::clock::{local_date, stamp};
use khachquen::demo::{self, Rng};
use khachquen::report::kpi::{self, DashboardCache, PeriodInput};
use khachquen::report::segment::{self, SegmentKind};
use khachquen::Db;
use rusqlite::params;

const STAFF: [&str; 5] = ["Hoa", "Minh", "Lan", "Tuấn", "Vy"];
const CHANNELS: [&str; 6] = ["in_store", "phone", "zalo", "messenger", "sms", "email"];
const KINDS: [&str; 5] = ["visit", "call", "message", "compliment", "call"];

fn generate(db: &mut Db, customers: usize, purchases: usize, interactions: usize) {
    let now = Utc::now();
    let t = Instant::now();
    demo::generate(db, customers, 42, now, "bench").unwrap_or_else(|e| panic!("demo: {e}"));
    println!("generated {customers} customers in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let today = local_date(now);
    db.write(|tx| {
        let mut rng = Rng::new(7);
        let mut purchase = tx.prepare(
            "INSERT INTO purchase(id, receipt_no, sold_at, customer_id, staff, total, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3, ?3)",
        )?;
        tx.execute_batch(
            "INSERT INTO product(code, name, folded_name, price, warranty_months, created_at, updated_at)
             VALUES ('IP15', 'iPhone 15', 'iphone 15', 19990000, 12, '', '')",
        )?;
        let mut line = tx.prepare(
            "INSERT INTO purchase_line(id, purchase_id, position, product_id, product_name, quantity,
                unit_price, warranty_months, exchange_days, policy)
             VALUES (?1, ?1, 0, 1, 'iPhone 15', 1, ?2, 12, 30, '{}')",
        )?;
        let mut unit = tx.prepare(
            "INSERT INTO unit(line_id, customer_id, warranty_start, warranty_months, exchange_days,
                warranty_end, updated_at) VALUES (?1, ?2, ?3, 12, 30, ?4, '')",
        )?;
        for p in 1..=purchases as i64 {
            let days = rng.below(700) as i64;
            let sold = now - Days::days(days) - Days::minutes(rng.below(600) as i64);
            let customer = (!rng.chance(200)).then(|| 1 + rng.below(customers as u64) as i64);
            let total = 100_000 * (1 + rng.below(200) as i64);
            purchase.execute(params![p, format!("HD{p:08}"), stamp(sold), customer, rng.pick(&STAFF), total])?;
            // One sale in three is a product under warranty (the claim rate's denominator).
            if p % 3 == 0 {
                line.execute(params![p, total])?;
                let start = today - Days::days(days);
                unit.execute(params![p, customer, start, start + Days::days(365)])?;
            }
        }
        let mut interaction = tx.prepare(
            "INSERT INTO interaction(customer_id, at, channel, direction, kind, summary, staff, resolved_first)
             VALUES (?1, ?2, ?3, ?4, ?5, 'Hỏi thăm', ?6, ?7)",
        )?;
        for _ in 0..interactions {
            let at = now - Days::minutes(rng.below(700 * 24 * 60) as i64);
            let settled = match rng.below(3) {
                0 => None,
                1 => Some(true),
                _ => Some(rng.chance(700)),
            };
            interaction.execute(params![
                1 + rng.below(customers as u64) as i64,
                stamp(at),
                rng.pick(&CHANNELS),
                if rng.chance(500) { "inbound" } else { "outbound" },
                rng.pick(&KINDS),
                rng.pick(&STAFF),
                settled
            ])?;
        }
        let mut feedback = tx.prepare(
            "INSERT INTO feedback(customer_id, at, metric, score, low, staff) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for i in 0..interactions / 20 {
            let at = now - Days::minutes(rng.below(700 * 24 * 60) as i64);
            let (metric, score) = match i % 3 {
                0 => ("csat", 1 + rng.below(5) as i64),
                1 => ("nps", rng.below(11) as i64),
                _ => ("ces", 1 + rng.below(7) as i64),
            };
            feedback.execute(params![
                1 + rng.below(customers as u64) as i64,
                stamp(at),
                metric,
                score,
                score <= 2,
                rng.pick(&STAFF)
            ])?;
        }
        let mut complaint = tx.prepare(
            "INSERT INTO complaint(code, customer_id, category, severity, owner, status, channel, summary,
                opened_at, respond_by, resolve_by, first_response_at, resolved_at, response_minutes,
                resolution_minutes, created_by, updated_at)
             VALUES (?1, ?2, 'product', 'medium', ?3, ?4, 'phone', 'Máy lỗi', ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'bench', ?5)",
        )?;
        for c in 0..interactions / 100 {
            let opened = now - Days::minutes(rng.below(700 * 24 * 60) as i64);
            let response = rng.below(600) as i64;
            let resolution = response + rng.below(5000) as i64;
            let resolved = rng.chance(900);
            complaint.execute(params![
                format!("KN{c:06}"),
                1 + rng.below(customers as u64) as i64,
                rng.pick(&STAFF),
                if resolved { "resolved" } else { "in_progress" },
                stamp(opened),
                stamp(opened + Days::hours(4)),
                stamp(opened + Days::hours(48)),
                stamp(opened + Days::minutes(response)),
                resolved.then(|| stamp(opened + Days::minutes(resolution))),
                response,
                resolved.then_some(resolution)
            ])?;
        }
        let mut promise = tx.prepare(
            "INSERT INTO promise(customer_id, text, owner, due_on, status, created_by, created_at)
             VALUES (?1, 'Gọi lại', ?2, ?3, ?4, 'bench', '')",
        )?;
        for _ in 0..interactions / 100 {
            let due = today - Days::days(rng.below(700) as i64);
            let status = if rng.chance(800) { "kept" } else { "broken" };
            promise.execute(params![1 + rng.below(customers as u64) as i64, rng.pick(&STAFF), due, status])?;
        }
        Ok(())
    })
    .unwrap_or_else(|e| panic!("feedback data: {e}"));
    db.conn().execute_batch("ANALYZE").unwrap_or_else(|e| panic!("{e}"));
    println!(
        "generated {purchases} purchases and {interactions} interactions (+ scores, complaints, promises) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
}

fn period(days: i64) -> kpi::Period {
    let today = local_date(Utc::now());
    let input = PeriodInput {
        from: (today - Days::days(days - 1)).format("%d/%m/%Y").to_string(),
        to: today.format("%d/%m/%Y").to_string(),
    };
    kpi::parse_period(&input).unwrap_or_else(|e| panic!("{e}"))
}

fn main() {
    let customers = arg("--customers", 1_000_000);
    let purchases = arg("--purchases", 3_000_000);
    let interactions = arg("--interactions", 2_000_000);
    let samples = arg("--samples", 5);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    // `--keep PATH`: generate there once and reuse it on the next run.
    let args: Vec<String> = std::env::args().collect();
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let path = keep.clone().unwrap_or_else(|| dir.path().join("bench.db"));
    if !path.exists() {
        let mut db = Db::open(&path).unwrap_or_else(|e| panic!("open: {e}"));
        generate(&mut db, customers, purchases, interactions);
    }
    let open = || Db::open(&path).unwrap_or_else(|e| panic!("open: {e}"));

    // Baseline: one plain scan of every purchase (what a dashboard without indexes would read).
    let db = open();
    let (_, scan) = timed(|| {
        db.conn()
            .query_row("SELECT count(*), sum(total) FROM purchase NOT INDEXED", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_or_else(|e| panic!("{e}"))
    });
    println!("baseline: full scan of {purchases} purchases {:.0} ms", ms(scan));

    for (label, days) in [("30 days", 30), ("90 days", 90), ("365 days", 365)] {
        let p = period(days);
        let mut first = Vec::new();
        let mut repeat = Vec::new();
        for _ in 0..samples {
            // First load: a freshly opened database and an empty cache, as when the owner opens
            // the app and the dashboard.
            let db = open();
            let cache = DashboardCache::default();
            let (d, t1) =
                timed(|| cache.get(db.conn(), &p, Utc::now()).unwrap_or_else(|e| panic!("{e}")));
            first.push(t1);
            let (_, t2) =
                timed(|| cache.get(db.conn(), &p, Utc::now()).unwrap_or_else(|e| panic!("{e}")));
            repeat.push(t2);
            assert!(d.current.purchases > 0);
        }
        first.sort();
        repeat.sort();
        println!(
            "dashboard {label}: first load p50 {:.0} ms, max {:.0} ms ({:.2}× the baseline scan); repeat p50 {:.3} ms, max {:.3} ms",
            ms(percentile(&first, 0.5)),
            ms(percentile(&first, 1.0)),
            ms(percentile(&first, 1.0)) / ms(scan),
            ms(percentile(&repeat, 0.5)),
            ms(percentile(&repeat, 1.0)),
        );
    }

    // After a write the cache recomputes (exact), warm.
    let mut db = open();
    let cache = DashboardCache::default();
    let p = period(30);
    cache.get(db.conn(), &p, Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    db.write(|tx| {
        tx.execute(
            "INSERT INTO interaction(customer_id, at, channel, direction, kind, summary, staff) VALUES (1, ?1, 'phone', 'outbound', 'call', 'x', 'Hoa')",
            [stamp(Utc::now())],
        )?;
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let (_, after_write) =
        timed(|| cache.get(db.conn(), &p, Utc::now()).unwrap_or_else(|e| panic!("{e}")));
    println!("dashboard 30 days after a write (recomputed, warm): {:.0} ms", ms(after_write));

    // One store of a chain of four (issue 15): the same records spread over four stores. What
    // "all stores" reads is unchanged by it; one store reads its own rows by (store, sold_at).
    let mut db = open();
    db.write(|tx| {
        for t in ["purchase", "interaction", "complaint", "claim"] {
            tx.execute(&format!("UPDATE {t} SET store = 'S' || (id % 4)"), [])?;
        }
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    drop(db);
    for (label, days) in [("30 days", 30), ("365 days", 365)] {
        let p = period(days);
        let mut first = Vec::new();
        for _ in 0..samples {
            let db = open();
            let cache = DashboardCache::default();
            let (d, t) = timed(|| {
                cache
                    .get_at(db.conn(), &p, Some("S1"), Utc::now())
                    .unwrap_or_else(|e| panic!("{e}"))
            });
            assert!(d.current.purchases > 0);
            first.push(t);
        }
        first.sort();
        println!(
            "dashboard {label}, one store of four: first load p50 {:.0} ms, max {:.0} ms ({:.2}× the baseline scan)",
            ms(percentile(&first, 0.5)),
            ms(percentile(&first, 1.0)),
            ms(percentile(&first, 1.0)) / ms(scan),
        );
    }

    // Segments: baseline one plain scan of the customers.
    let db = open();
    let (_, customer_scan) = timed(|| {
        db.conn()
            .query_row("SELECT count(*) FROM customer WHERE full_name <> ''", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_or_else(|e| panic!("{e}"))
    });
    println!("baseline: full scan of {customers} customers {:.0} ms", ms(customer_scan));
    for kind in SegmentKind::ALL {
        let (v, t) =
            timed(|| segment::view(db.conn(), kind, Utc::now()).unwrap_or_else(|e| panic!("{e}")));
        let mut sink = std::io::sink();
        let headers: Vec<String> = (0..6).map(|i| format!("c{i}")).collect();
        let (n, te) = timed(|| {
            segment::write_csv(db.conn(), kind, Utc::now(), &headers, &mut sink)
                .unwrap_or_else(|e| panic!("{e}"))
        });
        println!(
            "segment {}: {} members, view {:.0} ms ({:.2}× the baseline scan), CSV of all {n} {:.0} ms",
            kind.code(),
            v.count,
            ms(t),
            ms(t) / ms(customer_scan),
            ms(te)
        );
        let (one, t) = timed(|| {
            segment::view_at(db.conn(), kind, Some("S1"), Utc::now())
                .unwrap_or_else(|e| panic!("{e}"))
        });
        println!(
            "segment {} at one store of four: {} members, view {:.0} ms ({:.2}× the baseline scan)",
            kind.code(),
            one.count,
            ms(t),
            ms(t) / ms(customer_scan)
        );
    }
}
