//! Touchpoints: every visit, call and message with a customer, in or out, on their timeline.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{live_customer, text_field, Link};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum InteractionKind {
    Visit,
    Call,
    Message,
    Complaint,
    Compliment,
    Feedback,
}

crate::text::code::stored_code!(InteractionKind);

/// A touchpoint as written, by staff or by the complaint, score and reminder flows.
pub(crate) struct Row<'a> {
    pub customer_id: i64,
    pub at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub inbound: bool,
    pub kind: InteractionKind,
    pub summary: &'a str,
    pub staff: &'a str,
    pub link: &'a Link,
    pub complaint_id: Option<i64>,
    pub resolved_first: Option<bool>,
}

pub(crate) fn insert(tx: &Connection, r: &Row) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO interaction(customer_id, at, channel, direction, kind, summary, staff, purchase_id,
            claim_id, complaint_id, resolved_first)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        r.customer_id,
        stamp(r.at),
        r.channel.code(),
        if r.inbound { "inbound" } else { "outbound" },
        r.kind.code(),
        r.summary,
        r.staff,
        r.link.purchase_id,
        r.link.claim_id,
        r.complaint_id,
        r.resolved_first,
    ])?;
    Ok(tx.last_insert_rowid())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InteractionDraft {
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub channel: ContactChannel,
    /// The customer reached out (a question, a complaint) rather than the shop.
    pub inbound: bool,
    pub kind: InteractionKind,
    pub summary: String,
    #[serde(default)]
    pub link: Link,
    /// For a request: settled in this one contact (true), or it needed more (false).
    #[serde(default)]
    pub resolved_first: Option<bool>,
}

/// Logs a touchpoint staff had with a customer. Complaints go through `complaint::open` and
/// scores through `score::record`, which log theirs themselves.
pub fn log(
    db: &mut Db,
    d: &InteractionDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<InteractionView> {
    let mut errors = Vec::new();
    let summary = text_field(&d.summary, "summary", &mut errors);
    if summary.is_empty() {
        errors.push(FieldError::new("summary", "required"));
    }
    if matches!(d.kind, InteractionKind::Complaint | InteractionKind::Feedback) {
        errors.push(FieldError::new("kind", "use_dedicated_form"));
    }
    let id = db.write(|tx| {
        let customer = live_customer(tx, d.customer_id, &mut errors)?;
        if let Some(c) = customer {
            d.link.check(tx, c, &mut errors)?;
        }
        let (Some(customer), true) = (customer, errors.is_empty()) else {
            return Err(Error::Validation(std::mem::take(&mut errors)));
        };
        let id = insert(
            tx,
            &Row {
                customer_id: customer,
                at: now,
                channel: d.channel,
                inbound: d.inbound,
                kind: d.kind,
                summary: &summary,
                staff,
                link: &d.link,
                complaint_id: None,
                resolved_first: d.resolved_first,
            },
        )?;
        crate::customer::touch_contact_in(tx, customer, now)?;
        crate::audit::record(
            tx,
            now,
            staff,
            "create",
            "interaction",
            id,
            serde_json::json!({ "customer": customer }),
        )?;
        // A contact moves the win-back date.
        crate::care::plan::after_write(tx, &[Some(customer)], now)?;
        Ok(id)
    })?;
    get(db.conn(), id)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InteractionView {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub channel: String,
    pub direction: String,
    pub kind: String,
    pub summary: String,
    pub staff: String,
    /// The reminder's outcome, for contacts made from the Today queue.
    pub outcome: Option<String>,
    /// "HD261115-002", "BH000012", "KN000003": what it was about, ready to show.
    pub about: String,
    #[ts(type = "number | null")]
    pub complaint_id: Option<i64>,
    pub resolved_first: Option<bool>,
}

const SELECT: &str =
    "SELECT i.id, i.at, i.channel, i.direction, i.kind, i.summary, i.staff, i.outcome,
    trim(coalesce((SELECT receipt_no FROM purchase WHERE id = i.purchase_id), '') || ' ' ||
        coalesce((SELECT code FROM claim WHERE id = i.claim_id), '') || ' ' ||
        coalesce((SELECT code FROM complaint WHERE id = i.complaint_id), '')),
    i.complaint_id, i.resolved_first FROM interaction i";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<InteractionView> {
    Ok(InteractionView {
        id: r.get(0)?,
        at: r.get(1)?,
        channel: r.get(2)?,
        direction: r.get(3)?,
        kind: r.get(4)?,
        summary: r.get(5)?,
        staff: r.get(6)?,
        outcome: r.get(7)?,
        about: r.get::<_, String>(8)?.split_whitespace().collect::<Vec<_>>().join(" · "),
        complaint_id: r.get(9)?,
        resolved_first: r.get(10)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<InteractionView> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached(&format!("{SELECT} WHERE i.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "interaction", id })
}

/// A customer's touchpoints, latest first.
pub fn timeline(conn: &Connection, customer_id: i64, limit: usize) -> Result<Vec<InteractionView>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE i.customer_id = ?1 ORDER BY i.at DESC, i.id DESC LIMIT ?2"
        ))?
        .query_map(params![customer_id, limit as i64], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// How a customer was reached, or reached the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ContactChannel {
    Phone,
    Zalo,
    Sms,
    InStore,
    Messenger,
    Email,
}

crate::text::code::stored_code!(ContactChannel);
