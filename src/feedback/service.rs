//! The service settings: the shop's opening hours (counted in by `calendar`), the targets per
//! complaint severity and the low-score thresholds, saved together from one settings screen.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::complaint::Severity;
use crate::calendar::{self, Calendar, DayHours, OpeningHours, SETTINGS_KEY as KEY};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SlaTarget {
    pub severity: Severity,
    /// Opening hours to the first response and to the resolution.
    pub respond_hours: u32,
    pub resolve_hours: u32,
}

/// Opening hours, holidays, complaint targets and the low-score thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ServiceSettings {
    /// Monday first, seven days.
    pub days: Vec<DayHours>,
    /// `dd/MM` every year, or `dd/MM/yyyy` once.
    pub holidays: Vec<String>,
    /// Days closed from the first of Tết (mùng 1).
    pub tet_days: u32,
    pub sla: Vec<SlaTarget>,
    /// A score at or below these is low: a follow-up call is planned.
    pub low_csat: u32,
    pub low_nps: u32,
    pub low_ces: u32,
    /// The lowest score possible also opens a complaint, owned by `complaint_owner`.
    pub complaint_on_lowest: bool,
    pub complaint_owner: String,
}

impl Default for ServiceSettings {
    fn default() -> Self {
        let OpeningHours { days, holidays, tet_days } = OpeningHours::default();
        ServiceSettings {
            days,
            holidays,
            tet_days,
            sla: vec![
                SlaTarget { severity: Severity::Critical, respond_hours: 1, resolve_hours: 8 },
                SlaTarget { severity: Severity::High, respond_hours: 2, resolve_hours: 24 },
                SlaTarget { severity: Severity::Medium, respond_hours: 4, resolve_hours: 48 },
                SlaTarget { severity: Severity::Low, respond_hours: 8, resolve_hours: 72 },
            ],
            low_csat: 2,
            low_nps: 6,
            low_ces: 3,
            complaint_on_lowest: false,
            complaint_owner: String::new(),
        }
    }
}

impl ServiceSettings {
    pub fn opening(&self) -> OpeningHours {
        OpeningHours {
            days: self.days.clone(),
            holidays: self.holidays.clone(),
            tet_days: self.tet_days,
        }
    }

    /// The opening hours in a form fit for counting.
    pub fn calendar(&self) -> Calendar {
        Calendar::new(&self.opening())
    }
}

pub fn get(conn: &Connection) -> Result<ServiceSettings> {
    let v: Option<String> = crate::db::setting::get(conn, KEY)?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

pub fn validate(s: &ServiceSettings) -> Vec<FieldError> {
    let mut errors = calendar::validate(&s.opening());
    for sev in Severity::ALL {
        match s.sla.iter().find(|t| t.severity == sev) {
            None => errors.push(FieldError::new(&format!("sla.{}", sev.code()), "required")),
            Some(t)
                if t.respond_hours == 0
                    || t.respond_hours > t.resolve_hours
                    || t.resolve_hours > 2000 =>
            {
                errors.push(FieldError::new(&format!("sla.{}", sev.code()), "out_of_range"))
            }
            Some(_) => {}
        }
    }
    if s.low_csat > 4 {
        errors.push(FieldError::new("low_csat", "out_of_range"));
    }
    if s.low_nps > 9 {
        errors.push(FieldError::new("low_nps", "out_of_range"));
    }
    if s.low_ces > 6 {
        errors.push(FieldError::new("low_ces", "out_of_range"));
    }
    if s.complaint_on_lowest && s.complaint_owner.trim().is_empty() {
        errors.push(FieldError::new("complaint_owner", "required"));
    }
    super::name_field(&s.complaint_owner, "complaint_owner", &mut errors);
    errors
}

/// Saves the settings after checking them all; nothing is saved when one is wrong.
pub fn save(
    db: &mut Db,
    s: &ServiceSettings,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ServiceSettings> {
    let errors = validate(s);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let mut s = s.clone();
    s.complaint_owner = s.complaint_owner.trim().to_owned();
    s.holidays = s.holidays.iter().map(|h| h.trim().to_owned()).collect();
    let json = serde_json::to_string(&s).unwrap_or_default();
    db.write(|tx| {
        crate::db::setting::set(tx, KEY, &json)?;
        crate::audit::record(tx, now, staff, "save", "service_settings", 0, serde_json::json!({}))
    })?;
    get(db.conn())
}
