//! The language a customer's messages are written in: the counter may speak Vietnamese to a
//! customer who reads English, and the templates exist in both.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::outreach::template::Locale;

pub fn language(conn: &Connection, customer_id: i64) -> Result<Locale> {
    let code: String = conn
        .prepare_cached("SELECT locale FROM customer WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id: customer_id })?;
    Ok(Locale::parse(&code).unwrap_or(Locale::Vi))
}

pub fn set_language(
    db: &mut Db,
    customer_id: i64,
    locale: Locale,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Locale> {
    db.write(|tx| {
        let before = language(tx, customer_id)?;
        crate::customer::ensure_live(tx, customer_id, crate::customer::Change::Edit)?;
        if before == locale {
            return Ok(());
        }
        tx.execute(
            "UPDATE customer SET locale = ?2, updated_at = ?3 WHERE id = ?1",
            params![customer_id, locale.code(), stamp(now)],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "language",
            "customer",
            customer_id,
            serde_json::json!({ "before": before.code(), "after": locale.code() }),
        )
    })?;
    language(db.conn(), customer_id)
}
