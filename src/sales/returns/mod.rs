//! Returns and exchanges: the policy sold with the line gives a verdict for the day and the
//! item's condition; doing anything else needs a written reason, kept with the return.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::policy::{PolicyTerms, Remedy, ReturnCheck, Verdict};
use super::purchase::LineDraft;
use crate::error::{Error, Result};

mod judge;
mod record;

pub use judge::preview;
pub(crate) use record::record_tx;
pub use record::{record, record_approved, record_by};

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
    /// The owner or manager whose PIN approved a return outside the policy made by an account
    /// without `override_policy`.
    pub approved_by: Option<String>,
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

pub fn get(conn: &Connection, id: i64) -> Result<ReturnView> {
    conn.prepare_cached(
        "SELECT r.line_id, l.purchase_id, p.receipt_no, l.product_name, u.serial, c.full_name,
            r.returned_on, r.quantity, r.faulty, r.intact, r.has_receipt, r.reason, r.verdict,
            r.outcome, r.override_reason, r.refund_amount, r.credit_amount, r.exchange_purchase_id,
            r.claim_id, r.staff, r.approved_by
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
            approved_by: r.get(20)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound { what: "return", id })
}
