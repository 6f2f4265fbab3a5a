//! Vouchers the owner creates by hand, and archiving one. A code is letters and digits, unique
//! whatever its case; left empty, the app makes one up.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::date::parse_date;

/// Codes are read aloud and typed at the counter: short.
pub const MAX_CODE: usize = 20;
pub const MIN_CODE: usize = 3;

/// A new voucher as the form types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VoucherDraft {
    /// Letters and digits; empty = a code made up by the app.
    pub code: String,
    /// Percent off (1–100) rather than an amount.
    pub percent: bool,
    /// Đồng as typed, or the percentage.
    pub value: String,
    /// The most a percentage takes off, as typed; empty = no cap.
    pub max_discount: String,
    /// Spend needed, as typed; empty = none.
    pub min_spend: String,
    /// The last day it may be used (`dd/MM/yyyy`); empty = no end.
    pub expires_on: String,
    /// How many sales may use it; empty = any number.
    pub max_uses: String,
    /// A personal voucher: only this customer may use it.
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub note: String,
}

/// The draft read and checked: what is written.
struct Checked {
    code: String,
    kind: &'static str,
    value: i64,
    max_discount: Option<i64>,
    min_spend: i64,
    expires_on: Option<NaiveDate>,
    max_uses: Option<i64>,
    note: String,
}

fn optional_amount(input: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    if input.trim().is_empty() {
        None
    } else {
        Some(crate::sales::amount(input, field, errors))
    }
}

fn check_code(conn: &Connection, code: &str, errors: &mut Vec<FieldError>) -> Result<String> {
    let code = code.trim().to_uppercase();
    if code.is_empty() {
        return crate::care::plan::vouchers::fresh_code(conn, "");
    }
    let n = code.chars().count();
    if !(MIN_CODE..=MAX_CODE).contains(&n) || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        errors.push(FieldError::new("code", "voucher_code_invalid"));
    } else if conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM voucher WHERE code = ?1)")?
        .query_row([&code], |r| r.get::<_, bool>(0))?
    {
        errors.push(FieldError::new("code", "voucher_code_taken"));
    }
    Ok(code)
}

fn check(conn: &Connection, d: &VoucherDraft, today: NaiveDate) -> Result<Checked> {
    let mut errors = Vec::new();
    let code = check_code(conn, &d.code, &mut errors)?;
    let value = if d.percent {
        match d.value.trim().trim_end_matches('%').trim().parse::<i64>() {
            Ok(p) if (1..=100).contains(&p) => p,
            _ => {
                errors.push(FieldError::new("value", "percent_out_of_range"));
                0
            }
        }
    } else {
        let v = crate::sales::amount(&d.value, "value", &mut errors);
        if v == 0 && errors.iter().all(|e| e.field != "value") {
            errors.push(FieldError::new("value", "out_of_range"));
        }
        v
    };
    let max_discount = if d.percent {
        optional_amount(&d.max_discount, "max_discount", &mut errors).filter(|c| *c > 0)
    } else {
        None
    };
    let min_spend = optional_amount(&d.min_spend, "min_spend", &mut errors).unwrap_or(0);
    let expires_on = match d.expires_on.trim() {
        "" => None,
        s => match parse_date(s) {
            Some(day) if day < today => {
                errors.push(FieldError::new("expires_on", "voucher_expiry_past"));
                None
            }
            Some(day) => Some(day),
            None => {
                errors.push(FieldError::new("expires_on", "date_invalid"));
                None
            }
        },
    };
    let max_uses = match d.max_uses.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(n) if (1..=1_000_000).contains(&n) => Some(n),
            _ => {
                errors.push(FieldError::new("max_uses", "out_of_range"));
                None
            }
        },
    };
    if let Some(id) = d.customer_id {
        crate::customer::check_live(conn, id, crate::customer::Change::Edit, &mut errors)?;
    }
    let note = crate::text::limit::limit_in("note", &d.note, crate::text::limit::NOTE, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(Checked {
        code,
        kind: if d.percent { "percent" } else { "amount" },
        value,
        max_discount,
        min_spend,
        expires_on,
        max_uses,
        note,
    })
}

/// Creates a voucher (with its audit row); nothing is written when the draft does not check.
pub fn create(db: &mut Db, d: &VoucherDraft, staff: &str, now: DateTime<Utc>) -> Result<i64> {
    db.write(|tx| {
        let c = check(tx, d, local_date(now))?;
        tx.execute(
            "INSERT INTO voucher(code, kind, value, min_spend, max_discount, expires_on, max_uses,
                customer_id, origin, note, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'manual', ?9, ?10, ?11)",
            params![
                c.code,
                c.kind,
                c.value,
                c.min_spend,
                c.max_discount,
                c.expires_on,
                c.max_uses,
                d.customer_id,
                c.note,
                staff,
                stamp(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::record(
            tx,
            now,
            staff,
            "create",
            "voucher",
            id,
            serde_json::json!({ "code": c.code, "kind": c.kind, "value": c.value }),
        )?;
        Ok(id)
    })
}

/// Archives a voucher (it can no longer be used) or brings it back.
pub fn set_archived(
    db: &mut Db,
    id: i64,
    archived: bool,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    db.write(|tx| {
        let at = archived.then(|| stamp(now));
        let n = tx.execute("UPDATE voucher SET archived_at = ?2 WHERE id = ?1", params![id, at])?;
        if n == 0 {
            return Err(Error::NotFound { what: "voucher", id });
        }
        let action = if archived { "archive" } else { "restore" };
        crate::audit::record(tx, now, staff, action, "voucher", id, serde_json::json!({}))
    })
}
