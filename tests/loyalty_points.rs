//! Points and store credit as ledgers: earned, redeemed, adjusted, expired, reversed; every
//! balance is the ledger's sum and follows the rules an owner sets.

use chrono::{Duration, Months};
use khachquen::loyalty::ledger::AdjustDraft;
use khachquen::loyalty::rules::{self, Expiry, PointsRules};
use khachquen::loyalty::{credit, nightly, points, sale, summary};
use khachquen::sales::policy::ReturnCheck;
use khachquen::sales::purchase::TenderDraft;
use khachquen::sales::returns::{ReturnDraft, ReturnOutcome};

use crate::loyalty_support::*;
use crate::support::*;

fn set_rules(db: &mut khachquen::Db, f: impl FnOnce(&mut PointsRules)) {
    let mut r = rules::get(db.conn()).expect("rules");
    f(&mut r);
    rules::save(db, &r, STAFF, now()).expect("rules saved");
}

fn adjust(amount: &str, reason: &str) -> AdjustDraft {
    AdjustDraft { amount: amount.into(), reason: reason.into() }
}

#[test]
fn a_sale_earns_by_the_rule_and_excluded_categories_earn_nothing() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let rice = goods(&mut db, "Nồi cơm điện", "Gia dụng", "1.234.000");
    let card = goods(&mut db, "Thẻ cào 100k", "Thẻ cào", "100k");
    sell(&mut db, lan, rice, 1);
    assert_eq!(points_of(&db, lan), 123, "1 point per 10.000 ₫, rounded down");
    set_rules(&mut db, |r| {
        r.excluded_categories = vec!["thẻ cào".into()];
        r.earn_points = 2;
        r.earn_per = 100_000;
    });
    sell(&mut db, lan, card, 5);
    assert_eq!(points_of(&db, lan), 123, "an excluded category earns nothing (case ignored)");
    sell(&mut db, lan, rice, 1);
    assert_eq!(points_of(&db, lan), 123 + 24);
    // A walk-in earns nothing and nothing is written for them.
    sell_at(&mut db, None, rice, 1, tender(), now()).expect("walk-in");
    assert_eq!(count(&db, "SELECT count(*) FROM point_entry WHERE customer_id IS NULL"), 0);
    // Switched off: no points at all.
    set_rules(&mut db, |r| r.enabled = false);
    sell(&mut db, lan, rice, 1);
    assert_eq!(points_of(&db, lan), 147);
}

#[test]
fn rules_refuse_what_does_not_make_sense_and_write_nothing() {
    let mut db = db();
    let audit = table_count(&db, "audit_log");
    let bad = PointsRules {
        earn_per: 0,
        expiry: Expiry::Months,
        expiry_months: 0,
        ..PointsRules::default()
    };
    let e = rules::save(&mut db, &bad, STAFF, now()).expect_err("refused");
    let f = fields(e);
    assert!(f.contains(&("earn_per".into(), "out_of_range".into())), "{f:?}");
    assert!(f.contains(&("expiry_months".into(), "out_of_range".into())), "{f:?}");
    assert_eq!(table_count(&db, "audit_log"), audit);
    assert_eq!(rules::get(db.conn()).expect("rules"), PointsRules::default());
}

