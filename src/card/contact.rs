//! Contact from the card: the shop's message templates rendered for this customer in her
//! language, her open reminders first. A template that is not one of her reminders writes
//! nothing until its outcome is recorded, so staff who walk away leave nothing open on Today.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::care::rule::RuleKind;
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::outreach::reminder::{self, OutcomeDraft, OutcomeResult, ReminderStatus, ReminderView};
use crate::outreach::template::{self, PreparedMessage};

/// Which template, about what: a sale for a thank-you, a unit for its warranty, a claim, a
/// complaint, a promise; nothing for the customer herself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactPick {
    pub kind: RuleKind,
    pub subject: String,
    #[ts(type = "number | null")]
    pub subject_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ContactChoice {
    pub pick: ContactPick,
    /// One of her open reminders: working this choice works it.
    #[ts(type = "number | null")]
    pub reminder_id: Option<i64>,
    /// What it is about, ready to show: "iPhone 15 · HD261115-002".
    pub label: String,
    /// Rendered in her language, placeholders filled from her data.
    pub message: PreparedMessage,
}

/// Kinds about the customer herself, always offered: the general message first.
const ABOUT_HER: [RuleKind; 2] = [RuleKind::Manual, RuleKind::WinBack];

/// The templates she has the data for: each kind with the instance it is about (her latest
/// sale, the warranty ending first, an open claim, complaint or promise). A kind whose data
/// she has none of is left out rather than sent with blanks.
fn picks(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Vec<ContactPick>> {
    let today = local_date(now);
    // Each query names the customer ?1; those that need the day name it ?2.
    let first = |sql: &str| -> Result<Option<i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = if sql.contains("?2") {
            stmt.query(params![id, today])?
        } else {
            stmt.query(params![id])?
        };
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    };
    let sale = first(
        "SELECT id FROM purchase WHERE customer_id = ?1 AND voided_at IS NULL ORDER BY sold_at DESC, id DESC LIMIT 1",
    )?;
    let unit = first(
        "SELECT id FROM unit WHERE customer_id = ?1 AND status = 'sold' AND warranty_months > 0
         AND warranty_end >= ?2 ORDER BY warranty_end, id LIMIT 1",
    )?;
    let claim = |late: bool| {
        first(&format!(
            "SELECT id FROM claim WHERE customer_id = ?1 AND closed_on IS NULL AND {}
             ORDER BY received_on DESC, id DESC LIMIT 1",
            if late { "promised_on < ?2 AND status <> 'ready'" } else { "status = 'ready'" }
        ))
    };
    let complaint = first(
        "SELECT id FROM complaint WHERE customer_id = ?1 AND status NOT IN ('resolved', 'closed')
         ORDER BY opened_at DESC, id DESC LIMIT 1",
    )?;
    let promise = first(
        "SELECT id FROM promise WHERE customer_id = ?1 AND status = 'open'
         ORDER BY due_on, id LIMIT 1",
    )?;
    let birthday = first("SELECT id FROM customer WHERE id = ?1 AND birthday IS NOT NULL")?;
    let about = |kind, subject: &str, subject_id: Option<i64>| ContactPick {
        kind,
        subject: subject_id.map_or_else(String::new, |_| subject.to_owned()),
        subject_id,
    };
    let mut out: Vec<ContactPick> = ABOUT_HER.iter().map(|k| about(*k, "", None)).collect();
    let about_some = [
        (RuleKind::ThankYou, "purchase", sale),
        (RuleKind::CheckIn, "purchase", sale),
        (RuleKind::Repurchase, "purchase", sale),
        (RuleKind::WarrantyExpiring, "unit", unit),
        (RuleKind::RepairUncollected, "claim", claim(false)?),
        (RuleKind::ClaimOverdue, "claim", claim(true)?),
        (RuleKind::ComplaintDue, "complaint", complaint),
        (RuleKind::PromiseDue, "promise", promise),
    ];
    out.extend(
        about_some.into_iter().filter(|(_, _, s)| s.is_some()).map(|(k, s, i)| about(k, s, i)),
    );
    if birthday.is_some() {
        out.push(about(RuleKind::Birthday, "", None));
    }
    Ok(out)
}

