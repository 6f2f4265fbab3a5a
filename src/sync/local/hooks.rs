//! What writing a record from another site involves beyond its row: a customer's folded names
//! and search index, one primary phone per customer, an erasure carried out here.

use std::cell::RefCell;

use chrono::{TimeZone, Utc};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value as Json;

use super::field_clocks::field_clock;
use super::row::{self, Data};
use crate::customer::IndexBatch;
use crate::error::Result;
use crate::sync::spec::{Entity, ENTITIES};
use crate::text::fold;

type Vals = Vec<(&'static str, Value)>;

pub(super) fn before_write(tx: &Connection, e: &Entity, key: &str, vals: &mut Vals) -> Result<()> {
    if e.name == "customer_phone" {
        one_primary(tx, e, key, vals)?;
    }
    Ok(())
}

fn int(vals: &Vals, col: &str) -> Option<i64> {
    vals.iter().find(|(c, _)| *c == col).and_then(|(_, v)| match v {
        Value::Integer(i) => Some(*i),
        _ => None,
    })
}

/// Two stores may each make another phone of one customer primary: the one made primary at the
/// later clock stays primary, on every site whatever the order.
fn one_primary(tx: &Connection, e: &Entity, key: &str, vals: &mut Vals) -> Result<()> {
    if int(vals, "is_primary") != Some(1) {
        return Ok(());
    }
    let customer = match int(vals, "customer_id") {
        Some(c) => Some(c),
        None => tx
            .prepare_cached("SELECT customer_id FROM customer_phone WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?,
    };
    let Some(customer) = customer else { return Ok(()) };
    let other: Option<String> = tx
        .prepare_cached(
            "SELECT key FROM customer_phone WHERE customer_id = ?1 AND is_primary = 1 AND key <> ?2",
        )?
        .query_row(params![customer, key], |r| r.get(0))
        .optional()?;
    let Some(other) = other else { return Ok(()) };
    let mine = (field_clock(tx, e, key, "is_primary")?, key.to_owned());
    let theirs = (field_clock(tx, e, &other, "is_primary")?, other.clone());
    if theirs > mine {
        for (c, v) in vals.iter_mut() {
            if *c == "is_primary" {
                *v = Value::Integer(0);
            }
        }
    } else {
        tx.execute("UPDATE customer_phone SET is_primary = 0 WHERE key = ?1", [&other])?;
    }
    Ok(())
}

fn text(vals: &Vals, col: &str) -> Option<String> {
    vals.iter().find(|(c, _)| *c == col).and_then(|(_, v)| match v {
        Value::Text(s) => Some(s.clone()),
        _ => None,
    })
}

/// A customer's folded names are derived on every site, and her index rows follow them.
fn with_folded(vals: &mut Vals, full: &str, call: &str) {
    vals.retain(|(c, _)| *c != "folded_name" && *c != "folded_call");
    vals.push(("folded_name", Value::Text(fold(full))));
    vals.push(("folded_call", Value::Text(fold(call))));
}

/// Customers whose index rows wait for the end of the batch. FTS5 writes its pending rows out
/// as a segment of their own whenever a later statement opens a savepoint, or a lower rowid
/// follows (new customers have ever lower ones): indexing each customer as she was written made
/// a segment a customer, and the merging of them was a fifth of a large join.
#[derive(Default)]
pub(super) struct Unindexed(RefCell<Vec<i64>>);

impl Unindexed {
    pub(super) fn stage(&self, id: i64) {
        self.0.borrow_mut().push(id);
    }

    /// Indexes the customers staged, as their rows now stand: not those erased meanwhile (an
    /// erasure leaves no index rows), nor those something indexed meanwhile.
    pub(super) fn index(self, tx: &Connection) -> Result<()> {
        let mut ids = self.0.into_inner();
        ids.sort_unstable();
        ids.dedup();
        let mut read = tx.prepare_cached(
            "SELECT folded_name, folded_call FROM customer c
             WHERE id = ?1 AND erased_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM customer_given g WHERE g.customer_id = c.id)",
        )?;
        let mut batch = IndexBatch::default();
        for id in ids {
            let names: Option<(String, String)> =
                read.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            if let Some((name, call)) = names {
                batch.add(id, &name, &call);
            }
        }
        batch.flush(tx)?;
        Ok(())
    }
}

/// The sets (tags) `data` carries replace the record's.
fn write_sets(tx: &Connection, e: &Entity, key: &str, data: &Data) -> Result<()> {
    for (field, table, column, fk) in e.sets {
        let Some(v) = data.get(*field) else { continue };
        let items: Vec<String> = match v {
            Json::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect(),
            Json::String(s) => serde_json::from_str(s).unwrap_or_default(),
            _ => Vec::new(),
        };
        let Some(id) = row::local_id(tx, e.table, key)? else { continue };
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE {fk} = ?1"))?.execute([id])?;
        let mut add = tx.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {table}({fk}, {column}) VALUES (?1, ?2)"
        ))?;
        for item in items {
            add.execute(params![id, item])?;
        }
    }
    Ok(())
}

