//! Moving a case along its statuses; resolving stops the resolution clock.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{current, event, get, mark_response, ComplaintStatus, ComplaintView};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::feedback::{service, text_field};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintTransition {
    pub to: ComplaintStatus,
    /// Required to resolve (what was done) and to reopen (why).
    pub note: String,
}

/// Moves a case along; resolving stops the resolution clock (and the response clock, if
/// nobody answered before).
pub fn transition(
    db: &mut Db,
    id: i64,
    d: &ComplaintTransition,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let note = text_field(&d.note, "note", &mut errors);
    let reopening = d.to == ComplaintStatus::InProgress;
    db.write(|tx| {
        let cur = current(tx, id)?;
        if !cur.status.can_go_to(d.to) {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: d.to.code() });
        }
        if note.is_empty() && (d.to == ComplaintStatus::Resolved || (reopening && cur.status == ComplaintStatus::Resolved)) {
            errors.push(FieldError::new("note", "required"));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let ts = stamp(now);
        match d.to {
            ComplaintStatus::Resolved => {
                mark_response(tx, id, &cur, now)?;
                let cal = service::get(tx)?.calendar();
                tx.execute(
                    "UPDATE complaint SET status = 'resolved', resolved_at = ?2, resolution = ?3,
                        resolution_minutes = ?4, updated_at = ?2 WHERE id = ?1",
                    params![id, ts, note, cal.minutes_between(cur.opened_at, now)],
                )?;
            }
            ComplaintStatus::Closed => {
                tx.execute(
                    "UPDATE complaint SET status = 'closed', closed_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, ts],
                )?;
            }
            to => {
                if cur.status == ComplaintStatus::Resolved {
                    // Reopened: the resolution no longer stands; the original target still does.
                    tx.execute(
                        "UPDATE complaint SET resolved_at = NULL, resolution_minutes = NULL WHERE id = ?1",
                        [id],
                    )?;
                }
                tx.execute(
                    "UPDATE complaint SET status = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, to.code(), ts],
                )?;
            }
        }
        event(tx, id, now, staff, Some(cur.status), d.to, &note)?;
        crate::audit::record(tx, now, staff, "transition", "complaint", id, serde_json::json!({ "to": d.to.code() }))?;
        crate::care::plan::after_write(tx, &[Some(cur.customer_id)], now)
    })?;
    get(db.conn(), id, now)
}
