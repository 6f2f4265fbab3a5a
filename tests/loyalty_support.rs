//! Helpers for the loyalty tests: goods in a category, a sale with its tender, the ledgers' sums.

use chrono::{DateTime, Utc};
use khachquen::loyalty::sale;
use khachquen::sales::product::{self, ProductDraft};
use khachquen::sales::purchase::TenderDraft;
use khachquen::sales::{LineDraft, PurchaseDraft, PurchaseView};
use khachquen::Db;

use crate::support::*;

/// A product of `category` at `price` (as typed), no serial, no warranty.
pub fn goods(db: &mut Db, name: &str, category: &str, price: &str) -> i64 {
    product::save(
        db,
        None,
        &ProductDraft {
            name: name.into(),
            category: category.into(),
            price: price.into(),
            ..ProductDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("product")
    .id
}

pub fn sale_draft(
    customer: Option<i64>,
    product: i64,
    quantity: i64,
    tender: TenderDraft,
) -> PurchaseDraft {
    PurchaseDraft {
        customer_id: customer,
        lines: vec![LineDraft { product_id: product, quantity, ..LineDraft::default() }],
        tender,
        ..PurchaseDraft::default()
    }
}

/// A sale settled by `tender` at `at`, by staff who may leave part owing.
pub fn sell_at(
    db: &mut Db,
    customer: Option<i64>,
    product: i64,
    quantity: i64,
    tender: TenderDraft,
    at: DateTime<Utc>,
) -> khachquen::Result<PurchaseView> {
    sale::create(db, &sale_draft(customer, product, quantity, tender), STAFF, true, at)
}

pub fn sell(db: &mut Db, customer: i64, product: i64, quantity: i64) -> PurchaseView {
    sell_at(db, Some(customer), product, quantity, TenderDraft::default(), now()).expect("sale")
}

pub fn tender() -> TenderDraft {
    TenderDraft::default()
}

pub fn points_of(db: &Db, customer: i64) -> i64 {
    khachquen::loyalty::points::balance(db.conn(), customer).expect("balance")
}

pub fn credit_of(db: &Db, customer: i64) -> i64 {
    khachquen::loyalty::credit::balance(db.conn(), customer).expect("balance")
}

/// The field errors of a refused call, as (field, code).
pub fn fields(e: khachquen::Error) -> Vec<(String, String)> {
    match e {
        khachquen::Error::Validation(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("a validation error, not {other:?}"),
    }
}

pub fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).expect("count")
}

/// The shop sells on credit up to 100 triệu a customer (by default it does not).
pub fn allow_credit(db: &mut Db) {
    let terms = khachquen::loyalty::debt_settings::DebtSettings {
        default_limit: 100_000_000,
        due_days: 30,
    };
    khachquen::loyalty::debt_settings::save(db, &terms, "Chủ", chrono::Utc::now())
        .expect("credit terms");
}
