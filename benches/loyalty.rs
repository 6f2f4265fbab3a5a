//! Loyalty on 1,000,000 customers with 3,000,000 sales and filled ledgers (issue 17):
//! (a) balance and tier as the card and the sale form read them (`loyalty::summary::of_customer`
//!     + the customer's tier), against reading the customer's own row;
//! (b) a sale through `loyalty::sale::create` paid with points, a voucher and store credit,
//!     against the same sale with nothing but cash, interleaved sale by sale;
//! (c) the nightly pass (`loyalty::nightly::run`: re-rank and point expiry): the first after two
//!     years of history, then the next day's (the steady state).
//!
//! `LOYALTY_BENCH_CUSTOMERS=20000 cargo bench --bench loyalty -- [--runs R] [--sales S]`
//! (1,000,000 customers when the variable is unset; sales are three per customer). Data is
//! written with set-based SQL (the demo generator for customers): well under three minutes at
//! full size.

mod common;

use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use common::{arg, ms, percentile};
use khachquen::clock::{local_date, stamp};
use khachquen::demo::{self, Rng};
use khachquen::loyalty::{nightly, sale, summary};
use khachquen::sales::purchase::TenderDraft;
use khachquen::sales::{LineDraft, PurchaseDraft};
use khachquen::Db;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Customers prepared to pay with points, credit and the shared voucher in (b).
const PAYERS: i64 = 1000;
const VOUCHER: &str = "BENCH20K";

/// Sales, ledgers and tiers in bulk: `:c` customers × 3 sales over two years, one earning
/// entry per sale with a customer, a redemption on every tenth, store credit for one customer in
/// 20, debts (a sale left owing, half of them half paid) for one in 20, vouchers for one in 10
/// with a use on a fifth of them, and each customer's tier by the last 12 months; then the
/// payers of (b). Named parameters: :n sales, :c customers, :now, :year_ago, :today, :payers,
/// :voucher.
const FILL: &[(&str, &str)] = &[
    (
        "product",
        "INSERT INTO product(code, name, folded_name, price, warranty_months, exchange_days,
            policy_id, serial_required, created_at, updated_at)
         VALUES ('AO01', 'Áo thun cotton', 'ao thun cotton', 250000, 0, 7, 1, 0, '', '')",
    ),
    (
        "sales",
        "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < :n)
         INSERT INTO purchase(id, receipt_no, sold_at, customer_id, staff, total, created_at, updated_at)
         SELECT i, 'HD' || printf('%09d', i),
            strftime('%Y-%m-%dT%H:%M:%SZ', :now, '-' || (abs(random()) % 63072000) || ' seconds'),
            CASE WHEN i % 50 = 0 THEN NULL ELSE 1 + abs(random()) % :c END,
            'bench', 250000 * (1 + abs(random()) % 8), '', '' FROM s",
    ),
    (
        "sale lines",
        "INSERT INTO purchase_line(purchase_id, position, product_id, product_name, quantity,
            unit_price, warranty_months, exchange_days, policy)
         SELECT id, 0, 1, 'Áo thun cotton', total / 250000, 250000, 0, 7, '{}' FROM purchase",
    ),
    // What the dropped per-sale triggers keep, built once (see `fill`).
    (
        "customer values",
        "INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
         SELECT customer_id, sum(total), count(*), min(sold_at), max(sold_at) FROM purchase
         WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id",
    ),
    (
        "daily sales",
        "INSERT INTO daily_sales(day, staff, purchases, revenue)
         SELECT date(sold_at, '+7 hours'), staff, count(*), sum(total) FROM purchase
         WHERE voided_at IS NULL GROUP BY 1, 2",
    ),
    (
        "points earned (1 per 10,000 ₫, lapsing after a year)",
        "INSERT INTO point_entry(customer_id, kind, points, purchase_id, staff, at, expires_on)
         SELECT customer_id, 'earn', total / 10000, id, 'bench', sold_at, date(sold_at, '+365 days')
         FROM purchase WHERE customer_id IS NOT NULL",
    ),
    (
        "points redeemed",
        "INSERT INTO point_entry(customer_id, kind, points, purchase_id, staff, at)
         SELECT customer_id, 'redeem', -(total / 20000), id, 'bench', sold_at
         FROM purchase WHERE customer_id IS NOT NULL AND id % 10 = 0",
    ),
    (
        "store credit",
        "INSERT INTO credit_entry(customer_id, kind, amount, reason, staff, at)
         SELECT id, 'manual', 50000, '', 'bench', :year_ago FROM customer WHERE id % 20 = 0",
    ),
    (
        "debts",
        "INSERT INTO debt_entry(customer_id, kind, amount, purchase_id, due_on, staff, at)
         SELECT customer_id, 'sale', total / 2, id, date(sold_at, '+30 days'), 'bench', sold_at
         FROM purchase WHERE customer_id % 20 = 1 AND id % 3 = 0",
    ),
    (
        "debt payments",
        "INSERT INTO debt_entry(customer_id, kind, amount, method, staff, at)
         SELECT customer_id, 'payment', -(amount / 2), 'cash', 'bench', :now
         FROM debt_entry WHERE kind = 'sale' AND id % 2 = 0",
    ),
    (
        "vouchers",
        "INSERT INTO voucher(code, kind, value, min_spend, customer_id, origin, created_by, created_at)
         SELECT 'KH' || id, 'amount', 50000, 200000, id, 'thank_you', 'bench', :year_ago
         FROM customer WHERE id % 10 = 0",
    ),
    (
        "voucher uses",
        "INSERT INTO voucher_use(voucher_id, purchase_id, customer_id, kind, amount, staff, at)
         SELECT v.id, min(p.id), v.customer_id, 'redeem', 50000, 'bench', :now
         FROM purchase p JOIN voucher v ON v.customer_id = p.customer_id
         WHERE v.id % 5 = 0 GROUP BY v.id",
    ),
    (
        "tiers",
        "INSERT INTO customer_tier(customer_id, tier_id, spend_12m, since, ranked_at)
         SELECT s.customer_id, (SELECT t.id FROM member_tier t WHERE t.min_spend <= s.spend
                ORDER BY t.position DESC LIMIT 1), s.spend, :today, :now
         FROM (SELECT customer_id, sum(total) AS spend FROM purchase
               WHERE voided_at IS NULL AND customer_id IS NOT NULL AND sold_at >= :year_ago
               GROUP BY customer_id) s",
    ),
    (
        "payers' points",
        "INSERT INTO point_entry(customer_id, kind, points, reason, staff, at)
         SELECT id, 'adjust', 5000, 'bench', 'bench', :now FROM customer WHERE id <= :payers",
    ),
    (
        "payers' credit",
        "INSERT INTO credit_entry(customer_id, kind, amount, reason, staff, at)
         SELECT id, 'manual', 1000000, 'bench', 'bench', :now FROM customer WHERE id <= :payers",
    ),
    (
        "the shared voucher",
        "INSERT INTO voucher(code, kind, value, min_spend, origin, created_by, created_at)
         VALUES (:voucher, 'amount', 20000, 0, 'manual', 'bench', :now)",
    ),
];

