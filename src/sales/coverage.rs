//! Warranty coverage of one sold unit: the term, its extension by days spent in warranty work,
//! and the verdict staff read at the counter.

use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// Last covered day: `start` + `months` (a month-end start clamps: 31/01 + 1 month = 28 or 29/02)
/// + `extension_days`. Without a warranty the term ends the day it starts.
pub fn warranty_end(start: NaiveDate, months: u32, extension_days: i64) -> NaiveDate {
    let end = start.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
    end.checked_add_signed(chrono::Duration::days(extension_days)).unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CoverageState {
    /// Within the one-for-one exchange window (also under warranty).
    ExchangeWindow,
    UnderWarranty,
    Expired,
    /// Sold without a warranty.
    None,
    /// The unit is no longer the customer's (returned, exchanged, replaced, refunded, voided).
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Coverage {
    pub state: CoverageState,
    pub start: NaiveDate,
    /// Last covered day, extended by finished and ongoing warranty work.
    pub end: NaiveDate,
    /// Days left until `end` (0 on the last day, negative once expired).
    #[ts(type = "number")]
    pub days_left: i64,
    /// Last day of the one-for-one exchange window, if the product has one.
    pub exchange_until: Option<NaiveDate>,
    /// Days added to the term so far (finished work plus the claim open now, if covered).
    #[ts(type = "number")]
    pub extension_days: i64,
    #[ts(type = "number")]
    pub claims: i64,
    /// Warranty repairs in the current term, the open one included.
    #[ts(type = "number")]
    pub repairs_in_term: i64,
    /// Third repair in the term: the customer may ask for a replacement or a refund.
    pub replacement_due: bool,
}

/// What the verdict needs to know about a unit.
#[derive(Debug, Clone, Copy)]
pub struct UnitTerms {
    pub start: NaiveDate,
    pub months: u32,
    pub exchange_days: u32,
    /// Days of finished warranty work already added.
    pub extension_days: i64,
    /// Days the unit has been held so far by an open warranty claim.
    pub held_now: i64,
    pub active: bool,
    pub claims: i64,
    pub repairs_in_term: i64,
}

pub const REPAIRS_BEFORE_REPLACEMENT: i64 = 3;

pub fn coverage(t: UnitTerms, today: NaiveDate) -> Coverage {
    let extension_days = t.extension_days + t.held_now;
    let end = warranty_end(t.start, t.months, extension_days);
    let exchange_until =
        (t.exchange_days > 0).then(|| t.start + chrono::Duration::days(i64::from(t.exchange_days)));
    let state = if !t.active {
        CoverageState::Closed
    } else if t.months == 0 && exchange_until.is_none() {
        CoverageState::None
    } else if exchange_until.is_some_and(|until| today <= until) {
        CoverageState::ExchangeWindow
    } else if t.months > 0 && today <= end {
        CoverageState::UnderWarranty
    } else {
        CoverageState::Expired
    };
    Coverage {
        state,
        start: t.start,
        end,
        days_left: (end - today).num_days(),
        exchange_until,
        extension_days,
        claims: t.claims,
        repairs_in_term: t.repairs_in_term,
        replacement_due: t.active && t.repairs_in_term >= REPAIRS_BEFORE_REPLACEMENT,
    }
}
