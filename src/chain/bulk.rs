//! The connection's settings while a sync pulls, which may be hundreds of thousands of changes
//! for a store back from a week offline or joining a large chain.
//!
//! - `synchronous = NORMAL`: a batch's commit is not flushed to disk on its own. A power cut
//!   may lose the last batches, but never half of one, and their cursors go with them: the
//!   next sync pulls them again. Nothing outside this file learns of a pull, so nothing is
//!   lost; a flush per batch was most of a batch's commit on a busy disk.
//! - The query planner's stability guarantee (QPSG): the planner's SQL binds new values into
//!   the same statements for every customer, and SQLite otherwise prepares a statement again
//!   whenever a bound value could change its plan (several partial indexes invite it): that
//!   was a third of the time of applying and re-planning.
//! - A 256 MB page cache and a memory map: a catch-up touches far more of the file than the
//!   counter does (about 5% of the full-size catch-up).
//!
//! All are restored afterwards, and the statements prepared meanwhile are dropped, so the
//! counter's own queries are planned as before.

use rusqlite::config::DbConfig;
use rusqlite::OptionalExtension;

use crate::db::Db;
use crate::error::Result;

pub(super) fn pulling<T>(db: &mut Db, f: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
    let sync: i64 = db.conn().query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    db.conn().pragma_update(None, "synchronous", "NORMAL")?;
    // An in-memory database (the tests') answers no mmap size: nothing to set or restore.
    let cache: i64 = db.conn().query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    let mmap: Option<i64> = db.conn().query_row("PRAGMA mmap_size", [], |r| r.get(0)).optional()?;
    let checkpoint: i64 = db.conn().query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    db.conn().execute_batch("PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 65536")?;
    if mmap.is_some() {
        db.conn().execute_batch("PRAGMA mmap_size = 1073741824")?;
    }
    let stable = db.conn().set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    db.conn().flush_prepared_statement_cache();
    let out = f(db);
    db.conn().flush_prepared_statement_cache();
    db.conn().set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, stable)?;
    db.conn().pragma_update(None, "synchronous", sync)?;
    db.conn().pragma_update(None, "cache_size", cache)?;
    db.conn().pragma_update(None, "wal_autocheckpoint", checkpoint)?;
    if let Some(mmap) = mmap {
        db.conn().pragma_update(None, "mmap_size", mmap)?;
    }
    out
}
