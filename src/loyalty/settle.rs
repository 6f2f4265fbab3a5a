//! How a sale is paid, worked out before anything is written: goods total → tier discount →
//! voucher → points → store credit → paid now, the rest owing. The same reckoning serves the
//! form's live total (`preview`) and the sale itself (`create`), so the two never disagree.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::rules::PointsRules;
use super::{credit, debt, points, tier, voucher};
use crate::error::{Error, FieldError, Result};
use crate::sales::purchase::TenderDraft;

/// What a sale comes to and how it is paid; `errors` name the tender fields that do not add
/// up (a sale with any is refused).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Settlement {
    #[ts(type = "number")]
    pub goods_total: i64,
    pub tier_name: Option<String>,
    #[ts(type = "number | null")]
    pub tier_id: Option<i64>,
    /// The tier's percentage, offered whether or not it is taken.
    #[ts(type = "number")]
    pub tier_pct: i64,
    #[ts(type = "number")]
    pub tier_discount: i64,
    #[ts(type = "number | null")]
    pub voucher_id: Option<i64>,
    #[ts(type = "number")]
    pub voucher_discount: i64,
    /// After the tier discount and the voucher: what the sale comes to.
    #[ts(type = "number")]
    pub to_pay: i64,
    /// Points the customer may use today, and the rules' value and minimum.
    #[ts(type = "number")]
    pub points_held: i64,
    #[ts(type = "number")]
    pub point_value: i64,
    #[ts(type = "number")]
    pub min_balance: i64,
    #[ts(type = "number")]
    pub points_used: i64,
    #[ts(type = "number")]
    pub points_value: i64,
    #[ts(type = "number")]
    pub credit_held: i64,
    #[ts(type = "number")]
    pub credit_used: i64,
    /// Left to pay in money once points and credit are taken off.
    #[ts(type = "number")]
    pub due: i64,
    #[ts(type = "number")]
    pub paid: i64,
    /// Handed back when the customer gave more than is due.
    #[ts(type = "number")]
    pub change: i64,
    #[ts(type = "number")]
    pub owed: i64,
    pub due_on: Option<NaiveDate>,
    pub method: String,
    #[ts(type = "number")]
    pub points_earned: i64,
    pub errors: Vec<FieldError>,
}

/// A line of the sale: what it comes to, and whether its category earns points.
pub(crate) struct Goods {
    pub amount: i64,
    pub earns: bool,
}

/// The customer and the day the reckoning is for.
pub(crate) struct Who {
    pub customer_id: Option<i64>,
    pub today: NaiveDate,
}

pub(crate) fn settle(
    conn: &Connection,
    t: &TenderDraft,
    who: &Who,
    goods: &[Goods],
    rules: &PointsRules,
) -> Result<Settlement> {
    let mut s = Settlement {
        goods_total: goods.iter().map(|g| g.amount).sum(),
        point_value: rules.point_value,
        min_balance: rules.min_balance,
        ..Settlement::default()
    };
    let mut errors = Vec::new();
    take_tier(conn, t, who, &mut s)?;
    take_voucher(conn, t, who, &mut s, &mut errors)?;
    take_points(conn, t, who, rules, &mut s, &mut errors)?;
    take_credit(conn, t, who, &mut s, &mut errors)?;
    take_payment(conn, t, who, &mut s, &mut errors)?;
    let earning: i64 = goods.iter().filter(|g| g.earns).map(|g| g.amount).sum();
    if who.customer_id.is_some() && s.goods_total > 0 {
        let money = s.due.max(0);
        let base = i128::from(money) * i128::from(earning) / i128::from(s.goods_total);
        s.points_earned = rules.earned_on(i64::try_from(base).unwrap_or(0));
    }
    s.errors = errors;
    Ok(s)
}

fn take_tier(conn: &Connection, t: &TenderDraft, who: &Who, s: &mut Settlement) -> Result<()> {
    if let Some(c) = who.customer_id {
        // Never ranked yet: the lowest tier.
        let held = match tier::current(conn, c)? {
            Some((held, _, _)) => Some(held),
            None => tier::list(conn)?.into_iter().next(),
        };
        if let Some(held) = held {
            s.tier_name = Some(held.name);
            s.tier_id = held.id;
            s.tier_pct = held.discount_pct;
        }
    }
    if t.tier_discount && s.tier_pct > 0 {
        s.tier_discount = s.goods_total.max(0) * s.tier_pct / 100;
    }
    s.to_pay = s.goods_total - s.tier_discount;
    Ok(())
}

