//! The owner's points rules, kept as `loyalty.*` settings: earning, the value of a point when
//! redeemed, the balance needed before redeeming, and when earned points lapse.
//!
//! Defaults follow what KiotViet shops start from: 1 point per 10.000 ₫ paid, 1 point = 100 ₫
//! off a later sale (1 % back), redeeming from 100 points held, points never lapse.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, FieldError, Result};

/// When earned points lapse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    #[default]
    Never,
    /// On the 1st of January after the year they were earned.
    YearEnd,
    /// `expiry_months` after the day they were earned.
    Months,
}

impl Expiry {
    pub fn code(self) -> &'static str {
        match self {
            Expiry::Never => "never",
            Expiry::YearEnd => "year_end",
            Expiry::Months => "months",
        }
    }

    pub fn parse(s: &str) -> Option<Expiry> {
        [Expiry::Never, Expiry::YearEnd, Expiry::Months].into_iter().find(|e| e.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PointsRules {
    pub enabled: bool,
    /// `earn_points` points for every `earn_per` đồng paid.
    #[ts(type = "number")]
    pub earn_points: i64,
    #[ts(type = "number")]
    pub earn_per: i64,
    /// Product categories whose lines earn nothing (as in the catalogue).
    pub excluded_categories: Vec<String>,
    /// Đồng taken off a sale per point redeemed.
    #[ts(type = "number")]
    pub point_value: i64,
    /// Points a customer must hold before redeeming any.
    #[ts(type = "number")]
    pub min_balance: i64,
    pub expiry: Expiry,
    #[ts(type = "number")]
    pub expiry_months: i64,
}

impl Default for PointsRules {
    fn default() -> Self {
        PointsRules {
            enabled: true,
            earn_points: 1,
            earn_per: 10_000,
            excluded_categories: Vec::new(),
            point_value: 100,
            min_balance: 100,
            expiry: Expiry::Never,
            expiry_months: 12,
        }
    }
}

impl PointsRules {
    /// Points earned on `amount` đồng.
    pub fn earned_on(&self, amount: i64) -> i64 {
        if !self.enabled || self.earn_per <= 0 || amount <= 0 {
            return 0;
        }
        amount / self.earn_per * self.earn_points
    }

    /// The day points earned on `day` lapse (`None`: never).
    pub fn lapse_day(&self, day: NaiveDate) -> Option<NaiveDate> {
        match self.expiry {
            Expiry::Never => None,
            Expiry::YearEnd => NaiveDate::from_ymd_opt(day.year() + 1, 1, 1),
            Expiry::Months => {
                day.checked_add_months(Months::new(u32::try_from(self.expiry_months).ok()?))
            }
        }
    }
}

const MAX_AMOUNT: i64 = 1_000_000_000_000;

pub fn get(conn: &Connection) -> Result<PointsRules> {
    let mut r = PointsRules::default();
    let mut stmt =
        conn.prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'loyalty.%'")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, v) = row?;
        let n = v.parse::<i64>().ok();
        match k.as_str() {
            "loyalty.enabled" => r.enabled = v == "1",
            "loyalty.earn_points" => r.earn_points = n.unwrap_or(r.earn_points),
            "loyalty.earn_per" => r.earn_per = n.unwrap_or(r.earn_per),
            "loyalty.excluded_categories" => {
                r.excluded_categories = serde_json::from_str(&v).unwrap_or_default();
            }
            "loyalty.point_value" => r.point_value = n.unwrap_or(r.point_value),
            "loyalty.min_balance" => r.min_balance = n.unwrap_or(r.min_balance),
            "loyalty.expiry" => r.expiry = Expiry::parse(&v).unwrap_or_default(),
            "loyalty.expiry_months" => r.expiry_months = n.unwrap_or(r.expiry_months),
            _ => {}
        }
    }
    Ok(r)
}

fn check(r: &PointsRules) -> Result<PointsRules> {
    let mut errors = Vec::new();
    let mut range = |field: &str, v: i64, min: i64, max: i64| {
        if v < min || v > max {
            errors.push(FieldError::new(field, "out_of_range"));
        }
    };
    range("earn_points", r.earn_points, 1, 1_000_000);
    range("earn_per", r.earn_per, 1, MAX_AMOUNT);
    range("point_value", r.point_value, 0, MAX_AMOUNT);
    range("min_balance", r.min_balance, 0, MAX_AMOUNT);
    if r.expiry == Expiry::Months {
        range("expiry_months", r.expiry_months, 1, 120);
    }
    let mut cats: Vec<String> = r
        .excluded_categories
        .iter()
        .map(|c| crate::text::nfc(c.trim()))
        .filter(|c| !c.is_empty())
        .collect();
    cats.sort();
    cats.dedup();
    if cats.len() > 200 || cats.iter().any(|c| c.chars().count() > 100) {
        errors.push(FieldError::new("excluded_categories", "too_long"));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(PointsRules { excluded_categories: cats, ..r.clone() })
}

/// Saves the rules with one audit row (what changed is in its detail).
pub fn save(db: &mut Db, r: &PointsRules, staff: &str, now: DateTime<Utc>) -> Result<PointsRules> {
    let r = check(r)?;
    let cats = serde_json::to_string(&r.excluded_categories).map_err(|e| Error::Io(e.into()))?;
    let values = [
        ("loyalty.enabled", if r.enabled { "1".to_owned() } else { "0".to_owned() }),
        ("loyalty.earn_points", r.earn_points.to_string()),
        ("loyalty.earn_per", r.earn_per.to_string()),
        ("loyalty.excluded_categories", cats),
        ("loyalty.point_value", r.point_value.to_string()),
        ("loyalty.min_balance", r.min_balance.to_string()),
        ("loyalty.expiry", r.expiry.code().to_owned()),
        ("loyalty.expiry_months", r.expiry_months.to_string()),
    ];
    db.write(|tx| {
        for (k, v) in &values[1..] {
            crate::db::setting::set(tx, k, v)?;
        }
        let detail = serde_json::to_value(&r).map_err(|e| Error::Io(e.into()))?;
        crate::audit::save_setting(tx, now, staff, values[0].0, &values[0].1, detail)
    })?;
    get(db.conn())
}
