use khachquen::db::{schema_version, MIGRATIONS};
use khachquen::Db;

#[test]
fn fresh_database_is_at_the_latest_version() {
    let db = crate::support::db();
    assert_eq!(schema_version(db.conn()).expect("version"), MIGRATIONS.len() as i64);
}

#[test]
fn schema_snapshot() {
    let db = crate::support::db();
    let mut stmt = db
        .conn()
        .prepare("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'customer_fts_%' ORDER BY type, name")
        .expect("schema query");
    let schema: String = stmt
        .query_map([], |r| Ok(format!("{}\n", r.get::<_, String>(2)?)))
        .expect("rows")
        .collect::<Result<String, _>>()
        .expect("schema");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema.snapshot.sql");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &schema).expect("write snapshot");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        schema, committed,
        "the schema changed: add a migration, then run with UPDATE_SNAPSHOTS=1 and review"
    );
}

#[test]
fn reopening_keeps_data_and_does_not_rerun_migrations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    {
        let mut db = Db::open(&path).expect("create");
        crate::support::add(&mut db, "Võ Thị Sáu", &["0912345678"]);
    }
    let db = Db::open(&path).expect("reopen");
    assert_eq!(crate::support::names(&db, "sau"), vec!["Võ Thị Sáu"]);
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    let fk: i64 = db.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("fk");
    assert_eq!(fk, 1, "foreign keys are on for every connection");
}

#[test]
fn newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 999;")
            .expect("future schema");
    }
    let before = std::fs::read(&path).expect("bytes");
    let err = Db::open(&path).err().expect("a newer schema must be refused");
    assert_eq!(err.code(), "schema_too_new");
    let conn = rusqlite::Connection::open(&path).expect("raw");
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(v, 999, "the newer database is left as it was");
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'customer'", [], |r| r.get(0))
        .expect("q");
    assert_eq!(tables, 0, "no table of ours was added");
    drop(conn);
    let after = std::fs::read(&path).expect("bytes");
    assert!(
        after == before,
        "not a byte of the file changed ({} bytes before, {} after)",
        before.len(),
        after.len()
    );
    assert!(!dir.path().join("newer.db-wal").exists(), "no write-ahead log was started");
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "this is a shopping list, not a database ".repeat(100)).expect("write");
    let err = Db::open(&path).err().expect("garbage is not a database");
    assert_eq!(err.code(), "not_a_database");
}

#[test]
fn a_failing_migration_leaves_the_database_as_it_was() {
    // A database at version 5 and a list whose sixth migration is the real one and whose seventh
    // fails half-way: the runner must leave it at version 5 with nothing of either applied.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("atomic.db");
    let mut conn = rusqlite::Connection::open(&path).expect("raw");
    khachquen::db::apply_migrations(&mut conn, &MIGRATIONS[..5]).expect("up to 5");
    let schema = |c: &rusqlite::Connection| -> Vec<String> {
        c.prepare("SELECT name FROM sqlite_schema ORDER BY name")
            .expect("q")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("names")
    };
    let before = schema(&conn);
    let mut broken: Vec<&str> = MIGRATIONS[..6].to_vec();
    broken.push("CREATE TABLE half(x); THIS IS NOT SQL;");
    let err = khachquen::db::apply_migrations(&mut conn, &broken).expect_err("the bad one fails");
    assert_eq!(err.code(), "storage");
    assert_eq!(schema_version(&conn).expect("v"), 5, "the version is the one it had");
    assert_eq!(schema(&conn), before, "neither migration 6 nor the half of 7 stays");
    drop(conn);
    let db = Db::open(&path).expect("the app then migrates it cleanly");
    assert_eq!(schema_version(db.conn()).expect("v"), MIGRATIONS.len() as i64);
}
