//! Customers written many at a time, for imports: validated with the same rules as the form,
//! created with multi-row inserts and one index flush, updated and put back (undo) row by row.
//! The caller owns the transaction, the audit and care planning.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::draft::{validate, CustomerDraft, PhoneDraft, Valid};
use super::{index, CustomerCard, IndexBatch};
use crate::db::rows::Rows;
use crate::error::{FieldError, Result};
use crate::text::phone::reversed;

/// A draft that passed validation, ready to store.
pub struct Prepared(Valid);

impl Prepared {
    /// Canonical phone numbers, primary first.
    pub fn phones(&self) -> impl Iterator<Item = &str> {
        self.0.phones.iter().map(|p| p.canonical.as_str())
    }

    pub fn full_name(&self) -> &str {
        &self.0.full_name
    }
}

/// Validates an incoming customer exactly as the form would (without the duplicate check: the
/// importer matches on code and phone itself).
pub fn prepare(
    draft: &CustomerDraft,
    today: chrono::NaiveDate,
) -> Result<Prepared, Vec<FieldError>> {
    validate(draft, today).map(|(v, _)| Prepared(v))
}

/// The form's draft of a stored customer: what an edit would start from.
pub fn draft_of(card: &CustomerCard) -> CustomerDraft {
    CustomerDraft {
        full_name: card.full_name.clone(),
        call_name: card.call_name.clone(),
        address_as: card.address_as.code().to_owned(),
        gender: card.gender,
        phones: card
            .phones
            .iter()
            .map(|p| PhoneDraft { raw: p.raw.clone(), is_primary: p.is_primary })
            .collect(),
        email: card.email.clone(),
        birthday: card.birthday_display.clone(),
        address: card.address.clone(),
        tags: card.tags.clone(),
        notes: card.notes.clone(),
        contact_channel: card.contact_channel,
        allow_duplicate: true,
    }
}

/// [`draft_of`] read straight from the tables: what an import compares each matched row with,
/// a million times over if need be.
pub fn stored_draft(conn: &Connection, id: i64) -> Result<CustomerDraft> {
    use super::{AddressAs, Birthday, Channel, Gender};
    let mut d = conn
        .prepare_cached(
            "SELECT full_name, call_name, address_as, gender, email, birthday, address, notes,
                contact_channel FROM customer WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(CustomerDraft {
                full_name: r.get(0)?,
                call_name: r.get(1)?,
                address_as: AddressAs::parse(&r.get::<_, String>(2)?)
                    .unwrap_or_default()
                    .code()
                    .to_owned(),
                gender: r.get::<_, Option<String>>(3)?.as_deref().and_then(Gender::parse),
                email: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                birthday: r
                    .get::<_, Option<String>>(5)?
                    .as_deref()
                    .and_then(Birthday::from_sql)
                    .map(Birthday::display)
                    .unwrap_or_default(),
                address: r.get(6)?,
                notes: r.get(7)?,
                contact_channel: r.get::<_, Option<String>>(8)?.as_deref().and_then(Channel::parse),
                allow_duplicate: true,
                ..CustomerDraft::default()
            })
        })?;
    let mut phones = conn.prepare_cached(
        "SELECT raw, is_primary FROM customer_phone WHERE customer_id = ?1
         ORDER BY is_primary DESC, position, id",
    )?;
    d.phones = phones
        .query_map([id], |r| Ok(PhoneDraft { raw: r.get(0)?, is_primary: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tags =
        conn.prepare_cached("SELECT tag FROM customer_tag WHERE customer_id = ?1 ORDER BY tag")?;
    d.tags = tags.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(d)
}

/// `base` updated with what a file brings: its non-empty values win, its phones and tags are
/// added to those already there, its notes added below the existing ones.
pub fn merge(base: &CustomerDraft, incoming: &CustomerDraft) -> CustomerDraft {
    let pick =
        |new: &str, old: &str| if new.trim().is_empty() { old.to_owned() } else { new.to_owned() };
    let mut phones = base.phones.clone();
    let known: Vec<String> =
        phones.iter().map(|p| crate::text::phone::national_digits(&p.raw)).collect();
    for p in &incoming.phones {
        if !known.contains(&crate::text::phone::national_digits(&p.raw)) {
            phones.push(PhoneDraft { raw: p.raw.clone(), is_primary: false });
        }
    }
    let mut tags = base.tags.clone();
    for t in &incoming.tags {
        if !tags.iter().any(|x| crate::text::fold(x) == crate::text::fold(t)) {
            tags.push(t.clone());
        }
    }
    let notes = match (base.notes.trim(), incoming.notes.trim()) {
        (_, "") => base.notes.clone(),
        ("", new) => new.to_owned(),
        (old, new) if old.contains(new) => base.notes.clone(),
        (old, new) => format!("{old}\n{new}"),
    };
    CustomerDraft {
        full_name: pick(&incoming.full_name, &base.full_name),
        call_name: pick(&incoming.call_name, &base.call_name),
        address_as: pick(&incoming.address_as, &base.address_as),
        gender: incoming.gender.or(base.gender),
        phones,
        email: pick(&incoming.email, &base.email),
        birthday: pick(&incoming.birthday, &base.birthday),
        address: pick(&incoming.address, &base.address),
        tags,
        notes,
        contact_channel: incoming.contact_channel.or(base.contact_channel),
        allow_duplicate: true,
    }
}

/// New customers of one import, written 64 rows to a statement, indexed at `finish`.
/// Page cache while writing many customers (demo data, a large import), negative = KiB
/// (256 MiB).
pub const CACHE_KIB: i64 = -262_144;

/// Indexes dropped and rebuilt around a bulk write because their keys arrive in random order
/// (a sorted build is several times faster than that many random inserts).
pub const RANDOM_ORDER_INDEXES: &[&str] = &[
    "customer_name_birthday",
    "customer_phone_canonical",
    "customer_phone_reversed",
    // Given-name rows are written sorted by word, which is random order for customer ids.
    "customer_given_customer",
];

/// The id the next customer written in bulk takes: past AUTOINCREMENT's counter, so that no id
/// of a deleted customer is handed out again.
pub fn next_id(conn: &Connection) -> Result<i64> {
    let last: i64 = conn.query_row(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'customer'), 0),
                    coalesce((SELECT max(id) FROM customer), 0))",
        [],
        |r| r.get(0),
    )?;
    Ok(last + 1)
}

