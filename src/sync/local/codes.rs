//! Codes unique within a table that two sites may both have used for different records: a
//! product code (SKU) made at two stores, a customer's code from two shops' old systems, a
//! voucher code two stores typed while apart (the codes a site draws carry its store code). (Receipt,
//! claim and complaint codes are unique per store and never meet: migration 0027.)
//!
//! On every site the record with the smaller key keeps the code and the other is shown with
//! its key's last four characters after it (`IP15-3f9c`), whichever arrived first: so every
//! site ends with the same codes, and neither record waits in `sync_deferred` for ever. The
//! rename is not captured; each site makes it for itself by the same rule.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::sync::spec::Entity;

/// (table, column) of the codes settled here.
const SETTLED: &[(&str, &str)] = &[("product", "code"), ("customer", "code"), ("voucher", "code")];

type Vals = Vec<(&'static str, Value)>;

fn renamed(code: &str, key: &str) -> String {
    let tail: String = key.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{code}-{tail}")
}

/// When `vals` (of record `key`) hold a code another record already has, gives way by the
/// rule above: renames the other record, or the code in `vals`. `true` when it changed anything
/// (so the write is worth trying again).
pub(super) fn settle(tx: &Connection, e: &Entity, key: &str, vals: &mut Vals) -> Result<bool> {
    let mut changed = false;
    for (_, column) in SETTLED.iter().filter(|(t, _)| *t == e.table) {
        let Some((_, Value::Text(code))) = vals.iter().find(|(c, _)| c == column) else {
            continue;
        };
        let code = code.clone();
        let other: Option<String> = tx
            .query_row(
                &format!("SELECT key FROM {} WHERE {column} = ?1 AND key IS NOT ?2", e.table),
                params![code, key],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let Some(other) = other else { continue };
        if other.as_str() > key {
            tx.execute(
                &format!("UPDATE {} SET {column} = ?1 WHERE key = ?2", e.table),
                params![renamed(&code, &other), other],
            )?;
        } else {
            for (c, v) in vals.iter_mut() {
                if c == column {
                    *v = Value::Text(renamed(&code, key));
                }
            }
        }
        changed = true;
    }
    Ok(changed)
}
