//! What the chain's end-to-end tests share: store databases in temp folders driven through the
//! `khachquen` binary, as a script at a counter would, against a hub on the test PostgreSQL.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use khachquen::Db;

pub use crate::hub_support::hub_db;

/// One store: its own folder (the database and the key its hub password is sealed with).
pub struct Store {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Store {
    pub fn new() -> Store {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("khachquen.db");
        Store { _dir: dir, path }
    }

    /// A store that has joined the hub at `url` as `code`.
    pub fn joined(url: &str, code: &str) -> Store {
        let s = Store::new();
        s.ok(&[
            "site",
            "join",
            "--hub",
            url,
            "--code",
            code,
            "--name",
            &format!("Cửa hàng {code}"),
        ]);
        s
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_khachquen"));
        c.arg("--db").arg(&self.path).args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the CLI runs")
    }

    /// Runs `args`, which must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "khachquen {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    pub fn sync(&self) {
        self.ok(&["sync"]);
    }

    /// Adds a customer; her local id.
    pub fn add(&self, name: &str, phone: &str) -> i64 {
        let out = self.ok(&["customer", "add", "--name", name, "--phone", phone]);
        out.split('\t').next().and_then(|id| id.parse().ok()).expect("the new id")
    }

    /// `(id, full name, primary phone)` of every hit of `query`.
    pub fn search(&self, query: &str) -> Vec<(i64, String, String)> {
        self.ok(&["search", query])
            .lines()
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0].parse().expect("id"), f[1].to_owned(), f[2].to_owned())
            })
            .collect()
    }

    /// The one customer `query` finds here.
    pub fn only(&self, query: &str) -> (i64, String, String) {
        let hits = self.search(query);
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        hits.into_iter().next().expect("one")
    }

    pub fn db(&self) -> Db {
        Db::open(&self.path).expect("the store's database opens")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// The database and its log as bytes, after a VACUUM: what a copy of the file would give.
    pub fn vacuumed_bytes(&self) -> Vec<u8> {
        {
            let db = self.db();
            db.conn().execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);").expect("vacuum");
        }
        let mut bytes = std::fs::read(&self.path).expect("the file");
        if let Ok(wal) = std::fs::read(wal_of(&self.path)) {
            bytes.extend(wal);
        }
        bytes
    }
}

fn wal_of(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

pub fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}
