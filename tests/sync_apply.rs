//! Applying other sites' changes: records arrive whole with their references, once however often
//! they are sent, in any order; the later clock wins per field; an erasure reaches every site.

use khachquen::customer::{self, CustomerDraft, PhoneDraft, SearchOptions};
use khachquen::sync::change::ChangeOp;
use khachquen::sync::local;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;
use crate::sync_support::*;

fn draft(name: &str, notes: &str, phones: &[&str]) -> CustomerDraft {
    CustomerDraft {
        full_name: name.into(),
        notes: notes.into(),
        phones: phones
            .iter()
            .enumerate()
            .map(|(i, p)| PhoneDraft { raw: (*p).into(), is_primary: i == 0 })
            .collect(),
        allow_duplicate: true,
        ..CustomerDraft::default()
    }
}

fn counts(db: &Db) -> Vec<i64> {
    [
        "customer",
        "customer_phone",
        "customer_tag",
        "purchase",
        "purchase_line",
        "unit",
        "audit_log",
        "consent",
    ]
    .iter()
    .map(|t| {
        db.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect("n")
    })
    .collect()
}

fn found(db: &Db, q: &str) -> Vec<String> {
    customer::search(db.conn(), q, SearchOptions::default())
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.full_name)
        .collect()
}

/// Rows of `table` with a text column holding one of `words`.
fn rows_holding(db: &Db, table: &str, words: &[&str]) -> usize {
    let mut stmt = db.conn().prepare(&format!("SELECT * FROM {table}")).expect("select");
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        Ok((0..n).any(|i| {
            let v: Option<String> = r.get(i).ok().flatten();
            v.is_some_and(|s| words.iter().any(|w| s.contains(w)))
        }))
    })
    .expect("rows")
    .filter(|x| matches!(x, Ok(true)))
    .count()
}

#[test]
fn a_customer_and_her_sale_made_at_one_store_are_found_at_the_other() {
    let (mut a, mut b) = (site("A"), site("B"));
    let p = phone_product(&mut a);
    let c = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    let s = sell(&mut a, Some(c.id), p.id, "IMEI000111222", 0).id;
    carry(&a, &mut b);
    let key = key_of(&a, "customer", c.id);
    let here = id_by_key(&b, "customer", &key).expect("she is at B");
    assert_eq!(found(&b, "lan"), vec!["Nguyễn Thị Lan".to_owned()], "by name: the index follows");
    assert_eq!(found(&b, "5678"), vec!["Nguyễn Thị Lan".to_owned()], "by phone");
    let bought = khachquen::sales::for_customer(b.conn(), here, today()).expect("sales");
    assert_eq!(bought.purchases.len(), 1, "her sale came with her");
    let serial = text(&b, "SELECT serial FROM unit WHERE key IS NOT NULL AND ?1 <> ''", "x");
    assert_eq!(serial.as_deref(), Some("IMEI000111222"));
    assert!(id_by_key(&b, "purchase", &key_of(&a, "sale", s)).is_some());
    assert!(all_pending(&b).iter().all(|ch| ch.site == "B" && ch.key != key), "not captured again");
}

#[test]
fn applying_twice_or_backwards_changes_nothing_more() {
    let (mut a, mut b, mut c) = (site("A"), site("B"), site("C"));
    let p = shirt_product(&mut a);
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    sale(&mut a, "A-1", lan.id, p.id);
    customer::update(
        &mut a,
        lan.id,
        &draft("Nguyễn Thị Lan", "Mua áo", &["0912345678"]),
        STAFF,
        now(),
    )
    .expect("edit");
    let changes = all_pending(&a);
    apply(&mut b, &changes);
    let once = counts(&b);
    apply(&mut b, &changes);
    assert_eq!(counts(&b), once, "a second delivery adds nothing");
    let mut backwards = changes.clone();
    backwards.reverse();
    apply(&mut c, &backwards);
    let waiting: i64 =
        c.conn().query_row("SELECT count(*) FROM sync_deferred", [], |r| r.get(0)).expect("n");
    assert_eq!(
        waiting, 0,
        "children that came before their parents were written once they could be"
    );
    assert_eq!(counts(&c), once, "any order, same records");
    let key = key_of(&a, "customer", lan.id);
    let notes = "SELECT notes FROM customer WHERE key = ?1";
    assert_eq!(
        text(&c, notes, &key).as_deref(),
        Some("Mua áo"),
        "the later edit won though it came first"
    );
}

