//! The report and segments of one store or of all: two stores' sales, contacts, complaints and
//! claims carried to each other, then counted at one site for A, for B and for both.

use chrono::Duration;
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::outreach::reminder::ContactChannel;
use khachquen::report::kpi::{self, Kpis, Period};
use khachquen::report::segment::{self, SegmentKind};
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

const PRICE: i64 = 19_990_000;

fn touch(db: &mut Db, customer: i64) {
    let d = InteractionDraft {
        customer_id: Some(customer),
        channel: ContactChannel::Phone,
        inbound: true,
        kind: InteractionKind::Message,
        summary: "Hỏi bảo hành".into(),
        link: Default::default(),
        resolved_first: Some(true),
    };
    interaction::log(db, &d, STAFF, now()).expect("touchpoint");
}

fn week() -> Period {
    Period { from: today() - Duration::days(6), to: today() }
}

/// A: Lan twice (one with a claim) and Bình once, a contact; B: Lan once and Chi once.
fn chain() -> Db {
    let (mut a, mut b) = (site("A"), site("B"));
    let p = phone_product(&mut a).id;
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]).id;
    let binh = add(&mut a, "Trần Văn Bình", &["0987654321"]).id;
    carry(&a, &mut b);
    let lan_b = id_by_key(&b, "customer", &key_of(&a, "customer", lan)).expect("Lan at B");
    let unit = sell(&mut a, Some(lan), p, "IMEI-A1", 1).units[0].id;
    sell(&mut a, Some(lan), p, "IMEI-A2", 0);
    sell(&mut a, Some(binh), p, "IMEI-A3", 0);
    open_claim(&mut a, unit, 0);
    touch(&mut a, binh);
    let chi = add(&mut b, "Lê Thị Chi", &["0909111222"]).id;
    sell(&mut b, Some(lan_b), p, "IMEI-B1", 0);
    sell(&mut b, Some(chi), p, "IMEI-B2", 0);
    carry(&b, &mut a);
    a
}

fn at(db: &Db, store: Option<&str>) -> Kpis {
    kpi::compute_at(db.conn(), &week(), store, now()).expect("kpis")
}

#[test]
fn the_report_counts_one_store_or_all() {
    let db = chain();
    let (a, b, all) = (at(&db, Some("A")), at(&db, Some("B")), at(&db, None));
    assert_eq!((a.purchases, b.purchases, all.purchases), (3, 2, 5), "sales per store and all");
    assert_eq!((a.revenue, b.revenue), (3 * PRICE, 2 * PRICE));
    assert_eq!(all.revenue, a.revenue + b.revenue, "all stores is the sum");
    assert_eq!((a.active_customers, b.active_customers), (2, 2), "Lan counts at both");
    assert_eq!(all.active_customers, 3, "and once for the chain");
    assert_eq!((a.claims_received, b.claims_received, all.claims_received), (1, 0, 1));
    assert_eq!((a.interactions, b.interactions, all.interactions), (1, 0, 1));
    assert_eq!(all, kpi::compute(db.conn(), &week(), now()).expect("kpis"), "no store = as before");
    assert_eq!(at(&db, Some("C")).purchases, 0, "a store with nothing has nothing");
    let dash = kpi::dashboard_at(db.conn(), &week(), Some("B"), now()).expect("dashboard");
    let trend: i64 = dash.trend.iter().map(|t| t.purchases).sum();
    assert_eq!(trend, 2, "the trend is the store's too");
    let codes: Vec<&str> = dash.stores.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["A"], "the picker offers this store before the hub's list is known");
}

#[test]
fn segments_keep_the_members_who_bought_at_the_store() {
    let db = chain();
    let names = |store: Option<&str>| -> Vec<String> {
        let mut v: Vec<String> = segment::view_at(db.conn(), SegmentKind::FirstTime, store, now())
            .expect("segment")
            .members
            .into_iter()
            .map(|m| m.name)
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(None), ["Lê Thị Chi", "Trần Văn Bình"], "bought once in the chain");
    assert_eq!(names(Some("A")), ["Trần Văn Bình"]);
    assert_eq!(names(Some("B")), ["Lê Thị Chi"]);
    let mut csv = Vec::new();
    let n = segment::write_csv_at(
        db.conn(),
        SegmentKind::FirstTime,
        Some("B"),
        now(),
        &["a", "b", "c", "d", "e", "f"].map(String::from),
        &mut csv,
    )
    .expect("export");
    assert_eq!(n, 1, "the export is the store's too");
    let shop = crate::support::db();
    let dash = kpi::dashboard(shop.conn(), &week(), now()).expect("dashboard");
    assert!(dash.stores.is_empty(), "a single shop offers no store to pick");
}

