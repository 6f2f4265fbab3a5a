//! Erasure and restriction. Erasing a customer anonymises every personal field and free text
//! about them, removes their phones, tags, preferences, care history and search entries, and
//! redacts their audit details; the sales, warranty and complaint facts stay, attached to an
//! anonymous record. `secure_delete` zeroes the freed space.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, Result};

const REDACTED: &str = r#"{"redacted":true}"#;

/// Erases customer `id` (and the records once merged into it). Irreversible: the caller asks
/// for confirmation and the `erase` permission.
pub fn erase(db: &mut Db, id: i64, staff: &str, now: DateTime<Utc>) -> Result<()> {
    db.write(|tx| {
        crate::customer::ensure_editable(tx, id)?;
        let mut ids = vec![id];
        let mut stmt = tx.prepare("SELECT id FROM customer WHERE merged_into = ?1")?;
        let mut i = 0;
        while i < ids.len() {
            let more: Vec<i64> =
                stmt.query_map([ids[i]], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            ids.extend(more);
            i += 1;
        }
        for c in &ids {
            anonymise(tx, *c, now)?;
        }
        close_requests(tx, id, "delete", now)?;
        crate::audit::record(
            tx,
            now,
            staff,
            "erase",
            "customer",
            id,
            serde_json::json!({ "records": ids.len() }),
        )?;
        super::register::record(tx, id, now)?;
        crate::care::plan::after_write(tx, &[Some(id)], now)
    })?;
    // Old page images of the erased rows leave the write-ahead log too.
    db.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).optional()?;
    Ok(())
}

fn anonymise(tx: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    let at = stamp(now);
    // Index rows are found through the words they were made of: remove before renaming.
    crate::customer::remove_from_index(tx, id)?;
    let name = format!("Khách đã xoá #{id}");
    let folded = crate::text::fold(&name);
    tx.execute(
        "UPDATE customer SET full_name = ?2, call_name = '', address_as = '', gender = NULL,
            email = NULL, birthday = NULL, address = '', notes = '', contact_channel = NULL,
            folded_name = ?3, folded_call = '', code = NULL, birthday_lunar = 0,
            anniversary_lunar = NULL, anniversary_note = '', marketing_consent = 0, no_contact = 1,
            erased_at = ?4, updated_at = ?4
         WHERE id = ?1",
        params![id, name, folded, at],
    )?;
    for sql in [
        "DELETE FROM customer_phone WHERE customer_id = ?1",
        "DELETE FROM customer_tag WHERE customer_id = ?1",
        "DELETE FROM preference WHERE customer_id = ?1",
        "UPDATE interaction SET summary = '', reminder_id = NULL WHERE customer_id = ?1",
        "DELETE FROM reminder WHERE customer_id = ?1",
        "UPDATE complaint SET summary = '', resolution = '' WHERE customer_id = ?1",
        "UPDATE complaint_event SET note = '' WHERE complaint_id IN (SELECT id FROM complaint WHERE customer_id = ?1)",
        "UPDATE feedback SET comment = '' WHERE customer_id = ?1",
        "UPDATE promise SET text = '—', close_note = '' WHERE customer_id = ?1",
        "UPDATE purchase SET note = '' WHERE customer_id = ?1",
        "UPDATE claim SET lock_note = '', condition_note = '' WHERE customer_id = ?1",
        "UPDATE consent SET evidence = '' WHERE customer_id = ?1",
        "UPDATE data_request SET note = '' WHERE customer_id = ?1",
        "DELETE FROM import_change WHERE customer_id = ?1",
    ] {
        tx.execute(sql, [id])?;
    }
    tx.execute(
        "UPDATE audit_log SET detail = ?2 WHERE detail <> ?2 AND (
            (entity = 'customer' AND entity_id = ?1)
            OR (entity = 'preference' AND (json_extract(detail, '$.customer_id') = ?1
                OR json_extract(detail, '$.before.customer_id') = ?1)))",
        params![id, REDACTED],
    )?;
    Ok(())
}

/// Carrying out what a customer asked for answers their open requests of that kind.
fn close_requests(tx: &Connection, id: i64, kind: &str, now: DateTime<Utc>) -> Result<()> {
    let today = local_date(now).to_string();
    tx.execute(
        "UPDATE data_request SET done_on = ?3, acknowledged_on = coalesce(acknowledged_on, ?3)
         WHERE customer_id = ?1 AND kind = ?2 AND done_on IS NULL",
        params![id, kind, today],
    )?;
    Ok(())
}

/// Restricts processing (kept, but out of care, segments and exports) or lifts it.
pub fn set_restricted(
    db: &mut Db,
    id: i64,
    on: bool,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    db.write(|tx| {
        let at = stamp(now);
        let n = tx.execute(
            "UPDATE customer SET restricted_at = CASE WHEN ?2 THEN coalesce(restricted_at, ?3) END,
                no_contact = ?2, updated_at = ?3
             WHERE id = ?1 AND merged_into IS NULL AND erased_at IS NULL",
            params![id, on, at],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "customer", id });
        }
        if on {
            tx.execute(
                "UPDATE reminder SET status = 'dismissed', outcome = 'no_contact', closed_at = ?2, updated_at = ?2
                 WHERE customer_id = ?1 AND status IN ('open', 'snoozed')",
                params![id, at],
            )?;
            close_requests(tx, id, "restrict", now)?;
        }
        crate::audit::record(tx, now, staff, if on { "restrict" } else { "unrestrict" }, "customer", id, serde_json::json!({}))?;
        crate::care::plan::after_write(tx, &[Some(id)], now)
    })
}
