//! Points as a ledger: earned on a sale, redeemed at one, adjusted by hand, expired, reversed
//! with a void or a return. The balance is the sum of `point_entry`; no entry is ever changed.
//!
//! Expiry rule: earned points are lots, each with the day it lapses; every point that leaves
//! (redeemed, taken back, adjusted down, expired) is taken from the lot that lapses first (first
//! in, first out). On a lot's day, only what is left of it unspent lapses, so points already
//! redeemed are never expired a second time. Points given back by a void are a new lot.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::ledger::{live_customer, net_of_sale, read_adjust, AdjustDraft};
use super::rules::{self, PointsRules};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, Result};

pub fn balance(conn: &Connection, customer_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(points), 0) FROM point_entry WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))?)
}

/// One movement, as written.
pub(crate) struct Entry<'a> {
    pub customer_id: i64,
    pub kind: &'a str,
    pub points: i64,
    pub purchase_id: Option<i64>,
    pub return_id: Option<i64>,
    pub reason: &'a str,
    pub expires_on: Option<NaiveDate>,
}

pub(crate) fn write(tx: &Connection, e: &Entry, staff: &str, now: DateTime<Utc>) -> Result<()> {
    if e.points == 0 {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO point_entry(customer_id, kind, points, purchase_id, return_id, reason, staff,
            at, expires_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        e.customer_id,
        e.kind,
        e.points,
        e.purchase_id,
        e.return_id,
        e.reason,
        staff,
        stamp(now),
        e.expires_on
    ])?;
    Ok(())
}

/// A lot gained today: it lapses as the rules say.
fn gained(
    tx: &Connection,
    r: &PointsRules,
    e: Entry,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let expires_on = if e.points > 0 { r.lapse_day(local_date(now)) } else { None };
    write(tx, &Entry { expires_on, ..e }, staff, now)
}

/// Points earned on a sale (inside its transaction).
pub(crate) fn earn(
    tx: &Connection,
    customer_id: i64,
    purchase_id: i64,
    points: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let r = rules::get(tx)?;
    let e = Entry {
        customer_id,
        kind: "earn",
        points,
        purchase_id: Some(purchase_id),
        return_id: None,
        reason: "",
        expires_on: None,
    };
    gained(tx, &r, e, staff, now)
}

/// Points redeemed at a sale (checked by the settlement first).
pub(crate) fn redeem(
    tx: &Connection,
    customer_id: i64,
    purchase_id: i64,
    points: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let e = Entry {
        customer_id,
        kind: "redeem",
        points: -points,
        purchase_id: Some(purchase_id),
        return_id: None,
        reason: "",
        expires_on: None,
    };
    write(tx, &e, staff, now)
}

/// Points added or taken by hand, with a reason; taking more than held is refused.
pub fn adjust(
    db: &mut Db,
    customer_id: i64,
    d: &AdjustDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let (delta, reason) = read_adjust(d, false)?;
    db.write(|tx| {
        live_customer(tx, customer_id)?;
        if delta < 0 && available(tx, customer_id, local_date(now))? + delta < 0 {
            return Err(Error::invalid("amount", "points_over_balance"));
        }
        let r = rules::get(tx)?;
        let e = Entry {
            customer_id,
            kind: "adjust",
            points: delta,
            purchase_id: None,
            return_id: None,
            reason: &reason,
            expires_on: None,
        };
        gained(tx, &r, e, staff, now)?;
        let detail = serde_json::json!({ "points": delta, "reason": reason });
        crate::audit::record(tx, now, staff, "adjust_points", "customer", customer_id, detail)
    })
}

/// A voided sale: what it earned is taken back and what it redeemed given back, in one entry
/// (whatever a return already took back is not taken twice).
pub(crate) fn reverse_purchase(
    tx: &Connection,
    purchase_id: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let rows = net_of_sale(tx, "point_entry", "points", purchase_id)?;
    let r = rules::get(tx)?;
    for (customer_id, net) in rows {
        let e = Entry {
            customer_id,
            kind: "reverse",
            points: -net,
            purchase_id: Some(purchase_id),
            return_id: None,
            reason: "void",
            expires_on: None,
        };
        gained(tx, &r, e, staff, now)?;
    }
    Ok(())
}

