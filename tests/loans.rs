//! A claim's loan unit: lent at intake or later, taken back by hand or when the claim closes,
//! refused when it makes no sense (and nothing written then); counted in the report with the
//! claims' fees and costs, and written in the claims export.

use chrono::Duration;
use khachquen::io::export::{self, Table};
use khachquen::report::kpi::{self, Period};
use khachquen::sales::claim::{self, ClaimDraft, LoanDraft, TransitionDraft};
use khachquen::sales::ClaimStatus;
use khachquen::Error;

use crate::sales_support::*;
use crate::support::*;

fn dmy(days: i64) -> String {
    (today() - Duration::days(days)).format("%d/%m/%Y").to_string()
}

fn loans_out(db: &khachquen::Db) -> i64 {
    let year = Period { from: today() - Duration::days(364), to: today() };
    kpi::compute(db.conn(), &year, now()).expect("kpis").loans_out
}

fn fields(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Validation(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("a validation error, got {other:?}"),
    }
}

#[test]
fn a_loan_goes_out_comes_back_and_is_counted_until_then() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let sale = sell(&mut db, Some(lan.id), phone.id, "LOAN1", 40);
    let draft = ClaimDraft {
        unit_id: sale.units[0].id,
        received_on: dmy(5),
        symptom: "Không sạc được".into(),
        loan_unit: "Máy mượn Samsung A05".into(),
        ..ClaimDraft::default()
    };
    let c = claim::open(&mut db, &draft, STAFF, now()).expect("claim");
    assert_eq!(c.loan_lent_on, Some(today() - Duration::days(5)), "lent on the day it came in");
    assert_eq!(c.loan_returned_on, None);
    assert_eq!(loans_out(&db), 1);

    let id = c.summary.id;
    let again = LoanDraft { unit: "Máy mượn khác".into(), on: String::new() };
    assert!(
        matches!(
            claim::lend(&mut db, id, &again, STAFF, now()),
            Err(Error::ForbiddenTransition { .. })
        ),
        "one loan at a time"
    );
    let early = LoanDraft { unit: String::new(), on: dmy(6) };
    let e = claim::take_back(&mut db, id, &early, STAFF, now()).expect_err("before it went out");
    assert_eq!(fields(e), vec![("on".to_owned(), "date_before_previous".to_owned())]);
    let back =
        claim::take_back(&mut db, id, &LoanDraft { unit: String::new(), on: dmy(1) }, STAFF, now())
            .expect("back");
    assert_eq!(back.loan_returned_on, Some(today() - Duration::days(1)));
    assert_eq!(loans_out(&db), 0, "back at the shop");
    assert!(
        matches!(
            claim::take_back(&mut db, id, &early, STAFF, now()),
            Err(Error::ForbiddenTransition { .. })
        ),
        "nothing to take back twice"
    );

    let blank = LoanDraft { unit: "  ".into(), on: String::new() };
    let e = claim::lend(&mut db, id, &blank, STAFF, now()).expect_err("what was lent?");
    assert_eq!(fields(e), vec![("unit".to_owned(), "required".to_owned())]);
    let unchanged = claim::get(db.conn(), id, today()).expect("claim");
    assert_eq!(unchanged.loan_unit, "Máy mượn Samsung A05", "a refused loan writes nothing");

    let second = LoanDraft { unit: "Máy mượn iPhone 11".into(), on: String::new() };
    let lent = claim::lend(&mut db, id, &second, STAFF, now()).expect("a second loan");
    assert_eq!((lent.loan_unit.as_str(), lent.loan_lent_on), ("Máy mượn iPhone 11", Some(today())));
    assert_eq!(lent.loan_returned_on, None);
    let audited: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'claim' AND action IN ('lend_loan', 'return_loan')",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audited, 2, "each loan move leaves an audit row");
    let detail = |action: &str| -> serde_json::Value {
        let text: String = db
            .conn()
            .query_row(
                "SELECT detail FROM audit_log WHERE entity = 'claim' AND action = ?1",
                [action],
                |r| r.get(0),
            )
            .expect("audit detail");
        serde_json::from_str(&text).expect("json")
    };
    let iso = |days: i64| (today() - Duration::days(days)).to_string();
    assert_eq!(
        detail("return_loan"),
        serde_json::json!({ "unit": "Máy mượn Samsung A05", "on": iso(1) }),
        "what came back, and when"
    );
    assert_eq!(
        detail("lend_loan"),
        serde_json::json!({
            "unit": "Máy mượn iPhone 11",
            "on": iso(0),
            "previous": { "unit": "Máy mượn Samsung A05", "lent_on": iso(5), "returned_on": iso(1) },
        }),
        "the second loan keeps the first one's history in the log"
    );

    // The customer collects the item: the loan comes back the same day.
    go(&mut db, id, ClaimStatus::Repairing, 0).expect("repairing");
    go(&mut db, id, ClaimStatus::Ready, 0).expect("ready");
    let done = go(&mut db, id, ClaimStatus::Returned, 0).expect("returned");
    assert_eq!(done.loan_returned_on, Some(today()), "closing takes the loan back");
    assert!(
        matches!(
            claim::lend(&mut db, id, &second, STAFF, now()),
            Err(Error::ForbiddenTransition { .. })
        ),
        "no loan on a closed claim"
    );
}

