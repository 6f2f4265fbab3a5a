//! Restores and backups that cannot be abused: the owner alone restores, only unaltered files,
//! every restore logged inside and outside the database, erasures carried out again; backups
//! need their permission, are audited, and leave the data folder only encrypted.

use std::path::{Path, PathBuf};

use chrono::Duration;
use khachquen::error::Error;
use khachquen::io::{backup, retention};
use khachquen::staff::{self, Actor, Role, StaffDraft};
use khachquen::Db;

use crate::backup::{owner, shop_file};
use crate::support::*;

const PASSPHRASE: &str = "hoa mai nở sớm";

fn member(db: &mut Db, by: &Actor, name: &str, role: Role) -> Actor {
    let draft =
        StaffDraft { name: name.into(), role: Some(role), pin: "135790".into(), active: true };
    let s = staff::create(db, &draft, by, now()).unwrap();
    staff::sign_in(db, s.id, "135790", now()).unwrap()
}

struct Shop {
    dir: tempfile::TempDir,
    owner: Actor,
}

impl Shop {
    /// A shop with Lan and Bình, its owner, and a backup taken in `backups`.
    fn with_backup() -> (Shop, Db, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = shop_file(dir.path(), &[]);
        add(&mut db, "Nguyễn Thị Lan", &["0912 345 678"]);
        add(&mut db, "Trần Văn Bình", &["0987 654 321"]);
        let o = owner(&mut db);
        let b = backup::backup(&mut db, &dir.path().join("backups"), Some(&o), now()).unwrap();
        (Shop { dir, owner: o }, db, PathBuf::from(b.path))
    }

    fn live(&self) -> PathBuf {
        self.dir.path().join("khachquen.db")
    }

    fn restore(
        &self,
        file: &Path,
        pass: Option<&str>,
        by: &Actor,
    ) -> khachquen::Result<backup::Restored> {
        backup::restore(&self.live(), file, &self.dir.path().join("backups"), pass, by, now())
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join(backup::RESTORE_LOG)).unwrap_or_default()
    }
}

/// A copy of `file` changed by `sql` (run with the schema writable, as a forger would).
fn doctored(file: &Path, name: &str, sql: &str) -> PathBuf {
    let out = file.with_file_name(name);
    std::fs::copy(file, &out).unwrap();
    let conn = rusqlite::Connection::open(&out).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA writable_schema = ON; {sql}; PRAGMA writable_schema = OFF;"
    ))
    .unwrap();
    out
}

#[test]
fn only_the_owner_restores() {
    let (shop, mut db, file) = Shop::with_backup();
    let manager = member(&mut db, &shop.owner, "Minh", Role::Manager);
    let clerk = member(&mut db, &shop.owner, "Lan thu ngân", Role::Staff);
    add(&mut db, "Phạm Thu Chi", &[]);
    drop(db);
    let before = std::fs::read(shop.live()).unwrap();
    for who in [&manager, &clerk] {
        let err = shop.restore(&file, None, who).unwrap_err();
        assert!(matches!(err, Error::Forbidden("owner_only")), "{}: {err:?}", who.name);
    }
    assert_eq!(std::fs::read(shop.live()).unwrap(), before, "the data is untouched");
    let log = shop.log();
    assert_eq!(log.lines().count(), 2, "each refused attempt is logged: {log}");
    assert!(log.lines().all(|l| l.ends_with("refused: forbidden")), "{log}");
    assert!(log.contains("Minh (#") && log.contains("Lan thu ngân (#"), "{log}");
}

