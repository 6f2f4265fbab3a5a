//! Reading a customer card.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::birthday::{age, days_to};
use super::model::{greeting, AddressAs, Birthday, Channel, CustomerCard, Gender, PhoneEntry};
use super::preference;
use crate::error::{Error, Result};
use crate::text::phone::{self, PhoneKind};

/// The whole card of customer `id`, with birthday countdown computed for `today`.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<CustomerCard> {
    let card = conn
        .prepare_cached(
            "SELECT id, full_name, call_name, address_as, gender, email, birthday, address, notes,
                contact_channel, last_contact_at, archived_at, merged_into, created_at, updated_at,
                restricted_at, erased_at, code, birthday_lunar, anniversary_lunar,
                anniversary_note, locale
             FROM customer WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let address_as = AddressAs::parse(&r.get::<_, String>(3)?).unwrap_or_default();
            let call_name: String = r.get(2)?;
            let birthday = r.get::<_, Option<String>>(6)?.as_deref().and_then(Birthday::from_sql);
            let birthday_lunar: bool = r.get(18)?;
            Ok(CustomerCard {
                id: r.get(0)?,
                full_name: r.get(1)?,
                greeting: greeting(address_as, &call_name),
                call_name,
                address_as,
                gender: r.get::<_, Option<String>>(4)?.as_deref().and_then(Gender::parse),
                phones: vec![],
                email: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                birthday_display: birthday.map(Birthday::display).unwrap_or_default(),
                days_to_birthday: birthday.and_then(|b| days_to(b, birthday_lunar, today)),
                age: birthday.and_then(|b| age(b, birthday_lunar, today)),
                birthday,
                birthday_lunar,
                address: r.get(7)?,
                tags: vec![],
                notes: r.get(8)?,
                contact_channel: r.get::<_, Option<String>>(9)?.as_deref().and_then(Channel::parse),
                preferences: vec![],
                last_contact_at: r.get(10)?,
                archived_at: r.get(11)?,
                merged_into: r.get(12)?,
                created_at: r.get(13)?,
                updated_at: r.get(14)?,
                restricted_at: r.get(15)?,
                erased_at: r.get(16)?,
                code: r.get(17)?,
                anniversary: r
                    .get::<_, Option<String>>(19)?
                    .as_deref()
                    .map(super::care_profile::lunar_display)
                    .unwrap_or_default(),
                anniversary_note: r.get(20)?,
                locale: r.get(21)?,
            })
        })
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id })?;
    Ok(CustomerCard {
        phones: phones(conn, id)?,
        tags: tags(conn, id)?,
        preferences: preference::list(conn, id)?,
        ..card
    })
}

/// Customers not merged into another record (archived ones included).
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM customer)
              - (SELECT count(*) FROM customer WHERE merged_into IS NOT NULL)",
        [],
        |r| r.get(0),
    )?)
}

pub(super) fn phones(conn: &Connection, id: i64) -> Result<Vec<PhoneEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, canonical, raw, kind, is_primary FROM customer_phone
         WHERE customer_id = ?1 ORDER BY is_primary DESC, position, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let canonical: String = r.get(1)?;
        let kind = PhoneKind::parse(&r.get::<_, String>(3)?);
        Ok(PhoneEntry {
            id: r.get(0)?,
            display: phone::format(&canonical, kind),
            canonical,
            raw: r.get(2)?,
            kind,
            is_primary: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn tags(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM customer_tag WHERE customer_id = ?1 ORDER BY tag")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (full name, greeting, archived) of one customer.
pub(super) fn summary(conn: &Connection, id: i64) -> Result<(String, String, bool)> {
    conn.prepare_cached("SELECT full_name, call_name, address_as, archived_at IS NOT NULL FROM customer WHERE id = ?1")?
        .query_row([id], |r| {
            let a = AddressAs::parse(&r.get::<_, String>(2)?).unwrap_or_default();
            Ok((r.get(0)?, greeting(a, &r.get::<_, String>(1)?), r.get(3)?))
        })
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id })
}
