//! Vouchers: codes the shop creates or the care rules give (a first purchase's thank-you, a
//! birthday), checked and redeemed at a sale, each use recorded in `voucher_use`. A use is
//! given back by a reversal row, never by deleting the use: uses = redemptions − reversals.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::stamp;
use crate::error::{Error, Result};

/// A code that takes `discount` đồng off this sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub voucher_id: i64,
    pub discount: i64,
}

/// A voucher as `quote` reads it.
struct Terms {
    id: i64,
    kind: String,
    value: i64,
    min_spend: i64,
    cap: Option<i64>,
    expires_on: Option<NaiveDate>,
    max_uses: Option<i64>,
    customer_id: Option<i64>,
    archived: bool,
    uses: i64,
}

/// Uses of voucher `v.id` not given back, as SQL.
pub(crate) const USES: &str = "(SELECT count(*) FILTER (WHERE u.kind = 'redeem')
    - count(*) FILTER (WHERE u.kind = 'reverse') FROM voucher_use u WHERE u.voucher_id = v.id)";

fn terms(conn: &Connection, code: &str) -> Result<Option<Terms>> {
    let sql = format!(
        "SELECT v.id, v.kind, v.value, v.min_spend, v.max_discount, v.expires_on, v.max_uses,
            v.customer_id, v.archived_at IS NOT NULL, {USES}
         FROM voucher v WHERE v.code = ?1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([code.trim()], |r| {
            Ok(Terms {
                id: r.get(0)?,
                kind: r.get(1)?,
                value: r.get(2)?,
                min_spend: r.get(3)?,
                cap: r.get(4)?,
                expires_on: r.get(5)?,
                max_uses: r.get(6)?,
                customer_id: r.get(7)?,
                archived: r.get(8)?,
                uses: r.get(9)?,
            })
        })
        .optional()?)
}

/// What a voucher takes off `amount`: a percentage rounded down to the đồng and held to its
/// cap, an amount as it is; never more than `amount`.
pub fn discount_of(kind: &str, value: i64, cap: Option<i64>, amount: i64) -> i64 {
    let off = if kind == "percent" {
        let pct = amount.saturating_mul(value) / 100;
        cap.map_or(pct, |c| pct.min(c))
    } else {
        value
    };
    off.clamp(0, amount.max(0))
}

/// What `code` takes off `amount` for this customer today; a field error on `voucher` when it
/// cannot be used (unknown, expired, used up, someone else's, under its minimum spend).
pub fn quote(
    conn: &Connection,
    code: &str,
    customer_id: Option<i64>,
    amount: i64,
    today: NaiveDate,
) -> Result<Quote> {
    let refuse = |code: &str| Err(Error::invalid("voucher", code));
    let Some(t) = terms(conn, code)? else {
        return refuse("voucher_unknown");
    };
    if t.archived {
        return refuse("voucher_archived");
    }
    if t.expires_on.is_some_and(|d| d < today) {
        return refuse("voucher_expired");
    }
    if t.max_uses.is_some_and(|m| t.uses >= m) {
        return refuse("voucher_used_up");
    }
    if t.customer_id.is_some() && t.customer_id != customer_id {
        return refuse("voucher_not_yours");
    }
    if amount < t.min_spend {
        return refuse("voucher_under_min_spend");
    }
    Ok(Quote { voucher_id: t.id, discount: discount_of(&t.kind, t.value, t.cap, amount) })
}

/// Records the use of a quoted voucher on `purchase_id` (inside the sale's transaction).
pub fn redeem(
    tx: &Connection,
    q: &Quote,
    purchase_id: i64,
    customer_id: Option<i64>,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO voucher_use(voucher_id, purchase_id, customer_id, kind, amount, staff, at)
         VALUES (?1, ?2, ?3, 'redeem', ?4, ?5, ?6)",
    )?
    .execute(params![
        q.voucher_id,
        purchase_id,
        customer_id,
        q.discount,
        staff,
        stamp(now)
    ])?;
    Ok(())
}

/// A voided sale gives its voucher use back.
pub fn reverse_purchase(
    tx: &Connection,
    purchase_id: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    // Each use on the sale not given back yet, once: a second void finds nothing to reverse.
    tx.prepare_cached(
        "INSERT INTO voucher_use(voucher_id, purchase_id, customer_id, kind, amount, staff, at)
         SELECT u.voucher_id, u.purchase_id, u.customer_id, 'reverse', -u.amount, ?2, ?3
         FROM voucher_use u WHERE u.purchase_id = ?1 AND u.kind = 'redeem'
            AND (SELECT count(*) FROM voucher_use r WHERE r.purchase_id = u.purchase_id
                    AND r.voucher_id = u.voucher_id AND r.kind = 'reverse')
                < (SELECT count(*) FROM voucher_use e WHERE e.purchase_id = u.purchase_id
                    AND e.voucher_id = u.voucher_id AND e.kind = 'redeem' AND e.id <= u.id)",
    )?
    .execute(params![purchase_id, staff, stamp(now)])?;
    Ok(())
}
