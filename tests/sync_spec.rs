//! The sync spec against the schema: the latest generated migration holds exactly the triggers generated from
//! it, every column of a synced table is either synced or kept home on purpose, and the keys
//! SQLite makes are UUIDv7.

use std::collections::BTreeSet;

use khachquen::sync::{ddl, spec};

use crate::support::*;

/// The migrations holding generated text, in order: (path, text).
fn generated_migrations() -> Vec<(std::path::PathBuf, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db/migrations");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("migrations")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("migration");
            (p, text)
        })
        .filter(|(_, text)| text.contains(ddl::MARKER))
        .collect()
}

/// The latest migration holding generated text holds exactly what the spec generates now; the
/// earlier ones shipped and stay as they are (the latest drops and remakes their triggers).
#[test]
fn sync_ddl_migration_holds_the_generated_triggers() {
    let generated = generated_migrations();
    let ((path, file), earlier) = generated.split_last().expect("migration 0015 at least");
    let keyed: Vec<&str> = earlier.iter().flat_map(|(_, text)| ddl::keyed_by(text)).collect();
    let head = file.split(ddl::MARKER).next().unwrap_or_default().to_owned();
    let body = if earlier.is_empty() { ddl::generated() } else { ddl::generated_after(&keyed) };
    let expected = format!("{head}{body}");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &expected).expect("write migration");
    }
    assert!(
        *file == expected,
        "{} differs from what sync::spec generates: run with UPDATE_SNAPSHOTS=1 (before it \
         ships) and review; a spec change after a migration shipped goes in a new migration \
         whose head is followed by the marker line",
        path.display()
    );
}

#[test]
fn keyed_tables_are_read_back_from_a_generated_migration() {
    let text = ddl::generated();
    let keyed = ddl::keyed_by(&text);
    assert!(keyed.contains(&"customer") && keyed.contains(&"audit_log"), "{keyed:?}");
    let again = ddl::generated_after(&keyed);
    assert!(!again.contains("ADD COLUMN key"), "no table is keyed twice");
    assert!(again.contains("DROP TRIGGER IF EXISTS sync_customer_insert;"), "triggers remade");
}

#[test]
fn every_column_of_a_synced_table_is_placed() {
    let db = db();
    for e in spec::ENTITIES {
        let cols: BTreeSet<String> = db
            .conn()
            .prepare(&format!("SELECT name FROM pragma_table_info('{}')", e.table))
            .expect("columns")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("names");
        for c in &cols {
            let placed = c == "id"
                || c == "key"
                || e.fields.contains(&c.as_str())
                || spec::LOCAL.iter().any(|(t, col, _)| *t == e.table && col == c);
            assert!(placed, "{}.{c} is neither synced nor kept home in sync::spec", e.table);
        }
        for f in e.fields {
            assert!(cols.contains(*f), "{}.{f} in the spec is not a column", e.table);
        }
        for (f, _) in e.personal {
            let synced = e.fields.contains(f) || e.sets.iter().any(|s| s.0 == *f);
            assert!(synced, "personal field {}.{f} must be a synced one", e.table);
        }
    }
}

#[test]
fn new_records_get_a_uuid_v7_key_and_existing_keys_are_unique() {
    let mut db = crate::sync_support::site("CH01");
    let a = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let b = add(&mut db, "Trần Văn Bình", &["0987654321"]);
    let key = |id: i64| -> String {
        db.conn()
            .query_row("SELECT key FROM customer WHERE id = ?1", [id], |r| r.get(0))
            .expect("key")
    };
    let (ka, kb) = (key(a.id), key(b.id));
    assert_ne!(ka, kb, "two customers, two keys");
    let u = uuid::Uuid::parse_str(&ka).expect("the key is a UUID");
    assert_eq!(u.get_version_num(), 7, "a UUIDv7: its first bits are the time it was made");
    assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
    let phone: String = db
        .conn()
        .query_row("SELECT key FROM customer_phone WHERE customer_id = ?1", [a.id], |r| r.get(0))
        .expect("phone key");
    assert_eq!(phone, format!("{ka}/phone/0"), "a phone is keyed by its place, never its number");
    let audit: Option<String> =
        db.conn().query_row("SELECT min(key) FROM audit_log", [], |r| r.get(0)).expect("audit key");
    assert!(audit.is_some(), "audit rows get keys despite the append-only trigger");
    let blocked = db.conn().execute("UPDATE audit_log SET key = 'x'", []);
    assert!(blocked.is_err(), "an audit row's key, once set, never changes");
}

