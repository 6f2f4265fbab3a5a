//! What customers owe (issue 17): the limit, payments that clear the oldest sale first, the
//! due date that follows, the reminder when a debt falls due, a void that cancels the rest,
//! and the owner's list of open debts by age.

use chrono::{Duration, NaiveDate};
use khachquen::care::plan::{self, Scope};
use khachquen::error::Error;
use khachquen::loyalty::debt;
use khachquen::loyalty::debt_account::{self, PaymentDraft};
use khachquen::loyalty::debt_list;
use khachquen::loyalty::debt_settings::{self, DebtSettings};
use khachquen::outreach::template;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;

fn owe(db: &mut Db, customer: i64, amount: i64, days_ago: i64, due_in: i64) -> i64 {
    let shirt = shirt_product(db);
    let sale = sell(db, Some(customer), shirt.id, "", days_ago);
    let due = today() + Duration::days(due_in);
    let at = now() - Duration::days(days_ago);
    db.write(|tx| debt::open_at_sale(tx, customer, sale.id, amount, due, STAFF, at)).unwrap();
    plan::run(db, &Scope::Customer(customer), now()).unwrap();
    sale.id
}

fn pay(db: &mut Db, customer: i64, amount: &str) -> khachquen::Result<debt_account::DebtAccount> {
    let p = PaymentDraft { amount: amount.into(), method: "transfer".into(), note: String::new() };
    debt_account::record_payment(db, customer, &p, STAFF, now())
}

fn field_code(r: khachquen::Result<()>) -> String {
    match r {
        Err(Error::Validation(f)) => format!("{}:{}", f[0].field, f[0].code),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn ledger_sum(db: &Db, customer: i64) -> i64 {
    db.conn()
        .query_row(
            "SELECT coalesce(sum(amount), 0) FROM debt_entry WHERE customer_id = ?1",
            [customer],
            |r| r.get(0),
        )
        .unwrap()
}

fn day(days_from_today: i64) -> NaiveDate {
    today() + Duration::days(days_from_today)
}

#[test]
fn credit_is_refused_anonymously_without_terms_and_over_the_limit() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    assert_eq!(field_code(debt::check_limit(db.conn(), None, 100_000)), "paid:debt_needs_customer");
    assert_eq!(
        field_code(debt::check_limit(db.conn(), Some(lan), 100_000)),
        "paid:debt_not_allowed",
        "the shop's default is no credit"
    );
    assert!(debt::check_limit(db.conn(), None, 0).is_ok(), "nothing owed needs no terms");
    debt_settings::save(
        &mut db,
        &DebtSettings { default_limit: 1_000_000, due_days: 15 },
        STAFF,
        now(),
    )
    .unwrap();
    assert!(debt::check_limit(db.conn(), Some(lan), 1_000_000).is_ok());
    owe(&mut db, lan, 700_000, 0, 15);
    assert_eq!(
        field_code(debt::check_limit(db.conn(), Some(lan), 300_001)),
        "paid:debt_over_limit",
        "700k owed + 300,001 is over 1tr"
    );
    assert!(debt::check_limit(db.conn(), Some(lan), 300_000).is_ok());
    // Her own limit wins over the shop's, either way.
    debt_account::set_limit(&mut db, lan, "5tr", STAFF, now()).unwrap();
    assert!(debt::check_limit(db.conn(), Some(lan), 4_000_000).is_ok());
    debt_account::set_limit(&mut db, lan, "0", STAFF, now()).unwrap();
    assert_eq!(field_code(debt::check_limit(db.conn(), Some(lan), 1)), "paid:debt_not_allowed");
    let a = debt_account::set_limit(&mut db, lan, "", STAFF, now()).unwrap();
    assert_eq!((a.own_limit, a.limit), (None, 1_000_000), "cleared: the shop's default again");
    let saved = debt_settings::save(
        &mut db,
        &DebtSettings { default_limit: -1, due_days: 0 },
        STAFF,
        now(),
    );
    assert!(matches!(saved, Err(Error::Validation(f)) if f.len() == 2));
}

#[test]
fn payments_clear_the_oldest_sale_first_and_the_due_date_follows() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    owe(&mut db, lan, 300_000, 20, -5);
    owe(&mut db, lan, 200_000, 10, 5);
    owe(&mut db, lan, 100_000, 2, 3);
    let o = debt::owed(db.conn(), lan).unwrap();
    assert_eq!((o.amount, o.due_on), (600_000, Some(day(-5))));

    let audit = table_count(&db, "audit_log");
    let over = pay(&mut db, lan, "600001");
    assert!(
        matches!(&over, Err(Error::Validation(f)) if f[0].code == "payment_exceeds_owed"),
        "{over:?}"
    );
    for bad in ["", "0", "-5k", "abc"] {
        assert!(pay(&mut db, lan, bad).is_err(), "{bad:?} is no payment");
    }
    let wrong =
        PaymentDraft { amount: "10k".into(), method: "bitcoin".into(), note: String::new() };
    assert!(debt_account::record_payment(&mut db, lan, &wrong, STAFF, now()).is_err());
    assert_eq!(ledger_sum(&db, lan), 600_000, "a refused payment writes nothing");
    assert_eq!(table_count(&db, "audit_log"), audit);

    // 250k pays the oldest sale's 300k in part: still due 5 days ago.
    let a = pay(&mut db, lan, "250k").unwrap();
    assert_eq!((a.owed, a.due_on, a.days_overdue), (350_000, Some(day(-5)), 5));
    // 60k more clears it: what is left is the second and third sales, the earliest of which
    // falls due in 3 days.
    let a = pay(&mut db, lan, "60k").unwrap();
    assert_eq!((a.owed, a.due_on, a.days_overdue), (290_000, Some(day(3)), 0));
    // 200k more pays the second sale (the older) whole: the third's day remains.
    let a = pay(&mut db, lan, "200k").unwrap();
    assert_eq!((a.owed, a.due_on), (90_000, Some(day(3))));
    let a = pay(&mut db, lan, "90k").unwrap();
    assert_eq!((a.owed, a.due_on), (0, None));
    assert_eq!(ledger_sum(&db, lan), 0, "the balance is the ledger's sum");
    assert_eq!(
        a.entries.iter().filter(|e| e.kind == "payment").count(),
        4,
        "each payment in the history"
    );
    assert!(a
        .entries
        .iter()
        .filter(|e| e.kind == "payment")
        .all(|e| e.staff == STAFF && e.method.as_deref() == Some("transfer")));
    assert_eq!(table_count(&db, "audit_log"), audit + 4, "each payment audited");
}

