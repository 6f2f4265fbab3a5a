//! Migration 0027 (the store of each record: purchase, claim and complaint rebuilt) on a
//! database of `--customers` customers (default 1,000,000) with three sales each, the sales'
//! children filled (a line each, points earned on each sale with a customer, touchpoints and
//! complaints about one sale in ten and in a hundred, claims on one in a hundred), as the
//! migrations before it left it.
//!
//! Timed: (1) the migrations alone (`db::apply_migrations`) on a copy of the file, opened with
//! the app's connection settings; (2) the whole first start of the new build on the file itself
//! (`Db::open`: the copy kept in `nang-cap/` and its full check, the migration, the checks after).
//! Baselines in the same run: a read of every sale row, and `VACUUM INTO` (a copy of the file).
//!
//! `cargo bench --bench stores -- --customers 1000000`

mod common;

use std::time::Instant;

use chrono::{Duration as Days, Utc};
use common::{arg, timed};
use khachquen::clock::stamp;
use khachquen::db::MIGRATIONS;
use khachquen::{demo, Db};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Sales and what points at them, set-based. Named parameters: :n sales, :c customers, :now.
const FILL: &[(&str, &str)] = &[
    (
        "product",
        "INSERT INTO product(code, name, folded_name, price, warranty_months, exchange_days,
            policy_id, serial_required, created_at, updated_at)
         VALUES ('IP15', 'iPhone 15', 'iphone 15', 250000, 12, 7, 1, 0, '', '')",
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
         SELECT id, 0, 1, 'iPhone 15', total / 250000, 250000, 12, 7, '{}' FROM purchase",
    ),
    (
        "units (one sale in a hundred)",
        "INSERT INTO unit(line_id, customer_id, serial, warranty_start, warranty_months,
            exchange_days, warranty_end, updated_at)
         SELECT l.id, p.customer_id, 'SN' || p.id, date(p.sold_at), 12, 7,
            date(p.sold_at, '+12 months'), ''
         FROM purchase_line l JOIN purchase p ON p.id = l.purchase_id WHERE p.id % 100 = 0",
    ),
    (
        "claims",
        "INSERT INTO claim(code, unit_id, customer_id, product_name, status, under_warranty,
            received_on, symptom, opened_by, created_at, updated_at)
         SELECT 'BH' || printf('%06d', id), id, customer_id, 'iPhone 15', 'received', 1,
            warranty_start, 'Không lên nguồn', 'bench', '', '' FROM unit",
    ),
    (
        "points earned",
        "INSERT INTO point_entry(customer_id, kind, points, purchase_id, staff, at, expires_on)
         SELECT customer_id, 'earn', total / 10000, id, 'bench', sold_at, date(sold_at, '+365 days')
         FROM purchase WHERE customer_id IS NOT NULL",
    ),
    (
        "touchpoints about a sale (one in ten)",
        "INSERT INTO interaction(customer_id, at, staff, channel, direction, kind, summary, purchase_id)
         SELECT customer_id, sold_at, 'bench', 'phone', 'inbound', 'call', 'Hỏi bảo hành', id
         FROM purchase WHERE customer_id IS NOT NULL AND id % 10 = 0",
    ),
    (
        "complaints about a sale (one in a hundred)",
        "INSERT INTO complaint(code, customer_id, category, severity, owner, status, channel,
            summary, purchase_id, opened_at, respond_by, resolve_by, created_by, updated_at)
         SELECT 'KN' || printf('%06d', id), customer_id, 'service', 'low', 'bench', 'open',
            'in_store', 'Chờ lâu', id, sold_at, sold_at, sold_at, 'bench', sold_at
         FROM purchase WHERE customer_id IS NOT NULL AND id % 100 = 7",
    ),
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
];

