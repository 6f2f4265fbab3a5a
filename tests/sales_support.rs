//! Helpers for the after-sales tests: a catalogue, a buyer, a sale.

use chrono::{DateTime, Duration, Utc};
use khachquen::sales::claim::{self, ClaimDraft, ClaimView, TransitionDraft};
use khachquen::sales::product::{self, Product, ProductDraft};
use khachquen::sales::{purchase, ClaimStatus, LineDraft, PurchaseDraft, PurchaseView};
use khachquen::Db;

use crate::support::*;

/// Policy ids seeded by migration 0002.
pub const ELECTRONICS: i64 = 1;
pub const PHONES: i64 = 2;
pub const FASHION: i64 = 3;

pub fn phone_product(db: &mut Db) -> Product {
    product::save(
        db,
        None,
        &ProductDraft {
            name: "iPhone 15 128GB".into(),
            category: "Điện thoại".into(),
            price: "19.990.000".into(),
            warranty_months: 12,
            exchange_days: 30,
            policy_id: Some(PHONES),
            serial_required: true,
            ..ProductDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("phone product")
}

pub fn shirt_product(db: &mut Db) -> Product {
    product::save(
        db,
        None,
        &ProductDraft {
            name: "Áo sơ mi trắng".into(),
            category: "Thời trang".into(),
            price: "350k".into(),
            policy_id: Some(FASHION),
            ..ProductDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("shirt product")
}

pub fn days_ago(days: i64) -> DateTime<Utc> {
    now() - Duration::days(days)
}

/// Sells one unit of `product` with `serial` to `customer`, `days` before the test's today.
pub fn sell(
    db: &mut Db,
    customer: Option<i64>,
    product: i64,
    serial: &str,
    days: i64,
) -> PurchaseView {
    // Entered today from the paper receipt, dated `days` back (noon of that day).
    let sold_on = if days == 0 {
        String::new()
    } else {
        (today() - Duration::days(days)).format("%d/%m/%Y").to_string()
    };
    purchase::create(
        db,
        &PurchaseDraft {
            customer_id: customer,
            sold_on,
            lines: vec![LineDraft {
                product_id: product,
                quantity: 1,
                serials: if serial.is_empty() { vec![] } else { vec![serial.into()] },
                ..LineDraft::default()
            }],
            ..PurchaseDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("sale is valid")
}

pub fn open_claim(db: &mut Db, unit_id: i64, days: i64) -> ClaimView {
    claim::open(
        db,
        &ClaimDraft { unit_id, symptom: "Không lên nguồn".into(), ..ClaimDraft::default() },
        STAFF,
        days_ago(days),
    )
    .expect("claim opens")
}

pub fn go(db: &mut Db, id: i64, to: ClaimStatus, days: i64) -> khachquen::Result<ClaimView> {
    let d = TransitionDraft {
        to,
        service_center: "TTBH Apple Quận 3".into(),
        quote: "500k".into(),
        note: "ghi chú".into(),
        refund_amount: "1.000.000".into(),
        replacement_serial: format!("NEW{id}{days}"),
        ..TransitionDraft::default()
    };
    claim::transition(db, id, &d, STAFF, days_ago(days))
}
