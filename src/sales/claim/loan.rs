//! The loan unit a shop lends while the customer's item is in for work (docs/domain.md §4): what
//! went out and when, and when it came back. A claim that closes takes back a loan still out.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{date_field, get, name_field, ClaimStatus, ClaimView};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LoanDraft {
    /// What was lent: "Máy mượn Samsung A05". Empty when taking a loan back.
    pub unit: String,
    /// `dd/MM/yyyy`; empty = today.
    pub on: String,
}

struct Loan {
    status: ClaimStatus,
    received_on: NaiveDate,
    unit: String,
    lent_on: Option<NaiveDate>,
    returned_on: Option<NaiveDate>,
}

fn loan(tx: &Connection, id: i64) -> Result<Loan> {
    tx.prepare_cached(
        "SELECT status, received_on, loan_unit, loan_lent_on, loan_returned_on
         FROM claim WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Loan {
            status: ClaimStatus::parse(&r.get::<_, String>(0)?).unwrap_or(ClaimStatus::Received),
            received_on: r.get(1)?,
            unit: r.get(2)?,
            lent_on: r.get(3)?,
            returned_on: r.get(4)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound { what: "claim", id })
}

/// The day as typed: not in the future and not before `earliest`.
fn day(input: &str, earliest: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    let mut errors = Vec::new();
    let on = date_field(input, "on", &mut errors).unwrap_or(today);
    if on > today {
        errors.push(FieldError::new("on", "date_in_future"));
    } else if on < earliest {
        errors.push(FieldError::new("on", "date_before_previous"));
    }
    if errors.is_empty() {
        Ok(on)
    } else {
        Err(Error::Validation(errors))
    }
}

/// Lends a unit to the customer of an open claim with no loan out now (a second loan after the
/// first came back replaces its record).
pub fn lend(
    db: &mut Db,
    id: i64,
    d: &LoanDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ClaimView> {
    let today = local_date(now);
    let mut errors = Vec::new();
    let unit = name_field(&d.unit, "unit", &mut errors);
    if unit.is_empty() {
        errors.push(FieldError::new("unit", "required"));
    }
    db.write(|tx| {
        let cur = loan(tx, id)?;
        if cur.status.is_closed() {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: "loan_lent" });
        }
        if cur.lent_on.is_some() && cur.returned_on.is_none() {
            return Err(Error::ForbiddenTransition { from: "loan_lent", to: "loan_lent" });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(std::mem::take(&mut errors)));
        }
        let on = day(&d.on, cur.received_on, today)?;
        tx.execute(
            "UPDATE claim SET loan_unit = ?2, loan_lent_on = ?3, loan_returned_on = NULL,
                updated_at = ?4 WHERE id = ?1",
            params![id, unit, on, stamp(now)],
        )?;
        let mut detail = serde_json::json!({ "unit": unit, "on": on });
        // The claim keeps one loan: a second one overwrites the first, which only the log keeps.
        if let Some(lent_on) = cur.lent_on {
            detail["previous"] = serde_json::json!({
                "unit": cur.unit, "lent_on": lent_on, "returned_on": cur.returned_on,
            });
        }
        crate::audit::record(tx, now, staff, "lend_loan", "claim", id, detail)
    })?;
    get(db.conn(), id, today)
}

/// The loan unit came back to the shop on `d.on`.
pub fn take_back(
    db: &mut Db,
    id: i64,
    d: &LoanDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ClaimView> {
    let today = local_date(now);
    db.write(|tx| {
        let cur = loan(tx, id)?;
        let (Some(lent), None) = (cur.lent_on, cur.returned_on) else {
            return Err(Error::ForbiddenTransition { from: "no_loan", to: "loan_returned" });
        };
        let on = day(&d.on, lent, today)?;
        tx.execute(
            "UPDATE claim SET loan_returned_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, on, stamp(now)],
        )?;
        let detail = serde_json::json!({ "unit": cur.unit, "on": on });
        crate::audit::record(tx, now, staff, "return_loan", "claim", id, detail)
    })?;
    get(db.conn(), id, today)
}

/// Intake named a loan unit: it went out on the day the item came in.
pub(super) fn lent_at_intake(tx: &Connection, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE claim SET loan_lent_on = received_on WHERE id = ?1 AND loan_unit <> ''",
        [id],
    )?;
    Ok(())
}

/// A claim closing on `on` gets back a loan still out: the customer swaps it for their item.
pub(super) fn back_at_close(tx: &Connection, id: i64, on: NaiveDate) -> Result<()> {
    tx.execute(
        "UPDATE claim SET loan_returned_on = ?2
         WHERE id = ?1 AND loan_lent_on IS NOT NULL AND loan_returned_on IS NULL",
        params![id, on],
    )?;
    Ok(())
}
