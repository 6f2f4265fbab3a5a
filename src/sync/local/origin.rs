//! The customer a record was written under. What points at a customer (a sale, a claim, a
//! sale's points, a consent…) follows merges: here it points at the record its customer became.
//! Two stores may merge one record into two different ones while apart; the merge that stands
//! (the later clock) is only known once both arrive, and by then each store has moved what
//! pointed at it its own way. So where a record leaves the customer its last word names, that
//! customer is kept (`sync_ref_origin`, by the triggers of migration 0029, and here for a
//! record that arrives already followed), and after every batch that brought a merge each such
//! record points again at the record its customer became: the same at every store, whatever
//! order the merges arrived in.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value as Json;

use super::row::{self, Data};
use crate::error::Result;
use crate::sync::spec::{Entity, ENTITIES};

/// The (entity, column) of every reference to a customer that follows merges
/// ([`Entity::follows_merges`]) and is kept here: not a debt limit's, of which a customer has
/// one (the merge keeps the kept one's, and a second one moved onto her would not fit).
pub fn customer_refs() -> impl Iterator<Item = (&'static Entity, &'static str)> {
    ENTITIES.iter().filter(|e| e.name != "debt_limit").flat_map(|e| {
        e.refs.iter().filter(|(col, _)| e.follows_merges(col)).map(move |(col, _)| (e, *col))
    })
}

/// After record `key` of `e` was written from `data` (its last word): the customer it names is
/// kept when it points at another (hers was merged before it arrived), and forgotten otherwise.
pub(super) fn note(tx: &Connection, e: &Entity, key: &str, data: &Data) -> Result<()> {
    for (_, col) in customer_refs().filter(|(f, _)| f.name == e.name) {
        let Some(Json::String(named)) = data.get(col) else { continue };
        let Some(id) = row::local_id(tx, "customer", named)? else { continue };
        let followed: bool = tx
            .prepare_cached(&format!("SELECT {col} IS NOT ?2 FROM {} WHERE key = ?1", e.table))?
            .query_row(params![key, id], |r| r.get(0))
            .optional()?
            .unwrap_or(false);
        if followed {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO sync_ref_origin(entity, key, customer) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![e.name, key, named])?;
        } else {
            tx.prepare_cached("DELETE FROM sync_ref_origin WHERE entity = ?1 AND key = ?2")?
                .execute(params![e.name, key])?;
        }
    }
    Ok(())
}

/// Points every record that left the customer it names at the record she became.
pub(super) fn refollow(tx: &Connection) -> Result<()> {
    let moved: Vec<(String, String, String)> = tx
        .prepare_cached("SELECT entity, key, customer FROM sync_ref_origin")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (entity, key, customer) in moved {
        let Some(id) = row::local_id(tx, "customer", &customer)? else { continue };
        let into = row::survivor(tx, id)?;
        for (e, col) in customer_refs().filter(|(f, _)| f.name == entity) {
            // A constraint the move would break (a preference she has twice) leaves it.
            tx.prepare_cached(&format!(
                "UPDATE OR IGNORE {} SET {col} = ?1 WHERE key = ?2 AND {col} IS NOT ?1",
                e.table
            ))?
            .execute(params![into, key])?;
        }
    }
    Ok(())
}
