//! Warranty and repair claims: intake, the moves of the state machine with a dated timeline,
//! the service-centre leg, quotes, and the resolution that changes the unit's warranty.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::coverage::{warranty_end, CoverageState};
use super::unit::{self, UnitView};
use super::{amount, search};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::serial::{normalize_serial, reversed};

pub use super::claim_status::ClaimStatus;

/// Shops chase the service centre after this many days away.
pub const SERVICE_CENTER_WARN_DAYS: i64 = 15;
pub const MAX_CLAIM_TEXT: usize = 2_000;
/// A technician, a service centre ("TTBH Apple Quận 3"), a loan unit's name.
pub const MAX_CLAIM_NAME: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ClaimDraft {
    #[ts(type = "number")]
    pub unit_id: i64,
    /// `dd/MM/yyyy`; empty = today.
    pub received_on: String,
    pub symptom: String,
    pub condition_note: String,
    pub accessories: String,
    pub lock_note: String,
    /// `dd/MM/yyyy`; empty = no promise.
    pub promised_on: String,
    pub loan_unit: String,
    pub technician: String,
}

/// A move to another state, with what that move needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TransitionDraft {
    pub to: ClaimStatus,
    /// The day it happened, `dd/MM/yyyy`; empty = today.
    pub on: String,
    pub note: String,
    /// Required when sending to the service centre (unless already known).
    pub service_center: String,
    /// Required when asking the customer to approve a quote.
    pub quote: String,
    pub fee_charged: String,
    pub internal_cost: String,
    pub technician: String,
    /// The new unit's serial when replacing a serialised product.
    pub replacement_serial: String,
    /// Required when refunding.
    pub refund_amount: String,
}