#[test]
fn the_later_clock_wins_each_field_and_a_clock_set_back_still_orders_after_what_it_saw() {
    let (mut a, mut b) = (site("A"), site("B"));
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    carry(&a, &mut b);
    let key = key_of(&a, "customer", lan.id);
    let at_b = id_by_key(&b, "customer", &key).expect("at B");
    // B's PC is a day behind: its edit, made after seeing A's, must still win.
    b.write(|tx| local::set_clock_offset(tx, -86_400_000)).expect("clock");
    customer::update(
        &mut a,
        lan.id,
        &draft("Nguyễn Thị Lan", "ghi chú A", &["0912345678"]),
        STAFF,
        now(),
    )
    .expect("A edits notes");
    carry(&a, &mut b);
    customer::update(
        &mut b,
        at_b,
        &draft("Nguyễn Thị Lan Anh", "ghi chú B", &["0912345678"]),
        STAFF,
        now(),
    )
    .expect("B edits after");
    carry(&b, &mut a);
    carry(&a, &mut b);
    for db in [&a, &b] {
        assert_eq!(
            text(db, "SELECT notes FROM customer WHERE key = ?1", &key).as_deref(),
            Some("ghi chú B")
        );
        assert_eq!(
            text(db, "SELECT full_name FROM customer WHERE key = ?1", &key).as_deref(),
            Some("Nguyễn Thị Lan Anh")
        );
    }
    assert_eq!(
        found(&a, "anh"),
        vec!["Nguyễn Thị Lan Anh".to_owned()],
        "A's index follows B's name"
    );
}

#[test]
fn concurrent_edits_of_different_fields_both_survive() {
    let (mut a, mut b) = (site("A"), site("B"));
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    carry(&a, &mut b);
    let key = key_of(&a, "customer", lan.id);
    let at_b = id_by_key(&b, "customer", &key).expect("at B");
    a.write(|tx| Ok(tx.execute("UPDATE customer SET notes = 'từ A' WHERE id = ?1", [lan.id])?))
        .expect("A");
    b.write(|tx| Ok(tx.execute("UPDATE customer SET address = 'từ B' WHERE id = ?1", [at_b])?))
        .expect("B");
    carry(&a, &mut b);
    carry(&b, &mut a);
    for db in [&a, &b] {
        let row = text(db, "SELECT notes || '|' || address FROM customer WHERE key = ?1", &key);
        assert_eq!(row.as_deref(), Some("từ A|từ B"), "per field, not per record");
    }
}

#[test]
fn a_phone_removed_at_one_store_and_made_primary_at_another_converge() {
    let (mut a, mut b) = (site("A"), site("B"));
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678", "0987654321"]);
    carry(&a, &mut b);
    let key = key_of(&a, "customer", lan.id);
    let at_b = id_by_key(&b, "customer", &key).expect("at B");
    customer::update(&mut a, lan.id, &draft("Nguyễn Thị Lan", "", &["0912345678"]), STAFF, now())
        .expect("A drops the second phone");
    customer::update(
        &mut b,
        at_b,
        &draft("Nguyễn Thị Lan", "", &["0987654321", "0912345678"]),
        STAFF,
        now(),
    )
    .expect("B swaps them");
    carry(&a, &mut b);
    carry(&b, &mut a);
    let phones = |db: &Db| -> Vec<(String, i64, i64)> {
        db.conn()
            .prepare(
                "SELECT p.canonical, p.is_primary, p.position FROM customer_phone p
                 JOIN customer c ON c.id = p.customer_id WHERE c.key = ?1 ORDER BY p.key",
            )
            .expect("phones")
            .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("phones")
    };
    assert_eq!(phones(&a), phones(&b), "the same phones on both cards");
    assert_eq!(phones(&a).iter().filter(|p| p.1 == 1).count(), 1, "one primary");
}

