//! Reading cases: one with its history and goodwill, or a board of them nearest target first.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    ComplaintCategory, ComplaintEvent, ComplaintStatus, ComplaintView, Goodwill, Severity,
    TargetState,
};
use crate::calendar::Calendar;
use crate::clock::stamp;
use crate::error::{Error, Result};
use crate::feedback::service;

const SELECT: &str = "SELECT k.id, k.code, k.customer_id, c.full_name, k.category, k.severity, k.owner,
    k.status, k.channel, k.summary, k.purchase_id, k.claim_id, k.opened_at, k.respond_by, k.resolve_by,
    k.first_response_at, k.resolved_at, k.closed_at, k.response_minutes, k.resolution_minutes, k.resolution
    FROM complaint k JOIN customer c ON c.id = k.customer_id";

fn from_row(r: &Row, cal: &Calendar, now: DateTime<Utc>) -> rusqlite::Result<ComplaintView> {
    let status = ComplaintStatus::parse(&r.get::<_, String>(7)?).unwrap_or(ComplaintStatus::Open);
    let respond_by: String = r.get(13)?;
    let resolve_by: String = r.get(14)?;
    let first: Option<String> = r.get(15)?;
    let resolved: Option<String> = r.get(16)?;
    let now_s = stamp(now);
    // Instants are stored in one format, so text order is time order.
    let late = |target: &str, done: &Option<String>| done.as_deref().unwrap_or(&now_s) > target;
    let target = if first.is_none() { &respond_by } else { &resolve_by };
    let minutes_left = resolved.is_none().then(|| {
        let t = crate::clock::parse_stamp(target).unwrap_or(now);
        if t >= now {
            cal.minutes_between(now, t)
        } else {
            -cal.minutes_between(t, now)
        }
    });
    let mut v = ComplaintView {
        id: r.get(0)?,
        code: r.get(1)?,
        customer_id: r.get(2)?,
        customer_name: r.get(3)?,
        category: ComplaintCategory::parse(&r.get::<_, String>(4)?)
            .unwrap_or(ComplaintCategory::Other),
        severity: Severity::parse(&r.get::<_, String>(5)?).unwrap_or(Severity::Medium),
        owner: r.get(6)?,
        status,
        channel: r.get(8)?,
        summary: r.get(9)?,
        purchase_id: r.get(10)?,
        claim_id: r.get(11)?,
        opened_at: r.get(12)?,
        response_breached: late(&respond_by, &first),
        resolution_breached: late(&resolve_by, &resolved),
        respond_by,
        resolve_by,
        first_response_at: first,
        resolved_at: resolved,
        closed_at: r.get(17)?,
        response_minutes: r.get(18)?,
        resolution_minutes: r.get(19)?,
        resolution: r.get(20)?,
        minutes_left,
        target_state: TargetState::Ok,
        allowed_moves: status.moves(),
        events: vec![],
        goodwill: vec![],
        goodwill_total: 0,
    };
    v.target_state = TargetState::of(&v);
    Ok(v)
}

pub fn get(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<ComplaintView> {
    let cal = service::get(conn)?.calendar();
    let mut v = conn
        .prepare_cached(&format!("{SELECT} WHERE k.id = ?1"))?
        .query_row([id], |r| from_row(r, &cal, now))
        .optional()?
        .ok_or(Error::NotFound { what: "complaint", id })?;
    v.events = conn
        .prepare_cached(
            "SELECT at, staff, from_status, to_status, note FROM complaint_event
             WHERE complaint_id = ?1 ORDER BY at, id",
        )?
        .query_map([id], |r| {
            Ok(ComplaintEvent {
                at: r.get(0)?,
                staff: r.get(1)?,
                from_status: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|s| ComplaintStatus::parse(&s)),
                to_status: ComplaintStatus::parse(&r.get::<_, String>(3)?)
                    .unwrap_or(ComplaintStatus::Open),
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    v.goodwill = conn
        .prepare_cached(
            "SELECT id, what, value, approved_by, at, staff, pin_approved FROM goodwill WHERE complaint_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(Goodwill {
                id: r.get(0)?,
                what: r.get(1)?,
                value: r.get(2)?,
                approved_by: r.get(3)?,
                pin_approved: r.get(6)?,
                at: r.get(4)?,
                staff: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    v.goodwill_total = v.goodwill.iter().map(|g| g.value).sum();
    Ok(v)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ComplaintFilter {
    /// Only cases still being worked (open, in progress, waiting).
    pub live_only: bool,
    pub owner: String,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
}

/// Cases, the nearest target first for live ones, then the latest.
pub fn list(
    conn: &Connection,
    f: &ComplaintFilter,
    now: DateTime<Utc>,
) -> Result<Vec<ComplaintView>> {
    let cal = service::get(conn)?.calendar();
    let mut sql = format!("{SELECT} WHERE 1 = 1");
    if f.live_only {
        sql.push_str(" AND k.status <> 'resolved' AND k.status <> 'closed'");
    }
    if !f.owner.trim().is_empty() {
        sql.push_str(" AND k.owner = :owner");
    }
    if f.customer_id.is_some() {
        sql.push_str(" AND k.customer_id = :cid");
    }
    sql.push_str(
        " ORDER BY k.resolved_at IS NOT NULL,
            CASE WHEN k.first_response_at IS NULL THEN k.respond_by ELSE k.resolve_by END,
            k.opened_at DESC LIMIT 500",
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let owner = f.owner.trim();
    let args: [(&str, &dyn rusqlite::ToSql); 2] = [(":owner", &owner), (":cid", &f.customer_id)];
    crate::care::plan::bind(&mut stmt, args.iter())?;
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(r, &cal, now)?);
    }
    Ok(out)
}