#[test]
fn redeeming_more_than_held_or_under_the_minimum_is_refused_and_nothing_written() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "1tr5");
    sell(&mut db, lan, tv, 1); // 150 points
    let purchases = table_count(&db, "purchase");
    let entries = table_count(&db, "point_entry");
    let over = TenderDraft { points: "151".into(), ..tender() };
    let e = sell_at(&mut db, Some(lan), tv, 1, over, now()).expect_err("more than held");
    assert_eq!(fields(e), vec![("points".into(), "points_over_balance".into())]);
    set_rules(&mut db, |r| r.min_balance = 200);
    let under = TenderDraft { points: "100".into(), ..tender() };
    let e = sell_at(&mut db, Some(lan), tv, 1, under, now()).expect_err("under the minimum");
    assert_eq!(fields(e), vec![("points".into(), "points_under_minimum".into())]);
    assert_eq!(table_count(&db, "purchase"), purchases, "no sale written");
    assert_eq!(table_count(&db, "point_entry"), entries, "no points moved");
    set_rules(&mut db, |r| r.min_balance = 100);
    let ok = TenderDraft { points: "100".into(), ..tender() };
    let p = sell_at(&mut db, Some(lan), tv, 1, ok, now()).expect("redeemed");
    let (value, paid, earned): (i64, i64, i64) = db
        .conn()
        .query_row(
            "SELECT points_value, paid, points_earned FROM purchase_tender WHERE purchase_id = ?1",
            [p.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("tender");
    assert_eq!(value, 10_000, "100 points at 100 ₫ each");
    assert_eq!(paid, 1_490_000);
    assert_eq!(earned, 149, "earned on the money paid, not on the points");
    assert_eq!(points_of(&db, lan), 150 - 100 + 149);
}

#[test]
fn adjusting_by_hand_needs_a_reason_and_cannot_take_more_than_held() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let audit = table_count(&db, "audit_log");
    let e = points::adjust(&mut db, lan, &adjust("+50", " "), STAFF, now()).expect_err("reason");
    assert_eq!(fields(e), vec![("reason".into(), "reason_required".into())]);
    let e = points::adjust(&mut db, lan, &adjust("abc", "Quà"), STAFF, now()).expect_err("amount");
    assert_eq!(fields(e), vec![("amount".into(), "amount_invalid".into())]);
    assert_eq!(table_count(&db, "audit_log"), audit);
    points::adjust(&mut db, lan, &adjust("+50", "Khách quen lâu năm"), STAFF, now()).expect("add");
    let e = points::adjust(&mut db, lan, &adjust("-51", "Nhầm"), STAFF, now()).expect_err("over");
    assert_eq!(fields(e), vec![("amount".into(), "points_over_balance".into())]);
    points::adjust(&mut db, lan, &adjust("-20", "Nhầm"), STAFF, now()).expect("take");
    assert_eq!(points_of(&db, lan), 30);
    assert_eq!(table_count(&db, "audit_log"), audit + 2, "each adjustment audited");
    let reason: String = db
        .conn()
        .query_row("SELECT reason FROM point_entry WHERE points = 50", [], |r| r.get(0))
        .expect("entry");
    assert_eq!(reason, "Khách quen lâu năm");
    // Store credit the same way, read as money.
    credit::adjust(&mut db, lan, &adjust("200k", "Bù hàng lỗi"), STAFF, now()).expect("credit");
    let e = credit::adjust(&mut db, lan, &adjust("-300k", "Nhầm"), STAFF, now()).expect_err("over");
    assert_eq!(fields(e), vec![("amount".into(), "credit_over_balance".into())]);
    assert_eq!(credit_of(&db, lan), 200_000);
}

#[test]
fn points_lapse_at_the_year_end_once_and_only_what_is_unspent() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "1tr");
    set_rules(&mut db, |r| {
        r.expiry = Expiry::YearEnd;
        r.min_balance = 0;
    });
    sell(&mut db, lan, tv, 1); // 100 points, lapse on 01/01/2027
    let lapse: String = db
        .conn()
        .query_row("SELECT expires_on FROM point_entry WHERE kind = 'earn'", [], |r| r.get(0))
        .expect("lot");
    assert_eq!(lapse, "2027-01-01");
    sell_at(&mut db, Some(lan), tv, 1, TenderDraft { points: "30".into(), ..tender() }, now())
        .expect("redeem 30");
    assert_eq!(points_of(&db, lan), 100 - 30 + 99);
    let dec31 = now() + Duration::days(38); // 31/12/2026
    assert_eq!(nightly::run(&mut db, dec31).expect("run").expired, 0, "not before its day");
    let jan1 = now() + Duration::days(39);
    assert_eq!(nightly::run(&mut db, jan1).expect("run").expired, 1);
    // Both lots of 2026 lapse; the 30 redeemed are not expired a second time.
    assert_eq!(points_of(&db, lan), 0);
    assert_eq!(nightly::run(&mut db, jan1 + Duration::days(1)).expect("again").expired, 0);
    assert_eq!(points_of(&db, lan), 0);
}

