//! Complaints as cases: an owner, a status, service targets counted in opening hours, and the
//! goodwill given to put things right.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::interaction::ContactChannel;
use super::service;
use super::{live_customer, text_field, Link};
use crate::calendar::Calendar;
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

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
            "SELECT id, what, value, approved_by, at, staff FROM goodwill WHERE complaint_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(Goodwill {
                id: r.get(0)?,
                what: r.get(1)?,
                value: r.get(2)?,
                approved_by: r.get(3)?,
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

/// The targets for a case opened at `opened` with `severity`.
fn targets(
    conn: &Connection,
    opened: DateTime<Utc>,
    severity: Severity,
) -> Result<(String, String)> {
    let s = service::get(conn)?;
    let cal = s.calendar();
    let t = s.sla.iter().find(|t| t.severity == severity).cloned().unwrap_or_else(|| {
        service::ServiceSettings::default()
            .sla
            .into_iter()
            .find(|t| t.severity == severity)
            .unwrap_or(service::SlaTarget { severity, respond_hours: 4, resolve_hours: 48 })
    });
    Ok((
        stamp(cal.add(opened, i64::from(t.respond_hours) * 60)),
        stamp(cal.add(opened, i64::from(t.resolve_hours) * 60)),
    ))
}

fn validate(
    tx: &Connection,
    d: &ComplaintDraft,
    errors: &mut Vec<FieldError>,
) -> Result<Option<i64>> {
    let customer = live_customer(tx, d.customer_id, errors)?;
    if d.owner.trim().is_empty() {
        errors.push(FieldError::new("owner", "required"));
    }
    if text_field(&d.summary, "summary", errors).is_empty() {
        errors.push(FieldError::new("summary", "required"));
    }
    super::name_field(&d.owner, "owner", errors);
    if let Some(c) = customer {
        d.link.check(tx, c, errors)?;
    }
    Ok(customer)
}

/// Opens a case; the complaint itself is logged on the customer's timeline.
pub fn open(
    db: &mut Db,
    d: &ComplaintDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let id = db.write(|tx| open_in(tx, d, staff, now))?;
    get(db.conn(), id, now)
}

pub(crate) fn open_in(
    tx: &Connection,
    d: &ComplaintDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut errors = Vec::new();
    let customer = validate(tx, d, &mut errors)?;
    let (Some(customer), true) = (customer, errors.is_empty()) else {
        return Err(Error::Validation(errors));
    };
    let (respond_by, resolve_by) = targets(tx, now, d.severity)?;
    let next: i64 = tx.query_row(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'complaint'), 0) + 1",
        [],
        |r| r.get(0),
    )?;
    let summary = crate::text::nfc(d.summary.trim());
    let owner = crate::text::nfc(d.owner.trim());
    tx.execute(
        "INSERT INTO complaint(code, customer_id, category, severity, owner, status, channel, summary,
            purchase_id, claim_id, opened_at, respond_by, resolve_by, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?10)",
        params![
            format!("KN{next:06}"),
            customer,
            d.category.code(),
            d.severity.code(),
            owner,
            d.channel.code(),
            summary,
            d.link.purchase_id,
            d.link.claim_id,
            stamp(now),
            respond_by,
            resolve_by,
            staff,
        ],
    )?;
    let id = tx.last_insert_rowid();
    event(tx, id, now, staff, None, ComplaintStatus::Open, &summary)?;
    super::interaction::insert(
        tx,
        &super::interaction::Row {
            customer_id: customer,
            at: now,
            channel: d.channel,
            inbound: true,
            kind: super::interaction::InteractionKind::Complaint,
            summary: &summary,
            staff,
            link: &d.link,
            complaint_id: Some(id),
            resolved_first: None,
        },
    )?;
    crate::audit::record(
        tx,
        now,
        staff,
        "create",
        "complaint",
        id,
        serde_json::json!({ "customer": customer }),
    )?;
    crate::care::plan::after_write(tx, &[Some(customer)], now)?;
    Ok(id)
}

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

