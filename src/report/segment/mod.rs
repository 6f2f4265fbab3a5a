//! Segments of customers, computed as of a day: first-time buyers, regulars, VIPs by RFM
//! score, at risk, lapsed, birthdays this month, warranties ending within 30 days, and those
//! who consented to marketing. A segment can be exported or turned into a care campaign.
//!
//! RFM: recency (last live sale), frequency (live sales) and monetary value (their total) are
//! each scored 1–5 by the quintile boundaries of all buyers; equal values share a score, so a
//! shop where most buy once does not rank some single buyers above others at random. VIP =
//! a total of 13 or more.
//!
//! At one store of a chain (`store`): the segment's members who bought there (scores and
//! recency stay those of the whole chain, where she is one customer).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::types::ToSql;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::kpi::{AT_RISK_FROM, AT_RISK_TO};
use crate::clock::day_start;
use crate::clock::local_date;
use crate::error::Result;

mod campaign;
mod members;

pub use campaign::{create_campaign, CampaignDraft, CampaignResult};
pub use members::{view, view_at, write_csv, write_csv_at, Member, SegmentView};

pub const VIP_SCORE: i64 = 13;
pub const REGULAR_DAYS: i64 = 90;
pub const WARRANTY_DAYS: i64 = 30;
/// Members listed on screen; the count and the export cover all.
pub const PAGE: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum SegmentKind {
    FirstTime,
    Regulars,
    Vip,
    AtRisk,
    Lapsed,
    BirthdaysThisMonth,
    WarrantyExpiring,
    MarketingConsent,
    // Issue 17, loyreport: members of a tier ("hạng thành viên = Vàng"), by its position, so a
    // tier the owner renames keeps its segment.
    TierSilver,
    TierGold,
    TierDiamond,
}

crate::text::code::stored_code!(SegmentKind);

impl SegmentKind {
    pub const ALL: [SegmentKind; 11] = [
        SegmentKind::Vip,
        SegmentKind::Regulars,
        SegmentKind::FirstTime,
        SegmentKind::AtRisk,
        SegmentKind::Lapsed,
        SegmentKind::BirthdaysThisMonth,
        SegmentKind::WarrantyExpiring,
        SegmentKind::MarketingConsent,
        SegmentKind::TierSilver,
        SegmentKind::TierGold,
        SegmentKind::TierDiamond,
    ];

    /// The position of the tier whose members the segment lists (Bạc 1, Vàng 2, Kim cương 3).
    pub fn tier_position(self) -> Option<i64> {
        match self {
            SegmentKind::TierSilver => Some(1),
            SegmentKind::TierGold => Some(2),
            SegmentKind::TierDiamond => Some(3),
            _ => None,
        }
    }
}

/// Quintile boundaries of recency, frequency and value (four each, ascending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rfm {
    pub recency: Vec<String>,
    #[ts(type = "Array<number>")]
    pub frequency: Vec<i64>,
    #[ts(type = "Array<number>")]
    pub monetary: Vec<i64>,
}

/// The value at each 20 % step of an index-ordered column, read by offset.
fn boundaries<T: rusqlite::types::FromSql>(
    conn: &Connection,
    column: &str,
    index: &str,
    n: i64,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {column} FROM customer_value INDEXED BY {index} ORDER BY {column} LIMIT 1 OFFSET ?1"
    ))?;
    (1..5).map(|k| Ok(stmt.query_row([(n * k / 5).min(n - 1)], |r| r.get(0))?)).collect()
}

pub fn rfm(conn: &Connection) -> Result<Rfm> {
    let n: i64 = conn.query_row("SELECT count(*) FROM customer_value", [], |r| r.get(0))?;
    if n == 0 {
        return Ok(Rfm { recency: vec![], frequency: vec![], monetary: vec![] });
    }
    // Few distinct purchase counts: their histogram gives the boundaries without a sort.
    let hist: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT purchases, count(*) FROM customer_value GROUP BY purchases ORDER BY purchases",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let frequency = (1..5)
        .map(|k| {
            let target = (n * k / 5).min(n - 1);
            let mut seen = 0;
            hist.iter()
                .find(|(_, c)| {
                    seen += c;
                    seen > target
                })
                .map_or(0, |(p, _)| *p)
        })
        .collect();
    Ok(Rfm {
        recency: boundaries(conn, "last_at", "customer_value_last", n)?,
        frequency,
        monetary: boundaries(conn, "value", "customer_value_value", n)?,
    })
}

/// `1 + (x > b1) + … + (x > b4)` in SQL, the boundaries bound as parameters.
fn score_sql(column: &str, prefix: &str) -> String {
    format!("(1 + ({column} > :{prefix}1) + ({column} > :{prefix}2) + ({column} > :{prefix}3) + ({column} > :{prefix}4))")
}

const LIVE: &str = "v.customer_id NOT IN (SELECT id FROM customer WHERE archived_at IS NOT NULL
    OR merged_into IS NOT NULL OR no_contact = 1)";

/// The member query's FROM and WHERE for a segment (customer id as `cid`).
/// The members of `kind`, as `FROM … WHERE …` over `v.customer_id`; with `at_store`, only those
/// who bought at the store `:store`.
fn membership(kind: SegmentKind, at_store: bool) -> String {
    let all = membership_all(kind);
    if !at_store {
        return all;
    }
    format!(
        "{all} AND v.customer_id IN (SELECT customer_id FROM purchase INDEXED BY purchase_store_sold
            WHERE store = :store AND voided_at IS NULL AND customer_id IS NOT NULL)"
    )
}

