//! Moving a claim along its states: the move checked against what its target requires, then
//! applied.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::resolution::{extend_warranty, refund_unit, replace_unit};
use super::{
    date_field, event, get, name_field, text_field, ClaimStatus, ClaimView, Current,
    TransitionDraft,
};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::sales::{amount, search};
use crate::text::serial::normalize_serial;

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

/// Applies a checked move: the claim's fields, what a resolution does to the unit, and the
/// timeline.
fn apply(
    tx: &Connection,
    id: i64,
    cur: &Current,
    d: &TransitionDraft,
    staff: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<()> {
    let Checked { on, note, fee, cost, quote, refund, technician, center, replacement_serial } =
        check(tx, cur, d, today)?;
    let at = stamp(now);
    let set = |sql: &str, value: &dyn rusqlite::ToSql| set_column(tx, id, sql, value);
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
        super::loan::back_at_close(tx, id, on)?;
        if !note.is_empty() {
            set("resolution_note", &note)?;
        }
    }
    match d.to {
        ClaimStatus::Returned if cur.under_warranty => extend_warranty(tx, cur, on, &at)?,
        ClaimStatus::Replaced => replace_unit(tx, id, cur, &replacement_serial, on, &at)?,
        ClaimStatus::Refunded => refund_unit(tx, id, cur, refund, &at)?,
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

/// What a move carries, checked.
struct Checked {
    on: NaiveDate,
    note: String,
    fee: Option<i64>,
    cost: Option<i64>,
    quote: Option<i64>,
    refund: Option<i64>,
    technician: String,
    center: String,
    replacement_serial: Option<String>,
}

/// The move's date, texts and amounts as typed, and what its target state requires.
fn check(tx: &Connection, cur: &Current, d: &TransitionDraft, today: NaiveDate) -> Result<Checked> {
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
    let replacement_serial = replacement_serial(tx, cur, d, &mut errors)?;
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if let Some(serial) = &replacement_serial {
        let conflicts = search::sold_serial(tx, serial, None)?;
        if !conflicts.is_empty() {
            return Err(Error::SerialSold(conflicts));
        }
    }
    Ok(Checked { on, note, fee, cost, quote, refund, technician, center, replacement_serial })
}

/// The serial handed over in a replacement: required when the product is serialised.
fn replacement_serial(
    tx: &Connection,
    cur: &Current,
    d: &TransitionDraft,
    errors: &mut Vec<FieldError>,
) -> Result<Option<String>> {
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
    Ok(replacement_serial)
}

/// Sets one column of the claim.
pub(super) fn set_column(
    tx: &Connection,
    id: i64,
    column: &str,
    value: &dyn rusqlite::ToSql,
) -> Result<()> {
    tx.execute(&format!("UPDATE claim SET {column} = ?2 WHERE id = ?1"), params![id, value])?;
    Ok(())
}
