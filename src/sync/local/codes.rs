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

/// (table, column, the column shown for it) of the codes settled here. A staff account's name
/// is unique folded ("Lan" and "lân" are one name): two stores that each took on a "Lan" while
/// apart both keep their accounts, one of them shown as "Lan-3f9c" until the owner renames it.
const SETTLED: &[(&str, &str, Option<&str>)] = &[
    ("product", "code", None),
    ("customer", "code", None),
    ("voucher", "code", None),
    ("staff", "folded_name", Some("name")),
];

type Vals = Vec<(&'static str, Value)>;

fn tail(key: &str) -> String {
    key.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect()
}

fn renamed(code: &str, key: &str) -> String {
    format!("{code}-{}", tail(key))
}

/// When `vals` (of record `key`) hold a code another record already has, gives way by the
/// rule above: renames the other record, or the code in `vals`. `true` when it changed anything
/// (so the write is worth trying again).
pub(super) fn settle(tx: &Connection, e: &Entity, key: &str, vals: &mut Vals) -> Result<bool> {
    let mut changed = false;
    for (_, column, shown) in SETTLED.iter().filter(|(t, _, _)| *t == e.table) {
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
            if let Some(shown) = shown {
                tx.execute(
                    &format!(
                        "UPDATE {} SET {shown} = {shown} || '-' || ?1 WHERE key = ?2",
                        e.table
                    ),
                    params![tail(&other), other],
                )?;
            }
        } else {
            for (c, v) in vals.iter_mut() {
                if c == column {
                    *v = Value::Text(renamed(&code, key));
                } else if Some(*c) == *shown {
                    if let Value::Text(name) = v {
                        *v = Value::Text(renamed(name, key));
                    }
                }
            }
        }
        changed = true;
    }
    Ok(changed)
}
