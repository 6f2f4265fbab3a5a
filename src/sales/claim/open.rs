//! Opening a claim: the intake checks, then the claim with the first event of its timeline.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::{date_field, event, get, name_field, text_field, ClaimDraft, ClaimStatus, ClaimView};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::sales::coverage::CoverageState;
use crate::sales::unit::{self, UnitView};

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
    let (unit, intake) = check_intake(tx, d, today)?;
    let Intake { received, promised, symptom, condition, accessories, lock, loan, technician } =
        intake;
    let at_intake = unit::get(tx, unit.id, received)?.coverage.state;
    let covered = matches!(at_intake, CoverageState::ExchangeWindow | CoverageState::UnderWarranty);
    let code = crate::store::next_code(tx, "claim", "BH")?;
    tx.execute(
        "INSERT INTO claim(code, unit_id, customer_id, product_name, serial, status,
            under_warranty, received_on, symptom, condition_note, accessories, lock_note,
            promised_on, loan_unit, technician, opened_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?15, ?16, 'received', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
            ?14, ?14)",
        params![
            code,
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
    super::loan::lent_at_intake(tx, id)?;
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

/// A claim's intake fields, checked.
struct Intake {
    received: NaiveDate,
    promised: Option<NaiveDate>,
    symptom: String,
    condition: String,
    accessories: String,
    lock: String,
    loan: String,
    technician: String,
}

/// The unit must be held by the customer with no claim open; the dates and texts as typed.
fn check_intake(tx: &Connection, d: &ClaimDraft, today: NaiveDate) -> Result<(UnitView, Intake)> {
    let unit = unit::get(tx, d.unit_id, today)?;
    let mut errors = Vec::new();
    if unit.status != crate::sales::UnitStatus::Sold {
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
    let intake =
        Intake { received, promised, symptom, condition, accessories, lock, loan, technician };
    Ok((unit, intake))
}
