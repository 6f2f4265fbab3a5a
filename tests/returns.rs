use khachquen::sales::policy::{self, verdict, Remedy, ReturnCheck, VerdictReason};
use khachquen::sales::returns::{self, ReturnDraft, ReturnOutcome};
use khachquen::sales::{purchase, unit, LineDraft, PurchaseDraft, UnitStatus};

use crate::sales_support::*;
use crate::support::*;

fn check(faulty: bool, intact: bool) -> ReturnCheck {
    ReturnCheck { faulty, intact, has_receipt: true }
}

#[test]
fn preset_policies_give_the_expected_verdicts() {
    let db = db();
    let electronics = policy::terms(db.conn(), ELECTRONICS).expect("preset");
    let phones = policy::terms(db.conn(), PHONES).expect("preset");
    let fashion = policy::terms(db.conn(), FASHION).expect("preset");
    // (policy, day, warranty ends on day, faulty, intact, discounted) -> (remedy, percent, reason)
    let table = [
        (&electronics, 0, 365, true, false, false, Remedy::Exchange, 0, VerdictReason::Rule),
        (&electronics, 7, 365, true, false, false, Remedy::Exchange, 0, VerdictReason::Rule),
        (&electronics, 8, 365, true, false, false, Remedy::Repair, 0, VerdictReason::Rule),
        (&electronics, 365, 365, true, false, false, Remedy::Repair, 0, VerdictReason::Rule),
        (
            &electronics,
            366,
            365,
            true,
            false,
            false,
            Remedy::Refuse,
            0,
            VerdictReason::OutsideWindow,
        ),
        (&electronics, 2, 365, false, true, false, Remedy::Refund, 80, VerdictReason::Rule),
        (
            &electronics,
            2,
            365,
            false,
            false,
            false,
            Remedy::Refuse,
            0,
            VerdictReason::ConditionNotCovered,
        ),
        (
            &electronics,
            4,
            365,
            false,
            true,
            false,
            Remedy::Refuse,
            0,
            VerdictReason::ConditionNotCovered,
        ),
        (&phones, 30, 365, true, false, false, Remedy::Exchange, 0, VerdictReason::Rule),
        (&phones, 31, 365, true, false, false, Remedy::Repair, 0, VerdictReason::Rule),
        (&phones, 3, 365, false, true, true, Remedy::Refund, 80, VerdictReason::Rule),
        (&fashion, 5, 0, false, true, false, Remedy::Exchange, 0, VerdictReason::Rule),
        (&fashion, 5, 0, false, true, true, Remedy::Refuse, 0, VerdictReason::ConditionNotCovered),
        (&fashion, 5, 0, true, false, true, Remedy::Exchange, 0, VerdictReason::Rule),
        (&fashion, 8, 0, true, true, false, Remedy::Refuse, 0, VerdictReason::OutsideWindow),
    ];
    for (i, (terms, day, wdays, faulty, intact, discounted, remedy, percent, reason)) in
        table.into_iter().enumerate()
    {
        let v = verdict(terms, day, wdays, check(faulty, intact), discounted);
        assert_eq!(
            (v.remedy, v.refund_percent, v.reason),
            (remedy, percent, reason),
            "row {i}: {}",
            terms.name
        );
    }
}

