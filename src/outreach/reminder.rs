//! Reminders as staff see and work them: the Today queue, a customer's upcoming care, the
//! ones staff add by hand, and the outcome of each contact.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::care::rule::RuleKind;
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::phone::{self, PhoneKind};

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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct QueueFilter {
    pub kind: Option<RuleKind>,
    /// Empty: everyone's, including unassigned.
    pub assignee: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KindCount {
    pub kind: RuleKind,
    #[ts(type = "number")]
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TodayQueue {
    pub today: NaiveDate,
    /// Waiting per kind, whatever the filter on kind (the filter chips show them).
    pub counts: Vec<KindCount>,
    #[ts(type = "number")]
    pub total: i64,
    /// Oldest first within the queue's kind order; at most `QUEUE_LIMIT`.
    pub items: Vec<ReminderView>,
    pub occasions: Vec<crate::calendar::lunar::UpcomingOccasion>,
}

/// What is waiting today (due today or earlier, open or snoozed until now).
pub fn today(conn: &Connection, filter: &QueueFilter, now: DateTime<Utc>) -> Result<TodayQueue> {
    let today = local_date(now);
    let day = today.format("%Y-%m-%d").to_string();
    // Conditions only for the filters in use, so the counts read the covering index alone.
    let assignee = filter.assignee.trim();
    let mut cond = String::from("status IN ('open', 'snoozed') AND due_on <= :day");
    if !assignee.is_empty() {
        cond.push_str(" AND (assignee = :assignee OR assignee = '')");
    }
    let mut counts = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT kind, count(*) FROM reminder WHERE {cond} GROUP BY kind"
        ))?;
        let args: [(&str, &dyn rusqlite::ToSql); 2] = [(":day", &day), (":assignee", &assignee)];
        crate::care::plan::bind(&mut stmt, args.iter())?;
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next()? {
            if let Some(kind) = RuleKind::parse(&r.get::<_, String>(0)?) {
                counts.push(KindCount { kind, count: r.get(1)? });
            }
        }
    }
    counts.sort_by_key(|c| order(c.kind));
    let total = counts.iter().map(|c| c.count).sum();
    let kind = filter.kind.map(|k| k.code()).unwrap_or_default();
    if !kind.is_empty() {
        cond.push_str(" AND kind = :kind");
    }
    let sql = format!("{SELECT} WHERE r.id IN (SELECT id FROM reminder WHERE {cond} ORDER BY due_on, kind, assignee, id LIMIT {QUEUE_LIMIT})");
    let mut stmt = conn.prepare_cached(&sql)?;
    let args: [(&str, &dyn rusqlite::ToSql); 3] =
        [(":day", &day), (":assignee", &assignee), (":kind", &kind)];
    crate::care::plan::bind(&mut stmt, args.iter())?;
    let mut items = Vec::new();
    let mut rows = stmt.raw_query();
    while let Some(r) = rows.next()? {
        items.push(from_row(r)?);
    }
    items.sort_by_key(|r| (order(r.kind), r.due_on, r.id));
    Ok(TodayQueue {
        today,
        counts,
        total,
        items,
        occasions: crate::calendar::lunar::upcoming(today, 14),
    })
}

fn order(kind: RuleKind) -> usize {
    RuleKind::PLANNED.iter().position(|k| *k == kind).unwrap_or(RuleKind::PLANNED.len())
}

