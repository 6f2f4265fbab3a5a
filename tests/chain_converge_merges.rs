//! What the 20-store convergence test found about merges and erasures made apart, each pinned
//! on two in-memory sites: a merge each way leaves one record live everywhere, and an erasure
//! reaches the records merged into the erased customer wherever the merge is learnt.

use khachquen::customer;
use khachquen::sync::change::ChangeOp;

use crate::support::*;
use crate::sync_support::*;

/// Two sites holding the same two records of one person, `(x, y)` as each site's local ids.
fn twins() -> (khachquen::Db, khachquen::Db, (i64, i64), (i64, i64)) {
    let mut a = site("A");
    let mut b = site("B");
    let x = add_unasked(&mut a, "Nguyễn Thị Lan", &["0912 345 678"]).id;
    let y = add_unasked(&mut a, "Nguyễn T. Lan", &["0912 345 678"]).id;
    carry(&a, &mut b);
    let (kx, ky) = (key_of(&a, "customer", x), key_of(&a, "customer", y));
    let at_b = |k: &str| id_by_key(&b, "customer", k).expect("carried");
    let bx = (at_b(&kx), at_b(&ky));
    (a, b, (x, y), bx)
}

fn both_ways(a: &mut khachquen::Db, b: &mut khachquen::Db) {
    let (from_a, from_b) = (all_pending(a), all_pending(b));
    apply(b, &from_a);
    apply(a, &from_b);
}

fn live_keys(db: &khachquen::Db) -> Vec<String> {
    db.conn()
        .prepare("SELECT key FROM customer WHERE merged_into IS NULL AND erased_at IS NULL")
        .expect("live")
        .query_map([], |r| r.get(0))
        .expect("live")
        .collect::<Result<_, _>>()
        .expect("live")
}