impl Default for TransitionDraft {
    fn default() -> Self {
        TransitionDraft {
            to: ClaimStatus::Diagnosing,
            on: String::new(),
            note: String::new(),
            service_center: String::new(),
            quote: String::new(),
            fee_charged: String::new(),
            internal_cost: String::new(),
            technician: String::new(),
            replacement_serial: String::new(),
            refund_amount: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClaimEvent {
    pub happened_on: NaiveDate,
    pub at: String,
    pub staff: String,
    pub from_status: Option<ClaimStatus>,
    pub to_status: ClaimStatus,
    pub note: String,
}

/// A claim as listed on the board and the customer card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClaimSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub status: ClaimStatus,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub product_name: String,
    pub serial: Option<String>,
    pub symptom: String,
    pub under_warranty: bool,
    pub received_on: NaiveDate,
    pub promised_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub technician: String,
    /// Past the promised date and not closed.
    pub overdue: bool,
    /// Days at the service centre so far (while there).
    #[ts(type = "number | null")]
    pub days_at_service_center: Option<i64>,
    pub service_center_overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClaimView {
    pub summary: ClaimSummary,
    pub condition_note: String,
    pub accessories: String,
    pub lock_note: String,
    pub loan_unit: String,
    pub service_center: String,
    pub sent_on: Option<NaiveDate>,
    pub back_on: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub quote: Option<i64>,
    pub quote_approved: Option<bool>,
    #[ts(type = "number")]
    pub fee_charged: i64,
    #[ts(type = "number")]
    pub internal_cost: i64,
    pub resolution_note: String,
    #[ts(type = "number | null")]
    pub replacement_unit_id: Option<i64>,
    #[ts(type = "number | null")]
    pub refund_amount: Option<i64>,
    pub opened_by: String,
    pub customer_greeting: Option<String>,
    pub customer_phone: Option<String>,
    pub unit: UnitView,
    pub events: Vec<ClaimEvent>,
    /// The moves allowed now.
    pub next: Vec<ClaimStatus>,
}

const SUMMARY: &str = "SELECT k.id, k.code, k.status, k.customer_id, c.full_name, k.product_name,
    k.serial, k.symptom, k.under_warranty, k.received_on, k.promised_on, k.closed_on, k.technician,
    k.sent_on, k.back_on
    FROM claim k LEFT JOIN customer c ON c.id = k.customer_id";

fn summary_from_row(r: &Row, today: NaiveDate) -> rusqlite::Result<ClaimSummary> {
    let status = ClaimStatus::parse(&r.get::<_, String>(2)?).unwrap_or(ClaimStatus::Received);
    let promised_on: Option<NaiveDate> = r.get(10)?;
    let closed_on: Option<NaiveDate> = r.get(11)?;
    let sent_on: Option<NaiveDate> = r.get(13)?;
    let days_at = (status == ClaimStatus::AtServiceCenter)
        .then_some(sent_on)
        .flatten()
        .map(|s| (today - s).num_days());
    Ok(ClaimSummary {
        id: r.get(0)?,
        code: r.get(1)?,
        status,
        customer_id: r.get(3)?,
        customer_name: r.get(4)?,
        product_name: r.get(5)?,
        serial: r.get(6)?,
        symptom: r.get(7)?,
        under_warranty: r.get(8)?,
        received_on: r.get(9)?,
        promised_on,
        closed_on,
        technician: r.get(12)?,
        overdue: closed_on.is_none() && promised_on.is_some_and(|p| p < today),
        days_at_service_center: days_at,
        service_center_overdue: days_at.is_some_and(|d| d > SERVICE_CENTER_WARN_DAYS),
    })
}

fn date_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    if input.trim().is_empty() {
        return None;
    }
    let d = crate::text::date::parse_date(input);
    if d.is_none() {
        errors.push(FieldError::new(field, "date_invalid"));
    }
    d
}

fn text_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> String {
    crate::text::limit_in(field, input, MAX_CLAIM_TEXT, errors)
}

/// Who works on it, where it is sent: names, not notes.
fn name_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> String {
    crate::text::limit_in(field, input, MAX_CLAIM_NAME, errors)
}

/// Opens a claim on a unit the customer holds. Whether it is covered is decided on the day it
/// was received, and decides whether the days held extend the warranty.
pub fn open(db: &mut Db, d: &ClaimDraft, staff: &str, now: DateTime<Utc>) -> Result<ClaimView> {
    let id = db.write(|tx| {
        let id = open_in(tx, d, staff, now)?;
        let owner = crate::care::plan::owner_of(tx, "claim", id)?;
        crate::care::plan::after_write(tx, &[owner], now)?;
        Ok(id)
    })?;
    get(db.conn(), id, local_date(now))
}

/// Opens a claim inside the caller's transaction (a return judged "repair" opens one).
pub(crate) fn open_in(
    tx: &Connection,
    d: &ClaimDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let today = local_date(now);
    {
        let unit = unit::get(tx, d.unit_id, today)?;
        let mut errors = Vec::new();
        if unit.status != super::UnitStatus::Sold {
            return Err(Error::UnitNotHeld(unit.id));
        }
        if let Some(open) = unit.open_claim_id {
            return Err(Error::ClaimAlreadyOpen(open));
        }
        let received = date_field(&d.received_on, "received_on", &mut errors).unwrap_or(today);
        if received > today {
            errors.push(FieldError::new("received_on", "date_in_future"));
        } else if received < unit.sold_on {
            errors.push(FieldError::new("received_on", "date_before_sale"));
        }
        let promised = date_field(&d.promised_on, "promised_on", &mut errors);
        if promised.is_some_and(|p| p < received) {
            errors.push(FieldError::new("promised_on", "date_before_received"));
        }
        let symptom = text_field(&d.symptom, "symptom", &mut errors);
        if symptom.is_empty() {
            errors.push(FieldError::new("symptom", "required"));
        }
        let condition = text_field(&d.condition_note, "condition_note", &mut errors);
        let accessories = text_field(&d.accessories, "accessories", &mut errors);
        let lock = text_field(&d.lock_note, "lock_note", &mut errors);
        let loan = text_field(&d.loan_unit, "loan_unit", &mut errors);
        let technician = name_field(&d.technician, "technician", &mut errors);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let at_intake = unit::get(tx, unit.id, received)?.coverage.state;
        let covered =
            matches!(at_intake, CoverageState::ExchangeWindow | CoverageState::UnderWarranty);
        let next: i64 = tx.query_row(
            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'claim'), 0) + 1",
            [],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO claim(code, unit_id, customer_id, product_name, serial, status,
                under_warranty, received_on, symptom, condition_note, accessories, lock_note,
                promised_on, loan_unit, technician, opened_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?15, ?16, 'received', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                ?14, ?14)",
            params![
                format!("BH{next:06}"),
                unit.id,
                unit.customer_id,
                covered,
                received,
                symptom,
                condition,
                accessories,
                lock,
                promised,
                loan,
                technician,
                staff,
                stamp(now),
                unit.product_name,
                unit.serial
            ],
        )?;
        let id = tx.last_insert_rowid();
        event(tx, id, received, None, ClaimStatus::Received, &symptom, staff, now)?;
        if let Some(cid) = unit.customer_id {
            crate::customer::touch_contact_in(tx, cid, now)?;
        }
        crate::audit::record(
            tx,
            now,
            staff,
            "create",
            "claim",
            id,
            serde_json::json!({ "unit_id": unit.id }),
        )?;
        Ok(id)
    }
}

