//! Answering the customer: the first answer stops the response clock.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{current, event, get, mark_response, ComplaintStatus, ComplaintView};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::feedback::interaction::ContactChannel;
use crate::feedback::{text_field, Link};

/// A contact made from the Today queue answers the complaint.
pub(crate) fn contacted_in(
    tx: &Connection,
    id: i64,
    note: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let cur = current(tx, id)?;
    if !cur.status.is_live() {
        return Ok(());
    }
    mark_response(tx, id, &cur, now)?;
    let to =
        if cur.status == ComplaintStatus::Open { ComplaintStatus::InProgress } else { cur.status };
    tx.execute(
        "UPDATE complaint SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to.code(), stamp(now)],
    )?;
    event(tx, id, now, staff, Some(cur.status), to, note)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResponseDraft {
    pub channel: ContactChannel,
    pub note: String,
}

/// Staff answered the customer: logged on the timeline; the first one stops the response clock
/// and puts an open case in progress.
pub fn respond(
    db: &mut Db,
    id: i64,
    d: &ResponseDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let note = text_field(&d.note, "note", &mut errors);
    if note.is_empty() {
        errors.push(FieldError::new("note", "required"));
    }
    db.write(|tx| {
        let cur = current(tx, id)?;
        if !cur.status.is_live() {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: "responded" });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        mark_response(tx, id, &cur, now)?;
        if cur.status == ComplaintStatus::Open {
            tx.execute(
                "UPDATE complaint SET status = 'in_progress', updated_at = ?2 WHERE id = ?1",
                params![id, stamp(now)],
            )?;
        }
        event(
            tx,
            id,
            now,
            staff,
            Some(cur.status),
            if cur.status == ComplaintStatus::Open {
                ComplaintStatus::InProgress
            } else {
                cur.status
            },
            &note,
        )?;
        crate::feedback::interaction::insert(
            tx,
            &crate::feedback::interaction::Row {
                customer_id: cur.customer_id,
                at: now,
                channel: d.channel,
                inbound: false,
                kind: if d.channel == ContactChannel::Phone {
                    crate::feedback::interaction::InteractionKind::Call
                } else if d.channel == ContactChannel::InStore {
                    crate::feedback::interaction::InteractionKind::Visit
                } else {
                    crate::feedback::interaction::InteractionKind::Message
                },
                summary: &note,
                staff,
                link: &Link::default(),
                complaint_id: Some(id),
                resolved_first: None,
            },
        )?;
        crate::customer::touch_contact_in(tx, cur.customer_id, now)?;
        crate::audit::record(tx, now, staff, "respond", "complaint", id, serde_json::json!({}))?;
        crate::care::plan::after_write(tx, &[Some(cur.customer_id)], now)
    })?;
    get(db.conn(), id, now)
}
