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

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{day_start, local_date, stamp};
use crate::error::{Error, FieldError, Result};

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
    pub reminders_on_time_pct: Option<f64>,
    #[ts(type = "number")]
    pub reminders_done: i64,
    pub promises_kept_pct: Option<f64>,
    #[ts(type = "number")]
    pub promises_due: i64,
}

/// Scores per metric and value in a period (the distributions and the score KPIs).
fn score_counts(conn: &Connection, p: &Period) -> Result<BTreeMap<(String, i64), i64>> {
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

/// Live sales per customer over instant ranges, each range read once per dashboard (the
/// previous period's figures need the ranges the current one already read).
#[derive(Default)]
struct Buyers {
    ranges: BTreeMap<(String, String), std::rc::Rc<HashMap<i64, u32>>>,
}

impl Buyers {
    fn between(
        &mut self,
        conn: &Connection,
        from: &str,
        to: &str,
    ) -> Result<std::rc::Rc<HashMap<i64, u32>>> {
        let key = (from.to_owned(), to.to_owned());
        if let Some(m) = self.ranges.get(&key) {
            return Ok(m.clone());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT customer_id FROM purchase INDEXED BY purchase_live_sold
             WHERE voided_at IS NULL AND customer_id IS NOT NULL AND sold_at >= ?1 AND sold_at < ?2",
        )?;
        let mut rows = stmt.query(params![from, to])?;
        let mut out: HashMap<i64, u32> = HashMap::new();
        while let Some(r) = rows.next()? {
            *out.entry(r.get(0)?).or_default() += 1;
        }
        let out = std::rc::Rc::new(out);
        self.ranges.insert(key, out.clone());
        Ok(out)
    }
}

/// Customers whose last live sale, as of the period's end, was 90 to 180 days before it.
fn at_risk(conn: &Connection, p: &Period, buyers: &mut Buyers) -> Result<i64> {
    let end_day = p.to + Duration::days(1);
    let (from, to, end) = (
        day_start(end_day - Duration::days(AT_RISK_TO)),
        day_start(end_day - Duration::days(AT_RISK_FROM)),
        p.end(),
    );
    let later: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM purchase INDEXED BY purchase_live_sold
                WHERE voided_at IS NULL AND customer_id IS NOT NULL AND sold_at >= ?1)",
        )?
        .query_row([&end], |r| r.get(0))?;
    if !later {
        // No sale after the end (the usual case: a period up to today): each customer's last
        // sale is the one the running figures hold.
        return count(
            conn,
            "SELECT count(*) FROM customer_value WHERE last_at >= ?1 AND last_at < ?2",
            params![from, to],
        );
    }
    let risky = buyers.between(conn, &from, &to)?;
    let since = buyers.between(conn, &to, &end)?;
    Ok(risky.keys().filter(|c| !since.contains_key(c)).count() as i64)
}

/// Every KPI for one period, `now` deciding what is already late.
pub fn compute(conn: &Connection, p: &Period, now: DateTime<Utc>) -> Result<Kpis> {
    compute_with(conn, p, now, &mut Buyers::default())
}

