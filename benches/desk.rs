//! What the core's one door costs at the counter: the counter search and the customer card
//! through `desk::serve` (the account read again, its permission checked, phones masked for a
//! staff account) against the same calls straight to the domain functions, interleaved query by
//! query so both see the same cache.
//!
//! `cargo bench --bench desk -- [--customers N] [--queries Q]`

mod common;

use std::time::{Duration, Instant};

use chrono::Utc;
use common::{arg, ms, percentile};
use khachquen::clock::local_date;
use khachquen::customer::{self, SearchOptions};
use khachquen::desk::{self, Counter};
use khachquen::staff::{self, Role, StaffDraft};
use khachquen::{demo, Db};

/// Spread over the whole table: the last four digits of a phone, or a given name.
fn queries(db: &Db, n: usize) -> Vec<(String, i64)> {
    let max: i64 =
        db.conn().query_row("SELECT max(id) FROM customer", [], |r| r.get(0)).unwrap_or(1);
    let step = (max / n as i64).max(1);
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT c.folded_name, p.canonical FROM customer c JOIN customer_phone p
             ON p.customer_id = c.id AND p.is_primary WHERE c.id = ?1",
        )
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    (0..n as i64)
        .filter_map(|i| {
            let id = 1 + i * step;
            let (name, phone): (String, String) =
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).ok()?;
            let q = if i % 2 == 0 {
                phone[phone.len() - 4..].to_owned()
            } else {
                name.rsplit(' ').next().unwrap_or(&name).to_owned()
            };
            Some((q, id))
        })
        .collect()
}

fn report(what: &str, direct: &mut [Duration], door: &mut [Duration]) {
    direct.sort();
    door.sort();
    let sum = |v: &[Duration]| v.iter().map(Duration::as_secs_f64).sum::<f64>();
    let (d50, g50) = (percentile(direct, 0.5), percentile(door, 0.5));
    println!(
        "{what}: direct p50 {:.3} ms p99 {:.3} ms; through the desk p50 {:.3} ms p99 {:.3} ms; \
         ratio p50 {:.3}, mean {:.3} (target <= 1.05)",
        ms(d50),
        ms(percentile(direct, 0.99)),
        ms(g50),
        ms(percentile(door, 0.99)),
        g50.as_secs_f64() / d50.as_secs_f64(),
        sum(door) / sum(direct)
    );
}

fn main() {
    let n = arg("--customers", 1_000_000);
    let nq = arg("--queries", 1_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut db = Db::open(&dir.path().join("bench.db")).unwrap_or_else(|e| panic!("open: {e}"));
    let now = Utc::now();
    demo::generate(&mut db, n, 42, now, "bench").unwrap_or_else(|e| panic!("demo: {e}"));
    let owner = staff::first_owner(&mut db, "Chủ", "246810", now).unwrap_or_else(|e| panic!("{e}"));
    let d = StaffDraft {
        name: "Lan".into(),
        role: Some(Role::Staff),
        pin: "1357".into(),
        active: true,
    };
    let lan = staff::create(&mut db, &d, &owner, now).unwrap_or_else(|e| panic!("{e}"));
    let lan = staff::sign_in(&mut db, lan.id, "1357", now).unwrap_or_else(|e| panic!("{e}"));
    let counter = Counter::new(dir.path().to_path_buf());
    let qs = queries(&db, nq);
    let today = local_date(now);
    let run = |db: &mut Db, q: &str, id: i64| {
        let _ = customer::search(db.conn(), q, SearchOptions::default());
        let _ = customer::get(db.conn(), id, today);
    };
    // One unmeasured pass: a counter runs all day with its pages cached.
    for (q, id) in &qs {
        run(&mut db, q, *id);
    }
    println!("## The desk's permission check and masking, {n} customers, {} queries", qs.len());
    for (who, label) in [(&owner, "owner (phones in full)"), (&lan, "staff (phones masked)")] {
        let (mut s_direct, mut s_door, mut c_direct, mut c_door) = (vec![], vec![], vec![], vec![]);
        // Which goes first alternates: the second call of a pair finds the first one's pages and
        // statements warm, and neither side should always get that.
        for (i, (q, id)) in qs.iter().enumerate() {
            let direct_search = |db: &mut Db| {
                let t = Instant::now();
                let _ = customer::search(db.conn(), q, SearchOptions::default());
                t.elapsed()
            };
            let door_search = |db: &mut Db| {
                let t = Instant::now();
                let _ = desk::serve(db, &counter, who, now, |d| {
                    d.search_customers(q, SearchOptions::default())
                });
                t.elapsed()
            };
            let direct_card = |db: &mut Db| {
                let t = Instant::now();
                let _ = customer::get(db.conn(), *id, today);
                t.elapsed()
            };
            let door_card = |db: &mut Db| {
                let t = Instant::now();
                let _ = desk::serve(db, &counter, who, now, |d| d.get_customer(*id));
                t.elapsed()
            };
            if i % 2 == 0 {
                s_direct.push(direct_search(&mut db));
                s_door.push(door_search(&mut db));
                c_direct.push(direct_card(&mut db));
                c_door.push(door_card(&mut db));
            } else {
                s_door.push(door_search(&mut db));
                s_direct.push(direct_search(&mut db));
                c_door.push(door_card(&mut db));
                c_direct.push(direct_card(&mut db));
            }
        }

        println!("### as {label}");
        report("counter search", &mut s_direct, &mut s_door);
        report("customer card", &mut c_direct, &mut c_door);
    }
}
