//! Structured preferences ("size: 42", "brand: Apple") and alert notes shown when the card opens.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::live::{ensure_live, Change};
use crate::audit;
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::nfc;

pub const MAX_VALUE: usize = 200;
pub const MAX_NOTE: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PreferenceCategory {
    Size,
    Colour,
    Brand,
    Taste,
    Style,
    Other,
}

crate::text::code::stored_code!(PreferenceCategory);

impl PreferenceCategory {
    pub const ALL: [PreferenceCategory; 6] = [
        PreferenceCategory::Size,
        PreferenceCategory::Colour,
        PreferenceCategory::Brand,
        PreferenceCategory::Taste,
        PreferenceCategory::Style,
        PreferenceCategory::Other,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreferenceDraft {
    pub category: PreferenceCategory,
    pub value: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub is_alert: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Preference {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub customer_id: i64,
    pub category: PreferenceCategory,
    pub value: String,
    pub note: String,
    pub is_alert: bool,
    pub noted_by: String,
    pub noted_at: String,
    pub updated_at: String,
}

fn validate(draft: &PreferenceDraft) -> Result<(String, String)> {
    let value = nfc(&draft.value);
    let note = nfc(&draft.note);
    let mut errors = Vec::new();
    if value.is_empty() {
        errors.push(FieldError::new("value", "preference_value_empty"));
    } else if value.chars().count() > MAX_VALUE {
        errors.push(FieldError::new("value", "preference_value_too_long"));
    }
    if note.chars().count() > MAX_NOTE {
        errors.push(FieldError::new("note", "preference_note_too_long"));
    }
    if errors.is_empty() {
        Ok((value, note))
    } else {
        Err(Error::Validation(errors))
    }
}

pub fn add_preference(
    db: &mut Db,
    customer_id: i64,
    draft: &PreferenceDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Preference> {
    let (value, note) = validate(draft)?;
    let id = db.write(|tx| {
        ensure_live(tx, customer_id, Change::Edit)?;
        let at = stamp(now);
        tx.execute(
            "INSERT INTO preference(customer_id, category, value, note, is_alert, noted_by, noted_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![customer_id, draft.category.code(), value, note, draft.is_alert, staff, at],
        )?;
        let id = tx.last_insert_rowid();
        audit::record(tx, now, staff, "add", "preference", id, json!({ "customer_id": customer_id, "value": value }))?;
        Ok(id)
    })?;
    get(db.conn(), id)
}

pub fn update_preference(
    db: &mut Db,
    id: i64,
    draft: &PreferenceDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Preference> {
    let (value, note) = validate(draft)?;
    let before = get(db.conn(), id)?;
    db.write(|tx| {
        ensure_live(tx, before.customer_id, Change::Edit)?;
        tx.execute(
            "UPDATE preference SET category = ?2, value = ?3, note = ?4, is_alert = ?5, updated_at = ?6 WHERE id = ?1",
            params![id, draft.category.code(), value, note, draft.is_alert, stamp(now)],
        )?;
        audit::record(tx, now, staff, "update", "preference", id, json!({ "before": before }))
    })?;
    get(db.conn(), id)
}

pub fn remove_preference(db: &mut Db, id: i64, staff: &str, now: DateTime<Utc>) -> Result<()> {
    let before = get(db.conn(), id)?;
    db.write(|tx| {
        ensure_live(tx, before.customer_id, Change::Edit)?;
        tx.execute("DELETE FROM preference WHERE id = ?1", [id])?;
        audit::record(tx, now, staff, "remove", "preference", id, json!({ "before": before }))
    })
}

fn get(conn: &Connection, id: i64) -> Result<Preference> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or(Error::NotFound { what: "preference", id })
}

/// Alerts first, then by category, newest first within one.
pub(super) fn list(conn: &Connection, customer_id: i64) -> Result<Vec<Preference>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE customer_id = ?1 ORDER BY is_alert DESC, category, noted_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([customer_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const SELECT: &str =
    "SELECT id, customer_id, category, value, note, is_alert, noted_by, noted_at, updated_at FROM preference";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Preference> {
    Ok(Preference {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        category: PreferenceCategory::parse(&r.get::<_, String>(2)?)
            .unwrap_or(PreferenceCategory::Other),
        value: r.get(3)?,
        note: r.get(4)?,
        is_alert: r.get(5)?,
        noted_by: r.get(6)?,
        noted_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}