#[allow(clippy::too_many_arguments)]
fn event(
    conn: &Connection,
    claim_id: i64,
    on: NaiveDate,
    from: Option<ClaimStatus>,
    to: ClaimStatus,
    note: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO claim_event(claim_id, happened_on, at, staff, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        claim_id,
        on,
        stamp(now),
        staff,
        from.map(|f| f.code()),
        to.code(),
        note
    ])?;
    Ok(())
}

struct Current {
    status: ClaimStatus,
    unit_id: i64,
    customer_id: Option<i64>,
    received_on: NaiveDate,
    under_warranty: bool,
    service_center: String,
    last_on: NaiveDate,
}

/// Moves a claim to `d.to` if that move is allowed from where it is (`forbidden_transition`
/// otherwise), recording the move on its timeline.
pub fn transition(
    db: &mut Db,
    id: i64,
    d: &TransitionDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ClaimView> {
    let today = local_date(now);
    db.write(|tx| {
        let cur = tx
            .prepare_cached(
                "SELECT status, unit_id, customer_id, received_on, under_warranty, service_center,
                    (SELECT max(happened_on) FROM claim_event WHERE claim_id = claim.id)
                 FROM claim WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(Current {
                    status: ClaimStatus::parse(&r.get::<_, String>(0)?)
                        .unwrap_or(ClaimStatus::Received),
                    unit_id: r.get(1)?,
                    customer_id: r.get(2)?,
                    received_on: r.get(3)?,
                    under_warranty: r.get(4)?,
                    service_center: r.get(5)?,
                    last_on: r.get(6)?,
                })
            })
            .optional()?
            .ok_or(Error::NotFound { what: "claim", id })?;
        if !cur.status.can_go_to(d.to) {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: d.to.code() });
        }
        apply(tx, id, &cur, d, staff, now, today)?;
        crate::care::plan::after_write(tx, &[cur.customer_id], now)
    })?;
    get(db.conn(), id, today)
}

