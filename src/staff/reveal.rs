//! Showing a customer's full phone numbers to an account that sees them masked: allowed, since
//! staff must be able to call, and logged, so the owner can see who looked up whose number.

use chrono::{DateTime, Utc};

use super::Actor;
use crate::clock::local_date;
use crate::customer::{self, CustomerCard};
use crate::db::Db;
use crate::error::Result;

/// The card with its phones in full; writes a `reveal_phone` audit row unless the account sees
/// phones anyway. `reason`: `view`, `edit`, `call`, `zalo`.
pub fn reveal_phones(
    db: &mut Db,
    customer_id: i64,
    reason: &str,
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<CustomerCard> {
    // A word from the screen that asked (`view`, `call`…), kept in the log: bounded like any text.
    let reason = crate::text::limit("reason", reason, crate::text::limit::NAME)?;
    let card = customer::get(db.conn(), customer_id, local_date(now))?;
    if !by.can(super::Permission::SeePhones) {
        db.write(|tx| {
            crate::audit::record(
                tx,
                now,
                &by.name,
                "reveal_phone",
                "customer",
                customer_id,
                serde_json::json!({ "reason": reason }),
            )
        })?;
    }
    Ok(card)
}