pub(super) fn insert(
    tx: &Connection,
    e: &Entity,
    key: &str,
    vals: &Vals,
    data: &Data,
    unindexed: &Unindexed,
) -> Result<()> {
    if e.name != "customer" {
        row::insert(tx, e, key, vals)?;
        return write_sets(tx, e, key, data);
    }
    let mut vals = vals.clone();
    let (full, call) = (text(&vals, "full_name"), text(&vals, "call_name"));
    with_folded(&mut vals, &full.unwrap_or_default(), &call.unwrap_or_default());
    row::insert(tx, e, key, &vals)?;
    unindexed.stage(tx.last_insert_rowid());
    write_sets(tx, e, key, data)
}

/// A merge made at another site: what points here at the merged customer follows the survivor,
/// as it did there (where the records moved were facts, whose moves travel no change). Phones
/// move with the changes the merge captured, which keep one primary.
fn follow_merge(tx: &Connection, key: &str, vals: &Vals) -> Result<()> {
    let Some(into) = int(vals, "merged_into") else { return Ok(()) };
    let Some(from) = row::local_id(tx, "customer", key)? else { return Ok(()) };
    let into = row::survivor(tx, into)?;
    repoint(tx, from, into)
}

/// What points at customer `from` here points at `into`.
pub(super) fn repoint(tx: &Connection, from: i64, into: i64) -> Result<()> {
    for e in ENTITIES {
        for (col, _) in e.refs {
            if e.follows_merges(col) {
                tx.execute(
                    &format!("UPDATE {} SET {col} = ?1 WHERE {col} = ?2", e.table),
                    params![into, from],
                )?;
            }
        }
    }
    Ok(())
}

