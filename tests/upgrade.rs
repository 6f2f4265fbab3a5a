//! Upgrades keep the data: a database an older version wrote is copied (checked) before this
//! build migrates it; a migration that fails, or leaves the file unsound, leaves the data as it
//! was (put back from the copy when the file changed) and says where the copy is.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use khachquen::db::{schema_version, upgrade, MIGRATIONS};
use khachquen::error::ErrorPayload;
use khachquen::Db;
use rusqlite::Connection;

/// The schema the fixture is written in: customers and sales exist, nothing later does.
const OLD: usize = 2;

/// A shop as version 2 stored it, in that schema's own SQL.
const OLD_SHOP: &str = "
INSERT INTO customer(id, full_name, call_name, address_as, folded_name, folded_call, created_at, updated_at)
VALUES (1, 'Đặng Thị Ngọc Hân', 'Hân', 'chị', 'dang thi ngoc han', 'han', '2026-01-05T03:00:00Z', '2026-01-05T03:00:00Z'),
       (2, 'Lê Văn Tám', 'Tám', 'anh', 'le van tam', 'tam', '2026-01-06T03:00:00Z', '2026-01-06T03:00:00Z');
INSERT INTO customer_phone(customer_id, canonical, raw, kind, reversed, is_primary)
VALUES (1, '0912345678', '0912.345.678', 'mobile', '8765432190', 1),
       (2, '0903111222', '0903 111 222', 'mobile', '2221113090', 1);
INSERT INTO product(id, code, name, folded_name, price, warranty_months, exchange_days, serial_required, created_at, updated_at)
VALUES (1, 'IP15', 'iPhone 15 128GB', 'iphone 15 128gb', 19990000, 12, 30, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO purchase(id, receipt_no, sold_at, customer_id, staff, total, created_at, updated_at)
VALUES (1, 'HD260105-001', '2026-01-05T03:10:00Z', 1, 'Chủ tiệm', 19990000, '2026-01-05T03:10:00Z', '2026-01-05T03:10:00Z');
INSERT INTO purchase_line(id, purchase_id, position, product_id, product_name, quantity, unit_price, warranty_months, exchange_days, policy)
VALUES (1, 1, 0, 1, 'iPhone 15 128GB', 1, 19990000, 12, 30, '');
INSERT INTO unit(line_id, customer_id, serial, serial_reversed, warranty_start, warranty_months, exchange_days, warranty_end, updated_at)
VALUES (1, 1, '356789012345678', '876543210987653', '2026-01-05', 12, 30, '2027-01-05', '2026-01-05T03:10:00Z');
";

/// 29 Nov 2026, 17:12 in the shop.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 10, 12, 0).unwrap()
}

/// A database at version 2 holding [`OLD_SHOP`], in WAL mode as the app leaves it.
fn old_shop(path: &Path) {
    let mut conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).unwrap();
    khachquen::db::apply_migrations(&mut conn, &MIGRATIONS[..OLD]).unwrap();
    conn.execute_batch(OLD_SHOP).unwrap();
}

/// What the shop's data says, read with plain SQL that every version can run.
fn shop_of(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT c.full_name || ' ' || p.canonical || ' ' || coalesce(
             (SELECT group_concat(b.receipt_no || ' ' || b.total || ' ' || u.serial)
              FROM purchase b JOIN purchase_line l ON l.purchase_id = b.id
              JOIN unit u ON u.line_id = l.id WHERE b.customer_id = c.id), '-')
         FROM customer c JOIN customer_phone p ON p.customer_id = c.id ORDER BY c.id",
    )
    .unwrap()
    .query_map([], |r| r.get(0))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn expected_shop() -> Vec<String> {
    vec![
        "Đặng Thị Ngọc Hân 0912345678 HD260105-001 19990000 356789012345678".to_owned(),
        "Lê Văn Tám 0903111222 -".to_owned(),
    ]
}

fn raw(path: &Path) -> Connection {
    Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn tables(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT name FROM sqlite_schema ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The copies in the folder beside the database, by name.
fn copies(db_path: &Path) -> Vec<PathBuf> {
    let dir = upgrade::folder_of(db_path);
    let mut out: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => vec![],
    };
    out.sort();
    out
}

/// A list whose first `good` migrations are this build's, then `last`.
fn broken(good: usize, last: &'static str) -> Vec<&'static str> {
    let mut list = MIGRATIONS[..good].to_vec();
    list.push(last);
    list
}

/// Opens with `migrations`, which must fail; the error as the UI receives it.
fn failed_open(path: &Path, migrations: &[&str]) -> ErrorPayload {
    let err = Db::open_with(path, migrations, now()).err().expect("the upgrade must fail");
    ErrorPayload::from(err)
}

/// After a refused or failed upgrade: version 2, no table of a later migration, the shop's data.
fn assert_as_it_was(path: &Path, why: &str) {
    let conn = raw(path);
    assert_eq!(schema_version(&conn).unwrap(), OLD as i64, "{why}: the version it had");
    let mut fresh = Connection::open_in_memory().unwrap();
    khachquen::db::apply_migrations(&mut fresh, &MIGRATIONS[..OLD]).unwrap();
    assert_eq!(tables(&conn), tables(&fresh), "{why}: nothing of a later migration stays");
    assert_eq!(shop_of(&conn), expected_shop(), "{why}: every customer and sale as it was");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok", "{why}: the file is sound");
}

#[test]
fn an_older_database_is_copied_then_upgraded_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khachquen.db");
    old_shop(&path);

    let db = Db::open_with(&path, MIGRATIONS, now()).unwrap();
    assert_eq!(schema_version(db.conn()).unwrap(), MIGRATIONS.len() as i64);
    assert_eq!(shop_of(db.conn()), expected_shop(), "the upgrade keeps every customer and sale");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let sales = khachquen::sales::for_customer(db.conn(), 1, today).unwrap();
    assert_eq!(sales.purchases.len(), 1, "this build reads the old sale");
    assert_eq!(sales.purchases[0].receipt_no, "HD260105-001");
    assert_eq!(sales.units[0].serial.as_deref(), Some("356789012345678"));

    let kept = copies(&path);
    let name = format!("truoc-nang-cap-v{OLD}-den-v{}-2026-11-29-1712.sqlite", MIGRATIONS.len());
    assert_eq!(kept, vec![dir.path().join("nang-cap").join(&name)], "one copy, named for people");
    assert_eq!(
        khachquen::io::backup::verify(&kept[0]).unwrap(),
        OLD as i64,
        "the copy is a sound Khách Quen database at the old version, which a restore takes"
    );
    let copy = raw(&kept[0]);
    assert_eq!(shop_of(&copy), expected_shop(), "the copy holds the data before the upgrade");
    let mode: String = copy.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete", "the copy is one file, not a WAL pair");
    drop((copy, db));

    let again = Db::open_with(&path, MIGRATIONS, now()).unwrap();
    drop(again);
    assert_eq!(copies(&path).len(), 1, "a current database is opened without another copy");
}

#[test]
fn a_new_database_keeps_no_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khachquen.db");
    drop(Db::open(&path).unwrap());
    drop(Db::open(&path).unwrap());
    assert!(copies(&path).is_empty(), "nothing to keep from an empty file or a current one");
    assert!(!upgrade::folder_of(&path).exists(), "and no folder made for nothing");
}

