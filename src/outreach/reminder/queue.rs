//! The Today queue and a customer's upcoming care.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{from_row, ReminderView, QUEUE_LIMIT, SELECT};
use crate::care::rule::RuleKind;
use crate::clock::local_date;
use crate::error::Result;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct QueueFilter {
    pub kind: Option<RuleKind>,
    /// Empty: everyone's, including unassigned.
    pub assignee: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KindCount {
    pub kind: RuleKind,
    #[ts(type = "number")]
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TodayQueue {
    pub today: NaiveDate,
    /// Waiting per kind, whatever the filter on kind (the filter chips show them).
    pub counts: Vec<KindCount>,
    #[ts(type = "number")]
    pub total: i64,
    /// Oldest first within the queue's kind order; at most `QUEUE_LIMIT`.
    pub items: Vec<ReminderView>,
    pub occasions: Vec<crate::calendar::lunar::UpcomingOccasion>,
}

/// What is waiting today (due today or earlier, open or snoozed until now).
pub fn today(conn: &Connection, filter: &QueueFilter, now: DateTime<Utc>) -> Result<TodayQueue> {
    let today = local_date(now);
    let day = today.format("%Y-%m-%d").to_string();
    // Conditions only for the filters in use, so the counts read the covering index alone.
    let assignee = filter.assignee.trim();
    let mut cond = String::from("status IN ('open', 'snoozed') AND due_on <= :day");
    if !assignee.is_empty() {
        cond.push_str(" AND (assignee = :assignee OR assignee = '')");
    }
    let mut counts = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT kind, count(*) FROM reminder WHERE {cond} GROUP BY kind"
        ))?;
        let args: [(&str, &dyn rusqlite::ToSql); 2] = [(":day", &day), (":assignee", &assignee)];
        crate::care::plan::bind(&mut stmt, args.iter())?;
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next()? {
            if let Some(kind) = RuleKind::parse(&r.get::<_, String>(0)?) {
                counts.push(KindCount { kind, count: r.get(1)? });
            }
        }
    }
    counts.sort_by_key(|c| order(c.kind));
    let total = counts.iter().map(|c| c.count).sum();
    let kind = filter.kind.map(|k| k.code()).unwrap_or_default();
    if !kind.is_empty() {
        cond.push_str(" AND kind = :kind");
    }
    let sql = format!("{SELECT} WHERE r.id IN (SELECT id FROM reminder WHERE {cond} ORDER BY due_on, kind, assignee, id LIMIT {QUEUE_LIMIT})");
    let mut stmt = conn.prepare_cached(&sql)?;
    let args: [(&str, &dyn rusqlite::ToSql); 3] =
        [(":day", &day), (":assignee", &assignee), (":kind", &kind)];
    crate::care::plan::bind(&mut stmt, args.iter())?;
    let mut items = Vec::new();
    let mut rows = stmt.raw_query();
    while let Some(r) = rows.next()? {
        items.push(from_row(r)?);
    }
    items.sort_by_key(|r| (order(r.kind), r.due_on, r.id));
    Ok(TodayQueue {
        today,
        counts,
        total,
        items,
        occasions: crate::calendar::lunar::upcoming(today, 14),
    })
}

fn order(kind: RuleKind) -> usize {
    RuleKind::PLANNED.iter().position(|k| *k == kind).unwrap_or(RuleKind::PLANNED.len())
}

/// A customer's waiting and upcoming care, soonest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<ReminderView>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE r.customer_id = ?1 AND r.status IN ('open', 'snoozed') ORDER BY r.due_on, r.id LIMIT 50"
        ))?
        .query_map([customer_id], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}
