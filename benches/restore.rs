//! Restore of a database of `--customers` customers (default 1,000,000): the whole core
//! `backup::restore` as the app calls it, the owner restoring a backup taken before
//! `--erasures` customers (default 100) were erased:
//! - the copy beside the database and its full `integrity_check`;
//! - the schema compared with a fresh database migrated to the file's version;
//! - staff and roles judged;
//! - the safety copy of the live data (online backup + `quick_check`) and its rotation;
//! - the audit row, every erasure of the register carried out again;
//! - the page copy into the live file and its `quick_check`.
//!
//! Then the same from an encrypted backup (written outside the data folder), passphrase
//! included. Baselines in the same run: a plain copy of the backup file (`std::fs::copy`, file
//! in the page cache) and `verify` alone (the integrity and schema check).
//!
//! `cargo bench --bench restore -- --customers 1000000 --erasures 100 --runs 3`

mod common;

use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use common::{arg, timed};
use khachquen::io::backup;
use khachquen::{customer, demo, privacy, staff, Db};

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn main() {
    let n = arg("--customers", 1_000_000);
    let erasures = arg("--erasures", 100);
    let runs = arg("--runs", 3);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let usb = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let live = dir.path().join("khachquen.db");
    let folder = dir.path().join("backups");
    let mut db = Db::open(&live).unwrap_or_else(|e| panic!("open: {e}"));
    let (_, took) = timed(|| demo::generate(&mut db, n, 42, Utc::now(), "bench"));
    println!("data: {n} demo customers generated in {:.0} s", took.as_secs_f64());
    let owner = staff::first_owner(&mut db, "Chủ Hà", "2468", Utc::now())
        .unwrap_or_else(|e| panic!("owner: {e}"));
    backup::set_passphrase(&mut db, "hoa mai nở sớm", &owner, Utc::now())
        .unwrap_or_else(|e| panic!("passphrase: {e}"));

    let (plain, took) = timed(|| backup::backup(&mut db, &folder, Some(&owner), Utc::now()));
    let plain = plain.unwrap_or_else(|e| panic!("backup: {e}"));
    println!(
        "backup: {:.0} MB, taken and verified in {}",
        plain.bytes as f64 / 1_048_576.0,
        secs(took)
    );
    let (sealed, took) = timed(|| backup::backup(&mut db, usb.path(), Some(&owner), Utc::now()));
    let sealed = sealed.unwrap_or_else(|e| panic!("encrypted backup: {e}"));
    println!(
        "encrypted backup: {:.0} MB, taken and verified in {}",
        sealed.bytes as f64 / 1_048_576.0,
        secs(took)
    );

    // Customers spread over the id range, erased after the backup: each restore brings them
    // back and erases them again.
    let step = (n / erasures.max(1)).max(1) as i64;
    let ids: Vec<i64> = (0..erasures as i64).map(|i| 1 + i * step).collect();
    let (_, took) = timed(|| {
        for id in &ids {
            privacy::erase(&mut db, *id, "bench", Utc::now())
                .unwrap_or_else(|e| panic!("erase {id}: {e}"));
        }
    });
    println!("erasures: {erasures} after the backup, in {}", secs(took));
    drop(db);

    for run in 1..=runs {
        let copy_to = dir.path().join("copy.db");
        let (r, baseline) = timed(|| std::fs::copy(&plain.path, &copy_to));
        r.unwrap_or_else(|e| panic!("copy: {e}"));
        let _ = std::fs::remove_file(&copy_to);
        let (r, verify) = timed(|| backup::verify(Path::new(&plain.path)));
        r.unwrap_or_else(|e| panic!("verify: {e}"));
        let (r, restore) = timed(|| {
            backup::restore(&live, Path::new(&plain.path), &folder, None, &owner, Utc::now())
        });
        let r = r.unwrap_or_else(|e| panic!("restore: {e}"));
        assert_eq!(r.reapplied, erasures, "every erasure carried out again");
        let (r, encrypted) = timed(|| {
            backup::restore(
                &live,
                Path::new(&sealed.path),
                &folder,
                Some("hoa mai nở sớm"),
                &owner,
                Utc::now(),
            )
        });
        let r = r.unwrap_or_else(|e| panic!("encrypted restore: {e}"));
        assert_eq!(r.reapplied, erasures);
        println!(
            "run {run}: restore {} | encrypted restore {} | baselines: file copy {}, verify alone {}",
            secs(restore),
            secs(encrypted),
            secs(baseline),
            secs(verify)
        );
    }
    let db = Db::open(&live).unwrap_or_else(|e| panic!("open: {e}"));
    let erased: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM customer WHERE erased_at IS NOT NULL", [], |r| r.get(0))
        .unwrap_or(0);
    let found = ids
        .iter()
        .filter(|id| {
            customer::get(db.conn(), **id, Utc::now().date_naive())
                .is_ok_and(|c| !c.full_name.starts_with("Khách đã xoá"))
        })
        .count();
    println!("after the last restore: {erased} customers erased, {found} of them readable by name");
}
