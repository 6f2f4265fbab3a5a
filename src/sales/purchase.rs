//! Purchases: receipt, buyer, lines with the terms in force, one unit per serialised or
//! warranted item. Edits and voids keep the purchase as it was in `purchase_revision`.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::coverage::warranty_end;
use super::policy::{self, PolicyTerms};
use super::unit::{self, UnitView};
use super::{amount, SerialConflict};
use crate::clock::{local_date, stamp, vietnam};
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::serial::{normalize_serial, reversed};

pub const MAX_LINES: usize = 200;
pub const MAX_QUANTITY: i64 = 10_000;
pub const MAX_RECEIPT: usize = 40;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LineDraft {
    #[ts(type = "number")]
    pub product_id: i64,
    #[ts(type = "number")]
    pub quantity: i64,
    /// As typed; empty = the catalogue price.
    pub unit_price: String,
    /// Discount on the whole line, as typed; empty = none.
    pub discount: String,
    /// One per unit for serialised products.
    pub serials: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PurchaseDraft {
    /// Empty: generated (`HD261123-001`).
    pub receipt_no: String,
    /// `dd/MM/yyyy`; empty = now.
    pub sold_on: String,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub note: String,
    pub lines: Vec<LineDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub product_id: i64,
    pub product_name: String,
    #[ts(type = "number")]
    pub quantity: i64,
    #[ts(type = "number")]
    pub unit_price: i64,
    #[ts(type = "number")]
    pub discount: i64,
    #[ts(type = "number")]
    pub line_total: i64,
    pub warranty_months: u32,
    pub exchange_days: u32,
    pub policy: PolicyTerms,
    #[ts(type = "number")]
    pub returned_quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Revision {
    pub at: String,
    pub staff: String,
    pub action: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PurchaseView {
    #[ts(type = "number")]
    pub id: i64,
    pub receipt_no: String,
    pub sold_at: String,
    pub sold_on: NaiveDate,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub customer_greeting: Option<String>,
    pub staff: String,
    #[ts(type = "number")]
    pub total: i64,
    pub note: String,
    pub voided_at: Option<String>,
    pub void_reason: Option<String>,
    pub lines: Vec<LineView>,
    pub units: Vec<UnitView>,
    pub revisions: Vec<Revision>,
    /// A claim or a return hangs on the lines: only the header can be edited.
    pub lines_locked: bool,
}

/// A validated line, its product's terms resolved.
struct Line {
    product_id: i64,
    product_name: String,
    quantity: i64,
    unit_price: i64,
    discount: i64,
    warranty_months: u32,
    exchange_days: u32,
    policy: String,
    /// One per unit; `None` for a unit without a serial.
    units: Vec<Option<String>>,
}

/// name, price, warranty months, exchange days, policy, serial required, archived.
type CatalogueTerms = (String, i64, u32, u32, Option<i64>, bool, bool);

/// The purchase's own fields, checked.
struct Header {
    receipt_no: Option<String>,
    sold_at: DateTime<Utc>,
    customer_id: Option<i64>,
    note: String,
}

struct Valid {
    header: Header,
    lines: Vec<Line>,
}

fn sold_at(input: &str, now: DateTime<Utc>, errors: &mut Vec<FieldError>) -> DateTime<Utc> {
    if input.trim().is_empty() {
        return now;
    }
    let Some(day) = crate::text::date::parse_date(input) else {
        errors.push(FieldError::new("sold_on", "date_invalid"));
        return now;
    };
    if day > local_date(now) {
        errors.push(FieldError::new("sold_on", "date_in_future"));
        return now;
    }
    if day == local_date(now) {
        return now;
    }
    // A sale entered later (from a paper receipt): noon on that day.
    let noon = day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    vietnam().from_local_datetime(&noon).single().map_or(now, |t| t.with_timezone(&Utc))
}

fn validate_header(
    conn: &Connection,
    d: &PurchaseDraft,
    editing: Option<i64>,
    now: DateTime<Utc>,
    errors: &mut Vec<FieldError>,
) -> Result<Header> {
    let receipt = d.receipt_no.trim().to_uppercase();
    let receipt_no = if receipt.is_empty() {
        None
    } else if receipt.chars().count() > MAX_RECEIPT
        || !receipt.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
    {
        errors.push(FieldError::new("receipt_no", "receipt_invalid"));
        None
    } else {
        let taken: Option<i64> = conn
            .prepare_cached("SELECT id FROM purchase WHERE receipt_no = ?1")?
            .query_row([&receipt], |r| r.get(0))
            .optional()?;
        if taken.is_some_and(|t| Some(t) != editing) {
            errors.push(FieldError::new("receipt_no", "receipt_taken"));
        }
        Some(receipt)
    };
    let sold_at = sold_at(&d.sold_on, now, errors);
    if let Some(cid) = d.customer_id {
        crate::customer::check_live(conn, cid, crate::customer::Change::Edit, errors)?;
    }
    let note = crate::text::limit_in("note", &d.note, crate::customer::MAX_NOTES, errors);
    Ok(Header { receipt_no, sold_at, customer_id: d.customer_id, note })
}

fn validate_lines(
    conn: &Connection,
    d: &PurchaseDraft,
    editing: Option<i64>,
    errors: &mut Vec<FieldError>,
) -> Result<Vec<Line>> {
    if d.lines.is_empty() {
        errors.push(FieldError::new("lines", "lines_empty"));
    } else if d.lines.len() > MAX_LINES {
        errors.push(FieldError::new("lines", "too_many"));
    }
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for (i, l) in d.lines.iter().enumerate() {
        let field = |f: &str| format!("lines.{i}.{f}");
        let product: Option<CatalogueTerms> = conn
            .prepare_cached(
                "SELECT name, price, warranty_months, exchange_days, policy_id, serial_required,
                    archived_at IS NOT NULL FROM product WHERE id = ?1",
            )?
            .query_row([l.product_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .optional()?;
        let Some((name, price, months, exchange, policy_id, serial_required, archived)) = product
        else {
            errors.push(FieldError::new(&field("product"), "product_unknown"));
            continue;
        };
        if archived && editing.is_none() {
            errors.push(FieldError::new(&field("product"), "product_archived"));
        }
        if l.quantity <= 0 {
            errors.push(FieldError::new(&field("quantity"), "quantity_positive"));
            continue;
        }
        if l.quantity > MAX_QUANTITY {
            errors.push(FieldError::new(&field("quantity"), "too_large"));
            continue;
        }
        let unit_price = if l.unit_price.trim().is_empty() {
            price
        } else {
            amount(&l.unit_price, &field("unit_price"), errors)
        };
        let discount = if l.discount.trim().is_empty() {
            0
        } else {
            amount(&l.discount, &field("discount"), errors)
        };
        if discount > unit_price.saturating_mul(l.quantity) {
            errors.push(FieldError::new(&field("discount"), "discount_too_large"));
        }
        let typed: Vec<&String> = l.serials.iter().filter(|s| !s.trim().is_empty()).collect();
        let mut serials = Vec::new();
        for s in &typed {
            match normalize_serial(s) {
                Some(n) if seen.insert(n.clone()) => serials.push(n),
                Some(_) => errors.push(FieldError::new(&field("serials"), "serial_repeated")),
                None => errors.push(FieldError::new(&field("serials"), "serial_invalid")),
            }
        }
        let count = typed.len() as i64;
        if (serial_required && count != l.quantity) || count > l.quantity {
            errors.push(FieldError::new(&field("serials"), "serials_count"));
        }
        let terms = match policy_id {
            Some(pid) => policy::terms(conn, pid)?,
            None => PolicyTerms::default(),
        };
        let policy = serde_json::to_string(&terms).map_err(|e| Error::Io(e.into()))?;
        let has_units = serial_required || months > 0 || !serials.is_empty();
        let units = if has_units {
            let mut u: Vec<Option<String>> = serials.into_iter().map(Some).collect();
            u.resize(l.quantity as usize, None);
            u
        } else {
            vec![]
        };
        lines.push(Line {
            product_id: l.product_id,
            product_name: name,
            quantity: l.quantity,
            unit_price,
            discount,
            warranty_months: months,
            exchange_days: exchange,
            policy,
            units,
        });
    }
    Ok(lines)
}

fn validate(
    conn: &Connection,
    d: &PurchaseDraft,
    editing: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Valid> {
    let mut errors = Vec::new();
    let header = validate_header(conn, d, editing, now, &mut errors)?;
    let lines = validate_lines(conn, d, editing, &mut errors)?;
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    // Serials still in a customer's hands from another sale.
    let mut conflicts = Vec::new();
    for serial in lines.iter().flat_map(|l| l.units.iter().flatten()) {
        conflicts.extend(super::search::sold_serial(conn, serial, editing)?);
    }
    if !conflicts.is_empty() {
        return Err(Error::SerialSold(conflicts));
    }
    Ok(Valid { header, lines })
}

fn next_receipt(conn: &Connection, sold_at: DateTime<Utc>) -> Result<String> {
    let prefix = format!("HD{}-", local_date(sold_at).format("%y%m%d"));
    let last: Option<String> = conn
        .prepare_cached(
            "SELECT receipt_no FROM purchase WHERE receipt_no >= ?1 AND receipt_no < ?1 || 'Z'
             ORDER BY receipt_no DESC LIMIT 1",
        )?
        .query_row([&prefix], |r| r.get(0))
        .optional()?;
    let n = last.and_then(|r| r[prefix.len()..].parse::<u32>().ok()).unwrap_or(0) + 1;
    Ok(format!("{prefix}{n:03}"))
}

fn write_lines(conn: &Connection, purchase_id: i64, v: &Valid, now: DateTime<Utc>) -> Result<()> {
    let start = local_date(v.header.sold_at);
    for (pos, l) in v.lines.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO purchase_line(purchase_id, position, product_id, product_name, quantity,
                unit_price, discount, warranty_months, exchange_days, policy)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            purchase_id,
            pos as i64,
            l.product_id,
            l.product_name,
            l.quantity,
            l.unit_price,
            l.discount,
            l.warranty_months,
            l.exchange_days,
            l.policy
        ])?;
        let line_id = conn.last_insert_rowid();
        let end = warranty_end(start, l.warranty_months, 0);
        for serial in &l.units {
            conn.prepare_cached(
                "INSERT INTO unit(line_id, customer_id, serial, serial_reversed, warranty_start,
                    warranty_months, exchange_days, warranty_end, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                line_id,
                v.header.customer_id,
                serial,
                serial.as_deref().map(reversed),
                start,
                l.warranty_months,
                l.exchange_days,
                end,
                stamp(now)
            ])?;
        }
    }
    Ok(())
}

fn total(v: &Valid) -> i64 {
    v.lines.iter().map(|l| l.unit_price.saturating_mul(l.quantity) - l.discount).sum()
}

pub fn create(
    db: &mut Db,
    d: &PurchaseDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    let id = db.write(|tx| {
        let id = create_in(tx, d, staff, now)?;
        crate::care::plan::after_write(tx, &[d.customer_id], now)?;
        Ok(id)
    })?;
    get(db.conn(), id, local_date(now))
}

/// Creates a purchase inside the caller's transaction (an exchange writes one with its return).
pub(crate) fn create_in(
    tx: &Connection,
    d: &PurchaseDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let v = validate(tx, d, None, now)?;
    let receipt = match &v.header.receipt_no {
        Some(r) => r.clone(),
        None => next_receipt(tx, v.header.sold_at)?,
    };
    tx.prepare_cached(
        "INSERT INTO purchase(receipt_no, sold_at, customer_id, staff, total, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![receipt, stamp(v.header.sold_at), v.header.customer_id, staff, total(&v), v.header.note, stamp(now)])?;
    let id = tx.last_insert_rowid();
    write_lines(tx, id, &v, now)?;
    if let Some(cid) = v.header.customer_id {
        crate::customer::touch_contact_in(tx, cid, now)?;
    }
    crate::audit::record(
        tx,
        now,
        staff,
        "create",
        "purchase",
        id,
        serde_json::json!({ "receipt_no": receipt }),
    )?;
    Ok(id)
}

/// Whether anything after the sale (a claim, a return) hangs on this purchase's lines.
fn locked(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claim c JOIN unit u ON u.id = c.unit_id
                JOIN purchase_line l ON l.id = u.line_id WHERE l.purchase_id = ?1)
             OR EXISTS (SELECT 1 FROM return_case r JOIN purchase_line l ON l.id = r.line_id
                WHERE l.purchase_id = ?1)",
        )?
        .query_row([id], |r| r.get(0))?)
}

