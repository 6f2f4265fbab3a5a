//! The figures the owner watches, for a period and the one before it. Each is a plain
//! function of the stored facts (tests check them against hand-computed fixtures); the
//! queries read range-bounded covering indexes so a month over millions of rows stays quick.
//!
//! Definitions (the dashboard's help text says the same):
//! - active: customers with a live sale in the period; new: their first live sale falls in it;
//! - retention: of the customers active in the previous period, the share active again;
//! - repeat purchase: of the customers active in the period, the share with two or more live
//!   sales up to its end;
//! - at risk: at the period's end, the last live sale was 90 to 180 days before;
//! - NPS: % promoters (9–10) − % detractors (0–6); CSAT: % of 4–5; CES: the average (7 = easy);
//! - first-contact resolution: of the requests logged with the flag, the share settled at once;
//! - complaint times: opening-hours minutes, for complaints opened in the period; SLA met: of
//!   those whose outcome is known, the share answered and resolved within both targets;
//! - lifetime value: live sales per customer to date (average over buyers, and the top five);
//! - claim rate: claims received per 100 warranty units sold in the period; turnaround: days
//!   from receipt to closing, for claims closed in it;
//! - reminders on time: of those done in the period, the share done by their due day;
//! - promises kept: of those due in the period and settled or overdue, the share kept.
//!
//! For one store of a chain (`store`): sales, customers (active, new, repeat, retention, at
//! risk: by their sales at that store), contacts, complaints and claims are that store's;
//! scores, lifetime value, reminders and promises name no store and stay the chain's.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::day_start;
use crate::error::{Error, FieldError, Result};

mod cache;
mod customers;
mod distributions;
mod satisfaction;
mod service;
mod staff;
mod trend;

pub use cache::DashboardCache;
use customers::Buyers;
pub use distributions::{distributions, Count, Distributions};
pub use staff::{per_staff, StaffRow};
pub use trend::{trend, Bucket, TrendPoint};

/// Longest period the dashboard computes (ten years).
pub const MAX_DAYS: i64 = 3660;
pub const AT_RISK_FROM: i64 = 90;
pub const AT_RISK_TO: i64 = 180;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Period {
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
}

impl Period {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The same number of days just before.
    pub fn previous(&self) -> Period {
        let len = Duration::days(self.days());
        Period { from: self.from - len, to: self.to - len }
    }

    fn start(&self) -> String {
        day_start(self.from)
    }

    fn end(&self) -> String {
        day_start(self.to + Duration::days(1))
    }
}

/// The period as typed (`dd/MM/yyyy`): both dates valid, the end not before the start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeriodInput {
    pub from: String,
    pub to: String,
}

pub fn parse_period(p: &PeriodInput) -> Result<Period> {
    let mut errors = Vec::new();
    let from = crate::text::date::parse_date(&p.from);
    let to = crate::text::date::parse_date(&p.to);
    if from.is_none() {
        errors.push(FieldError::new("from", "date_invalid"));
    }
    if to.is_none() {
        errors.push(FieldError::new("to", "date_invalid"));
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.push(FieldError::new("to", "period_reversed"));
        } else if (t - f).num_days() >= MAX_DAYS {
            errors.push(FieldError::new("to", "period_too_long"));
        }
    }
    match (from, to, errors.is_empty()) {
        (Some(from), Some(to), true) => Ok(Period { from, to }),
        _ => Err(Error::Validation(errors)),
    }
}

