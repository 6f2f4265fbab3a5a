//! After-sales answers to the counter search: units by serial or IMEI (whole, or its last four
//! or more characters), purchases by receipt number, claims by code.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::claim::ClaimSummary;
use super::purchase::{conflict_of, PurchaseSummary};
use super::unit::{self, UnitView};
use super::SerialConflict;
use crate::error::Result;
use crate::text::serial::{normalize_serial, reversed};

pub const MIN_SERIAL_SUFFIX: usize = 4;
const LIMIT: usize = 10;

/// Units with `serial` still in a customer's hands, other than those of purchase `except`.
pub fn sold_serial(
    conn: &Connection,
    serial: &str,
    except: Option<i64>,
) -> Result<Vec<SerialConflict>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id FROM unit u JOIN purchase_line l ON l.id = u.line_id
         WHERE u.serial = ?1 AND u.status = 'sold' AND l.purchase_id IS NOT ?2",
    )?;
    let ids: Vec<i64> = stmt
        .query_map(rusqlite::params![serial, except], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.into_iter().map(|id| conflict_of(conn, id, serial)).collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct SalesHits {
    pub units: Vec<UnitView>,
    pub purchases: Vec<PurchaseSummary>,
    pub claims: Vec<ClaimSummary>,
}

/// Everything after-sales that `query` names; empty when it cannot be a serial, receipt or
/// claim code (spaces inside, or shorter than four characters).
pub fn lookup(conn: &Connection, query: &str, today: NaiveDate) -> Result<SalesHits> {
    let mut hits = SalesHits::default();
    let trimmed = query.trim();
    if trimmed.contains(' ') && trimmed.chars().any(|c| c.is_alphabetic()) {
        return Ok(hits);
    }
    let Some(q) = normalize_serial(trimmed) else { return Ok(hits) };
    if q.len() < MIN_SERIAL_SUFFIX {
        return Ok(hits);
    }
    let mut ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM unit WHERE serial = ?1 LIMIT 10")?
        .query_map([&q], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let rev = reversed(&q);
    let suffix: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM unit WHERE serial_reversed >= ?1 AND serial_reversed < ?1 || '~'
             ORDER BY id DESC LIMIT 11",
        )?
        .query_map([&rev], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in suffix {
        if !ids.contains(&id) && ids.len() < LIMIT {
            ids.push(id);
        }
    }
    for id in ids {
        hits.units.push(unit::get(conn, id, today)?);
    }
    let upper = trimmed.to_uppercase();
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM purchase WHERE receipt_no >= ?1 AND receipt_no < ?1 || '~'
         ORDER BY receipt_no LIMIT 5",
    )?;
    let receipts: Vec<i64> =
        stmt.query_map([&upper], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in receipts {
        let p = super::purchase::get(conn, id, today)?;
        hits.purchases.push(PurchaseSummary {
            id,
            products: p
                .lines
                .iter()
                .map(|l| l.product_name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            receipt_no: p.receipt_no,
            sold_on: p.sold_on,
            total: p.total,
            voided: p.voided_at.is_some(),
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM claim WHERE code >= ?1 AND code < ?1 || '~' ORDER BY code LIMIT 5",
    )?;
    let claims: Vec<i64> =
        stmt.query_map([&upper], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in claims {
        hits.claims.push(super::claim::get(conn, id, today)?.summary);
    }
    Ok(hits)
}