pub(super) fn update(
    tx: &Connection,
    e: &Entity,
    key: &str,
    vals: &Vals,
    data: &Data,
    unindexed: &Unindexed,
) -> Result<()> {
    if e.name == "customer" {
        follow_merge(tx, key, vals)?;
    }
    write_sets(tx, e, key, data)?;
    let (full, call) = (text(vals, "full_name"), text(vals, "call_name"));
    if e.name != "customer" || (full.is_none() && call.is_none()) {
        return row::update(tx, e, key, vals);
    }
    let (id, old_full, old_call): (i64, String, String) =
        tx.query_row("SELECT id, full_name, call_name FROM customer WHERE key = ?1", [key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    // Removed while the row still holds the words it was indexed with.
    crate::customer::remove_from_index(tx, id)?;
    let mut vals = vals.clone();
    with_folded(&mut vals, &full.unwrap_or(old_full), &call.unwrap_or(old_call));
    row::update(tx, e, key, &vals)?;
    unindexed.stage(id);
    Ok(())
}

/// Carries out here an erasure made elsewhere, once her record is here, whether live or merged
/// into another; the keys of the records it erased. It reaches the whole of her: a record a
/// merge (made anywhere) says is the same person is erased too ([`erase_merge_group`]).
pub(super) fn ensure_erased(tx: &Connection, key: &str, wall_ms: i64) -> Result<Vec<String>> {
    let id: Option<i64> = tx
        .query_row("SELECT id FROM customer WHERE key = ?1 AND erased_at IS NULL", [key], |r| {
            r.get(0)
        })
        .optional()?;
    let mut erased = match id {
        Some(id) => erase_here(tx, id, wall_ms)?,
        None => vec![],
    };
    erased.extend(erase_merge_group(tx, key, wall_ms)?);
    Ok(erased)
}

fn erase_here(tx: &Connection, id: i64, wall_ms: i64) -> Result<Vec<String>> {
    let now = Utc.timestamp_millis_opt(wall_ms).single().unwrap_or_else(Utc::now);
    let ids = crate::privacy::erase_records(tx, id, crate::audit::SYSTEM, now)?;
    let mut keys = Vec::new();
    for id in ids {
        if let Some(k) = row::key_of(tx, "customer", id)? {
            keys.push(k);
        }
    }
    Ok(keys)
}

/// A merge says two records are one person, and an erasure erases the person: once one record
/// of a merge group is erased, the record the group was merged into is erased too, with all
/// merged into it, whichever store merged and whichever erased, and in whatever order they
/// arrive. Were the survivor kept, what was written under the erased record and then moved to
/// her would be blanked at the stores that erased first and whole at the others. The keys of
/// the records it erased.
pub(super) fn erase_merge_group(tx: &Connection, key: &str, wall_ms: i64) -> Result<Vec<String>> {
    let Some(id) = row::local_id(tx, "customer", key)? else { return Ok(vec![]) };
    let into = row::survivor(tx, id)?;
    if into == id {
        return Ok(vec![]);
    }
    let erased = "SELECT erased_at IS NOT NULL FROM customer WHERE id = ?1";
    let (mine, theirs): (bool, bool) = (
        tx.prepare_cached(erased)?.query_row([id], |r| r.get(0))?,
        tx.prepare_cached(erased)?.query_row([into], |r| r.get(0))?,
    );
    let now = Utc.timestamp_millis_opt(wall_ms).single().unwrap_or_else(Utc::now);
    match (mine, theirs) {
        (true, false) => erase_here(tx, into, wall_ms),
        // What the merge moved to the erased survivor (her own erasure came before it).
        (false, true) => {
            let erased = erase_here(tx, id, wall_ms)?;
            crate::privacy::erase_again(tx, into, now)?;
            Ok(erased)
        }
        (true, true) => crate::privacy::erase_again(tx, into, now).map(|()| vec![]),
        (false, false) => Ok(vec![]),
    }
}

// Issue 15, claims event-sourced across stores.

/// The keys of claims with a record (the claim, or one of its events) waiting in
/// `sync_deferred`.
pub(super) fn claims_waiting(tx: &Connection) -> Result<Vec<String>> {
    Ok(tx
        .prepare_cached(
            "SELECT key FROM sync_deferred WHERE entity = 'claim'
             UNION SELECT json_extract(data, '$.claim_id') FROM sync_deferred
             WHERE entity = 'claim_event' AND json_extract(data, '$.claim_id') IS NOT NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A claim's state is the fold of its events: each claim `changes` touched or brought events
/// of, and each whose records waited (`waiting`), is folded again from the events this site
/// now holds, so every site ends with the same state whatever order they arrived in.
pub(super) fn refold_claims(
    tx: &Connection,
    changes: &[crate::sync::change::Change],
    mut waiting: Vec<String>,
) -> Result<()> {
    waiting.extend(changes.iter().filter_map(|c| match c.entity.as_str() {
        "claim" => Some(c.key.clone()),
        "claim_event" => c.data.get("claim_id").and_then(Json::as_str).map(str::to_owned),
        _ => None,
    }));
    waiting.sort_unstable();
    waiting.dedup();
    crate::sales::claim::refold_keys(tx, &waiting)
}