#[test]
fn a_refund_within_policy_returns_the_unit() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let sale = sell(&mut db, Some(lan.id), phone.id, "R1", 2);
    let line = sale.lines[0].id;
    let unit_id = sale.units[0].id;
    let p = returns::preview(db.conn(), line, Some(unit_id), check(false, true), "", 1, now())
        .expect("preview");
    assert_eq!((p.verdict.remedy, p.verdict.refund_percent), (Remedy::Refund, 80));
    assert_eq!(p.suggested_refund, 19_990_000 * 80 / 100);
    let r = returns::record(
        &mut db,
        &ReturnDraft {
            line_id: line,
            unit_id: Some(unit_id),
            check: check(false, true),
            reason: "Khách đổi ý".into(),
            outcome: ReturnOutcome::Refund,
            ..ReturnDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("refund");
    assert_eq!(r.refund_amount, p.suggested_refund);
    assert_eq!(r.override_reason, None);
    let u = unit::get(db.conn(), unit_id, today()).expect("unit");
    assert_eq!(u.status, UnitStatus::Returned);
    // The serial can be sold again once returned.
    sell(&mut db, None, phone.id, "R1", 0);
}

#[test]
fn departing_from_the_verdict_needs_a_reason_and_changes_nothing_without_one() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "R2", 60);
    let draft = ReturnDraft {
        line_id: sale.lines[0].id,
        unit_id: Some(sale.units[0].id),
        check: check(false, false),
        reason: "Không thích màu".into(),
        outcome: ReturnOutcome::Refund,
        refund_amount: "10tr".into(),
        ..ReturnDraft::default()
    };
    let e = returns::record(&mut db, &draft, STAFF, now()).expect_err("needs override");
    let khachquen::Error::Validation(f) = e else { panic!("validation") };
    assert_eq!(
        (f[0].field.as_str(), f[0].code.as_str()),
        ("override_reason", "override_reason_required")
    );
    assert_eq!(table_count(&db, "return_case"), 0);
    assert_eq!(
        unit::get(db.conn(), sale.units[0].id, today()).expect("u").status,
        UnitStatus::Sold
    );
    let reasoned =
        ReturnDraft { override_reason: "Khách VIP, chủ cửa hàng đồng ý".into(), ..draft };
    // An account without the override permission is refused even with a reason written.
    let e = returns::record_by(&mut db, &reasoned, STAFF, false, now()).expect_err("no permission");
    assert!(matches!(e, khachquen::Error::Forbidden("override_policy")), "{e:?}");
    assert_eq!(table_count(&db, "return_case"), 0);
    let done = returns::record_by(&mut db, &reasoned, STAFF, true, now()).expect("override");
    assert_eq!(done.verdict.remedy, Remedy::Refuse);
    assert_eq!(done.refund_amount, 10_000_000);
    assert_eq!(done.override_reason.as_deref(), Some("Khách VIP, chủ cửa hàng đồng ý"));
}

#[test]
fn fashion_exchange_writes_the_new_sale_and_quantities_are_bounded() {
    let mut db = db();
    let shirt = shirt_product(&mut db);
    let hoa = add(&mut db, "Trần Thị Hoa", &["0987654321"]);
    let sale = purchase::create(
        &mut db,
        &PurchaseDraft {
            customer_id: Some(hoa.id),
            lines: vec![LineDraft { product_id: shirt.id, quantity: 2, ..LineDraft::default() }],
            ..PurchaseDraft::default()
        },
        STAFF,
        days_ago(3),
    )
    .expect("sale");
    assert!(sale.units.is_empty(), "no serial, no warranty: no units");
    let line = sale.lines[0].id;
    let draft = ReturnDraft {
        line_id: line,
        quantity: 3,
        check: check(false, true),
        reason: "Chật".into(),
        outcome: ReturnOutcome::Exchange,
        exchange_lines: vec![LineDraft {
            product_id: shirt.id,
            quantity: 1,
            ..LineDraft::default()
        }],
        ..ReturnDraft::default()
    };
    let e = returns::record(&mut db, &draft, STAFF, now()).expect_err("only 2 bought");
    let khachquen::Error::Validation(f) = e else { panic!("validation") };
    assert_eq!(f[0].code, "quantity_exceeds");
    let r = returns::record(&mut db, &ReturnDraft { quantity: 1, ..draft.clone() }, STAFF, now())
        .expect("exchange");
    let new =
        purchase::get(db.conn(), r.exchange_purchase_id.expect("new sale"), today()).expect("p");
    assert_eq!(new.customer_id, Some(hoa.id));
    let again = returns::record(&mut db, &ReturnDraft { quantity: 2, ..draft }, STAFF, now());
    assert_eq!(again.expect_err("1 left").code(), "validation");
    let line_now = purchase::get(db.conn(), sale.id, today()).expect("p");
    assert_eq!(line_now.lines[0].returned_quantity, 1);
}

