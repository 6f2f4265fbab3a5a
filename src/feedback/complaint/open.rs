//! Opening a case: its service targets are set from its severity in opening hours.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{event, get, ComplaintDraft, ComplaintStatus, ComplaintView, Severity};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::feedback::{live_customer, service, text_field};

/// The targets for a case opened at `opened` with `severity`.
pub(super) fn targets(
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
    crate::feedback::name_field(&d.owner, "owner", errors);
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
    let code = crate::store::next_code(tx, "complaint", "KN")?;
    let summary = crate::text::nfc(d.summary.trim());
    let owner = crate::text::nfc(d.owner.trim());
    tx.execute(
        "INSERT INTO complaint(code, customer_id, category, severity, owner, status, channel, summary,
            purchase_id, claim_id, opened_at, respond_by, resolve_by, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?10)",
        params![
            code,
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
    crate::feedback::interaction::insert(
        tx,
        &crate::feedback::interaction::Row {
            customer_id: customer,
            at: now,
            channel: d.channel,
            inbound: true,
            kind: crate::feedback::interaction::InteractionKind::Complaint,
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