fn membership_all(kind: SegmentKind) -> String {
    let rfm = format!(
        "{} + {} + {}",
        score_sql("v.last_at", "r"),
        score_sql("v.purchases", "f"),
        score_sql("v.value", "m")
    );
    match kind {
        SegmentKind::FirstTime => format!("FROM customer_value v WHERE v.purchases = 1 AND {LIVE}"),
        SegmentKind::Regulars => {
            format!("FROM customer_value v WHERE v.purchases >= 2 AND v.last_at >= :recent AND {LIVE}")
        }
        SegmentKind::Vip => format!("FROM customer_value v WHERE {rfm} >= {VIP_SCORE} AND {LIVE}"),
        SegmentKind::AtRisk => {
            format!("FROM customer_value v WHERE v.last_at >= :risk_from AND v.last_at < :risk_to AND {LIVE}")
        }
        SegmentKind::Lapsed => format!("FROM customer_value v WHERE v.last_at < :risk_from AND {LIVE}"),
        SegmentKind::BirthdaysThisMonth => format!(
            "FROM (SELECT c.id AS customer_id FROM customer c WHERE substr(c.birthday, -5) >= :month_from
                AND substr(c.birthday, -5) <= :month_to AND c.birthday IS NOT NULL AND c.birthday_lunar = 0
                UNION SELECT c.id FROM customer c WHERE c.birthday_lunar = 1 AND c.birthday IS NOT NULL
                AND substr(c.birthday, -5) IN (SELECT value FROM json_each(:lunar_days))) v
             WHERE {LIVE}"
        ),
        SegmentKind::WarrantyExpiring => format!(
            "FROM (SELECT DISTINCT u.customer_id FROM unit u INDEXED BY unit_care WHERE u.status = 'sold'
                AND u.warranty_months > 0 AND u.customer_id IS NOT NULL
                AND u.warranty_end BETWEEN :today AND :warranty_to) v WHERE {LIVE}"
        ),
        SegmentKind::MarketingConsent => format!(
            "FROM (SELECT id AS customer_id FROM customer INDEXED BY customer_consent WHERE marketing_consent = 1) v
             WHERE {LIVE}"
        ),
        // Tiers as last ranked (`customer_tier`, read through its tier index).
        SegmentKind::TierSilver | SegmentKind::TierGold | SegmentKind::TierDiamond => format!(
            "FROM (SELECT ct.customer_id FROM customer_tier ct INDEXED BY customer_tier_tier
                WHERE ct.tier_id = (SELECT id FROM member_tier WHERE position = :tier_position)) v
             WHERE {LIVE}"
        ),
    }
}

/// The lunar birthdays (`MM-DD`, as stored) observed in `today`'s solar month, as a JSON array.
fn lunar_days_of_month(today: NaiveDate) -> String {
    let first = today.with_day(1).unwrap_or(today);
    let last = (first + Duration::days(31)).with_day(1).map_or(today, |n| n - Duration::days(1));
    let days: Vec<String> = crate::calendar::lunar::observed_between(first, last)
        .into_iter()
        .map(|(m, d)| format!("{m:02}-{d:02}"))
        .collect();
    serde_json::to_string(&days).unwrap_or_else(|_| "[]".to_owned())
}

struct Args {
    values: Vec<(&'static str, Box<dyn ToSql>)>,
}

fn args(
    conn: &Connection,
    kind: SegmentKind,
    store: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Args> {
    let today = local_date(now);
    let tomorrow = today + Duration::days(1);
    let mut values: Vec<(&'static str, Box<dyn ToSql>)> = vec![
        (":recent", Box::new(day_start(tomorrow - Duration::days(REGULAR_DAYS)))),
        (":risk_from", Box::new(day_start(tomorrow - Duration::days(AT_RISK_TO)))),
        (":risk_to", Box::new(day_start(tomorrow - Duration::days(AT_RISK_FROM)))),
        (":month_from", Box::new(format!("{:02}-01", today.month()))),
        (":month_to", Box::new(format!("{:02}-31", today.month()))),
        (":today", Box::new(today.to_string())),
        (":warranty_to", Box::new((today + Duration::days(WARRANTY_DAYS)).to_string())),
    ];
    if let Some(s) = store {
        values.push((":store", Box::new(s.to_owned())));
    }
    // A month of lunar conversions: only the segment that reads them pays for them.
    if kind == SegmentKind::BirthdaysThisMonth {
        values.push((":lunar_days", Box::new(lunar_days_of_month(today))));
    }
    if let Some(position) = kind.tier_position() {
        values.push((":tier_position", Box::new(position)));
    }
    if kind == SegmentKind::Vip {
        let b = rfm(conn)?;
        if b.recency.len() == 4 {
            for (i, name) in [":r1", ":r2", ":r3", ":r4"].into_iter().enumerate() {
                values.push((name, Box::new(b.recency[i].clone())));
            }
            for (i, name) in [":f1", ":f2", ":f3", ":f4"].into_iter().enumerate() {
                values.push((name, Box::new(b.frequency[i])));
            }
            for (i, name) in [":m1", ":m2", ":m3", ":m4"].into_iter().enumerate() {
                values.push((name, Box::new(b.monetary[i])));
            }
        }
    }
    Ok(Args { values })
}

fn bind_all(stmt: &mut rusqlite::Statement, a: &Args) -> Result<()> {
    for (name, value) in &a.values {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::expect_used)] // a failed expectation in a test is the report
mod tests {
    use super::*;

    #[test]
    fn only_the_birthday_segment_converts_the_month_to_lunar_dates() {
        let db = crate::db::Db::open_in_memory().expect("db");
        for kind in SegmentKind::ALL {
            let a = args(db.conn(), kind, None, Utc::now()).expect("args");
            let lunar = a.values.iter().any(|(name, _)| *name == ":lunar_days");
            assert_eq!(lunar, kind == SegmentKind::BirthdaysThisMonth, "{kind:?}");
        }
    }
}
