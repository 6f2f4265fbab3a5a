//! Sites for the sync tests: in-memory databases joined to a chain, and changes carried from
//! one to another directly (what the hub will carry).

use khachquen::sales::{purchase, LineDraft, PurchaseDraft};
use khachquen::sync::change::Change;
use khachquen::sync::local;
use khachquen::Db;

use crate::support::*;

pub fn site(code: &str) -> Db {
    let mut db = db();
    db.write(|tx| local::start_site(tx, code)).expect("joins the chain");
    db
}

pub fn all_pending(db: &Db) -> Vec<Change> {
    local::pending(db.conn(), 0, usize::MAX >> 1).expect("pending")
}

pub fn apply(db: &mut Db, changes: &[Change]) {
    db.write(|tx| local::apply(tx, changes)).expect("changes apply");
}

/// Everything `from` has captured, applied at `to`.
pub fn carry(from: &Db, to: &mut Db) {
    let changes = all_pending(from);
    apply(to, &changes);
}

pub fn outbox_count(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0)).expect("count")
}

pub fn key_of(db: &Db, entity: &str, id: i64) -> String {
    local::key_of(db.conn(), entity, id).expect("key").expect("the record has a key")
}

pub fn id_by_key(db: &Db, table: &str, key: &str) -> Option<i64> {
    use rusqlite::OptionalExtension;
    db.conn()
        .query_row(&format!("SELECT rowid FROM {table} WHERE key = ?1"), [key], |r| r.get(0))
        .optional()
        .expect("lookup")
}

pub fn text(db: &Db, sql: &str, key: &str) -> Option<String> {
    use rusqlite::OptionalExtension;
    db.conn().query_row(sql, [key], |r| r.get(0)).optional().expect("query").flatten()
}

/// A sale with a receipt number of the store's own (receipt numbers are not yet chain-wide).
pub fn sale(db: &mut Db, receipt: &str, customer: i64, product: i64) -> i64 {
    purchase::create(
        db,
        &PurchaseDraft {
            receipt_no: receipt.into(),
            customer_id: Some(customer),
            lines: vec![LineDraft { product_id: product, quantity: 1, ..LineDraft::default() }],
            ..PurchaseDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("sale is valid")
    .id
}
