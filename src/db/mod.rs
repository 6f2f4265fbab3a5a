//! The SQLite file: opening, per-connection settings, transactions. Each domain folder owns its
//! tables and queries; this module only owns the connection and the migrations.

mod migrate;
pub mod pages;
pub(crate) mod rows;
pub mod setting;
pub mod upgrade;

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use migrate::{apply as apply_migrations, schema_version, MIGRATIONS};

pub struct Db {
    conn: Connection,
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date,
    /// keeping a copy of an older database first (see [`upgrade`]). A database written by a
    /// newer app is refused untouched.
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_with(path, MIGRATIONS, chrono::Utc::now())
    }

    /// [`Db::open`] with the migrations to bring it to and the time the copy kept before an
    /// upgrade is named by (tests hand it an older or a broken list).
    pub fn open_with(path: &Path, migrations: &[&str], now: DateTime<Utc>) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;
        prepare(&mut conn, true, migrations.len())?;
        let conn = upgrade::run(conn, path, migrations, now)?;
        Ok(Db { conn })
    }

    pub fn open_in_memory() -> Result<Db> {
        let mut conn = Connection::open_in_memory()?;
        prepare(&mut conn, false, MIGRATIONS.len())?;
        migrate::run(&mut conn)?;
        Ok(Db { conn })
    }

    /// A read handle. Reads never write; writes go through [`Db::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is stored, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Refuses a newer schema, then configures the connection.
fn prepare(conn: &mut Connection, file: bool, supported: usize) -> Result<()> {
    // Before anything writes (switching to WAL rewrites the header): a newer file is left
    // exactly as it was.
    migrate::refuse_newer(conn, supported).and_then(|_| configure(conn, file)).map_err(
        |e| match e {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                Error::NotADatabase(f.to_string())
            }
            other => other,
        },
    )
}

/// Connection settings, set once per connection and never inside migrations.
/// `secure_delete`: freed space is zeroed, so that what was erased or overwritten (an erased
/// customer, a name before its correction) cannot be read back from the file.
fn configure(conn: &mut Connection, file: bool) -> Result<()> {
    conn.busy_handler(Some(wait_for_writer))?;
    if file {
        // Reading the mode also verifies the file is a database before anything is written.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        debug_assert!(mode == "wal" || mode == "memory");
    }
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32000;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(())
}

/// How often a write waiting for another connection's transaction tries again, and for how
/// long in all. SQLite's own timeout backs off to 100 ms between tries, so a sale's save waiting
/// on a long pull (a store joining, or back from a week offline: one transaction after another,
/// on a connection of their own) rarely hit the moment between two of them and gave up after
/// 5 s; trying every 5 ms, it gets in at the next commit (the pull leaves it `chain::YIELD`).
pub const WRITE_RETRY: std::time::Duration = std::time::Duration::from_millis(5);
const WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

thread_local! {
    /// When the statement this thread runs began waiting (SQLite calls the handler on it).
    static WAITING_SINCE: std::cell::Cell<Option<std::time::Instant>> =
        const { std::cell::Cell::new(None) };
}

/// SQLite's busy handler: `tries` is how often it was called for this wait. Timed, not
/// counted: a sleep may last longer than asked on a busy PC.
fn wait_for_writer(tries: i32) -> bool {
    let now = std::time::Instant::now();
    let since = WAITING_SINCE.with(|w| {
        if tries == 0 {
            w.set(Some(now));
        }
        w.get().unwrap_or(now)
    });
    if now.duration_since(since) >= WRITE_WAIT {
        return false;
    }
    std::thread::sleep(WRITE_RETRY);
    true
}

/// Drops indexes before a bulk write, returning the DDL that recreates them as SQLite stored
/// it: one sorted build afterwards is several times faster than as many random B-tree inserts.
/// Run both inside the same transaction so a failure restores them.
pub(crate) fn drop_indexes(conn: &Connection, names: &[&str]) -> Result<Vec<String>> {
    let mut ddl = Vec::new();
    for name in names {
        let sql: String = conn.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        conn.execute_batch(&format!("DROP INDEX {name}"))?;
        ddl.push(sql);
    }
    Ok(ddl)
}

/// Reads JSON stored in a column; a damaged value is a storage error, never silently empty.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> rusqlite::Result<T> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Changes the database has seen, as seen from this connection: any write through it or
/// through another connection moves it. Equal versions mean nothing was written in between.
pub fn change_version(conn: &Connection) -> Result<(i64, u64)> {
    let data: i64 = conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?;
    Ok((data, conn.total_changes()))
}
