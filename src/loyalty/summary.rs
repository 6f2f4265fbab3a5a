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
    /// The tier as last ranked (the lowest when never ranked).
    pub tier_name: Option<String>,
    /// Spend over the rolling 12 months at the last ranking.
    #[ts(type = "number")]
    pub spend_12m: i64,
    /// Since when the customer holds the tier (stored instant); `None` never ranked.
    pub tier_since: Option<String>,
    pub next_tier_name: Option<String>,
    /// Spend from which the next tier is reached.
    #[ts(type = "number | null")]
    pub next_tier_min_spend: Option<i64>,
    /// Points of `points` lapsed and not yet written off by the nightly pass.
    #[ts(type = "number")]
    pub points_lapsing: i64,
}

pub fn of_customer(
    conn: &Connection,
    customer_id: i64,
    today: NaiveDate,
) -> Result<LoyaltySummary> {
    let owed = super::debt::owed(conn, customer_id)?;
    let tiers = super::tier::list(conn)?;
    let held = super::tier::current(conn, customer_id)?;
    let (tier, spend, since) = match held {
        Some((t, spend, since)) => (Some(t), spend, Some(since)),
        None => (tiers.first().cloned(), 0, None),
    };
    let position = tier.as_ref().and_then(|t| tiers.iter().position(|x| x.id == t.id));
    let next = position.and_then(|p| tiers.get(p + 1));
    Ok(LoyaltySummary {
        points: super::points::balance(conn, customer_id)?,
        store_credit: super::credit::balance(conn, customer_id)?,
        owed: owed.amount,
        owed_due_on: owed.due_on,
        tier_name: tier.map(|t| t.name),
        spend_12m: spend,
        tier_since: since,
        next_tier_name: next.map(|t| t.name.clone()),
        next_tier_min_spend: next.map(|t| t.min_spend),
        points_lapsing: super::points::lapsing(conn, customer_id, today)?,
    })
}
