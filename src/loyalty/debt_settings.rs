//! The shop's terms for selling on credit: the most a customer may owe when no limit of their
//! own is set (0 = no credit sales), and the days until a debt falls due by default.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, FieldError, Result};

const DEFAULT_LIMIT: &str = "debt.default_limit";
const DUE_DAYS: &str = "debt.due_days";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DebtSettings {
    #[ts(type = "number")]
    pub default_limit: i64,
    #[ts(type = "number")]
    pub due_days: i64,
}

impl Default for DebtSettings {
    fn default() -> Self {
        DebtSettings { default_limit: 0, due_days: 30 }
    }
}

pub fn get(conn: &Connection) -> Result<DebtSettings> {
    let d = DebtSettings::default();
    let num = |k: &str, def: i64| -> Result<i64> {
        Ok(crate::db::setting::get(conn, k)?.and_then(|v| v.parse().ok()).unwrap_or(def))
    };
    Ok(DebtSettings {
        default_limit: num(DEFAULT_LIMIT, d.default_limit)?,
        due_days: num(DUE_DAYS, d.due_days)?,
    })
}

pub fn save(
    db: &mut Db,
    s: &DebtSettings,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<DebtSettings> {
    let mut errors = Vec::new();
    if s.default_limit < 0 {
        errors.push(FieldError::new("default_limit", "negative"));
    }
    if !(1..=3650).contains(&s.due_days) {
        errors.push(FieldError::new("due_days", "out_of_range"));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    db.write(|tx| {
        crate::db::setting::set(tx, DEFAULT_LIMIT, &s.default_limit.to_string())?;
        crate::db::setting::set(tx, DUE_DAYS, &s.due_days.to_string())?;
        crate::audit::record(
            tx,
            now,
            staff,
            "save",
            "debt_settings",
            0,
            serde_json::json!({ "default_limit": s.default_limit, "due_days": s.due_days }),
        )
    })?;
    get(db.conn())
}
