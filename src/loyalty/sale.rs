//! A sale and how it is paid: the purchase (`sales::purchase`) and its settlement in one
//! transaction — tier discount, voucher, points, store credit, then paid now or left owing. A
//! void or a return goes through here too, so what the sale moved in the ledgers is reversed in
//! the same transaction and the customer re-ranked.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::rules::{self, PointsRules};
use super::settle::{settle, Goods, Settlement, Who};
use super::{credit, debt, points, tier, voucher};
use crate::clock::local_date;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::sales::purchase::{self, PurchaseDraft, PurchaseView};
use crate::sales::returns::{self, ReturnDraft, ReturnView};
use crate::staff::Permission;

/// Records a sale with its tender. `may_owe`: the staff may leave part of it unpaid.
pub fn create(
    db: &mut Db,
    d: &PurchaseDraft,
    staff: &str,
    may_owe: bool,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    let id = db.write(|tx| {
        let id = purchase::create_in(tx, d, staff, now)?;
        let customer_id: Option<i64> =
            tx.query_row("SELECT customer_id FROM purchase WHERE id = ?1", [id], |r| r.get(0))?;
        if let Some(c) = customer_id {
            // Points lapsed before today's sale cannot pay for it.
            points::expire_customer(tx, c, local_date(now), now)?;
        }
        let rules = rules::get(tx)?;
        let who = Who { customer_id, today: local_date(now) };
        let s = settle(tx, &d.tender, &who, &goods_of(tx, id, &rules)?, &rules)?;
        if !s.errors.is_empty() {
            return Err(Error::Validation(s.errors));
        }
        if s.owed > 0 && !may_owe {
            return Err(Error::Forbidden(Permission::SellOnCredit.code()));
        }
        write_tender(tx, id, customer_id, &s, staff, now)?;
        crate::care::plan::after_write(tx, &[customer_id], now)?;
        Ok(id)
    })?;
    purchase::get(db.conn(), id, local_date(now))
}

/// What the draft would come to and how it would be paid, writing nothing: the form's live
/// total. Lines that do not read yet count for nothing.
pub fn preview(conn: &Connection, d: &PurchaseDraft, now: DateTime<Utc>) -> Result<Settlement> {
    let rules = rules::get(conn)?;
    let mut goods = Vec::new();
    for l in d.lines.iter().take(purchase::MAX_LINES) {
        let row: Option<(i64, String)> = conn
            .prepare_cached("SELECT price, category FROM product WHERE id = ?1")?
            .query_row([l.product_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok();
        let Some((price, category)) = row else { continue };
        let price = if l.unit_price.trim().is_empty() {
            Some(price)
        } else {
            crate::text::money::parse_vnd(&l.unit_price)
        };
        let discount = crate::text::money::parse_vnd(&l.discount).unwrap_or(0);
        let quantity = l.quantity.clamp(0, purchase::MAX_QUANTITY);
        if let Some(price) = price {
            let amount = price.saturating_mul(quantity).saturating_sub(discount).max(0);
            goods.push(Goods { amount, earns: !excluded(&rules, &category) });
        }
    }
    let who = Who { customer_id: d.customer_id, today: local_date(now) };
    settle(conn, &d.tender, &who, &goods, &rules)
}

fn excluded(rules: &PointsRules, category: &str) -> bool {
    let folded = crate::text::fold(category.trim());
    rules.excluded_categories.iter().any(|c| crate::text::fold(c.trim()) == folded)
}

/// The sale's lines as written, each with whether its product's category earns points.
fn goods_of(tx: &Connection, purchase_id: i64, rules: &PointsRules) -> Result<Vec<Goods>> {
    let mut stmt = tx.prepare_cached(
        "SELECT l.unit_price * l.quantity - l.discount, coalesce(p.category, '')
         FROM purchase_line l LEFT JOIN product p ON p.id = l.product_id
         WHERE l.purchase_id = ?1",
    )?;
    let rows =
        stmt.query_map([purchase_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut goods = Vec::new();
    for row in rows {
        let (amount, category) = row?;
        goods.push(Goods { amount, earns: !excluded(rules, &category) });
    }
    Ok(goods)
}

/// Writes what the settlement moves: the voucher's use, points and credit spent, the debt, the
/// points earned, the tender itself, the customer's new rank; one audit row.
fn write_tender(
    tx: &Connection,
    id: i64,
    customer_id: Option<i64>,
    s: &Settlement,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(voucher_id) = s.voucher_id {
        let q = voucher::Quote { voucher_id, discount: s.voucher_discount };
        voucher::redeem(tx, &q, id, customer_id, staff, now)?;
    }
    let mut earned = 0;
    if let Some(c) = customer_id {
        points::redeem(tx, c, id, s.points_used, staff, now)?;
        credit::spend(tx, c, id, s.credit_used, staff, now)?;
        if let (true, Some(due_on)) = (s.owed > 0, s.due_on) {
            debt::open_at_sale(tx, c, id, s.owed, due_on, staff, now)?;
        }
        points::earn(tx, c, id, s.points_earned, staff, now)?;
        earned = s.points_earned;
    }
    tx.prepare_cached(
        "INSERT INTO purchase_tender(purchase_id, tier_id, tier_discount, voucher_id,
            voucher_discount, points_used, points_value, credit_used, to_pay, paid, owed, due_on,
            method, points_earned)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        id,
        s.tier_id,
        s.tier_discount,
        s.voucher_id,
        s.voucher_discount,
        s.points_used,
        s.points_value,
        s.credit_used,
        s.to_pay,
        s.paid,
        s.owed,
        s.due_on,
        s.method,
        earned
    ])?;
    if let Some(c) = customer_id {
        tier::rank(tx, c, now)?;
    }
    let detail = serde_json::json!({
        "to_pay": s.to_pay, "points_used": s.points_used, "credit_used": s.credit_used,
        "voucher_id": s.voucher_id, "owed": s.owed, "points_earned": earned,
    });
    crate::audit::record(tx, now, staff, "settle", "purchase", id, detail)
}

/// Voids a sale and reverses, in the same transaction, what it moved: points earned taken back
/// and redeemed given back, credit spent given back, the voucher's use and the debt cancelled.
pub fn void(
    db: &mut Db,
    id: i64,
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    db.write(|tx| {
        let customer_id = purchase::void_in(tx, id, reason, staff, now)?;
        points::reverse_purchase(tx, id, staff, now)?;
        credit::reverse_purchase(tx, id, staff, now)?;
        voucher::reverse_purchase(tx, id, staff, now)?;
        debt::reverse_purchase(tx, id, staff, now)?;
        if let Some(c) = customer_id {
            tier::rank(tx, c, now)?;
        }
        Ok(())
    })?;
    purchase::get(db.conn(), id, local_date(now))
}

/// Records a return (approved by `approved_by` when it departs from the policy): the store
/// credit it gives enters the ledger (`returns::record_tx`), points its sale earned are taken
/// back in proportion, the customer is re-ranked, all in the return's transaction.
pub fn record_return(
    db: &mut Db,
    d: &ReturnDraft,
    staff: &str,
    may_override: bool,
    approved_by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ReturnView> {
    let id = db.write(|tx| {
        let id = returns::record_tx(tx, d, staff, may_override, approved_by, now)?;
        points::reverse_return(tx, id, staff, now)?;
        let customer_id: Option<i64> =
            tx.query_row("SELECT customer_id FROM return_case WHERE id = ?1", [id], |r| r.get(0))?;
        if let Some(c) = customer_id {
            tier::rank(tx, c, now)?;
        }
        Ok(id)
    })?;
    returns::get(db.conn(), id)
}