#[test]
fn points_lapse_n_months_after_earning_first_in_first_out() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "1tr");
    let half = goods(&mut db, "Quạt", "Điện máy", "500k");
    set_rules(&mut db, |r| {
        r.expiry = Expiry::Months;
        r.expiry_months = 6;
        r.min_balance = 0;
    });
    let t0 = now();
    let at = |m: u32| t0.checked_add_months(Months::new(m)).expect("date");
    sell_at(&mut db, Some(lan), tv, 1, tender(), t0).expect("lot 1: 100");
    sell_at(&mut db, Some(lan), half, 1, tender(), at(3)).expect("lot 2: 50");
    // 120 redeemed: the whole first lot and 20 of the second.
    let redeem = TenderDraft { points: "120".into(), ..tender() };
    sell_at(&mut db, Some(lan), tv, 2, redeem, at(4)).expect("redeem");
    let after_redeem = points_of(&db, lan);
    assert_eq!(after_redeem, 150 - 120 + 198);
    assert_eq!(nightly::run(&mut db, at(6)).expect("run").expired, 0, "lot 1 is all spent");
    assert_eq!(points_of(&db, lan), after_redeem);
    nightly::run(&mut db, at(9)).expect("run");
    assert_eq!(points_of(&db, lan), after_redeem - 30, "only lot 2's unspent 30 lapse");
    let s = summary::of_customer(db.conn(), lan, khachquen::clock::local_date(at(9))).expect("s");
    assert_eq!(s.points, after_redeem - 30);
    // The lot earned at month 4 lapses at month 10.
    nightly::run(&mut db, at(10)).expect("run");
    assert_eq!(points_of(&db, lan), 0);
}

#[test]
fn the_nightly_pass_expires_each_lapsed_lot_once_even_after_days_closed() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let binh = add(&mut db, "Trần Văn Bình", &["0987654321"]).id;
    let minh = add(&mut db, "Lê Minh", &["0905123456"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "1tr");
    set_rules(&mut db, |r| {
        r.expiry = Expiry::Months;
        r.expiry_months = 1;
        r.min_balance = 0;
    });
    let day = |d: i64| now() + Duration::days(d);
    sell_at(&mut db, Some(lan), tv, 1, tender(), day(0)).expect("lan: 100, lapse on 23/12");
    sell_at(&mut db, Some(binh), tv, 1, tender(), day(2)).expect("binh: 100, lapse on 25/12");
    let lapse = |c: i64| -> String {
        db.conn()
            .query_row("SELECT expires_on FROM point_entry WHERE customer_id = ?1", [c], |r| {
                r.get(0)
            })
            .expect("lot")
    };
    assert_eq!((lapse(lan), lapse(binh)), ("2026-12-23".into(), "2026-12-25".into()));
    let expiries =
        |db: &khachquen::Db| count(db, "SELECT count(*) FROM point_entry WHERE kind = 'expire'");
    assert_eq!(nightly::run(&mut db, day(29)).expect("22/12").expired, 0);
    // Closed on 23 and 24/12: the pass of 25/12 expires the lot of the 23rd and the lot of the day.
    assert_eq!(nightly::run(&mut db, day(32)).expect("25/12").expired, 2);
    assert_eq!((points_of(&db, lan), points_of(&db, binh)), (0, 0));
    // The next day nothing is expired again.
    assert_eq!(nightly::run(&mut db, day(33)).expect("26/12").expired, 0);
    assert_eq!(expiries(&db), 2);
    // A lot written after a pass with a day already past (as one synced in late from another
    // store) is still expired by the next pass, once.
    db.conn()
        .execute(
            "INSERT INTO point_entry(customer_id, kind, points, staff, at, expires_on)
             VALUES (?1, 'earn', 40, 'Kho', '2026-11-24T03:00:00Z', '2026-12-24')",
            [minh],
        )
        .expect("late lot");
    assert_eq!(nightly::run(&mut db, day(34)).expect("27/12").expired, 1);
    assert_eq!(points_of(&db, minh), 0);
    assert_eq!(nightly::run(&mut db, day(35)).expect("28/12").expired, 0);
    assert_eq!(expiries(&db), 3);
}

