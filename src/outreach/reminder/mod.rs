//! Reminders as staff see and work them: the Today queue, a customer's upcoming care, the
//! ones staff add by hand, and the outcome of each contact.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::care::rule::RuleKind;
use crate::error::{Error, Result};
use crate::text::phone::{self, PhoneKind};

mod manual;
mod outcome;
mod queue;

pub use manual::{create_manual, due_instant_on, ManualDraft};
pub use outcome::{
    check as check_outcome, close_made_before, dismiss, record_outcome, record_outcome_in,
    CheckedOutcome, OutcomeDraft, OutcomeResult,
};
pub use queue::{for_customer, today, KindCount, QueueFilter, TodayQueue};

/// After this many unanswered attempts a reminder is closed as unreachable.
pub const MAX_ATTEMPTS: i64 = 3;
/// Rows the Today queue returns (the counts cover all).
pub const QUEUE_LIMIT: usize = 300;
pub const MAX_NOTE: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ReminderStatus {
    Open,
    Snoozed,
    Done,
    Dismissed,
}

crate::text::code::stored_code!(ReminderStatus);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReminderView {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: RuleKind,
    #[ts(type = "number")]
    pub customer_id: i64,
    pub customer_name: String,
    /// "chị Lan".
    pub greeting: String,
    /// Display form of the primary phone, and its canonical digits for links.
    pub phone: Option<String>,
    pub phone_digits: Option<String>,
    pub subject: String,
    #[ts(type = "number | null")]
    pub subject_id: Option<i64>,
    /// What it is about, ready to show: "iPhone 15 · HD261115-002", "BH000012 · Samsung A55".
    pub subject_label: String,
    pub due_on: NaiveDate,
    pub due_at: String,
    pub status: ReminderStatus,
    #[ts(type = "number")]
    pub attempts: i64,
    pub assignee: String,
    pub note: String,
    pub outcome: Option<String>,
}

const SELECT: &str = "SELECT r.id, r.kind, r.customer_id, c.full_name, c.address_as, c.call_name,
    ph.canonical, ph.kind, r.subject, r.subject_id,
    CASE r.subject
      WHEN 'purchase' THEN (SELECT p.receipt_no || ' · ' || coalesce((SELECT group_concat(product_name, ', ')
            FROM purchase_line WHERE purchase_id = p.id), '') FROM purchase p WHERE p.id = r.subject_id)
      WHEN 'unit' THEN (SELECT l.product_name || coalesce(' · ' || u.serial, '') FROM unit u
            JOIN purchase_line l ON l.id = u.line_id WHERE u.id = r.subject_id)
      WHEN 'claim' THEN (SELECT k.code || ' · ' || k.product_name FROM claim k WHERE k.id = r.subject_id)
      WHEN 'complaint' THEN (SELECT k.code || ' · ' || k.summary FROM complaint k WHERE k.id = r.subject_id)
      WHEN 'campaign' THEN (SELECT g.name FROM campaign g WHERE g.id = r.subject_id)
      WHEN 'promise' THEN (SELECT m.text FROM promise m WHERE m.id = r.subject_id)
      WHEN 'feedback' THEN (SELECT upper(f.metric) || ' ' || f.score || coalesce(' · ' || nullif(f.comment, ''), '')
            FROM feedback f WHERE f.id = r.subject_id)
      ELSE '' END,
    r.due_on, r.due_at, r.status, r.attempts, r.assignee, r.note, r.outcome
    FROM reminder r JOIN customer c ON c.id = r.customer_id
    LEFT JOIN customer_phone ph ON ph.customer_id = r.customer_id AND ph.is_primary = 1";

fn status_of(s: &str) -> ReminderStatus {
    ReminderStatus::parse(s).unwrap_or(ReminderStatus::Open)
}

fn from_row(r: &Row) -> rusqlite::Result<ReminderView> {
    let canonical: Option<String> = r.get(6)?;
    let phone_kind: Option<String> = r.get(7)?;
    let kind: String = r.get(1)?;
    Ok(ReminderView {
        id: r.get(0)?,
        kind: RuleKind::parse(&kind).unwrap_or(RuleKind::Manual),
        customer_id: r.get(2)?,
        customer_name: r.get(3)?,
        greeting: crate::customer::stored_greeting(r.get(4)?, r.get(5)?).unwrap_or_default(),
        phone: canonical
            .as_deref()
            .map(|c| phone::format(c, PhoneKind::parse(phone_kind.as_deref().unwrap_or("")))),
        phone_digits: canonical,
        subject: r.get(8)?,
        subject_id: r.get(9)?,
        subject_label: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
        due_on: r.get(11)?,
        due_at: r.get(12)?,
        status: status_of(&r.get::<_, String>(13)?),
        attempts: r.get(14)?,
        assignee: r.get(15)?,
        note: r.get(16)?,
        outcome: r.get(17)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<ReminderView> {
    conn.prepare_cached(&format!("{SELECT} WHERE r.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "reminder", id })
}

/// A reminder not stored: how a contact from the card reads before its outcome is recorded
/// (its id is 0). The same query as a stored one, so its subject reads the same.
pub fn unsaved(
    conn: &Connection,
    customer_id: i64,
    kind: RuleKind,
    subject: &str,
    subject_id: Option<i64>,
    due_on: NaiveDate,
) -> Result<ReminderView> {
    let row =
        "FROM (SELECT 0 AS id, ?2 AS kind, ?1 AS customer_id, ?3 AS subject, ?4 AS subject_id,
        ?5 AS due_on, '' AS due_at, 'open' AS status, 0 AS attempts, '' AS assignee, '' AS note,
        NULL AS outcome) r";
    let sql = SELECT.replacen("FROM reminder r", row, 1);
    conn.prepare_cached(&format!("{sql} WHERE c.id = ?1"))?
        .query_row(
            rusqlite::params![customer_id, kind.code(), subject, subject_id, due_on],
            from_row,
        )
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id: customer_id })
}

pub use crate::feedback::interaction::ContactChannel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Outcome {
    /// Spoke with the customer: done.
    Reached,
    /// Message sent (Zalo, SMS): done.
    Sent,
    /// No answer: try again tomorrow (closed after `MAX_ATTEMPTS`).
    NoAnswer,
    /// The customer asked to be called back on a date.
    CallBack,
    /// Nothing more to do.
    Done,
    /// The customer does not want to be contacted: no more reminders for them.
    NoContact,
}

crate::text::code::stored_code!(Outcome);

pub use crate::feedback::interaction::{timeline as interactions, InteractionView};