/// A return takes back the points its sale earned in proportion to the value refunded so far
/// (refund and store credit) against what the sale came to; rounded down, so that returning
/// everything takes back exactly what was earned.
pub(crate) fn reverse_return(
    tx: &Connection,
    return_id: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let (purchase_id, customer_id): (i64, Option<i64>) = tx.query_row(
        "SELECT l.purchase_id, p.customer_id FROM return_case r
         JOIN purchase_line l ON l.id = r.line_id JOIN purchase p ON p.id = l.purchase_id
         WHERE r.id = ?1",
        [return_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some(customer_id) = customer_id else { return Ok(()) };
    let (earned, taken, to_pay, refunded): (i64, i64, i64, i64) = tx.query_row(
        "SELECT
           (SELECT coalesce(sum(points), 0) FROM point_entry
             WHERE purchase_id = ?1 AND kind = 'earn'),
           (SELECT coalesce(-sum(points), 0) FROM point_entry
             WHERE purchase_id = ?1 AND kind = 'reverse' AND return_id IS NOT NULL),
           (SELECT coalesce(max(to_pay), 0) FROM purchase_tender WHERE purchase_id = ?1),
           (SELECT coalesce(sum(r.refund_amount + r.credit_amount), 0) FROM return_case r
             JOIN purchase_line l ON l.id = r.line_id WHERE l.purchase_id = ?1)",
        [purchase_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if earned <= 0 || to_pay <= 0 {
        return Ok(());
    }
    let due = (i128::from(earned) * i128::from(refunded.min(to_pay)) / i128::from(to_pay)) as i64;
    let e = Entry {
        customer_id,
        kind: "reverse",
        points: -(due - taken).max(0),
        purchase_id: Some(purchase_id),
        return_id: Some(return_id),
        reason: "return",
        expires_on: None,
    };
    write(tx, &e, staff, now)
}

/// Of a customer's points, those lapsed by `today` and not yet spent or expired: every point
/// gone is taken from the lots that lapse first.
pub fn lapsing(conn: &Connection, customer_id: i64, today: NaiveDate) -> Result<i64> {
    let (lapsed, gone): (i64, i64) = conn
        .prepare_cached(
            "SELECT
               coalesce(sum(CASE WHEN points > 0 AND expires_on <= ?2 THEN points END), 0),
               coalesce(-sum(CASE WHEN points < 0 THEN points END), 0)
             FROM point_entry WHERE customer_id = ?1",
        )?
        .query_row(params![customer_id, today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((lapsed - gone).max(0))
}

/// The points a customer may use today: the balance less what has lapsed (the nightly pass may
/// not have written its `expire` entry yet).
pub fn available(conn: &Connection, customer_id: i64, today: NaiveDate) -> Result<i64> {
    Ok(balance(conn, customer_id)? - lapsing(conn, customer_id, today)?)
}

/// Writes the `expire` entry for a customer's lapsed, unspent points; whether there was one.
pub(crate) fn expire_customer(
    tx: &Connection,
    customer_id: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool> {
    let left = lapsing(tx, customer_id, today)?;
    if left <= 0 {
        return Ok(false);
    }
    let e = Entry {
        customer_id,
        kind: "expire",
        points: -left,
        purchase_id: None,
        return_id: None,
        reason: "",
        expires_on: None,
    };
    write(tx, &e, crate::audit::SYSTEM, now)?;
    Ok(true)
}

/// Where the previous nightly pass stopped: the shop day it ran and the last ledger entry it
/// had seen; `None` before the first pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Since {
    pub day: NaiveDate,
    pub entry: i64,
}

/// Every customer with a lot lapsed by `today` that the previous pass (`since`) could not have
/// handled: lapsing after its day, or written after it (a lot synced in late from another store
/// may carry an older day); the number of `expire` entries written. Lots handled before hold no
/// unspent points any more, and `expire_customer` takes only what is left, so a customer found
/// twice is never expired twice.
pub(crate) fn expire_all(
    tx: &Connection,
    since: Option<Since>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize> {
    // The partial index `point_entry_lapse` holds exactly the lots lapsing in a span; the lots
    // written since are a range of ids (NOT INDEXED keeps that range, not the index's span).
    let ids: Vec<i64> = match since {
        None => tx
            .prepare_cached(
                "SELECT DISTINCT customer_id FROM point_entry
                 WHERE expires_on IS NOT NULL AND points > 0 AND expires_on <= ?1",
            )?
            .query_map([today], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        Some(s) => tx
            .prepare_cached(
                "SELECT customer_id FROM point_entry
                 WHERE expires_on IS NOT NULL AND points > 0 AND expires_on <= ?1
                   AND expires_on > ?2
                 UNION
                 SELECT customer_id FROM point_entry NOT INDEXED
                 WHERE id > ?3 AND expires_on IS NOT NULL AND points > 0 AND expires_on <= ?1",
            )?
            .query_map(params![today, s.day, s.entry], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    let mut n = 0;
    for id in ids {
        n += usize::from(expire_customer(tx, id, today, now)?);
    }
    Ok(n)
}
