//! Care after changes from other stores: the customers a pulled batch touched are planned again
//! here, in the transaction that applied it. A sale at store B for a customer whose home is
//! store A moves her home to B (B's sale carried the move) and A's open care reminders go; a
//! home moved to A by staff at B brings A her thank-you and warranty calls. A care rule edited
//! at another store re-plans its kind here.
//!
//! A store catching up (a week offline, a new store joining) pulls hundreds of thousands of
//! changes: one customer at a time its care would be planned again some thousands of times
//! over, at a millisecond or more each. Past [`DIRECT`] customers in one sync, the batches only
//! mark that everyone is to be planned again, and one set-based pass does it once the pull is
//! done (or by the next sync, when this one is cut short: the mark commits with the batches).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::care::plan::{self, Scope};
use crate::care::rule::RuleKind;
use crate::db::{setting, Db};
use crate::error::Result;
use crate::sync::change::Change;

/// Customers re-planned one by one in a sync before the rest wait for one pass over everyone
/// (about what that pass costs on a large store).
pub const DIRECT: usize = 500;

/// The mark that everyone waits to be planned again.
const PENDING: &str = "chain.replan_everyone";

/// Re-plans `customers` (local ids) inside the caller's transaction.
pub fn after_apply(tx: &Connection, customers: &[i64], now: DateTime<Utc>) -> Result<()> {
    let mut done: Vec<i64> = Vec::new();
    for id in customers {
        if !done.contains(id) {
            plan::run_in(tx, &Scope::Customer(*id), now)?;
            done.push(*id);
        }
    }
    Ok(())
}

/// The local ids of the customers `changes` concern, as they stand after applying them (a
/// record still waiting for its customer concerns nobody here yet).
pub fn customers_of(tx: &Connection, changes: &[Change]) -> Result<Vec<i64>> {
    let mut keys: Vec<&str> = changes.iter().filter_map(|c| c.customer.as_deref()).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut find = tx.prepare_cached("SELECT id FROM customer WHERE key = ?1")?;
    let mut out = Vec::new();
    for key in keys {
        if let Some(id) = find.query_row([key], |r| r.get(0)).optional()? {
            out.push(id);
        }
    }
    Ok(out)
}

/// Everything to re-plan after `changes` applied: their customers, then every rule kind whose
/// settings another store edited (open reminders follow the new offsets).
pub fn after_changes(tx: &Connection, changes: &[Change], now: DateTime<Utc>) -> Result<()> {
    after_apply(tx, &customers_of(tx, changes)?, now)?;
    rules_edited(tx, changes, now)
}

/// Every rule kind whose settings `changes` edited, re-planned.
fn rules_edited(tx: &Connection, changes: &[Change], now: DateTime<Utc>) -> Result<()> {
    let mut kinds: Vec<RuleKind> = changes
        .iter()
        .filter(|c| c.entity == "care_rule")
        .filter_map(|c| c.key.strip_prefix("care_rule/").and_then(RuleKind::parse))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in kinds {
        plan::replan_in(tx, &Scope::Kind(kind), now)?;
    }
    Ok(())
}

/// What [`after_changes`] does for a batch of a sync that has already re-planned `done`
/// customers one by one; returns how many it has now. Past [`DIRECT`], the batch's customers
/// wait for [`finish`] (rule kinds edited elsewhere are still re-planned here: they are rare).
pub fn after_batch(
    tx: &Connection,
    changes: &[Change],
    now: DateTime<Utc>,
    done: usize,
) -> Result<usize> {
    let customers = customers_of(tx, changes)?;
    if done + customers.len() <= DIRECT && setting::get(tx, PENDING)?.is_none() {
        after_changes(tx, changes, now)?;
        return Ok(done + customers.len());
    }
    if !customers.is_empty() {
        setting::set(tx, PENDING, "1")?;
    }
    rules_edited(tx, changes, now)?;
    Ok(done + customers.len())
}

/// The pass over everyone the batches left marked, if any: every reminder confirmed or moved
/// to its due, those no longer warranted removed, as the per-customer re-plan would have.
pub fn finish(db: &mut Db, now: DateTime<Utc>) -> Result<()> {
    if setting::get(db.conn(), PENDING)?.is_none() {
        return Ok(());
    }
    db.write(|tx| {
        plan::replan_in(tx, &Scope::All, now)?;
        tx.execute("DELETE FROM setting WHERE key = ?1", [PENDING])?;
        Ok(())
    })
}