fn choice(
    conn: &Connection,
    r: &ReminderView,
    stored: bool,
    now: DateTime<Utc>,
) -> Result<ContactChoice> {
    let locale = super::language(conn, r.customer_id)?;
    Ok(ContactChoice {
        pick: ContactPick { kind: r.kind, subject: r.subject.clone(), subject_id: r.subject_id },
        reminder_id: stored.then_some(r.id),
        label: if r.subject_label.is_empty() { r.note.clone() } else { r.subject_label.clone() },
        message: template::prepare_view(conn, r, locale, now)?,
    })
}

fn view(conn: &Connection, id: i64, p: &ContactPick, now: DateTime<Utc>) -> Result<ReminderView> {
    reminder::unsaved(conn, id, p.kind, &p.subject, p.subject_id, local_date(now))
}

/// What staff may send her from the card: her open reminders first, then the templates.
pub fn choices(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Vec<ContactChoice>> {
    let mut out = Vec::new();
    for r in reminder::for_customer(conn, id)? {
        if matches!(r.status, ReminderStatus::Open | ReminderStatus::Snoozed) {
            out.push(choice(conn, &r, true, now)?);
        }
    }
    for p in picks(conn, id, now)? {
        out.push(choice(conn, &view(conn, id, &p, now)?, false, now)?);
    }
    Ok(out)
}

/// A template's message for her, refused unless it is one the card offers her.
pub fn message(
    conn: &Connection,
    id: i64,
    p: &ContactPick,
    now: DateTime<Utc>,
) -> Result<PreparedMessage> {
    offered(conn, id, p, now)?;
    let locale = super::language(conn, id)?;
    template::prepare_view(conn, &view(conn, id, p, now)?, locale, now)
}

fn offered(conn: &Connection, id: i64, p: &ContactPick, now: DateTime<Utc>) -> Result<()> {
    if picks(conn, id, now)?.contains(p) {
        Ok(())
    } else {
        Err(Error::invalid("pick", "contact_choice_invalid"))
    }
}

/// The outcome of a contact from the card: the reminder it worked, written only now and
/// closed (or planned again) with its outcome in the same transaction, as Today logs it.
pub fn record(
    db: &mut Db,
    id: i64,
    p: &ContactPick,
    d: &OutcomeDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<OutcomeResult> {
    let checked = reminder::check_outcome(d, now)?;
    let (reminder_id, interaction_id, next_on) = db.write(|tx| {
        let mut errors = Vec::new();
        use crate::customer::{check_live, Change};
        if check_live(tx, id, Change::Edit, &mut errors)?
            && tx.query_row("SELECT no_contact FROM customer WHERE id = ?1", [id], |r| r.get(0))?
        {
            errors.push(FieldError::new("customer_id", "customer_no_contact"));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        offered(tx, id, p, now)?;
        tx.execute(
            "INSERT INTO reminder(kind, customer_id, subject, subject_id, due_on, due_at, created_by,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?6)",
            params![p.kind.code(), id, p.subject, p.subject_id, local_date(now), stamp(now), staff],
        )?;
        let rid = tx.last_insert_rowid();
        crate::audit::record(
            tx,
            now,
            staff,
            "contact",
            "reminder",
            rid,
            serde_json::json!({ "customer": id, "kind": p.kind.code() }),
        )?;
        let (interaction, next_on) = reminder::record_outcome_in(tx, rid, d, &checked, staff, now)?;
        Ok((rid, interaction, next_on))
    })?;
    Ok(OutcomeResult { reminder: reminder::get(db.conn(), reminder_id)?, interaction_id, next_on })
}
