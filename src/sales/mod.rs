//! After-sales: the product catalogue and its policies, purchases, sold units and their
//! warranty, warranty claims and returns. Owns every table of migration 0002.

mod archive;
pub mod claim;
mod claim_status;
pub mod coverage;
pub mod policy;
pub mod product;
pub mod purchase;
pub mod returns;
pub mod search;
pub mod settings;
pub mod unit;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{FieldError, Result};

pub use claim::{ClaimStatus, ClaimView};
pub use coverage::{Coverage, CoverageState};
pub use purchase::{LineDraft, PurchaseDraft, PurchaseSummary, PurchaseView, TenderDraft};
pub use unit::{UnitStatus, UnitView};

/// Another sale still holding a serial being sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SerialConflict {
    pub serial: String,
    #[ts(type = "number")]
    pub unit_id: i64,
    #[ts(type = "number")]
    pub purchase_id: i64,
    pub receipt_no: String,
    pub sold_on: NaiveDate,
    pub customer_name: Option<String>,
    pub product_name: String,
}

/// An amount of đồng as typed; a negative or unreadable one is a field error (0 returned).
pub(crate) fn amount(input: &str, field: &str, errors: &mut Vec<FieldError>) -> i64 {
    if input.trim().starts_with('-') {
        errors.push(FieldError::new(field, "negative"));
        return 0;
    }
    match crate::text::money::parse_vnd(input) {
        Some(v) => v,
        None => {
            errors.push(FieldError::new(field, "money_invalid"));
            0
        }
    }
}

/// The after-sales part of a customer's card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AfterSales {
    pub purchases: Vec<PurchaseSummary>,
    /// Units the customer holds now, soonest warranty end first.
    pub units: Vec<UnitView>,
    /// Open claims first, then the latest closed ones.
    pub claims: Vec<claim::ClaimSummary>,
    #[ts(type = "number")]
    pub store_credit: i64,
    #[ts(type = "number")]
    pub lifetime_value: i64,
}

pub fn for_customer(conn: &Connection, customer_id: i64, today: NaiveDate) -> Result<AfterSales> {
    let units = unit::query(
        conn,
        "WHERE u.customer_id = ?2 AND u.status = 'sold' ORDER BY u.warranty_end",
        &[&customer_id],
        today,
    )?;
    let (credit, value): (i64, i64) = conn
        .prepare_cached(
            // Store credit is the sum of its ledger (loyalty::credit), spent or not.
            "SELECT (SELECT coalesce(sum(amount), 0) FROM credit_entry WHERE customer_id = ?1),
                    (SELECT coalesce(sum(total), 0) FROM purchase WHERE customer_id = ?1 AND voided_at IS NULL)
                  - (SELECT coalesce(sum(refund_amount), 0) FROM return_case WHERE customer_id = ?1)",
        )?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(AfterSales {
        purchases: purchase::for_customer(conn, customer_id, 50)?,
        units,
        claims: claim::for_customer(conn, customer_id, today)?,
        store_credit: credit,
        lifetime_value: value,
    })
}
