//! Migration 0032: what a site applied of other sites' records moves from a row a field to a
//! row a record, each field's value, clock and writer as they were; applying and erasing then
//! go by them. Migration 0035: only a field's writer who is not the row's own is listed apart,
//! and erasure finds what each wrote either way.

use khachquen::sync::change::{Change, ChangeOp};
use khachquen::sync::hlc::Hlc;
use khachquen::Db;
use rusqlite::OptionalExtension;

use crate::sync_support::apply;

const EARLY: &str = "001764558000000-000001-S2";
const LATE: &str = "001764558000000-000009-S3";

type Field = (String, String, String, String, String, Option<String>);

/// Every applied field: entity, key, field, clock, value (JSON text), writer.
fn fields(conn: &rusqlite::Connection) -> Vec<Field> {
    conn.prepare(
        "SELECT r.entity, r.key, j.key, coalesce(json_extract(r.clocks, '$.' || j.key), r.hlc),
            CASE j.type WHEN 'null' THEN 'null' ELSE json_quote(j.value) END,
            CASE WHEN json_type(r.writers, '$.' || j.key) IS NULL THEN r.customer
                ELSE json_extract(r.writers, '$.' || j.key) END
         FROM sync_record r, json_each(r.fields) j ORDER BY 1, 2, 3",
    )
    .expect("read")
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("fields")
}

fn field(entity: &str, key: &str, f: &str, hlc: &str, value: &str, writer: Option<&str>) -> Field {
    let s = str::to_owned;
    (s(entity), s(key), s(f), s(hlc), s(value), writer.map(s))
}

fn change(key: &str, hlc: &str, data: serde_json::Value, customer: &str) -> Change {
    Change {
        site: "S4".into(),
        seq: 1,
        hlc: Hlc::parse(hlc).expect("clock"),
        entity: "customer".into(),
        key: key.into(),
        op: ChangeOp::Fields,
        data: data.as_object().cloned().expect("object"),
        customer: Some(customer.into()),
    }
}

#[test]
fn a_sites_field_clocks_carry_over_to_one_row_a_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("site.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("raw");
        let before = khachquen::db::MIGRATIONS
            .iter()
            .position(|m| m.contains("CREATE TABLE sync_record ("))
            .expect("0032 is listed");
        khachquen::db::apply_migrations(&mut conn, &khachquen::db::MIGRATIONS[..before])
            .expect("a site before 0032");
        conn.execute_batch(&format!(
            "UPDATE sync_site SET code = 'Q1', capture = 1;
             INSERT INTO sync_field_clock(entity, key, field, hlc, value, customer) VALUES
                ('customer', 'k1', 'full_name', '{EARLY}', '\"Lan\"', 'k1'),
                ('customer', 'k1', 'notes', '{LATE}', '\"thích hồng\"', 'k1'),
                ('customer', 'k1', 'email', '{EARLY}', 'null', NULL),
                ('customer_phone', 'p1', 'raw', '{EARLY}', '\"0912 000 111\"', 'k2'),
                ('customer_phone', 'p1', 'canonical', '{LATE}', '\"0912000111\"', 'k1');"
        ))
        .expect("fields applied from other stores");
    }
    let mut db = Db::open(&path).expect("upgrade");
    let early = |e: &str, k: &str, f: &str, v: &str, w: Option<&str>| field(e, k, f, EARLY, v, w);
    let late = |e: &str, k: &str, f: &str, v: &str, w: Option<&str>| field(e, k, f, LATE, v, w);
    assert_eq!(
        fields(db.conn()),
        vec![
            early("customer", "k1", "email", "null", None),
            early("customer", "k1", "full_name", "\"Lan\"", Some("k1")),
            late("customer", "k1", "notes", "\"thích hồng\"", Some("k1")),
            late("customer_phone", "p1", "canonical", "\"0912000111\"", Some("k1")),
            early("customer_phone", "p1", "raw", "\"0912 000 111\"", Some("k2")),
        ],
        "every field as it was"
    );
    let writers: Vec<(String, String, String)> = db
        .conn()
        .prepare("SELECT customer, entity, key FROM sync_record_writer ORDER BY 1, 2, 3")
        .expect("writers")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("writers");
    let w = |c: &str, e: &str, k: &str| (c.to_owned(), e.to_owned(), k.to_owned());
    // Since 0035 only a writer who is not the row's own is listed: p1's row is k2's, and k1
    // wrote one field of it. Erasing either below finds what was theirs by one path or the other.
    assert_eq!(writers, vec![w("k1", "customer_phone", "p1")]);

    // Between the two clocks: the name (older here) is taken, the note (newer here) is not.
    let between = "001764558000000-000005-S4";
    let data = serde_json::json!({ "full_name": "Lan Anh", "notes": "cũ" });
    apply(&mut db, &[change("k1", between, data, "k1")]);
    let now = fields(db.conn());
    assert!(now.contains(&field(
        "customer",
        "k1",
        "full_name",
        between,
        "\"Lan Anh\"",
        Some("k1")
    )));
    assert!(now.contains(&late("customer", "k1", "notes", "\"thích hồng\"", Some("k1"))));

    // k2 erased in the chain: the field her change wrote is blanked, the other is not hers.
    apply(&mut db, &[erasure("k2")]);
    let now = fields(db.conn());
    assert!(now.contains(&early("customer_phone", "p1", "raw", "\"\"", Some("k2"))), "{now:?}");
    assert!(now.contains(&late("customer_phone", "p1", "canonical", "\"0912000111\"", Some("k1"))));

    // k1 erased in the chain: what she wrote as the rows' own writer, listed nowhere else, goes.
    apply(&mut db, &[erasure("k1")]);
    let now = fields(db.conn());
    assert!(now.contains(&late("customer", "k1", "notes", "\"\"", Some("k1"))), "{now:?}");
    assert!(now.contains(&late("customer_phone", "p1", "canonical", "\"\"", Some("k1"))));
}