fn fill(db: &mut Db, customers: i64) {
    let now = Utc::now();
    let values: [(&str, &dyn rusqlite::ToSql); 7] = [
        (":n", &(customers * 3)),
        (":c", &customers),
        (":now", &stamp(now)),
        (":year_ago", &stamp(now - Days::days(365))),
        (":today", &local_date(now).to_string()),
        (":payers", &PAYERS),
        (":voucher", &VOUCHER),
    ];
    let all = Instant::now();
    ok(db.write(|tx| {
        // Three million sales through the per-sale summary triggers would take minutes: they
        // are dropped for the load and their tables built once, then the triggers put back.
        // Likewise the indexes that the load would grow at random places: built once, sorted.
        let dropped: Vec<(String, String, String)> = tx
            .prepare(
                "SELECT type, name, sql FROM sqlite_master
                 WHERE name IN ('customer_value_sale', 'daily_sales_insert', 'purchase_customer',
                    'purchase_customer_live', 'purchase_live_sold', 'point_entry_customer',
                    'point_entry_purchase', 'point_entry_lapse', 'purchase_line_purchase')",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (kind, name, _) in &dropped {
            tx.execute_batch(&format!("DROP {} {name}", kind.to_uppercase()))?;
        }
        for (what, sql) in FILL {
            let t = Instant::now();
            let mut stmt = tx.prepare(sql)?;
            for (name, v) in &values {
                if let Some(i) = stmt.parameter_index(name)? {
                    stmt.raw_bind_parameter(i, v)?;
                }
            }
            let n = stmt.raw_execute()?;
            println!("  {what}: {n} rows in {:.1} s", t.elapsed().as_secs_f64());
        }
        let t = Instant::now();
        for (_, _, sql) in &dropped {
            tx.execute_batch(sql)?;
        }
        tx.execute_batch("ANALYZE")?;
        println!(
            "  indexes and triggers put back, statistics in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        Ok(())
    }));
    println!("filled the sales and ledgers in {:.1} s", all.elapsed().as_secs_f64());
}

fn report(name: &str, mut v: Vec<Duration>) {
    v.sort();
    println!(
        "{name}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} runs)",
        ms(percentile(&v, 0.5)),
        ms(percentile(&v, 0.99)),
        ms(v[v.len() - 1]),
        v.len()
    );
}

/// (a) the card's loyalty line against the customer's own row, call by call.
fn card(db: &Db, customers: i64, runs: usize) {
    let today = local_date(Utc::now());
    let mut rng = Rng::new(7);
    let (mut loyalty, mut baseline) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let mut tier = ok(db.conn().prepare(
        "SELECT t.name, ct.spend_12m FROM customer_tier ct JOIN member_tier t ON t.id = ct.tier_id
         WHERE ct.customer_id = ?1",
    ));
    let mut row = ok(db.conn().prepare(
        "SELECT full_name, call_name, address_as, birthday, updated_at FROM customer WHERE id = ?1",
    ));
    for _ in 0..runs {
        let id = 1 + rng.below(customers as u64) as i64;
        let t = Instant::now();
        let s = ok(summary::of_customer(db.conn(), id, today));
        let named: Option<(String, i64)> =
            tier.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).ok();
        loyalty.push(t.elapsed());
        std::hint::black_box((s, named));
        let t = Instant::now();
        let r: (String, String, String, Option<String>, String) =
            ok(row
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))));
        baseline.push(t.elapsed());
        std::hint::black_box(r);
    }
    report("(a) summary::of_customer + tier", loyalty);
    report("    baseline: the customer's row", baseline);
}

