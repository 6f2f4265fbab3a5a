//! What care needs to know about a customer beyond their identity: a lunar birthday and a lunar
//! anniversary. Consent to care and marketing is not here: it has one writer, the consent
//! ledger (`privacy::record_consent`), with its method and evidence.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CareProfile {
    /// The birthday's day and month are on the lunar calendar.
    pub birthday_lunar: bool,
    /// Lunar `dd/MM` of a yearly remembrance (giỗ); empty for none.
    pub anniversary: String,
    pub anniversary_note: String,
}

pub fn get(conn: &Connection, id: i64) -> Result<CareProfile> {
    conn.prepare_cached(
        "SELECT birthday_lunar, anniversary_lunar, anniversary_note FROM customer WHERE id = ?1",
    )?
    .query_row([id], |r| {
        let md: Option<String> = r.get(1)?;
        Ok(CareProfile {
            birthday_lunar: r.get(0)?,
            anniversary: md.as_deref().map(lunar_display).unwrap_or_default(),
            anniversary_note: r.get(2)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound { what: "customer", id })
}

/// A lunar date stored `MM-DD` as staff type it, `dd/MM`.
pub(super) fn lunar_display(md: &str) -> String {
    md.split_once('-').map(|(mm, dd)| format!("{dd}/{mm}")).unwrap_or_default()
}

/// `dd/MM` of a lunar date (day 1–30, month 1–12) as stored `MM-DD`.
fn lunar_month_day(s: &str) -> Option<String> {
    let (d, m) = s.trim().split_once('/')?;
    let (d, m): (u32, u32) = (d.trim().parse().ok()?, m.trim().parse().ok()?);
    ((1..=30).contains(&d) && (1..=12).contains(&m)).then(|| format!("{m:02}-{d:02}"))
}

/// Saves the profile and re-plans the customer's care in the same transaction.
pub fn save(
    db: &mut Db,
    id: i64,
    p: &CareProfile,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CareProfile> {
    let mut errors = Vec::new();
    let anniversary = if p.anniversary.trim().is_empty() {
        None
    } else {
        let md = lunar_month_day(&p.anniversary);
        if md.is_none() {
            errors.push(FieldError::new("anniversary", "lunar_date_invalid"));
        }
        md
    };
    let note = crate::text::nfc(p.anniversary_note.trim());
    if note.chars().count() > 200 {
        errors.push(FieldError::new("anniversary_note", "too_long"));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    db.write(|tx| {
        let before = get(tx, id)?;
        crate::customer::ensure_live(tx, id, crate::customer::Change::Edit)?;
        tx.execute(
            "UPDATE customer SET birthday_lunar = ?2, anniversary_lunar = ?3, anniversary_note = ?4,
                updated_at = ?5 WHERE id = ?1",
            params![id, p.birthday_lunar, anniversary, note, stamp(now)],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "update",
            "care_profile",
            id,
            serde_json::json!({ "before": serde_json::to_value(&before).unwrap_or_default(), "after": serde_json::to_value(p).unwrap_or_default() }),
        )?;
        crate::care::plan::run_in(tx, &crate::care::plan::Scope::Customer(id), now)?;
        Ok(())
    })?;
    get(db.conn(), id)
}
