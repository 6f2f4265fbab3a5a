//! Filling a template: the message for a reminder with the ways it may be sent, and the
//! editor's previews.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::values::{values_for, values_of};
use super::{get, Locale, MAX_BODY, PLACEHOLDERS};
use crate::care::rule::RuleKind;
use crate::error::{Error, Result};
use crate::outreach::reminder::ReminderView;

/// Fills the placeholders. Unknown names are left as typed (`check` refuses them on save).
pub fn render(body: &str, values: &BTreeMap<&'static str, String>) -> String {
    let mut out = String::with_capacity(body.len() + 32);
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let key = name.to_lowercase();
        match PLACEHOLDERS.iter().find(|p| **p == key).and_then(|p| values.get(p)) {
            Some(v) if name.starts_with(char::is_uppercase) => out.push_str(&capitalize(v)),
            Some(v) => out.push_str(v),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreparedMessage {
    pub text: String,
    /// `https://zalo.me/0912345678`, when the customer has a phone.
    pub zalo_url: Option<String>,
    pub tel_url: Option<String>,
    /// Whether she has a number at all: without a link, says why (no number, or no consent).
    pub has_phone: bool,
}

impl PreparedMessage {
    /// The Zalo (`via == "zalo"`) or call link, or why there is none.
    pub fn link(self, via: &str) -> Result<String> {
        let url = if via == "zalo" { self.zalo_url } else { self.tel_url };
        match url {
            Some(url) => Ok(url),
            None if self.has_phone => Err(Error::invalid("consent", "contact_not_agreed")),
            None => Err(Error::invalid("phone", "phone_missing")),
        }
    }
}

/// The message for a reminder in the shop's template, ready to copy or send.
pub fn prepare(
    conn: &Connection,
    reminder_id: i64,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<PreparedMessage> {
    prepare_view(conn, &crate::outreach::reminder::get(conn, reminder_id)?, locale, now)
}

/// The message for a reminder as shown, stored or not (a contact from the card is one).
pub fn prepare_view(
    conn: &Connection,
    r: &ReminderView,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<PreparedMessage> {
    let body = match (r.subject.as_str(), r.subject_id) {
        // A campaign's members all get the campaign's own text.
        ("campaign", Some(id)) => conn
            .prepare_cached("SELECT body FROM campaign WHERE id = ?1")?
            .query_row([id], |row| row.get(0))?,
        _ => get(conn, r.kind, locale)?.body,
    };
    let text = render(&body, &values_of(conn, r, now)?);
    let (zalo, call) = channels(conn, r)?;
    let digits = r
        .phone_digits
        .clone()
        .filter(|d| d.starts_with('0') && d.chars().all(|c| c.is_ascii_digit()));
    Ok(PreparedMessage {
        text,
        has_phone: digits.is_some(),
        zalo_url: digits.as_ref().filter(|_| zalo).map(|d| format!("https://zalo.me/{d}")),
        tel_url: digits.filter(|_| call).map(|d| format!("tel:{d}")),
    })
}

/// Which ways of reaching the customer this reminder may use, by the consent ledger: a campaign
/// or a promotional rule writes on Zalo only to those who agreed to Zalo marketing and calls
/// only those who agreed to care calls; care needs care-call consent; service needs none.
fn channels(conn: &Connection, r: &ReminderView) -> Result<(bool, bool)> {
    use crate::privacy::{granted, Purpose};
    let promotional = r.kind == RuleKind::Campaign
        || (RuleKind::PLANNED.contains(&r.kind)
            && crate::care::rule::get(conn, r.kind)?.params.promotional);
    let care = granted(conn, r.customer_id, Purpose::CareCalls)?;
    Ok(if promotional {
        (granted(conn, r.customer_id, Purpose::MarketingZalo)?, care)
    } else if r.kind.needs_care_consent() {
        (care, care)
    } else {
        (true, true)
    })
}

/// A template previewed with a real reminder's values (or placeholders left visible).
pub fn preview(
    conn: &Connection,
    body: &str,
    reminder_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<String> {
    let values = match reminder_id {
        Some(id) => values_for(conn, id, now)?,
        None => BTreeMap::new(),
    };
    Ok(render(body, &values))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Preview {
    pub text: String,
    /// Whose reminder filled it: the latest of that kind, if there is one.
    pub customer_name: Option<String>,
}

/// The editor's preview: filled in with the latest reminder of `kind`, so the owner sees the
/// message a real customer would get.
pub fn preview_kind(
    conn: &Connection,
    body: &str,
    kind: RuleKind,
    now: DateTime<Utc>,
) -> Result<Preview> {
    let body = &crate::text::limit("body", body, MAX_BODY)?;
    let latest: Option<i64> = conn
        .prepare_cached("SELECT max(id) FROM reminder WHERE kind = ?1")?
        .query_row([kind.code()], |r| r.get(0))?;
    let customer_name = match latest {
        Some(id) => Some(crate::outreach::reminder::get(conn, id)?.customer_name),
        None => None,
    };
    Ok(Preview { text: preview(conn, body, latest, now)?, customer_name })
}
