//! The owner's choices for the vouchers care gives: a thank-you after a customer's first sale
//! (off until switched on) and a birthday voucher (the tier's value, else the shop's). The
//! planner reads the same keys (`care::plan::vouchers`).

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::care::plan::vouchers as keys;
use crate::care::plan::Scope;
use crate::care::rule::RuleKind;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VoucherSettings {
    pub thank_you: bool,
    /// The thank-you is a percentage rather than an amount.
    pub thank_you_percent: bool,
    #[ts(type = "number")]
    pub thank_you_value: i64,
    /// The most a percentage thank-you takes off; 0 = no cap.
    #[ts(type = "number")]
    pub thank_you_cap: i64,
    #[ts(type = "number")]
    pub thank_you_days: i64,
    pub birthday: bool,
    /// For customers whose tier gives no birthday voucher; 0 = none.
    #[ts(type = "number")]
    pub birthday_value: i64,
}

impl Default for VoucherSettings {
    fn default() -> Self {
        VoucherSettings {
            thank_you: false,
            thank_you_percent: false,
            thank_you_value: 0,
            thank_you_cap: 0,
            thank_you_days: keys::DEFAULT_THANK_YOU_DAYS,
            birthday: true,
            birthday_value: 0,
        }
    }
}

pub fn get(conn: &Connection) -> Result<VoucherSettings> {
    let mut s = VoucherSettings::default();
    let read = |k: &str| crate::db::setting::get(conn, k);
    let num = |v: Option<String>, d: i64| v.and_then(|v| v.parse().ok()).unwrap_or(d);
    if let Some(v) = read(keys::THANK_YOU)? {
        s.thank_you = v == "1";
    }
    s.thank_you_percent = read(keys::THANK_YOU_KIND)?.as_deref() == Some("percent");
    s.thank_you_value = num(read(keys::THANK_YOU_VALUE)?, 0);
    s.thank_you_cap = num(read(keys::THANK_YOU_CAP)?, 0);
    s.thank_you_days = num(read(keys::THANK_YOU_DAYS)?, keys::DEFAULT_THANK_YOU_DAYS);
    if let Some(v) = read(keys::BIRTHDAY)? {
        s.birthday = v != "0";
    }
    s.birthday_value = num(read(keys::BIRTHDAY_VALUE)?, 0);
    Ok(s)
}

fn validate(s: &VoucherSettings) -> Result<()> {
    let mut errors = Vec::new();
    if s.thank_you_percent && !(0..=100).contains(&s.thank_you_value) {
        errors.push(FieldError::new("thank_you_value", "percent_out_of_range"));
    }
    if s.thank_you && s.thank_you_value <= 0 {
        errors.push(FieldError::new("thank_you_value", "out_of_range"));
    }
    for (f, v) in [
        ("thank_you_value", s.thank_you_value),
        ("thank_you_cap", s.thank_you_cap),
        ("birthday_value", s.birthday_value),
    ] {
        if v < 0 {
            errors.push(FieldError::new(f, "negative"));
        }
    }
    if !(1..=3650).contains(&s.thank_you_days) {
        errors.push(FieldError::new("thank_you_days", "out_of_range"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

pub fn save(
    db: &mut Db,
    s: &VoucherSettings,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<VoucherSettings> {
    validate(s)?;
    let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
    let values = [
        (keys::THANK_YOU, flag(s.thank_you)),
        (keys::THANK_YOU_KIND, if s.thank_you_percent { "percent" } else { "amount" }.to_owned()),
        (keys::THANK_YOU_VALUE, s.thank_you_value.to_string()),
        (keys::THANK_YOU_CAP, s.thank_you_cap.to_string()),
        (keys::THANK_YOU_DAYS, s.thank_you_days.to_string()),
        (keys::BIRTHDAY, flag(s.birthday)),
        (keys::BIRTHDAY_VALUE, s.birthday_value.to_string()),
    ];
    db.write(|tx| {
        for (k, v) in &values {
            crate::db::setting::set(tx, k, v)?;
        }
        crate::audit::record(tx, now, staff, "save", "voucher_settings", 0, serde_json::json!({}))?;
        // The open thank-you and birthday reminders get their vouchers now, not tomorrow.
        for kind in [RuleKind::ThankYou, RuleKind::Birthday] {
            crate::care::plan::run_in(tx, &Scope::Kind(kind), now)?;
        }
        Ok(())
    })?;
    get(db.conn())
}
