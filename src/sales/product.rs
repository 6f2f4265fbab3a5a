//! The product catalogue: what the shop sells, with its warranty, exchange window, return
//! policy and re-purchase interval.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::{fold, nfc};

pub const MAX_PRODUCT_NAME: usize = 200;
pub const MAX_WARRANTY_MONTHS: u32 = 120;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProductDraft {
    /// Empty: generated (`SP00012`).
    pub code: String,
    pub name: String,
    pub category: String,
    /// Price in đồng as typed: `1.290.000`, `1tr29`, `150k`.
    pub price: String,
    pub warranty_months: u32,
    pub exchange_days: u32,
    #[ts(type = "number | null")]
    pub policy_id: Option<i64>,
    pub repurchase_days: Option<u32>,
    pub serial_required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Product {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: String,
    #[ts(type = "number")]
    pub price: i64,
    pub warranty_months: u32,
    pub exchange_days: u32,
    #[ts(type = "number | null")]
    pub policy_id: Option<i64>,
    pub policy_name: Option<String>,
    pub repurchase_days: Option<u32>,
    pub serial_required: bool,
    pub archived: bool,
}

const SELECT: &str = "SELECT p.id, p.code, p.name, p.category, p.price, p.warranty_months,
    p.exchange_days, p.policy_id, pol.name, p.repurchase_days, p.serial_required,
    p.archived_at IS NOT NULL
    FROM product p LEFT JOIN policy pol ON pol.id = p.policy_id";

fn from_row(r: &Row) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        category: r.get(3)?,
        price: r.get(4)?,
        warranty_months: r.get(5)?,
        exchange_days: r.get(6)?,
        policy_id: r.get(7)?,
        policy_name: r.get(8)?,
        repurchase_days: r.get(9)?,
        serial_required: r.get(10)?,
        archived: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Product> {
    conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "product", id })
}

