use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::phone::PhoneKind;

/// How staff address the customer. The Vietnamese word is domain data, not UI text: the counter
/// speaks Vietnamese whatever language the app is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum AddressAs {
    /// Stored as empty text; "none" to the UI, and accepted as input.
    #[default]
    #[strum(to_string = "", serialize = "none")]
    None,
    Anh,
    Chi,
    Em,
    Co,
    Chu,
    Bac,
    Ong,
    Ba,
}

impl AddressAs {
    pub const ALL: [AddressAs; 9] = [
        AddressAs::None,
        AddressAs::Anh,
        AddressAs::Chi,
        AddressAs::Em,
        AddressAs::Co,
        AddressAs::Chu,
        AddressAs::Bac,
        AddressAs::Ong,
        AddressAs::Ba,
    ];

    pub fn word(self) -> &'static str {
        match self {
            AddressAs::None => "",
            AddressAs::Anh => "anh",
            AddressAs::Chi => "chị",
            AddressAs::Em => "em",
            AddressAs::Co => "cô",
            AddressAs::Chu => "chú",
            AddressAs::Bac => "bác",
            AddressAs::Ong => "ông",
            AddressAs::Ba => "bà",
        }
    }

    /// The stored code: the serde name, but empty for `None` (the column's default).
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// Accepts the word with or without accents ("chị", "chi", "Chị") or the stored code.
    pub fn parse(input: &str) -> Option<AddressAs> {
        crate::text::fold(input).parse().ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Other,
}

crate::text::code::stored_code!(Gender);

/// The channel the customer prefers to be contacted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    InStore,
    Phone,
    Zalo,
    Sms,
    Email,
}

crate::text::code::stored_code!(Channel);

/// A birthday whose year may be unknown (many customers give only day and month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Birthday {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Birthday {
    /// Stored as `YYYY-MM-DD`, or `--MM-DD` without a year (ISO 8601's month-day form).
    pub fn to_sql(self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    pub fn from_sql(s: &str) -> Option<Birthday> {
        if let Some(md) = s.strip_prefix("--") {
            let (m, d) = md.split_once('-')?;
            return Birthday::month_day(m.parse().ok()?, d.parse().ok()?);
        }
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
        Some(Birthday { year: Some(date.year()), month: date.month(), day: date.day() })
    }

    fn month_day(month: u32, day: u32) -> Option<Birthday> {
        // 2000 is a leap year, so 29/02 is accepted without a year.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(Birthday { year: None, month, day })
    }

    /// Parses what staff type: `dd/MM/yyyy`, `dd/MM` (year unknown) or ISO `yyyy-MM-dd`.
    pub fn parse(input: &str) -> Option<Birthday> {
        let s = input.trim();
        if let Some(d) = crate::text::date::parse_date(s) {
            return Some(Birthday { year: Some(d.year()), month: d.month(), day: d.day() });
        }
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        match parts.as_slice() {
            [d, m] if d.len() <= 2 && m.len() <= 2 => {
                Birthday::month_day(m.parse().ok()?, d.parse().ok()?)
            }
            _ => None,
        }
    }

    /// `dd/MM/yyyy`, or `dd/MM` without a year: also what the edit form shows.
    pub fn display(self) -> String {
        match self.year {
            Some(y) => format!("{:02}/{:02}/{y:04}", self.day, self.month),
            None => format!("{:02}/{:02}", self.day, self.month),
        }
    }

    pub fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PhoneEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// National digits with the leading 0 (`0912345678`); digits as typed for unknown formats.
    pub canonical: String,
    /// Exactly what was typed or imported.
    pub raw: String,
    pub kind: PhoneKind,
    /// `0912 345 678`.
    pub display: String,
    pub is_primary: bool,
}

/// Everything the counter shows when a customer is opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CustomerCard {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub call_name: String,
    pub address_as: AddressAs,
    /// "chị Hân": the form of address and the call name, ready to say or print.
    pub greeting: String,
    pub gender: Option<Gender>,
    pub phones: Vec<PhoneEntry>,
    pub email: String,
    pub birthday: Option<Birthday>,
    /// `dd/MM/yyyy` or `dd/MM`, empty without a birthday.
    pub birthday_display: String,
    /// The birthday's day and month are lunar (the year, when known, is the solar birth year);
    /// it is observed on the solar day it falls on each year.
    pub birthday_lunar: bool,
    /// Days until the next birthday at the shop's date (0 = today), on the solar date it is
    /// observed this year when lunar.
    #[ts(type = "number | null")]
    pub days_to_birthday: Option<i64>,
    /// Age at the shop's date when the birth year is known (lunar birthdays counted as they come
    /// round on the lunar calendar).
    pub age: Option<i32>,
    pub address: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub contact_channel: Option<Channel>,
    pub preferences: Vec<crate::customer::Preference>,
    pub last_contact_at: Option<String>,
    pub archived_at: Option<String>,
    #[ts(type = "number | null")]
    pub merged_into: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    /// Processing restricted at the customer's request: kept, out of care and exports.
    pub restricted_at: Option<String>,
    /// Personal data erased: an anonymous record holding the sales and warranty facts.
    pub erased_at: Option<String>,
    /// The customer's code in the shop's previous system (set by imports).
    pub code: Option<String>,
    /// Lunar `dd/MM` of a yearly remembrance (giỗ); empty for none.
    pub anniversary: String,
    pub anniversary_note: String,
    /// The language her messages are written in: `vi` or `en`, the template locales.
    // The code, not `outreach::template::Locale`: outreach reads customers, not the reverse.
    #[ts(type = "\"vi\" | \"en\"")]
    pub locale: String,
}

/// The greeting of a customer row as stored (`address_as` code, `call_name`), for joins that
/// may find no customer (a walk-in sale).
pub fn stored_greeting(address_as: Option<String>, call_name: Option<String>) -> Option<String> {
    let address_as = AddressAs::parse(&address_as.unwrap_or_default()).unwrap_or_default();
    call_name.map(|call| greeting(address_as, &call))
}

/// "chị Hân", or just the call name without a form of address.
pub fn greeting(address_as: AddressAs, call_name: &str) -> String {
    match address_as {
        AddressAs::None => call_name.to_owned(),
        a => format!("{} {call_name}", a.word()),
    }
}
