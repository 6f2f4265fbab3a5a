//! The vouchers screen: every voucher with its uses and status, and who redeemed it when.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::voucher::USES;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoucherStatus {
    Active,
    Expired,
    UsedUp,
    Archived,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VoucherView {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    /// `amount` or `percent`.
    pub kind: String,
    #[ts(type = "number")]
    pub value: i64,
    #[ts(type = "number")]
    pub min_spend: i64,
    #[ts(type = "number | null")]
    pub max_discount: Option<i64>,
    pub expires_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub max_uses: Option<i64>,
    /// Uses not given back.
    #[ts(type = "number")]
    pub uses: i64,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    /// `manual`, `thank_you`, `birthday`, `tier`, `import`.
    pub origin: String,
    pub note: String,
    pub created_by: String,
    pub created_at: String,
    pub status: VoucherStatus,
}

/// One redemption or its reversal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VoucherUse {
    #[ts(type = "number")]
    pub purchase_id: i64,
    pub receipt_no: String,
    /// `redeem` or `reverse`.
    pub kind: String,
    #[ts(type = "number")]
    pub amount: i64,
    pub staff: String,
    pub at: String,
}

/// Newest first; the most the screen lists.
pub const MAX_LISTED: i64 = 500;

fn status(
    archived: bool,
    expires_on: Option<NaiveDate>,
    max_uses: Option<i64>,
    uses: i64,
    today: NaiveDate,
) -> VoucherStatus {
    if archived {
        VoucherStatus::Archived
    } else if expires_on.is_some_and(|d| d < today) {
        VoucherStatus::Expired
    } else if max_uses.is_some_and(|m| uses >= m) {
        VoucherStatus::UsedUp
    } else {
        VoucherStatus::Active
    }
}

fn view(r: &Row, today: NaiveDate) -> rusqlite::Result<VoucherView> {
    let expires_on: Option<NaiveDate> = r.get(6)?;
    let max_uses: Option<i64> = r.get(7)?;
    let uses: i64 = r.get(8)?;
    let archived: bool = r.get(15)?;
    Ok(VoucherView {
        id: r.get(0)?,
        code: r.get(1)?,
        kind: r.get(2)?,
        value: r.get(3)?,
        min_spend: r.get(4)?,
        max_discount: r.get(5)?,
        expires_on,
        max_uses,
        uses,
        customer_id: r.get(9)?,
        customer_name: r.get(10)?,
        origin: r.get(11)?,
        note: r.get(12)?,
        created_by: r.get(13)?,
        created_at: r.get(14)?,
        status: status(archived, expires_on, max_uses, uses, today),
    })
}

fn select(filter: &str) -> String {
    format!(
        "SELECT v.id, v.code, v.kind, v.value, v.min_spend, v.max_discount, v.expires_on,
            v.max_uses, {USES}, v.customer_id, c.full_name, v.origin, v.note, v.created_by,
            v.created_at, v.archived_at IS NOT NULL
         FROM voucher v LEFT JOIN customer c ON c.id = v.customer_id
         WHERE {filter} ORDER BY v.id DESC LIMIT {MAX_LISTED}"
    )
}

/// Every voucher, newest first; `customer_id`: only that customer's personal ones.
pub fn list(
    conn: &Connection,
    customer_id: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<VoucherView>> {
    let sql = select("(?1 IS NULL OR v.customer_id = ?1)");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![customer_id], |r| view(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<VoucherView> {
    let sql = select("v.id = ?1");
    let found = conn.prepare_cached(&sql)?.query_row([id], |r| view(r, today));
    match found {
        Err(rusqlite::Error::QueryReturnedNoRows) => {
            Err(crate::error::Error::NotFound { what: "voucher", id })
        }
        other => Ok(other?),
    }
}

/// Each redemption of a voucher and each given back, newest first.
pub fn uses(conn: &Connection, id: i64) -> Result<Vec<VoucherUse>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.purchase_id, p.receipt_no, u.kind, u.amount, u.staff, u.at
         FROM voucher_use u JOIN purchase p ON p.id = u.purchase_id
         WHERE u.voucher_id = ?1 ORDER BY u.id DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(VoucherUse {
            purchase_id: r.get(0)?,
            receipt_no: r.get(1)?,
            kind: r.get(2)?,
            amount: r.get(3)?,
            staff: r.get(4)?,
            at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
