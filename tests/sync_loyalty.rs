//! Loyalty ledgers between two stores: an entry written at one store is in the other's ledger
//! exactly once after changes go both ways, however often they are carried again, so both
//! stores compute the same balances.

use khachquen::loyalty::{credit, points};
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

fn ledger_rows(db: &Db, table: &str, customer: i64) -> i64 {
    db.conn()
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE customer_id = ?1"),
            [customer],
            |r| r.get(0),
        )
        .expect("count")
}

/// Points earned on a sale at `db`, as the sale writes them.
fn earn(db: &mut Db, customer: i64, sale: i64, pts: i64) {
    db.write(|tx| {
        tx.execute(
            "INSERT INTO point_entry(customer_id, kind, points, purchase_id, staff, at)
             VALUES (?1, 'earn', ?2, ?3, 'lan', '2026-11-20T03:00:00Z')",
            rusqlite::params![customer, pts, sale],
        )?;
        tx.execute(
            "INSERT INTO purchase_tender(purchase_id, to_pay, paid, points_earned)
             VALUES (?1, 100000, 100000, ?2)",
            rusqlite::params![sale, pts],
        )?;
        Ok(())
    })
    .expect("earned");
}

#[test]
fn points_earned_at_one_store_are_in_the_others_ledger_once() {
    let mut a = site("CH01");
    let mut b = site("CH02");
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    let p = shirt_product(&mut a);
    let s = sale(&mut a, "A-1", lan.id, p.id);
    earn(&mut a, lan.id, s, 35);
    a.write(|tx| {
        tx.execute(
            "INSERT INTO credit_entry(customer_id, kind, amount, reason, staff, at)
             VALUES (?1, 'manual', 20000, 'đổi hàng lỗi', 'lan', '2026-11-20T03:00:00Z')",
            [lan.id],
        )?;
        Ok(())
    })
    .expect("credit");
    carry(&a, &mut b);
    let her = key_of(&a, "customer", lan.id);
    let at_b = id_by_key(&b, "customer", &her).expect("she reached B");
    // B earns her more points on a sale of its own, then everything goes both ways, twice.
    let p_b = id_by_key(&b, "product", &key_of(&a, "product", p.id)).expect("product at B");
    let s_b = sale(&mut b, "B-1", at_b, p_b);
    earn(&mut b, at_b, s_b, 10);
    for _ in 0..2 {
        carry(&b, &mut a);
        carry(&a, &mut b);
    }
    for (db, id) in [(&a, lan.id), (&b, at_b)] {
        assert_eq!(
            ledger_rows(db, "point_entry", id),
            2,
            "each earning once, however often carried"
        );
        assert_eq!(points::balance(db.conn(), id).expect("balance"), 45, "35 at A + 10 at B");
        assert_eq!(credit::balance(db.conn(), id).expect("credit"), 20000);
        let tenders: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM purchase_tender", [], |r| r.get(0))
            .expect("tenders");
        assert_eq!(tenders, 2, "each sale's settlement travels with it");
    }
    // The entry points at B's copy of A's sale, not at whatever has A's local id at B.
    let sale_at_b = id_by_key(&b, "purchase", &key_of(&a, "sale", s)).expect("A's sale at B");
    let on_sale: i64 = b
        .conn()
        .query_row("SELECT points FROM point_entry WHERE purchase_id = ?1", [sale_at_b], |r| {
            r.get(0)
        })
        .expect("the entry of A's sale");
    assert_eq!(on_sale, 35);
}

#[test]
fn the_default_tiers_are_one_record_chain_wide() {
    let a = site("CH01");
    let b = site("CH02");
    let key = |db: &Db| -> String {
        db.conn()
            .query_row("SELECT key FROM member_tier WHERE name = 'Vàng'", [], |r| r.get(0))
            .expect("Vàng has a key")
    };
    assert_eq!(key(&a), key(&b), "renaming Vàng at one store renames it at the other");
}

#[test]
fn a_debt_note_is_redacted_with_its_customer() {
    let mut a = site("CH01");
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    a.write(|tx| {
        tx.execute(
            "INSERT INTO debt_entry(customer_id, kind, amount, note, staff, at)
             VALUES (?1, 'opening', 300000, 'nợ tiền sữa cho bé', 'lan', '2026-11-20T03:00:00Z')",
            [lan.id],
        )?;
        Ok(())
    })
    .expect("debt");
    let noted = all_pending(&a)
        .into_iter()
        .find(|c| c.entity == "debt_entry")
        .expect("the debt entry travels");
    assert_eq!(noted.data["note"], "nợ tiền sữa cho bé");
    assert_eq!(noted.data["amount"], 300000);
    let key = key_of(&a, "customer", lan.id);
    a.write(|tx| {
        tx.execute("INSERT INTO sync_erased(customer) VALUES (?1)", [&key])?;
        Ok(())
    })
    .expect("erased");
    let after = all_pending(&a).into_iter().find(|c| c.entity == "debt_entry").expect("entry");
    assert_eq!(after.data["note"], "", "what staff wrote about her leaves with her");
    assert_eq!(after.data["amount"], 300000, "the amount is not personal and stays");
}
