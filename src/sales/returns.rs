//! Returns and exchanges: the policy sold with the line gives a verdict for the day and the
//! item's condition; doing anything else needs a written reason, kept with the return.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::claim::{self, ClaimDraft};
use super::coverage::warranty_end;
use super::policy::{verdict, PolicyTerms, Remedy, ReturnCheck, Verdict};
use super::purchase::{self, LineDraft, PurchaseDraft};
use super::{amount, UnitStatus};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ReturnOutcome {
    Refund,
    Exchange,
    StoreCredit,
    /// Taken in for repair: a claim is opened.
    Repair,
    Refused,
}

crate::text::code::stored_code!(ReturnOutcome);

impl ReturnOutcome {
    /// What the policy's remedy allows without an override.
    fn follows(self, remedy: Remedy) -> bool {
        match remedy {
            Remedy::Exchange => self == ReturnOutcome::Exchange,
            Remedy::Refund => matches!(self, ReturnOutcome::Refund | ReturnOutcome::StoreCredit),
            Remedy::Repair | Remedy::PaidRepair => self == ReturnOutcome::Repair,
            Remedy::Refuse => self == ReturnOutcome::Refused,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReturnDraft {
    #[ts(type = "number")]
    pub line_id: i64,
    /// Required when the line has units (serialised or warranted items).
    #[ts(type = "number | null")]
    pub unit_id: Option<i64>,
    #[ts(type = "number")]
    pub quantity: i64,
    /// `dd/MM/yyyy`; empty = today.
    pub returned_on: String,
    pub check: ReturnCheck,
    pub reason: String,
    pub outcome: ReturnOutcome,
    /// Required when the outcome departs from the verdict.
    pub override_reason: String,
    pub refund_amount: String,
    pub credit_amount: String,
    /// The goods given in exchange (a new purchase).
    pub exchange_lines: Vec<LineDraft>,
}

impl Default for ReturnDraft {
    fn default() -> Self {
        ReturnDraft {
            line_id: 0,
            unit_id: None,
            quantity: 1,
            returned_on: String::new(),
            check: ReturnCheck::default(),
            reason: String::new(),
            outcome: ReturnOutcome::Refused,
            override_reason: String::new(),
            refund_amount: String::new(),
            credit_amount: String::new(),
            exchange_lines: vec![],
        }
    }
}

/// What the wizard shows before anything is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReturnPreview {
    pub verdict: Verdict,
    pub policy: PolicyTerms,
    pub sold_on: NaiveDate,
    pub warranty_until: NaiveDate,
    /// What one unit was paid, after the line's discount.
    #[ts(type = "number")]
    pub paid_per_unit: i64,
    /// The refund the policy gives for `quantity` units.
    #[ts(type = "number")]
    pub suggested_refund: i64,
    #[ts(type = "number")]
    pub returnable_quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReturnView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub line_id: i64,
    #[ts(type = "number")]
    pub purchase_id: i64,
    pub receipt_no: String,
    pub product_name: String,
    pub serial: Option<String>,
    pub customer_name: Option<String>,
    pub returned_on: NaiveDate,
    #[ts(type = "number")]
    pub quantity: i64,
    pub check: ReturnCheck,
    pub reason: String,
    pub verdict: Verdict,
    pub outcome: ReturnOutcome,
    pub override_reason: Option<String>,
    #[ts(type = "number")]
    pub refund_amount: i64,
    #[ts(type = "number")]
    pub credit_amount: i64,
    #[ts(type = "number | null")]
    pub exchange_purchase_id: Option<i64>,
    #[ts(type = "number | null")]
    pub claim_id: Option<i64>,
    pub staff: String,
}

struct LineFacts {
    purchase_id: i64,
    customer_id: Option<i64>,
    sold_on: NaiveDate,
    quantity: i64,
    unit_price: i64,
    discount: i64,
    months: u32,
    policy: PolicyTerms,
    has_units: bool,
    returned: i64,
    voided: bool,
}

fn line_facts(conn: &Connection, line_id: i64) -> Result<LineFacts> {
    conn.prepare_cached(
        "SELECT l.purchase_id, p.customer_id, date(p.sold_at, '+7 hours'), l.quantity, l.unit_price,
            l.discount, l.warranty_months, l.policy,
            EXISTS (SELECT 1 FROM unit WHERE line_id = l.id),
            (SELECT coalesce(sum(quantity), 0) FROM return_case r WHERE r.line_id = l.id
                AND r.outcome <> 'refused' AND r.outcome <> 'repair'),
            p.voided_at IS NOT NULL
         FROM purchase_line l JOIN purchase p ON p.id = l.purchase_id WHERE l.id = ?1",
    )?
    .query_row([line_id], |r| {
        let policy: String = r.get(7)?;
        Ok(LineFacts {
            purchase_id: r.get(0)?,
            customer_id: r.get(1)?,
            sold_on: r.get(2)?,
            quantity: r.get(3)?,
            unit_price: r.get(4)?,
            discount: r.get(5)?,
            months: r.get(6)?,
            policy: super::policy::from_json(&policy)?,
            has_units: r.get(8)?,
            returned: r.get(9)?,
            voided: r.get(10)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound { what: "purchase_line", id: line_id })
}

fn returned_on(
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

fn judge(
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

pub fn record(db: &mut Db, d: &ReturnDraft, staff: &str, now: DateTime<Utc>) -> Result<ReturnView> {
    record_by(db, d, staff, true, now)
}

/// [`record`] by an account that may or may not depart from the policy's verdict: without
/// `may_override` such a return is refused (`forbidden`), whatever reason is written.
pub fn record_by(
    db: &mut Db,
    d: &ReturnDraft,
    staff: &str,
    may_override: bool,
    now: DateTime<Utc>,
) -> Result<ReturnView> {
    let id = db.write(|tx| {
        let id = record_in(tx, d, staff, may_override, now)?;
        let owner: Option<i64> =
            tx.query_row("SELECT customer_id FROM return_case WHERE id = ?1", [id], |r| r.get(0))?;
        crate::care::plan::after_write(tx, &[owner], now)?;
        Ok(id)
    })?;
    get(db.conn(), id)
}

#[allow(clippy::too_many_lines)]
fn record_in(
    tx: &Connection,
    d: &ReturnDraft,
    staff: &str,
    may_override: bool,
    now: DateTime<Utc>,
) -> Result<i64> {
    let today = local_date(now);
    let f = line_facts(tx, d.line_id)?;
    if f.voided {
        return Err(Error::PurchaseVoided(f.purchase_id));
    }
    let mut errors = Vec::new();
    let on = returned_on(&d.returned_on, today, f.sold_on, &mut errors);
    let quantity = if f.has_units { 1 } else { d.quantity };
    if f.has_units {
        let unit: Option<(i64, String)> = match d.unit_id {
            Some(uid) => tx
                .prepare_cached("SELECT line_id, status FROM unit WHERE id = ?1")?
                .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?,
            None => None,
        };
        match unit {
            Some((line, status)) if line == d.line_id && status == UnitStatus::Sold.code() => {}
            Some((line, _)) if line == d.line_id => {
                errors.push(FieldError::new("unit_id", "unit_not_held"));
            }
            _ => errors.push(FieldError::new("unit_id", "unit_required")),
        }
    } else if quantity <= 0 {
        errors.push(FieldError::new("quantity", "quantity_positive"));
    } else if quantity > f.quantity - f.returned {
        errors.push(FieldError::new("quantity", "quantity_exceeds"));
    }
    // The reason becomes the symptom of the claim a repair opens: a claim's length.
    let reason = crate::text::limit_in("reason", &d.reason, claim::MAX_CLAIM_TEXT, &mut errors);
    if reason.is_empty() && !errors.iter().any(|e| e.field == "reason") {
        errors.push(FieldError::new("reason", "required"));
    }
    let override_reason = crate::text::limit_in(
        "override_reason",
        &d.override_reason,
        crate::text::limit::REASON,
        &mut errors,
    );
    let refund = if d.refund_amount.trim().is_empty() {
        None
    } else {
        Some(amount(&d.refund_amount, "refund_amount", &mut errors))
    };
    let credit = if d.credit_amount.trim().is_empty() {
        0
    } else {
        amount(&d.credit_amount, "credit_amount", &mut errors)
    };
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let p = judge(tx, &f, d.unit_id.filter(|_| f.has_units), d.check, on, quantity)?;
    let refund = match d.outcome {
        ReturnOutcome::Refund => refund.unwrap_or(p.suggested_refund),
        _ => 0,
    };
    let value = p.paid_per_unit * quantity;
    if refund > value {
        errors.push(FieldError::new("refund_amount", "refund_exceeds_paid"));
    }
    if credit > value {
        errors.push(FieldError::new("credit_amount", "refund_exceeds_paid"));
    }
    if d.outcome == ReturnOutcome::StoreCredit && credit == 0 {
        errors.push(FieldError::new("credit_amount", "required"));
    }
    if d.outcome == ReturnOutcome::Exchange && d.exchange_lines.is_empty() {
        errors.push(FieldError::new("exchange_lines", "lines_empty"));
    }
    if d.outcome == ReturnOutcome::Repair && !f.has_units {
        errors.push(FieldError::new("outcome", "repair_needs_unit"));
    }
    // Departing from the verdict, or refunding beyond its percentage, needs a written reason.
    let departs = !d.outcome.follows(p.verdict.remedy) || refund > p.suggested_refund;
    if departs && !may_override {
        return Err(Error::Forbidden(crate::staff::Permission::OverridePolicy.code()));
    }
    if departs && override_reason.is_empty() {
        errors.push(FieldError::new("override_reason", "override_reason_required"));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let exchange_purchase = if d.outcome == ReturnOutcome::Exchange {
        let draft = PurchaseDraft {
            customer_id: f.customer_id,
            lines: d.exchange_lines.clone(),
            ..PurchaseDraft::default()
        };
        Some(purchase::create_in(tx, &draft, staff, now).map_err(|e| {
            match e {
                // The exchange lines' own errors, named as the wizard's fields.
                Error::Validation(errs) => Error::Validation(
                    errs.into_iter()
                        .map(|e| FieldError::new(&format!("exchange_{}", e.field), &e.code))
                        .collect(),
                ),
                other => other,
            }
        })?)
    } else {
        None
    };
    let claim_id = if d.outcome == ReturnOutcome::Repair {
        let draft = ClaimDraft {
            unit_id: d.unit_id.unwrap_or_default(),
            received_on: crate::text::date::format_date(on),
            symptom: reason.clone(),
            ..ClaimDraft::default()
        };
        Some(claim::open_in(tx, &draft, staff, now)?)
    } else {
        None
    };
    let verdict_json = serde_json::to_string(&p.verdict).map_err(|e| Error::Io(e.into()))?;
    tx.execute(
        "INSERT INTO return_case(line_id, unit_id, customer_id, returned_on, quantity, faulty, intact,
            has_receipt, reason, verdict, outcome, override_reason, refund_amount, credit_amount,
            exchange_purchase_id, claim_id, staff, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            d.line_id,
            d.unit_id.filter(|_| f.has_units),
            f.customer_id,
            on,
            quantity,
            d.check.faulty,
            d.check.intact,
            d.check.has_receipt,
            reason,
            verdict_json,
            d.outcome.code(),
            departs.then_some(override_reason),
            refund,
            if d.outcome == ReturnOutcome::StoreCredit { credit } else { 0 },
            exchange_purchase,
            claim_id,
            staff,
            stamp(now)
        ],
    )?;
    let id = tx.last_insert_rowid();
    let status = match d.outcome {
        ReturnOutcome::Refund | ReturnOutcome::StoreCredit => Some(UnitStatus::Returned),
        ReturnOutcome::Exchange => Some(UnitStatus::Exchanged),
        ReturnOutcome::Repair | ReturnOutcome::Refused => None,
    };
    if let (Some(status), Some(uid)) = (status, d.unit_id.filter(|_| f.has_units)) {
        tx.execute(
            "UPDATE unit SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![uid, status.code(), stamp(now)],
        )?;
    }
    crate::audit::record(
        tx,
        now,
        staff,
        "create",
        "return",
        id,
        serde_json::json!({ "outcome": d.outcome.code(), "override": departs }),
    )?;
    Ok(id)
}

pub fn get(conn: &Connection, id: i64) -> Result<ReturnView> {
    conn.prepare_cached(
        "SELECT r.line_id, l.purchase_id, p.receipt_no, l.product_name, u.serial, c.full_name,
            r.returned_on, r.quantity, r.faulty, r.intact, r.has_receipt, r.reason, r.verdict,
            r.outcome, r.override_reason, r.refund_amount, r.credit_amount, r.exchange_purchase_id,
            r.claim_id, r.staff
         FROM return_case r JOIN purchase_line l ON l.id = r.line_id
         JOIN purchase p ON p.id = l.purchase_id LEFT JOIN unit u ON u.id = r.unit_id
         LEFT JOIN customer c ON c.id = r.customer_id WHERE r.id = ?1",
    )?
    .query_row([id], |r| {
        let verdict: String = r.get(12)?;
        let outcome: String = r.get(13)?;
        Ok(ReturnView {
            id,
            line_id: r.get(0)?,
            purchase_id: r.get(1)?,
            receipt_no: r.get(2)?,
            product_name: r.get(3)?,
            serial: r.get(4)?,
            customer_name: r.get(5)?,
            returned_on: r.get(6)?,
            quantity: r.get(7)?,
            check: ReturnCheck { faulty: r.get(8)?, intact: r.get(9)?, has_receipt: r.get(10)? },
            reason: r.get(11)?,
            verdict: super::policy::from_json(&verdict)?,
            outcome: serde_json::from_value(serde_json::Value::String(outcome)).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    13,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
            override_reason: r.get(14)?,
            refund_amount: r.get(15)?,
            credit_amount: r.get(16)?,
            exchange_purchase_id: r.get(17)?,
            claim_id: r.get(18)?,
            staff: r.get(19)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound { what: "return", id })
}