fn compute_with(
    conn: &Connection,
    p: &Period,
    now: DateTime<Utc>,
    buyers: &mut Buyers,
) -> Result<Kpis> {
    let (a, b) = (p.start(), p.end());
    let prev = p.previous();
    let mut k = Kpis::default();
    let (from_d, to_d) = (p.from.to_string(), p.to.to_string());
    (k.purchases, k.revenue) = conn
        .prepare_cached(
            "SELECT coalesce(sum(purchases), 0), coalesce(sum(revenue), 0) FROM daily_sales
             WHERE day BETWEEN ?1 AND ?2",
        )?
        .query_row(params![from_d, to_d], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let current = buyers.between(conn, &a, &b)?;
    k.active_customers = current.len() as i64;
    // New customers: their first live sale falls in the period. Every other buyer of the
    // period bought before it too, so is a repeat buyer; a new one is if they bought twice.
    let new: Vec<i64> = conn
        .prepare_cached(
            "SELECT customer_id FROM customer_value INDEXED BY customer_value_first
             WHERE first_at >= ?1 AND first_at < ?2",
        )?
        .query_map(params![a, b], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    k.new_customers = new.len() as i64;
    let new_once = new.iter().filter(|c| current.get(c).copied().unwrap_or(0) < 2).count() as i64;
    k.repeat_purchase_rate = pct(k.active_customers - new_once, k.active_customers);
    // Retention: the previous period's customers met again.
    let before = buyers.between(conn, &prev.start(), &prev.end())?;
    let kept = before.keys().filter(|c| current.contains_key(c)).count() as i64;
    k.retention_rate = pct(kept, before.len() as i64);
    k.at_risk_customers = at_risk(conn, p, buyers)?;

    let scores = score_counts(conn, p)?;
    let sum_where = |metric: &str, f: &dyn Fn(i64) -> bool| -> i64 {
        scores.iter().filter(|((m, s), _)| m == metric && f(*s)).map(|(_, n)| *n).sum()
    };
    k.nps_responses = sum_where("nps", &|_| true);
    k.nps = (k.nps_responses > 0).then(|| {
        let promoters = sum_where("nps", &|s| s >= 9);
        let detractors = sum_where("nps", &|s| s <= 6);
        round1(100.0 * (promoters - detractors) as f64 / k.nps_responses as f64)
    });
    k.csat_responses = sum_where("csat", &|_| true);
    k.csat_pct = pct(sum_where("csat", &|s| s >= 4), k.csat_responses);
    k.ces_responses = sum_where("ces", &|_| true);
    let ces_total: i64 =
        scores.iter().filter(|((m, _), _)| m == "ces").map(|((_, s), n)| s * n).sum();
    k.ces_avg = (k.ces_responses > 0)
        .then(|| (100.0 * ces_total as f64 / k.ces_responses as f64).round() / 100.0);

    let (n, fcr_asked, fcr_yes): (i64, i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(interactions), 0), coalesce(sum(fcr_asked), 0), coalesce(sum(fcr_yes), 0)
             FROM daily_contact WHERE day BETWEEN ?1 AND ?2",
        )?
        .query_row(params![from_d, to_d], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    k.interactions = n;
    k.fcr_pct = pct(fcr_yes, fcr_asked);

    let now_s = stamp(now);
    let mut responses = Vec::new();
    let mut resolutions = Vec::new();
    let (mut decided, mut met) = (0, 0);
    {
        let mut stmt = conn.prepare_cached(
            "SELECT response_minutes, resolution_minutes, first_response_at, resolved_at, respond_by, resolve_by
             FROM complaint WHERE opened_at >= ?1 AND opened_at < ?2",
        )?;
        let mut rows = stmt.query(params![a, b])?;
        while let Some(r) = rows.next()? {
            k.complaints_opened += 1;
            let (rm, sm): (Option<i64>, Option<i64>) = (r.get(0)?, r.get(1)?);
            let (first, resolved): (Option<String>, Option<String>) = (r.get(2)?, r.get(3)?);
            let (respond_by, resolve_by): (String, String) = (r.get(4)?, r.get(5)?);
            responses.extend(rm);
            resolutions.extend(sm);
            let response_late = first.as_deref().unwrap_or(&now_s) > respond_by.as_str();
            let resolution_late = resolved.as_deref().unwrap_or(&now_s) > resolve_by.as_str();
            if resolved.is_some() || response_late || resolution_late {
                decided += 1;
                if !response_late && !resolution_late {
                    met += 1;
                }
            }
        }
    }
    k.median_response_minutes = median(responses);
    k.median_resolution_minutes = median(resolutions);
    k.sla_met_pct = pct(met, decided);

    let (buyers, total): (i64, i64) = conn
        .prepare_cached("SELECT buyers, value FROM customer_value_total WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    k.clv_avg = (buyers > 0).then(|| total / buyers);
    k.clv_top = conn
        .prepare_cached(
            "SELECT v.customer_id, c.full_name, v.value FROM customer_value v INDEXED BY customer_value_value
             JOIN customer c ON c.id = v.customer_id ORDER BY v.value DESC LIMIT 5",
        )?
        .query_map([], |r| Ok(TopCustomer { id: r.get(0)?, name: r.get(1)?, value: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;

    k.claims_received = count(
        conn,
        "SELECT count(*) FROM claim WHERE received_on BETWEEN ?1 AND ?2",
        params![from_d, to_d],
    )?;
    let units = count(
        conn,
        "SELECT count(*) FROM unit INDEXED BY unit_warranty_start WHERE warranty_months > 0
            AND warranty_start BETWEEN ?1 AND ?2",
        params![from_d, to_d],
    )?;
    k.claim_rate = pct(k.claims_received, units);
    k.claim_turnaround_days = conn
        .prepare_cached(
            "SELECT avg(julianday(closed_on) - julianday(received_on)) FROM claim
             WHERE closed_on BETWEEN ?1 AND ?2",
        )?
        .query_row(params![from_d, to_d], |r| r.get::<_, Option<f64>>(0))?
        .map(round1);

    let (done, on_time): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(date(closed_at, '+7 hours') <= due_on), 0) FROM reminder
             WHERE closed_at >= ?1 AND closed_at < ?2 AND status = 'done'",
        )?
        .query_row(params![a, b], |r| Ok((r.get(0)?, r.get(1)?)))?;
    k.reminders_done = done;
    k.reminders_on_time_pct = pct(on_time, done);

    let today = local_date(now).to_string();
    let (due, kept_promises): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(status = 'kept'), 0) FROM promise
             WHERE due_on BETWEEN ?1 AND ?2 AND status <> 'cancelled' AND (status <> 'open' OR due_on < ?3)",
        )?
        .query_row(params![from_d, to_d, today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    k.promises_due = due;
    k.promises_kept_pct = pct(kept_promises, due);
    Ok(k)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TrendPoint {
    /// The first day of the bucket.
    pub start: NaiveDate,
    #[ts(type = "number")]
    pub purchases: i64,
    #[ts(type = "number")]
    pub revenue: i64,
    #[ts(type = "number")]
    pub interactions: i64,
    #[ts(type = "number")]
    pub complaints: i64,
    pub csat_pct: Option<f64>,
}

fn bucket_of(p: &Period) -> Bucket {
    match p.days() {
        0..=31 => Bucket::Day,
        32..=186 => Bucket::Week,
        _ => Bucket::Month,
    }
}

fn bucket_start(d: NaiveDate, b: Bucket) -> NaiveDate {
    match b {
        Bucket::Day => d,
        Bucket::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Bucket::Month => d.with_day(1).unwrap_or(d),
    }
}

/// Rows of (day, n, sum) for a period, from `sql` taking either its instants (`?1`, `?2`) or
/// its days (`?3`, `?4`).
fn per_day(conn: &Connection, sql: &str, p: &Period) -> Result<Vec<(NaiveDate, i64, i64)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let args: [(&str, &dyn rusqlite::ToSql); 4] = [
        (":a", &p.start()),
        (":b", &p.end()),
        (":from", &p.from.to_string()),
        (":to", &p.to.to_string()),
    ];
    crate::care::plan::bind(&mut stmt, args.iter())?;
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push((r.get(0)?, r.get(1)?, r.get(2)?));
    }
    Ok(out)
}

pub fn trend(conn: &Connection, p: &Period) -> Result<(Bucket, Vec<TrendPoint>)> {
    let bucket = bucket_of(p);
    let mut points: BTreeMap<NaiveDate, TrendPoint> = BTreeMap::new();
    let mut day = p.from;
    while day <= p.to {
        let s = bucket_start(day, bucket);
        points.entry(s).or_insert(TrendPoint {
            start: s,
            purchases: 0,
            revenue: 0,
            interactions: 0,
            complaints: 0,
            csat_pct: None,
        });
        day += Duration::days(1);
    }
    let mut add = |d: NaiveDate, f: &mut dyn FnMut(&mut TrendPoint)| {
        if let Some(t) = points.get_mut(&bucket_start(d, bucket)) {
            f(t);
        }
    };
    for (d, n, sum) in per_day(
        conn,
        "SELECT day, sum(purchases), sum(revenue) FROM daily_sales WHERE day BETWEEN :from AND :to GROUP BY day",
        p,
    )? {
        add(d, &mut |t| {
            t.purchases += n;
            t.revenue += sum;
        });
    }
    for (d, n, _) in per_day(
        conn,
        "SELECT day, sum(interactions), 0 FROM daily_contact WHERE day BETWEEN :from AND :to GROUP BY day",
        p,
    )? {
        add(d, &mut |t| t.interactions += n);
    }
    for (d, n, _) in per_day(
        conn,
        "SELECT date(opened_at, '+7 hours') AS d, count(*), 0 FROM complaint
         WHERE opened_at >= :a AND opened_at < :b GROUP BY d",
        p,
    )? {
        add(d, &mut |t| t.complaints += n);
    }
    let mut csat: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
    for (d, n, good) in per_day(
        conn,
        "SELECT date(at, '+7 hours') AS d, count(*), sum(score >= 4) FROM feedback
         WHERE at >= :a AND at < :b AND metric = 'csat' GROUP BY d",
        p,
    )? {
        let e = csat.entry(bucket_start(d, bucket)).or_default();
        e.0 += n;
        e.1 += good;
    }
    for (s, (n, good)) in csat {
        if let Some(t) = points.get_mut(&s) {
            t.csat_pct = pct(good, n);
        }
    }
    Ok((bucket, points.into_values().collect()))
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Count {
    pub key: String,
    #[ts(type = "number")]
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Distributions {
    /// Index = score − 1 (CSAT, CES) or the score itself (NPS).
    #[ts(type = "Array<number>")]
    pub csat: Vec<i64>,
    #[ts(type = "Array<number>")]
    pub nps: Vec<i64>,
    #[ts(type = "Array<number>")]
    pub ces: Vec<i64>,
    pub complaint_categories: Vec<Count>,
    pub channels: Vec<Count>,
}

pub fn distributions(conn: &Connection, p: &Period) -> Result<Distributions> {
    let scores = score_counts(conn, p)?;
    let hist = |metric: &str, lo: i64, hi: i64| -> Vec<i64> {
        (lo..=hi).map(|s| scores.get(&(metric.to_owned(), s)).copied().unwrap_or(0)).collect()
    };
    let counts = |sql: &str| -> Result<Vec<Count>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_map(params![p.start(), p.end()], |r| {
                Ok(Count { key: r.get(0)?, count: r.get(1)? })
            })?
            .collect::<rusqlite::Result<_>>()?)
    };
    Ok(Distributions {
        csat: hist("csat", 1, 5),
        nps: hist("nps", 0, 10),
        ces: hist("ces", 1, 7),
        complaint_categories: counts(
            "SELECT category, count(*) AS n FROM complaint WHERE opened_at >= ?1 AND opened_at < ?2
             GROUP BY category ORDER BY n DESC, category",
        )?,
        channels: conn
            .prepare_cached(
                "SELECT channel, sum(interactions) AS n FROM daily_contact WHERE day BETWEEN ?1 AND ?2
                 GROUP BY channel HAVING n > 0 ORDER BY n DESC, channel",
            )?
            .query_map(params![p.from.to_string(), p.to.to_string()], |r| Ok(Count { key: r.get(0)?, count: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct StaffRow {
    pub staff: String,
    #[ts(type = "number")]
    pub purchases: i64,
    #[ts(type = "number")]
    pub revenue: i64,
    #[ts(type = "number")]
    pub interactions: i64,
    pub fcr_pct: Option<f64>,
    #[ts(type = "number")]
    pub csat_responses: i64,
    pub csat_pct: Option<f64>,
    #[ts(type = "number")]
    pub complaints_owned: i64,
    #[ts(type = "number")]
    pub complaints_resolved: i64,
    #[ts(type = "number")]
    pub reminders_done: i64,
    pub reminders_on_time_pct: Option<f64>,
    #[ts(type = "number")]
    pub promises_due: i64,
    pub promises_kept_pct: Option<f64>,
}

/// The same figures per staff member (the name they record under).
pub fn per_staff(conn: &Connection, p: &Period, now: DateTime<Utc>) -> Result<Vec<StaffRow>> {
    let mut rows: BTreeMap<String, StaffRow> = BTreeMap::new();
    let (a, b) = (p.start(), p.end());
    let (from_d, to_d, today) = (p.from.to_string(), p.to.to_string(), local_date(now).to_string());
    let mut each = |sql: &str,
                    args: &[&dyn rusqlite::ToSql],
                    f: &dyn Fn(&mut StaffRow, i64, i64)|
     -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut q = stmt.query(args)?;
        while let Some(r) = q.next()? {
            let name: String = r.get(0)?;
            if name.is_empty() {
                continue;
            }
            let row = rows
                .entry(name.clone())
                .or_insert_with(|| StaffRow { staff: name, ..StaffRow::default() });
            f(row, r.get(1)?, r.get(2)?);
        }
        Ok(())
    };
    each(
        "SELECT staff, sum(purchases), sum(revenue) FROM daily_sales WHERE day BETWEEN ?1 AND ?2 GROUP BY staff
         HAVING sum(purchases) > 0",
        &[&from_d, &to_d],
        &|r, n, s| {
            r.purchases = n;
            r.revenue = s;
        },
    )?;
    each(
        "SELECT staff, sum(interactions), 0 FROM daily_contact WHERE day BETWEEN ?1 AND ?2 GROUP BY staff
         HAVING sum(interactions) > 0",
        &[&from_d, &to_d],
        &|r, n, _| r.interactions = n,
    )?;
    each(
        "SELECT staff, sum(fcr_asked), sum(fcr_yes) FROM daily_contact WHERE day BETWEEN ?1 AND ?2 GROUP BY staff
         HAVING sum(fcr_asked) > 0",
        &[&from_d, &to_d],
        &|r, n, yes| r.fcr_pct = pct(yes, n),
    )?;
    each(
        "SELECT staff, count(*), sum(score >= 4) FROM feedback WHERE at >= ?1 AND at < ?2 AND metric = 'csat' GROUP BY staff",
        &[&a, &b],
        &|r, n, good| {
            r.csat_responses = n;
            r.csat_pct = pct(good, n);
        },
    )?;
    each(
        "SELECT owner, count(*), count(resolved_at) FROM complaint WHERE opened_at >= ?1 AND opened_at < ?2 GROUP BY owner",
        &[&a, &b],
        &|r, n, resolved| {
            r.complaints_owned = n;
            r.complaints_resolved = resolved;
        },
    )?;
    each(
        "SELECT assignee, count(*), coalesce(sum(date(closed_at, '+7 hours') <= due_on), 0) FROM reminder
         WHERE closed_at >= ?1 AND closed_at < ?2 AND status = 'done' GROUP BY assignee",
        &[&a, &b],
        &|r, n, on_time| {
            r.reminders_done = n;
            r.reminders_on_time_pct = pct(on_time, n);
        },
    )?;
    each(
        "SELECT owner, count(*), coalesce(sum(status = 'kept'), 0) FROM promise
         WHERE due_on BETWEEN ?1 AND ?2 AND status <> 'cancelled' AND (status <> 'open' OR due_on < ?3) GROUP BY owner",
        &[&from_d, &to_d, &today],
        &|r, n, kept| {
            r.promises_due = n;
            r.promises_kept_pct = pct(kept, n);
        },
    )?;
    Ok(rows.into_values().collect())
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    pub period: Period,
    pub previous_period: Period,
    pub current: Kpis,
    pub previous: Kpis,
    pub bucket: Bucket,
    pub trend: Vec<TrendPoint>,
    pub distributions: Distributions,
    pub staff: Vec<StaffRow>,
}

pub fn dashboard(conn: &Connection, p: &Period, now: DateTime<Utc>) -> Result<Dashboard> {
    let mut buyers = Buyers::default();
    let (bucket, trend) = trend(conn, p)?;
    Ok(Dashboard {
        period: *p,
        previous_period: p.previous(),
        current: compute_with(conn, p, now, &mut buyers)?,
        previous: compute_with(conn, &p.previous(), now, &mut buyers)?,
        bucket,
        trend,
        distributions: distributions(conn, p)?,
        staff: per_staff(conn, p, now)?,
    })
}

/// Dashboards already computed, each kept while nothing it reads can have changed: no write
/// since (SQLite's change counters, this connection's and others'), and the clock before the
/// next instant a figure moves by itself (midnight, or a live complaint's target passing).
#[derive(Default)]
pub struct DashboardCache {
    entries: std::sync::Mutex<BTreeMap<(NaiveDate, NaiveDate), Cached>>,
    /// Answers given from the cache (what a test can see of it working).
    hits: std::sync::atomic::AtomicU64,
}

struct Cached {
    version: (i64, u64),
    valid_until: DateTime<Utc>,
    value: Dashboard,
}

use crate::db::change_version as version;

/// The first instant after `now` at which a figure changes with no write: the next local
/// midnight, or the nearest target of a live complaint.
fn valid_until(conn: &Connection, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let midnight = day_start(local_date(now) + Duration::days(1));
    let now_s = stamp(now);
    let next: Option<String> = conn
        .prepare_cached(
            "SELECT min(t) FROM (
                SELECT min(respond_by) AS t FROM complaint WHERE status <> 'resolved' AND status <> 'closed'
                    AND first_response_at IS NULL AND respond_by > ?1
                UNION ALL
                SELECT min(resolve_by) FROM complaint WHERE status <> 'resolved' AND status <> 'closed'
                    AND resolve_by > ?1)",
        )?
        .query_row([&now_s], |r| r.get(0))?;
    let t = next.filter(|n| *n < midnight).unwrap_or(midnight);
    Ok(crate::clock::parse_stamp(&t).unwrap_or(now))
}

impl DashboardCache {
    /// Forgets everything (the database was replaced by a restore).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    pub fn hits(&self) -> u64 {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn get(&self, conn: &Connection, p: &Period, now: DateTime<Utc>) -> Result<Dashboard> {
        let v = version(conn)?;
        let key = (p.from, p.to);
        if let Ok(entries) = self.entries.lock() {
            if let Some(c) = entries.get(&key) {
                if c.version == v && now < c.valid_until {
                    self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    return Ok(c.value.clone());
                }
            }
        }
        let value = dashboard(conn, p, now)?;
        let valid_until = valid_until(conn, now)?;
        if let Ok(mut entries) = self.entries.lock() {
            // A handful of periods are looked at in a session; stale ones go first.
            entries.retain(|_, c| c.version == v);
            entries.insert(key, Cached { version: v, valid_until, value: value.clone() });
        }
        Ok(value)
    }
}