#[test]
fn fees_costs_and_loans_reach_the_report_and_the_claims_export() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let sale = sell(&mut db, Some(lan.id), phone.id, "FEE1", 60);
    let other = sell(&mut db, Some(lan.id), phone.id, "FEE2", 60);
    let paid = open_claim(&mut db, sale.units[0].id, 10).summary.id;
    let on_loan = ClaimDraft {
        unit_id: other.units[0].id,
        symptom: "Loa rè".into(),
        loan_unit: "Máy mượn Nokia 105".into(),
        ..ClaimDraft::default()
    };
    claim::open(&mut db, &on_loan, STAFF, now()).expect("claim on loan");
    let repair = TransitionDraft {
        to: ClaimStatus::Repairing,
        fee_charged: "450k".into(),
        internal_cost: "280.000".into(),
        ..TransitionDraft::default()
    };
    claim::transition(&mut db, paid, &repair, STAFF, days_ago(9)).expect("repair");
    go(&mut db, paid, ClaimStatus::Ready, 8).expect("ready");
    go(&mut db, paid, ClaimStatus::Returned, 7).expect("returned");

    let month = Period { from: today() - Duration::days(29), to: today() };
    let k = kpi::compute(db.conn(), &month, now()).expect("kpis");
    assert_eq!((k.claim_fees, k.claim_costs, k.loans_out), (450_000, 280_000, 1));
    let before = Period { from: today() - Duration::days(59), to: today() - Duration::days(30) };
    let old = kpi::compute(db.conn(), &before, now()).expect("kpis");
    assert_eq!((old.claim_fees, old.loans_out), (0, 0), "nothing closed or lent back then");

    let headers: Vec<String> = Table::Claims.columns().iter().map(|c| c.to_string()).collect();
    let mut out = Vec::new();
    export::write_csv(db.conn(), Table::Claims, &headers, &mut out).expect("csv");
    let csv = String::from_utf8(out).expect("utf-8");
    let head = csv.lines().next().expect("header");
    assert!(head.ends_with("loan_unit,loan_lent_on,loan_returned_on,fee_charged,internal_cost"));
    assert!(csv.contains(",,,,450000,280000"), "the paid repair's figures: {csv}");
    assert!(
        csv.contains(&format!("Máy mượn Nokia 105,{},,0,0", today())),
        "the loan still out: {csv}"
    );
}

#[test]
fn claims_from_before_migration_0012_lent_at_intake_and_closed_ones_got_it_back() {
    use khachquen::db::MIGRATIONS;
    let loans =
        MIGRATIONS.iter().position(|m| m.contains("loan_lent_on")).expect("the loan migration");
    let mut conn = rusqlite::Connection::open_in_memory().expect("raw");
    khachquen::db::apply_migrations(&mut conn, &MIGRATIONS[..loans]).expect("before loans");
    // Claims as an older build wrote them; their units do not matter here.
    conn.execute_batch("PRAGMA foreign_keys = OFF").expect("pragma");
    for (code, loan, closed) in [
        ("BH1", "Máy mượn A05", None),
        ("BH2", "Máy mượn 11", Some("2026-11-20")),
        ("BH3", "", None),
    ] {
        conn.execute(
            "INSERT INTO claim(code, unit_id, product_name, status, under_warranty, received_on,
                symptom, loan_unit, closed_on, opened_by, created_at, updated_at)
             VALUES (?1, 1, 'iPhone', 'received', 1, '2026-11-10', 'Hỏng', ?2, ?3, 'test', 'x', 'x')",
            rusqlite::params![code, loan, closed],
        )
        .expect("old claim");
    }
    khachquen::db::apply_migrations(&mut conn, &MIGRATIONS[..=loans]).expect("loans");
    let rows: Vec<(String, Option<String>, Option<String>)> = conn
        .prepare("SELECT code, loan_lent_on, loan_returned_on FROM claim ORDER BY code")
        .expect("q")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("all");
    let day = |s: &str| Some(s.to_owned());
    assert_eq!(
        rows,
        vec![
            ("BH1".into(), day("2026-11-10"), None),
            ("BH2".into(), day("2026-11-10"), day("2026-11-20")),
            ("BH3".into(), None, None),
        ]
    );
}
