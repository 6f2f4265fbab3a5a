//! Retiring a catalogue row (a product, a return policy) or bringing it back: it leaves what is
//! offered for new sales, while what was already sold keeps its terms.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};

use crate::clock::stamp;
use crate::error::{Error, Result};

/// `table` is one of the catalogue's own tables, named by the caller, never by input.
pub(super) fn set(
    tx: &Transaction,
    table: &'static str,
    id: i64,
    archived: bool,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = tx.execute(
        &format!(
            "UPDATE {table} SET archived_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3 WHERE id = ?1"
        ),
        params![id, archived, stamp(now)],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: table, id });
    }
    let action = if archived { "archive" } else { "restore" };
    crate::audit::record(tx, now, staff, action, table, id, serde_json::json!({}))
}
