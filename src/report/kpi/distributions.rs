//! How the scores, complaint categories and contact channels spread over the period.

use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::{score_counts, Period};
use crate::error::Result;

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
