//! The policy's verdict on a line returned on a day, in the condition checked.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::{line_facts, LineFacts, ReturnPreview};
use crate::clock::local_date;
use crate::error::{Error, FieldError, Result};
use crate::sales::coverage::warranty_end;
use crate::sales::policy::{verdict, ReturnCheck};

pub(super) fn returned_on(
    input: &str,
    today: NaiveDate,
    sold_on: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> NaiveDate {
    if input.trim().is_empty() {
        return today;
    }
    match crate::text::date::parse_date(input) {
        Some(d) if d > today => {
            errors.push(FieldError::new("returned_on", "date_in_future"));
            today
        }
        Some(d) if d < sold_on => {
            errors.push(FieldError::new("returned_on", "date_before_sale"));
            today
        }
        Some(d) => d,
        None => {
            errors.push(FieldError::new("returned_on", "date_invalid"));
            today
        }
    }
}

/// The unit's warranty end (extended by past work) or, without units, the line's term.
fn warranty_until(conn: &Connection, f: &LineFacts, unit_id: Option<i64>) -> Result<NaiveDate> {
    if let Some(uid) = unit_id {
        let end: Option<NaiveDate> = conn
            .prepare_cached("SELECT warranty_end FROM unit WHERE id = ?1")?
            .query_row([uid], |r| r.get(0))
            .optional()?;
        if let Some(end) = end {
            return Ok(end);
        }
    }
    Ok(warranty_end(f.sold_on, f.months, 0))
}

pub(super) fn judge(
    conn: &Connection,
    f: &LineFacts,
    unit_id: Option<i64>,
    check: ReturnCheck,
    on: NaiveDate,
    quantity: i64,
) -> Result<ReturnPreview> {
    let until = warranty_until(conn, f, unit_id)?;
    let v = verdict(
        &f.policy,
        (on - f.sold_on).num_days(),
        (until - f.sold_on).num_days(),
        check,
        f.discount > 0,
    );
    let paid_per_unit = (f.unit_price * f.quantity - f.discount) / f.quantity.max(1);
    let suggested_refund = paid_per_unit * quantity * i64::from(v.refund_percent) / 100;
    Ok(ReturnPreview {
        verdict: v,
        policy: f.policy.clone(),
        sold_on: f.sold_on,
        warranty_until: until,
        paid_per_unit,
        suggested_refund,
        returnable_quantity: f.quantity - f.returned,
    })
}

pub fn preview(
    conn: &Connection,
    line_id: i64,
    unit_id: Option<i64>,
    check: ReturnCheck,
    returned_on_input: &str,
    quantity: i64,
    now: DateTime<Utc>,
) -> Result<ReturnPreview> {
    let f = line_facts(conn, line_id)?;
    let mut errors = Vec::new();
    let on = returned_on(returned_on_input, local_date(now), f.sold_on, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    judge(conn, &f, unit_id, check, on, quantity.max(1))
}
