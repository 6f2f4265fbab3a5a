//! What customers owe ("ghi nợ"): a sale left partly unpaid, payments recorded later (cash,
//! transfer), each with who and when; the balance is the ledger's sum.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::Result;

/// A customer's open debt: what they owe now and the earliest day part of it falls due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Owed {
    pub amount: i64,
    pub due_on: Option<NaiveDate>,
}

pub fn owed(_conn: &Connection, _customer_id: i64) -> Result<Owed> {
    Ok(Owed::default())
}

/// Refuses leaving `amount` more owing for this customer: no customer, or over their limit (a
/// field error on `paid`).
pub fn check_limit(_conn: &Connection, _customer_id: Option<i64>, _amount: i64) -> Result<()> {
    Ok(())
}

/// Records `amount` left owing on `purchase_id`, due on `due_on` (inside the sale's transaction).
pub fn open_at_sale(
    _tx: &Connection,
    _customer_id: i64,
    _purchase_id: i64,
    _amount: i64,
    _due_on: NaiveDate,
    _staff: &str,
    _now: DateTime<Utc>,
) -> Result<()> {
    Ok(())
}

/// A voided sale cancels what was left owing on it (payments already made stay recorded).
pub fn reverse_purchase(
    _tx: &Connection,
    _purchase_id: i64,
    _staff: &str,
    _now: DateTime<Utc>,
) -> Result<()> {
    Ok(())
}
