//! One timeline of everything that happened with a customer: sales, each move of her claims,
//! returns, complaints and the shop's responses, scores, touchpoints, reminders worked and
//! their outcomes, consent given or withdrawn. Newest first, filtered by kind, paged by a
//! cursor (never OFFSET: a page stays put while new events arrive above it).

use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// Longest page a caller may ask for.
pub const MAX_PAGE: usize = 100;
pub const DEFAULT_PAGE: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum TimelineKind {
    Sale,
    /// A claim received, and each move of it.
    Claim,
    Return,
    /// A complaint opened, and each response or move of it.
    Complaint,
    Score,
    /// A contact staff logged by hand.
    Touchpoint,
    /// A reminder worked: the contact and its outcome.
    Reminder,
    /// Consent given or withdrawn.
    Consent,
    /// A goodwill gesture granted on a complaint.
    Goodwill,
}

crate::text::code::stored_code!(TimelineKind);

impl TimelineKind {
    pub const ALL: [TimelineKind; 9] = [
        TimelineKind::Sale,
        TimelineKind::Claim,
        TimelineKind::Return,
        TimelineKind::Complaint,
        TimelineKind::Score,
        TimelineKind::Touchpoint,
        TimelineKind::Reminder,
        TimelineKind::Consent,
        TimelineKind::Goodwill,
    ];

    /// The rows of this kind for customer `?1`, as (kind, id, at, reference, code, value,
    /// text, channel, staff, opens, opens_id, store). Each reads through an index on the customer.
    fn source(self) -> &'static str {
        match self {
            TimelineKind::Sale => "SELECT 'sale', p.id, p.sold_at, p.receipt_no,
                CASE WHEN p.voided_at IS NULL THEN 'sold' ELSE 'voided' END, p.total,
                coalesce((SELECT group_concat(product_name, ', ') FROM purchase_line WHERE purchase_id = p.id), ''),
                NULL, p.staff, 'purchase', p.id, p.store
                FROM purchase p WHERE p.customer_id = ?1",
            TimelineKind::Claim => "SELECT 'claim', e.id, e.at, k.code, e.to_status, NULL,
                k.product_name || CASE WHEN e.note = '' THEN '' ELSE ' · ' || e.note END, NULL, e.staff, 'claim', k.id, k.store
                FROM claim k JOIN claim_event e ON e.claim_id = k.id WHERE k.customer_id = ?1",
            TimelineKind::Return => "SELECT 'return', r.id, r.created_at, coalesce(p.receipt_no, ''), r.outcome,
                r.refund_amount + r.credit_amount, l.product_name || ' · ' || r.reason, NULL, r.staff,
                CASE WHEN l.purchase_id IS NULL THEN NULL ELSE 'purchase' END, l.purchase_id, r.store
                FROM return_case r JOIN purchase_line l ON l.id = r.line_id
                LEFT JOIN purchase p ON p.id = l.purchase_id WHERE r.customer_id = ?1",
            TimelineKind::Complaint => "SELECT 'complaint', e.id, e.at, k.code, e.to_status, NULL,
                CASE WHEN e.from_status IS NULL THEN k.summary ELSE e.note END, NULL, e.staff, 'complaint', k.id, k.store
                FROM complaint k JOIN complaint_event e ON e.complaint_id = k.id WHERE k.customer_id = ?1",
            TimelineKind::Score => "SELECT 'score', f.id, f.at, '', f.metric, f.score, f.comment, NULL, f.staff, NULL, NULL, ''
                FROM feedback f WHERE f.customer_id = ?1",
            TimelineKind::Touchpoint => "SELECT 'touchpoint', i.id, i.at, '', i.kind, i.resolved_first, i.summary, i.channel, i.staff, NULL, NULL, i.store
                FROM interaction i WHERE i.customer_id = ?1 AND i.reminder_id IS NULL",
            TimelineKind::Reminder => "SELECT 'reminder', i.id, i.at, coalesce(m.kind, ''), coalesce(i.outcome, ''), NULL,
                i.summary, i.channel, i.staff, NULL, NULL, i.store
                FROM interaction i LEFT JOIN reminder m ON m.id = i.reminder_id
                WHERE i.customer_id = ?1 AND i.reminder_id IS NOT NULL",
            TimelineKind::Consent => "SELECT 'consent', c.id, c.at, c.purpose,
                CASE WHEN c.granted = 1 THEN 'granted' ELSE 'withdrawn' END, c.granted, c.evidence, c.method, c.staff, NULL, NULL, ''
                FROM consent c WHERE c.customer_id = ?1",
            TimelineKind::Goodwill => "SELECT 'goodwill', g.id, g.at, k.code, 'granted', g.value, g.what,
                NULL, g.staff, 'complaint', k.id, k.store
                FROM complaint k JOIN goodwill g ON g.complaint_id = k.id WHERE k.customer_id = ?1",
        }
    }
}