/// The indexes and triggers of `table`, its automatic indexes left out.
fn made_on(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = ?1
           AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name",
    )
    .and_then(|mut s| s.query_map([table], |r| r.get(0))?.collect())
    .expect("indexes")
}

/// A database one migration behind this build (before 0027), foreign keys on as the app has them.
fn before_stores() -> rusqlite::Connection {
    let mut conn = rusqlite::Connection::open_in_memory().expect("memory");
    conn.execute_batch("PRAGMA foreign_keys = ON").expect("fk");
    // Every migration before 0027, wherever later ones were added.
    let before = khachquen::db::MIGRATIONS
        .iter()
        .position(|m| m.contains("stores_purchase_new"))
        .expect("0027 is listed");
    khachquen::db::apply_migrations(&mut conn, &khachquen::db::MIGRATIONS[..before]).expect("v24");
    conn
}

const SHOP_ROWS: &str = "INSERT INTO customer(full_name, call_name, folded_name, folded_call, created_at, updated_at)
        VALUES ('Lan', 'Lan', 'lan', 'lan', 'x', 'x');
     INSERT INTO product(code, name, folded_name, price, created_at, updated_at)
        VALUES ('IP15', 'iPhone 15', 'iphone 15', 1000, 'x', 'x');
     INSERT INTO purchase(receipt_no, sold_at, customer_id, staff, total, created_at, updated_at)
        VALUES ('HD261101-001', '2026-11-01T03:00:00Z', 1, 'Hà', 1000, 'x', 'x'),
               ('HD261101-002', '2026-11-01T04:00:00Z', 1, 'Hà', 7, 'x', 'x');
     DELETE FROM purchase WHERE id = 2;
     INSERT INTO purchase_line(purchase_id, position, product_id, product_name, quantity,
        unit_price, warranty_months, exchange_days, policy)
        VALUES (1, 0, 1, 'iPhone 15', 1, 1000, 12, 7, '{}');
     INSERT INTO unit(line_id, customer_id, serial, warranty_start, warranty_months,
        exchange_days, warranty_end, updated_at)
        VALUES (1, 1, 'IMEI', '2026-11-01', 12, 7, '2027-11-01', 'x');
     INSERT INTO point_entry(customer_id, kind, points, purchase_id, staff, at)
        VALUES (1, 'earn', 100, 1, 'Hà', 'x');
     INSERT INTO claim(code, unit_id, customer_id, product_name, status, under_warranty,
        received_on, symptom, opened_by, created_at, updated_at)
        VALUES ('BH000001', 1, 1, 'iPhone 15', 'received', 1, '2026-11-02', 'Tắt nguồn', 'Hà', 'x', 'x'),
               ('BH000002', 1, 1, 'iPhone 15', 'received', 1, '2026-11-02', 'Nhầm', 'Hà', 'x', 'x');
     DELETE FROM claim WHERE id = 2;
     INSERT INTO claim_event(claim_id, happened_on, at, staff, to_status)
        VALUES (1, '2026-11-02', 'x', 'Hà', 'received');";

