//! Merging two records of one person: everything moves to the kept customer in one transaction,
//! the other is archived with a pointer to the kept one.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use super::merge_choice::{self, MergeChoice};
use super::{index, merge_consent, read, CustomerCard};
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
    "customer_tier",
    "debt_limit",
];

/// [`merge_with`] without choices: the kept record's values, its empty fields filled from the
/// other's.
pub fn merge(
    db: &mut Db,
    keep: i64,
    from: i64,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CustomerCard> {
    merge_with(db, keep, from, &[], staff, now)
}

/// Merges customer `from` into `keep`: `choices` say whose value each single-valued field
/// keeps (see [`super::MergeField`]); phones, tags, preferences and notes are united; every record
/// pointing at `from` (sales, claims, reminders, the consent ledger…) moves to `keep`, whose
/// consent flags are set again from the united ledger. `from` is archived, pointing at `keep`.
pub fn merge_with(
    db: &mut Db,
    keep: i64,
    from: i64,
    choices: &[MergeChoice],
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
        let consent = merge_consent::before(tx, keep, from)?;
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
        // Removed while the row still holds the words it was indexed with.
        index::remove(tx, keep)?;
        merge_choice::apply(tx, keep, from, choices)?;
        tx.execute(
            "UPDATE customer SET
                notes = ?3,
                last_contact_at = nullif(max(coalesce(last_contact_at, ''),
                    coalesce((SELECT last_contact_at FROM customer WHERE id = ?2), '')), ''),
                updated_at = ?4
             WHERE id = ?1",
            params![keep, from, notes, stamp(now)],
        )?;
        let (name, call): (String, String) = tx.query_row(
            "SELECT folded_name, folded_call FROM customer WHERE id = ?1",
            [keep],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        index::index_one(tx, keep, &name, &call)?;
        repoint_history(tx, keep, from)?;
        one_row_each(tx, keep, from)?;
        move_code(tx, keep, from)?;
        merge_consent::recompute(tx, keep, &consent)?;
        tx.execute(
            "UPDATE customer SET merged_into = ?1, archived_at = ?3, updated_at = ?3 WHERE id = ?2",
            params![keep, from, stamp(now)],
        )?;
        index::remove(tx, from)?;
        // Each row quotes only the card of the customer it is filed under: an erasure of one
        // blanks her rows, and a merge made here may lose to one made apart at another store
        // (`sync::local::merge_cycle`), after which the two are not one person and the kept
        // record's history must not keep the other's words.
        let detail = json!({ "from": from, "before": kept, "choices": choices });
        audit::record(tx, now, staff, "merge", "customer", keep, detail)?;
        let detail = json!({ "into": keep, "card": gone });
        audit::record(tx, now, staff, "merged_into", "customer", from, detail)?;
        crate::care::plan::after_write(tx, &[Some(keep), Some(from)], now)
    })?;
    read::get(db.conn(), keep, today)
}

/// The code from the shop's previous system is what imports match on: a kept record without
/// one takes the other's, which leaves the archived row first (the code is unique).
fn move_code(tx: &Connection, keep: i64, from: i64) -> Result<()> {
    let code: Option<String> = tx.query_row(
        "SELECT code FROM customer WHERE id = ?2 AND (SELECT code FROM customer WHERE id = ?1) IS NULL",
        [keep, from],
        |r| r.get(0),
    ).optional()?.flatten();
    if let Some(code) = code {
        tx.execute("UPDATE customer SET code = NULL WHERE id = ?1", [from])?;
        tx.execute("UPDATE customer SET code = ?2 WHERE id = ?1", params![keep, code])?;
    }
    Ok(())
}

/// A number both records hold stays on the merged one as well, never deleted: another store may
/// merge the two the other way while apart, and when its merge is the one that stands
/// (`sync::local::merge_cycle`) the record it kept must still have her number.
fn move_phones(tx: &Connection, keep: i64, from: i64) -> Result<()> {
    tx.execute(
        "UPDATE customer_phone SET customer_id = ?1, is_primary = 0, position = position + 100
         WHERE customer_id = ?2
           AND canonical NOT IN (SELECT canonical FROM customer_phone WHERE customer_id = ?1)",
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

/// Tables with one row per customer: the kept customer's own debt limit wins; both ranks go,
/// the kept one re-ranked on her joined sales by the desk (the tiers live above this folder).
fn one_row_each(tx: &Connection, keep: i64, from: i64) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO debt_limit(customer_id, amount, set_by, set_at)
         SELECT ?1, amount, set_by, set_at FROM debt_limit WHERE customer_id = ?2",
        [keep, from],
    )?;
    tx.execute("DELETE FROM debt_limit WHERE customer_id = ?1", [from])?;
    tx.execute("DELETE FROM customer_tier WHERE customer_id IN (?1, ?2)", [keep, from])?;
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

/// The customer `id` was merged into, through any chain of merges (herself if none): two stores
/// merging two records each into the other make a cycle, so the walk stops after sixteen.
pub(crate) fn survivor(conn: &Connection, mut id: i64) -> Result<i64> {
    for _ in 0..16 {
        let next: Option<i64> = conn
            .prepare_cached("SELECT merged_into FROM customer WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        match next {
            Some(n) if n != id => id = n,
            _ => break,
        }
    }
    Ok(id)
}
