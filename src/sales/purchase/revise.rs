//! Changing a sale after the fact: an edit or a void, each keeping the purchase as it was in
//! `purchase_revision`.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::create::{total, write_lines};
use super::validate::{sold_at, validate, validate_header};
use super::view::{get, in_ledgers, locked, settled};
use super::{Header, PurchaseDraft, PurchaseView, Valid};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, Result};

fn revise(
    conn: &Connection,
    before: &PurchaseView,
    action: &str,
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let snapshot = serde_json::to_string(before).map_err(|e| Error::Io(e.into()))?;
    conn.execute(
        "INSERT INTO purchase_revision(purchase_id, at, staff, action, reason, before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![before.id, stamp(now), staff, action, reason, snapshot],
    )?;
    crate::audit::record(conn, now, staff, action, "purchase", before.id, serde_json::json!({}))
}

/// Replaces a purchase's details. Once a claim or a return refers to it, its lines are fixed
/// (`purchase_locked`); the buyer, date and note can still be corrected.
pub fn update(
    db: &mut Db,
    id: i64,
    d: &PurchaseDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    let today = local_date(now);
    db.write(|tx| {
        let before = get(tx, id, today)?;
        if before.voided_at.is_some() {
            return Err(Error::PurchaseVoided(id));
        }
        let is_locked = locked(tx, id)? || settled(tx, id)?;
        if is_locked && !same_lines(&before, d) {
            return Err(Error::PurchaseLocked(id));
        }
        if d.customer_id != before.customer_id && in_ledgers(tx, id)? {
            return Err(Error::invalid("customer_id", "buyer_has_loyalty"));
        }
        let v = if is_locked {
            let mut errors = Vec::new();
            validate_header(tx, d, Some(id), now, &mut errors)?;
            if !errors.is_empty() {
                return Err(Error::Validation(errors));
            }
            None
        } else {
            Some(validate(tx, d, Some(id), now)?)
        };
        revise(tx, &before, "edit", "", staff, now)?;
        let receipt = d.receipt_no.trim().to_uppercase();
        let receipt = if receipt.is_empty() { before.receipt_no.clone() } else { receipt };
        // An empty or unchanged date keeps the recorded time (validation read empty as "now").
        let same_day = crate::text::date::parse_date(&d.sold_on) == Some(before.sold_on);
        let sold = if d.sold_on.trim().is_empty() || same_day {
            DateTime::parse_from_rfc3339(&before.sold_at).map_or(now, |t| t.with_timezone(&Utc))
        } else {
            sold_at(&d.sold_on, now, &mut Vec::new())
        };
        tx.execute(
            "UPDATE purchase SET receipt_no = ?2, sold_at = ?3, customer_id = ?4, note = ?5,
                updated_at = ?6 WHERE id = ?1",
            params![id, receipt, stamp(sold), d.customer_id, d.note.trim(), stamp(now)],
        )?;
        match v {
            Some(v) => {
                let v = Valid { header: Header { sold_at: sold, ..v.header }, ..v };
                tx.execute(
                    "DELETE FROM unit WHERE line_id IN (SELECT id FROM purchase_line WHERE purchase_id = ?1)",
                    [id],
                )?;
                tx.execute("DELETE FROM purchase_line WHERE purchase_id = ?1", [id])?;
                write_lines(tx, id, &v, now)?;
                tx.execute("UPDATE purchase SET total = ?2 WHERE id = ?1", params![id, total(&v)])?;
            }
            None => {
                tx.execute(
                    "UPDATE unit SET customer_id = ?2 WHERE line_id IN
                        (SELECT id FROM purchase_line WHERE purchase_id = ?1)",
                    params![id, d.customer_id],
                )?;
            }
        }
        crate::care::plan::after_write(tx, &[before.customer_id, d.customer_id], now)
    })?;
    get(db.conn(), id, today)
}

fn same_lines(before: &PurchaseView, d: &PurchaseDraft) -> bool {
    before.lines.len() == d.lines.len()
        && before.lines.iter().zip(&d.lines).all(|(b, l)| {
            let price = crate::text::money::parse_vnd(&l.unit_price);
            let discount = crate::text::money::parse_vnd(&l.discount).unwrap_or(0);
            b.product_id == l.product_id
                && b.quantity == l.quantity
                && price.is_none_or(|p| p == b.unit_price)
                && discount == b.discount
        })
}

/// Voids a purchase with a reason: its units leave the customer's coverage. Refused once a
/// claim or a return refers to it.
pub fn void(
    db: &mut Db,
    id: i64,
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    db.write(|tx| void_in(tx, id, reason, staff, now).map(|_| ()))?;
    get(db.conn(), id, local_date(now))
}

/// [`void`] inside the caller's transaction (loyalty reverses the sale's tender in the same
/// one); the sale's customer.
pub(crate) fn void_in(
    tx: &Connection,
    id: i64,
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let today = local_date(now);
    let reason = crate::text::limit("reason", reason, crate::text::limit::REASON)?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", "reason_required"));
    }
    let before = get(tx, id, today)?;
    if before.voided_at.is_some() {
        return Err(Error::PurchaseVoided(id));
    }
    if locked(tx, id)? {
        return Err(Error::PurchaseLocked(id));
    }
    revise(tx, &before, "void", &reason, staff, now)?;
    tx.execute(
        "UPDATE purchase SET voided_at = ?2, void_reason = ?3, updated_at = ?2 WHERE id = ?1",
        params![id, stamp(now), reason],
    )?;
    tx.execute(
        "UPDATE unit SET status = 'voided', updated_at = ?2
         WHERE line_id IN (SELECT id FROM purchase_line WHERE purchase_id = ?1)",
        params![id, stamp(now)],
    )?;
    crate::care::plan::after_write(tx, &[before.customer_id], now)?;
    Ok(before.customer_id)
}