/// Where the next page starts: the last event of the page before (events are ordered by
/// instant, then kind, then id, which is unique; ties on the instant keep their order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineCursor {
    pub at: String,
    pub kind: TimelineKind,
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TimelineQuery {
    /// The kinds shown; empty for all.
    pub kinds: Vec<TimelineKind>,
    pub after: Option<TimelineCursor>,
    /// Events per page; 0 for the default.
    #[ts(type = "number")]
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelineEvent {
    pub kind: TimelineKind,
    /// The row's id in its own table.
    #[ts(type = "number")]
    pub id: i64,
    /// UTC instant.
    pub at: String,
    /// What it belongs to: a receipt, a claim or complaint code, a consent purpose, the kind of
    /// reminder worked.
    pub reference: String,
    /// What it set, as a code: a claim or complaint status, a return or contact outcome, a
    /// score's metric, `granted`/`withdrawn`, `sold`/`voided`.
    pub code: String,
    /// A sale's total, a return's refund and credit, a score, a goodwill gesture's value; for a
    /// touchpoint, 1 if it was settled at once, 0 if not.
    #[ts(type = "number | null")]
    pub value: Option<i64>,
    /// Products, notes, summaries, comments.
    pub text: String,
    /// How a contact went, or how consent was given.
    pub channel: Option<String>,
    pub staff: String,
    /// What the row opens: its sale, claim or complaint.
    pub opens: Option<TimelineTarget>,
    /// The store it was made at, by name when the chain's list is known here, else its code;
    /// '' in a single shop (and for scores and consent, which name no store).
    pub store: String,
}

/// Where a timeline row leads, as the search results' targets do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelineTarget {
    /// `purchase`, `claim` or `complaint`.
    pub kind: String,
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelinePage {
    pub events: Vec<TimelineEvent>,
    /// The cursor of the next page; `None` on the last.
    pub next: Option<TimelineCursor>,
}

fn from_row(r: &Row) -> rusqlite::Result<TimelineEvent> {
    let kind: String = r.get(0)?;
    Ok(TimelineEvent {
        kind: TimelineKind::parse(&kind).unwrap_or(TimelineKind::Touchpoint),
        id: r.get(1)?,
        at: r.get(2)?,
        reference: r.get(3)?,
        code: r.get(4)?,
        value: r.get(5)?,
        text: r.get(6)?,
        channel: r.get(7)?,
        staff: r.get(8)?,
        opens: match (r.get::<_, Option<String>>(9)?, r.get::<_, Option<i64>>(10)?) {
            (Some(kind), Some(id)) => Some(TimelineTarget { kind, id }),
            _ => None,
        },
        store: r.get(11)?,
    })
}

/// One page of customer `id`'s timeline, newest first.
pub fn timeline(conn: &Connection, id: i64, q: &TimelineQuery) -> Result<TimelinePage> {
    let kinds: Vec<TimelineKind> = TimelineKind::ALL
        .into_iter()
        .filter(|k| q.kinds.is_empty() || q.kinds.contains(k))
        .collect();
    let limit = if q.limit == 0 { DEFAULT_PAGE } else { q.limit.min(MAX_PAGE) };
    let union: Vec<&str> = kinds.iter().map(|k| k.source()).collect();
    // The cursor's condition sits outside the union; SQLite pushes it into each branch.
    let page = if q.after.is_some() { "WHERE (at, kind, id) < (?2, ?3, ?4)" } else { "" };
    let sql = format!(
        "WITH t(kind, id, at, reference, code, value, text, channel, staff, opens, opens_id, store)
            AS ({})
         SELECT t.kind, t.id, t.at, t.reference, t.code, t.value, t.text, t.channel, t.staff,
            t.opens, t.opens_id, coalesce(n.name, t.store)
         FROM t LEFT JOIN store_name n ON n.code = t.store AND t.store <> ''
         {page} ORDER BY at DESC, kind DESC, id DESC LIMIT ?5",
        union.join(" UNION ALL ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let (at, kind, after_id) = match &q.after {
        Some(c) => (c.at.as_str(), c.kind.code(), c.id),
        None => ("", "", 0),
    };
    let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
    // Without a cursor ?2..?4 are unused, but the statement still counts them.
    let rows = stmt.query_map(params![id, at, kind, after_id, fetch], from_row)?;
    let mut events: Vec<TimelineEvent> = rows.collect::<rusqlite::Result<_>>()?;
    let next = if events.len() > limit {
        events.truncate(limit);
        events.last().map(|e| TimelineCursor { at: e.at.clone(), kind: e.kind, id: e.id })
    } else {
        None
    };
    Ok(TimelinePage { events, next })
}
