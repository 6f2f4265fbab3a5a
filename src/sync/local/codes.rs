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
use crate::text::{fold, with_key_tail};

/// (table, unique column, the column shown) of what is settled here. Where the two differ the
/// unique one is the shown one folded: staff accounts are chain-wide by name ("Lan" and "lân"
/// are one), so two stores that each made an account "Lan" while apart keep both, the one with
/// the larger key shown as `Lan-3f9c`; signed in, she stays signed in (`staff::still_named`
/// knows the name this rule gives).
const SETTLED: &[(&str, &str, &str)] = &[
    ("product", "code", "code"),
    ("customer", "code", "code"),
    ("voucher", "code", "code"),
    ("staff", "folded_name", "name"),
];

type Vals = Vec<(&'static str, Value)>;

fn text(vals: &Vals, col: &str) -> Option<String> {
    match vals.iter().find(|(c, _)| *c == col) {
        Some((_, Value::Text(t))) => Some(t.clone()),
        _ => None,
    }
}

/// When `vals` (of record `key`) hold a code another record already has, gives way by the
/// rule above: renames the other record, or the code in `vals`. `true` when it changed anything
/// (so the write is worth trying again).
pub(super) fn settle(tx: &Connection, e: &Entity, key: &str, vals: &mut Vals) -> Result<bool> {
    let mut changed = false;
    for &(table, unique, shown) in SETTLED.iter().filter(|(t, ..)| *t == e.table) {
        let Some(held) = text(vals, unique) else { continue };
        let other: Option<(Option<String>, Option<String>)> = tx
            .query_row(
                &format!("SELECT key, {shown} FROM {table} WHERE {unique} = ?1 AND key IS NOT ?2"),
                params![held, key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((Some(other), other_shown)) = other else { continue };
        let unique_of = |name: &str| if unique == shown { name.to_owned() } else { fold(name) };
        if other.as_str() > key {
            let name = with_key_tail(&other_shown.unwrap_or(held), &other);
            let sets = if unique == shown {
                format!("{shown} = ?1")
            } else {
                format!("{shown} = ?1, {unique} = ?2")
            };
            tx.execute(
                &format!("UPDATE {table} SET {sets} WHERE key = ?3"),
                params![name, unique_of(&name), other],
            )?;
        } else {
            // The shown column when this change carries it, else as the record holds it.
            let current = match text(vals, shown) {
                Some(n) => Some(n),
                None => tx
                    .query_row(&format!("SELECT {shown} FROM {table} WHERE key = ?1"), [key], |r| {
                        r.get(0)
                    })
                    .optional()?,
            };
            let name = with_key_tail(&current.unwrap_or(held), key);
            vals.retain(|(c, _)| *c != shown && *c != unique);
            vals.push((shown, Value::Text(name.clone())));
            if unique != shown {
                vals.push((unique, Value::Text(unique_of(&name))));
            }
        }
        changed = true;
    }
    Ok(changed)
}