/// Migration 0027 rebuilds purchase, claim and complaint: every row stays with its id, what
/// points at them still does, their indexes and triggers are all there again, and numbers
/// already given (a deleted sale's id, a deleted claim's code) are not given again.
#[test]
fn migration_0027_keeps_every_row_and_what_points_at_it() {
    let mut conn = before_stores();
    conn.execute_batch(SHOP_ROWS).expect("a shop's rows before 0027");
    let tables = ["purchase", "claim", "complaint"];
    let before: Vec<Vec<String>> = tables.iter().map(|t| made_on(&conn, t)).collect();
    khachquen::db::apply_migrations(&mut conn, khachquen::db::MIGRATIONS).expect("0027");
    for (t, was) in tables.iter().zip(before) {
        let now = made_on(&conn, t);
        let lost: Vec<&String> = was.iter().filter(|n| !now.contains(n)).collect();
        assert!(lost.is_empty(), "{t} lost {lost:?}");
    }
    let keys: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("fk");
    assert!(keys, "foreign keys are on again once migrated");
    let row = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(
        row("SELECT receipt_no || '/' || store FROM purchase WHERE id = 1"),
        "HD261101-001/"
    );
    assert_eq!(row("SELECT code FROM claim c JOIN claim_event e ON e.claim_id = c.id"), "BH000001");
    assert_eq!(row("SELECT CAST(seq AS TEXT) FROM sqlite_sequence WHERE name = 'claim'"), "2");
    assert_eq!(row("SELECT CAST(seq AS TEXT) FROM sqlite_sequence WHERE name = 'purchase'"), "2");
    assert_eq!(
        row(
            "SELECT coalesce(group_concat(name), '') FROM sqlite_schema WHERE name LIKE 'stores_%'"
        ),
        ""
    );
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(broken, 0, "every child still finds its parent");
    let value: i64 = conn
        .query_row("SELECT value FROM customer_value WHERE customer_id = 1", [], |r| r.get(0))
        .expect("value");
    assert_eq!(value, 1000, "the running figures are as they were");
    conn.execute(
        "INSERT INTO purchase(receipt_no, sold_at, staff, total, created_at, updated_at, store)
         VALUES ('HD261101-001', '2026-11-03T03:00:00Z', 'Hà', 5, 'x', 'x', 'B')",
        [],
    )
    .expect("the same number at another store");
    let again = conn.execute(
        "INSERT INTO purchase(receipt_no, sold_at, staff, total, created_at, updated_at, store)
         VALUES ('HD261101-001', '2026-11-03T03:00:00Z', 'Hà', 5, 'x', 'x', 'B')",
        [],
    );
    assert!(again.is_err(), "but not twice at one store");
    assert_eq!(row("SELECT CAST(max(id) AS TEXT) FROM purchase"), "3", "id 2 is not given again");
    let value: i64 =
        conn.query_row("SELECT sum(revenue) FROM daily_sales", [], |r| r.get(0)).expect("daily");
    assert_eq!(value, 1005, "the per-day figures' triggers were made again");
}

/// At a database that was a site already, 0027 stamps what it made with its own store and what
/// it received with the store whose clock set the record's `created_at`.
#[test]
fn migration_0027_at_a_site_stamps_its_own_rows_and_those_it_received() {
    let mut conn = before_stores();
    conn.execute_batch(
        "INSERT INTO customer(full_name, call_name, folded_name, folded_call, created_at, updated_at)
            VALUES ('Lan', 'Lan', 'lan', 'lan', 'x', 'x');
         UPDATE sync_site SET code = 'Q1', capture = 1;
         INSERT INTO purchase(receipt_no, sold_at, customer_id, staff, total, created_at, updated_at)
            VALUES ('HD261101-001', '2026-11-01T03:00:00Z', 1, 'Hà', 1000, 'x', 'x');
         UPDATE sync_site SET capture = 0;
         INSERT INTO purchase(receipt_no, sold_at, customer_id, staff, total, created_at, updated_at, key)
            VALUES ('HD261101-002', '2026-11-01T04:00:00Z', 1, 'Hà', 7, 'x', 'x', 'k-from-q2'),
                   ('HD261101-003', '2026-11-01T05:00:00Z', 1, 'Hà', 9, 'x', 'x', 'k-unknown');
         INSERT INTO sync_field_clock(entity, key, field, hlc)
            VALUES ('sale', 'k-from-q2', 'created_at', '001764558000000-000003-Q2');",
    )
    .expect("a site's rows before 0027");
    khachquen::db::apply_migrations(&mut conn, khachquen::db::MIGRATIONS).expect("0027");
    let stores: String = conn
        .query_row(
            "SELECT group_concat(store, ',') FROM (SELECT store FROM purchase ORDER BY id)",
            [],
            |r| r.get(0),
        )
        .expect("stores");
    assert_eq!(stores, "Q1,Q2,", "its own, one from Q2, one of no known store");
}