/// Fills the sales with the per-row triggers and the indexes that would grow at random places
/// dropped for the load, and puts them back once.
fn fill(db: &mut Db, customers: i64) {
    let now = stamp(Utc::now() - Days::days(1));
    let values: [(&str, &dyn rusqlite::ToSql); 3] =
        [(":n", &(customers * 3)), (":c", &customers), (":now", &now)];
    ok(db.write(|tx| {
        let dropped: Vec<(String, String, String)> = tx
            .prepare(
                "SELECT type, name, sql FROM sqlite_master
                 WHERE name IN ('customer_value_sale', 'daily_sales_insert', 'purchase_customer',
                    'purchase_customer_live', 'purchase_live_sold', 'point_entry_customer',
                    'point_entry_purchase', 'point_entry_lapse', 'purchase_line_purchase',
                    'daily_contact_insert', 'complaint_customer', 'complaint_opened', 'claim_unit',
                    'claim_customer', 'claim_received', 'claim_open')",
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
        for (_, _, sql) in &dropped {
            tx.execute_batch(sql)?;
        }
        tx.execute_batch("ANALYZE")?;
        Ok(())
    }));
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    ok(conn.query_row(sql, [], |r| r.get(0)))
}

fn main() {
    let customers = arg("--customers", 1_000_000) as i64;
    // Every migration before 0027 (the one measured), wherever later ones were added.
    let before = MIGRATIONS.iter().position(|m| m.contains("stores_purchase_new")).unwrap_or(0);
    let dir = ok(tempfile::tempdir());
    let live = dir.path().join("khachquen.db");
    {
        let mut db = ok(Db::open_with(&live, &MIGRATIONS[..before], Utc::now()));
        ok(db.conn().execute_batch("PRAGMA cache_size = -262144"));
        let (_, took) =
            timed(|| ok(demo::generate(&mut db, customers as usize, 42, Utc::now(), "bench")));
        println!("generated {customers} customers in {:.1} s", took.as_secs_f64());
        let (_, took) = timed(|| fill(&mut db, customers));
        println!("filled the sales in {:.1} s", took.as_secs_f64());
        ok(db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    let mb = std::fs::metadata(&live).map(|m| m.len() as f64 / 1_048_576.0).unwrap_or(0.0);
    let conn = ok(rusqlite::Connection::open(&live));
    let sales = count(&conn, "SELECT count(*) FROM purchase");
    println!("file: {mb:.0} MB at schema version {before} (up to 0026), {sales} sales");

    let (read, scan) = timed(|| {
        count(&conn, "SELECT sum(length(receipt_no) + length(sold_at) + total) FROM purchase")
    });
    println!("baseline: a read of every sale row: {:.2} s ({read})", scan.as_secs_f64());
    let copy = dir.path().join("copy.db");
    let (_, vacuum) = timed(|| ok(conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])));
    println!("baseline: VACUUM INTO (a copy of the file): {:.2} s", vacuum.as_secs_f64());
    drop(conn);

    // The copy as the app opens a file (`db::configure`), then the migrations alone.
    let mut c = ok(rusqlite::Connection::open(&copy));
    ok(c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)));
    ok(c.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32000; PRAGMA secure_delete = ON;",
    ));
    let (_, migrate) = timed(|| ok(khachquen::db::apply_migrations(&mut c, MIGRATIONS)));
    println!(
        "(1) the migration 0027 alone: {:.2} s ({:.2}× VACUUM INTO, {:.1}× the read)",
        migrate.as_secs_f64(),
        migrate.as_secs_f64() / vacuum.as_secs_f64(),
        migrate.as_secs_f64() / scan.as_secs_f64()
    );
    assert_eq!(count(&c, "SELECT count(*) FROM purchase"), sales, "every sale is kept");
    drop(c);
    let _ = std::fs::remove_file(&copy);

    let (db, open) = timed(|| ok(Db::open(&live)));
    println!(
        "(2) the first start of the new build (copy kept, checked, migrated, checked): {:.2} s \
         ({:.2}× VACUUM INTO)",
        open.as_secs_f64(),
        open.as_secs_f64() / vacuum.as_secs_f64()
    );
    assert_eq!(count(db.conn(), "SELECT count(*) FROM purchase"), sales, "every sale is kept");
    assert_eq!(count(db.conn(), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}