#[test]
fn an_erasure_reaches_the_other_store_and_what_it_kept_of_her() {
    let (mut a, mut b) = (site("A"), site("B"));
    let p = shirt_product(&mut a);
    let c = add(&mut a, "Xyzzyquỳnh Phạm", &["0911222333"]);
    sale(&mut a, "A-1", c.id, p.id);
    carry(&a, &mut b);
    let key = key_of(&a, "customer", c.id);
    let at_b = id_by_key(&b, "customer", &key).expect("at B");
    // B writes about her while A erases her: B's note must not survive either.
    customer::update(
        &mut b,
        at_b,
        &draft("Xyzzyquỳnh Phạm", "Xyzzy note", &["0911222333"]),
        STAFF,
        now(),
    )
    .expect("B edits");
    let from_b = all_pending(&b);
    khachquen::privacy::erase(&mut a, c.id, STAFF, now()).expect("A erases");
    carry(&a, &mut b);
    apply(&mut a, &from_b);
    for (name, db) in [("A", &a), ("B", &b)] {
        for table in ["customer", "customer_phone", "sync_outbox", "sync_record", "audit_log"] {
            let left = rows_holding(db, table, &["Xyzzy", "0911222333"]);
            assert_eq!(left, 0, "{name}: her data left in {table}");
        }
        let erased = text(db, "SELECT erased_at FROM customer WHERE key = ?1", &key);
        assert!(erased.is_some(), "{name}: she is erased");
        let sales: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM purchase WHERE receipt_no = 'A-1'", [], |r| r.get(0))
            .expect("n");
        assert_eq!(sales, 1, "{name}: the sale is a fact and stays");
    }
    assert!(
        all_pending(&b).iter().all(|ch| ch.op != ChangeOp::Redact),
        "B does not re-announce it"
    );
}

#[test]
fn a_merge_at_one_store_moves_what_another_store_wrote_for_the_merged_customer() {
    let (mut a, mut b) = (site("A"), site("B"));
    let keep = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    let gone = add(&mut a, "Nguyễn T. Lan", &["0987654321"]);
    carry(&a, &mut b);
    let (keep_key, gone_key) = (key_of(&a, "customer", keep.id), key_of(&a, "customer", gone.id));
    // B records a consent for the duplicate while A merges it away.
    let gone_at_b = id_by_key(&b, "customer", &gone_key).expect("at B");
    consent(&mut b, gone_at_b, khachquen::privacy::Purpose::MarketingZalo, true);
    customer::merge(&mut a, keep.id, gone.id, STAFF, now()).expect("merge");
    carry(&a, &mut b);
    carry(&b, &mut a);
    for (name, db) in [("A", &a), ("B", &b)] {
        let owners: Vec<String> = db
            .conn()
            .prepare(
                "SELECT c.key FROM consent x JOIN customer c ON c.id = x.customer_id
                 WHERE x.purpose = 'marketing_zalo'",
            )
            .expect("consents")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("keys");
        assert_eq!(owners, vec![keep_key.clone()], "{name}: the consent follows the survivor");
        let merged = text(
            db,
            "SELECT iif(merged_into IS NULL, NULL, 'yes') FROM customer WHERE key = ?1",
            &gone_key,
        );
        assert_eq!(merged.as_deref(), Some("yes"), "{name}: the duplicate is merged");
    }
}

/// A batch that brings a customer, renames her and brings another who is erased in it: the
/// index is written once at the batch's end, and holds each as her row now stands.
#[test]
fn the_index_follows_a_batch_that_makes_renames_and_erases_customers() {
    let (mut a, mut b) = (site("A"), site("B"));
    let lan = add(&mut a, "Nguyễn Thị Lan", &["0912345678"]);
    customer::update(&mut a, lan.id, &draft("Trần Thị Hoa", "", &["0912345678"]), STAFF, now())
        .expect("renamed");
    let gone = add(&mut a, "Xyzzyquỳnh Phạm", &["0911222333"]);
    khachquen::privacy::erase(&mut a, gone.id, STAFF, now()).expect("erased");
    let more: Vec<String> =
        ["Lê Văn Minh", "Phạm Văn Minh"].iter().map(|n| add(&mut a, n, &[]).full_name).collect();
    carry(&a, &mut b);
    assert_eq!(found(&b, "hoa"), vec!["Trần Thị Hoa".to_owned()]);
    assert!(found(&b, "lan").is_empty(), "the name she had is not found");
    assert!(found(&b, "xyzzy").is_empty(), "nor the erased one");
    let mut minh = found(&b, "minh");
    minh.sort();
    assert_eq!(minh, more);
    let given = |db: &Db, key: &str| -> i64 {
        db.conn()
            .query_row(
                "SELECT count(*) FROM customer_given g JOIN customer c ON c.id = g.customer_id
                 WHERE c.key = ?1",
                [key],
                |r| r.get(0),
            )
            .expect("n")
    };
    assert_eq!(given(&b, &key_of(&a, "customer", gone.id)), 0, "the erased one is not indexed");
    assert_eq!(given(&b, &key_of(&a, "customer", lan.id)), 1, "indexed once, as Hoa");
    b.conn()
        .execute("INSERT INTO customer_fts(customer_fts, rank) VALUES ('integrity-check', 0)", [])
        .expect("the index agrees with itself");
}
