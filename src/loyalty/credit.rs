//! Store credit as a ledger: given on a return or by hand, spent at a sale, reversed with a void.
//! The balance is the sum of `credit_entry`; no entry is ever changed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::ledger::{live_customer, net_of_sale, read_adjust, AdjustDraft};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, Result};

pub fn balance(conn: &Connection, customer_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(amount), 0) FROM credit_entry WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))?)
}

/// One movement: `kind`, signed `amount`, the sale or return it comes from, the reason.
#[allow(clippy::too_many_arguments)]
fn write(
    tx: &Connection,
    customer_id: i64,
    kind: &str,
    amount: i64,
    (purchase_id, return_id): (Option<i64>, Option<i64>),
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO credit_entry(customer_id, kind, amount, purchase_id, return_id, reason,
            staff, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        customer_id,
        kind,
        amount,
        purchase_id,
        return_id,
        reason,
        staff,
        stamp(now)
    ])?;
    Ok(())
}

/// Credit added or taken by hand, with a reason; taking more than held is refused.
pub fn adjust(
    db: &mut Db,
    customer_id: i64,
    d: &AdjustDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let (delta, reason) = read_adjust(d, true)?;
    db.write(|tx| {
        live_customer(tx, customer_id)?;
        if delta < 0 && balance(tx, customer_id)? + delta < 0 {
            return Err(Error::invalid("amount", "credit_over_balance"));
        }
        write(tx, customer_id, "manual", delta, (None, None), &reason, staff, now)?;
        let detail = serde_json::json!({ "amount": delta, "reason": reason });
        crate::audit::record(tx, now, staff, "adjust_credit", "customer", customer_id, detail)
    })
}

/// Credit spent at a sale (checked by the settlement first).
pub(crate) fn spend(
    tx: &Connection,
    customer_id: i64,
    purchase_id: i64,
    amount: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    write(tx, customer_id, "spend", -amount, (Some(purchase_id), None), "", staff, now)
}

/// A voided sale gives back the credit spent on it.
pub(crate) fn reverse_purchase(
    tx: &Connection,
    purchase_id: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let rows = net_of_sale(tx, "credit_entry", "amount", purchase_id)?;
    for (customer_id, net) in rows {
        write(tx, customer_id, "reverse", -net, (Some(purchase_id), None), "void", staff, now)?;
    }
    Ok(())
}