#[test]
fn a_voided_sale_cancels_only_what_is_still_owing_on_it() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let first = owe(&mut db, lan, 300_000, 20, -5);
    let second = owe(&mut db, lan, 200_000, 10, 5);
    pay(&mut db, lan, "400k").unwrap();
    // The first is paid; the second has 100k left. Voiding the first cancels nothing.
    db.write(|tx| debt::reverse_purchase(tx, first, STAFF, now())).unwrap();
    assert_eq!(ledger_sum(&db, lan), 100_000);
    for _ in 0..2 {
        db.write(|tx| debt::reverse_purchase(tx, second, STAFF, now())).unwrap();
    }
    assert_eq!(ledger_sum(&db, lan), 0, "the second's 100k left is cancelled, once");
    assert_eq!(debt::owed(db.conn(), lan).unwrap(), debt::Owed::default());
}

fn debt_reminders(db: &Db) -> Vec<(i64, NaiveDate)> {
    let mut stmt = db
        .conn()
        .prepare("SELECT customer_id, due_on FROM reminder WHERE kind = 'debt_due' AND status = 'open' ORDER BY due_on")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_debt_falling_due_plans_a_reminder_that_a_payment_removes() {
    let mut db = db();
    // No care consent needed: the customer agreed to pay.
    let lan = add_unasked(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    owe(&mut db, lan, 300_000, 20, -5);
    owe(&mut db, lan, 200_000, 10, 5);
    assert_eq!(debt_reminders(&db), vec![(lan, day(-5)), (lan, day(5))]);
    plan::run(&mut db, &Scope::All, now()).unwrap();
    assert_eq!(debt_reminders(&db).len(), 2, "re-planning confirms, never adds");

    // Its message: the polite template, with what she owes and when it fell due.
    let id: i64 = db
        .conn()
        .query_row(
            "SELECT id FROM reminder WHERE kind = 'debt_due' ORDER BY due_on LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let msg = template::prepare(db.conn(), id, template::Locale::Vi, now()).unwrap();
    assert!(msg.text.starts_with("Dạ "), "{}", msg.text);
    assert!(
        msg.text.contains("500.000\u{a0}₫")
            && msg.text.contains(&day(-5).format("%d/%m/%Y").to_string()),
        "{}",
        msg.text
    );

    pay(&mut db, lan, "300k").unwrap();
    assert_eq!(debt_reminders(&db), vec![(lan, day(5))], "the paid sale's reminder is gone");
    pay(&mut db, lan, "200k").unwrap();
    assert!(debt_reminders(&db).is_empty());
}

#[test]
fn the_open_debts_list_totals_and_ages_what_is_owed() {
    let mut db = db();
    let a = add(&mut db, "An", &["0912000001"]).id;
    let b = add(&mut db, "Bình", &["0912000002"]).id;
    let c = add(&mut db, "Chi", &["0912000003"]).id;
    let d = add(&mut db, "Dũng", &["0912000004"]).id;
    owe(&mut db, a, 100_000, 120, -100); // > 90 days overdue
    owe(&mut db, a, 50_000, 1, 10); // not due yet
    owe(&mut db, b, 200_000, 50, -45); // 31–60
    owe(&mut db, c, 300_000, 20, -10); // 1–30
    owe(&mut db, c, 70_000, 80, -75); // 61–90
    owe(&mut db, d, 80_000, 0, 0); // due today: not overdue yet
    pay(&mut db, c, "70k").unwrap(); // Chi's oldest (the 61–90 one) is paid.

    let list = debt_list::open_debts(db.conn(), today(), false).unwrap();
    let rows: Vec<_> =
        list.rows.iter().map(|r| (r.customer_name.as_str(), r.owed, r.days_overdue)).collect();
    assert_eq!(
        rows,
        vec![
            ("An", 150_000, 100),
            ("Bình", 200_000, 45),
            ("Chi", 300_000, 10),
            ("Dũng", 80_000, 0)
        ]
    );
    assert_eq!(list.total, 730_000);
    assert_eq!(list.overdue, 600_000);
    let ages = list.ages;
    assert_eq!(
        (ages.not_due, ages.d1_30, ages.d31_60, ages.d61_90, ages.over_90),
        (130_000, 300_000, 200_000, 0, 100_000)
    );
    let overdue = debt_list::open_debts(db.conn(), today(), true).unwrap();
    assert_eq!(overdue.rows.len(), 3, "Dũng's debt is not past its day");
    assert_eq!(overdue.total, 650_000, "the overdue customers' whole debt");
}
