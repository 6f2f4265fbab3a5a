//! Promises made to a customer ("sẽ gọi lại thứ Ba", "đặt size 42 về"): an owner, a due day,
//! kept or broken. Open ones come up in the owner's Today queue (the `promise_due` rule).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{live_customer, text_field};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PromiseStatus {
    Open,
    Kept,
    Broken,
    Cancelled,
}

crate::text::code::stored_code!(PromiseStatus);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromiseDraft {
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub text: String,
    pub owner: String,
    /// `dd/MM/yyyy`, today or later.
    pub due_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PromiseView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub customer_id: i64,
    pub text: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: PromiseStatus,
    pub close_note: String,
    pub created_at: String,
    pub closed_at: Option<String>,
    /// Open and past its day.
    pub overdue: bool,
}

const SELECT: &str = "SELECT id, customer_id, text, owner, due_on, status, close_note, created_at, closed_at FROM promise";

fn from_row(r: &rusqlite::Row, today: NaiveDate) -> rusqlite::Result<PromiseView> {
    let status = PromiseStatus::parse(&r.get::<_, String>(5)?).unwrap_or(PromiseStatus::Open);
    let due_on: NaiveDate = r.get(4)?;
    Ok(PromiseView {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        text: r.get(2)?,
        owner: r.get(3)?,
        due_on,
        status,
        close_note: r.get(6)?,
        created_at: r.get(7)?,
        closed_at: r.get(8)?,
        overdue: status == PromiseStatus::Open && due_on < today,
    })
}

pub fn get(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<PromiseView> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], |r| from_row(r, local_date(now)))
        .optional()?
        .ok_or(Error::NotFound { what: "promise", id })
}

/// Open promises first (soonest due), then the latest closed.
pub fn for_customer(
    conn: &Connection,
    customer_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<PromiseView>> {
    let today = local_date(now);
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE customer_id = ?1 ORDER BY status <> 'open', CASE WHEN status = 'open' THEN due_on END,
                closed_at DESC LIMIT 30"
        ))?
        .query_map([customer_id], |r| from_row(r, today))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn create(
    db: &mut Db,
    d: &PromiseDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PromiseView> {
    let mut errors = Vec::new();
    let text = text_field(&d.text, "text", &mut errors);
    if text.is_empty() {
        errors.push(FieldError::new("text", "required"));
    }
    let owner = super::name_field(&d.owner, "owner", &mut errors);
    if owner.is_empty() {
        errors.push(FieldError::new("owner", "required"));
    }
    let due = crate::text::date::parse_date(&d.due_on);
    match due {
        None => errors.push(FieldError::new("due_on", "date_invalid")),
        Some(day) if day < local_date(now) => {
            errors.push(FieldError::new("due_on", "date_in_past"))
        }
        Some(_) => {}
    }
    let id = db.write(|tx| {
        let customer = live_customer(tx, d.customer_id, &mut errors)?;
        let (Some(customer), Some(due), true) = (customer, due, errors.is_empty()) else {
            return Err(Error::Validation(std::mem::take(&mut errors)));
        };
        tx.execute(
            "INSERT INTO promise(customer_id, text, owner, due_on, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![customer, text, owner, due, staff, stamp(now)],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::record(
            tx,
            now,
            staff,
            "create",
            "promise",
            id,
            serde_json::json!({ "customer": customer }),
        )?;
        crate::care::plan::after_write(tx, &[Some(customer)], now)?;
        Ok(id)
    })?;
    get(db.conn(), id, now)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromiseClose {
    pub status: PromiseStatus,
    #[serde(default)]
    pub note: String,
}

/// Marks a promise kept, broken or cancelled (a broken one needs a word on why).
pub fn close(
    db: &mut Db,
    id: i64,
    d: &PromiseClose,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PromiseView> {
    let mut errors = Vec::new();
    let note = text_field(&d.note, "note", &mut errors);
    if d.status == PromiseStatus::Open {
        errors.push(FieldError::new("status", "invalid"));
    }
    if d.status == PromiseStatus::Broken && note.is_empty() {
        errors.push(FieldError::new("note", "required"));
    }
    db.write(|tx| {
        let cur = get(tx, id, now)?;
        if cur.status != PromiseStatus::Open {
            return Err(Error::ForbiddenTransition {
                from: cur.status.code(),
                to: d.status.code(),
            });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        close_in(tx, id, d.status, &note, now)?;
        crate::audit::record(
            tx,
            now,
            staff,
            "close",
            "promise",
            id,
            serde_json::json!({ "status": d.status.code() }),
        )?;
        crate::care::plan::after_write(tx, &[Some(cur.customer_id)], now)
    })?;
    get(db.conn(), id, now)
}

pub(crate) fn close_in(
    tx: &Connection,
    id: i64,
    status: PromiseStatus,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "UPDATE promise SET status = ?2, close_note = ?3, closed_at = ?4 WHERE id = ?1 AND status = 'open'",
        params![id, status.code(), note, stamp(now)],
    )?;
    Ok(())
}