#[test]
fn altered_files_are_refused_and_change_nothing() {
    let (shop, db, file) = Shop::with_backup();
    drop(db);
    let before = std::fs::read(shop.live()).unwrap();
    let cases = [
        ("no-trigger.db", "DROP TRIGGER audit_log_no_delete", "schema_mismatch"),
        ("extra-table.db", "CREATE TABLE stash(x)", "schema_mismatch"),
        (
            "extra-trigger.db",
            "CREATE TRIGGER spy AFTER INSERT ON customer BEGIN SELECT 1; END",
            "schema_mismatch",
        ),
        (
            "check-edited.db",
            "UPDATE sqlite_schema SET sql = replace(sql, 'role = ''owner'' OR ', '') WHERE name = 'staff'",
            "schema_mismatch",
        ),
        (
            "roles-forged.db",
            "INSERT INTO role_permission(role, permission) VALUES ('manager', 'manage_staff')",
            "backup_roles_forged",
        ),
        ("owner-demoted.db", "UPDATE staff SET role = 'manager'", "backup_demotes_you"),
        ("owner-disabled.db", "UPDATE staff SET active = 0", "backup_demotes_you"),
    ];
    for (name, sql, code) in cases {
        let bad = doctored(&file, name, sql);
        let err = shop.restore(&bad, None, &shop.owner).unwrap_err();
        assert_eq!(err.code(), code, "{name}: {err}");
    }
    assert_eq!(std::fs::read(shop.live()).unwrap(), before, "the data is untouched");
    assert_eq!(backup::list(&shop.dir.path().join("backups")).unwrap().len(), 1);
    let safety = std::fs::read_dir(shop.dir.path().join("backups"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("before-"))
        .count();
    assert_eq!(safety, 0, "no safety copy is made for a refused file");
    assert_eq!(shop.log().lines().filter(|l| l.contains("refused: ")).count(), cases.len());
    // What an owner may set is no forgery: staff granted exports restores.
    let granted = doctored(
        &file,
        "staff-exports.db",
        "INSERT INTO role_permission(role, permission) VALUES ('staff', 'export')",
    );
    shop.restore(&granted, None, &shop.owner).unwrap();
}

#[test]
fn a_restore_leaves_an_audit_row_and_a_log_line() {
    let (shop, db, file) = Shop::with_backup();
    drop(db);
    let done = shop.restore(&file, None, &shop.owner).unwrap();
    let safety = done.safety.clone().unwrap();
    assert!(safety.exists());
    let db = Db::open(&shop.live()).unwrap();
    let (who, detail): (String, String) = db
        .conn()
        .query_row(
            "SELECT staff, detail FROM audit_log WHERE action = 'restore' AND entity = 'backup'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(who, "Chủ Hà");
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["file"], file.display().to_string());
    assert_eq!(detail["safety"], safety.display().to_string());
    let log = shop.log();
    let line = log.lines().last().unwrap();
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields.len(), 4, "{line}");
    assert_eq!(fields[0], "2026-11-23T03:00:00Z");
    assert!(fields[1].starts_with("Chủ Hà (#"), "{line}");
    assert_eq!(fields[2], file.display().to_string());
    assert!(fields[3].starts_with("ok; safety copy "), "{line}");
    // The restoring owner is in the file as owner: the session goes on.
    assert_eq!(done.actor.map(|a| (a.id, a.role)), Some((shop.owner.id, Role::Owner)));
}

