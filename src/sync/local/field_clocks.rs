//! The clock of each field of a record as this site has it: the last applied from another
//! site (`sync_record`, see `applied`), or the last this site captured of its own writes (its
//! outbox), whichever is later. Last writer wins per field by these.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::applied::{self, Applied};
use super::row::Data;
use crate::error::Result;
use crate::sync::change::ERASED_WHOLE;
use crate::sync::spec::Entity;

/// The clock of every field of a record as this site has it (see the module), read at once:
/// a change creating a record of thirty fields otherwise asked sixty questions one by one.
pub(super) fn clocks(tx: &Connection, e: &Entity, key: &str) -> Result<HashMap<String, String>> {
    clocks_with(tx, e, key, applied::load(tx, e, key)?.as_ref())
}

/// [`clocks`] with the record's row already read.
pub(super) fn clocks_with(
    tx: &Connection,
    e: &Entity,
    key: &str,
    applied: Option<&Applied>,
) -> Result<HashMap<String, String>> {
    let mut out: HashMap<String, String> = applied
        .map(|a| a.field_clocks().map(|(f, h)| (f.to_owned(), h.to_owned())).collect())
        .unwrap_or_default();
    let own: Vec<(String, String)> = tx
        .prepare_cached(&format!(
            "SELECT hlc, data FROM sync_outbox WHERE entity = ?1 AND key = ?2 AND op = 'fields'{}",
            not_erased_whole(e)
        ))?
        .query_map(params![e.name, key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (hlc, data) in own {
        let Ok(fields) = serde_json::from_str::<Data>(&data) else { continue };
        for field in fields.into_iter().map(|(f, _)| f) {
            let slot = out.entry(field).or_default();
            if *slot < hlc {
                slot.clone_from(&hlc);
            }
        }
    }
    Ok(out)
}

/// The clock of field `field` of a record as this site has it ("" when it has none).
pub(super) fn field_clock(tx: &Connection, e: &Entity, key: &str, field: &str) -> Result<String> {
    Ok(clocks(tx, e, key)?.remove(field).unwrap_or_default())
}

/// This site's own changes of a record that is nothing but an erased customer's data are
/// empty at the hub and everywhere else (a phone of hers deleted by her erasure here, while a
/// merge made apart moved it to the survivor): they do not count here either.
pub(super) fn not_erased_whole(e: &Entity) -> &'static str {
    if ERASED_WHOLE.contains(&e.name) {
        " AND (customer IS NULL OR customer NOT IN (SELECT customer FROM sync_erased))"
    } else {
        ""
    }
}

/// The clock of this site's own last word on whether the record exists, when it was a deletion.
pub(super) fn own_tombstone(tx: &Connection, e: &Entity, key: &str) -> Result<Option<String>> {
    let last: Option<(String, i64)> = tx
        .prepare_cached(&format!(
            "SELECT hlc, json_extract(data, '$.deleted') FROM sync_outbox
             WHERE entity = ?1 AND key = ?2 AND op = 'fields' AND json_type(data, '$.deleted') IS NOT NULL{}
             ORDER BY hlc DESC LIMIT 1",
            not_erased_whole(e)
        ))?
        .query_row(params![e.name, key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(last.filter(|(_, d)| *d == 1).map(|(h, _)| h))
}

/// This site's own writes of the record's fields where later than what it applied: they are
/// in its outbox, not in `sync_record` (a phone this site moved to another customer, then
/// rewritten whole from an older change that deleted and remade it elsewhere). `applied`
/// gives the clock each field was applied with.
pub(super) fn overlay_own(
    tx: &Connection,
    e: &Entity,
    key: &str,
    applied: &dyn Fn(&str) -> String,
    data: &mut Data,
) -> Result<()> {
    let own: Vec<(String, String)> = tx
        .prepare_cached(&format!(
            "SELECT hlc, data FROM sync_outbox WHERE entity = ?1 AND key = ?2 AND op = 'fields'{}
             ORDER BY hlc",
            not_erased_whole(e)
        ))?
        .query_map(params![e.name, key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (hlc, fields) in own {
        let Ok(fields) = serde_json::from_str::<Data>(&fields) else { continue };
        for (f, v) in fields {
            if hlc > applied(&f) {
                data.insert(f, v);
            }
        }
    }
    Ok(())
}
