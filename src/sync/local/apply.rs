//! Folding other sites' changes in. Mutable records: per field, the value with the later clock
//! wins, whatever order changes arrive in and however often. Facts: written once by key.
//! Erasures: the customer's personal data goes here too, and from what this site keeps.
//! A record pointing at one not yet here waits in `sync_deferred` and is written when it can.

use std::collections::BTreeSet;

use rusqlite::{params, Connection};
use serde_json::Value as Json;

use super::applied;
use super::field_clocks::{clocks_with, overlay_own, own_tombstone};
use super::hooks::Unindexed;
use super::row::{self, Data};
use super::{codes, hooks};
use crate::error::Result;
use crate::sync::change::{Change, ChangeOp, ERASED_WHOLE};
use crate::sync::hlc::Hlc;
use crate::sync::spec::{self, Entity, Kind};

/// Statements kept prepared on a connection that applies changes.
const STATEMENTS: usize = 512;

/// Applies `changes` (from any sites, in any order, repeated or not) in the caller's
/// transaction, and advances this site's clock past every one of them. What this site writes
/// meanwhile is not captured again.
pub fn apply(tx: &Connection, changes: &[Change]) -> Result<()> {
    // A batch runs a statement or two per table and kind of write, then the care planner's:
    // past rusqlite's default 16 cached statements, every change prepared its SQL again.
    tx.set_prepared_statement_cache_capacity(STATEMENTS);
    let site = super::site(tx)?;
    tx.execute("UPDATE sync_site SET capture = 0 WHERE id = 1", [])?;
    let out = apply_all(tx, changes, &site);
    let restore = tx.execute("UPDATE sync_site SET capture = code IS NOT NULL WHERE id = 1", []);
    let erased_here = out?;
    restore?;
    for key in erased_here {
        announce_erased(tx, &key)?;
    }
    Ok(())
}

/// Records merged into an erased one are erased here without a change of their own saying
/// so: this site says it, so that the hub forgets them too (the site that erased the record
/// they were merged into may never have known of the merge).
fn announce_erased(tx: &Connection, key: &str) -> Result<()> {
    let Some(customer) = spec::by_name("customer") else { return Ok(()) };
    tx.execute_batch(&crate::sync::sql::tick())?;
    let insert = crate::sync::sql::outbox_insert(customer, "redact", "'{}'", "?1", "?1");
    tx.execute(&format!("{insert} FROM sync_site s WHERE s.capture = 1"), [key])?;
    Ok(())
}

/// Applies `changes`; the keys of the records erased here that no change said were.
fn apply_all(tx: &Connection, changes: &[Change], site: &super::Site) -> Result<Vec<String>> {
    let wall: i64 = tx.query_row(
        "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms
         FROM sync_site",
        [],
        |r| r.get(0),
    )?;
    let mut last = site.hlc.clone();
    let mut erased = BTreeSet::new();
    let mut merged = BTreeSet::new();
    // Issue 15, claims: those whose records wait now may be written by this batch.
    let waiting_claims = hooks::claims_waiting(tx)?;
    let unindexed = Unindexed::default();
    // Nobody erased here and no erasure coming: no change's customer needs looking up.
    let watch = anyone_erased(tx)? || changes.iter().any(|c| c.op == ChangeOp::Redact);
    for c in in_key_order(changes) {
        last = Hlc::receive(&c.hlc, wall, &last);
        if site.code.as_deref() == Some(c.site.as_str()) {
            continue;
        }
        let owner = c.customer.as_deref().filter(|k| watch && is_erased(tx, k).unwrap_or(false));
        if let Some(owner) = owner {
            erased.insert(owner.to_owned());
        }
        match c.op {
            ChangeOp::Redact => {
                tx.execute("INSERT OR IGNORE INTO sync_erased(customer) VALUES (?1)", [&c.key])?;
                erased.insert(c.key.clone());
            }
            ChangeOp::Fact => apply_fact(tx, c, watch)?,
            ChangeOp::Fields => apply_fields(tx, c, watch, &unindexed)?,
        }
        if c.entity == "customer" && c.data.get("merged_into").is_some_and(|v| !v.is_null()) {
            merged.insert(c.key.clone());
        }
    }
    retry_deferred(tx, &unindexed)?;
    super::merge_cycle::break_cycles(tx, &merged, &unindexed)?;
    if !merged.is_empty() {
        super::origin::refollow(tx)?;
    }
    hooks::refold_claims(tx, changes, waiting_claims)?;
    let mut cascaded = Vec::new();
    for key in &erased {
        cascaded.extend(hooks::ensure_erased(tx, key, wall)?);
    }
    for key in &merged {
        cascaded.extend(hooks::erase_merge_group(tx, key, wall)?);
    }
    cascaded.retain(|k| !changes.iter().any(|c| c.op == ChangeOp::Redact && c.key == *k));
    // Her phone moved (by a merge) after what made it was dropped here: it will never be whole.
    tx.execute(
        "DELETE FROM sync_deferred WHERE entity IN ('customer_phone', 'preference')
           AND customer IN (SELECT customer FROM sync_erased)",
        [],
    )?;
    unindexed.index(tx)?;
    tx.execute(
        "UPDATE sync_site SET hlc_wall = ?1, hlc_counter = ?2 WHERE id = 1",
        params![last.wall_ms, last.counter],
    )?;
    Ok(cascaded)
}

