//! What a resolution does to the unit: a warranty extended by the days held, a replacement
//! with a fresh term, a refund.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::transition::set_column;
use super::Current;
use crate::error::Result;
use crate::sales::coverage::warranty_end;
use crate::text::serial::reversed;

/// The days the unit was held for warranty work are added to its term.
pub(super) fn extend_warranty(
    tx: &Connection,
    cur: &Current,
    on: NaiveDate,
    at: &str,
) -> Result<()> {
    // Law 19/2023 Art. 30(2): time in warranty work does not count toward the term.
    let held = (on - cur.received_on).num_days().max(0);
    let (start, months, ext): (NaiveDate, u32, i64) = tx.query_row(
        "SELECT warranty_start, warranty_months, extension_days FROM unit WHERE id = ?1",
        [cur.unit_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    tx.execute(
        "UPDATE unit SET extension_days = ?2, warranty_end = ?3, updated_at = ?4 WHERE id = ?1",
        params![cur.unit_id, ext + held, warranty_end(start, months, ext + held), at],
    )?;
    Ok(())
}

/// A new unit in the customer's hands, the old one marked replaced.
pub(super) fn replace_unit(
    tx: &Connection,
    id: i64,
    cur: &Current,
    replacement_serial: &Option<String>,
    on: NaiveDate,
    at: &str,
) -> Result<()> {
    let (line_id, months): (i64, u32) = tx.query_row(
        "SELECT line_id, warranty_months FROM unit WHERE id = ?1",
        [cur.unit_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // A replacement starts a fresh term on the day it is handed over.
    tx.execute(
        "INSERT INTO unit(line_id, customer_id, serial, serial_reversed, warranty_start,
            warranty_months, exchange_days, warranty_end, replaces_unit_id, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9)",
        params![
            line_id,
            cur.customer_id,
            replacement_serial,
            replacement_serial.as_deref().map(reversed),
            on,
            months,
            warranty_end(on, months, 0),
            cur.unit_id,
            at
        ],
    )?;
    set_column(tx, id, "replacement_unit_id", &tx.last_insert_rowid())?;
    tx.execute(
        "UPDATE unit SET status = 'replaced', updated_at = ?2 WHERE id = ?1",
        params![cur.unit_id, at],
    )?;
    Ok(())
}

/// The price refunded is recorded on the claim and the unit leaves the customer's hands.
pub(super) fn refund_unit(
    tx: &Connection,
    id: i64,
    cur: &Current,
    refund: Option<i64>,
    at: &str,
) -> Result<()> {
    set_column(tx, id, "refund_amount", &refund)?;
    tx.execute(
        "UPDATE unit SET status = 'refunded', updated_at = ?2 WHERE id = ?1",
        params![cur.unit_id, at],
    )?;
    Ok(())
}
