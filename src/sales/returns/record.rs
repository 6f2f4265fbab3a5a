//! Recording a return: checked, weighed against the verdict, then the exchange or the repair
//! it opens, the return itself and the unit leaving the customer's hands.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::judge::{judge, returned_on};
use super::{get, line_facts, LineFacts, ReturnDraft, ReturnOutcome, ReturnPreview, ReturnView};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::sales::claim::{self, ClaimDraft};
use crate::sales::purchase::{self, PurchaseDraft};
use crate::sales::{amount, UnitStatus};

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
    record_approved(db, d, staff, may_override, None, now)
}

/// [`record_by`] where an approver whose PIN was checked lets `staff` depart from the verdict:
/// `approved_by` is recorded on the return and in its audit row when it does depart.
pub fn record_approved(
    db: &mut Db,
    d: &ReturnDraft,
    staff: &str,
    may_override: bool,
    approved_by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ReturnView> {
    let id = db.write(|tx| record_tx(tx, d, staff, may_override, approved_by, now))?;
    get(db.conn(), id)
}

/// [`record_approved`] inside the caller's transaction (loyalty moves the return's credit and
/// points in the same one); the return's id.
pub(crate) fn record_tx(
    tx: &Connection,
    d: &ReturnDraft,
    staff: &str,
    may_override: bool,
    approved_by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let may_override = may_override || approved_by.is_some();
    let id = record_in(tx, d, (staff, approved_by), may_override, now)?;
    // Store credit is a ledger (`loyalty::credit`); whatever path records a return, the credit
    // it gives enters the ledger with it.
    tx.execute(
        "INSERT INTO credit_entry(customer_id, kind, amount, return_id, staff, at)
         SELECT customer_id, 'return', credit_amount, id, ?2, ?3 FROM return_case
         WHERE id = ?1 AND credit_amount > 0 AND customer_id IS NOT NULL",
        params![id, staff, stamp(now)],
    )?;
    let owner: Option<i64> =
        tx.query_row("SELECT customer_id FROM return_case WHERE id = ?1", [id], |r| r.get(0))?;
    crate::care::plan::after_write(tx, &[owner], now)?;
    Ok(id)
}

/// Records a return: the draft checked, the verdict weighed, then what the outcome writes.
fn record_in(
    tx: &Connection,
    d: &ReturnDraft,
    (staff, approver): (&str, Option<&str>),
    may_override: bool,
    now: DateTime<Utc>,
) -> Result<i64> {
    let today = local_date(now);
    let f = line_facts(tx, d.line_id)?;
    if f.voided {
        return Err(Error::PurchaseVoided(f.purchase_id));
    }
    let t = check_draft(tx, d, &f, today)?;
    let (p, refund, departs) = weigh(tx, d, &f, &t, may_override)?;
    let Typed { on, quantity, reason, override_reason, credit, .. } = t;
    let exchange_purchase = exchange(tx, d, &f, staff, now)?;
    let claim_id = open_repair(tx, d, on, &reason, staff, now)?;
    let verdict_json = serde_json::to_string(&p.verdict).map_err(|e| Error::Io(e.into()))?;
    // An approval within the policy approved nothing: only a departure records its approver.
    let approved_by = approver.filter(|_| departs);
    tx.execute(
        "INSERT INTO return_case(line_id, unit_id, customer_id, returned_on, quantity, faulty, intact,
            has_receipt, reason, verdict, outcome, override_reason, refund_amount, credit_amount,
            exchange_purchase_id, claim_id, staff, created_at, approved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19)",
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
            stamp(now),
            approved_by,
        ],
    )?;
    let id = tx.last_insert_rowid();
    release_unit(tx, d, &f, now)?;
    crate::audit::record(
        tx,
        now,
        staff,
        "create",
        "return",
        id,
        serde_json::json!({
            "outcome": d.outcome.code(),
            "override": departs,
            "approved_by": approved_by,
        }),
    )?;
    Ok(id)
}

/// The draft's own fields, checked.
struct Typed {
    on: NaiveDate,
    quantity: i64,
    reason: String,
    override_reason: String,
    refund: Option<i64>,
    credit: i64,
}

/// The day, the unit or quantity returned, the reasons and the amounts as typed.
fn check_draft(tx: &Connection, d: &ReturnDraft, f: &LineFacts, today: NaiveDate) -> Result<Typed> {
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
    Ok(Typed { on, quantity, reason, override_reason, refund, credit })
}

/// The outcome and amounts against the policy's verdict: the refund actually given, and
/// whether the return departs from the verdict (which needs the right and a written reason).
fn weigh(
    tx: &Connection,
    d: &ReturnDraft,
    f: &LineFacts,
    t: &Typed,
    may_override: bool,
) -> Result<(ReturnPreview, i64, bool)> {
    let (on, quantity, refund, credit) = (t.on, t.quantity, t.refund, t.credit);
    let override_reason = &t.override_reason;
    let mut errors = Vec::new();
    let p = judge(tx, f, d.unit_id.filter(|_| f.has_units), d.check, on, quantity)?;
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
    Ok((p, refund, departs))
}

/// The purchase an exchange writes, its lines' errors named as the wizard's fields.
fn exchange(
    tx: &Connection,
    d: &ReturnDraft,
    f: &LineFacts,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    Ok(if d.outcome == ReturnOutcome::Exchange {
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
    })
}

/// The claim a return judged "repair" opens, the reason as its symptom.
fn open_repair(
    tx: &Connection,
    d: &ReturnDraft,
    on: NaiveDate,
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    Ok(if d.outcome == ReturnOutcome::Repair {
        let draft = ClaimDraft {
            unit_id: d.unit_id.unwrap_or_default(),
            received_on: crate::text::date::format_date(on),
            symptom: reason.to_owned(),
            ..ClaimDraft::default()
        };
        Some(claim::open_in(tx, &draft, staff, now)?)
    } else {
        None
    })
}

/// A unit refunded, credited or exchanged leaves the customer's hands.
fn release_unit(tx: &Connection, d: &ReturnDraft, f: &LineFacts, now: DateTime<Utc>) -> Result<()> {
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
    Ok(())
}