#[test]
fn a_failing_migration_leaves_the_data_as_it_was_and_says_where_the_copy_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khachquen.db");
    old_shop(&path);

    let list = broken(4, "CREATE TABLE half(x); THIS IS NOT SQL;");
    let err = failed_open(&path, &list);
    assert_eq!(err.code, "upgrade_failed");
    let kept = copies(&path);
    assert_eq!(kept.len(), 1);
    assert_eq!(err.detail.as_deref(), Some(kept[0].display().to_string().as_str()));
    assert!(err.message.contains("as it was"), "{}", err.message);
    assert_as_it_was(&path, "after a migration failed");
    assert_eq!(khachquen::io::backup::verify(&kept[0]).unwrap(), OLD as i64);

    // Tried again in the same minute: a second copy beside the first, not over it.
    assert_eq!(failed_open(&path, &list).code, "upgrade_failed");
    let kept = copies(&path);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.iter().any(|p| p.display().to_string().ends_with("-1712-2.sqlite")), "{kept:?}");

    let db = Db::open(&path).expect("this build then upgrades it");
    assert_eq!(shop_of(db.conn()), expected_shop());
}

#[test]
fn a_migration_that_commits_half_way_is_undone_from_the_copy() {
    // A migration that ends the runner's transaction (as a table rebuild needing foreign keys
    // off would) commits what ran before it fails: the file is no longer at its version.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khachquen.db");
    old_shop(&path);

    let list = broken(4, "CREATE TABLE half(x); COMMIT; BEGIN; THIS IS NOT SQL;");
    let err = failed_open(&path, &list);
    assert_eq!(err.code, "upgrade_failed", "{}", err.message);
    assert!(err.message.contains("restored from the copy"), "{}", err.message);
    assert_as_it_was(&path, "after a half-committed migration");
}

#[test]
fn a_migration_that_leaves_rows_without_a_parent_is_undone_from_the_copy() {
    // It succeeds, but with foreign keys off it deleted a customer whose phone stays behind: the
    // check after the migrations finds the orphan and the copy goes back.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khachquen.db");
    old_shop(&path);

    let list = broken(
        4,
        "COMMIT; PRAGMA foreign_keys = OFF; BEGIN;
         DELETE FROM customer WHERE id = 2;
         COMMIT; PRAGMA foreign_keys = ON; BEGIN;",
    );
    let err = failed_open(&path, &list);
    assert_eq!(err.code, "upgrade_failed", "{}", err.message);
    assert!(err.message.contains("parent"), "{}", err.message);
    assert_as_it_was(&path, "after a migration orphaned rows");
}

#[test]
fn no_upgrade_without_its_copy() {
    // The copies' folder cannot be made (a file has its name): as a full or read-only disk, and
    // unlike a permission, it stops root and Windows alike.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khachquen.db");
    old_shop(&path);
    let folder = upgrade::folder_of(&path);
    std::fs::write(&folder, "not a folder").unwrap();

    let err = failed_open(&path, MIGRATIONS);
    assert_eq!(err.code, "upgrade_backup_failed", "{}", err.message);
    assert_eq!(err.detail.as_deref(), Some(folder.display().to_string().as_str()));
    assert!(err.message.contains("nothing was changed"), "{}", err.message);
    assert_as_it_was(&path, "when the copy could not be written");
    assert_eq!(std::fs::read_to_string(&folder).unwrap(), "not a folder");
}

#[test]
fn only_the_last_copies_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        let path = dir.path().join(format!("k{i}.db"));
        old_shop(&path);
        drop(Db::open_with(&path, MIGRATIONS, now() + chrono::Duration::days(i)).unwrap());
    }
    let left = copies(&dir.path().join("k0.db"));
    assert_eq!(left.len(), upgrade::KEEP, "{left:?}");
    let days: Vec<String> =
        left.iter().map(|p| p.file_name().unwrap().to_string_lossy()[26..36].to_owned()).collect();
    assert_eq!(days, ["2026-12-01", "2026-12-02", "2026-12-03"], "the newest stay: {left:?}");
}
