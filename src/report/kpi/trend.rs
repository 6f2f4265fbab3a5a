//! The period's figures day by day, week by week or month by month.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{pct, Period};
use crate::error::Result;

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

/// Rows of (day, n, sum) for a period, from `sql` taking either its instants (`:a`, `:b`) or
/// its days (`:from`, `:to`), and the store (`:store`, NULL for all).
fn per_day(
    conn: &Connection,
    sql: &str,
    p: &Period,
    store: Option<&str>,
) -> Result<Vec<(NaiveDate, i64, i64)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let args: [(&str, &dyn rusqlite::ToSql); 5] = [
        (":a", &p.start()),
        (":b", &p.end()),
        (":from", &p.from.to_string()),
        (":to", &p.to.to_string()),
        (":store", &store),
    ];
    crate::care::plan::bind(&mut stmt, args.iter())?;
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push((r.get(0)?, r.get(1)?, r.get(2)?));
    }
    Ok(out)
}

/// All stores read the running daily figures; one store counts its own sales and contacts.
const SALES: [&str; 2] = [
    "SELECT day, sum(purchases), sum(revenue) FROM daily_sales WHERE day BETWEEN :from AND :to GROUP BY day",
    "SELECT date(sold_at, '+7 hours') AS d, count(*), sum(total) FROM purchase INDEXED BY purchase_store_sold
     WHERE store = :store AND voided_at IS NULL AND sold_at >= :a AND sold_at < :b GROUP BY d",
];
const CONTACTS: [&str; 2] = [
    "SELECT day, sum(interactions), 0 FROM daily_contact WHERE day BETWEEN :from AND :to GROUP BY day",
    "SELECT date(at, '+7 hours') AS d, count(*), 0 FROM interaction
     WHERE at >= :a AND at < :b AND store = :store GROUP BY d",
];

pub fn trend(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
) -> Result<(Bucket, Vec<TrendPoint>)> {
    let one = usize::from(store.is_some());
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
    for (d, n, sum) in per_day(conn, SALES[one], p, store)? {
        add(d, &mut |t| {
            t.purchases += n;
            t.revenue += sum;
        });
    }
    for (d, n, _) in per_day(conn, CONTACTS[one], p, store)? {
        add(d, &mut |t| t.interactions += n);
    }
    for (d, n, _) in per_day(
        conn,
        "SELECT date(opened_at, '+7 hours') AS d, count(*), 0 FROM complaint
         WHERE opened_at >= :a AND opened_at < :b AND (:store IS NULL OR store = :store) GROUP BY d",
        p,
        store,
    )? {
        add(d, &mut |t| t.complaints += n);
    }
    let mut csat: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
    for (d, n, good) in per_day(
        conn,
        "SELECT date(at, '+7 hours') AS d, count(*), sum(score >= 4) FROM feedback
         WHERE at >= :a AND at < :b AND metric = 'csat' GROUP BY d",
        p,
        None,
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
