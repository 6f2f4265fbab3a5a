//! Writing one record that came from another site: its values with the keys it points at
//! turned back into local ids, inside a savepoint so that a record which cannot be written yet
//! (what it points at has not arrived) waits instead of failing the batch.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, ErrorCode, OptionalExtension};
use serde_json::{Map, Value as Json};

use crate::error::{Error, Result};
pub(super) use crate::sync::change::blank_personal;
use crate::sync::spec::{Entity, Target};
use crate::sync::sql::{audit_targets, table_of};

pub(super) type Data = Map<String, Json>;

pub(super) fn to_sql(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => {
            n.as_i64().map_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0)), Value::Integer)
        }
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

pub(super) fn local_id(conn: &Connection, table: &str, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT rowid FROM {table} WHERE key = ?1"))?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) fn key_of(conn: &Connection, table: &str, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(&format!("SELECT key FROM {table} WHERE rowid = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

pub(super) fn exists(conn: &Connection, e: &Entity, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {} WHERE key = ?1)", e.table))?
        .query_row([key], |r| r.get(0))?)
}

/// The local id a reference in `data` points at; `Err(())` when it has not arrived yet.
fn resolve(
    conn: &Connection,
    e: &Entity,
    data: &Data,
    col: &str,
    v: &Json,
) -> Result<Option<Value>> {
    let Some(key) = v.as_str() else {
        // The audit log names records it cannot point at (staff, settings) with id 0.
        return Ok(Some(if matches!(e.target(col), Some(Target::NamedBy(_))) {
            Value::Integer(0)
        } else {
            Value::Null
        }));
    };
    let table = match e.target(col) {
        Some(Target::Entity(t)) => table_of(t),
        Some(Target::NamedBy(by)) => {
            let word = data.get(by).and_then(Json::as_str).unwrap_or("");
            match audit_targets().into_iter().find(|(w, _)| *w == word) {
                Some((_, t)) => t.table,
                None => return Ok(Some(Value::Integer(0))),
            }
        }
        None => return Ok(Some(to_sql(v))),
    };
    let Some(mut id) = local_id(conn, table, key)? else { return Ok(None) };
    // The audit log keeps naming what it named (its target is not a customer's column).
    if e.follows_merges(col) {
        id = survivor(conn, id)?;
    }
    Ok(Some(Value::Integer(id)))
}

// What points at a merged customer follows the one she became, wherever it was written.
pub(super) use crate::customer::survivor;

/// Column values for the fields `data` holds, references made local; `None` while one of them
/// has not arrived.
pub(super) fn values(
    conn: &Connection,
    e: &Entity,
    data: &Data,
) -> Result<Option<Vec<(&'static str, Value)>>> {
    let mut out = Vec::new();
    for f in e.fields {
        let Some(v) = data.get(*f) else { continue };
        let value =
            if e.target(f).is_some() { resolve(conn, e, data, f, v)? } else { Some(to_sql(v)) };
        match value {
            Some(value) => out.push((*f, value)),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// Runs `f` in a savepoint: a constraint it breaks (a row it needs is missing, a code already
/// taken) undoes it alone and answers `false`.
pub(super) fn attempt(conn: &Connection, f: impl FnOnce() -> Result<()>) -> Result<bool> {
    // Prepared once per connection: a batch opens one per record.
    conn.prepare_cached("SAVEPOINT sync_row")?.execute([])?;
    match f() {
        Ok(()) => {
            conn.prepare_cached("RELEASE sync_row")?.execute([])?;
            Ok(true)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO sync_row; RELEASE sync_row")?;
            match e {
                Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == ErrorCode::ConstraintViolation =>
                {
                    Ok(false)
                }
                other => Err(other),
            }
        }
    }
}

pub(super) fn insert(
    conn: &Connection,
    e: &Entity,
    key: &str,
    vals: &[(&str, Value)],
) -> Result<()> {
    let cols: Vec<&str> = vals.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (2..vals.len() + 2).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {}(key{}{}) VALUES (?1{}{})",
        e.table,
        if cols.is_empty() { "" } else { ", " },
        cols.join(", "),
        if marks.is_empty() { "" } else { ", " },
        marks.join(", ")
    );
    let args = std::iter::once(Value::Text(key.into())).chain(vals.iter().map(|(_, v)| v.clone()));
    conn.prepare_cached(&sql)?.execute(params_from_iter(args))?;
    Ok(())
}

pub(super) fn update(
    conn: &Connection,
    e: &Entity,
    key: &str,
    vals: &[(&str, Value)],
) -> Result<()> {
    if vals.is_empty() {
        return Ok(());
    }
    let sets: Vec<String> =
        vals.iter().enumerate().map(|(i, (c, _))| format!("{c} = ?{}", i + 2)).collect();
    let sql = format!("UPDATE {} SET {} WHERE key = ?1", e.table, sets.join(", "));
    let args = std::iter::once(Value::Text(key.into())).chain(vals.iter().map(|(_, v)| v.clone()));
    conn.prepare_cached(&sql)?.execute(params_from_iter(args))?;
    Ok(())
}

pub(super) fn delete(conn: &Connection, e: &Entity, key: &str) -> Result<()> {
    conn.prepare_cached(&format!("DELETE FROM {} WHERE key = ?1", e.table))?.execute([key])?;
    Ok(())
}

/// Records a change that cannot be written yet; `data` for a fact, `None` for a mutable record
/// (whose fields wait in `sync_record`).
pub(super) fn defer(
    conn: &Connection,
    e: &Entity,
    key: &str,
    data: Option<&Data>,
    customer: Option<&str>,
) -> Result<()> {
    let data = data.map(|d| Json::Object(d.clone()).to_string());
    conn.prepare_cached(
        "INSERT INTO sync_deferred(entity, key, data, customer) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(entity, key) DO UPDATE SET data = coalesce(excluded.data, data)",
    )?
    .execute(params![e.name, key, data, customer])?;
    Ok(())
}

pub(super) fn undefer(conn: &Connection, e: &Entity, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM sync_deferred WHERE entity = ?1 AND key = ?2")?
        .execute(params![e.name, key])?;
    Ok(())
}
