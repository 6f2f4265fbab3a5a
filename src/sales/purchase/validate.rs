//! Checking a purchase as typed: its header, each line against the catalogue and its
//! serials against the units still in customers' hands.

use std::collections::HashSet;

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{
    CatalogueTerms, Header, Line, LineDraft, PurchaseDraft, Valid, MAX_LINES, MAX_QUANTITY,
    MAX_RECEIPT,
};
use crate::clock::{local_date, vietnam};
use crate::error::{Error, FieldError, Result};
use crate::sales::amount;
use crate::sales::policy::{self, PolicyTerms};
use crate::text::serial::normalize_serial;

pub(super) fn sold_at(
    input: &str,
    now: DateTime<Utc>,
    errors: &mut Vec<FieldError>,
) -> DateTime<Utc> {
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

pub(super) fn validate_header(
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
        // Unique per store: the store of the sale being corrected, else this one's.
        let taken: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM purchase WHERE receipt_no = ?1 AND store = coalesce(
                    (SELECT store FROM purchase WHERE id = ?2),
                    (SELECT coalesce(code, '') FROM sync_site WHERE id = 1), '')",
            )?
            .query_row(params![&receipt, editing], |r| r.get(0))
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
        if let Some(line) = validate_line(conn, i, l, editing, &mut seen, errors)? {
            lines.push(line);
        }
    }
    Ok(lines)
}

/// One line against the catalogue; `None` when it cannot be read further (an unknown product,
/// a quantity out of range). `seen` holds the serials of the lines before it.
fn validate_line(
    conn: &Connection,
    i: usize,
    l: &LineDraft,
    editing: Option<i64>,
    seen: &mut HashSet<String>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Line>> {
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
        return Ok(None);
    };
    if archived && editing.is_none() {
        errors.push(FieldError::new(&field("product"), "product_archived"));
    }
    if l.quantity <= 0 {
        errors.push(FieldError::new(&field("quantity"), "quantity_positive"));
        return Ok(None);
    }
    if l.quantity > MAX_QUANTITY {
        errors.push(FieldError::new(&field("quantity"), "too_large"));
        return Ok(None);
    }
    let (unit_price, discount) = price_and_discount(l, price, &field, errors);
    let serials = serials(l, serial_required, &field, seen, errors);
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
    Ok(Some(Line {
        product_id: l.product_id,
        product_name: name,
        quantity: l.quantity,
        unit_price,
        discount,
        warranty_months: months,
        exchange_days: exchange,
        policy,
        units,
    }))
}

/// The line's price (the catalogue's unless typed) and its discount, at most the line's worth.
fn price_and_discount(
    l: &LineDraft,
    price: i64,
    field: &dyn Fn(&str) -> String,
    errors: &mut Vec<FieldError>,
) -> (i64, i64) {
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
    (unit_price, discount)
}

/// The line's serials, normalised: each sold once in the purchase, as many as its units.
fn serials(
    l: &LineDraft,
    serial_required: bool,
    field: &dyn Fn(&str) -> String,
    seen: &mut HashSet<String>,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
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
    serials
}

pub(super) fn validate(
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
        conflicts.extend(crate::sales::search::sold_serial(conn, serial, editing)?);
    }
    if !conflicts.is_empty() {
        return Err(Error::SerialSold(conflicts));
    }
    Ok(Valid { header, lines })
}
