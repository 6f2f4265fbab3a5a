//! One customer's debt on the card: what they owe, when it falls due, their limit, every
//! entry; a payment taken at the counter and the limit set by who may sell on credit.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DebtEntryView {
    #[ts(type = "number")]
    pub id: i64,
    /// `sale`, `payment`, `reverse`, `opening`.
    pub kind: String,
    /// Owed more (+) or less (−).
    #[ts(type = "number")]
    pub amount: i64,
    #[ts(type = "number | null")]
    pub purchase_id: Option<i64>,
    pub receipt_no: Option<String>,
    pub method: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub note: String,
    pub staff: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DebtAccount {
    #[ts(type = "number")]
    pub customer_id: i64,
    #[ts(type = "number")]
    pub owed: i64,
    /// The oldest unpaid part falls due on this day.
    pub due_on: Option<NaiveDate>,
    /// Days past that day (0 when not yet due).
    #[ts(type = "number")]
    pub days_overdue: i64,
    /// The customer's own limit, if set.
    #[ts(type = "number | null")]
    pub own_limit: Option<i64>,
    /// The limit that applies (own, else the shop's default; 0 = no credit).
    #[ts(type = "number")]
    pub limit: i64,
    /// Newest first.
    pub entries: Vec<DebtEntryView>,
}

/// A payment as typed at the counter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PaymentDraft {
    pub amount: String,
    /// `cash`, `transfer` or `card`; empty = cash.
    pub method: String,
    pub note: String,
}

pub fn account(conn: &Connection, customer_id: i64, today: NaiveDate) -> Result<DebtAccount> {
    let owed = super::debt::owed(conn, customer_id)?;
    let own_limit: Option<i64> = rusqlite::OptionalExtension::optional(
        conn.prepare_cached("SELECT amount FROM debt_limit WHERE customer_id = ?1")?
            .query_row([customer_id], |r| r.get(0)),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.kind, d.amount, d.purchase_id, p.receipt_no, d.method, d.due_on, d.note,
            d.staff, d.at
         FROM debt_entry d LEFT JOIN purchase p ON p.id = d.purchase_id
         WHERE d.customer_id = ?1 ORDER BY d.at DESC, d.id DESC",
    )?;
    let entries = stmt
        .query_map([customer_id], |r| {
            Ok(DebtEntryView {
                id: r.get(0)?,
                kind: r.get(1)?,
                amount: r.get(2)?,
                purchase_id: r.get(3)?,
                receipt_no: r.get(4)?,
                method: r.get(5)?,
                due_on: r.get(6)?,
                note: r.get(7)?,
                staff: r.get(8)?,
                at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(DebtAccount {
        customer_id,
        owed: owed.amount,
        due_on: owed.due_on,
        days_overdue: owed.due_on.map_or(0, |d| (today - d).num_days().max(0)),
        own_limit,
        limit: super::debt::limit_of(conn, customer_id)?,
        entries,
    })
}

/// A payment: any staff may take money. More than is owed is refused; it pays the oldest
/// sale's debt first, and the reminders of what it cleared go at the re-plan.
pub fn record_payment(
    db: &mut Db,
    customer_id: i64,
    p: &PaymentDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<DebtAccount> {
    db.write(|tx| {
        crate::customer::ensure_live(tx, customer_id, crate::customer::Change::Status)?;
        let mut errors = Vec::new();
        let amount = crate::sales::amount(&p.amount, "amount", &mut errors);
        let method = match p.method.trim() {
            "" => "cash",
            m @ ("cash" | "transfer" | "card") => m,
            _ => {
                errors.push(FieldError::new("method", "method_invalid"));
                "cash"
            }
        };
        let note =
            crate::text::limit::limit_in("note", &p.note, crate::text::limit::NOTE, &mut errors);
        if errors.is_empty() {
            let owed = super::debt::owed(tx, customer_id)?.amount;
            if amount == 0 {
                errors.push(FieldError::new("amount", "out_of_range"));
            } else if amount > owed {
                errors.push(FieldError::new("amount", "payment_exceeds_owed"));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        tx.execute(
            "INSERT INTO debt_entry(customer_id, kind, amount, method, note, staff, at)
             VALUES (?1, 'payment', ?2, ?3, ?4, ?5, ?6)",
            params![customer_id, -amount, method, note, staff, stamp(now)],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::record(
            tx,
            now,
            staff,
            "payment",
            "debt_entry",
            id,
            serde_json::json!({ "customer_id": customer_id, "amount": amount, "method": method }),
        )?;
        crate::care::plan::after_write(tx, &[Some(customer_id)], now)?;
        Ok(())
    })?;
    account(db.conn(), customer_id, local_date(now))
}

/// Sets a customer's own limit (`None`: back to the shop's default).
pub fn set_limit(
    db: &mut Db,
    customer_id: i64,
    limit: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<DebtAccount> {
    db.write(|tx| {
        crate::customer::ensure_live(tx, customer_id, crate::customer::Change::Edit)?;
        let amount = if limit.trim().is_empty() {
            None
        } else {
            let mut errors = Vec::new();
            let v = crate::sales::amount(limit, "limit", &mut errors);
            if !errors.is_empty() {
                return Err(Error::Validation(errors));
            }
            Some(v)
        };
        match amount {
            Some(v) => tx.execute(
                "INSERT INTO debt_limit(customer_id, amount, set_by, set_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(customer_id) DO UPDATE SET amount = excluded.amount,
                    set_by = excluded.set_by, set_at = excluded.set_at",
                params![customer_id, v, staff, stamp(now)],
            )?,
            None => tx.execute("DELETE FROM debt_limit WHERE customer_id = ?1", [customer_id])?,
        };
        crate::audit::record(
            tx,
            now,
            staff,
            "set_limit",
            "debt_limit",
            customer_id,
            serde_json::json!({ "amount": amount }),
        )
    })?;
    account(db.conn(), customer_id, local_date(now))
}