#[allow(clippy::too_many_lines)]
fn apply(
    tx: &Connection,
    id: i64,
    cur: &Current,
    d: &TransitionDraft,
    staff: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<()> {
    let mut errors = Vec::new();
    let on = date_field(&d.on, "on", &mut errors).unwrap_or(today);
    if on > today {
        errors.push(FieldError::new("on", "date_in_future"));
    } else if on < cur.last_on {
        errors.push(FieldError::new("on", "date_before_previous"));
    }
    let note = text_field(&d.note, "note", &mut errors);
    let optional_amount = |input: &str, field: &str, errors: &mut Vec<FieldError>| {
        (!input.trim().is_empty()).then(|| amount(input, field, errors))
    };
    let fee = optional_amount(&d.fee_charged, "fee_charged", &mut errors);
    let cost = optional_amount(&d.internal_cost, "internal_cost", &mut errors);
    let quote = optional_amount(&d.quote, "quote", &mut errors);
    let refund = optional_amount(&d.refund_amount, "refund_amount", &mut errors);
    let technician = name_field(&d.technician, "technician", &mut errors);
    let center = name_field(&d.service_center, "service_center", &mut errors);
    match d.to {
        ClaimStatus::AtServiceCenter if center.is_empty() && cur.service_center.is_empty() => {
            errors.push(FieldError::new("service_center", "required"));
        }
        ClaimStatus::AwaitingApproval if quote.unwrap_or(0) <= 0 => {
            errors.push(FieldError::new("quote", "required"));
        }
        ClaimStatus::Rejected if note.is_empty() => {
            errors.push(FieldError::new("note", "reason_required"));
        }
        ClaimStatus::Refunded if refund.is_none() => {
            errors.push(FieldError::new("refund_amount", "required"));
        }
        _ => {}
    }
    let mut replacement_serial = None;
    if d.to == ClaimStatus::Replaced {
        let serial_required: bool = tx.query_row(
            "SELECT p.serial_required FROM unit u JOIN purchase_line l ON l.id = u.line_id
             JOIN product p ON p.id = l.product_id WHERE u.id = ?1",
            [cur.unit_id],
            |r| r.get(0),
        )?;
        if d.replacement_serial.trim().is_empty() {
            if serial_required {
                errors.push(FieldError::new("replacement_serial", "required"));
            }
        } else {
            match normalize_serial(&d.replacement_serial) {
                Some(s) => replacement_serial = Some(s),
                None => errors.push(FieldError::new("replacement_serial", "serial_invalid")),
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if let Some(serial) = &replacement_serial {
        let conflicts = search::sold_serial(tx, serial, None)?;
        if !conflicts.is_empty() {
            return Err(Error::SerialSold(conflicts));
        }
    }
    let at = stamp(now);
    let set = |sql: &str, value: &dyn rusqlite::ToSql| -> Result<()> {
        tx.execute(&format!("UPDATE claim SET {sql} = ?2 WHERE id = ?1"), params![id, value])?;
        Ok(())
    };
    set("status", &d.to.code())?;
    set("updated_at", &at)?;
    if let Some(fee) = fee {
        set("fee_charged", &fee)?;
    }
    if let Some(cost) = cost {
        set("internal_cost", &cost)?;
    }
    if let Some(q) = quote {
        set("quote", &q)?;
    }
    if !technician.is_empty() {
        set("technician", &technician)?;
    }
    if d.to == ClaimStatus::AtServiceCenter {
        if !center.is_empty() {
            set("service_center", &center)?;
        }
        set("sent_on", &on)?;
        tx.execute("UPDATE claim SET back_on = NULL WHERE id = ?1", [id])?;
    } else if cur.status == ClaimStatus::AtServiceCenter {
        set("back_on", &on)?;
    }
    if cur.status == ClaimStatus::AwaitingApproval {
        set("quote_approved", &(d.to != ClaimStatus::Declined && d.to != ClaimStatus::Cancelled))?;
    }
    if d.to.is_closed() {
        set("closed_on", &on)?;
        if !note.is_empty() {
            set("resolution_note", &note)?;
        }
    }
    match d.to {
        ClaimStatus::Returned if cur.under_warranty => {
            // Law 19/2023 Art. 30(2): time in warranty work does not count toward the term.
            let held = (on - cur.received_on).num_days().max(0);
            let (start, months, ext): (NaiveDate, u32, i64) = tx.query_row(
                "SELECT warranty_start, warranty_months, extension_days FROM unit WHERE id = ?1",
                [cur.unit_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            tx.execute(
                "UPDATE unit SET extension_days = ?2, warranty_end = ?3, updated_at = ?4 WHERE id = ?1",
                params![cur.unit_id, ext + held, warranty_end(start, months, ext + held), at],
            )?;
        }
        ClaimStatus::Replaced => {
            let (line_id, months): (i64, u32) = tx.query_row(
                "SELECT line_id, warranty_months FROM unit WHERE id = ?1",
                [cur.unit_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            // A replacement starts a fresh term on the day it is handed over.
            tx.execute(
                "INSERT INTO unit(line_id, customer_id, serial, serial_reversed, warranty_start,
                    warranty_months, exchange_days, warranty_end, replaces_unit_id, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9)",
                params![
                    line_id,
                    cur.customer_id,
                    replacement_serial,
                    replacement_serial.as_deref().map(reversed),
                    on,
                    months,
                    warranty_end(on, months, 0),
                    cur.unit_id,
                    at
                ],
            )?;
            set("replacement_unit_id", &tx.last_insert_rowid())?;
            tx.execute(
                "UPDATE unit SET status = 'replaced', updated_at = ?2 WHERE id = ?1",
                params![cur.unit_id, at],
            )?;
        }
        ClaimStatus::Refunded => {
            set("refund_amount", &refund)?;
            tx.execute(
                "UPDATE unit SET status = 'refunded', updated_at = ?2 WHERE id = ?1",
                params![cur.unit_id, at],
            )?;
        }
        _ => {}
    }
    event(tx, id, on, Some(cur.status), d.to, &note, staff, now)?;
    crate::audit::record(
        tx,
        now,
        staff,
        "transition",
        "claim",
        id,
        serde_json::json!({ "from": cur.status.code(), "to": d.to.code() }),
    )
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<ClaimView> {
    let summary = conn
        .prepare_cached(&format!("{SUMMARY} WHERE k.id = ?1"))?
        .query_row([id], |r| summary_from_row(r, today))
        .optional()?
        .ok_or(Error::NotFound { what: "claim", id })?;
    let unit_id: i64 = conn
        .prepare_cached("SELECT unit_id FROM claim WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let unit = unit::get(conn, unit_id, today)?;
    let mut view = conn
        .prepare_cached(
            "SELECT k.condition_note, k.accessories, k.lock_note, k.loan_unit, k.service_center,
                k.sent_on, k.back_on, k.quote, k.quote_approved, k.fee_charged, k.internal_cost,
                k.resolution_note, k.replacement_unit_id, k.refund_amount, k.opened_by, 0,
                c.address_as, c.call_name,
                (SELECT canonical || ' ' || kind FROM customer_phone
                    WHERE customer_id = c.id AND is_primary = 1)
             FROM claim k LEFT JOIN customer c ON c.id = k.customer_id WHERE k.id = ?1",
        )?
        .query_row([id], |r| {
            let address_as: Option<String> = r.get(16)?;
            let call: Option<String> = r.get(17)?;
            let phone: Option<String> = r.get(18)?;
            Ok(ClaimView {
                summary: summary.clone(),
                condition_note: r.get(0)?,
                accessories: r.get(1)?,
                lock_note: r.get(2)?,
                loan_unit: r.get(3)?,
                service_center: r.get(4)?,
                sent_on: r.get(5)?,
                back_on: r.get(6)?,
                quote: r.get(7)?,
                quote_approved: r.get(8)?,
                fee_charged: r.get(9)?,
                internal_cost: r.get(10)?,
                resolution_note: r.get(11)?,
                replacement_unit_id: r.get(12)?,
                refund_amount: r.get(13)?,
                opened_by: r.get(14)?,
                customer_greeting: crate::customer::stored_greeting(address_as, call),
                customer_phone: phone.and_then(|p| {
                    let (canonical, kind) = p.split_once(' ')?;
                    Some(crate::text::phone::format(
                        canonical,
                        crate::text::phone::PhoneKind::parse(kind),
                    ))
                }),
                unit: unit.clone(),
                events: vec![],
                next: summary.status.next().to_vec(),
            })
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT happened_on, at, staff, from_status, to_status, note FROM claim_event
         WHERE claim_id = ?1 ORDER BY id",
    )?;
    view.events = stmt
        .query_map([id], |r| {
            Ok(ClaimEvent {
                happened_on: r.get(0)?,
                at: r.get(1)?,
                staff: r.get(2)?,
                from_status: r.get::<_, Option<String>>(3)?.and_then(|s| ClaimStatus::parse(&s)),
                to_status: ClaimStatus::parse(&r.get::<_, String>(4)?)
                    .unwrap_or(ClaimStatus::Received),
                note: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(view)
}

/// Open claims, oldest promise first (no promise last).
pub fn board(conn: &Connection, today: NaiveDate) -> Result<Vec<ClaimSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY} WHERE k.closed_on IS NULL ORDER BY k.promised_on IS NULL, k.promised_on, k.id"
    ))?;
    let rows = stmt.query_map([], |r| summary_from_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn for_customer(
    conn: &Connection,
    customer_id: i64,
    today: NaiveDate,
) -> Result<Vec<ClaimSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY} WHERE k.customer_id = ?1 ORDER BY k.closed_on IS NOT NULL, k.id DESC LIMIT 30"
    ))?;
    let rows = stmt.query_map([customer_id], |r| summary_from_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
