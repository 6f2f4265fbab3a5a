//! Verified backups, rotation, restores that refuse what is not ours, and the integrity check.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use khachquen::io::backup;
use khachquen::staff::Actor;
use khachquen::Db;

use crate::support::*;

fn at(days_ago: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(21, 30, 0).unwrap()
        - Duration::days(days_ago)
}

#[test]
fn rotation_keeps_seven_daily_four_weekly_and_twelve_monthly() {
    // A backup every evening for two years, and a second one on the latest day.
    let mut stamps: Vec<NaiveDateTime> = (0..730).map(at).collect();
    stamps.push(at(0) - Duration::hours(3));
    let kept = backup::keep(&stamps);
    let days: Vec<String> = kept.iter().rev().map(|t| t.format("%Y-%m-%d").to_string()).collect();
    // The 7 latest days (the later copy of today); the newest of 4 ISO weeks (23/11 is a
    // Monday: this week's and last week's are already kept, then 15/11 and 08/11); the newest
    // of 12 months (this month's is today's).
    assert_eq!(
        days,
        [
            "2026-11-23",
            "2026-11-22",
            "2026-11-21",
            "2026-11-20",
            "2026-11-19",
            "2026-11-18",
            "2026-11-17",
            "2026-11-15",
            "2026-11-08",
            "2026-10-31",
            "2026-09-30",
            "2026-08-31",
            "2026-07-31",
            "2026-06-30",
            "2026-05-31",
            "2026-04-30",
            "2026-03-31",
            "2026-02-28",
            "2026-01-31",
            "2025-12-31",
        ]
    );
    assert_eq!(kept.iter().next_back(), Some(&at(0)), "the later copy of the day is the one kept");
}

pub(crate) fn shop_file(dir: &std::path::Path, customers: &[&str]) -> Db {
    let mut db = Db::open(&dir.join("khachquen.db")).unwrap();
    for name in customers {
        add(&mut db, name, &[]);
    }
    db
}

/// The shop's owner, created on first run.
pub(crate) fn owner(db: &mut Db) -> Actor {
    khachquen::staff::first_owner(db, "Chủ Hà", "246810", now()).unwrap()
}

#[test]
fn a_backup_is_verified_rotated_and_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("usb").join("KhachQuen");
    let mut db = shop_file(dir.path(), &["Nguyễn Thị Lan", "Trần Văn Bình"]);
    let o = owner(&mut db);
    let b = backup::backup(&mut db, &folder, Some(&o), now()).unwrap();
    assert!(b.path.ends_with("khachquen-20261123-100000.db"), "{}", b.path);
    assert_eq!(
        backup::verify(std::path::Path::new(&b.path)).unwrap(),
        khachquen::db::MIGRATIONS.len() as i64
    );
    let second = backup::backup(&mut db, &folder, Some(&o), now()).unwrap();
    assert_ne!(second.path, b.path, "a second backup in the same second gets its own name");
    let listed: Vec<String> = backup::list(&folder).unwrap().into_iter().map(|f| f.path).collect();
    assert_eq!(listed, std::slice::from_ref(&second.path), "one a day is kept: the newest");
    let b = second;
    // Old files beyond the rotation go; anything else in the folder is left alone.
    for d in 1..40 {
        std::fs::copy(
            &b.path,
            folder.join(format!("khachquen-{}.db", at(d).format("%Y%m%d-%H%M%S"))),
        )
        .unwrap();
    }
    std::fs::write(folder.join("ghi-chu.txt"), "không phải sao lưu").unwrap();
    assert!(backup::rotate(&folder).unwrap() > 20);
    let left = backup::list(&folder).unwrap().len();
    assert!(left <= 7 + 4 + 12, "{left}");
    assert!(folder.join("ghi-chu.txt").exists());

    // A customer added after the backup disappears on restore; the safety copy keeps them.
    add(&mut db, "Phạm Thu Chi", &[]);
    drop(db);
    let live = dir.path().join("khachquen.db");
    let done =
        backup::restore(&live, std::path::Path::new(&b.path), &folder, None, &o, now()).unwrap();
    let restored = Db::open(&live).unwrap();
    assert_eq!(table_count(&restored, "customer"), 2);
    assert!(backup::check(restored.conn()).unwrap().is_ok());
    assert_eq!(done.actor.as_ref().map(|a| a.id), Some(o.id), "the owner stays signed in");
    let kept = Db::open(&done.safety.unwrap()).unwrap();
    assert_eq!(table_count(&kept, "customer"), 3, "the safety copy holds what was replaced");
}

#[test]
fn a_restore_refuses_what_is_not_a_sound_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = shop_file(dir.path(), &["Nguyễn Thị Lan"]);
    let o = owner(&mut db);
    drop(db);
    let live = dir.path().join("khachquen.db");
    let before = std::fs::read(&live).unwrap();
    let text = dir.path().join("khach.csv");
    std::fs::write(&text, "Họ tên,SĐT\nLan,0912345678\n").unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let foreign = dir.path().join("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); PRAGMA user_version = 3;")
        .unwrap();
    let newer = dir.path().join("newer.db");
    std::fs::copy(&live, &newer).unwrap();
    rusqlite::Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99;").unwrap();
    for (file, code) in [
        (&text, "not_a_backup"),
        (&empty, "not_a_backup"),
        (&foreign, "not_a_backup"),
        (&newer, "schema_too_new"),
    ] {
        let err =
            backup::restore(&live, file, &dir.path().join("backups"), None, &o, now()).unwrap_err();
        assert_eq!(err.code(), code, "{}", file.display());
    }
    assert_eq!(std::fs::read(&live).unwrap(), before, "the database is untouched");
    assert!(
        !dir.path().join("backups").exists()
            || backup::list(&dir.path().join("backups")).unwrap().is_empty()
    );
}