/// Products whose code starts with, or whose folded name contains, every word of `query`
/// (empty: the most recently added). Archived products are left out: they cannot be sold.
pub fn find(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Product>> {
    matching(conn, query, false, limit)
}

/// The catalogue as the owner manages it: like [`find`], archived products included (last).
pub fn catalogue(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Product>> {
    matching(conn, query, true, limit)
}

fn matching(
    conn: &Connection,
    query: &str,
    with_archived: bool,
    limit: usize,
) -> Result<Vec<Product>> {
    let query = crate::text::limit::cut(query);
    let folded = fold(query);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut sql = format!("{SELECT} WHERE (?1 OR p.archived_at IS NULL)");
    let mut args: Vec<rusqlite::types::Value> = vec![with_archived.into()];
    if !words.is_empty() {
        args.push(format!("{}%", query.trim().to_uppercase()).into());
        let mut name = Vec::new();
        for w in &words {
            args.push(format!("%{w}%").into());
            name.push(format!("p.folded_name LIKE ?{}", args.len()));
        }
        sql.push_str(&format!(" AND (p.code LIKE ?2 OR ({}))", name.join(" AND ")));
    }
    sql.push_str(&format!(" ORDER BY p.archived_at IS NOT NULL, p.id DESC LIMIT {limit}"));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

struct Valid {
    code: String,
    name: String,
    category: String,
    price: i64,
}

fn validate(conn: &Connection, d: &ProductDraft, id: Option<i64>) -> Result<Valid> {
    let mut errors = Vec::new();
    let name = nfc(d.name.trim());
    if name.is_empty() {
        errors.push(FieldError::new("name", "name_empty"));
    } else if name.chars().count() > MAX_PRODUCT_NAME {
        errors.push(FieldError::new("name", "too_long"));
    }
    let code = d.code.trim().to_uppercase();
    if code.chars().count() > 50 {
        errors.push(FieldError::new("code", "too_long"));
    } else if !code.is_empty() {
        let taken: Option<i64> = conn
            .prepare_cached("SELECT id FROM product WHERE code = ?1")?
            .query_row([&code], |r| r.get(0))
            .optional()?;
        if taken.is_some_and(|t| Some(t) != id) {
            errors.push(FieldError::new("code", "code_taken"));
        }
    }
    let price = super::amount(&d.price, "price", &mut errors);
    if d.warranty_months > MAX_WARRANTY_MONTHS {
        errors.push(FieldError::new("warranty_months", "too_large"));
    }
    if d.exchange_days > 365 {
        errors.push(FieldError::new("exchange_days", "too_large"));
    }
    if d.repurchase_days.is_some_and(|r| r == 0 || r > 3650) {
        errors.push(FieldError::new("repurchase_days", "out_of_range"));
    }
    if let Some(pid) = d.policy_id {
        let exists: Option<i64> = conn
            .prepare_cached("SELECT id FROM policy WHERE id = ?1")?
            .query_row([pid], |r| r.get(0))
            .optional()?;
        if exists.is_none() {
            errors.push(FieldError::new("policy_id", "policy_unknown"));
        }
    }
    let category =
        crate::text::limit_in("category", &d.category, crate::text::limit::NAME, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(Valid { code, name, category, price })
}

/// Creates (`id` = None) or updates a product. Past sales keep the terms they were sold with.
pub fn save(
    db: &mut Db,
    id: Option<i64>,
    d: &ProductDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Product> {
    let id = db.write(|tx| {
        let v = validate(tx, d, id)?;
        let at = stamp(now);
        let interval_before: Option<Option<u32>> = match id {
            Some(id) => tx
                .prepare_cached("SELECT repurchase_days FROM product WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?,
            None => None,
        };
        let id = match id {
            Some(id) => update_row(tx, id, &v, d, &at)?,
            None => insert_row(tx, &v, d, &at)?,
        };
        crate::audit::record(
            tx,
            now,
            staff,
            "save",
            "product",
            id,
            serde_json::json!({ "name": v.name }),
        )?;
        // A new re-purchase interval changes when every past buyer is due.
        if interval_before.is_some_and(|b| b != d.repurchase_days) {
            let scope = crate::care::plan::Scope::Kind(crate::care::rule::RuleKind::Repurchase);
            crate::care::plan::replan_in(tx, &scope, now)?;
        }
        Ok(id)
    })?;
    get(db.conn(), id)
}

/// Writes the product's new details over its row.
fn update_row(tx: &Connection, id: i64, v: &Valid, d: &ProductDraft, at: &str) -> Result<i64> {
    let n = tx.execute(
        "UPDATE product SET code = coalesce(nullif(?2, ''), code), name = ?3,
            folded_name = ?4, category = ?5, price = ?6, warranty_months = ?7,
            exchange_days = ?8, policy_id = ?9, repurchase_days = ?10,
            serial_required = ?11, updated_at = ?12 WHERE id = ?1",
        params![
            id,
            v.code,
            v.name,
            fold(&v.name),
            v.category,
            v.price,
            d.warranty_months,
            d.exchange_days,
            d.policy_id,
            d.repurchase_days,
            d.serial_required,
            at
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: "product", id });
    }
    Ok(id)
}

/// A new product; without a code it is given the next `SP…` one.
fn insert_row(tx: &Connection, v: &Valid, d: &ProductDraft, at: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO product(code, name, folded_name, category, price, warranty_months,
            exchange_days, policy_id, repurchase_days, serial_required, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            if v.code.is_empty() { format!("~{}", at) } else { v.code.clone() },
            v.name,
            fold(&v.name),
            v.category,
            v.price,
            d.warranty_months,
            d.exchange_days,
            d.policy_id,
            d.repurchase_days,
            d.serial_required,
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    if v.code.is_empty() {
        tx.execute(
            "UPDATE product SET code = ?2 WHERE id = ?1",
            params![id, format!("SP{id:05}")],
        )?;
    }
    Ok(id)
}

/// Archived products leave the sale picker; what was sold keeps its terms.
pub fn set_archived(
    db: &mut Db,
    id: i64,
    archived: bool,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Product> {
    db.write(|tx| super::archive::set(tx, "product", id, archived, staff, now))?;
    get(db.conn(), id)
}