#[test]
fn migration_backfills_keys_of_existing_rows() {
    let mut conn = rusqlite::Connection::open_in_memory().expect("memory");
    let before = &khachquen::db::MIGRATIONS[..14];
    khachquen::db::apply_migrations(&mut conn, before).expect("0014");
    conn.execute_batch(
        "INSERT INTO customer(full_name, call_name, folded_name, folded_call, created_at, updated_at)
         VALUES ('A', 'A', 'a', 'a', 'x', 'x'), ('B', 'B', 'b', 'b', 'x', 'x');
         INSERT INTO customer_phone(customer_id, canonical, raw, kind, reversed) VALUES (1, '0911', '0911', 'mobile', '1190');
         INSERT INTO audit_log(at, staff, action, entity, entity_id) VALUES ('x', 's', 'create', 'customer', 1);",
    )
    .expect("old rows");
    khachquen::db::apply_migrations(&mut conn, khachquen::db::MIGRATIONS).expect("0015");
    let (n, distinct): (i64, i64) = conn
        .query_row("SELECT count(key), count(DISTINCT key) FROM customer", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("keys");
    assert_eq!((n, distinct), (2, 2), "every existing customer has its own key");
    let policy: String =
        conn.query_row("SELECT key FROM policy WHERE id = 1", [], |r| r.get(0)).expect("policy");
    assert_eq!(policy, "00000000-0000-7000-8000-000000000001", "presets share a key chain-wide");
    for t in ["customer_phone", "audit_log"] {
        let missing: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {t} WHERE key IS NULL"), [], |r| r.get(0))
            .expect("count");
        assert_eq!(missing, 0, "{t}: every row keyed");
    }
}

#[test]
fn a_single_shop_writes_no_keys_until_it_joins_a_chain() {
    let mut db = db();
    let c = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let key = |db: &khachquen::Db| -> Option<String> {
        db.conn()
            .query_row("SELECT key FROM customer WHERE id = ?1", [c.id], |r| r.get(0))
            .expect("row")
    };
    assert_eq!(key(&db), None, "a single shop pays nothing for keys");
    db.write(|tx| khachquen::sync::local::start_site(tx, "CH01")).expect("joins");
    let k = key(&db).expect("joining gives every record its key");
    let missing: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM customer_phone WHERE key IS NULL", [], |r| r.get(0))
        .expect("count");
    assert_eq!(missing, 0);
    let captured = crate::sync_support::all_pending(&db);
    assert!(captured.iter().any(|ch| ch.key == k), "and its record joins the snapshot");
}

/// Every reference to a customer that follows merges keeps the customer it named when a merge
/// moves it (migration 0029's triggers): a record added to the spec without one would follow
/// merges differently from store to store.
#[test]
fn every_record_pointing_at_a_customer_keeps_whom_it_named() {
    let db = db();
    for (e, col) in khachquen::sync::local::origin::customer_refs() {
        let sql: String = db
            .conn()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [format!("sync_origin_{}", e.table)],
                |r| r.get(0),
            )
            .unwrap_or_else(|_| panic!("no origin trigger on {}", e.table));
        assert!(sql.contains(&format!("UPDATE OF {col} ON {}", e.table)), "{sql}");
        assert!(sql.contains(&format!("'{}'", e.name)), "{} under its own name: {sql}", e.table);
    }
}
