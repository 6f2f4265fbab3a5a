//! Vouchers: codes the shop creates or the care rules give (a first purchase's thank-you, a
//! birthday), checked and redeemed at a sale, each use recorded in `voucher_use`.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::Result;

/// A code that takes `discount` đồng off this sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub voucher_id: i64,
    pub discount: i64,
}

/// What `code` takes off `amount` for this customer today; a field error on `voucher` when it
/// cannot be used (unknown, expired, used up, someone else's, under its minimum spend).
pub fn quote(
    _conn: &Connection,
    _code: &str,
    _customer_id: Option<i64>,
    _amount: i64,
    _today: NaiveDate,
) -> Result<Quote> {
    Err(crate::error::Error::invalid("voucher", "voucher_unknown"))
}

/// Records the use of a quoted voucher on `purchase_id` (inside the sale's transaction).
pub fn redeem(
    _tx: &Connection,
    _q: &Quote,
    _purchase_id: i64,
    _customer_id: Option<i64>,
    _staff: &str,
    _now: DateTime<Utc>,
) -> Result<()> {
    Ok(())
}

/// A voided sale gives its voucher use back.
pub fn reverse_purchase(
    _tx: &Connection,
    _purchase_id: i64,
    _staff: &str,
    _now: DateTime<Utc>,
) -> Result<()> {
    Ok(())
}
