//! Recording a sale: the purchase, its lines and one unit per serialised or warranted item.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::validate::validate;
use super::view::get;
use super::{PurchaseDraft, PurchaseView, Valid};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::Result;
use crate::sales::coverage::warranty_end;
use crate::text::serial::reversed;

fn next_receipt(conn: &Connection, sold_at: DateTime<Utc>) -> Result<String> {
    let day = format!("HD{}-", local_date(sold_at).format("%y%m%d"));
    let prefix = crate::store::prefix(conn, &day)?;
    let n = crate::store::next_number(conn, "purchase", "receipt_no", &prefix)?;
    Ok(format!("{prefix}{n:03}"))
}

pub(super) fn write_lines(
    conn: &Connection,
    purchase_id: i64,
    v: &Valid,
    now: DateTime<Utc>,
) -> Result<()> {
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

pub(super) fn total(v: &Valid) -> i64 {
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