fn draft(customer: i64, tender: TenderDraft) -> PurchaseDraft {
    PurchaseDraft {
        customer_id: Some(customer),
        lines: vec![LineDraft { product_id: 1, quantity: 2, ..LineDraft::default() }],
        tender,
        ..PurchaseDraft::default()
    }
}

/// (b) a sale paid with points, the voucher and credit, against the same sale paid in cash.
fn sales(db: &mut Db, runs: usize) {
    let mut rng = Rng::new(11);
    let (mut loyal, mut plain) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        let customer = 1 + rng.below(PAYERS as u64) as i64;
        let paying = TenderDraft {
            voucher: VOUCHER.into(),
            points: "50".into(),
            credit: "30000".into(),
            ..TenderDraft::default()
        };
        let t = Instant::now();
        ok(sale::create(db, &draft(customer, paying), "bench", false, Utc::now()));
        loyal.push(t.elapsed());
        let t = Instant::now();
        ok(sale::create(db, &draft(customer, TenderDraft::default()), "bench", false, Utc::now()));
        plain.push(t.elapsed());
    }
    report("(b) sale with points, voucher and credit", loyal);
    report("    baseline: the same sale in cash", plain);
}

fn main() {
    let customers: i64 = std::env::var("LOYALTY_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let runs = arg("--runs", 2000);
    let sale_runs = arg("--sales", 300);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut db = ok(Db::open(&dir.path().join("bench.db")));
    // The load's indexes grow at random places: a bigger page cache for it (as the import does).
    ok(db.conn().execute_batch("PRAGMA cache_size = -262144"));
    let t = Instant::now();
    ok(demo::generate(&mut db, customers as usize, 42, Utc::now(), "bench"));
    println!("generated {customers} customers in {:.1} s", t.elapsed().as_secs_f64());
    fill(&mut db, customers);
    ok(db.conn().execute_batch("PRAGMA cache_size = -2000"));
    card(&db, customers, runs);
    sales(&mut db, sale_runs);
    nights(&mut db);
}

/// (c) the first pass after two years of history (every lot ever lapsed, everyone re-ranked),
/// then the steady state: the pass of the next day. Baselines in the same run: a scan of the
/// ledger and one of the 12-month sales, the sets the passes read.
fn nights(db: &mut Db) {
    let now = Utc::now();
    let scan = |db: &Db, what: &str, sql: &str| {
        let t = Instant::now();
        let n: i64 = ok(db.conn().query_row(sql, [], |r| r.get(0)));
        println!("    baseline: {what}: {n} rows in {:.2} s", t.elapsed().as_secs_f64());
    };
    scan(db, "count(*) of point_entry", "SELECT count(*) FROM point_entry");
    let since = stamp(now - Days::days(365));
    let spend = format!(
        "SELECT count(*) FROM (SELECT p.customer_id, sum(coalesce(t.to_pay, p.total))
         FROM purchase p LEFT JOIN purchase_tender t ON t.purchase_id = p.id
         WHERE p.customer_id IS NOT NULL AND p.voided_at IS NULL AND p.sold_at >= '{since}'
         GROUP BY p.customer_id)"
    );
    scan(db, "12-month spend by customer (rank_all's aggregate)", &spend);
    for (label, at) in
        [("first pass after two years", now), ("next day (steady state)", now + Days::days(1))]
    {
        let t = Instant::now();
        let n = ok(nightly::run(db, at));
        println!(
            "(c) nightly::run, {label}: {:.2} s ({} tier changes, {} expiry entries)",
            t.elapsed().as_secs_f64(),
            n.tier_changes,
            n.expired
        );
    }
}
