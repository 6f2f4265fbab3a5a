//! Care after changes from other stores: the customers a pulled batch touched are planned again
//! here, in the transaction that applied it. A sale at store B for a customer whose home is
//! store A moves her home to B (B's sale carried the move) and A's open care reminders go; a
//! home moved to A by staff at B brings A her thank-you and warranty calls. A care rule edited
//! at another store re-plans its kind here.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::care::plan::{self, Scope};
use crate::care::rule::RuleKind;
use crate::error::Result;
use crate::sync::change::Change;

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
