//! Warranty and repair claims: intake, the moves of the state machine with a dated timeline,
//! the service-centre leg, quotes, and the resolution that changes the unit's warranty.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::unit::UnitView;
use crate::clock::stamp;
use crate::error::{FieldError, Result};

pub use super::claim_status::ClaimStatus;

// Issue 15, claims event-sourced across stores.
mod acknowledge;
mod fold;
mod order;

mod loan;
mod open;
mod resolution;
mod transition;
mod view;

pub use acknowledge::acknowledge_conflict;
pub use fold::{refold_keys, ClaimConflict, ClaimMove};
pub use loan::{lend, take_back, LoanDraft};
pub use open::open;
pub(crate) use open::open_in;
pub use transition::transition;
pub use view::{board, for_customer, get};

/// Shops chase the service centre after this many days away.
pub const SERVICE_CENTER_WARN_DAYS: i64 = 15;
pub const MAX_CLAIM_TEXT: usize = 2_000;
/// A technician, a service centre ("TTBH Apple Quận 3"), a loan unit's name.
pub const MAX_CLAIM_NAME: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ClaimDraft {
    #[ts(type = "number")]
    pub unit_id: i64,
    /// `dd/MM/yyyy`; empty = today.
    pub received_on: String,
    pub symptom: String,
    pub condition_note: String,
    pub accessories: String,
    pub lock_note: String,
    /// `dd/MM/yyyy`; empty = no promise.
    pub promised_on: String,
    pub loan_unit: String,
    pub technician: String,
}

/// A move to another state, with what that move needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TransitionDraft {
    pub to: ClaimStatus,
    /// The day it happened, `dd/MM/yyyy`; empty = today.
    pub on: String,
    pub note: String,
    /// Required when sending to the service centre (unless already known).
    pub service_center: String,
    /// Required when asking the customer to approve a quote.
    pub quote: String,
    pub fee_charged: String,
    pub internal_cost: String,
    pub technician: String,
    /// The new unit's serial when replacing a serialised product.
    pub replacement_serial: String,
    /// Required when refunding.
    pub refund_amount: String,
}

impl Default for TransitionDraft {
    fn default() -> Self {
        TransitionDraft {
            to: ClaimStatus::Diagnosing,
            on: String::new(),
            note: String::new(),
            service_center: String::new(),
            quote: String::new(),
            fee_charged: String::new(),
            internal_cost: String::new(),
            technician: String::new(),
            replacement_serial: String::new(),
            refund_amount: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClaimEvent {
    pub happened_on: NaiveDate,
    pub at: String,
    pub staff: String,
    pub from_status: Option<ClaimStatus>,
    pub to_status: ClaimStatus,
    pub note: String,
    /// The store that recorded it (empty outside a chain).
    pub store: String,
    /// It counts in the claim's state; `false`: another store moved the claim meanwhile and
    /// this move was not allowed from where that left it (kept, set aside).
    pub applied: bool,
}

/// A claim as listed on the board and the customer card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClaimSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub status: ClaimStatus,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub product_name: String,
    pub serial: Option<String>,
    pub symptom: String,
    pub under_warranty: bool,
    pub received_on: NaiveDate,
    pub promised_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub technician: String,
    /// Past the promised date and not closed.
    pub overdue: bool,
    /// Days at the service centre so far (while there).
    #[ts(type = "number | null")]
    pub days_at_service_center: Option<i64>,
    pub service_center_overdue: bool,
    /// Two stores moved the claim from one state while apart, not yet acknowledged.
    pub conflict: Option<ClaimConflict>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClaimView {
    pub summary: ClaimSummary,
    pub condition_note: String,
    pub accessories: String,
    pub lock_note: String,
    pub loan_unit: String,
    /// The loan unit went out on this day, and came back on `loan_returned_on`.
    pub loan_lent_on: Option<NaiveDate>,
    pub loan_returned_on: Option<NaiveDate>,
    pub service_center: String,
    pub sent_on: Option<NaiveDate>,
    pub back_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub quote: Option<i64>,
    pub quote_approved: Option<bool>,
    #[ts(type = "number")]
    pub fee_charged: i64,
    #[ts(type = "number")]
    pub internal_cost: i64,
    pub resolution_note: String,
    #[ts(type = "number | null")]
    pub replacement_unit_id: Option<i64>,
    #[ts(type = "number | null")]
    pub refund_amount: Option<i64>,
    pub opened_by: String,
    pub customer_greeting: Option<String>,
    pub customer_phone: Option<String>,
    pub unit: UnitView,
    pub events: Vec<ClaimEvent>,
    /// The moves allowed now.
    pub next: Vec<ClaimStatus>,
}

fn date_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    if input.trim().is_empty() {
        return None;
    }
    let d = crate::text::date::parse_date(input);
    if d.is_none() {
        errors.push(FieldError::new(field, "date_invalid"));
    }
    d
}

fn text_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> String {
    crate::text::limit_in(field, input, MAX_CLAIM_TEXT, errors)
}

/// Who works on it, where it is sent: names, not notes.
fn name_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> String {
    crate::text::limit_in(field, input, MAX_CLAIM_NAME, errors)
}

#[allow(clippy::too_many_arguments)]
fn event(
    conn: &Connection,
    claim_id: i64,
    on: NaiveDate,
    from: Option<ClaimStatus>,
    to: ClaimStatus,
    note: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let clock = order::next_clock(conn, claim_id)?;
    conn.prepare_cached(
        "INSERT INTO claim_event(claim_id, happened_on, at, staff, from_status, to_status, note,
            clock)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        claim_id,
        on,
        stamp(now),
        staff,
        from.map(|f| f.code()),
        to.code(),
        note,
        clock
    ])?;
    Ok(())
}

struct Current {
    status: ClaimStatus,
    unit_id: i64,
    customer_id: Option<i64>,
    received_on: NaiveDate,
    under_warranty: bool,
    service_center: String,
    last_on: NaiveDate,
}
