//! Crash safety: the CLI is killed with SIGKILL at random moments during imports and backups,
//! hundreds of times. Afterwards the database passes `integrity_check`, an import is there in
//! full or not at all, one the CLI reported done is never lost, and nothing in the backups
//! folder that looks like a backup fails verification.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khachquen::io::backup;
use khachquen::Db;

use crate::support::*;

/// Under Wine each round starts a Windows process, a second or more: the Windows run (there for
/// what Windows refuses of open and renamed files) takes 60 moments, kept in the CI's budget;
/// Linux takes all 200.
const KILLS: usize = if cfg!(windows) { 60 } else { 200 };
const ROWS: usize = 3_000;
const BASE_CUSTOMERS: usize = 2_000;
const BACKUP_CUSTOMERS: usize = 20_000;

/// A small xorshift: the moments differ run to run (the seed is printed to reproduce one).
struct Moments(u64);

impl Moments {
    fn new() -> Self {
        let seed =
            std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("crash moments: CRASH_SEED={seed}");
        Moments(seed)
    }

    /// A moment in `0..=span`.
    fn within(&mut self, span: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        span.mul_f64((self.0 % 10_001) as f64 / 10_000.0)
    }
}

fn cli(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khachquen"));
    c.arg("--db").arg(db).args(args).stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Runs to the end, or is killed at `at`; true when it finished on its own with success.
fn ran_through(cmd: Command, at: Duration) -> bool {
    run_or_kill(cmd, at).is_some_and(|s| s.success())
}

/// How long an uninterrupted run takes.
fn timed(cmd: Command) -> Duration {
    let start = Instant::now();
    assert!(ran_through(cmd, Duration::from_secs(600)), "the uninterrupted run succeeds");
    start.elapsed()
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn customers(path: &Path) -> i64 {
    let db = Db::open(path).unwrap();
    table_count(&db, "customer")
}

/// A fresh copy of `base` at `live`, without any journal left by an earlier round.
fn reset(base: &Path, live: &Path) {
    for ext in ["db-wal", "db-shm"] {
        let _ = std::fs::remove_file(live.with_extension(ext));
    }
    std::fs::copy(base, live).unwrap();
}

fn base_db(dir: &Path, customers: usize) -> PathBuf {
    let base = dir.join("base.db");
    let mut db = Db::open(&base).unwrap();
    khachquen::demo::generate(&mut db, customers, 7, now(), STAFF).unwrap();
    // One self-contained file to copy each round.
    db.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    drop(db);
    base
}

fn import_file(dir: &Path) -> PathBuf {
    let path = dir.join("khach.csv");
    let mut csv = String::from("Mã khách hàng,Tên khách hàng,Điện thoại\n");
    for i in 0..ROWS {
        csv.push_str(&format!("KHX{i:06},Khách Nhập {i},09{:08}\n", 55_000_000 + i));
    }
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn imports_killed_at_random_moments_are_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_db(dir.path(), BASE_CUSTOMERS);
    let file = import_file(dir.path());
    let live = dir.path().join("live.db");
    let file = file.to_str().unwrap();
    let before = {
        reset(&base, &live);
        customers(&live)
    };
    // The first run's time is only a guess on a busy machine: each round that finishes before its
    // kill narrows the window, so most rounds still land inside the import.
    let mut span = timed(cli(&live, &["import", file])).mul_f64(1.2);
    let mut moments = Moments::new();
    let (mut finished, mut killed) = (0, 0);
    for round in 0..KILLS {
        reset(&base, &live);
        let done = ran_through(cli(&live, &["import", file]), moments.within(span));
        assert_eq!(integrity(&live), "ok", "round {round}");
        let now_there = customers(&live);
        let batches: i64 = Db::open(&live)
            .unwrap()
            .conn()
            .query_row("SELECT count(*) FROM import_batch", [], |r| r.get(0))
            .unwrap();
        if done {
            finished += 1;
            span = span.mul_f64(0.7);
            assert_eq!(now_there, before + ROWS as i64, "round {round}: a reported import is kept");
        } else {
            killed += 1;
            assert!(
                now_there == before || now_there == before + ROWS as i64,
                "round {round}: {} of {ROWS} rows imported",
                now_there - before
            );
        }
        assert_eq!(
            batches,
            i64::from(now_there != before),
            "round {round}: the batch and its rows together"
        );
    }
    eprintln!("imports: {killed} killed, {finished} finished, span {span:?}");
    assert!(killed >= KILLS / 3, "a good share of rounds is interrupted ({killed} of {KILLS})");
}

#[test]
fn backups_killed_at_random_moments_leave_no_bad_backup() {
    let dir = tempfile::tempdir().unwrap();
    // Large enough that most kills land in the copy, not in the process starting.
    let live = base_db(dir.path(), BACKUP_CUSTOMERS);
    let backups = dir.path().join("backups");
    let out = backups.to_str().unwrap().to_owned();
    // The median of three runs: one slow run on a busy machine would put most kills after the end.
    let mut spans: Vec<_> = (0..3)
        .map(|i| {
            let to = dir.path().join(format!("timing-{i}"));
            timed(cli(&live, &["backup", "--dir", to.to_str().unwrap()]))
        })
        .collect();
    spans.sort();
    let span = spans[1].mul_f64(1.2);
    let mut moments = Moments::new();
    let (mut finished, mut killed, mut mid_copy) = (0, 0, 0);
    let mut verified = std::collections::HashMap::new();
    for round in 0..KILLS {
        let listed = |d: &Path| -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = std::fs::read_dir(d)
                .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.sort();
            v
        };
        let had = listed(&backups);
        let done = ran_through(cli(&live, &["backup", "--dir", &out]), moments.within(span));
        assert_eq!(integrity(&live), "ok", "round {round}: the live database");
        let now_files = listed(&backups);
        let finals: Vec<&PathBuf> =
            now_files.iter().filter(|p| p.extension().is_some_and(|e| e == "db")).collect();
        // A backup unchanged (same size and time) since it passed needs no second reading.
        for f in &finals {
            let stamp = std::fs::metadata(f).and_then(|m| Ok((m.len(), m.modified()?))).ok();
            if stamp.is_some() && verified.get(*f) == stamp.as_ref() {
                continue;
            }
            backup::verify(f)
                .unwrap_or_else(|e| panic!("round {round}: {} fails: {e}", f.display()));
            verified.insert((*f).clone(), stamp.expect("a listed backup has metadata"));
        }
        if done {
            finished += 1;
            assert!(!finals.is_empty(), "round {round}: a reported backup exists");
        } else {
            killed += 1;
            mid_copy += usize::from(
                now_files
                    .iter()
                    .any(|p| p.to_string_lossy().contains(".partial") && !had.contains(p)),
            );
        }
        // What a killed run leaves is only ever its unfinished copy (cleared once old).
        let others: Vec<&PathBuf> = now_files
            .iter()
            .filter(|p| !finals.contains(p) && !p.to_string_lossy().contains(".partial"))
            .collect();
        assert!(others.is_empty(), "round {round}: {others:?} (before: {had:?})");
    }
    for (f, _) in verified.iter().filter(|(f, _)| f.exists()) {
        backup::verify(f).unwrap_or_else(|e| panic!("at the end: {} fails: {e}", f.display()));
    }
    eprintln!("backups: {killed} killed ({mid_copy} mid-copy), {finished} finished, span {span:?}");
    assert!(killed >= KILLS / 3, "a good share of rounds is interrupted ({killed} of {KILLS})");
    assert!(mid_copy >= KILLS / 5, "kills land in the copy itself ({mid_copy} of {KILLS})");
}
