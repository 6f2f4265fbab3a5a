//! Sold units as staff see them: serial, buyer, product, and the coverage verdict of today.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::coverage::{coverage, Coverage, UnitTerms};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum UnitStatus {
    Sold,
    Returned,
    Exchanged,
    Replaced,
    Refunded,
    Voided,
}

crate::text::code::stored_code!(UnitStatus);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitView {
    #[ts(type = "number")]
    pub id: i64,
    pub serial: Option<String>,
    pub status: UnitStatus,
    #[ts(type = "number")]
    pub purchase_id: i64,
    pub receipt_no: String,
    #[ts(type = "number")]
    pub line_id: i64,
    pub product_name: String,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub sold_on: NaiveDate,
    #[ts(type = "number | null")]
    pub replaces_unit_id: Option<i64>,
    /// The claim open on this unit now, if any.
    #[ts(type = "number | null")]
    pub open_claim_id: Option<i64>,
    pub coverage: Coverage,
}

/// Columns of `unit u` joined with its line `l`, purchase `p` and buyer `c`, plus the claim
/// figures the verdict needs. `?1` is today (for the days an open warranty claim has held it).
pub(crate) const UNIT_SELECT: &str = "SELECT u.id, u.serial, u.status, l.purchase_id, p.receipt_no,
    u.line_id, l.product_name, u.customer_id, c.full_name, u.warranty_start, u.warranty_months,
    u.exchange_days, u.extension_days, u.replaces_unit_id,
    (SELECT id FROM claim WHERE unit_id = u.id AND closed_on IS NULL),
    (SELECT max(0, julianday(?1) - julianday(received_on)) FROM claim
        WHERE unit_id = u.id AND closed_on IS NULL AND under_warranty = 1),
    (SELECT count(*) FROM claim WHERE unit_id = u.id),
    (SELECT count(*) FROM claim WHERE unit_id = u.id AND under_warranty = 1
        AND status <> 'cancelled' AND status <> 'rejected'),
    date(p.sold_at, '+7 hours')
    FROM unit u JOIN purchase_line l ON l.id = u.line_id JOIN purchase p ON p.id = l.purchase_id
    LEFT JOIN customer c ON c.id = u.customer_id";

pub(crate) fn unit_from_row(r: &Row, today: NaiveDate) -> rusqlite::Result<UnitView> {
    let status = UnitStatus::parse(&r.get::<_, String>(2)?).unwrap_or(UnitStatus::Sold);
    let held_now: Option<f64> = r.get(15)?;
    let terms = UnitTerms {
        start: r.get(9)?,
        months: r.get(10)?,
        exchange_days: r.get(11)?,
        extension_days: r.get(12)?,
        held_now: held_now.map_or(0, |d| d as i64),
        active: status == UnitStatus::Sold,
        claims: r.get(16)?,
        repairs_in_term: r.get(17)?,
    };
    Ok(UnitView {
        id: r.get(0)?,
        serial: r.get(1)?,
        status,
        purchase_id: r.get(3)?,
        receipt_no: r.get(4)?,
        line_id: r.get(5)?,
        product_name: r.get(6)?,
        customer_id: r.get(7)?,
        customer_name: r.get(8)?,
        sold_on: r.get(18)?,
        replaces_unit_id: r.get(13)?,
        open_claim_id: r.get(14)?,
        coverage: coverage(terms, today),
    })
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<UnitView> {
    conn.prepare_cached(&format!("{UNIT_SELECT} WHERE u.id = ?2"))?
        .query_row(rusqlite::params![today, id], |r| unit_from_row(r, today))
        .optional()?
        .ok_or(Error::NotFound { what: "unit", id })
}

pub(crate) fn query(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
    today: NaiveDate,
) -> Result<Vec<UnitView>> {
    let mut stmt = conn.prepare_cached(&format!("{UNIT_SELECT} {filter}"))?;
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&today];
    all.extend_from_slice(args);
    let rows = stmt.query_map(all.as_slice(), |r| unit_from_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
