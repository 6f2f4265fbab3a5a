//! Member tiers by spend over a rolling 12 months (Thành viên, Bạc, Vàng, Kim cương by default).
//! Spend = what non-voided sales in the window came to (after tier discount and voucher) less
//! what returns in the window gave back (refund and store credit). `customer_tier` caches each
//! customer's rank: re-ranked in the transaction of every sale, void and return, and for
//! everyone by the nightly pass, so old sales leaving the window bring a customer down.

use std::collections::HashMap;

use chrono::{DateTime, Days, Months, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{day_start, local_date, stamp};
use crate::error::Result;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Tier {
    /// `None`: a tier being added.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub name: String,
    /// Spend over 12 months from which a customer holds this tier.
    #[ts(type = "number")]
    pub min_spend: i64,
    #[ts(type = "number")]
    pub discount_pct: i64,
    /// The value of the voucher given on the customer's birthday.
    #[ts(type = "number")]
    pub birthday_voucher: i64,
}

/// Every tier, lowest first.
pub fn list(conn: &Connection) -> Result<Vec<Tier>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name, min_spend, discount_pct, birthday_voucher FROM member_tier
             ORDER BY position",
        )?
        .query_map([], |r| {
            Ok(Tier {
                id: r.get(0)?,
                name: r.get(1)?,
                min_spend: r.get(2)?,
                discount_pct: r.get(3)?,
                birthday_voucher: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The tier `spend` reaches: the highest whose threshold it meets (the lowest otherwise).
pub(crate) fn reached(tiers: &[Tier], spend: i64) -> Option<&Tier> {
    tiers.iter().rev().find(|t| t.min_spend <= spend).or(tiers.first())
}

/// The first instant inside the rolling 12 months that end today.
pub(crate) fn window_start(now: DateTime<Utc>) -> String {
    let today = local_date(now);
    let start = today.checked_sub_months(Months::new(12)).unwrap_or(today) + Days::new(1);
    day_start(start)
}

pub fn spend_12m(conn: &Connection, customer_id: i64, now: DateTime<Utc>) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT
               (SELECT coalesce(sum(coalesce(t.to_pay, p.total)), 0) FROM purchase p
                  LEFT JOIN purchase_tender t ON t.purchase_id = p.id
                 WHERE p.customer_id = ?1 AND p.voided_at IS NULL AND p.sold_at >= ?2)
             - (SELECT coalesce(sum(refund_amount + credit_amount), 0) FROM return_case
                 WHERE customer_id = ?1 AND created_at >= ?2)",
        )?
        .query_row(params![customer_id, window_start(now)], |r| r.get(0))?)
}

/// The customer's tier as last ranked, with its spend and since when; `None` if never ranked.
pub fn current(conn: &Connection, customer_id: i64) -> Result<Option<(Tier, i64, String)>> {
    let row: Option<(i64, i64, String)> = conn
        .prepare_cached(
            "SELECT tier_id, spend_12m, since FROM customer_tier WHERE customer_id = ?1",
        )?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((tier_id, spend, since)) = row else { return Ok(None) };
    Ok(list(conn)?.into_iter().find(|t| t.id == Some(tier_id)).map(|t| (t, spend, since)))
}

/// Writes the customer's rank for `spend`; whether their tier changed (a first ranking in the
/// lowest tier, `lowest`, is no change).
fn store(
    tx: &Connection,
    customer_id: i64,
    (tier_id, lowest): (i64, Option<i64>),
    spend: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let old: Option<i64> = tx
        .prepare_cached("SELECT tier_id FROM customer_tier WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?;
    tx.prepare_cached(
        "INSERT INTO customer_tier(customer_id, tier_id, spend_12m, since, ranked_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT(customer_id) DO UPDATE SET
           since = CASE WHEN tier_id = excluded.tier_id THEN since ELSE excluded.since END,
           tier_id = excluded.tier_id, spend_12m = excluded.spend_12m,
           ranked_at = excluded.ranked_at",
    )?
    .execute(params![customer_id, tier_id, spend, stamp(now)])?;
    Ok(old.map_or(lowest != Some(tier_id), |o| o != tier_id))
}

/// Re-ranks one customer (inside the caller's transaction); whether their tier changed.
pub fn rank(tx: &Connection, customer_id: i64, now: DateTime<Utc>) -> Result<bool> {
    let tiers = list(tx)?;
    let spend = spend_12m(tx, customer_id, now)?;
    match reached(&tiers, spend).and_then(|t| t.id) {
        Some(tier_id) => {
            let lowest = tiers.first().and_then(|t| t.id);
            store(tx, customer_id, (tier_id, lowest), spend, now)
        }
        None => Ok(false),
    }
}

/// Re-ranks every customer who spent in the window or holds a rank; the tiers changed. One
/// grouped read of the window's live sales (covered by `purchase_live_sold`, which holds the
/// total) and one of the held ranks; only a rank whose tier or spend moved is written.
pub(crate) fn rank_all(tx: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let tiers = list(tx)?;
    let lowest = tiers.first().and_then(|t| t.id);
    let mut spend: HashMap<i64, i64> = HashMap::new();
    let mut stmt = tx.prepare(
        "SELECT customer_id, sum(v) FROM (
           SELECT p.customer_id, coalesce(t.to_pay, p.total) AS v FROM purchase p
             LEFT JOIN purchase_tender t ON t.purchase_id = p.id
            WHERE p.customer_id IS NOT NULL AND p.voided_at IS NULL AND p.sold_at >= ?1
           UNION ALL
           SELECT customer_id, -(refund_amount + credit_amount) FROM return_case
            WHERE customer_id IS NOT NULL AND created_at >= ?1)
         GROUP BY customer_id",
    )?;
    for row in stmt.query_map([window_start(now)], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (c, s) = row?;
        spend.insert(c, s);
    }
    let mut held: HashMap<i64, (i64, i64)> = HashMap::new();
    let mut stmt = tx.prepare("SELECT customer_id, tier_id, spend_12m FROM customer_tier")?;
    for row in stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))? {
        let (c, h) = row?;
        held.insert(c, h);
    }
    let mut ids: Vec<i64> = spend.keys().chain(held.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut changed = 0;
    for id in ids {
        let s = spend.get(&id).copied().unwrap_or(0);
        let Some(tier_id) = reached(&tiers, s).and_then(|t| t.id) else { continue };
        if held.get(&id) == Some(&(tier_id, s)) {
            continue;
        }
        changed += usize::from(store(tx, id, (tier_id, lowest), s, now)?);
    }
    Ok(changed)
}