#[test]
fn a_faulty_unit_after_the_exchange_window_is_taken_in_for_repair() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "R3", 90);
    let r = returns::record(
        &mut db,
        &ReturnDraft {
            line_id: sale.lines[0].id,
            unit_id: Some(sale.units[0].id),
            check: check(true, true),
            reason: "Loa rè".into(),
            outcome: ReturnOutcome::Repair,
            ..ReturnDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("repair");
    assert_eq!(r.verdict.remedy, Remedy::Repair);
    let claim =
        khachquen::sales::claim::get(db.conn(), r.claim_id.expect("claim"), today()).expect("c");
    assert_eq!(claim.summary.symptom, "Loa rè");
    assert!(claim.summary.under_warranty);
}

fn rule(from_day: u32, to_day: Option<u32>, condition: policy::Condition) -> policy::Rule {
    policy::Rule {
        from_day,
        to_day,
        condition,
        intact_only: false,
        full_price_only: false,
        remedy: Remedy::Exchange,
        refund_percent: 0,
    }
}

fn terms(name: &str, rules: Vec<policy::Rule>) -> policy::PolicyTerms {
    policy::PolicyTerms { name: name.into(), text: "Đổi trong 7 ngày".into(), rules }
}

fn field_codes(e: khachquen::Error) -> Vec<(String, String)> {
    match e {
        khachquen::Error::Validation(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("a validation error was expected, got {other:?}"),
    }
}

#[test]
fn a_new_policy_is_created_and_offered_while_a_retired_one_is_marked() {
    use policy::Condition::*;
    let mut db = db();
    let rules = vec![rule(0, Some(7), Faulty), rule(0, Some(3), NotFaulty), rule(8, None, Faulty)];
    let p = policy::save(&mut db, None, &terms("  Phụ kiện  ", rules), STAFF, now()).expect("new");
    assert_eq!(p.terms.name, "Phụ kiện", "the name is stored trimmed");
    let listed = policy::list(db.conn()).expect("list");
    assert!(listed.iter().any(|l| l.id == p.id && !l.archived), "the new policy is listed");
    let retired = policy::set_archived(&mut db, p.id, true, STAFF, now()).expect("retire");
    assert!(retired.archived);
    let edited = policy::save(&mut db, Some(p.id), &retired.terms, STAFF, now()).expect("edit");
    assert!(edited.archived, "editing a retired policy does not bring it back");
    let listed = policy::list(db.conn()).expect("list");
    assert!(listed.last().is_some_and(|l| l.id == p.id && l.archived), "retired ones list last");
    let audit: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'policy' AND entity_id = ?1",
            [p.id],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audit, 3, "creating, retiring and editing are each audited");
    assert!(matches!(
        policy::set_archived(&mut db, 999, true, STAFF, now()),
        Err(khachquen::Error::NotFound { .. })
    ));
}

#[test]
fn overlapping_day_ranges_for_the_same_case_are_refused() {
    use policy::Condition::*;
    let mut db = db();
    let before = table_count(&db, "policy");
    // The second rule's days 5..7 are already decided by the first for a faulty item.
    let clash = terms("Chồng ngày", vec![rule(0, Some(7), Faulty), rule(5, Some(30), Faulty)]);
    let e = policy::save(&mut db, None, &clash, STAFF, now()).expect_err("overlap");
    assert_eq!(field_codes(e), [("rules.1.from_day".to_owned(), "range_overlap".to_owned())]);
    // "Any" covers a faulty item too; an open end runs to the end of the warranty.
    let any = terms("Mọi tình trạng", vec![rule(8, None, Faulty), rule(100, Some(200), Any)]);
    assert_eq!(
        field_codes(policy::save(&mut db, None, &any, STAFF, now()).expect_err("overlap")),
        [("rules.1.from_day".to_owned(), "range_overlap".to_owned())]
    );
    assert_eq!(table_count(&db, "policy"), before, "nothing is written");
    // Touching ranges, other conditions or other extra conditions are no overlap.
    let mut intact = rule(0, Some(7), NotFaulty);
    intact.intact_only = true;
    let fine = terms(
        "Hợp lệ",
        vec![rule(0, Some(7), Faulty), rule(8, None, Faulty), rule(0, Some(3), NotFaulty), intact],
    );
    policy::save(&mut db, None, &fine, STAFF, now()).expect("no overlap");
}

#[test]
fn a_policy_needs_a_name_of_its_own() {
    let mut db = db();
    let before = table_count(&db, "policy");
    let e = policy::save(&mut db, None, &terms("   ", vec![]), STAFF, now()).expect_err("empty");
    assert_eq!(field_codes(e), [("name".to_owned(), "policy_name_empty".to_owned())]);
    // The preset "Điện thoại", typed without accents and in capitals, is the same name.
    let e =
        policy::save(&mut db, None, &terms("DIEN THOAI", vec![]), STAFF, now()).expect_err("taken");
    assert_eq!(field_codes(e), [("name".to_owned(), "policy_name_taken".to_owned())]);
    assert_eq!(table_count(&db, "policy"), before, "nothing is written");
    // A policy keeps its own name when edited.
    let own = policy::terms(db.conn(), PHONES).expect("preset");
    policy::save(&mut db, Some(PHONES), &own, STAFF, now()).expect("its own name is free");
}
