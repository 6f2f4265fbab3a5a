//! Balances an import brings from the old system (points, total spent, debt), written as
//! opening entries of the ledgers, dated at the import and marked with it: undoing the import
//! takes them back (removed with a customer it created, reversed for one it updated).
//!
//! The total spent goes to `opening_spend`, not to a sale: it counts in her lifetime value but
//! not in the 12 months that rank tiers, since the old system does not say when it was spent.

use rusqlite::types::Value;
use rusqlite::{params, Connection};

use super::mapping::{Field, Mapping};
use crate::db::rows::Rows;
use crate::error::{FieldError, Result};
use crate::text::money::parse_vnd;

/// One row's balances; `None` where the file says nothing (an empty cell or no such column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balances {
    pub points: Option<i64>,
    pub spent: Option<i64>,
    pub debt: Option<i64>,
}

/// The row's balances, or the field errors of the cells that are not amounts. A debt may be
/// negative (the shop owes her: she paid ahead); points and spend may not.
pub fn balances(
    mapping: &Mapping,
    cells: &[String],
) -> std::result::Result<Balances, Vec<FieldError>> {
    let mut b = Balances::default();
    let mut errors = Vec::new();
    for (field, cell) in mapping.columns.iter().zip(cells) {
        let cell = cell.trim();
        let (slot, name, signed) = match field {
            Some(Field::Points) => (&mut b.points, "points", false),
            Some(Field::TotalSpent) => (&mut b.spent, "total_spent", false),
            Some(Field::Debt) => (&mut b.debt, "debt", true),
            _ => continue,
        };
        if cell.is_empty() || cell == "-" {
            continue;
        }
        match amount(cell, signed) {
            Some(v) => *slot = Some(v),
            None => errors.push(FieldError::new(name, "not_a_number")),
        }
    }
    if errors.is_empty() {
        Ok(b)
    } else {
        Err(errors)
    }
}

/// `1.200`, `15.400.000`, `-250.000` (a spreadsheet's numbers may carry a `.0`).
fn amount(cell: &str, signed: bool) -> Option<i64> {
    let cell = cell.strip_suffix(".0").unwrap_or(cell);
    match cell.strip_prefix('-') {
        Some(rest) if signed => parse_vnd(rest).map(|v| -v),
        Some(_) => None,
        None => parse_vnd(cell),
    }
}

/// Opening entries waiting to be written after the customers they belong to.
pub struct Openings {
    points: Rows,
    debt: Rows,
    spend: Rows,
}

impl Openings {
    pub fn new() -> Openings {
        Openings {
            points: Rows::new(
                "INSERT INTO point_entry(customer_id, kind, points, staff, at, import_batch)",
                6,
            ),
            debt: Rows::new(
                "INSERT INTO debt_entry(customer_id, kind, amount, due_on, staff, at, import_batch)",
                7,
            ),
            spend: Rows::new(
                "INSERT INTO opening_spend(customer_id, amount, staff, at, import_batch)",
                5,
            ),
        }
    }

    /// The opening entries of `customer`, for each ledger she has none in yet: importing the
    /// same file again never counts a balance twice. The old system's debt is due at the
    /// import (`today`): it says for how long it has been owed, not until when.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        conn: &Connection,
        customer: i64,
        new: bool,
        b: &Balances,
        batch: i64,
        staff: &str,
        at: &str,
        today: &str,
    ) -> Result<()> {
        let (id, batch_v) = (Value::Integer(customer), Value::Integer(batch));
        let (staff, at) = (Value::Text(staff.to_owned()), Value::Text(at.to_owned()));
        if let Some(p) = b.points.filter(|p| *p != 0) {
            if new || !has_opening(conn, "point_entry", "kind = 'opening' AND", customer)? {
                let (kind, p) = (Value::Text("opening".into()), Value::Integer(p));
                self.points.push([id.clone(), kind, p, staff.clone(), at.clone(), batch_v.clone()]);
            }
        }
        if let Some(d) = b.debt.filter(|d| *d != 0) {
            if new || !has_opening(conn, "debt_entry", "kind = 'opening' AND", customer)? {
                let (kind, d) = (Value::Text("opening".into()), Value::Integer(d));
                let due = Value::Text(today.to_owned());
                self.debt.push([
                    id.clone(),
                    kind,
                    d,
                    due,
                    staff.clone(),
                    at.clone(),
                    batch_v.clone(),
                ]);
            }
        }
        if let Some(s) = b.spent.filter(|s| *s != 0) {
            if new || !has_opening(conn, "opening_spend", "", customer)? {
                self.spend.push([id, Value::Integer(s), staff, at, batch_v]);
            }
        }
        Ok(())
    }

    pub fn write(mut self, tx: &Connection) -> Result<()> {
        self.points.write(tx, true)?;
        self.debt.write(tx, true)?;
        self.spend.write(tx, true)
    }
}

