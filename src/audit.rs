//! Who changed what, when: one row per change of customer data, written in the same transaction
//! as the change. Append only.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::clock::stamp;
use crate::error::Result;

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