fn take_voucher(
    conn: &Connection,
    t: &TenderDraft,
    who: &Who,
    s: &mut Settlement,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    let code = t.voucher.trim();
    if code.is_empty() {
        return Ok(());
    }
    match voucher::quote(conn, code, who.customer_id, s.to_pay, who.today) {
        Ok(q) => {
            s.voucher_id = Some(q.voucher_id);
            s.voucher_discount = q.discount.clamp(0, s.to_pay.max(0));
            s.to_pay -= s.voucher_discount;
        }
        Err(Error::Validation(errs)) => errors.extend(errs),
        Err(e) => return Err(e),
    }
    Ok(())
}

fn take_points(
    conn: &Connection,
    t: &TenderDraft,
    who: &Who,
    rules: &PointsRules,
    s: &mut Settlement,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    if let Some(c) = who.customer_id {
        s.points_held = points::available(conn, c, who.today)?;
    }
    if t.points.trim().is_empty() {
        return Ok(());
    }
    let Some(n) = super::ledger::count(&t.points) else {
        errors.push(FieldError::new("points", "amount_invalid"));
        return Ok(());
    };
    let value = n.saturating_mul(rules.point_value);
    let code = if n == 0 {
        return Ok(());
    } else if who.customer_id.is_none() {
        "needs_customer"
    } else if !rules.enabled {
        "points_disabled"
    } else if n > s.points_held {
        "points_over_balance"
    } else if s.points_held < rules.min_balance {
        "points_under_minimum"
    } else if value > s.to_pay {
        "points_over_total"
    } else {
        s.points_used = n;
        s.points_value = value;
        return Ok(());
    };
    errors.push(FieldError::new("points", code));
    Ok(())
}

fn take_credit(
    conn: &Connection,
    t: &TenderDraft,
    who: &Who,
    s: &mut Settlement,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    if let Some(c) = who.customer_id {
        s.credit_held = credit::balance(conn, c)?;
    }
    let left = s.to_pay - s.points_value;
    if t.credit.trim().is_empty() {
        return Ok(());
    }
    let mut errs = Vec::new();
    let amount = crate::sales::amount(&t.credit, "credit", &mut errs);
    let code = if !errs.is_empty() {
        errors.extend(errs);
        return Ok(());
    } else if amount == 0 {
        return Ok(());
    } else if who.customer_id.is_none() {
        "needs_customer"
    } else if amount > s.credit_held {
        "credit_over_balance"
    } else if amount > left {
        "credit_over_total"
    } else {
        s.credit_used = amount;
        return Ok(());
    };
    errors.push(FieldError::new("credit", code));
    Ok(())
}

fn take_payment(
    conn: &Connection,
    t: &TenderDraft,
    who: &Who,
    s: &mut Settlement,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    s.due = (s.to_pay - s.points_value - s.credit_used).max(0);
    s.method = match t.method.trim() {
        "" => "cash".to_owned(),
        m @ ("cash" | "transfer" | "card") => m.to_owned(),
        _ => {
            errors.push(FieldError::new("method", "method_invalid"));
            "cash".to_owned()
        }
    };
    let given = if t.paid.trim().is_empty() {
        s.due
    } else {
        let mut errs = Vec::new();
        let v = crate::sales::amount(&t.paid, "paid", &mut errs);
        if !errs.is_empty() {
            errors.extend(errs);
            return Ok(());
        }
        v
    };
    s.paid = given.min(s.due);
    s.change = given - s.paid;
    s.owed = s.due - s.paid;
    if s.owed == 0 {
        return Ok(());
    }
    let Some(_) = who.customer_id else {
        errors.push(FieldError::new("paid", "owing_needs_customer"));
        return Ok(());
    };
    match crate::text::date::parse_date(&t.due_on) {
        None if t.due_on.trim().is_empty() => {
            errors.push(FieldError::new("due_on", "due_on_required"))
        }
        None => errors.push(FieldError::new("due_on", "date_invalid")),
        Some(d) if d < who.today => errors.push(FieldError::new("due_on", "due_on_past")),
        Some(d) => s.due_on = Some(d),
    }
    match debt::check_limit(conn, who.customer_id, s.owed) {
        Err(Error::Validation(errs)) => errors.extend(errs),
        other => other?,
    }
    Ok(())
}