/// A contact made from the Today queue answers the complaint.
pub(crate) fn contacted_in(
    tx: &Connection,
    id: i64,
    note: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let cur = current(tx, id)?;
    if !cur.status.is_live() {
        return Ok(());
    }
    mark_response(tx, id, &cur, now)?;
    let to =
        if cur.status == ComplaintStatus::Open { ComplaintStatus::InProgress } else { cur.status };
    tx.execute(
        "UPDATE complaint SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to.code(), stamp(now)],
    )?;
    event(tx, id, now, staff, Some(cur.status), to, note)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResponseDraft {
    pub channel: ContactChannel,
    pub note: String,
}

/// Staff answered the customer: logged on the timeline; the first one stops the response clock
/// and puts an open case in progress.
pub fn respond(
    db: &mut Db,
    id: i64,
    d: &ResponseDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let note = text_field(&d.note, "note", &mut errors);
    if note.is_empty() {
        errors.push(FieldError::new("note", "required"));
    }
    db.write(|tx| {
        let cur = current(tx, id)?;
        if !cur.status.is_live() {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: "responded" });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        mark_response(tx, id, &cur, now)?;
        if cur.status == ComplaintStatus::Open {
            tx.execute(
                "UPDATE complaint SET status = 'in_progress', updated_at = ?2 WHERE id = ?1",
                params![id, stamp(now)],
            )?;
        }
        event(
            tx,
            id,
            now,
            staff,
            Some(cur.status),
            if cur.status == ComplaintStatus::Open {
                ComplaintStatus::InProgress
            } else {
                cur.status
            },
            &note,
        )?;
        super::interaction::insert(
            tx,
            &super::interaction::Row {
                customer_id: cur.customer_id,
                at: now,
                channel: d.channel,
                inbound: false,
                kind: if d.channel == ContactChannel::Phone {
                    super::interaction::InteractionKind::Call
                } else if d.channel == ContactChannel::InStore {
                    super::interaction::InteractionKind::Visit
                } else {
                    super::interaction::InteractionKind::Message
                },
                summary: &note,
                staff,
                link: &Link::default(),
                complaint_id: Some(id),
                resolved_first: None,
            },
        )?;
        crate::customer::touch_contact_in(tx, cur.customer_id, now)?;
        crate::audit::record(tx, now, staff, "respond", "complaint", id, serde_json::json!({}))?;
        crate::care::plan::after_write(tx, &[Some(cur.customer_id)], now)
    })?;
    get(db.conn(), id, now)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintTransition {
    pub to: ComplaintStatus,
    /// Required to resolve (what was done) and to reopen (why).
    pub note: String,
}

/// Moves a case along; resolving stops the resolution clock (and the response clock, if
/// nobody answered before).
pub fn transition(
    db: &mut Db,
    id: i64,
    d: &ComplaintTransition,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let note = text_field(&d.note, "note", &mut errors);
    let reopening = d.to == ComplaintStatus::InProgress;
    db.write(|tx| {
        let cur = current(tx, id)?;
        if !cur.status.can_go_to(d.to) {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: d.to.code() });
        }
        if note.is_empty() && (d.to == ComplaintStatus::Resolved || (reopening && cur.status == ComplaintStatus::Resolved)) {
            errors.push(FieldError::new("note", "required"));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let ts = stamp(now);
        match d.to {
            ComplaintStatus::Resolved => {
                mark_response(tx, id, &cur, now)?;
                let cal = service::get(tx)?.calendar();
                tx.execute(
                    "UPDATE complaint SET status = 'resolved', resolved_at = ?2, resolution = ?3,
                        resolution_minutes = ?4, updated_at = ?2 WHERE id = ?1",
                    params![id, ts, note, cal.minutes_between(cur.opened_at, now)],
                )?;
            }
            ComplaintStatus::Closed => {
                tx.execute(
                    "UPDATE complaint SET status = 'closed', closed_at = ?2, updated_at = ?2 WHERE id = ?1",
                    params![id, ts],
                )?;
            }
            to => {
                if cur.status == ComplaintStatus::Resolved {
                    // Reopened: the resolution no longer stands; the original target still does.
                    tx.execute(
                        "UPDATE complaint SET resolved_at = NULL, resolution_minutes = NULL WHERE id = ?1",
                        [id],
                    )?;
                }
                tx.execute(
                    "UPDATE complaint SET status = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, to.code(), ts],
                )?;
            }
        }
        event(tx, id, now, staff, Some(cur.status), d.to, &note)?;
        crate::audit::record(tx, now, staff, "transition", "complaint", id, serde_json::json!({ "to": d.to.code() }))?;
        crate::care::plan::after_write(tx, &[Some(cur.customer_id)], now)
    })?;
    get(db.conn(), id, now)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintEdit {
    pub category: ComplaintCategory,
    pub severity: Severity,
    pub owner: String,
}

/// Re-categorises or hands over a live case; a new severity resets its targets from opening.
pub fn edit(
    db: &mut Db,
    id: i64,
    d: &ComplaintEdit,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let owner = super::name_field(&d.owner, "owner", &mut errors);
    if owner.is_empty() {
        errors.push(FieldError::new("owner", "required"));
    }
    db.write(|tx| {
        let cur = current(tx, id)?;
        if !cur.status.is_live() {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: "edited" });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let (respond_by, resolve_by) = targets(tx, cur.opened_at, d.severity)?;
        tx.execute(
            "UPDATE complaint SET category = ?2, severity = ?3, owner = ?4, respond_by = ?5, resolve_by = ?6,
                updated_at = ?7 WHERE id = ?1",
            params![id, d.category.code(), d.severity.code(), owner, respond_by, resolve_by, stamp(now)],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "update",
            "complaint",
            id,
            serde_json::json!({ "severity": d.severity.code(), "owner": owner }),
        )?;
        crate::care::plan::after_write(tx, &[Some(cur.customer_id)], now)
    })?;
    get(db.conn(), id, now)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GoodwillDraft {
    pub what: String,
    /// Đồng, shorthand accepted ("200k"); "0" for a gesture with no price.
    pub value: String,
    pub approved_by: String,
}

/// Records a goodwill gesture ("tặng phiếu mua hàng 200k") with who approved it.
pub fn add_goodwill(
    db: &mut Db,
    id: i64,
    d: &GoodwillDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let what = text_field(&d.what, "what", &mut errors);
    if what.is_empty() {
        errors.push(FieldError::new("what", "required"));
    }
    let value = crate::text::money::parse_vnd(&d.value);
    if value.is_none() {
        errors.push(FieldError::new("value", "amount_invalid"));
    }
    let approved = super::name_field(&d.approved_by, "approved_by", &mut errors);
    if approved.is_empty() {
        errors.push(FieldError::new("approved_by", "required"));
    }
    db.write(|tx| {
        let cur = current(tx, id)?;
        if cur.status == ComplaintStatus::Closed {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: "goodwill" });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        tx.execute(
            "INSERT INTO goodwill(complaint_id, what, value, approved_by, at, staff) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, what, value.unwrap_or(0), approved, stamp(now), staff],
        )?;
        let gid = tx.last_insert_rowid();
        crate::audit::record(tx, now, staff, "create", "goodwill", gid, serde_json::json!({ "complaint": id }))
    })?;
    get(db.conn(), id, now)
}
