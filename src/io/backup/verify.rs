//! What makes a file a sound Khách Quen database: SQLite's integrity check, our tables, a known
//! version, and exactly the schema the migrations of that version make. A file whose audit
//! trigger was dropped, or that gained a table or a trigger, or whose CHECK was edited, is
//! refused however sound it is otherwise.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::db::MIGRATIONS;
use crate::error::{Error, Result};

/// Checks that `path` is a sound Khách Quen database this version can open, without writing to
/// it: integrity, the tables that make it ours, a schema no newer than this build's, and the
/// schema the migrations make. Returns its version.
pub fn verify(path: &Path) -> Result<i64> {
    verify_with(path, "integrity_check")
}

/// The same with `quick_check`: for copies of what was just verified (the page copy of a
/// restore, the safety copy of the live database), where the full check would only repeat
/// itself at several seconds per million customers.
pub(super) fn verify_quick(path: &Path) -> Result<i64> {
    verify_with(path, "quick_check")
}

fn verify_with(path: &Path, check: &str) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::NotABackup(e.to_string()))?;
    let not_ours = |e: rusqlite::Error| Error::NotABackup(e.to_string());
    // The whole file is read once: a larger cache keeps the index checks off the disk, and
    // reading through a memory map saves copying every page (about 1 s of 9 on 1M customers).
    conn.execute_batch("PRAGMA cache_size = -262144; PRAGMA mmap_size = 2147483648")
        .map_err(not_ours)?;
    let ok: String =
        conn.query_row(&format!("PRAGMA {check}"), [], |r| r.get(0)).map_err(not_ours)?;
    if ok != "ok" {
        return Err(Error::NotABackup(format!("{check}: {ok}")));
    }
    let ours: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('customer', 'setting', 'audit_log')",
            [],
            |r| r.get(0),
        )
        .map_err(not_ours)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(not_ours)?;
    if ours != 3 || version < 1 {
        return Err(Error::NotABackup("not a Khách Quen database".into()));
    }
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(Error::SchemaTooNew { found: version, supported });
    }
    same_schema(&conn, version)?;
    Ok(version)
}

/// One object of `sqlite_schema`: its table and its SQL, whitespace collapsed (`None` for the
/// FTS shadow tables, which are compared by name: SQLite writes them itself).
type Schema = BTreeMap<(String, String), (String, Option<String>)>;

fn schema_of(conn: &Connection) -> rusqlite::Result<Schema> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'",
    )?;
    let rows: Vec<(String, String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let virtual_tables: Vec<&str> = rows
        .iter()
        .filter(|(_, _, _, sql)| {
            sql.as_deref().is_some_and(|s| s.trim_start().starts_with("CREATE VIRTUAL TABLE"))
        })
        .map(|(_, name, _, _)| name.as_str())
        .collect();
    let shadow = |name: &str| {
        virtual_tables.iter().any(|v| {
            name.strip_prefix(v).and_then(|rest| rest.strip_prefix('_')).is_some_and(|suffix| {
                ["data", "idx", "content", "docsize", "config"].contains(&suffix)
            })
        })
    };
    Ok(rows
        .iter()
        .map(|(kind, name, table, sql)| {
            let sql = if shadow(name) { None } else { sql.as_deref().map(normalise) };
            ((kind.clone(), name.clone()), (table.clone(), sql))
        })
        .collect())
}

fn normalise(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What migrations 1..=`version` make, on a fresh in-memory database.
fn expected(version: i64) -> Result<Schema> {
    let conn = Connection::open_in_memory()?;
    for sql in MIGRATIONS.iter().take(usize::try_from(version).unwrap_or(0)) {
        conn.execute_batch(sql)?;
    }
    Ok(schema_of(&conn)?)
}

fn same_schema(conn: &Connection, version: i64) -> Result<()> {
    let found = schema_of(conn).map_err(|e| Error::NotABackup(e.to_string()))?;
    let want = expected(version)?;
    let mismatch = |detail: String| Err(Error::backup("schema_mismatch", detail));
    for ((kind, name), def) in &want {
        match found.get(&(kind.clone(), name.clone())) {
            None => return mismatch(format!("{kind} {name} is missing")),
            Some(got) if got != def => return mismatch(format!("{kind} {name} was changed")),
            Some(_) => {}
        }
    }
    if let Some((kind, name)) = found.keys().find(|k| !want.contains_key(*k)) {
        return mismatch(format!("{kind} {name} was added"));
    }
    Ok(())
}
