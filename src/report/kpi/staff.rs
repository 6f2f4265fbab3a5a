//! The same figures per staff member.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{pct, Period};
use crate::clock::local_date;
use crate::error::Result;

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
