//! Creating, editing and archiving customers. Each function is one transaction: the row, its
//! phones, tags, search index and audit entry are stored together or not at all.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde_json::json;

use super::draft::{validate, CustomerDraft, Valid};
use super::live::{ensure_live, Change};
use super::{duplicate, index, read, CustomerCard};
use crate::audit;
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::phone::reversed;

pub fn create(
    db: &mut Db,
    draft: &CustomerDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CustomerCard> {
    let id = db.write(|tx| {
        // Checked inside the transaction so no other writer can slip a duplicate in between.
        let valid = checked(tx, draft, None, now)?;
        let at = stamp(now);
        tx.prepare_cached(
            "INSERT INTO customer(full_name, call_name, address_as, gender, email, birthday, address,
                notes, contact_channel, folded_name, folded_call, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        )?
        .execute(params![
            valid.full_name,
            valid.call_name,
            valid.address_as.code(),
            valid.gender.map(|g| g.code()),
            valid.email,
            valid.birthday.map(|b| b.to_sql()),
            valid.address,
            valid.notes,
            valid.contact_channel.map(|c| c.code()),
            valid.folded_name,
            valid.folded_call,
            at,
        ])?;
        let id = tx.last_insert_rowid();
        write_children(tx, id, &valid)?;
        audit::record(tx, now, staff, "create", "customer", id, json!({ "full_name": valid.full_name }))?;
        crate::care::plan::after_write(tx, &[Some(id)], now)?;
        Ok(id)
    })?;
    read::get(db.conn(), id, local_date(now))
}

pub fn update(
    db: &mut Db,
    id: i64,
    draft: &CustomerDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CustomerCard> {
    let before = read::get(db.conn(), id, local_date(now))?;
    db.write(|tx| {
        ensure_live(tx, id, Change::Edit)?;
        let valid = checked(tx, draft, Some(id), now)?;
        overwrite_row(tx, id, &valid, None, &stamp(now))?;
        let after = read::get(tx, id, local_date(now))?;
        audit::record(
            tx,
            now,
            staff,
            "update",
            "customer",
            id,
            json!({ "before": before, "after": after }),
        )?;
        crate::care::plan::after_write(tx, &[Some(id)], now)
    })?;
    read::get(db.conn(), id, local_date(now))
}

/// Archived customers leave the counter search (unless asked for) but keep all their history.
pub fn archive(db: &mut Db, id: i64, staff: &str, now: DateTime<Utc>) -> Result<CustomerCard> {
    set_archived(db, id, Some(stamp(now)), "archive", staff, now)
}

pub fn restore(db: &mut Db, id: i64, staff: &str, now: DateTime<Utc>) -> Result<CustomerCard> {
    set_archived(db, id, None, "restore", staff, now)
}

fn set_archived(
    db: &mut Db,
    id: i64,
    archived_at: Option<String>,
    action: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<CustomerCard> {
    db.write(|tx| {
        ensure_live(tx, id, Change::Status)?;
        tx.execute(
            "UPDATE customer SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, archived_at, stamp(now)],
        )?;
        audit::record(tx, now, staff, action, "customer", id, json!({}))?;
        crate::care::plan::after_write(tx, &[Some(id)], now)
    })?;
    read::get(db.conn(), id, local_date(now))
}

/// Records that the customer was served or contacted now: the tie-break of search ranking.
pub fn touch_contact(db: &mut Db, id: i64, now: DateTime<Utc>) -> Result<()> {
    db.write(|tx| touch_contact_in(tx, id, now))
}

/// [`touch_contact`] inside the caller's transaction (a sale or a claim is a contact).
pub fn touch_contact_in(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE customer SET last_contact_at = ?2 WHERE id = ?1")?
        .execute(params![id, stamp(now)])?;
    if n == 0 {
        return Err(Error::NotFound { what: "customer", id });
    }
    Ok(())
}

fn checked(
    conn: &Connection,
    draft: &CustomerDraft,
    editing: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Valid> {
    let (valid, _warnings) = validate(draft, local_date(now)).map_err(Error::Validation)?;
    if !draft.allow_duplicate {
        let dups = duplicate::find(conn, &valid, editing)?;
        if !dups.is_empty() {
            return Err(Error::DuplicateSuspected(dups));
        }
    }
    Ok(valid)
}

/// Replaces customer `id`'s fields, phones, tags and search entries with `valid`'s; `code`
/// set when given (an import), kept otherwise.
pub(super) fn overwrite_row(
    conn: &Connection,
    id: i64,
    valid: &Valid,
    code: Option<&str>,
    at: &str,
) -> Result<()> {
    // Removed while the row still holds the words it was indexed with.
    index::remove(conn, id)?;
    conn.prepare_cached(
        "UPDATE customer SET full_name = ?2, call_name = ?3, address_as = ?4, gender = ?5,
            email = ?6, birthday = ?7, address = ?8, notes = ?9, contact_channel = ?10,
            folded_name = ?11, folded_call = ?12, updated_at = ?13, code = coalesce(?14, code)
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        valid.full_name,
        valid.call_name,
        valid.address_as.code(),
        valid.gender.map(|g| g.code()),
        valid.email,
        valid.birthday.map(|b| b.to_sql()),
        valid.address,
        valid.notes,
        valid.contact_channel.map(|c| c.code()),
        valid.folded_name,
        valid.folded_call,
        at,
        code,
    ])?;
    conn.execute("DELETE FROM customer_phone WHERE customer_id = ?1", [id])?;
    conn.execute("DELETE FROM customer_tag WHERE customer_id = ?1", [id])?;
    write_children(conn, id, valid)
}

pub(super) fn write_children(tx: &Connection, id: i64, valid: &Valid) -> Result<()> {
    let mut phone = tx.prepare_cached(
        "INSERT INTO customer_phone(customer_id, canonical, raw, kind, reversed, is_primary, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (pos, p) in valid.phones.iter().enumerate() {
        phone.execute(params![
            id,
            p.canonical,
            p.raw,
            p.kind.as_str(),
            reversed(&p.canonical),
            p.is_primary,
            pos as i64
        ])?;
    }
    let mut tag =
        tx.prepare_cached("INSERT INTO customer_tag(customer_id, tag) VALUES (?1, ?2)")?;
    for t in &valid.tags {
        tag.execute(params![id, t])?;
    }
    index::index_one(tx, id, &valid.folded_name, &valid.folded_call)?;
    Ok(())
}
