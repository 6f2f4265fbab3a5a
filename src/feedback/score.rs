//! Feedback scores: CSAT (1–5), NPS (0–10) and CES (1–7, 7 = very easy), each with a comment.
//! A low score plans a follow-up call (the `low_score` care rule); the lowest can open a
//! complaint as well.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::complaint::{self, ComplaintCategory, ComplaintDraft, Severity};
use super::interaction::ContactChannel;
use super::interaction::{self, InteractionKind};
use super::{live_customer, service, text_field, Link};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Metric {
    Csat,
    Nps,
    Ces,
}

crate::text::code::stored_code!(Metric);

impl Metric {
    pub fn range(self) -> (i64, i64) {
        match self {
            Metric::Csat => (1, 5),
            Metric::Nps => (0, 10),
            Metric::Ces => (1, 7),
        }
    }

    /// At or below the shop's threshold: someone calls the customer back.
    fn is_low(self, score: i64, s: &service::ServiceSettings) -> bool {
        let limit = match self {
            Metric::Csat => s.low_csat,
            Metric::Nps => s.low_nps,
            Metric::Ces => s.low_ces,
        };
        score <= i64::from(limit)
    }

    /// Bad enough to be a complaint: the lowest CSAT or CES, an NPS of 3 or less.
    fn is_severe(self, score: i64) -> bool {
        match self {
            Metric::Csat | Metric::Ces => score == 1,
            Metric::Nps => score <= 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeedbackDraft {
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub metric: Metric,
    #[ts(type = "number | null")]
    pub score: Option<i64>,
    #[serde(default)]
    pub comment: String,
    /// Who served the customer (per-staff scores); empty = whoever records it.
    #[serde(default)]
    pub served_by: String,
    #[serde(default)]
    pub link: Link,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FeedbackResult {
    #[ts(type = "number")]
    pub id: i64,
    pub low: bool,
    /// The follow-up call planned for a low score.
    #[ts(type = "number | null")]
    pub follow_up_id: Option<i64>,
    /// The complaint opened for the lowest scores, e.g. "KN000004".
    pub complaint_code: Option<String>,
}

pub fn record(
    db: &mut Db,
    d: &FeedbackDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<FeedbackResult> {
    let mut errors = Vec::new();
    let (lo, hi) = d.metric.range();
    match d.score {
        None => errors.push(FieldError::new("score", "required")),
        Some(s) if s < lo || s > hi => errors.push(FieldError::new("score", "out_of_range")),
        Some(_) => {}
    }
    let comment = text_field(&d.comment, "comment", &mut errors);
    let served = super::name_field(&d.served_by, "served_by", &mut errors);
    let served = if served.is_empty() { staff.to_owned() } else { served };
    db.write(|tx| {
        let customer = live_customer(tx, d.customer_id, &mut errors)?;
        if let Some(c) = customer {
            d.link.check(tx, c, &mut errors)?;
        }
        let (Some(customer), Some(score), true) = (customer, d.score, errors.is_empty()) else {
            return Err(Error::Validation(std::mem::take(&mut errors)));
        };
        let settings = service::get(tx)?;
        let low = d.metric.is_low(score, &settings);
        let summary = summary(d.metric, score, hi, &comment);
        let complaint_id = if low
            && d.metric.is_severe(score)
            && settings.complaint_on_lowest
            && !settings.complaint_owner.is_empty()
        {
            Some(open_complaint(tx, d, customer, &summary, &settings.complaint_owner, staff, now)?)
        } else {
            None
        };
        let interaction_id = interaction::insert(
            tx,
            &interaction::Row {
                customer_id: customer,
                at: now,
                channel: ContactChannel::InStore,
                inbound: true,
                kind: InteractionKind::Feedback,
                summary: &summary,
                staff,
                link: &d.link,
                complaint_id,
                resolved_first: None,
            },
        )?;
        tx.execute(
            "INSERT INTO feedback(customer_id, at, metric, score, comment, low, interaction_id, claim_id,
                complaint_id, staff)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                customer,
                stamp(now),
                d.metric.code(),
                score,
                comment,
                low,
                interaction_id,
                d.link.claim_id,
                complaint_id,
                served
            ],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::record(tx, now, staff, "create", "feedback", id, serde_json::json!({ "customer": customer }))?;
        crate::care::plan::after_write(tx, &[Some(customer)], now)?;
        let follow_up_id = follow_up(tx, id)?;
        let complaint_code = match complaint_id {
            Some(k) => Some(tx.query_row("SELECT code FROM complaint WHERE id = ?1", [k], |r| r.get(0))?),
            None => None,
        };
        Ok(FeedbackResult { id, low, follow_up_id, complaint_code })
    })
}

/// How the score reads on the customer's timeline: "CSAT 2/5: chờ lâu".
fn summary(metric: Metric, score: i64, hi: i64, comment: &str) -> String {
    if comment.is_empty() {
        format!("{} {score}/{hi}", metric.code().to_uppercase())
    } else {
        format!("{} {score}/{hi}: {comment}", metric.code().to_uppercase())
    }
}

/// The complaint the lowest scores open, owned by whoever the settings name.
fn open_complaint(
    tx: &Connection,
    d: &FeedbackDraft,
    customer: i64,
    summary: &str,
    owner: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    complaint::open_in(
        tx,
        &ComplaintDraft {
            customer_id: Some(customer),
            category: ComplaintCategory::Service,
            severity: Severity::High,
            owner: owner.to_owned(),
            channel: ContactChannel::InStore,
            summary: summary.to_owned(),
            link: d.link.clone(),
        },
        staff,
        now,
    )
}

fn follow_up(conn: &Connection, feedback_id: i64) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT id FROM reminder WHERE occurrence = ?1")?
        .query_row([format!("low_score:f{feedback_id}")], |r| r.get(0))
        .optional()?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FeedbackView {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub metric: Metric,
    #[ts(type = "number")]
    pub score: i64,
    pub comment: String,
    pub low: bool,
    pub staff: String,
}

/// A customer's latest scores.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<FeedbackView>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, at, metric, score, comment, low, staff FROM feedback WHERE customer_id = ?1
             ORDER BY at DESC, id DESC LIMIT 20",
        )?
        .query_map([customer_id], |r| {
            let m: String = r.get(2)?;
            Ok(FeedbackView {
                id: r.get(0)?,
                at: r.get(1)?,
                metric: Metric::parse(&m).unwrap_or(Metric::Csat),
                score: r.get(3)?,
                comment: r.get(4)?,
                low: r.get(5)?,
                staff: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
