//! When reminders fall due in the day and when the desktop stays quiet.

use chrono::{DateTime, NaiveTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::parse_time;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CareSettings {
    /// `HH:MM`: the time of day planned reminders fall due.
    pub due_time: String,
    /// `HH:MM`–`HH:MM`: no desktop notification in between (may span midnight); what falls due
    /// then is announced when it ends.
    pub quiet_from: String,
    pub quiet_to: String,
    pub notifications: bool,
}

impl Default for CareSettings {
    fn default() -> Self {
        CareSettings {
            due_time: "08:00".into(),
            quiet_from: "21:00".into(),
            quiet_to: "08:00".into(),
            notifications: true,
        }
    }
}

impl CareSettings {
    pub fn due_time(&self) -> NaiveTime {
        parse_time(&self.due_time).unwrap_or(NaiveTime::MIN)
    }

    /// The quiet window, or None when it is empty or unreadable.
    pub fn quiet(&self) -> Option<(NaiveTime, NaiveTime)> {
        let (from, to) = (parse_time(&self.quiet_from)?, parse_time(&self.quiet_to)?);
        (from != to).then_some((from, to))
    }
}

const KEYS: [&str; 4] = ["care.due_time", "care.quiet_from", "care.quiet_to", "care.notifications"];

pub fn get(conn: &Connection) -> Result<CareSettings> {
    let mut s = CareSettings::default();
    let mut stmt = conn.prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'care.%'")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, v) = row?;
        match k.as_str() {
            "care.due_time" => s.due_time = v,
            "care.quiet_from" => s.quiet_from = v,
            "care.quiet_to" => s.quiet_to = v,
            "care.notifications" => s.notifications = v == "1",
            _ => {}
        }
    }
    Ok(s)
}

/// Saves the settings; a new due time re-plans the open reminders.
pub fn save(
    db: &mut Db,
    s: &CareSettings,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CareSettings> {
    let errors: Vec<FieldError> =
        [("due_time", &s.due_time), ("quiet_from", &s.quiet_from), ("quiet_to", &s.quiet_to)]
            .into_iter()
            .filter(|(_, v)| parse_time(v).is_none())
            .map(|(f, _)| FieldError::new(f, "time_invalid"))
            .collect();
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let notifications = if s.notifications { "1".to_owned() } else { "0".to_owned() };
    let values = [
        s.due_time.trim().to_owned(),
        s.quiet_from.trim().to_owned(),
        s.quiet_to.trim().to_owned(),
        notifications,
    ];
    db.write(|tx| {
        for (k, v) in KEYS.iter().zip(&values) {
            crate::db::setting::set(tx, k, v)?;
        }
        crate::audit::record(tx, now, staff, "save", "care_settings", 0, serde_json::json!({}))?;
        super::plan::replan_in(tx, &super::plan::Scope::All, now)?;
        Ok(())
    })?;
    get(db.conn())
}
