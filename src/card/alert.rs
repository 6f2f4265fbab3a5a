//! An alert note read: one key at the card, recorded per note version and account, so a note
//! edited since is shown again and a colleague still sees what they have not read.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, Result};

/// Records that `staff` read alert `preference_id` as it stood at `version`; the customer's id.
/// A note changed since it was shown is refused (`alert_changed`): what was read is not what
/// the note now says.
pub fn acknowledge(
    db: &mut Db,
    preference_id: i64,
    version: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    db.write(|tx| {
        let (customer_id, current, is_alert): (i64, String, bool) = tx
            .prepare_cached("SELECT customer_id, updated_at, is_alert FROM preference WHERE id = ?1")?
            .query_row([preference_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or(Error::NotFound { what: "preference", id: preference_id })?;
        if !is_alert || current != version {
            return Err(Error::invalid("version", "alert_changed"));
        }
        let n = tx.execute(
            "INSERT OR IGNORE INTO alert_ack(preference_id, version, staff, at) VALUES (?1, ?2, ?3, ?4)",
            params![preference_id, version, staff, stamp(now)],
        )?;
        if n > 0 {
            crate::audit::record(
                tx,
                now,
                staff,
                "acknowledge",
                "preference",
                preference_id,
                serde_json::json!({ "customer_id": customer_id, "version": version }),
            )?;
        }
        Ok(customer_id)
    })
}
