//! Taking back the last import: the customers it created are removed, those it updated get
//! their details back. Refused when anything happened to them since (a sale, an edit): undoing
//! then would lose that.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{local_date, stamp};
use crate::customer::bulk;
use crate::customer::CustomerDraft;
use crate::db::Db;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportBatch {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub staff: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub created: i64,
    #[ts(type = "number")]
    pub updated: i64,
    #[ts(type = "number")]
    pub skipped: i64,
    pub undone_at: Option<String>,
}

/// The most recent import, undone or not.
pub fn last_batch(conn: &Connection) -> Result<Option<ImportBatch>> {
    Ok(conn
        .query_row(
            "SELECT id, at, staff, file_name, created, updated, skipped, undone_at
             FROM import_batch ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(ImportBatch {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    staff: r.get(2)?,
                    file_name: r.get(3)?,
                    created: r.get(4)?,
                    updated: r.get(5)?,
                    skipped: r.get(6)?,
                    undone_at: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// The customers the last import created or updated; none once it is undone.
pub fn last_batch_customers(conn: &Connection) -> Result<Vec<i64>> {
    match last_batch(conn)? {
        Some(b) if b.undone_at.is_none() => Ok(conn
            .prepare("SELECT customer_id FROM import_change WHERE batch_id = ?1")?
            .query_map([b.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?),
        _ => Ok(Vec::new()),
    }
}

/// Tables whose rows would be orphaned (or lost) by removing a customer.
const REFERENCES: &[&str] = &[
    "purchase",
    "claim",
    "complaint",
    "interaction",
    "feedback",
    "promise",
    "return_case",
    "unit",
];

pub fn undo_last(db: &mut Db, staff: &str, now: DateTime<Utc>) -> Result<ImportBatch> {
    let nothing = || Error::Import { code: "nothing_to_undo", detail: String::new() };
    let batch = last_batch(db.conn())?.ok_or_else(nothing)?;
    if batch.undone_at.is_some() {
        return Err(nothing());
    }
    let today = local_date(now);
    db.write(|tx| {
        let used = REFERENCES
            .iter()
            .map(|t| format!("EXISTS (SELECT 1 FROM {t} x WHERE x.customer_id = c.id)"))
            .collect::<Vec<_>>()
            .join(" OR ");
        // Touched since the import (edited, merged, sold to): undoing would lose that.
        let conflicts: i64 = tx.query_row(
            &format!(
                "SELECT count(*) FROM import_change ic JOIN customer c ON c.id = ic.customer_id
                 WHERE ic.batch_id = ?1 AND (c.updated_at <> ?2 OR c.merged_into IS NOT NULL
                    OR EXISTS (SELECT 1 FROM customer m WHERE m.merged_into = c.id)
                    OR (ic.before IS NULL AND ({used} OR {loyalty})))",
                loyalty = super::opening::USED_SINCE
            ),
            params![batch.id, batch.at],
            |r| r.get(0),
        )?;
        if conflicts > 0 {
            return Err(Error::Import { code: "undo_conflict", detail: conflicts.to_string() });
        }
        let changes: Vec<(i64, Option<String>)> = tx
            .prepare("SELECT customer_id, before FROM import_change WHERE batch_id = ?1")?
            .query_map([batch.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let at = stamp(now);
        super::opening::undo(tx, batch.id, staff, &at)?;
        for (id, before) in changes {
            match before {
                None => bulk::delete(tx, id)?,
                Some(json) => {
                    let v: serde_json::Value = serde_json::from_str(&json)
                        .map_err(|e| Error::Io(std::io::Error::other(e)))?;
                    let draft: CustomerDraft = serde_json::from_value(v["draft"].clone())
                        .map_err(|e| Error::Io(std::io::Error::other(e)))?;
                    let prepared = bulk::prepare(&draft, today).map_err(Error::Validation)?;
                    let code: Option<String> = v["code"].as_str().map(str::to_owned);
                    bulk::overwrite(tx, id, None, &prepared, &at)?;
                    tx.execute("UPDATE customer SET code = ?2 WHERE id = ?1", params![id, code])?;
                }
            }
        }
        tx.execute("UPDATE import_batch SET undone_at = ?2 WHERE id = ?1", params![batch.id, at])?;
        crate::audit::record(
            tx,
            now,
            staff,
            "undo_import",
            "import_batch",
            batch.id,
            serde_json::json!({ "file": batch.file_name }),
        )?;
        crate::care::plan::forget_window(tx)
    })?;
    Ok(last_batch(db.conn())?.unwrap_or(batch))
}
