//! Settling a sale: tier discount, voucher, points, store credit, then paid or owing — in that
//! order, refused with a field error and nothing written when it does not add up; the live
//! total writes nothing and agrees with the sale.

use khachquen::loyalty::ledger::AdjustDraft;
use khachquen::loyalty::{credit, points, sale, summary};
use khachquen::sales::purchase::{self, PurchaseDraft, TenderDraft};
use rand::{Rng, SeedableRng};

use crate::loyalty_support::*;
use crate::shop_support::shop;
use crate::support::*;

fn tender_row(db: &khachquen::Db, purchase: i64) -> (i64, i64, i64, i64, Option<String>, String) {
    db.conn()
        .query_row(
            "SELECT to_pay, paid, owed, credit_used, due_on, method FROM purchase_tender
             WHERE purchase_id = ?1",
            [purchase],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .expect("tender row")
}

#[test]
fn the_live_total_writes_nothing_and_agrees_with_the_sale() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "3tr");
    sell(&mut db, lan, tv, 1);
    credit::adjust(
        &mut db,
        lan,
        &AdjustDraft { amount: "500k".into(), reason: "Bù".into() },
        STAFF,
        now(),
    )
    .expect("credit");
    let t = TenderDraft {
        points: "200".into(),
        credit: "400k".into(),
        paid: "2tr".into(),
        method: "transfer".into(),
        due_on: "30/12/2026".into(),
        ..tender()
    };
    let d = sale_draft(Some(lan), tv, 1, t);
    allow_credit(&mut db);
    let (purchases, entries) = (table_count(&db, "purchase"), table_count(&db, "point_entry"));
    let s = sale::preview(db.conn(), &d, now()).expect("preview");
    assert_eq!(
        (table_count(&db, "purchase"), table_count(&db, "point_entry")),
        (purchases, entries)
    );
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(s.goods_total, 3_000_000);
    assert_eq!(s.points_value, 20_000);
    assert_eq!(s.credit_used, 400_000);
    assert_eq!(s.due, 2_580_000);
    assert_eq!((s.paid, s.owed), (2_000_000, 580_000));
    assert_eq!(s.points_earned, 258);
    let p = sale::create(&mut db, &d, STAFF, true, now()).expect("sale");
    assert_eq!(p.total, 3_000_000, "the purchase keeps the goods total");
    let row = tender_row(&db, p.id);
    assert_eq!(
        row,
        (3_000_000, 2_000_000, 580_000, 400_000, Some("2026-12-30".into()), "transfer".into())
    );
    assert_eq!(points_of(&db, lan), 300 - 200 + 258);
    assert_eq!(credit_of(&db, lan), 100_000);
}

#[test]
fn leaving_something_owing_needs_the_permission_a_customer_and_a_due_date() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "3tr");
    allow_credit(&mut db);
    let purchases = table_count(&db, "purchase");
    let part = TenderDraft { paid: "1tr".into(), due_on: "30/12/2026".into(), ..tender() };
    let e = sale::create(&mut db, &sale_draft(Some(lan), tv, 1, part.clone()), STAFF, false, now())
        .expect_err("no sell_on_credit");
    assert!(matches!(e, khachquen::Error::Forbidden("sell_on_credit")), "{e:?}");
    let no_day = TenderDraft { due_on: String::new(), ..part.clone() };
    let e = sell_at(&mut db, Some(lan), tv, 1, no_day, now()).expect_err("due date");
    assert_eq!(fields(e), vec![("due_on".into(), "due_on_required".into())]);
    let e = sell_at(&mut db, None, tv, 1, part.clone(), now()).expect_err("walk-in");
    assert_eq!(fields(e), vec![("paid".into(), "owing_needs_customer".into())]);
    assert_eq!(table_count(&db, "purchase"), purchases, "nothing written");
    // Through the desk: staff may not, a manager may.
    let mut shop = shop();
    let an = add(&mut shop.db, "Trần Văn An", &["0903000111"]).id;
    allow_credit(&mut shop.db);
    let tv = goods(&mut shop.db, "Tivi", "Điện máy", "3tr");
    let d = sale_draft(Some(an), tv, 1, part);
    let (staff, manager) = (shop.staff.clone(), shop.manager.clone());
    let e = shop.as_(&staff, |desk| desk.create_purchase(&d)).expect_err("staff");
    assert_eq!(e.code, "forbidden");
    let p = shop.as_(&manager, |desk| desk.create_purchase(&d)).expect("manager");
    assert_eq!(tender_row(&shop.db, p.id).2, 2_000_000);
}

