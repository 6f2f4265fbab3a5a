//! The owner's loyalty figures for a period (the report screen's loyalty section), each a plain
//! sum over the ledgers:
//! - points issued: earned on sales and added by hand, less what voids and returns took back
//!   (a reversal that takes points away); redeemed: spent at sales, less what voids gave back;
//!   expired: lapsed. Opening balances from an import are not issued in any period: they are in
//!   what is outstanding;
//! - points outstanding: every customer's balance now, and what it is worth in đồng at the
//!   value of a point (the shop's liability);
//! - vouchers issued: created in the period; redeemed: uses at sales in it, less reversals;
//!   redemption rate: of the vouchers issued in the period, the share used at least once since;
//! - store credit outstanding: every customer's credit now;
//! - debt outstanding by age (`report_debt`).

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

pub use super::report_debt::{AgeBucket, DebtAge};
use crate::clock::day_start;
use crate::error::Result;

/// A point's worth when the owner has set none (the points rules' default).
pub const DEFAULT_POINT_VALUE: i64 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LoyaltyReport {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    #[ts(type = "number")]
    pub points_issued: i64,
    #[ts(type = "number")]
    pub points_redeemed: i64,
    #[ts(type = "number")]
    pub points_expired: i64,
    #[ts(type = "number")]
    pub points_outstanding: i64,
    /// Đồng per point.
    #[ts(type = "number")]
    pub point_value: i64,
    /// Outstanding points × their value.
    #[ts(type = "number")]
    pub points_liability: i64,
    #[ts(type = "number")]
    pub vouchers_issued: i64,
    #[ts(type = "number")]
    pub vouchers_redeemed: i64,
    /// Đồng taken off sales by vouchers in the period.
    #[ts(type = "number")]
    pub voucher_discount: i64,
    /// Percent, one decimal; `None` when no voucher was issued.
    pub redemption_rate: Option<f64>,
    #[ts(type = "number")]
    pub store_credit_outstanding: i64,
    /// Not due, 1–30, 31–60, 61–90, over 90 days overdue, in that order.
    pub debt: Vec<DebtAge>,
    #[ts(type = "number")]
    pub debt_total: i64,
}

/// The report for the days `from`..=`to`; balances and ages as of `today`.
pub fn of_period(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<LoyaltyReport> {
    let (start, end) = (day_start(from), day_start(to + Duration::days(1)));
    let (issued, redeemed, expired): (i64, i64, i64) = conn
        .prepare_cached(
            "SELECT
                coalesce(sum(CASE WHEN kind IN ('earn', 'adjust')
                    OR (kind = 'reverse' AND points < 0) THEN points END), 0),
                -coalesce(sum(CASE WHEN kind = 'redeem'
                    OR (kind = 'reverse' AND points > 0) THEN points END), 0),
                -coalesce(sum(CASE WHEN kind = 'expire' THEN points END), 0)
             FROM point_entry WHERE at >= ?1 AND at < ?2 AND import_batch IS NULL",
        )?
        .query_row(params![start, end], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let outstanding: i64 =
        conn.query_row("SELECT coalesce(sum(points), 0) FROM point_entry", [], |r| r.get(0))?;
    let point_value = point_value(conn)?;
    let (v_issued, v_used): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM voucher_use u
                WHERE u.voucher_id = v.id GROUP BY u.voucher_id
                HAVING sum(CASE u.kind WHEN 'redeem' THEN 1 ELSE -1 END) > 0)), 0)
             FROM voucher v WHERE v.created_at >= ?1 AND v.created_at < ?2",
        )?
        .query_row(params![start, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (v_redeemed, v_discount): (i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(CASE kind WHEN 'redeem' THEN 1 ELSE -1 END), 0),
                coalesce(sum(CASE kind WHEN 'redeem' THEN amount ELSE -abs(amount) END), 0)
             FROM voucher_use WHERE at >= ?1 AND at < ?2",
        )?
        .query_row(params![start, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let credit: i64 =
        conn.query_row("SELECT coalesce(sum(amount), 0) FROM credit_entry", [], |r| r.get(0))?;
    let debt = super::report_debt::by_age(conn, today)?;
    Ok(LoyaltyReport {
        from,
        to,
        points_issued: issued,
        points_redeemed: redeemed,
        points_expired: expired,
        points_outstanding: outstanding,
        point_value,
        points_liability: outstanding.saturating_mul(point_value),
        vouchers_issued: v_issued,
        vouchers_redeemed: v_redeemed,
        voucher_discount: v_discount,
        redemption_rate: (v_issued > 0)
            .then(|| (1000.0 * v_used as f64 / v_issued as f64).round() / 10.0),
        store_credit_outstanding: credit,
        debt_total: debt.iter().map(|d| d.amount).sum(),
        debt,
    })
}

/// What a point is worth when redeemed, as the owner's points rules say.
pub fn point_value(conn: &Connection) -> Result<i64> {
    Ok(super::rules::get(conn)?.point_value)
}