/// Customer `id`'s name and when she was erased, if she was.
fn name_and_erasure(db: &Db, id: i64) -> (String, Option<String>) {
    db.conn()
        .query_row("SELECT full_name, erased_at FROM customer WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

#[test]
fn an_old_backup_restored_erases_again_what_was_erased_since() {
    let (shop, mut db, file) = Shop::with_backup();
    let lan = khachquen::customer::search(db.conn(), "lan", Default::default()).unwrap().hits[0].id;
    khachquen::privacy::erase(&mut db, lan, "Chủ Hà", now()).unwrap();
    let register =
        std::fs::read_to_string(shop.dir.path().join(khachquen::privacy::REGISTER_FILE)).unwrap();
    assert_eq!(register.lines().count(), 1);
    assert!(register.contains(&format!("\t{lan}\t")), "{register}");
    assert!(
        !register.contains("Lan") && !register.contains("0912"),
        "nothing personal: {register}"
    );
    drop(db);

    let done = shop.restore(&file, None, &shop.owner).unwrap();
    assert_eq!(done.reapplied, 1);
    let db = Db::open(&shop.live()).unwrap();
    assert!(names(&db, "lan").is_empty(), "search finds nothing of Lan");
    assert!(names(&db, "0912345678").is_empty());
    assert_eq!(names(&db, "binh"), ["Trần Văn Bình"], "the others are back");
    let (name, erased) = name_and_erasure(&db, lan);
    assert_eq!(name, format!("Khách đã xoá #{lan}"));
    assert!(erased.is_some());
    let phones: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM customer_phone WHERE customer_id = ?1", [lan], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(phones, 0);
    let by: String = db
        .conn()
        .query_row(
            "SELECT staff FROM audit_log WHERE action = 'erase' AND entity_id = ?1 ORDER BY id DESC",
            [lan],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(by, "system", "the re-application is the system's");
    let register =
        std::fs::read_to_string(shop.dir.path().join(khachquen::privacy::REGISTER_FILE)).unwrap();
    assert_eq!(register.lines().count(), 1, "erasing again does not list the customer twice");
}

/// The register is written inside an erasure's transaction, so a sync killed before its commit
/// leaves a customer listed and unerased here, and she may have been merged into another at
/// this store meanwhile (an erasure made elsewhere reaches her all the same). Opening the shop
/// erases her again, with the record she was merged into, instead of refusing to open.
#[test]
fn a_customer_the_register_lists_is_erased_again_with_the_one_she_was_merged_into() {
    let (shop, mut db, _) = Shop::with_backup();
    let id = |db: &Db, q: &str| {
        khachquen::customer::search(db.conn(), q, Default::default()).unwrap().hits[0].id
    };
    let (lan, binh) = (id(&db, "lan"), id(&db, "binh"));
    khachquen::customer::merge(&mut db, binh, lan, "Chủ Hà", now()).unwrap();
    let created: String = db
        .conn()
        .query_row("SELECT created_at FROM customer WHERE id = ?1", [lan], |r| r.get(0))
        .unwrap();
    let register = shop.dir.path().join(khachquen::privacy::REGISTER_FILE);
    std::fs::write(&register, format!("2026-11-30T08:00:00Z\t{lan}\t{created}\n")).unwrap();
    drop(db);

    let db = khachquen::desk::open(&shop.live(), now()).expect("the shop opens");
    let (name, erased) = name_and_erasure(&db, lan);
    assert_eq!(name, format!("Khách đã xoá #{lan}"));
    assert!(erased.is_some(), "the merged record is erased");
    // A merge says they are one person: her phone, moved to him by it, goes with him.
    assert!(name_and_erasure(&db, binh).1.is_some(), "the record she was merged into too");
    assert!(names(&db, "0912345678").is_empty(), "nothing finds her phone");
    assert!(names(&db, "binh").is_empty());
    let listed = std::fs::read_to_string(&register).unwrap();
    let ids: Vec<&str> = listed.lines().filter_map(|l| l.split('\t').nth(1)).collect();
    assert_eq!(ids, [lan.to_string(), binh.to_string()], "each listed once: {listed}");
}

#[test]
fn a_backup_needs_its_permission_and_is_audited() {
    let (shop, mut db, _) = Shop::with_backup();
    let clerk = member(&mut db, &shop.owner, "Lan thu ngân", Role::Staff);
    let manager = member(&mut db, &shop.owner, "Minh", Role::Manager);
    let folder = shop.dir.path().join("backups");
    let err = backup::backup(&mut db, &folder, Some(&clerk), now() + Duration::hours(1));
    assert!(matches!(err, Err(Error::Forbidden("take_backup"))), "{err:?}");
    let taken =
        backup::backup(&mut db, &folder, Some(&manager), now() + Duration::hours(2)).unwrap();
    let daily = backup::backup(&mut db, &folder, None, now() + Duration::hours(3)).unwrap();
    let rows: Vec<(String, String)> = db
        .conn()
        .prepare("SELECT staff, detail FROM audit_log WHERE action = 'backup' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let who: Vec<&str> = rows.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(who, ["Chủ Hà", "Minh", "system"], "the refused one left no row");
    assert!(rows[1].1.contains(&taken.path.replace('\\', "\\\\")), "{}", rows[1].1);
    assert!(rows[2].1.contains(&daily.path.replace('\\', "\\\\")));
}

#[test]
fn only_the_owner_chooses_the_folder_and_the_retention() {
    let (shop, mut db, _) = Shop::with_backup();
    let manager = member(&mut db, &shop.owner, "Minh", Role::Manager);
    let inside = shop.dir.path().join("khac");
    let err = backup::set_folder(&mut db, inside.to_str().unwrap(), &manager, now());
    assert!(matches!(err, Err(Error::Forbidden("owner_only"))), "{err:?}");
    let err = backup::set_passphrase(&mut db, PASSPHRASE, &manager, now());
    assert!(matches!(err, Err(Error::Forbidden("owner_only"))), "{err:?}");
    let err = retention::set_days(&mut db, 7, &manager, now());
    assert!(matches!(err, Err(Error::Forbidden("owner_only"))), "{err:?}");
    backup::set_folder(&mut db, inside.to_str().unwrap(), &shop.owner, now()).unwrap();
    assert_eq!(backup::folder(db.conn(), shop.dir.path()).unwrap(), inside);
}

#[test]
fn backups_outside_the_data_folder_are_encrypted() {
    let (shop, mut db, _) = Shop::with_backup();
    let usb = tempfile::tempdir().unwrap();
    let usb_dir = usb.path().to_str().unwrap();
    let err = backup::set_folder(&mut db, usb_dir, &shop.owner, now()).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: dir (passphrase_not_set)");
    let err = backup::backup(&mut db, usb.path(), Some(&shop.owner), now()).unwrap_err();
    assert_eq!(err.code(), "passphrase_not_set");
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 0, "nothing written in clear");
    let short = backup::set_passphrase(&mut db, "1234567", &shop.owner, now()).unwrap_err();
    assert_eq!(short.to_string(), "invalid input: passphrase (passphrase_too_short)");

    backup::set_passphrase(&mut db, PASSPHRASE, &shop.owner, now()).unwrap();
    let settings: String = db
        .conn()
        .query_row("SELECT group_concat(value, ' ') FROM setting", [], |r| r.get(0))
        .unwrap();
    assert!(!settings.contains(PASSPHRASE), "the passphrase is stored nowhere in clear");
    backup::set_folder(&mut db, usb_dir, &shop.owner, now()).unwrap();
    let info = backup::info(db.conn(), shop.dir.path()).unwrap();
    assert!(info.encrypted && info.passphrase_set);
    // A manager's backup (and the daily one) needs no passphrase typed.
    let manager = member(&mut db, &shop.owner, "Minh", Role::Manager);
    let folder = backup::folder(db.conn(), shop.dir.path()).unwrap();
    let b = backup::backup(&mut db, &folder, Some(&manager), now()).unwrap();
    assert!(b.encrypted && b.path.ends_with("khachquen-20261123-100000.db.age"), "{b:?}");
    let bytes = std::fs::read(&b.path).unwrap();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!contains("Nguyễn Thị Lan".as_bytes()), "no customer name in clear");
    assert!(!contains(b"SQLite format 3"), "no database in clear");
    assert_eq!(backup::list(usb.path()).unwrap(), std::slice::from_ref(&b));
    let leftovers: Vec<String> = std::fs::read_dir(shop.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "the clear copy is gone: {leftovers:?}");

    add(&mut db, "Phạm Thu Chi", &[]);
    drop(db);
    let before = std::fs::read(shop.live()).unwrap();
    let file = PathBuf::from(&b.path);
    let err = shop.restore(&file, None, &shop.owner).unwrap_err();
    assert_eq!(err.code(), "passphrase_required");
    let err = shop.restore(&file, Some("hoa mai nở muộn"), &shop.owner).unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase");
    assert_eq!(std::fs::read(shop.live()).unwrap(), before, "the data is untouched");
    shop.restore(&file, Some(PASSPHRASE), &shop.owner).unwrap();
    let db = Db::open(&shop.live()).unwrap();
    assert_eq!(table_count(&db, "customer"), 2, "Chi came after the backup");
    // The machine's backup settings stay: the next backups still go out encrypted.
    assert_eq!(backup::folder(db.conn(), shop.dir.path()).unwrap(), usb.path());
    assert!(backup::has_passphrase(db.conn()).unwrap());
}

#[test]
fn safety_copies_are_rotated_like_backups() {
    let (shop, db, file) = Shop::with_backup();
    drop(db);
    let folder = shop.dir.path().join("backups");
    let old: Vec<PathBuf> = (1..60)
        .map(|d| {
            let t = (now() - Duration::days(d)).format("%Y%m%d-%H%M%S");
            let p = folder.join(format!("before-restore-{t}.db"));
            std::fs::copy(&file, &p).unwrap();
            p
        })
        .collect();
    let done = shop.restore(&file, None, &shop.owner).unwrap();
    let safety: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("before-restore-"))
        .collect();
    assert!(safety.len() <= 7 + 4 + 12, "{}", safety.len());
    assert!(done.safety.unwrap().exists(), "the newest is kept");
    assert!(old[0].exists() && !old[58].exists(), "yesterday's kept, two months ago gone");
    assert_eq!(backup::list(&folder).unwrap().len(), 1, "the backups are rotated on their own");
}

#[test]
fn a_file_without_an_owner_gets_the_restoring_one_and_another_shops_ends_the_session() {
    let (shop, db, _) = Shop::with_backup();
    drop(db);
    // A backup from before accounts existed (schema 4): no owner in it.
    let old = shop.dir.path().join("v4.db");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        // Pages of another size than the live file's: SQLite copies none into a WAL file.
        conn.execute_batch("PRAGMA page_size = 8192").unwrap();
        for sql in &khachquen::db::MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 4").unwrap();
    }
    let done = shop.restore(&old, None, &shop.owner).unwrap();
    assert_eq!(done.actor.as_ref().map(|a| a.id), Some(shop.owner.id));
    let db = Db::open(&shop.live()).unwrap();
    assert!(!staff::needs_owner(db.conn()).unwrap(), "no first-run screen for whoever comes");
    staff::sign_in(&mut Db::open(&shop.live()).unwrap(), shop.owner.id, "246810", now()).unwrap();
    drop(db);

    // Another computer's file, with its own owner (id 1 too, another name): restored, and
    // the session ends; one of its owners signs in.
    let other = tempfile::tempdir().unwrap();
    let mut theirs = shop_file(other.path(), &["Đặng Thị Ngọc Hân"]);
    let mai = staff::first_owner(&mut theirs, "Chị Mai", "111111", now()).unwrap();
    assert_eq!(mai.id, shop.owner.id);
    let b = backup::backup(&mut theirs, &other.path().join("backups"), None, now()).unwrap();
    drop(theirs);
    let done = shop.restore(Path::new(&b.path), None, &shop.owner).unwrap();
    assert!(done.actor.is_none(), "the session ends");
    let db = Db::open(&shop.live()).unwrap();
    assert_eq!(names(&db, "han"), ["Đặng Thị Ngọc Hân"]);
}