#[test]
fn a_merge_each_way_made_apart_leaves_the_same_one_record_live_at_both() {
    let (mut a, mut b, (x, y), (bx, by)) = twins();
    customer::merge(&mut a, y, x, STAFF, now()).expect("A keeps y");
    customer::merge(&mut b, bx, by, STAFF, now()).expect("B keeps x");
    both_ways(&mut a, &mut b);
    let (live_a, live_b) = (live_keys(&a), live_keys(&b));
    assert_eq!(live_a.len(), 1, "one record of her stays live: {live_a:?}");
    assert_eq!(live_a, live_b, "the same one at both sites");
    let merged = "SELECT key, merged_into IS NULL FROM customer ORDER BY key";
    let rows = |db: &khachquen::Db| -> Vec<(String, bool)> {
        let mut stmt = db.conn().prepare(merged).expect("rows");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert_eq!(rows(&a), rows(&b));
    assert_eq!(names(&a, "lan"), names(&b, "lan"), "found the same at both");
    assert_eq!(names(&a, "lan").len(), 1, "and once");
}

#[test]
fn a_merge_each_way_made_apart_leaves_her_number_on_the_record_that_stays() {
    let (mut a, mut b, (x, y), (bx, by)) = twins();
    customer::merge(&mut a, y, x, STAFF, now()).expect("A keeps y");
    customer::merge(&mut b, bx, by, STAFF, now()).expect("B keeps x");
    both_ways(&mut a, &mut b);
    let live = live_keys(&a);
    let at_a = phones_of(&a, &live[0]);
    let numbers: Vec<&str> = at_a.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(numbers, vec!["0912345678"], "the record that stays still has her number");
    assert_eq!(phones_of(&b, &live[0]), at_a, "the same at both");
    assert_eq!(names(&a, "0912345678").len(), 1, "found by it once");
}

#[test]
fn one_record_merged_into_two_others_apart_leaves_her_facts_with_the_merge_that_stands() {
    let (mut a, mut b, (x, y), (bx, _)) = twins();
    let z = add_unasked(&mut a, "Lan Nguyễn", &["0912 345 678"]).id;
    let d = khachquen::privacy::ConsentDraft {
        purpose: khachquen::privacy::Purpose::MarketingZalo,
        granted: true,
        method: Some(khachquen::privacy::ConsentMethod::InStore),
        evidence: "phiếu số 12".into(),
    };
    khachquen::privacy::record_consent(&mut a, x, &d, STAFF, now()).expect("consent");
    carry(&a, &mut b);
    let owner = |db: &khachquen::Db| -> String {
        let sql = "SELECT c.key FROM consent e JOIN customer c ON c.id = e.customer_id
            WHERE e.evidence = 'phiếu số 12'";
        db.conn().query_row(sql, [], |r| r.get(0)).expect("her consent")
    };
    assert_eq!(owner(&a), key_of(&a, "customer", x), "given by x");
    // A merges x into y; B, apart, merges x into z.
    customer::merge(&mut a, y, x, STAFF, now()).expect("A: x into y");
    let bz = id_by_key(&b, "customer", &key_of(&a, "customer", z)).expect("carried");
    customer::merge(&mut b, bz, bx, STAFF, now()).expect("B: x into z");
    both_ways(&mut a, &mut b);
    let kx = key_of(&a, "customer", x);
    let into = |db: &khachquen::Db| -> String {
        let sql = "SELECT m.key FROM customer c JOIN customer m ON m.id = c.merged_into
            WHERE c.key = ?1";
        db.conn().query_row(sql, [&kx], |r| r.get(0)).expect("x is merged")
    };
    assert_eq!(into(&a), into(&b), "one merge stands at both");
    assert_eq!(owner(&a), into(&a), "A: her consent follows the merge that stands");
    assert_eq!(owner(&b), into(&b), "B: the same");
}

#[test]
fn a_sale_made_apart_follows_the_merge_that_stands_at_a_store_whose_merge_lost() {
    let (mut a, mut b, (x, y), (bx, by)) = twins();
    let z = add_unasked(&mut a, "Lan Nguyễn", &["0912 345 678"]).id;
    let p = crate::sales_support::shirt_product(&mut a);
    let mut c = site("C");
    carry(&a, &mut b);
    carry(&a, &mut c);
    // B merges x into y; A, later, into z; C, knowing of neither, sells to x.
    customer::merge(&mut b, by, bx, STAFF, now()).expect("B: x into y");
    let _ = y;
    customer::merge(&mut a, z, x, STAFF, now()).expect("A: x into z");
    let cx = id_by_key(&c, "customer", &key_of(&a, "customer", x)).expect("carried");
    let cp = id_by_key(&c, "product", &key_of(&a, "product", p.id)).expect("carried");
    let sold = sale(&mut c, "C-1", cx, cp);
    let sk = key_of(&c, "sale", sold);
    let (from_a, from_b, from_c) = (all_pending(&a), all_pending(&b), all_pending(&c));
    // B has the sale before A's merge: it follows B's own merge first.
    apply(&mut b, &from_c);
    apply(&mut b, &from_a);
    apply(&mut a, &from_b);
    apply(&mut a, &from_c);
    apply(&mut c, &from_b);
    apply(&mut c, &from_a);
    let buyer = |db: &khachquen::Db| -> String {
        let sql = "SELECT c.key FROM purchase s JOIN customer c ON c.id = s.customer_id
            WHERE s.key = ?1";
        db.conn().query_row(sql, [&sk], |r| r.get(0)).expect("the sale")
    };
    let kx = key_of(&a, "customer", x);
    let stands: String = a
        .conn()
        .query_row(
            "SELECT m.key FROM customer c JOIN customer m ON m.id = c.merged_into WHERE c.key = ?1",
            [&kx],
            |r| r.get(0),
        )
        .expect("x is merged");
    for (db, at) in [(&a, "A"), (&b, "B"), (&c, "C")] {
        assert_eq!(buyer(db), stands, "{at}: the sale is with the record the merge kept");
    }
}

#[test]
fn an_erasure_reaches_the_record_merged_into_her_at_a_site_that_did_not_know() {
    let (mut a, mut b, (x, y), (_, by)) = twins();
    // A merges x into y; B, not knowing, erases y.
    customer::merge(&mut a, y, x, STAFF, now()).expect("merge");
    khachquen::privacy::erase(&mut b, by, STAFF, now()).expect("erase");
    let kx = key_of(&a, "customer", x);
    both_ways(&mut a, &mut b);
    for db in [&a, &b] {
        let erased: bool = db
            .conn()
            .query_row("SELECT erased_at IS NOT NULL FROM customer WHERE key = ?1", [&kx], |r| {
                r.get(0)
            })
            .expect("x");
        assert!(erased, "the record merged into her is hers: erased");
        assert!(names(db, "lan").is_empty(), "nothing of her is found");
    }
    // B learnt of the merge only now: it says x is erased, so that the hub forgets her too.
    let said = all_pending(&b).iter().any(|c| c.op == ChangeOp::Redact && c.key == kx);
    assert!(said, "B announces the erasure it carried out");
}

#[test]
fn erasing_a_record_another_store_merged_into_a_live_one_erases_the_person_at_both() {
    let (mut a, mut b, (x, y), (bx, _)) = twins();
    let p = crate::sales_support::shirt_product(&mut a);
    let sold = sale(&mut a, "A-1", x, p.id);
    khachquen::sales::purchase::void(&mut a, sold, "Chị Lan đổi ý", STAFF, now()).expect("void");
    carry(&a, &mut b);
    // A merges x into y; B, not knowing, erases x at her request.
    customer::merge(&mut a, y, x, STAFF, now()).expect("merge");
    khachquen::privacy::erase(&mut b, bx, STAFF, now()).expect("erase");
    let (kx, ky) = (key_of(&a, "customer", x), key_of(&a, "customer", y));
    both_ways(&mut a, &mut b);
    let sk = key_of(&a, "sale", sold);
    for db in [&a, &b] {
        let erased = |k: &str| -> bool {
            let sql = "SELECT erased_at IS NOT NULL FROM customer WHERE key = ?1";
            db.conn().query_row(sql, [k], |r| r.get(0)).expect("her record")
        };
        assert!(erased(&kx) && erased(&ky), "both records of her are erased");
        assert!(names(db, "lan").is_empty(), "nothing of her is found");
        let reason: Option<String> = db
            .conn()
            .query_row("SELECT void_reason FROM purchase WHERE key = ?1", [&sk], |r| r.get(0))
            .expect("the sale stays");
        assert_eq!(reason, None, "what she said on her sale is gone");
    }
    for db in [&a, &b] {
        let said = all_pending(db).iter().any(|c| c.op == ChangeOp::Redact && c.key == ky);
        assert!(said, "each site says the record it erased is erased, for the hub");
    }
}

#[test]
fn a_void_reason_of_an_erased_customer_is_blanked_the_same_at_a_site_that_learns_it_later() {
    let mut a = site("A");
    let mut b = site("B");
    let lan = add_unasked(&mut a, "Nguyễn Thị Lan", &["0912 345 678"]).id;
    let p = crate::sales_support::shirt_product(&mut a);
    let id = sale(&mut a, "A-1", lan, p.id);
    khachquen::sales::purchase::void(&mut a, id, "Khách đổi ý phút chót", STAFF, now())
        .expect("void");
    // A erases her before B has heard of her: B learns the void already blanked.
    khachquen::privacy::erase(&mut a, lan, STAFF, now()).expect("erase");
    carry(&a, &mut b);
    let key = key_of(&a, "sale", id);
    let sql = "SELECT voided_at IS NOT NULL, void_reason IS NULL FROM purchase WHERE key = ?1";
    let row = |db: &khachquen::Db| -> (bool, bool) {
        db.conn().query_row(sql, [&key], |r| Ok((r.get(0)?, r.get(1)?))).expect("the sale")
    };
    assert_eq!(row(&a), (true, true), "still voided, the reason blanked as the spec blanks it");
    assert_eq!(row(&a), row(&b), "the same at both");
}

/// The phones of the live record `key` at `db`: (phone key, number).
fn phones_of(db: &khachquen::Db, key: &str) -> Vec<(String, String)> {
    db.conn()
        .prepare(
            "SELECT p.key, p.canonical FROM customer_phone p JOIN customer c ON c.id = p.customer_id
             WHERE c.key = ?1 ORDER BY p.key",
        )
        .expect("phones")
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("phones")
        .collect::<Result<_, _>>()
        .expect("phones")
}

#[test]
fn a_merge_and_an_erasure_made_apart_leave_no_phone_of_her_wherever_learnt_first() {
    let mut a = site("A");
    let mut b = site("B");
    let lan = add_unasked(&mut a, "Nguyễn Thị Lan", &["0912 345 678"]).id;
    let old = add_unasked(&mut a, "Lan cũ", &["0987 654 321"]).id;
    carry(&a, &mut b);
    let (kl, ko) = (key_of(&a, "customer", lan), key_of(&a, "customer", old));
    // A merges the old record into Lan; B, not knowing, erases the old record: her.
    customer::merge(&mut a, lan, old, STAFF, now()).expect("merge");
    let bo = id_by_key(&b, "customer", &ko).expect("carried");
    khachquen::privacy::erase(&mut b, bo, STAFF, now()).expect("erase");
    // A third site learns it all later, the erasure first; a fourth, the merge first.
    let (mut c, mut d) = (site("C"), site("D"));
    let (from_a, from_b) = (all_pending(&a), all_pending(&b));
    apply(&mut c, &from_b);
    apply(&mut c, &from_a);
    apply(&mut d, &from_a);
    apply(&mut d, &from_b);
    both_ways(&mut a, &mut b);
    for (db, at) in [(&a, "A"), (&b, "B"), (&c, "C"), (&d, "D")] {
        assert_eq!(phones_of(db, &kl), vec![], "{at}: no number of hers stays");
        assert_eq!(phones_of(db, &ko), vec![], "{at}: on either record");
        let n: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM customer WHERE erased_at IS NOT NULL", [], |r| {
                r.get(0)
            })
            .expect("count");
        assert_eq!(n, 2, "{at}: both records of her are erased");
    }
}

