//! Complaints as cases: an owner, a status, service targets counted in opening hours, and the
//! goodwill given to put things right.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::interaction::ContactChannel;
use super::service;
use super::Link;
use crate::clock::stamp;
use crate::error::{Error, Result};

mod edit;
mod open;
mod respond;
mod transition;
mod view;

pub use edit::{add_goodwill, add_goodwill_approved, edit, ComplaintEdit, GoodwillDraft};
pub use open::open;
pub(crate) use open::open_in;
pub(crate) use respond::contacted_in;
pub use respond::{respond, ResponseDraft};
pub use transition::{transition, ComplaintTransition};
pub use view::{get, list, ComplaintFilter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

crate::text::code::stored_code!(Severity);

impl Severity {
    pub const ALL: [Severity; 4] =
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintCategory {
    Product,
    Service,
    Staff,
    Price,
    Warranty,
    Delivery,
    Other,
}

crate::text::code::stored_code!(ComplaintCategory);

impl ComplaintCategory {
    pub const ALL: [ComplaintCategory; 7] = [
        ComplaintCategory::Product,
        ComplaintCategory::Service,
        ComplaintCategory::Staff,
        ComplaintCategory::Price,
        ComplaintCategory::Warranty,
        ComplaintCategory::Delivery,
        ComplaintCategory::Other,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintStatus {
    Open,
    InProgress,
    WaitingCustomer,
    Resolved,
    Closed,
}

crate::text::code::stored_code!(ComplaintStatus);

impl ComplaintStatus {
    pub const ALL: [ComplaintStatus; 5] = [
        ComplaintStatus::Open,
        ComplaintStatus::InProgress,
        ComplaintStatus::WaitingCustomer,
        ComplaintStatus::Resolved,
        ComplaintStatus::Closed,
    ];

    /// Where a case may go from here. A resolved case reopens if the customer is not satisfied;
    /// a closed one stays closed (a new complaint is opened instead).
    pub fn can_go_to(self, to: ComplaintStatus) -> bool {
        use ComplaintStatus::*;
        matches!(
            (self, to),
            (Open, InProgress | WaitingCustomer | Resolved)
                | (InProgress, WaitingCustomer | Resolved)
                | (WaitingCustomer, InProgress | Resolved)
                | (Resolved, InProgress | Closed)
        )
    }

    /// Every status [`Self::can_go_to`] allows from here, in the order of [`Self::ALL`]: what
    /// the case's buttons offer.
    pub fn moves(self) -> Vec<ComplaintStatus> {
        ComplaintStatus::ALL.into_iter().filter(|to| self.can_go_to(*to)).collect()
    }

    pub fn is_live(self) -> bool {
        !matches!(self, ComplaintStatus::Resolved | ComplaintStatus::Closed)
    }
}

/// Within this many opening-hours minutes of its target a live case shows as due soon.
pub const SOON_MINUTES: i64 = 60;

/// How a case stands against its targets, as the board and the case show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TargetState {
    /// Resolved within both targets.
    Done,
    /// A target missed, or for a live case already passed.
    Breached,
    /// Live, within [`SOON_MINUTES`] of its target.
    Soon,
    /// Live, with time to spare.
    Ok,
}

impl TargetState {
    fn of(v: &ComplaintView) -> TargetState {
        let missed = v.response_breached || v.resolution_breached;
        match v.minutes_left {
            _ if v.resolved_at.is_some() && missed => TargetState::Breached,
            _ if v.resolved_at.is_some() => TargetState::Done,
            None => TargetState::Breached,
            Some(left) if left < 0 || v.response_breached => TargetState::Breached,
            Some(left) if left <= SOON_MINUTES => TargetState::Soon,
            Some(_) => TargetState::Ok,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintDraft {
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub category: ComplaintCategory,
    pub severity: Severity,
    pub owner: String,
    pub channel: ContactChannel,
    pub summary: String,
    #[serde(default)]
    pub link: Link,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ComplaintEvent {
    pub at: String,
    pub staff: String,
    pub from_status: Option<ComplaintStatus>,
    pub to_status: ComplaintStatus,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Goodwill {
    #[ts(type = "number")]
    pub id: i64,
    pub what: String,
    #[ts(type = "number")]
    pub value: i64,
    pub approved_by: String,
    /// The approver typed their PIN at the counter (an account without `approve_goodwill`
    /// gave it); otherwise `approved_by` is the name as typed.
    pub pin_approved: bool,
    pub at: String,
    pub staff: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ComplaintView {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    #[ts(type = "number")]
    pub customer_id: i64,
    pub customer_name: String,
    pub category: ComplaintCategory,
    pub severity: Severity,
    pub owner: String,
    pub status: ComplaintStatus,
    pub channel: String,
    pub summary: String,
    #[ts(type = "number | null")]
    pub purchase_id: Option<i64>,
    #[ts(type = "number | null")]
    pub claim_id: Option<i64>,
    pub opened_at: String,
    pub respond_by: String,
    pub resolve_by: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    #[ts(type = "number | null")]
    pub response_minutes: Option<i64>,
    #[ts(type = "number | null")]
    pub resolution_minutes: Option<i64>,
    pub resolution: String,
    /// The target missed (or, for a live case, already passed).
    pub response_breached: bool,
    pub resolution_breached: bool,
    /// Opening-hours minutes left to the target the case works towards now (negative: late);
    /// None once resolved.
    #[ts(type = "number | null")]
    pub minutes_left: Option<i64>,
    /// How the case stands against its targets (the core's rule; the UI only shows it).
    pub target_state: TargetState,
    /// The statuses the case may move to now ([`ComplaintStatus::moves`]).
    pub allowed_moves: Vec<ComplaintStatus>,
    pub events: Vec<ComplaintEvent>,
    pub goodwill: Vec<Goodwill>,
    #[ts(type = "number")]
    pub goodwill_total: i64,
}

/// Logs a step on the case's history: every way of working a case writes one.
fn event(
    tx: &Connection,
    id: i64,
    now: DateTime<Utc>,
    staff: &str,
    from: Option<ComplaintStatus>,
    to: ComplaintStatus,
    note: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO complaint_event(complaint_id, at, staff, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, stamp(now), staff, from.map(ComplaintStatus::code), to.code(), note],
    )?;
    Ok(())
}

/// What the steps of working a case check before they write.
struct Current {
    customer_id: i64,
    status: ComplaintStatus,
    opened_at: DateTime<Utc>,
    responded: bool,
}

fn current(tx: &Connection, id: i64) -> Result<Current> {
    tx.prepare_cached(
        "SELECT customer_id, status, opened_at, first_response_at IS NOT NULL FROM complaint WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Current {
            customer_id: r.get(0)?,
            status: ComplaintStatus::parse(&r.get::<_, String>(1)?).unwrap_or(ComplaintStatus::Open),
            opened_at: crate::clock::parse_stamp(&r.get::<_, String>(2)?).unwrap_or_default(),
            responded: r.get(3)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound { what: "complaint", id })
}

/// Marks the first response (once) with its opening-hours minutes.
fn mark_response(tx: &Connection, id: i64, cur: &Current, now: DateTime<Utc>) -> Result<()> {
    if cur.responded {
        return Ok(());
    }
    let cal = service::get(tx)?.calendar();
    tx.execute(
        "UPDATE complaint SET first_response_at = ?2, response_minutes = ?3 WHERE id = ?1",
        params![id, stamp(now), cal.minutes_between(cur.opened_at, now)],
    )?;
    Ok(())
}