/// `changes` by entity, in the order records point at each other, then by key; a record's own
/// changes keep their order. Which record comes first changes nothing (see the module); it is
/// for the indexes: keys given in one go (a shop's records captured when it joined) share
/// their time and differ at random, so in arrival order each one lands on another page of
/// every index on a key, and in key order neighbours share pages. A store joining a chain of
/// 1,000,000 customers took 10% less time (`benches/join.rs`).
fn in_key_order(changes: &[Change]) -> Vec<&Change> {
    let rank = |name: &str| spec::ENTITIES.iter().position(|e| e.name == name);
    let mut out: Vec<&Change> = changes.iter().collect();
    out.sort_by_cached_key(|c| (rank(&c.entity).unwrap_or(usize::MAX), c.key.as_str()));
    out
}

/// Whether any customer is erased here, or listed as erased by another site.
fn anyone_erased(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sync_erased)
                OR EXISTS (SELECT 1 FROM customer WHERE erased_at IS NOT NULL)",
        )?
        .query_row([], |r| r.get(0))?)
}

fn is_erased(conn: &Connection, customer: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_erased WHERE customer = ?1)")?
        .query_row([customer], |r| r.get(0))?)
}

/// Whether the customer the change is about is erased here, or the one she was merged into.
fn erased_owner(conn: &Connection, c: &Change) -> Result<bool> {
    let Some(k) = c.customer.as_deref() else { return Ok(false) };
    if is_erased(conn, k)? {
        return Ok(true);
    }
    let Some(id) = row::local_id(conn, "customer", k)? else { return Ok(false) };
    let survivor = row::survivor(conn, id)?;
    Ok(conn
        .prepare_cached("SELECT erased_at IS NOT NULL FROM customer WHERE id = ?1")?
        .query_row([survivor], |r| r.get(0))?)
}

/// `watch`: whether anyone may be erased (see `apply_all`); when not, nobody's data is blanked.
fn apply_fact(tx: &Connection, c: &Change, watch: bool) -> Result<()> {
    let Some(e) = spec::by_name(&c.entity).filter(|e| e.kind == Kind::Fact) else {
        return Ok(());
    };
    let waiting: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sync_deferred WHERE entity = ?1 AND key = ?2)",
        )?
        .query_row(params![e.name, c.key], |r| r.get(0))?;
    if waiting || row::exists(tx, e, &c.key)? {
        return Ok(());
    }
    let mut data = c.data.clone();
    if watch && erased_owner(tx, c)? {
        row::blank_personal(e, &mut data);
    }
    if !write_fact(tx, e, &c.key, &data)? {
        row::defer(tx, e, &c.key, Some(&data), c.customer.as_deref())?;
    }
    Ok(())
}

/// Writes a fact; `false` when it must wait.
fn write_fact(tx: &Connection, e: &Entity, key: &str, data: &Data) -> Result<bool> {
    let Some(vals) = row::values(tx, e, data)? else { return Ok(false) };
    let written = row::attempt(tx, || row::insert(tx, e, key, &vals))?;
    if written {
        super::origin::note(tx, e, key, data)?;
    }
    Ok(written)
}

fn apply_fields(tx: &Connection, c: &Change, watch: bool, unindexed: &Unindexed) -> Result<()> {
    let Some(e) = spec::by_name(&c.entity).filter(|e| e.kind == Kind::Mutable) else {
        return Ok(());
    };
    let mut data = c.data.clone();
    if watch && erased_owner(tx, c)? {
        if ERASED_WHOLE.contains(&e.name) {
            return Ok(());
        }
        row::blank_personal(e, &mut data);
    }
    let hlc = c.hlc.to_string();
    let before = applied::load(tx, e, &c.key)?;
    let have = clocks_with(tx, e, &c.key, before.as_ref())?;
    let mut now = before.clone().unwrap_or_default();
    let mut won = Data::new();
    for (field, value) in &data {
        if have.get(field).is_some_and(|h| *h >= hlc) {
            continue;
        }
        now.set(field, value.clone(), &hlc, c.customer.as_deref());
        won.insert(field.clone(), value.clone());
    }
    if won.is_empty() {
        return Ok(());
    }
    applied::save(tx, e, &c.key, before.as_ref(), &now)?;
    if !row::exists(tx, e, &c.key)? {
        // Nothing of it was here: what this change brought is all of it (most of a catch-up).
        if have.is_empty() {
            return write_whole(tx, e, &c.key, c.customer.as_deref(), won, false, unindexed);
        }
        return materialise(tx, e, &c.key, c.customer.as_deref(), unindexed);
    }
    if won.get("deleted").and_then(Json::as_i64) == Some(1) {
        return row::delete(tx, e, &c.key);
    }
    let done = match row::values(tx, e, &won)? {
        Some(mut vals) => {
            hooks::before_write(tx, e, &c.key, &mut vals)?;
            settled(tx, e, &c.key, &mut vals, |v| hooks::update(tx, e, &c.key, v, &won, unindexed))?
        }
        None => false,
    };
    if !done {
        row::defer(tx, e, &c.key, None, c.customer.as_deref())?;
    } else {
        super::origin::note(tx, e, &c.key, &won)?;
    }
    Ok(())
}

