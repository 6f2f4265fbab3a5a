//! Points as a ledger: earned on a sale, redeemed at one, adjusted by hand, expired, reversed
//! with a void or a return. The balance is the sum of `point_entry`.

use rusqlite::Connection;

use crate::error::Result;

pub fn balance(conn: &Connection, customer_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(points), 0) FROM point_entry WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))?)
}