#[test]
fn paying_more_gives_change_and_bad_tender_fields_are_named() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "480k");
    let s = sale::preview(
        db.conn(),
        &sale_draft(Some(lan), tv, 1, TenderDraft { paid: "500k".into(), ..tender() }),
        now(),
    )
    .expect("preview");
    assert_eq!((s.paid, s.change, s.owed), (480_000, 20_000, 0));
    let bad = TenderDraft {
        points: "mười".into(),
        credit: "-5k".into(),
        method: "bitcoin".into(),
        voucher: "KHONGCO".into(),
        ..tender()
    };
    let s = sale::preview(db.conn(), &sale_draft(Some(lan), tv, 1, bad.clone()), now())
        .expect("preview");
    let mut f: Vec<&str> = s.errors.iter().map(|e| e.field.as_str()).collect();
    f.sort_unstable();
    assert_eq!(f, ["credit", "method", "points", "voucher"]);
    let purchases = table_count(&db, "purchase");
    assert!(sell_at(&mut db, Some(lan), tv, 1, bad, now()).is_err());
    assert_eq!(table_count(&db, "purchase"), purchases);
    // Points and credit without a customer are refused, not ignored.
    let walk_in = TenderDraft { points: "10".into(), credit: "10k".into(), ..tender() };
    let s = sale::preview(db.conn(), &sale_draft(None, tv, 1, walk_in), now()).expect("preview");
    assert_eq!(s.errors.len(), 2, "{:?}", s.errors);
    assert!(s.errors.iter().all(|e| e.code == "needs_customer"));
}

#[test]
fn points_and_credit_cannot_pay_more_than_the_sale_comes_to() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "50tr");
    let cup = goods(&mut db, "Cốc", "Gia dụng", "10k");
    sell(&mut db, lan, tv, 1); // 5 000 points = 500k
    let t = TenderDraft { points: "101".into(), ..tender() };
    let s = sale::preview(db.conn(), &sale_draft(Some(lan), cup, 1, t), now()).expect("preview");
    assert_eq!(s.errors[0].code, "points_over_total");
    credit::adjust(
        &mut db,
        lan,
        &AdjustDraft { amount: "50k".into(), reason: "Bù".into() },
        STAFF,
        now(),
    )
    .expect("credit");
    let t = TenderDraft { points: "50".into(), credit: "6k".into(), ..tender() };
    let s = sale::preview(db.conn(), &sale_draft(Some(lan), cup, 1, t), now()).expect("preview");
    assert_eq!(s.errors[0].code, "credit_over_total", "5k by points leaves 5k");
}

