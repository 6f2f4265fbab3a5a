//! Reading purchases: one with its lines, units and revisions, or a customer's list.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{LineView, PurchaseView, Revision};
use crate::error::{Error, Result};
use crate::sales::policy;
use crate::sales::unit;
use crate::sales::SerialConflict;

/// Whether anything after the sale (a claim, a return) hangs on this purchase's lines.
pub(super) fn locked(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claim c JOIN unit u ON u.id = c.unit_id
                JOIN purchase_line l ON l.id = u.line_id WHERE l.purchase_id = ?1)
             OR EXISTS (SELECT 1 FROM return_case r JOIN purchase_line l ON l.id = r.line_id
                WHERE l.purchase_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// Paid with a discount, points, a voucher, credit or a debt: those were reckoned on its lines,
/// so a different sale is a void (which reverses them) and a new one.
pub(super) fn settled(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM purchase_tender t WHERE t.purchase_id = ?1
                AND (t.tier_discount > 0 OR t.voucher_discount > 0 OR t.points_used > 0
                     OR t.credit_used > 0 OR t.owed > 0))",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// The sale moved a customer's points, store credit, debt or a voucher: those are hers, so the
/// sale cannot change buyer (a void reverses them; a new sale gives them to the right one).
pub(super) fn in_ledgers(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM point_entry WHERE purchase_id = ?1)
                 OR EXISTS (SELECT 1 FROM credit_entry WHERE purchase_id = ?1)
                 OR EXISTS (SELECT 1 FROM debt_entry WHERE purchase_id = ?1)
                 OR EXISTS (SELECT 1 FROM voucher_use WHERE purchase_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<PurchaseView> {
    let head = conn
        .prepare_cached(
            "SELECT p.receipt_no, p.sold_at, date(p.sold_at, '+7 hours'), p.customer_id, c.full_name,
                c.address_as, c.call_name, p.staff, p.total, p.note, p.voided_at, p.void_reason
             FROM purchase p LEFT JOIN customer c ON c.id = p.customer_id WHERE p.id = ?1",
        )?
        .query_row([id], |r| {
            let greeting = crate::customer::stored_greeting(r.get(5)?, r.get(6)?);
            Ok(PurchaseView {
                id,
                receipt_no: r.get(0)?,
                sold_at: r.get(1)?,
                sold_on: r.get(2)?,
                customer_id: r.get(3)?,
                customer_name: r.get(4)?,
                customer_greeting: greeting,
                staff: r.get(7)?,
                total: r.get(8)?,
                note: r.get(9)?,
                voided_at: r.get(10)?,
                void_reason: r.get(11)?,
                lines: vec![],
                units: vec![],
                revisions: vec![],
                lines_locked: false,
            })
        })
        .optional()?;
    let mut p = head.ok_or(Error::NotFound { what: "purchase", id })?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.product_id, l.product_name, l.quantity, l.unit_price, l.discount,
            l.warranty_months, l.exchange_days, l.policy,
            (SELECT coalesce(sum(quantity), 0) FROM return_case r WHERE r.line_id = l.id
                AND r.outcome <> 'refused' AND r.outcome <> 'repair')
         FROM purchase_line l WHERE l.purchase_id = ?1 ORDER BY l.position",
    )?;
    p.lines = stmt
        .query_map([id], |r| {
            let quantity: i64 = r.get(3)?;
            let unit_price: i64 = r.get(4)?;
            let discount: i64 = r.get(5)?;
            let policy: String = r.get(8)?;
            Ok(LineView {
                id: r.get(0)?,
                product_id: r.get(1)?,
                product_name: r.get(2)?,
                quantity,
                unit_price,
                discount,
                line_total: unit_price * quantity - discount,
                warranty_months: r.get(6)?,
                exchange_days: r.get(7)?,
                policy: policy::from_json(&policy)?,
                returned_quantity: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    p.units = unit::query(
        conn,
        "WHERE u.line_id IN (SELECT id FROM purchase_line WHERE purchase_id = ?2) ORDER BY u.id",
        &[&id],
        today,
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT at, staff, action, reason FROM purchase_revision WHERE purchase_id = ?1 ORDER BY id",
    )?;
    p.revisions = stmt
        .query_map([id], |r| {
            Ok(Revision { at: r.get(0)?, staff: r.get(1)?, action: r.get(2)?, reason: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    p.lines_locked = locked(conn, id)? || settled(conn, id)?;
    Ok(p)
}

/// A customer's purchases, newest first.
pub fn for_customer(
    conn: &Connection,
    customer_id: i64,
    limit: usize,
) -> Result<Vec<PurchaseSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.receipt_no, date(p.sold_at, '+7 hours'), p.total, p.voided_at IS NOT NULL,
            (SELECT group_concat(product_name, ', ') FROM purchase_line WHERE purchase_id = p.id)
         FROM purchase p WHERE p.customer_id = ?1 ORDER BY p.sold_at DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![customer_id, limit as i64], |r| {
        Ok(PurchaseSummary {
            id: r.get(0)?,
            receipt_no: r.get(1)?,
            sold_on: r.get(2)?,
            total: r.get(3)?,
            voided: r.get(4)?,
            products: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PurchaseSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub receipt_no: String,
    pub sold_on: NaiveDate,
    #[ts(type = "number")]
    pub total: i64,
    pub voided: bool,
    pub products: String,
}

pub(crate) fn conflict_of(
    conn: &Connection,
    unit_id: i64,
    serial: &str,
) -> rusqlite::Result<SerialConflict> {
    conn.prepare_cached(
        "SELECT p.id, p.receipt_no, date(p.sold_at, '+7 hours'), c.full_name, l.product_name
         FROM unit u JOIN purchase_line l ON l.id = u.line_id JOIN purchase p ON p.id = l.purchase_id
         LEFT JOIN customer c ON c.id = u.customer_id WHERE u.id = ?1",
    )?
    .query_row([unit_id], |r| {
        Ok(SerialConflict {
            serial: serial.to_owned(),
            unit_id,
            purchase_id: r.get(0)?,
            receipt_no: r.get(1)?,
            sold_on: r.get(2)?,
            customer_name: r.get(3)?,
            product_name: r.get(4)?,
        })
    })
}