/// A change from store S4 about `customer`: record `key` of `entity` with `data`.
fn record(entity: &str, key: &str, hlc: &str, data: serde_json::Value, customer: &str) -> Change {
    Change { entity: entity.into(), ..change(key, hlc, data, customer) }
}

/// Customer `key` erased in the chain, as another store's change says.
fn erasure(key: &str) -> Change {
    Change { op: ChangeOp::Redact, ..change(key, LATE, serde_json::json!({}), key) }
}

fn lan_or_mai(key: &str, name: &str) -> Change {
    let at = "2026-11-01T08:00:00Z";
    let data = serde_json::json!({
        "full_name": name, "call_name": name, "created_at": at, "updated_at": at, "deleted": 0
    });
    record("customer", key, EARLY, data, key)
}

fn phone(hlc: &str, owner: &str, number: &str) -> Change {
    let reversed: String = number.chars().rev().collect();
    let data = serde_json::json!({
        "customer_id": owner, "canonical": number, "raw": number, "kind": "mobile",
        "reversed": reversed, "is_primary": 1, "position": 0, "deleted": 0
    });
    record("customer_phone", "p9", hlc, data, owner)
}

#[test]
fn a_phone_whose_every_field_another_customer_wrote_since_is_not_hers_to_erase() {
    let mut db = crate::sync_support::site("Q2");
    apply(&mut db, &[lan_or_mai("ka", "Lan"), lan_or_mai("kb", "Mai")]);
    apply(&mut db, &[phone(EARLY, "ka", "0912000111"), phone(LATE, "kb", "0988000222")]);
    let held = |db: &Db| -> Option<String> {
        db.conn()
            .query_row("SELECT canonical FROM customer_phone WHERE key = 'p9'", [], |r| r.get(0))
            .optional()
            .expect("the phone read")
    };
    assert_eq!(held(&db).as_deref(), Some("0988000222"), "Mai's number, written last");

    // The row of p9 is still Lan's (she wrote it first), but not one of its fields is hers.
    apply(&mut db, &[erasure("ka")]);
    assert_eq!(held(&db).as_deref(), Some("0988000222"), "Lan's erasure leaves Mai's phone");

    apply(&mut db, &[erasure("kb")]);
    assert_eq!(held(&db), None, "Mai's erasure takes her phone");
}