/// Every balance recomputed from the ledger, after a seeded run of sales, redemptions,
/// adjustments, returns' credit and voids, equals both the card's summary and a model the test
/// keeps of what each operation should have moved.
#[test]
fn balances_equal_the_ledger_and_the_model_after_a_random_run() {
    let mut db = db();
    let mut rng = rand::rngs::StdRng::seed_from_u64(17);
    let ids: Vec<i64> = (0..4)
        .map(|i| add(&mut db, &format!("Khách {i}"), &[&format!("09120000{i:02}")]).id)
        .collect();
    let product = goods(&mut db, "Hàng", "Chung", "10k");
    let (mut pts, mut cr) = (vec![0i64; 4], vec![0i64; 4]);
    // (customer index, points net, credit net) of each sale still standing.
    let mut sales: Vec<(i64, usize, i64, i64)> = Vec::new();
    for _ in 0..150 {
        let c = rng.gen_range(0..4);
        let id = ids[c];
        match rng.gen_range(0..5) {
            0 | 1 => {
                let qty = rng.gen_range(1..50);
                let goods_total = qty * 10_000;
                let use_pts = if pts[c] >= 100 {
                    rng.gen_range(0..=pts[c].min(goods_total / 100))
                } else {
                    0
                };
                let use_cr = rng.gen_range(0..=cr[c].min(goods_total - use_pts * 100));
                let t = TenderDraft {
                    points: if use_pts > 0 { use_pts.to_string() } else { String::new() },
                    credit: if use_cr > 0 { use_cr.to_string() } else { String::new() },
                    ..tender()
                };
                let p = sell_at(&mut db, Some(id), product, qty, t, now()).expect("sale");
                let earned = (goods_total - use_pts * 100 - use_cr) / 10_000;
                pts[c] += earned - use_pts;
                cr[c] -= use_cr;
                sales.push((p.id, c, earned - use_pts, -use_cr));
            }
            2 => {
                let n = rng.gen_range(-pts[c].max(0)..=300);
                if n != 0 {
                    let d = AdjustDraft { amount: n.to_string(), reason: "Điều chỉnh".into() };
                    points::adjust(&mut db, id, &d, STAFF, now()).expect("adjust");
                    pts[c] += n;
                }
            }
            3 => {
                let n = rng.gen_range(1..200) * 1_000;
                let d = AdjustDraft { amount: n.to_string(), reason: "Trả hàng cũ".into() };
                credit::adjust(&mut db, id, &d, STAFF, now()).expect("credit");
                cr[c] += n;
            }
            _ => {
                if sales.is_empty() {
                    continue;
                }
                let (pid, sc, p_net, c_net) = sales.swap_remove(rng.gen_range(0..sales.len()));
                sale::void(&mut db, pid, "Huỷ", STAFF, now()).expect("void");
                pts[sc] -= p_net;
                cr[sc] -= c_net;
            }
        }
    }
    for (c, id) in ids.iter().enumerate() {
        let ledger: (i64, i64) = db
            .conn()
            .query_row(
                "SELECT (SELECT coalesce(sum(points), 0) FROM point_entry WHERE customer_id = ?1),
                        (SELECT coalesce(sum(amount), 0) FROM credit_entry WHERE customer_id = ?1)",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("ledger");
        let s = summary::of_customer(db.conn(), *id, today()).expect("summary");
        assert_eq!((s.points, s.store_credit), ledger, "customer {c}: summary = ledger");
        assert_eq!(ledger, (pts[c], cr[c]), "customer {c}: ledger = model");
    }
}

#[test]
fn a_sale_paid_with_points_keeps_its_lines_and_a_plain_one_can_be_corrected() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "3tr");
    let plain = sell(&mut db, lan, tv, 1);
    let two = sale_draft(Some(lan), tv, 2, tender());
    let fixed = purchase::update(&mut db, plain.id, &two, STAFF, now()).expect("plain edit");
    assert_eq!(fixed.total, 6_000_000, "a sale that only earned points can be corrected");
    let paid =
        sell_at(&mut db, Some(lan), tv, 1, TenderDraft { points: "100".into(), ..tender() }, now())
            .expect("paid with points");
    let e = purchase::update(&mut db, paid.id, &two, STAFF, now()).expect_err("lines locked");
    assert!(matches!(e, khachquen::Error::PurchaseLocked(_)), "{e:?}");
    let same =
        PurchaseDraft { note: "Giao tận nhà".into(), ..sale_draft(Some(lan), tv, 1, tender()) };
    let noted = purchase::update(&mut db, paid.id, &same, STAFF, now()).expect("header edit");
    assert_eq!(noted.note, "Giao tận nhà");
    // 300 for the first sale (its correction does not re-earn), 299 on the 2.990.000 ₫ paid in
    // money for the second, 100 redeemed.
    assert_eq!(points_of(&db, lan), 300 + 299 - 100);
}

#[test]
fn a_sale_whose_points_are_hers_keeps_its_buyer() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let an = add(&mut db, "Trần Văn An", &["0903000111"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "3tr");
    let hers = sell(&mut db, lan, tv, 1);
    let to_an = sale_draft(Some(an), tv, 1, tender());
    let e = purchase::update(&mut db, hers.id, &to_an, STAFF, now()).expect_err("buyer fixed");
    assert_eq!(fields(e), vec![("customer_id".into(), "buyer_has_loyalty".into())]);
    assert_eq!((points_of(&db, lan), points_of(&db, an)), (300, 0), "nothing moved");
    // A walk-in sale earned nobody anything: it can still be given its buyer.
    let walk_in = sell_at(&mut db, None, tv, 1, tender(), now()).expect("walk-in");
    let named = purchase::update(&mut db, walk_in.id, &to_an, STAFF, now()).expect("named");
    assert_eq!(named.customer_id, Some(an));
}