/// Writes a mutable record whole from the fields this site holds of it: inserted when new,
/// every field rewritten when it exists, removed when its last word is a tombstone. Waits
/// (deferred) while it is incomplete or points at what has not arrived.
fn materialise(
    tx: &Connection,
    e: &Entity,
    key: &str,
    customer: Option<&str>,
    unindexed: &Unindexed,
) -> Result<()> {
    let applied = applied::load(tx, e, key)?.unwrap_or_default();
    let applied_clock = |f: &str| applied.clock(f).unwrap_or_default().to_owned();
    let mut data = applied.fields.clone();
    overlay_own(tx, e, key, &applied_clock, &mut data)?;
    let exists = row::exists(tx, e, key)?;
    // A record deleted here after the fields this site holds of it stays deleted.
    if let Some(own) = own_tombstone(tx, e, key)? {
        if own > applied_clock("deleted") {
            data.insert("deleted".into(), Json::from(1));
        }
    }
    write_whole(tx, e, key, customer, data, exists, unindexed)
}

/// Writes record `key` whole from `data`, all this site holds of it; see [`materialise`].
fn write_whole(
    tx: &Connection,
    e: &Entity,
    key: &str,
    customer: Option<&str>,
    data: Data,
    exists: bool,
    unindexed: &Unindexed,
) -> Result<()> {
    if data.get("deleted").and_then(Json::as_i64) == Some(1) {
        row::undefer(tx, e, key)?;
        return if exists { row::delete(tx, e, key) } else { Ok(()) };
    }
    let done = match row::values(tx, e, &data)? {
        Some(mut vals) => {
            hooks::before_write(tx, e, key, &mut vals)?;
            if exists {
                settled(tx, e, key, &mut vals, |v| hooks::update(tx, e, key, v, &data, unindexed))?
            } else {
                settled(tx, e, key, &mut vals, |v| hooks::insert(tx, e, key, v, &data, unindexed))?
            }
        }
        None => false,
    };
    if done {
        super::origin::note(tx, e, key, &data)?;
        row::undefer(tx, e, key)
    } else {
        row::defer(tx, e, key, None, customer)
    }
}

type Vals = Vec<(&'static str, rusqlite::types::Value)>;

/// Writes `vals` with `write`; when a code another record holds stops it, the code is settled
/// (`codes`) and the write tried once more.
fn settled(
    tx: &Connection,
    e: &Entity,
    key: &str,
    vals: &mut Vals,
    write: impl Fn(&Vals) -> Result<()>,
) -> Result<bool> {
    if row::attempt(tx, || write(vals))? {
        return Ok(true);
    }
    if !codes::settle(tx, e, key, vals)? {
        return Ok(false);
    }
    row::attempt(tx, || write(vals))
}

/// Writes what waited, pass after pass, until a pass writes nothing more.
fn retry_deferred(tx: &Connection, unindexed: &Unindexed) -> Result<()> {
    loop {
        let waiting: Vec<(String, String, Option<String>, Option<String>)> = tx
            .prepare_cached("SELECT entity, key, data, customer FROM sync_deferred")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let before = waiting.len();
        for (entity, key, data, customer) in waiting {
            let Some(e) = spec::by_name(&entity) else { continue };
            match data.and_then(|d| serde_json::from_str::<Data>(&d).ok()) {
                Some(d) if e.kind == Kind::Fact => {
                    if row::exists(tx, e, &key)? || write_fact(tx, e, &key, &d)? {
                        row::undefer(tx, e, &key)?;
                    }
                }
                _ => materialise(tx, e, &key, customer.as_deref(), unindexed)?,
            }
        }
        let after: i64 = tx.query_row("SELECT count(*) FROM sync_deferred", [], |r| r.get(0))?;
        if after == 0 || after >= before as i64 {
            return Ok(());
        }
    }
}