#[test]
fn the_cli_backs_up_checks_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("shop.db");
    drop(shop_file(dir.path(), &[]));
    std::fs::rename(dir.path().join("khachquen.db"), &db_path).unwrap();
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_khachquen"))
            .arg("--db")
            .arg(&db_path)
            .args(args)
            .output()
            .unwrap()
    };
    let out = cli(&["customer", "add", "--name", "Lê Văn An", "--phone", "0912345678"]);
    assert!(out.status.success());
    let out = cli(&["backup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(file.contains("backups"), "{file}");
    let out = cli(&["check"]);
    assert_eq!(
        (out.status.success(), String::from_utf8(out.stdout).unwrap()),
        (true, "ok\n".to_owned())
    );
    cli(&["customer", "add", "--name", "Trần Thị Bình", "--phone", "0987654321"]);
    let out = cli(&["restore", &file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cli(&["search", "binh"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "", "Bình came after the backup");
    let out = cli(&["restore", db_path.parent().unwrap().join("nope.db").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a sound Khách Quen backup"));
}

#[test]
fn the_backup_folder_must_be_writable_and_a_day_needs_one_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = shop_file(dir.path(), &["Nguyễn Thị Lan"]);
    let o = owner(&mut db);
    assert_eq!(backup::folder(db.conn(), dir.path()).unwrap(), dir.path().join("backups"));
    assert_eq!(
        backup::set_folder(&mut db, "usb/backups", &o, now()).unwrap_err().to_string(),
        "invalid input: dir (folder_not_absolute)"
    );
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let under_file = file.join("backups");
    assert_eq!(
        backup::set_folder(&mut db, under_file.to_str().unwrap(), &o, now())
            .unwrap_err()
            .to_string(),
        "invalid input: dir (folder_unwritable)"
    );
    assert_eq!(
        backup::folder(db.conn(), dir.path()).unwrap(),
        dir.path().join("backups"),
        "unchanged"
    );
    let usb = dir.path().join("usb");
    backup::set_folder(&mut db, usb.to_str().unwrap(), &o, now()).unwrap();
    assert_eq!(backup::folder(db.conn(), dir.path()).unwrap(), usb);
    assert!(backup::due(&usb, now()).unwrap());
    backup::backup(&mut db, &usb, Some(&o), now()).unwrap();
    assert!(!backup::due(&usb, now()).unwrap());
    assert!(backup::due(&usb, now() + Duration::days(1)).unwrap());
}

#[test]
fn a_backup_is_one_self_contained_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = shop_file(dir.path(), &["Nguyễn Thị Lan"]);
    let folder = dir.path().join("backups");
    backup::backup(&mut db, &folder, None, now()).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["khachquen-20261123-100000.db"], "no -wal, -shm or .partial left behind");
    let mode: String = rusqlite::Connection::open(folder.join(&names[0]))
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn a_backup_from_its_own_connection_does_not_wait_for_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = shop_file(dir.path(), &["Nguyễn Thị Lan"]);
    // The app is in the middle of a write: a WAL reader still gets the last committed state.
    let tx = db.conn().unchecked_transaction().unwrap();
    tx.execute("UPDATE customer SET notes = 'đang sửa'", []).unwrap();
    let taken =
        backup::take(&dir.path().join("khachquen.db"), &dir.path().join("backups"), None, now())
            .unwrap();
    tx.rollback().unwrap();
    // The audit row is a short write through the app's own connection, once it is free.
    let b = taken.record(&mut db, now()).unwrap();
    let copy = Db::open(std::path::Path::new(&b.path)).unwrap();
    assert_eq!(table_count(&copy, "customer"), 1);
    let notes: String =
        copy.conn().query_row("SELECT notes FROM customer", [], |r| r.get(0)).unwrap();
    assert_eq!(notes, "", "the uncommitted edit is not in the backup");
}

#[test]
fn a_killed_backups_leftover_is_cleared_by_a_later_backup_once_old() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = shop_file(dir.path(), &["Nguyễn Thị Lan"]);
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let old = folder.join("khachquen-20261120-100000.partial");
    let running = folder.join("khachquen-20261123-095959.partial");
    let theirs = folder.join("ghi-chu.partial");
    for p in [&old, &running, &theirs] {
        std::fs::write(p, b"half a copy").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in [&old, &theirs] {
        std::fs::File::options().write(true).open(p).unwrap().set_modified(hour_ago).unwrap();
    }
    backup::backup(&mut db, &folder, None, now()).unwrap();
    assert!(!old.exists(), "an hour-old leftover is removed");
    assert!(running.exists(), "a copy another backup may be writing right now is left alone");
    assert!(theirs.exists(), "files that are not ours are left alone");
}
