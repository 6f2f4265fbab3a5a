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
use crate::text::fold;

/// (table, column) of the codes settled here.
const SETTLED: &[(&str, &str)] = &[("product", "code"), ("customer", "code"), ("voucher", "code")];

/// Staff accounts are chain-wide by name (`folded_name` is unique): two stores that each made
/// an account "Lan" while apart are two people. The same rule keeps both: the account with the
/// larger key is shown as `Lan-3f9c` at every store. Signed in, she stays signed in
/// (`staff::still_named` knows the name this rule gives).
const STAFF_NAME: (&str, &str, &str) = ("staff", "folded_name", "name");

type Vals = Vec<(&'static str, Value)>;

fn renamed(code: &str, key: &str) -> String {
    crate::text::with_key_tail(code, key)
}

/// When `vals` (of record `key`) hold a code another record already has, gives way by the
/// rule above: renames the other record, or the code in `vals`. `true` when it changed anything
/// (so the write is worth trying again).
pub(super) fn settle(tx: &Connection, e: &Entity, key: &str, vals: &mut Vals) -> Result<bool> {
    if e.table == STAFF_NAME.0 {
        return settle_name(tx, key, vals);
    }
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

/// [`settle`] for a staff account's name: the name and its folded form go together.
fn settle_name(tx: &Connection, key: &str, vals: &mut Vals) -> Result<bool> {
    let (table, unique, shown) = STAFF_NAME;
    let text = |vals: &Vals, col: &str| match vals.iter().find(|(c, _)| *c == col) {
        Some((_, Value::Text(t))) => Some(t.clone()),
        _ => None,
    };
    let Some(folded) = text(vals, unique) else { return Ok(false) };
    let other: Option<(String, String)> = tx
        .query_row(
            &format!("SELECT key, {shown} FROM {table} WHERE {unique} = ?1 AND key IS NOT ?2"),
            params![folded, key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((other, other_name)) = other else { return Ok(false) };
    if other.as_str() > key {
        let name = renamed(&other_name, &other);
        tx.execute(
            &format!("UPDATE {table} SET {shown} = ?1, {unique} = ?2 WHERE key = ?3"),
            params![name, fold(&name), other],
        )?;
    } else {
        let current: Option<String> = match text(vals, shown) {
            Some(n) => Some(n),
            None => tx
                .query_row(&format!("SELECT {shown} FROM {table} WHERE key = ?1"), [key], |r| {
                    r.get(0)
                })
                .optional()?,
        };
        let name = renamed(&current.unwrap_or(folded), key);
        vals.retain(|(c, _)| *c != shown && *c != unique);
        vals.push((shown, Value::Text(name.clone())));
        vals.push((unique, Value::Text(fold(&name))));
    }
    Ok(true)
}