/// Her words anywhere in a site's records: her number on any record, her name in any audit row.
fn traces_of(db: &khachquen::Db, number: &str, name: &str) -> (i64, i64) {
    let q = |sql: &str, arg: &str| -> i64 {
        db.conn().query_row(sql, [arg], |r| r.get(0)).expect("count")
    };
    (
        q("SELECT count(*) FROM customer_phone WHERE canonical = ?1", number),
        q("SELECT count(*) FROM audit_log WHERE instr(detail, ?1) > 0", name),
    )
}

#[test]
fn one_record_merged_into_two_others_apart_then_erased_leaves_nothing_of_her_with_the_loser() {
    let (mut a, mut b) = (site("A"), site("B"));
    let x = add_unasked(&mut a, "Phạm Thị Hoa", &["0903 111 222"]).id;
    let y = add_unasked(&mut a, "Hoa Phạm", &["0912 000 111"]).id;
    let z = add_unasked(&mut a, "Chị Hoa", &["0912 000 222"]).id;
    carry(&a, &mut b);
    let (kx, kz) = (key_of(&a, "customer", x), key_of(&a, "customer", z));
    let (bx, bz) = (id_by_key(&b, "customer", &kx), id_by_key(&b, "customer", &kz));
    // A merges x into y; B, apart, merges x into z: each moves her number its own way.
    customer::merge(&mut a, y, x, STAFF, now()).expect("A: x into y");
    customer::merge(&mut b, bz.expect("z"), bx.expect("x"), STAFF, now()).expect("B: x into z");
    both_ways(&mut a, &mut b);
    // The record she became (whichever merge stands) is erased at A: the person goes.
    let stands: i64 = a
        .conn()
        .query_row("SELECT merged_into FROM customer WHERE id = ?1", [x], |r| r.get(0))
        .expect("x is merged");
    khachquen::privacy::erase(&mut a, stands, STAFF, now()).expect("erase");
    // A third site learns it all afterwards, B's side first.
    let mut c = site("C");
    let (from_a, from_b) = (all_pending(&a), all_pending(&b));
    apply(&mut c, &from_b);
    apply(&mut c, &from_a);
    both_ways(&mut a, &mut b);
    for (db, at) in [(&a, "A"), (&b, "B"), (&c, "C")] {
        let (numbers, quotes) = traces_of(db, "0903111222", "Phạm Thị Hoa");
        assert_eq!(numbers, 0, "{at}: her number is on no record, the losing merge's included");
        assert_eq!(quotes, 0, "{at}: no audit row quotes her");
        assert_eq!(live_keys(db), live_keys(&a), "{at}: the same records stay live");
        assert_eq!(live_keys(db).len(), 1, "{at}: the record the losing merge chose stays");
    }
}
