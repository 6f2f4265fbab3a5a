//! Merging two records of one person: everything moves to the kept customer in one transaction,
//! the other is archived with a pointer to the kept one.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde_json::json;

use super::{index, read, CustomerCard};
use crate::audit;
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, Result};

/// Tables this module moves itself; every other table with a foreign key to `customer` is
/// re-pointed generically, so history added by later features follows a merge without edits here.
/// Moved (or, for `customer_value`, recounted by its triggers as the sales move) elsewhere.
const MOVED_HERE: &[&str] = &[
    "customer",
    "customer_phone",
    "customer_tag",
    "preference",
    "customer_given",
    "customer_value",
];

pub fn merge(
    db: &mut Db,
    keep: i64,
    from: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CustomerCard> {
    if keep == from {
        return Err(Error::MergeSelf);
    }
    let today = local_date(now);
    let kept = read::get(db.conn(), keep, today)?;
    let gone = read::get(db.conn(), from, today)?;
    db.write(|tx| {
        for id in [keep, from] {
            super::live::ensure_live(tx, id, super::live::Change::Status)?;
        }
        move_phones(tx, keep, from)?;
        tx.execute("UPDATE preference SET customer_id = ?1 WHERE customer_id = ?2", [keep, from])?;
        tx.execute(
            "INSERT OR IGNORE INTO customer_tag(customer_id, tag) SELECT ?1, tag FROM customer_tag WHERE customer_id = ?2",
            [keep, from],
        )?;
        tx.execute("DELETE FROM customer_tag WHERE customer_id = ?1", [from])?;
        let notes = match (kept.notes.is_empty(), gone.notes.is_empty()) {
            (_, true) => kept.notes.clone(),
            (true, false) => gone.notes.clone(),
            (false, false) => format!("{}\n\n{}", kept.notes, gone.notes),
        };
        // Fields the kept record lacks are taken from the other; the kept record wins otherwise.
        tx.execute(
            "UPDATE customer SET
                notes = ?3,
                email = coalesce(email, (SELECT email FROM customer WHERE id = ?2)),
                birthday = coalesce(birthday, (SELECT birthday FROM customer WHERE id = ?2)),
                gender = coalesce(gender, (SELECT gender FROM customer WHERE id = ?2)),
                contact_channel = coalesce(contact_channel, (SELECT contact_channel FROM customer WHERE id = ?2)),
                address = CASE WHEN address = '' THEN (SELECT address FROM customer WHERE id = ?2) ELSE address END,
                last_contact_at = max(coalesce(last_contact_at, ''),
                    coalesce((SELECT last_contact_at FROM customer WHERE id = ?2), '')),
                updated_at = ?4
             WHERE id = ?1",
            params![keep, from, notes, stamp(now)],
        )?;
        tx.execute("UPDATE customer SET last_contact_at = NULL WHERE id = ?1 AND last_contact_at = ''", [keep])?;
        repoint_history(tx, keep, from)?;
        tx.execute(
            "UPDATE customer SET merged_into = ?1, archived_at = ?3, updated_at = ?3 WHERE id = ?2",
            params![keep, from, stamp(now)],
        )?;
        index::remove(tx, from)?;
        audit::record(tx, now, staff, "merge", "customer", keep, json!({ "from": gone }))?;
        audit::record(tx, now, staff, "merged_into", "customer", from, json!({ "into": keep }))?;
        crate::care::plan::after_write(tx, &[Some(keep), Some(from)], now)
    })?;
    read::get(db.conn(), keep, today)
}

fn move_phones(tx: &Connection, keep: i64, from: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM customer_phone WHERE customer_id = ?2
           AND canonical IN (SELECT canonical FROM customer_phone WHERE customer_id = ?1)",
        [keep, from],
    )?;
    tx.execute(
        "UPDATE customer_phone SET customer_id = ?1, is_primary = 0, position = position + 100 WHERE customer_id = ?2",
        [keep, from],
    )?;
    // A kept record without any phone takes the other's first one as primary.
    tx.execute(
        "UPDATE customer_phone SET is_primary = 1 WHERE id = (
            SELECT id FROM customer_phone WHERE customer_id = ?1 ORDER BY position, id LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM customer_phone WHERE customer_id = ?1 AND is_primary = 1)",
        [keep],
    )?;
    Ok(())
}

fn repoint_history(tx: &Connection, keep: i64, from: i64) -> Result<()> {
    let mut refs: Vec<(String, String)> = Vec::new();
    let tables: Vec<String> = tx
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables.iter().filter(|t| !MOVED_HERE.contains(&t.as_str())) {
        let mut stmt = tx.prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")?;
        for fk in
            stmt.query_map([table], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        {
            let (target, column) = fk?;
            if target == "customer" {
                refs.push((table.clone(), column));
            }
        }
    }
    for (table, column) in refs {
        // Names come from the schema itself, not from input.
        tx.execute(
            &format!("UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE \"{column}\" = ?2"),
            [keep, from],
        )?;
    }
    Ok(())
}
