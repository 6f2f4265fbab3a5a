//! Who changed what, when: one row per change of customer data, written in the same transaction
//! as the change. Append only (triggers refuse edits and deletes; erasure may only redact a
//! detail).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{day_start, stamp};
use crate::error::Result;

/// Who the log names for what the app does on its own (the daily backup, erasures re-applied
/// after a restore).
pub const SYSTEM: &str = "system";

pub fn record(
    conn: &Connection,
    now: DateTime<Utc>,
    staff: &str,
    action: &str,
    entity: &str,
    entity_id: i64,
    detail: serde_json::Value,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log(at, staff, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![stamp(now), staff, action, entity, entity_id, detail.to_string()])?;
    Ok(())
}

/// A one-value setting saved by someone: the value and its audit row, in the caller's
/// transaction (the detail names the setting as the screen does).
pub fn save_setting(
    conn: &Connection,
    now: DateTime<Utc>,
    staff: &str,
    key: &str,
    value: &str,
    detail: serde_json::Value,
) -> Result<()> {
    crate::db::setting::set(conn, key, value)?;
    record(conn, now, staff, "save", "setting", 0, detail)
}

/// What the viewer asks for; every field narrows, none set = everything, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AuditFilter {
    pub staff: Option<String>,
    pub entity: Option<String>,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    pub action: Option<String>,
    /// Shop dates, inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Entries older than this id (the next page).
    #[ts(type = "number | null")]
    pub before_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub staff: String,
    pub action: String,
    pub entity: String,
    #[ts(type = "number")]
    pub entity_id: i64,
    /// JSON: what was changed, often `before` and `after`.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// More entries match: ask again with `before_id` = the last id shown.
    pub more: bool,
    /// The kinds of record the log holds, for the filter.
    pub entities: Vec<String>,
}

pub const PAGE: usize = 100;

pub fn list(conn: &Connection, f: &AuditFilter) -> Result<AuditPage> {
    let mut sql = String::from(
        "SELECT id, at, staff, action, entity, entity_id, detail FROM audit_log WHERE 1",
    );
    let mut args: Vec<Value> = Vec::new();
    let mut clause = |sql_part: &str, v: Value| {
        sql.push_str(sql_part);
        args.push(v);
    };
    if let Some(s) = f.staff.as_ref().filter(|s| !s.is_empty()) {
        clause(" AND staff = ?", Value::Text(s.clone()));
    }
    if let Some(e) = f.entity.as_ref().filter(|s| !s.is_empty()) {
        clause(" AND entity = ?", Value::Text(e.clone()));
    }
    if let Some(id) = f.entity_id {
        clause(" AND entity_id = ?", Value::Integer(id));
    }
    if let Some(a) = f.action.as_ref().filter(|s| !s.is_empty()) {
        clause(" AND action = ?", Value::Text(a.clone()));
    }
    if let Some(d) = f.from {
        clause(" AND at >= ?", Value::Text(day_start(d)));
    }
    if let Some(d) = f.to.and_then(|d| d.succ_opt()) {
        clause(" AND at < ?", Value::Text(day_start(d)));
    }
    if let Some(id) = f.before_id {
        clause(" AND id < ?", Value::Integer(id));
    }
    sql.push_str(&format!(" ORDER BY id DESC LIMIT {}", PAGE + 1));
    let mut stmt = conn.prepare(&sql)?;
    let mut entries = stmt
        .query_map(params_from_iter(args), |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                staff: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                detail: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let more = entries.len() > PAGE;
    entries.truncate(PAGE);
    let entities = conn
        .prepare_cached("SELECT DISTINCT entity FROM audit_log ORDER BY entity")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AuditPage { entries, more, entities })
}