#[test]
fn exports_older_than_the_retention_are_removed() {
    let (shop, mut db, _) = Shop::with_backup();
    assert_eq!(retention::days(db.conn()).unwrap(), retention::DEFAULT_DAYS);
    assert_eq!(retention::set_days(&mut db, 7, &shop.owner, now()).unwrap(), 7);
    assert!(retention::set_days(&mut db, 0, &shop.owner, now()).is_err());
    let exports = shop.dir.path().join("exports");
    std::fs::create_dir_all(exports.join("giu-lai")).unwrap();
    let at = |days: i64| std::time::SystemTime::from(now() - Duration::days(days));
    let file = |name: &str, days: i64| {
        let p = exports.join(name);
        std::fs::write(&p, "Họ tên\nNguyễn Thị Lan\n").unwrap();
        std::fs::File::options().write(true).open(&p).unwrap().set_modified(at(days)).unwrap();
        p
    };
    let old = file("khach-20261110-090000.csv", 13);
    let recent = file("khach-20261120-090000.csv", 3);
    let removed = retention::clean(&exports, retention::days(db.conn()).unwrap(), now()).unwrap();
    assert_eq!(removed, 1);
    assert!(!old.exists() && recent.exists());
    assert!(exports.join("giu-lai").exists(), "folders are left alone");
    assert_eq!(retention::clean(&shop.dir.path().join("none"), 7, now()).unwrap(), 0);
}

#[test]
fn a_file_copied_back_by_hand_gets_its_erasures_again_when_the_app_opens_it() {
    let (shop, mut db, file) = Shop::with_backup();
    let lan = khachquen::customer::search(db.conn(), "lan", Default::default()).unwrap().hits[0].id;
    khachquen::privacy::erase(&mut db, lan, "Chủ Hà", now()).unwrap();
    drop(db);
    // Someone replaces the live file with the old backup, outside the app.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", shop.live().display()));
    }
    std::fs::copy(&file, shop.live()).unwrap();
    assert_eq!(names(&Db::open(&shop.live()).unwrap(), "lan"), ["Nguyễn Thị Lan"], "as copied");
    let db = khachquen::desk::open(&shop.live(), now()).unwrap();
    assert!(names(&db, "lan").is_empty(), "erased again before anyone could search");
    assert_eq!(names(&db, "binh"), ["Trần Văn Bình"]);
}
