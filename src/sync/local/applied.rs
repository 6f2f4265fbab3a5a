//! What this site applied of a record from other sites (`sync_record`): each field's value, the
//! clock it came with and the customer whose change wrote it. One row a record: most fields of
//! a record come with one change, so the row keeps one clock and one writer and lists only the
//! fields that differ. (A row a field, as before migration 0031, took forty rows and 12 KB a
//! customer: a store of 50,000 customers was 605 MB, 95% of it field clocks and their index.)
//! Erasure finds a customer's records by the row's writer (`sync_record_customer`, an index on
//! the key's last characters) and by `sync_record_writer`, which lists only the writers of
//! fields whose writer is not the row's (a record a merge moved, then edited elsewhere). Listing
//! every record's writer there cost a store joining a 1,000,000-customer chain 40 s of its
//! 150: its rows were in random key order, and each transaction wrote most of its pages again.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value as Json};

use super::row::Data;
use crate::error::Result;
use crate::sync::spec::Entity;

/// One record's row of `sync_record`.
#[derive(Debug, Clone, Default)]
pub(super) struct Applied {
    /// The clock of every field not in `clocks`.
    hlc: String,
    /// The writer of every field not in `writers`.
    customer: Option<String>,
    pub(super) fields: Data,
    clocks: Map<String, Json>,
    writers: Map<String, Json>,
}

impl Applied {
    /// The clock field `field` was applied with, if it was.
    pub(super) fn clock(&self, field: &str) -> Option<&str> {
        self.fields.get(field)?;
        Some(self.clocks.get(field).and_then(Json::as_str).unwrap_or(&self.hlc))
    }

    /// Every field applied, with its clock.
    pub(super) fn field_clocks(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.keys().map(|f| (f.as_str(), self.clock(f).unwrap_or_default()))
    }

    fn writer(&self, field: &str) -> Option<&str> {
        match self.writers.get(field) {
            Some(w) => w.as_str(),
            None => self.customer.as_deref(),
        }
    }

    /// Takes `value` for `field` from a change with clock `hlc` made about `customer`; a
    /// change about nobody leaves the field's writer as it was.
    pub(super) fn set(&mut self, field: &str, value: Json, hlc: &str, customer: Option<&str>) {
        if self.fields.is_empty() {
            self.hlc = hlc.to_owned();
            self.customer = customer.map(str::to_owned);
        }
        let writer = customer.or(self.writer(field).filter(|_| self.fields.contains_key(field)));
        let writer = writer.map(str::to_owned);
        if hlc == self.hlc {
            self.clocks.remove(field);
        } else {
            self.clocks.insert(field.to_owned(), Json::from(hlc));
        }
        if writer == self.customer {
            self.writers.remove(field);
        } else {
            self.writers.insert(field.to_owned(), writer.map_or(Json::Null, Json::from));
        }
        self.fields.insert(field.to_owned(), value);
    }

    /// Who wrote a field of the record as it stands, other than the row's writer.
    fn other_writers(&self) -> BTreeSet<String> {
        self.writers.values().filter_map(Json::as_str).map(str::to_owned).collect()
    }
}

fn object(text: Option<String>) -> Map<String, Json> {
    match text.and_then(|t| serde_json::from_str(&t).ok()) {
        Some(Json::Object(m)) => m,
        _ => Map::new(),
    }
}

fn text(m: &Map<String, Json>) -> Option<String> {
    (!m.is_empty()).then(|| Json::Object(m.clone()).to_string())
}

/// The record's row, when this site applied any of it.
pub(super) fn load(tx: &Connection, e: &Entity, key: &str) -> Result<Option<Applied>> {
    let row = tx
        .prepare_cached(
            "SELECT hlc, customer, fields, clocks, writers FROM sync_record
             WHERE entity = ?1 AND key = ?2",
        )?
        .query_row(params![e.name, key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    Ok(row.map(|(hlc, customer, fields, clocks, writers)| Applied {
        hlc,
        customer,
        fields: object(Some(fields)),
        clocks: object(clocks),
        writers: object(writers),
    }))
}

/// Writes the record's row as `now` holds it; `before` is what [`load`] read (its other
/// writers are those to drop from `sync_record_writer` when no field is theirs any more).
pub(super) fn save(
    tx: &Connection,
    e: &Entity,
    key: &str,
    before: Option<&Applied>,
    now: &Applied,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_record(entity, key, hlc, customer, fields, clocks, writers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(entity, key) DO UPDATE SET hlc = excluded.hlc, customer = excluded.customer,
            fields = excluded.fields, clocks = excluded.clocks, writers = excluded.writers",
    )?
    .execute(params![
        e.name,
        key,
        now.hlc,
        now.customer,
        Json::Object(now.fields.clone()).to_string(),
        text(&now.clocks),
        text(&now.writers),
    ])?;
    let (old, new) = (before.map(Applied::other_writers).unwrap_or_default(), now.other_writers());
    for gone in old.difference(&new) {
        tx.prepare_cached(
            "DELETE FROM sync_record_writer WHERE customer = ?1 AND entity = ?2 AND key = ?3",
        )?
        .execute(params![gone, e.name, key])?;
    }
    for came in new.difference(&old) {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO sync_record_writer(customer, entity, key) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![came, e.name, key])?;
    }
    Ok(())
}