/// A customer's waiting and upcoming care, soonest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<ReminderView>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE r.customer_id = ?1 AND r.status IN ('open', 'snoozed') ORDER BY r.due_on, r.id LIMIT 50"
        ))?
        .query_map([customer_id], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

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

fn due_instant(
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutcomeDraft {
    pub outcome: Outcome,
    pub channel: ContactChannel,
    pub note: String,
    /// `dd/MM/yyyy`, for a call back.
    #[serde(default)]
    pub call_back_on: String,
}

/// What the recorded outcome led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutcomeResult {
    pub reminder: ReminderView,
    #[ts(type = "number")]
    pub interaction_id: i64,
    /// When the reminder comes back (no answer, call back).
    pub next_on: Option<NaiveDate>,
}

/// Records what staff did: an interaction on the customer's timeline, and the reminder closed
/// or planned again as the outcome implies. All in one transaction.
pub fn record_outcome(
    db: &mut Db,
    id: i64,
    d: &OutcomeDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<OutcomeResult> {
    let today = local_date(now);
    let note = crate::text::limit("note", &d.note, MAX_NOTE)?;
    let call_back = if d.outcome == Outcome::CallBack {
        match crate::text::date::parse_date(&d.call_back_on) {
            None => return Err(Error::invalid("call_back_on", "date_invalid")),
            Some(day) if day <= today => {
                return Err(Error::invalid("call_back_on", "date_not_future"))
            }
            Some(day) => Some(day),
        }
    } else {
        None
    };
    let (interaction_id, next_on) = db.write(|tx| {
        let r = get(tx, id)?;
        if matches!(r.status, ReminderStatus::Done | ReminderStatus::Dismissed) {
            return Err(Error::ReminderClosed(id));
        }
        let attempts = r.attempts + 1;
        let next_on = match d.outcome {
            Outcome::NoAnswer if attempts < MAX_ATTEMPTS => Some(today + Duration::days(1)),
            Outcome::CallBack => call_back,
            _ => None,
        };
        match next_on {
            Some(day) => {
                let at = due_instant(tx, day, None)?;
                tx.execute(
                    "UPDATE reminder SET status = 'snoozed', attempts = ?2, outcome = ?3, due_on = ?4,
                        due_at = ?5, notified_at = NULL, updated_at = ?6 WHERE id = ?1",
                    params![id, attempts, d.outcome.code(), day, stamp(at), stamp(now)],
                )?;
            }
            None => {
                tx.execute(
                    "UPDATE reminder SET status = 'done', attempts = ?2, outcome = ?3, closed_at = ?4,
                        updated_at = ?4 WHERE id = ?1",
                    params![id, attempts, d.outcome.code(), stamp(now)],
                )?;
            }
        }
        if d.outcome == Outcome::NoContact {
            tx.execute("UPDATE customer SET no_contact = 1, updated_at = ?2 WHERE id = ?1", params![r.customer_id, stamp(now)])?;
            tx.execute(
                "UPDATE reminder SET status = 'dismissed', outcome = 'no_contact', closed_at = ?2, updated_at = ?2
                 WHERE customer_id = ?1 AND status IN ('open', 'snoozed')",
                params![r.customer_id, stamp(now)],
            )?;
        }
        let reached = matches!(d.outcome, Outcome::Reached | Outcome::Sent | Outcome::CallBack);
        if reached {
            crate::customer::touch_contact_in(tx, r.customer_id, now)?;
        }
        let kind = if d.channel == ContactChannel::Phone { "call" } else { "message" };
        let summary = if note.is_empty() { r.kind.code().to_owned() } else { note.clone() };
        let complaint = (r.subject == "complaint").then_some(r.subject_id).flatten();
        tx.execute(
            "INSERT INTO interaction(customer_id, at, channel, direction, kind, summary, staff, reminder_id, outcome,
                complaint_id)
             VALUES (?1, ?2, ?3, 'outbound', ?4, ?5, ?6, ?7, ?8, ?9)",
            params![r.customer_id, stamp(now), d.channel.code(), kind, summary, staff, id, d.outcome.code(), complaint],
        )?;
        let interaction = tx.last_insert_rowid();
        // What the contact settles: a promise kept, a complaint answered.
        let settled = matches!(d.outcome, Outcome::Reached | Outcome::Sent | Outcome::Done);
        match (r.subject.as_str(), r.subject_id) {
            ("promise", Some(p)) if settled => {
                crate::feedback::promise::close_in(tx, p, crate::feedback::promise::PromiseStatus::Kept, &summary, now)?
            }
            ("complaint", Some(k)) if reached => crate::feedback::complaint::contacted_in(tx, k, &summary, staff, now)?,
            _ => {}
        }
        crate::audit::record(tx, now, staff, "outcome", "reminder", id, serde_json::json!({ "outcome": d.outcome.code() }))?;
        if reached || settled {
            // A contact moves the win-back date; a settled promise or complaint moves on.
            crate::care::plan::run_in(tx, &crate::care::plan::Scope::Customer(r.customer_id), now)?;
        }
        Ok((interaction, next_on))
    })?;
    Ok(OutcomeResult { reminder: get(db.conn(), id)?, interaction_id, next_on })
}

/// Closes a reminder without contact (not relevant any more); no interaction is logged.
pub fn dismiss(db: &mut Db, id: i64, staff: &str, now: DateTime<Utc>) -> Result<ReminderView> {
    db.write(|tx| {
        let n = tx.execute(
            "UPDATE reminder SET status = 'dismissed', closed_at = ?2, updated_at = ?2
             WHERE id = ?1 AND status IN ('open', 'snoozed')",
            params![id, stamp(now)],
        )?;
        if n == 0 {
            get(tx, id)?;
            return Err(Error::ReminderClosed(id));
        }
        crate::audit::record(tx, now, staff, "dismiss", "reminder", id, serde_json::json!({}))
    })?;
    get(db.conn(), id)
}

pub use crate::feedback::interaction::{timeline as interactions, InteractionView};
