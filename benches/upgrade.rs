//! The first start after an upgrade on a database of `--customers` customers (default
//! 1,000,000): `Db::open` with one more migration than the file has (an empty one, so what is
//! timed is what the upgrade adds around the migrations; the version is set back after each run):
//! - the copy into `nang-cap/` (online backup), its `integrity_check` and orphan count;
//! - the migration;
//! - the `integrity_check` and orphan count of the upgraded file.
//!
//! Baselines in the same run: `Db::open` of the same file when it is current (no upgrade), and
//! `backup::verify` of the copy (the check a backup or a restore already does).
//!
//! `cargo bench --bench upgrade -- --customers 1000000 --runs 3`

mod common;

use chrono::Utc;
use common::{arg, timed};
use khachquen::db::{upgrade, MIGRATIONS};
use khachquen::io::backup;
use khachquen::{demo, Db};

fn main() {
    let n = arg("--customers", 1_000_000);
    let runs = arg("--runs", 3);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let live = dir.path().join("khachquen.db");
    {
        let mut db = Db::open(&live).unwrap_or_else(|e| panic!("open: {e}"));
        let (_, took) = timed(|| demo::generate(&mut db, n, 42, Utc::now(), "bench"));
        println!("data: {n} demo customers generated in {:.0} s", took.as_secs_f64());
    }
    let mb = std::fs::metadata(&live).map(|m| m.len() as f64 / 1_048_576.0).unwrap_or(0.0);
    println!("file: {mb:.0} MB");
    println!("| run | upgrade (open + copy + checks) | baseline: open, current | baseline: verify the copy |");
    println!("|---|---|---|---|");
    let mut list: Vec<&str> = MIGRATIONS.to_vec();
    list.push("SELECT 1;");
    for run in 1..=runs {
        let (opened, current) = timed(|| Db::open(&live));
        drop(opened.unwrap_or_else(|e| panic!("open: {e}")));
        let (opened, took) = timed(|| Db::open_with(&live, &list, Utc::now()));
        let db = opened.unwrap_or_else(|e| panic!("upgrade: {e}"));
        // The empty migration changed nothing but the version: set it back for the next run.
        db.conn()
            .pragma_update(None, "user_version", MIGRATIONS.len() as i64)
            .unwrap_or_else(|e| panic!("version: {e}"));
        drop(db);
        let newest = std::fs::read_dir(upgrade::folder_of(&live))
            .unwrap_or_else(|e| panic!("copies: {e}"))
            .filter_map(|e| e.ok())
            .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
            .unwrap_or_else(|| panic!("no copy"))
            .path();
        let (checked, verify) = timed(|| backup::verify(&newest));
        checked.unwrap_or_else(|e| panic!("verify: {e}"));
        println!(
            "| {run} | {:.2} s | {:.2} s | {:.2} s |",
            took.as_secs_f64(),
            current.as_secs_f64(),
            verify.as_secs_f64()
        );
    }
}
