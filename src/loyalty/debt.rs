//! What customers owe ("ghi nợ"): a sale left partly unpaid, payments recorded later (cash,
//! transfer), each with who and when; the balance is the ledger's sum. Payments pay the oldest
//! sale's debt first (`care::plan::debts::unpaid_sql`), so the due date shown is the oldest
//! unpaid sale's.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, params, Connection, OptionalExtension};

use crate::care::plan::debts::unpaid_sql;
use crate::clock::stamp;
use crate::error::{Error, Result};

/// A customer's open debt: what they owe now and the earliest day part of it falls due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Owed {
    pub amount: i64,
    pub due_on: Option<NaiveDate>,
}

pub fn owed(conn: &Connection, customer_id: i64) -> Result<Owed> {
    let amount: i64 = conn
        .prepare_cached("SELECT coalesce(sum(amount), 0) FROM debt_entry WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))?;
    if amount <= 0 {
        return Ok(Owed { amount, due_on: None });
    }
    let sql = format!("SELECT min(due_on) FROM ({})", unpaid_sql(" AND d.customer_id = :cid"));
    let due_on = conn
        .prepare_cached(&sql)?
        .query_row(named_params! { ":cid": customer_id }, |r| r.get(0))?;
    Ok(Owed { amount, due_on })
}

/// The most this customer may owe: their own limit, else the shop's default (0 = no credit).
pub fn limit_of(conn: &Connection, customer_id: i64) -> Result<i64> {
    let own: Option<i64> = conn
        .prepare_cached("SELECT amount FROM debt_limit WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?;
    match own {
        Some(v) => Ok(v),
        None => Ok(super::debt_settings::get(conn)?.default_limit),
    }
}

/// Refuses leaving `amount` more owing for this customer: no customer, or over their limit (a
/// field error on `paid`).
pub fn check_limit(conn: &Connection, customer_id: Option<i64>, amount: i64) -> Result<()> {
    if amount <= 0 {
        return Ok(());
    }
    let Some(id) = customer_id else {
        return Err(Error::invalid("paid", "debt_needs_customer"));
    };
    let limit = limit_of(conn, id)?;
    if limit == 0 {
        return Err(Error::invalid("paid", "debt_not_allowed"));
    }
    if owed(conn, id)?.amount.saturating_add(amount) > limit {
        return Err(Error::invalid("paid", "debt_over_limit"));
    }
    Ok(())
}

/// Records `amount` left owing on `purchase_id`, due on `due_on` (inside the sale's transaction).
pub fn open_at_sale(
    tx: &Connection,
    customer_id: i64,
    purchase_id: i64,
    amount: i64,
    due_on: NaiveDate,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if amount <= 0 {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO debt_entry(customer_id, kind, amount, purchase_id, due_on, staff, at)
         VALUES (?1, 'sale', ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![customer_id, amount, purchase_id, due_on, staff, stamp(now)])?;
    Ok(())
}

/// A voided sale cancels what was left owing on it (payments already made stay recorded).
pub fn reverse_purchase(
    tx: &Connection,
    purchase_id: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let customer: Option<i64> = tx
        .prepare_cached(
            "SELECT customer_id FROM debt_entry WHERE purchase_id = ?1 AND kind = 'sale' LIMIT 1",
        )?
        .query_row([purchase_id], |r| r.get(0))
        .optional()?;
    let Some(customer) = customer else {
        return Ok(());
    };
    let sql =
        format!("SELECT left FROM ({}) WHERE pid = :pid", unpaid_sql(" AND d.customer_id = :cid"));
    let left: Option<i64> = tx
        .prepare_cached(&sql)?
        .query_row(named_params! { ":cid": customer, ":pid": purchase_id }, |r| r.get(0))
        .optional()?;
    if let Some(left) = left.filter(|l| *l > 0) {
        tx.prepare_cached(
            "INSERT INTO debt_entry(customer_id, kind, amount, purchase_id, staff, at)
             VALUES (?1, 'reverse', ?2, ?3, ?4, ?5)",
        )?
        .execute(params![customer, -left, purchase_id, staff, stamp(now)])?;
        crate::care::plan::after_write(tx, &[Some(customer)], now)?;
    }
    Ok(())
}