fn revise(
    conn: &Connection,
    before: &PurchaseView,
    action: &str,
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let snapshot = serde_json::to_string(before).map_err(|e| Error::Io(e.into()))?;
    conn.execute(
        "INSERT INTO purchase_revision(purchase_id, at, staff, action, reason, before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![before.id, stamp(now), staff, action, reason, snapshot],
    )?;
    crate::audit::record(conn, now, staff, action, "purchase", before.id, serde_json::json!({}))
}

/// Replaces a purchase's details. Once a claim or a return refers to it, its lines are fixed
/// (`purchase_locked`); the buyer, date and note can still be corrected.
pub fn update(
    db: &mut Db,
    id: i64,
    d: &PurchaseDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    let today = local_date(now);
    db.write(|tx| {
        let before = get(tx, id, today)?;
        if before.voided_at.is_some() {
            return Err(Error::PurchaseVoided(id));
        }
        let is_locked = locked(tx, id)?;
        if is_locked && !same_lines(&before, d) {
            return Err(Error::PurchaseLocked(id));
        }
        let v = if is_locked {
            let mut errors = Vec::new();
            validate_header(tx, d, Some(id), now, &mut errors)?;
            if !errors.is_empty() {
                return Err(Error::Validation(errors));
            }
            None
        } else {
            Some(validate(tx, d, Some(id), now)?)
        };
        revise(tx, &before, "edit", "", staff, now)?;
        let receipt = d.receipt_no.trim().to_uppercase();
        let receipt = if receipt.is_empty() { before.receipt_no.clone() } else { receipt };
        // An empty or unchanged date keeps the recorded time (validation read empty as "now").
        let same_day = crate::text::date::parse_date(&d.sold_on) == Some(before.sold_on);
        let sold = if d.sold_on.trim().is_empty() || same_day {
            DateTime::parse_from_rfc3339(&before.sold_at).map_or(now, |t| t.with_timezone(&Utc))
        } else {
            sold_at(&d.sold_on, now, &mut Vec::new())
        };
        tx.execute(
            "UPDATE purchase SET receipt_no = ?2, sold_at = ?3, customer_id = ?4, note = ?5,
                updated_at = ?6 WHERE id = ?1",
            params![id, receipt, stamp(sold), d.customer_id, d.note.trim(), stamp(now)],
        )?;
        match v {
            Some(v) => {
                let v = Valid { header: Header { sold_at: sold, ..v.header }, ..v };
                tx.execute(
                    "DELETE FROM unit WHERE line_id IN (SELECT id FROM purchase_line WHERE purchase_id = ?1)",
                    [id],
                )?;
                tx.execute("DELETE FROM purchase_line WHERE purchase_id = ?1", [id])?;
                write_lines(tx, id, &v, now)?;
                tx.execute("UPDATE purchase SET total = ?2 WHERE id = ?1", params![id, total(&v)])?;
            }
            None => {
                tx.execute(
                    "UPDATE unit SET customer_id = ?2 WHERE line_id IN
                        (SELECT id FROM purchase_line WHERE purchase_id = ?1)",
                    params![id, d.customer_id],
                )?;
            }
        }
        crate::care::plan::after_write(tx, &[before.customer_id, d.customer_id], now)
    })?;
    get(db.conn(), id, today)
}

