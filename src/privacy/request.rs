//! The log of data-subject requests and their legal deadlines: acknowledged within 2 working
//! days, carried out within 15 days (withdrawal, restriction and objection by law; the shop
//! holds itself to the same for the others).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, Result};

pub const ACK_WORKING_DAYS: u32 = 2;
pub const DUE_DAYS: i64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum RequestKind {
    Access,
    Copy,
    Correct,
    Delete,
    Restrict,
    Object,
    Withdraw,
}

crate::text::code::stored_code!(RequestKind);

impl RequestKind {
    pub const ALL: [RequestKind; 7] = [
        RequestKind::Access,
        RequestKind::Copy,
        RequestKind::Correct,
        RequestKind::Delete,
        RequestKind::Restrict,
        RequestKind::Object,
        RequestKind::Withdraw,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestDraft {
    pub kind: RequestKind,
    /// `dd/MM/yyyy`; empty = today.
    pub received_on: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestUpdate {
    pub acknowledged: bool,
    pub done: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RequestView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub customer_id: i64,
    pub kind: RequestKind,
    pub received_on: NaiveDate,
    pub ack_by: NaiveDate,
    pub due_on: NaiveDate,
    pub acknowledged_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub note: String,
    pub staff: String,
    /// Not done and past its due date (or not acknowledged past its acknowledgement date).
    pub overdue: bool,
}

/// `days` working days (Monday to Friday) after `from`.
pub fn add_working_days(from: NaiveDate, days: u32) -> NaiveDate {
    let mut d = from;
    let mut left = days;
    while left > 0 {
        d += Duration::days(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

const SELECT: &str = "SELECT id, customer_id, kind, received_on, ack_by, due_on, acknowledged_on,
    done_on, note, staff FROM data_request";

fn view(r: &Row, today: NaiveDate) -> rusqlite::Result<RequestView> {
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let s: String = r.get(i)?;
        Ok(NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or(today))
    };
    let opt = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
    };
    let (ack_by, due_on, acknowledged_on, done_on) = (date(4)?, date(5)?, opt(6)?, opt(7)?);
    Ok(RequestView {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        kind: RequestKind::parse(&r.get::<_, String>(2)?).unwrap_or(RequestKind::Access),
        received_on: date(3)?,
        ack_by,
        due_on,
        acknowledged_on,
        done_on,
        note: r.get(8)?,
        staff: r.get(9)?,
        overdue: done_on.is_none()
            && (today > due_on || (acknowledged_on.is_none() && today > ack_by)),
    })
}

/// A customer's requests (or every open one with `None`), newest first.
pub fn list_requests(
    conn: &Connection,
    customer_id: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<RequestView>> {
    let sql = match customer_id {
        Some(_) => format!("{SELECT} WHERE customer_id = ?1 ORDER BY id DESC"),
        None => format!("{SELECT} WHERE done_on IS NULL AND ?1 IS NULL ORDER BY due_on"),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([customer_id], |r| view(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn create_request(
    db: &mut Db,
    customer_id: i64,
    d: &RequestDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<RequestView> {
    let today = local_date(now);
    let received = if d.received_on.trim().is_empty() {
        today
    } else {
        match crate::text::date::parse_date(&d.received_on) {
            Some(r) if r <= today => r,
            Some(_) => return Err(Error::invalid("received_on", "date_in_future")),
            None => return Err(Error::invalid("received_on", "date_invalid")),
        }
    };
    let note = crate::text::limit("note", &d.note, crate::text::limit::NOTE)?;
    let ack_by = add_working_days(received, ACK_WORKING_DAYS);
    let due_on = received + Duration::days(DUE_DAYS);
    let id = db.write(|tx| {
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)", [customer_id], |r| r.get(0))?;
        if !exists {
            return Err(Error::NotFound { what: "customer", id: customer_id });
        }
        tx.execute(
            "INSERT INTO data_request(customer_id, kind, received_on, ack_by, due_on, note, staff, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![customer_id, d.kind.code(), received.to_string(), ack_by.to_string(), due_on.to_string(), note, staff, stamp(now)],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::record(tx, now, staff, "create", "data_request", id, serde_json::json!({ "customer": customer_id, "kind": d.kind.code() }))?;
        Ok(id)
    })?;
    get(db.conn(), id, today)
}

/// Marks a request acknowledged and/or done (today), with a note of what was done.
pub fn update_request(
    db: &mut Db,
    id: i64,
    u: &RequestUpdate,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<RequestView> {
    let today = local_date(now);
    let note = crate::text::limit("note", &u.note, crate::text::limit::NOTE)?;
    db.write(|tx| {
        let n = tx.execute(
            "UPDATE data_request SET
                acknowledged_on = CASE WHEN ?2 THEN coalesce(acknowledged_on, ?4) ELSE NULL END,
                done_on = CASE WHEN ?3 THEN coalesce(done_on, ?4) ELSE NULL END,
                note = ?5
             WHERE id = ?1",
            params![id, u.acknowledged || u.done, u.done, today.to_string(), note],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "data_request", id });
        }
        crate::audit::record(
            tx,
            now,
            staff,
            "update",
            "data_request",
            id,
            serde_json::json!({ "acknowledged": u.acknowledged, "done": u.done }),
        )
    })?;
    get(db.conn(), id, today)
}

fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<RequestView> {
    Ok(conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], |r| view(r, today))?)
}