/// Whether the row brings `customer` a balance she has no opening entry for yet: a row that
/// changes none of her details still has something to import.
pub fn brings(conn: &Connection, customer: i64, b: &Balances) -> Result<bool> {
    let lacks = |amount: Option<i64>, table: &str, kind: &str| -> Result<bool> {
        Ok(amount.is_some_and(|a| a != 0) && !has_opening(conn, table, kind, customer)?)
    };
    Ok(lacks(b.points, "point_entry", "kind = 'opening' AND")?
        || lacks(b.debt, "debt_entry", "kind = 'opening' AND")?
        || lacks(b.spent, "opening_spend", "")?)
}

/// An opening entry of hers from an import still in force (not undone).
fn has_opening(conn: &Connection, table: &str, kind: &str, customer: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} e JOIN import_batch b ON b.id = e.import_batch
             WHERE {kind} e.customer_id = ?1 AND b.undone_at IS NULL)"
        ))?
        .query_row([customer], |r| r.get(0))?)
}

/// Undoing `batch`: the opening entries of customers it created go with them; those of
/// customers it updated are reversed by new entries (a ledger is never edited, and the opening
/// may already be at other stores).
pub fn undo(tx: &Connection, batch: i64, staff: &str, at: &str) -> Result<()> {
    for table in ["point_entry", "debt_entry", "opening_spend"] {
        tx.execute(
            &format!(
                "DELETE FROM {table} WHERE import_batch = ?1 AND customer_id IN
                 (SELECT customer_id FROM import_change WHERE batch_id = ?1 AND before IS NULL)"
            ),
            [batch],
        )?;
    }
    tx.execute(
        "INSERT INTO point_entry(customer_id, kind, points, staff, at, import_batch)
         SELECT customer_id, 'reverse', -points, ?2, ?3, ?1 FROM point_entry
         WHERE import_batch = ?1 AND kind = 'opening'",
        params![batch, staff, at],
    )?;
    tx.execute(
        "INSERT INTO debt_entry(customer_id, kind, amount, staff, at, import_batch)
         SELECT customer_id, 'reverse', -amount, ?2, ?3, ?1 FROM debt_entry
         WHERE import_batch = ?1 AND kind = 'opening'",
        params![batch, staff, at],
    )?;
    tx.execute(
        "INSERT INTO opening_spend(customer_id, amount, staff, at, import_batch)
         SELECT customer_id, -amount, ?2, ?3, ?1 FROM opening_spend
         WHERE import_batch = ?1 AND amount > 0",
        params![batch, staff, at],
    )?;
    // Her tier is derived: a customer about to be removed leaves no ranking behind.
    tx.execute(
        "DELETE FROM customer_tier WHERE customer_id IN
         (SELECT customer_id FROM import_change WHERE batch_id = ?1 AND before IS NULL)",
        [batch],
    )?;
    Ok(())
}

/// Loyalty records of a customer the import created that the import did not write: undoing
/// would lose them (SQL over `c`, the customer, and `ic`, her import change).
pub const USED_SINCE: &str = "EXISTS (SELECT 1 FROM point_entry x WHERE x.customer_id = c.id
        AND x.import_batch IS NOT ic.batch_id)
    OR EXISTS (SELECT 1 FROM debt_entry x WHERE x.customer_id = c.id
        AND x.import_batch IS NOT ic.batch_id)
    OR EXISTS (SELECT 1 FROM credit_entry x WHERE x.customer_id = c.id)
    OR EXISTS (SELECT 1 FROM voucher x WHERE x.customer_id = c.id)
    OR EXISTS (SELECT 1 FROM debt_limit x WHERE x.customer_id = c.id)";
