//! Store credit as a ledger: given on a return or by hand, spent at a sale, reversed with a void.

use rusqlite::Connection;

use crate::error::Result;

pub fn balance(conn: &Connection, customer_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(amount), 0) FROM credit_entry WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))?)
}
