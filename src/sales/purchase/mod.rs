//! Purchases: receipt, buyer, lines with the terms in force, one unit per serialised or
//! warranted item. Edits and voids keep the purchase as it was in `purchase_revision`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::policy::PolicyTerms;
use super::unit::UnitView;

mod create;
mod revise;
mod validate;
mod view;

pub use create::create;
pub(crate) use create::create_in;
pub(crate) use revise::void_in;
pub use revise::{update, void};
pub(crate) use view::conflict_of;
pub use view::{for_customer, get, PurchaseSummary};

pub const MAX_LINES: usize = 200;
pub const MAX_QUANTITY: i64 = 10_000;
pub const MAX_RECEIPT: usize = 40;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LineDraft {
    #[ts(type = "number")]
    pub product_id: i64,
    #[ts(type = "number")]
    pub quantity: i64,
    /// As typed; empty = the catalogue price.
    pub unit_price: String,
    /// Discount on the whole line, as typed; empty = none.
    pub discount: String,
    /// One per unit for serialised products.
    pub serials: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PurchaseDraft {
    /// Empty: generated (`HD261123-001`).
    pub receipt_no: String,
    /// `dd/MM/yyyy`; empty = now.
    pub sold_on: String,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub note: String,
    pub lines: Vec<LineDraft>,
    /// How it is paid: points, a voucher, store credit, part left owing (`loyalty::sale`).
    pub tender: TenderDraft,
}

/// The paying half of a sale, as typed; all empty = paid in full, nothing taken off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TenderDraft {
    /// Offer the customer's member-tier discount.
    pub tier_discount: bool,
    /// A voucher code typed or scanned; empty = none.
    pub voucher: String,
    /// Points to redeem; empty = none.
    pub points: String,
    /// Store credit to spend, as typed; empty = none.
    pub credit: String,
    /// Paid now, as typed; empty = all that is left to pay.
    pub paid: String,
    /// `cash`, `transfer` or `card`; empty = cash.
    pub method: String,
    /// When what is left owing falls due (`dd/MM/yyyy`); needed when something is owed.
    pub due_on: String,
}

impl Default for TenderDraft {
    fn default() -> Self {
        TenderDraft {
            tier_discount: true,
            voucher: String::new(),
            points: String::new(),
            credit: String::new(),
            paid: String::new(),
            method: String::new(),
            due_on: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub product_id: i64,
    pub product_name: String,
    #[ts(type = "number")]
    pub quantity: i64,
    #[ts(type = "number")]
    pub unit_price: i64,
    #[ts(type = "number")]
    pub discount: i64,
    #[ts(type = "number")]
    pub line_total: i64,
    pub warranty_months: u32,
    pub exchange_days: u32,
    pub policy: PolicyTerms,
    #[ts(type = "number")]
    pub returned_quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Revision {
    pub at: String,
    pub staff: String,
    pub action: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PurchaseView {
    #[ts(type = "number")]
    pub id: i64,
    pub receipt_no: String,
    pub sold_at: String,
    pub sold_on: NaiveDate,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub customer_greeting: Option<String>,
    pub staff: String,
    #[ts(type = "number")]
    pub total: i64,
    pub note: String,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
    pub lines: Vec<LineView>,
    pub units: Vec<UnitView>,
    pub revisions: Vec<Revision>,
    /// A claim or a return hangs on the lines, or they were paid for with points, a voucher,
    /// credit or a debt: only the header can be edited.
    pub lines_locked: bool,
}

/// A validated line, its product's terms resolved.
struct Line {
    product_id: i64,
    product_name: String,
    quantity: i64,
    unit_price: i64,
    discount: i64,
    warranty_months: u32,
    exchange_days: u32,
    policy: String,
    /// One per unit; `None` for a unit without a serial.
    units: Vec<Option<String>>,
}

/// name, price, warranty months, exchange days, policy, serial required, archived.
type CatalogueTerms = (String, i64, u32, u32, Option<i64>, bool, bool);

/// The purchase's own fields, checked.
struct Header {
    receipt_no: Option<String>,
    sold_at: DateTime<Utc>,
    customer_id: Option<i64>,
    note: String,
}

struct Valid {
    header: Header,
    lines: Vec<Line>,
}