fn same_lines(before: &PurchaseView, d: &PurchaseDraft) -> bool {
    before.lines.len() == d.lines.len()
        && before.lines.iter().zip(&d.lines).all(|(b, l)| {
            let price = crate::text::money::parse_vnd(&l.unit_price);
            let discount = crate::text::money::parse_vnd(&l.discount).unwrap_or(0);
            b.product_id == l.product_id
                && b.quantity == l.quantity
                && price.is_none_or(|p| p == b.unit_price)
                && discount == b.discount
        })
}

/// Voids a purchase with a reason: its units leave the customer's coverage. Refused once a
/// claim or a return refers to it.
pub fn void(
    db: &mut Db,
    id: i64,
    reason: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<PurchaseView> {
    let today = local_date(now);
    let reason = crate::text::limit("reason", reason, crate::text::limit::REASON)?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", "reason_required"));
    }
    db.write(|tx| {
        let before = get(tx, id, today)?;
        if before.voided_at.is_some() {
            return Err(Error::PurchaseVoided(id));
        }
        if locked(tx, id)? {
            return Err(Error::PurchaseLocked(id));
        }
        revise(tx, &before, "void", &reason, staff, now)?;
        tx.execute(
            "UPDATE purchase SET voided_at = ?2, void_reason = ?3, updated_at = ?2 WHERE id = ?1",
            params![id, stamp(now), reason],
        )?;
        tx.execute(
            "UPDATE unit SET status = 'voided', updated_at = ?2
             WHERE line_id IN (SELECT id FROM purchase_line WHERE purchase_id = ?1)",
            params![id, stamp(now)],
        )?;
        crate::care::plan::after_write(tx, &[before.customer_id], now)
    })?;
    get(db.conn(), id, today)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<PurchaseView> {
    let head = conn
        .prepare_cached(
            "SELECT p.receipt_no, p.sold_at, date(p.sold_at, '+7 hours'), p.customer_id, c.full_name,
                c.address_as, c.call_name, p.staff, p.total, p.note, p.voided_at, p.void_reason
             FROM purchase p LEFT JOIN customer c ON c.id = p.customer_id WHERE p.id = ?1",
        )?
        .query_row([id], |r| {
            let greeting = crate::customer::stored_greeting(r.get(5)?, r.get(6)?);
            Ok(PurchaseView {
                id,
                receipt_no: r.get(0)?,
                sold_at: r.get(1)?,
                sold_on: r.get(2)?,
                customer_id: r.get(3)?,
                customer_name: r.get(4)?,
                customer_greeting: greeting,
                staff: r.get(7)?,
                total: r.get(8)?,
                note: r.get(9)?,
                voided_at: r.get(10)?,
                void_reason: r.get(11)?,
                lines: vec![],
                units: vec![],
                revisions: vec![],
                lines_locked: false,
            })
        })
        .optional()?;
    let mut p = head.ok_or(Error::NotFound { what: "purchase", id })?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.product_id, l.product_name, l.quantity, l.unit_price, l.discount,
            l.warranty_months, l.exchange_days, l.policy,
            (SELECT coalesce(sum(quantity), 0) FROM return_case r WHERE r.line_id = l.id
                AND r.outcome <> 'refused' AND r.outcome <> 'repair')
         FROM purchase_line l WHERE l.purchase_id = ?1 ORDER BY l.position",
    )?;
    p.lines = stmt
        .query_map([id], |r| {
            let quantity: i64 = r.get(3)?;
            let unit_price: i64 = r.get(4)?;
            let discount: i64 = r.get(5)?;
            let policy: String = r.get(8)?;
            Ok(LineView {
                id: r.get(0)?,
                product_id: r.get(1)?,
                product_name: r.get(2)?,
                quantity,
                unit_price,
                discount,
                line_total: unit_price * quantity - discount,
                warranty_months: r.get(6)?,
                exchange_days: r.get(7)?,
                policy: policy::from_json(&policy)?,
                returned_quantity: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    p.units = unit::query(
        conn,
        "WHERE u.line_id IN (SELECT id FROM purchase_line WHERE purchase_id = ?2) ORDER BY u.id",
        &[&id],
        today,
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT at, staff, action, reason FROM purchase_revision WHERE purchase_id = ?1 ORDER BY id",
    )?;
    p.revisions = stmt
        .query_map([id], |r| {
            Ok(Revision { at: r.get(0)?, staff: r.get(1)?, action: r.get(2)?, reason: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    p.lines_locked = locked(conn, id)?;
    Ok(p)
}

/// A customer's purchases, newest first.
pub fn for_customer(
    conn: &Connection,
    customer_id: i64,
    limit: usize,
) -> Result<Vec<PurchaseSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.receipt_no, date(p.sold_at, '+7 hours'), p.total, p.voided_at IS NOT NULL,
            (SELECT group_concat(product_name, ', ') FROM purchase_line WHERE purchase_id = p.id)
         FROM purchase p WHERE p.customer_id = ?1 ORDER BY p.sold_at DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![customer_id, limit as i64], |r| {
        Ok(PurchaseSummary {
            id: r.get(0)?,
            receipt_no: r.get(1)?,
            sold_on: r.get(2)?,
            total: r.get(3)?,
            voided: r.get(4)?,
            products: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PurchaseSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub receipt_no: String,
    pub sold_on: NaiveDate,
    #[ts(type = "number")]
    pub total: i64,
    pub voided: bool,
    pub products: String,
}

pub(crate) fn conflict_of(
    conn: &Connection,
    unit_id: i64,
    serial: &str,
) -> rusqlite::Result<SerialConflict> {
    conn.prepare_cached(
        "SELECT p.id, p.receipt_no, date(p.sold_at, '+7 hours'), c.full_name, l.product_name
         FROM unit u JOIN purchase_line l ON l.id = u.line_id JOIN purchase p ON p.id = l.purchase_id
         LEFT JOIN customer c ON c.id = u.customer_id WHERE u.id = ?1",
    )?
    .query_row([unit_id], |r| {
        Ok(SerialConflict {
            serial: serial.to_owned(),
            unit_id,
            purchase_id: r.get(0)?,
            receipt_no: r.get(1)?,
            sold_on: r.get(2)?,
            customer_name: r.get(3)?,
            product_name: r.get(4)?,
        })
    })
}
