//! What Windows does differently, checked on every OS (the suite also runs under Wine:
//! `scripts/windows-test.sh`): folders with Vietnamese letters and spaces, CRLF line endings
//! from Excel and Notepad, and the CLI working on the database while the app has it open.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use khachquen::customer;
use khachquen::io::backup;
use khachquen::io::import::{self, CommitMode, Source};
use khachquen::Db;

use crate::backup::owner;
use crate::support::*;

/// A shop folder as an owner would name it, with a space and tone marks in every part.
fn shop_dir(root: &Path) -> PathBuf {
    root.join("Tiệm Điện Thoại")
}

fn cli(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khachquen"));
    c.arg("--db").arg(db).args(args);
    c
}

fn ran(mut c: Command) -> Output {
    let out = c.output().expect("the CLI starts");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn a_shop_folder_with_vietnamese_letters_and_spaces_backs_up_and_restores() {
    let root = tempfile::tempdir().unwrap();
    let shop = shop_dir(root.path());
    std::fs::create_dir_all(&shop).unwrap();
    let live = shop.join("khachquen.db");
    let folder = shop.join("Sao lưu dữ liệu");
    let mut db = Db::open(&live).unwrap();
    add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let o = owner(&mut db);
    let b = backup::backup(&mut db, &folder, Some(&o), now()).unwrap();
    assert!(!b.encrypted, "a folder inside the data folder is not outside it");
    assert_eq!(Path::new(&b.path).parent(), Some(folder.as_path()), "{}", b.path);
    let listed: Vec<String> = backup::list(&folder).unwrap().into_iter().map(|f| f.path).collect();
    assert_eq!(listed, std::slice::from_ref(&b.path));
    backup::verify(Path::new(&b.path)).unwrap();

    add(&mut db, "Trần Văn Bình", &[]);
    drop(db);
    let done = backup::restore(&live, Path::new(&b.path), &folder, None, &o, now()).unwrap();
    let safety = done.safety.expect("the replaced file is kept");
    assert!(safety.starts_with(&folder), "{}", safety.display());
    let restored = Db::open(&live).unwrap();
    assert_eq!(names(&restored, "binh"), Vec::<String>::new(), "Bình came after the backup");
    assert_eq!(names(&restored, "lan"), ["Nguyễn Thị Lan"]);
    assert_eq!(table_count(&Db::open(&safety).unwrap(), "customer"), 2);
    let mut left: Vec<String> = std::fs::read_dir(&shop)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restoring") || n.contains("partial"))
        .collect();
    left.sort();
    assert_eq!(left, Vec::<String>::new(), "nothing half-done stays beside the database");
}

#[test]
fn the_cli_takes_vietnamese_paths_with_spaces_on_its_command_line() {
    let root = tempfile::tempdir().unwrap();
    let shop = shop_dir(root.path());
    std::fs::create_dir_all(&shop).unwrap();
    let live = shop.join("dữ liệu khách.db");
    let folder = shop.join("Sao lưu dữ liệu");
    let added = cli(&live, &["customer", "add", "--name", "Lê Văn An", "--phone", "0912345678"]);
    ran(added);
    let mut backup_cmd = cli(&live, &["backup", "--dir"]);
    backup_cmd.arg(&folder);
    let file = String::from_utf8(ran(backup_cmd).stdout).unwrap().trim().to_owned();
    assert_eq!(Path::new(&file).parent(), Some(folder.as_path()), "{file}");
    ran(cli(&live, &["customer", "add", "--name", "Trần Thị Bình", "--phone", "0987654321"]));
    ran(cli(&live, &["restore", &file]));
    let out = ran(cli(&live, &["search", "an"]));
    assert!(String::from_utf8(out.stdout).unwrap().contains("Lê Văn An"));
    let out = ran(cli(&live, &["search", "binh"]));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "", "Bình came after the backup");
}

#[test]
fn a_csv_saved_with_crlf_line_endings_reads_like_one_with_lf() {
    let lf = "Tên khách hàng,Điện thoại,Ghi chú\n\
              Đặng Thị Hân,0912345678,\"Hay mua\nvào cuối tuần\"\n\
              Võ Minh Tuấn,0987 654 321,\n";
    let crlf = lf.replace('\n', "\r\n");
    let mut dbs = Vec::new();
    for text in [lf.to_owned(), crlf] {
        let mut db = db();
        let src = Source::read(text.as_bytes()).unwrap();
        let insp = import::inspect(db.conn(), &src).unwrap();
        let plan = import::dry_run(db.conn(), &src, &insp.mapping, now(), &mut |_| {}).unwrap();
        assert_eq!((plan.create, plan.errors), (2, 0), "{plan:#?}");
        let rows: Vec<u64> = plan.outcomes.iter().map(|o| o.row).collect();
        assert_eq!(rows, [2, 3], "rows are counted as a spreadsheet shows them");
        import::commit(
            &mut db,
            &src,
            &insp.mapping,
            CommitMode::AllOrNothing,
            "khach.csv",
            STAFF,
            now(),
            &mut |_| {},
        )
        .unwrap();
        dbs.push(db);
    }
    for db in &dbs {
        let han = &customer::search(db.conn(), "han", Default::default()).unwrap().hits[0];
        let card = customer::get(db.conn(), han.id, today()).unwrap();
        assert_eq!(card.full_name, "Đặng Thị Hân");
        assert_eq!(card.notes, "Hay mua\nvào cuối tuần", "no carriage return is kept");
        let tuan = &customer::search(db.conn(), "0987654321", Default::default()).unwrap().hits;
        assert_eq!(tuan.len(), 1, "the last column's phone carries no \\r");
        let card = customer::get(db.conn(), tuan[0].id, today()).unwrap();
        assert_eq!(card.notes, "", "an empty last cell stays empty");
    }
}