#[test]
fn a_void_takes_back_points_earned_and_gives_back_points_and_credit_spent() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let tv = goods(&mut db, "Tivi", "Điện máy", "2tr");
    sell(&mut db, lan, tv, 1); // 200 points
    credit::adjust(&mut db, lan, &adjust("300k", "Bù"), STAFF, now()).expect("credit");
    let t = TenderDraft { points: "150".into(), credit: "300k".into(), ..tender() };
    let p = sell_at(&mut db, Some(lan), tv, 1, t, now()).expect("sale");
    assert_eq!(points_of(&db, lan), 200 - 150 + 168, "earned on 2tr − 15k − 300k");
    assert_eq!(credit_of(&db, lan), 0);
    sale::void(&mut db, p.id, "Nhập nhầm", STAFF, now()).expect("void");
    assert_eq!(points_of(&db, lan), 200);
    assert_eq!(credit_of(&db, lan), 300_000);
    let entries = table_count(&db, "point_entry");
    assert!(sale::void(&mut db, p.id, "Lần nữa", STAFF, now()).is_err(), "voided once");
    assert_eq!(table_count(&db, "point_entry"), entries);
}

fn return_of(line_id: i64, quantity: i64, outcome: ReturnOutcome, amount: &str) -> ReturnDraft {
    ReturnDraft {
        line_id,
        quantity,
        check: ReturnCheck { faulty: true, intact: true, has_receipt: true },
        reason: "Lỗi".into(),
        outcome,
        override_reason: "Chủ đồng ý".into(),
        refund_amount: if outcome == ReturnOutcome::Refund { amount.into() } else { String::new() },
        credit_amount: if outcome == ReturnOutcome::StoreCredit {
            amount.into()
        } else {
            String::new()
        },
        ..ReturnDraft::default()
    }
}

#[test]
fn a_return_takes_back_points_in_proportion_and_store_credit_enters_the_ledger() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let cup = goods(&mut db, "Cốc sứ", "Gia dụng", "250k");
    let p = sell(&mut db, lan, cup, 4); // 1tr: 100 points
    let line = p.lines[0].id;
    sale::record_return(
        &mut db,
        &return_of(line, 1, ReturnOutcome::Refund, "250k"),
        STAFF,
        true,
        None,
        now(),
    )
    .expect("refund");
    assert_eq!(points_of(&db, lan), 75, "a quarter refunded, a quarter of the points back");
    sale::record_return(
        &mut db,
        &return_of(line, 1, ReturnOutcome::StoreCredit, "250k"),
        STAFF,
        true,
        None,
        now(),
    )
    .expect("credit");
    assert_eq!(points_of(&db, lan), 50);
    assert_eq!(credit_of(&db, lan), 250_000);
    let after = khachquen::sales::for_customer(db.conn(), lan, today()).expect("after-sales");
    assert_eq!(after.store_credit, 250_000, "the card reads the ledger");
    // Spent at a sale, the card's credit follows the ledger, not the returns.
    sell_at(&mut db, Some(lan), cup, 1, TenderDraft { credit: "100k".into(), ..tender() }, now())
        .expect("spend");
    let after = khachquen::sales::for_customer(db.conn(), lan, today()).expect("after-sales");
    assert_eq!(after.store_credit, 150_000);
}
