//! The customer a fact was written under. A fact (a sale's points, a return, a consent…) never
//! changes, but the customer it points at follows merges: here it points at the record its
//! customer became. Two stores may merge one record into two different ones while apart; the
//! merge that stands (the later clock) is only known once both arrive, and by then each store
//! has moved the facts its own way. So where a fact first leaves the customer it was written
//! under, that customer is kept (`sync_fact_origin`, by the triggers of migration 0029, and
//! here for a fact that arrives already followed), and after every batch that brought a merge
//! each such fact points again at the record its first customer became: the same at every
//! store, whatever order the merges arrived in.

use rusqlite::{params, Connection};
use serde_json::Value as Json;

use super::row::{self, Data};
use crate::error::Result;
use crate::sync::spec::{Entity, Kind, Target, ENTITIES};

/// The (entity, column) of every fact's reference to a customer: what follows merges.
pub fn fact_customer_refs() -> impl Iterator<Item = (&'static Entity, &'static str)> {
    ENTITIES.iter().filter(|e| e.kind == Kind::Fact).flat_map(|e| {
        e.refs
            .iter()
            .filter(|(_, t)| *t == Target::Entity("customer"))
            .map(move |(col, _)| (e, *col))
    })
}

/// Keeps the customer fact `key` of `e` was written under when it was written here pointing
/// at another (hers was merged before it arrived).
pub(super) fn note(tx: &Connection, e: &Entity, key: &str, data: &Data) -> Result<()> {
    for (_, col) in fact_customer_refs().filter(|(f, _)| f.name == e.name) {
        let Some(Json::String(written)) = data.get(col) else { continue };
        let Some(id) = row::local_id(tx, "customer", written)? else { continue };
        tx.prepare_cached(&format!(
            "INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
             SELECT ?1, key, ?2 FROM {} WHERE key = ?3 AND {col} IS NOT ?4",
            e.table
        ))?
        .execute(params![e.name, written, key, id])?;
    }
    Ok(())
}

/// Points every fact that left the customer it was written under at the record she became.
pub(super) fn refollow(tx: &Connection) -> Result<()> {
    let moved: Vec<(String, String, String)> = tx
        .prepare_cached("SELECT entity, key, customer FROM sync_fact_origin")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (entity, key, customer) in moved {
        let Some(id) = row::local_id(tx, "customer", &customer)? else { continue };
        let into = row::survivor(tx, id)?;
        for (e, col) in fact_customer_refs().filter(|(f, _)| f.name == entity) {
            tx.prepare_cached(&format!(
                "UPDATE {} SET {col} = ?1 WHERE key = ?2 AND {col} IS NOT ?1",
                e.table
            ))?
            .execute(params![into, key])?;
        }
    }
    Ok(())
}