#[test]
fn the_cli_writes_while_the_app_holds_the_database_and_both_writes_land() {
    let root = tempfile::tempdir().unwrap();
    let shop = shop_dir(root.path());
    std::fs::create_dir_all(&shop).unwrap();
    let live = shop.join("khachquen.db");
    let mut app = Db::open(&live).unwrap();
    add(&mut app, "Nguyễn Thị Lan", &[]);
    // The app is in the middle of a write when the CLI starts: the CLI waits for it instead of
    // failing on the lock, whichever OS's file locks are underneath.
    let tx = app.conn().unchecked_transaction().unwrap();
    tx.execute("UPDATE customer SET notes = 'đang sửa'", []).unwrap();
    let mut child =
        cli(&live, &["customer", "add", "--name", "Lê Văn An", "--phone", "0912345678"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "the CLI waits while the app writes");
    tx.commit().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(names(&app, "an"), ["Lê Văn An"], "the app sees the CLI's customer at once");

    // And the other way round: the app writes while the CLI backs the file up from its own
    // connection, and the backup is a sound file of one moment.
    let folder = shop.join("Sao lưu dữ liệu");
    let mut backup_cmd = cli(&live, &["backup", "--dir"]);
    backup_cmd.arg(&folder).stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = backup_cmd.spawn().unwrap();
    add(&mut app, "Trần Văn Bình", &[]);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    backup::verify(Path::new(&file)).unwrap();
    let n = table_count(&Db::open(Path::new(&file)).unwrap(), "customer");
    assert!((2..=3).contains(&n), "{n} customers in the backup");
    assert_eq!(table_count(&app, "customer"), 3);
    let notes: String = app
        .conn()
        .query_row("SELECT notes FROM customer WHERE full_name = 'Nguyễn Thị Lan'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(notes, "đang sửa", "the app's own write was kept");
}

/// Without `--db` the data goes where the OS keeps an app's data: `%APPDATA%` on Windows (under
/// a user profile that is often a Vietnamese name with spaces), `$XDG_DATA_HOME` on Linux.
#[cfg(any(windows, target_os = "linux"))]
#[test]
fn without_a_db_path_the_data_and_its_backups_live_in_the_users_app_data_folder() {
    let root = tempfile::tempdir().unwrap();
    let base = root.path().join("Users").join("Nguyễn Văn Tâm").join("AppData").join("Roaming");
    std::fs::create_dir_all(&base).unwrap();
    let default_cli = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_khachquen"));
        c.args(args)
            .env_remove("KHACHQUEN_DATA_DIR")
            .env("APPDATA", &base)
            .env("XDG_DATA_HOME", &base);
        ran(c)
    };
    default_cli(&["customer", "add", "--name", "Lê Văn An", "--phone", "0912345678"]);
    let data = base.join(khachquen::paths::IDENTIFIER);
    let live = data.join(khachquen::paths::DB_FILE);
    assert_eq!(names(&Db::open(&live).unwrap(), "an"), ["Lê Văn An"], "{}", live.display());
    let out = default_cli(&["backup"]);
    let file = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    assert_eq!(file.parent(), Some(data.join("backups").as_path()), "{}", file.display());
    backup::verify(&file).unwrap();
}

/// A network share that cannot be reached is refused as a backup folder with the reason, and
/// the folder in force stays; a reachable one is outside the data folder, so encrypted (the
/// rule `backups_outside_the_data_folder_are_encrypted` checks on a local folder).
#[cfg(windows)]
#[test]
fn an_unreachable_network_share_is_refused_as_the_backup_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = crate::backup::shop_file(dir.path(), &["Nguyễn Thị Lan"]);
    let o = owner(&mut db);
    let share = r"\\khachquen-test.invalid\Sao lưu\Tiệm Điện Thoại";
    assert!(Path::new(share).is_absolute(), "a UNC path is a whole path");
    assert_eq!(
        backup::set_folder(&mut db, share, &o, now()).unwrap_err().to_string(),
        "invalid input: dir (folder_unwritable)"
    );
    assert_eq!(backup::folder(db.conn(), dir.path()).unwrap(), dir.path().join("backups"));
}