fn pct(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| round1(100.0 * part as f64 / whole as f64))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2 })
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TopCustomer {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub value: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Kpis {
    #[ts(type = "number")]
    pub purchases: i64,
    #[ts(type = "number")]
    pub revenue: i64,
    #[ts(type = "number")]
    pub active_customers: i64,
    #[ts(type = "number")]
    pub new_customers: i64,
    #[ts(type = "number")]
    pub at_risk_customers: i64,
    pub retention_rate: Option<f64>,
    pub repeat_purchase_rate: Option<f64>,
    pub nps: Option<f64>,
    #[ts(type = "number")]
    pub nps_responses: i64,
    pub csat_pct: Option<f64>,
    #[ts(type = "number")]
    pub csat_responses: i64,
    pub ces_avg: Option<f64>,
    #[ts(type = "number")]
    pub ces_responses: i64,
    #[ts(type = "number")]
    pub interactions: i64,
    pub fcr_pct: Option<f64>,
    #[ts(type = "number")]
    pub complaints_opened: i64,
    #[ts(type = "number | null")]
    pub median_response_minutes: Option<i64>,
    #[ts(type = "number | null")]
    pub median_resolution_minutes: Option<i64>,
    pub sla_met_pct: Option<f64>,
    #[ts(type = "number | null")]
    pub clv_avg: Option<i64>,
    pub clv_top: Vec<TopCustomer>,
    pub claim_rate: Option<f64>,
    #[ts(type = "number")]
    pub claims_received: i64,
    pub claim_turnaround_days: Option<f64>,
    /// Loan units out with customers at the end of the period.
    #[ts(type = "number")]
    pub loans_out: i64,
    /// Fees charged and internal cost of the claims closed in the period, in đồng.
    #[ts(type = "number")]
    pub claim_fees: i64,
    #[ts(type = "number")]
    pub claim_costs: i64,
    pub reminders_on_time_pct: Option<f64>,
    #[ts(type = "number")]
    pub reminders_done: i64,
    pub promises_kept_pct: Option<f64>,
    #[ts(type = "number")]
    pub promises_due: i64,
}

/// Scores per metric and value in a period (the distributions and the score KPIs).
pub(super) fn score_counts(conn: &Connection, p: &Period) -> Result<BTreeMap<(String, i64), i64>> {
    let mut out = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT metric, score, count(*) FROM feedback WHERE at >= ?1 AND at < ?2 GROUP BY metric, score",
    )?;
    let mut rows = stmt.query(params![p.start(), p.end()])?;
    while let Some(r) = rows.next()? {
        out.insert((r.get(0)?, r.get(1)?), r.get(2)?);
    }
    Ok(out)
}

fn count(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<i64> {
    Ok(conn.prepare_cached(sql)?.query_row(args, |r| r.get(0))?)
}

/// Every KPI for one period, `now` deciding what is already late.
pub fn compute(conn: &Connection, p: &Period, now: DateTime<Utc>) -> Result<Kpis> {
    compute_with(conn, p, None, now, &mut Buyers::default())
}

/// Every KPI for one period at one store (`None`: all stores).
pub fn compute_at(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Kpis> {
    compute_with(conn, p, store, now, &mut Buyers::default())
}

/// The figures family by family, in the order they were always read.
fn compute_with(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
    now: DateTime<Utc>,
    buyers: &mut Buyers,
) -> Result<Kpis> {
    let mut k = Kpis::default();
    customers::sales_and_customers(conn, p, store, buyers, &mut k)?;
    satisfaction::scores(conn, p, &mut k)?;
    satisfaction::contacts(conn, p, store, &mut k)?;
    service::complaint_times(conn, p, store, now, &mut k)?;
    customers::lifetime_value(conn, &mut k)?;
    service::claims(conn, p, store, &mut k)?;
    service::reminders_and_promises(conn, p, now, &mut k)?;
    Ok(k)
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    pub period: Period,
    /// The store the figures are for; `None` for all stores.
    pub store: Option<String>,
    /// The chain's stores to pick from; empty in a single shop.
    pub stores: Vec<crate::store::StoreChoice>,
    pub previous_period: Period,
    pub current: Kpis,
    pub previous: Kpis,
    pub bucket: Bucket,
    pub trend: Vec<TrendPoint>,
    pub distributions: Distributions,
    pub staff: Vec<StaffRow>,
}

pub fn dashboard(conn: &Connection, p: &Period, now: DateTime<Utc>) -> Result<Dashboard> {
    dashboard_at(conn, p, None, now)
}

/// The dashboard of one store (`None`: all stores).
pub fn dashboard_at(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Dashboard> {
    let mut buyers = Buyers::default();
    let (bucket, trend) = trend(conn, p, store)?;
    Ok(Dashboard {
        period: *p,
        store: store.map(str::to_owned),
        stores: crate::store::list(conn)?,
        previous_period: p.previous(),
        current: compute_with(conn, p, store, now, &mut buyers)?,
        previous: compute_with(conn, &p.previous(), store, now, &mut buyers)?,
        bucket,
        trend,
        distributions: distributions(conn, p)?,
        staff: per_staff(conn, p, now)?,
    })
}
