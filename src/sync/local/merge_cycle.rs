//! Two stores apart may each merge one record of a person into the other (store A keeps
//! "Lan 1", store B keeps "Lan 2"): both merges arrive everywhere and point the two records at
//! each other, and nobody would be left. Every site breaks such a cycle the same way: the
//! merge made last stands, the record it kept is live again, and what pointed at the others
//! follows it. Nothing is captured: every site decides the same from the same clocks.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension};

use super::field_clocks::field_clock;
use super::hooks::{self, Unindexed};
use super::row;
use crate::error::Result;
use crate::sync::spec;

/// Breaks the cycles of merges that the customers `keys` are in.
pub(super) fn break_cycles(
    tx: &Connection,
    keys: &BTreeSet<String>,
    unindexed: &Unindexed,
) -> Result<()> {
    for key in keys {
        let Some(start) = row::local_id(tx, "customer", key)? else { continue };
        let mut path = vec![start];
        let mut at = start;
        while let Some(next) = merged_into(tx, at)? {
            if let Some(i) = path.iter().position(|p| *p == next) {
                return unmerge_kept(tx, &path[i..], unindexed)
                    .and_then(|()| break_cycles(tx, keys, unindexed));
            }
            path.push(next);
            at = next;
        }
    }
    Ok(())
}

fn merged_into(tx: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT merged_into FROM customer WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// In the cycle `ids`, the record whose own merge is the oldest was kept by the newest merge
/// (it is what the newest pointed at, or on the way): it is live again.
fn unmerge_kept(tx: &Connection, ids: &[i64], unindexed: &Unindexed) -> Result<()> {
    let Some(customer) = spec::by_name("customer") else { return Ok(()) };
    let mut members = Vec::new();
    for id in ids {
        let key = row::key_of(tx, "customer", *id)?.unwrap_or_default();
        members.push((field_clock(tx, customer, &key, "merged_into")?, key, *id));
    }
    members.sort();
    let kept = members[0].2;
    tx.execute("UPDATE customer SET merged_into = NULL, archived_at = NULL WHERE id = ?1", [kept])?;
    // Searchable again, unless it still is (a merge made elsewhere leaves it in the index).
    unindexed.stage(kept);
    for (_, _, id) in &members[1..] {
        let into = row::survivor(tx, *id)?;
        hooks::repoint(tx, *id, into)?;
    }
    Ok(())
}
