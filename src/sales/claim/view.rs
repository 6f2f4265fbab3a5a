//! Reading claims: one with its timeline, the board of open ones, a customer's.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::acknowledge::SHOWN;
use super::fold::fold;
use super::order::steps;
use super::{ClaimEvent, ClaimStatus, ClaimSummary, ClaimView, SERVICE_CENTER_WARN_DAYS};
use crate::error::{Error, Result};
use crate::sales::unit;

fn summary_sql() -> String {
    format!(
        "SELECT k.id, k.code, k.status, k.customer_id, c.full_name, k.product_name,
            k.serial, k.symptom, k.under_warranty, k.received_on, k.promised_on, k.closed_on,
            k.technician, k.sent_on, k.back_on, {SHOWN}
         FROM claim k LEFT JOIN customer c ON c.id = k.customer_id"
    )
}

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
        // Written by this build's fold: unreadable means damaged, and shows nothing.
        conflict: r.get::<_, Option<String>>(15)?.and_then(|json| serde_json::from_str(&json).ok()),
    })
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<ClaimView> {
    let summary = conn
        .prepare_cached(&format!("{} WHERE k.id = ?1", summary_sql()))?
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
                    WHERE customer_id = c.id AND is_primary = 1),
                k.loan_lent_on, k.loan_returned_on
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
                loan_lent_on: r.get(19)?,
                loan_returned_on: r.get(20)?,
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
    // The timeline in the order the state folds from, each event marked applied or set aside.
    let steps = steps(conn, id)?;
    let folded = fold(&steps);
    view.events = steps
        .into_iter()
        .zip(folded.applied)
        .map(|(s, applied)| ClaimEvent {
            store: s.store(),
            happened_on: s.happened_on,
            at: s.at,
            staff: s.staff,
            from_status: s.from,
            to_status: s.to,
            note: s.note,
            applied,
        })
        .collect();
    Ok(view)
}

/// Open claims, oldest promise first (no promise last).
pub fn board(conn: &Connection, today: NaiveDate) -> Result<Vec<ClaimSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{} WHERE k.closed_on IS NULL ORDER BY k.promised_on IS NULL, k.promised_on, k.id",
        summary_sql()
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
        "{} WHERE k.customer_id = ?1 ORDER BY k.closed_on IS NOT NULL, k.id DESC LIMIT 30",
        summary_sql()
    ))?;
    let rows = stmt.query_map([customer_id], |r| summary_from_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