pub struct Creator<'c> {
    conn: &'c Connection,
    next_id: i64,
    customers: Rows,
    phones: Rows,
    tags: Rows,
    index: IndexBatch,
}

impl<'c> Creator<'c> {
    pub fn new(conn: &'c Connection) -> Result<Creator<'c>> {
        Ok(Creator {
            conn,
            next_id: next_id(conn)?,
            customers: Rows::new(
                "INSERT INTO customer(id, code, full_name, call_name, address_as, gender, email,
                    birthday, address, notes, contact_channel, folded_name, folded_call,
                    created_at, updated_at)",
                15,
            ),
            phones: Rows::new(
                "INSERT INTO customer_phone(customer_id, canonical, raw, kind, reversed,
                    is_primary, position)",
                7,
            ),
            tags: Rows::new("INSERT OR IGNORE INTO customer_tag(customer_id, tag)", 2),
            index: IndexBatch::default(),
        })
    }

    /// Stages one customer; returns the id it will have.
    pub fn create(&mut self, code: Option<&str>, p: &Prepared, at: &str) -> Result<i64> {
        let v = &p.0;
        let id = self.next_id;
        self.next_id += 1;
        let text = |s: &str| Value::Text(s.to_owned());
        let opt = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_owned()));
        self.index.add(id, &v.folded_name, &v.folded_call);
        self.customers.push([
            Value::Integer(id),
            opt(code),
            text(&v.full_name),
            text(&v.call_name),
            text(v.address_as.code()),
            opt(v.gender.map(|g| g.code())),
            opt(v.email.as_deref()),
            v.birthday.map_or(Value::Null, |b| Value::Text(b.to_sql())),
            text(&v.address),
            text(&v.notes),
            opt(v.contact_channel.map(|c| c.code())),
            text(&v.folded_name),
            text(&v.folded_call),
            text(at),
            text(at),
        ]);
        for (pos, ph) in v.phones.iter().enumerate() {
            self.phones.push([
                Value::Integer(id),
                text(&ph.canonical),
                text(&ph.raw),
                text(ph.kind.as_str()),
                Value::Text(reversed(&ph.canonical)),
                Value::Integer(i64::from(ph.is_primary)),
                Value::Integer(pos as i64),
            ]);
        }
        for t in &v.tags {
            self.tags.push([Value::Integer(id), text(t)]);
        }
        self.write(false)?;
        Ok(id)
    }

    fn write(&mut self, all: bool) -> Result<()> {
        // Customers first: the other rows' foreign keys are checked as they are inserted.
        self.customers.write(self.conn, all)?;
        if !all && !self.customers.values.is_empty() {
            return Ok(());
        }
        self.phones.write(self.conn, all)?;
        self.tags.write(self.conn, all)
    }

    pub fn finish(mut self) -> Result<()> {
        self.write(true)?;
        self.index.flush(self.conn)?;
        Ok(())
    }
}

/// Replaces customer `id`'s fields, phones and tags (and its code when one is given), keeping
/// the search index in step.
pub fn overwrite(
    conn: &Connection,
    id: i64,
    code: Option<&str>,
    p: &Prepared,
    at: &str,
) -> Result<()> {
    super::write::overwrite_row(conn, id, &p.0, code, at)
}

/// Removes a customer an import created and nothing else refers to: its row, phones, tags,
/// search index and the care the planner gave it.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    index::remove(conn, id)?;
    conn.execute("DELETE FROM reminder WHERE customer_id = ?1", [id])?;
    conn.execute("DELETE FROM customer WHERE id = ?1", [id])?;
    Ok(())
}
