//! Reminders staff set themselves, due at the shop's due time unless they give one.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{get, ReminderView, MAX_NOTE};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ManualDraft {
    #[ts(type = "number")]
    pub customer_id: i64,
    /// `dd/MM/yyyy`.
    pub due_on: String,
    /// `HH:MM`; empty = the shop's due time.
    pub due_time: String,
    pub note: String,
    pub assignee: String,
}

pub(super) fn due_instant(
    conn: &Connection,
    day: NaiveDate,
    time: Option<chrono::NaiveTime>,
) -> Result<DateTime<Utc>> {
    use chrono::TimeZone;
    let time = match time {
        Some(t) => t,
        None => crate::care::settings::get(conn)?.due_time(),
    };
    Ok(crate::clock::vietnam()
        .from_local_datetime(&day.and_time(time))
        .single()
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc)))
}

/// The shop's due time on `day`, as an instant.
pub fn due_instant_on(conn: &Connection, day: NaiveDate) -> Result<DateTime<Utc>> {
    due_instant(conn, day, None)
}

/// A reminder staff set themselves ("gọi lại thứ Ba").
pub fn create_manual(
    db: &mut Db,
    d: &ManualDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ReminderView> {
    let mut errors = Vec::new();
    let day = crate::text::date::parse_date(&d.due_on);
    match day {
        None => errors.push(FieldError::new("due_on", "date_invalid")),
        Some(day) if day < local_date(now) => {
            errors.push(FieldError::new("due_on", "date_in_past"))
        }
        Some(_) => {}
    }
    let time = if d.due_time.trim().is_empty() {
        None
    } else {
        let t = chrono::NaiveTime::parse_from_str(d.due_time.trim(), "%H:%M").ok();
        if t.is_none() {
            errors.push(FieldError::new("due_time", "time_invalid"));
        }
        t
    };
    let note = crate::text::limit_in("note", &d.note, MAX_NOTE, &mut errors);
    if note.is_empty() && !errors.iter().any(|e| e.field == "note") {
        errors.push(FieldError::new("note", "required"));
    }
    let assignee =
        crate::text::limit_in("assignee", &d.assignee, crate::text::limit::NAME, &mut errors);
    let id = db.write(|tx| {
        use crate::customer::{check_live, Change};
        if check_live(tx, d.customer_id, Change::Edit, &mut errors)?
            && tx.query_row("SELECT no_contact FROM customer WHERE id = ?1", [d.customer_id], |r| {
                r.get(0)
            })?
        {
            errors.push(FieldError::new("customer_id", "customer_no_contact"));
        }
        let (Some(day), true) = (day, errors.is_empty()) else {
            return Err(Error::Validation(std::mem::take(&mut errors)));
        };
        let at = due_instant(tx, day, time)?;
        tx.execute(
            "INSERT INTO reminder(kind, customer_id, due_on, due_at, assignee, note, created_by, created_at, updated_at)
             VALUES ('manual', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![d.customer_id, day, stamp(at), assignee, note, staff, stamp(now)],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::record(tx, now, staff, "create", "reminder", id, serde_json::json!({ "customer": d.customer_id }))?;
        Ok(id)
    })?;
    get(db.conn(), id)
}
