//! A customer's loyalty at a glance, for the card and the sale form.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LoyaltySummary {
    #[ts(type = "number")]
    pub points: i64,
    #[ts(type = "number")]
    pub store_credit: i64,
    #[ts(type = "number")]
    pub owed: i64,
    pub owed_due_on: Option<NaiveDate>,
}

pub fn of_customer(
    conn: &Connection,
    customer_id: i64,
    today: NaiveDate,
) -> Result<LoyaltySummary> {
    let _ = today;
    let owed = super::debt::owed(conn, customer_id)?;
    Ok(LoyaltySummary {
        points: super::points::balance(conn, customer_id)?,
        store_credit: super::credit::balance(conn, customer_id)?,
        owed: owed.amount,
        owed_due_on: owed.due_on,
    })
}
