//! A customer's points and store-credit movements, newest first, for the card's history list.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LedgerLine {
    /// `points` or `credit`.
    pub ledger: String,
    /// The entry's kind (`earn`, `redeem`, `adjust`, `expire`, `reverse`, `opening`, `return`,
    /// `manual`, `spend`).
    pub kind: String,
    /// Signed: points, or đồng of credit.
    #[ts(type = "number")]
    pub amount: i64,
    pub receipt_no: Option<String>,
    pub reason: String,
    pub staff: String,
    pub at: String,
    pub expires_on: Option<String>,
}

pub const MAX_LINES: usize = 200;

pub fn of_customer(conn: &Connection, customer_id: i64) -> Result<Vec<LedgerLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'points', e.kind, e.points, p.receipt_no, e.reason, e.staff, e.at, e.expires_on, e.id
           FROM point_entry e LEFT JOIN purchase p ON p.id = e.purchase_id
          WHERE e.customer_id = ?1
         UNION ALL
         SELECT 'credit', e.kind, e.amount, p.receipt_no, e.reason, e.staff, e.at, NULL, e.id
           FROM credit_entry e LEFT JOIN purchase p ON p.id = e.purchase_id
          WHERE e.customer_id = ?1
         ORDER BY 7 DESC, 9 DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![customer_id, MAX_LINES as i64], |r| {
        Ok(LedgerLine {
            ledger: r.get(0)?,
            kind: r.get(1)?,
            amount: r.get(2)?,
            receipt_no: r.get(3)?,
            reason: r.get(4)?,
            staff: r.get(5)?,
            at: r.get(6)?,
            expires_on: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
