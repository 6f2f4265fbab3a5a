//! The outcome of a contact: logged on the customer's timeline, the reminder closed or planned
//! again, and what the contact settles.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::manual::due_instant;
use super::{get, ContactChannel, Outcome, ReminderStatus, ReminderView, MAX_ATTEMPTS, MAX_NOTE};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, Result};

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
    let checked = check(d, now)?;
    let (interaction_id, next_on) =
        db.write(|tx| record_outcome_in(tx, id, d, &checked, staff, now))?;
    Ok(OutcomeResult { reminder: get(db.conn(), id)?, interaction_id, next_on })
}

/// An outcome's note and call-back day, checked before anything is written.
pub struct CheckedOutcome {
    note: String,
    call_back: Option<NaiveDate>,
}

pub fn check(d: &OutcomeDraft, now: DateTime<Utc>) -> Result<CheckedOutcome> {
    let note = crate::text::limit("note", &d.note, MAX_NOTE)?;
    Ok(CheckedOutcome { note, call_back: call_back_day(d, local_date(now))? })
}

/// The outcome written inside the caller's transaction: the interaction id and when the
/// reminder comes back.
pub fn record_outcome_in(
    tx: &Connection,
    id: i64,
    d: &OutcomeDraft,
    checked: &CheckedOutcome,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<(i64, Option<NaiveDate>)> {
    let today = local_date(now);
    let (note, call_back) = (&checked.note, checked.call_back);
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
    snooze_or_close(tx, id, d.outcome, attempts, next_on, now)?;
    if d.outcome == Outcome::NoContact {
        tx.execute(
            "UPDATE customer SET no_contact = 1, updated_at = ?2 WHERE id = ?1",
            params![r.customer_id, stamp(now)],
        )?;
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
        ("promise", Some(p)) if settled => crate::feedback::promise::close_in(
            tx,
            p,
            crate::feedback::promise::PromiseStatus::Kept,
            &summary,
            now,
        )?,
        ("complaint", Some(k)) if reached => {
            crate::feedback::complaint::contacted_in(tx, k, &summary, staff, now)?
        }
        _ => {}
    }
    crate::audit::record(
        tx,
        now,
        staff,
        "outcome",
        "reminder",
        id,
        serde_json::json!({ "outcome": d.outcome.code() }),
    )?;
    if reached || settled {
        // A contact moves the win-back date; a settled promise or complaint moves on.
        crate::care::plan::run_in(tx, &crate::care::plan::Scope::Customer(r.customer_id), now)?;
    }
    Ok((interaction, next_on))
}

/// The day a call back is promised for: a valid day after today.
fn call_back_day(d: &OutcomeDraft, today: NaiveDate) -> Result<Option<NaiveDate>> {
    Ok(if d.outcome == Outcome::CallBack {
        match crate::text::date::parse_date(&d.call_back_on) {
            None => return Err(Error::invalid("call_back_on", "date_invalid")),
            Some(day) if day <= today => {
                return Err(Error::invalid("call_back_on", "date_not_future"))
            }
            Some(day) => Some(day),
        }
    } else {
        None
    })
}

/// The reminder comes back on `next_on` (no answer, call back), or is done.
fn snooze_or_close(
    tx: &Connection,
    id: i64,
    outcome: Outcome,
    attempts: i64,
    next_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<()> {
    match next_on {
        Some(day) => {
            let at = due_instant(tx, day, None)?;
            tx.execute(
                "UPDATE reminder SET status = 'snoozed', attempts = ?2, outcome = ?3, due_on = ?4,
                    due_at = ?5, notified_at = NULL, updated_at = ?6 WHERE id = ?1",
                params![id, attempts, outcome.code(), day, stamp(at), stamp(now)],
            )?;
        }
        None => {
            tx.execute(
                "UPDATE reminder SET status = 'done', attempts = ?2, outcome = ?3, closed_at = ?4,
                    updated_at = ?4 WHERE id = ?1",
                params![id, attempts, outcome.code(), stamp(now)],
            )?;
        }
    }
    Ok(())
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

/// Calls a history brought in (the demo's two years) already made: every open or snoozed
/// reminder due before `before`, but those of the `keep` kinds, closed as done on its due day.
/// One statement, since answering each one re-plans its customer.
pub fn close_made_before(db: &mut Db, before: NaiveDate, keep: &[&str]) -> Result<usize> {
    let kept: Vec<String> = (0..keep.len()).map(|i| format!("?{}", i + 2)).collect();
    let sql = format!(
        "UPDATE reminder SET status = 'done', attempts = 1, outcome = 'done', closed_at = due_at,
            updated_at = due_at WHERE status IN ('open', 'snoozed') AND due_on < ?1
            AND kind NOT IN ({})",
        if kept.is_empty() { "''".to_owned() } else { kept.join(", ") }
    );
    let before = before.to_string();
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&before];
    args.extend(keep.iter().map(|k| k as &dyn rusqlite::ToSql));
    db.write(|tx| Ok(tx.execute(&sql, args.as_slice())?))
}
