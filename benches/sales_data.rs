//! Sales data for the benchmarks: demo customers, then sales of two serialised phones each,
//! spread over the last 700 days, and open claims.

use std::time::Instant;

use chrono::{Duration as Days, Utc};
use khachquen::clock::{local_date, stamp};
use khachquen::demo::{self, Rng};
use khachquen::{sales, Db};
use rusqlite::params;

pub fn serial_of(i: u64) -> String {
    // Distinct for every i (7,919 is prime to 10^13), spread like real IMEIs.
    format!("35{:013}", (i * 7_919 + 1_234_567) % 10_000_000_000_000)
}

const STATUSES: [&str; 7] = [
    "received",
    "diagnosing",
    "awaiting_approval",
    "repairing",
    "at_service_center",
    "awaiting_parts",
    "ready",
];

pub fn generate(db: &mut Db, customers: usize, units: usize, claims: usize) {
    let now = Utc::now();
    let t = Instant::now();
    demo::generate(db, customers, 42, now, "bench").unwrap_or_else(|e| panic!("demo: {e}"));
    println!("generated {customers} customers in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let today = local_date(now);
    db.write(|tx| {
        tx.execute_batch(
            "INSERT INTO product(code, name, folded_name, price, warranty_months, exchange_days,
                policy_id, serial_required, created_at, updated_at) VALUES
             ('IP15', 'iPhone 15 128GB', 'iphone 15 128gb', 19990000, 12, 30, 2, 1, '', ''),
             ('SSA55', 'Samsung Galaxy A55', 'samsung galaxy a55', 9490000, 18, 30, 2, 1, '', ''),
             ('TV55', 'Tivi Sony 55 inch', 'tivi sony 55 inch', 15900000, 24, 7, 1, 1, '', '');",
        )?;
        let policy: String =
            tx.query_row("SELECT json_object('name', name, 'text', text, 'rules', json(rules)) FROM policy WHERE id = 2", [], |r| r.get(0))?;
        let mut rng = Rng::new(5);
        let mut purchase = tx.prepare(
            "INSERT INTO purchase(id, receipt_no, sold_at, customer_id, staff, total, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'bench', ?5, ?3, ?3)",
        )?;
        let mut line = tx.prepare(
            "INSERT INTO purchase_line(id, purchase_id, position, product_id, product_name, quantity,
                unit_price, warranty_months, exchange_days, policy)
             VALUES (?1, ?1, 0, ?2, 'iPhone 15 128GB', 2, 19990000, 12, 30, ?3)",
        )?;
        let mut unit = tx.prepare(
            "INSERT INTO unit(line_id, customer_id, serial, serial_reversed, warranty_start,
                warranty_months, exchange_days, warranty_end, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 12, 30, ?6, '')",
        )?;
        let mut u = 0u64;
        for p in 1..=(units / 2) as i64 {
            let days = rng.below(700) as i64;
            let sold = now - Days::days(days);
            let customer = (!rng.chance(300)).then(|| 1 + rng.below(customers as u64) as i64);
            purchase.execute(params![p, format!("HD{p:08}"), stamp(sold), customer, 39_980_000])?;
            line.execute(params![p, 1 + rng.below(3) as i64, policy])?;
            let start = today - Days::days(days);
            for _ in 0..2 {
                let s = serial_of(u);
                u += 1;
                let rev: String = s.chars().rev().collect();
                unit.execute(params![p, customer, s, rev, start, sales::coverage::warranty_end(start, 12, 0)])?;
            }
        }
        let mut claim = tx.prepare(
            "INSERT INTO claim(code, unit_id, customer_id, product_name, serial, status,
                under_warranty, received_on, symptom, promised_on, opened_by, created_at, updated_at, sent_on)
             SELECT ?1, id, customer_id, 'iPhone 15 128GB', serial, ?2, 1, ?3, 'Không lên nguồn', ?4,
                'bench', '', '', ?3
             FROM unit WHERE id = ?5",
        )?;
        let mut event = tx.prepare(
            "INSERT INTO claim_event(claim_id, happened_on, at, staff, to_status) VALUES (?1, ?2, '', 'bench', 'received')",
        )?;
        for c in 1..=claims as i64 {
            let received = today - Days::days(rng.below(30) as i64);
            let unit_id = 1 + rng.below(units as u64) as i64;
            claim.execute(params![
                format!("BH{c:06}"),
                STATUSES[c as usize % STATUSES.len()],
                received,
                received + Days::days(7),
                unit_id
            ])?;
            event.execute(params![tx.last_insert_rowid(), received])?;
        }
        Ok(())
    })
    .unwrap_or_else(|e| panic!("after-sales data: {e}"));
    println!(
        "generated {units} units and {claims} open claims in {:.1} s",
        t.elapsed().as_secs_f64()
    );
}
