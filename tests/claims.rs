use khachquen::sales::claim::{self, ClaimDraft, TransitionDraft};
use khachquen::sales::ClaimStatus::{self, *};

use crate::sales_support::*;
use crate::support::*;

/// The moves that bring a new claim to `s`.
fn path_to(s: ClaimStatus) -> &'static [ClaimStatus] {
    match s {
        Received => &[],
        Diagnosing => &[Diagnosing],
        AwaitingApproval => &[Diagnosing, AwaitingApproval],
        Repairing => &[Repairing],
        AtServiceCenter => &[AtServiceCenter],
        AwaitingParts => &[Diagnosing, AwaitingParts],
        Ready => &[Repairing, Ready],
        Returned => &[Repairing, Ready, Returned],
        Replaced => &[Replaced],
        Refunded => &[Refunded],
        Rejected => &[Rejected],
        Declined => &[Diagnosing, AwaitingApproval, Declined],
        Cancelled => &[Cancelled],
    }
}

fn events(db: &khachquen::Db, id: i64) -> i64 {
    db.conn()
        .query_row("SELECT count(*) FROM claim_event WHERE claim_id = ?1", [id], |r| r.get(0))
        .expect("count")
}

#[test]
fn every_allowed_move_works_and_every_other_is_refused_unchanged() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let mut n = 0;
    let (mut allowed, mut refused) = (0, 0);
    for from in ClaimStatus::ALL {
        for to in ClaimStatus::ALL {
            n += 1;
            let sale = sell(&mut db, None, phone.id, &format!("SN{n:05}"), 60);
            let c = open_claim(&mut db, sale.units[0].id, 30);
            for step in path_to(from) {
                go(&mut db, c.summary.id, *step, 20).expect("path move");
            }
            let before = claim::get(db.conn(), c.summary.id, today()).expect("claim");
            assert_eq!(before.summary.status, from);
            let moved = go(&mut db, c.summary.id, to, 10);
            if from.next().contains(&to) {
                let after = moved.unwrap_or_else(|e| panic!("{from:?} -> {to:?}: {e}"));
                assert_eq!(after.summary.status, to);
                assert_eq!(
                    after.events.last().map(|e| (e.from_status, e.to_status)),
                    Some((Some(from), to))
                );
                assert_eq!(after.summary.closed_on.is_some(), to.is_closed());
                allowed += 1;
            } else {
                let e = moved.expect_err("forbidden move");
                assert_eq!(e.code(), "forbidden_transition", "{from:?} -> {to:?}");
                let after = claim::get(db.conn(), c.summary.id, today()).expect("claim");
                assert_eq!(after, before, "a refused move changes nothing");
                refused += 1;
            }
        }
    }
    assert_eq!(allowed + refused, 169);
    assert!(allowed > 30 && refused > 100, "allowed {allowed}, refused {refused}");
}

#[test]
fn moves_ask_for_what_they_need_and_change_nothing_without_it() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "A1", 60);
    let c = open_claim(&mut db, sale.units[0].id, 30);
    let id = c.summary.id;
    let bare = |to| TransitionDraft { to, ..TransitionDraft::default() };
    for (to, field) in [
        (AtServiceCenter, "service_center"),
        (Rejected, "note"),
        (Refunded, "refund_amount"),
        (Replaced, "replacement_serial"),
    ] {
        let e = claim::transition(&mut db, id, &bare(to), STAFF, now()).expect_err("needs data");
        let khachquen::Error::Validation(f) = e else { panic!("validation for {to:?}") };
        assert_eq!(f[0].field, field);
    }
    go(&mut db, id, Diagnosing, 20).expect("diagnosing");
    let e =
        claim::transition(&mut db, id, &bare(AwaitingApproval), STAFF, now()).expect_err("quote");
    assert_eq!(e.code(), "validation");
    let early = TransitionDraft { on: format_days_ago(25), ..bare(Repairing) };
    let e = claim::transition(&mut db, id, &early, STAFF, now()).expect_err("before the last step");
    let khachquen::Error::Validation(f) = e else { panic!("validation") };
    assert_eq!(f[0].code, "date_before_previous");
    assert_eq!(events(&db, id), 2, "received + diagnosing only");
}

fn format_days_ago(days: i64) -> String {
    khachquen::text::date::format_date(today() - chrono::Duration::days(days))
}

#[test]
fn service_centre_leg_quote_and_overdue() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "B1", 60);
    let c = claim::open(
        &mut db,
        &ClaimDraft {
            unit_id: sale.units[0].id,
            symptom: "Màn hình sọc".into(),
            promised_on: format_days_ago(2),
            received_on: format_days_ago(20),
            accessories: "Sạc, cáp".into(),
            lock_note: "Mật khẩu 1234".into(),
            loan_unit: "Máy mượn Samsung A05".into(),
            ..ClaimDraft::default()
        },
        STAFF,
        now(),
    )
    .expect("claim");
    assert!(c.summary.overdue, "promised two days ago and still open");
    go(&mut db, c.summary.id, AtServiceCenter, 16).expect("sent");
    let sent = claim::get(db.conn(), c.summary.id, today()).expect("claim");
    assert_eq!(sent.summary.days_at_service_center, Some(16));
    assert!(sent.summary.service_center_overdue, "over 15 days away");
    assert_eq!(sent.service_center, "TTBH Apple Quận 3");
    let back = go(&mut db, c.summary.id, Diagnosing, 1);
    assert_eq!(back.expect_err("not from service centre").code(), "forbidden_transition");
    let back = go(&mut db, c.summary.id, AwaitingParts, 1).expect("back, waiting for parts");
    assert_eq!(back.back_on, Some(today() - chrono::Duration::days(1)));
    assert_eq!(back.summary.days_at_service_center, None);
    let board = claim::board(db.conn(), today()).expect("board");
    assert_eq!(board.iter().map(|b| b.id).collect::<Vec<_>>(), vec![c.summary.id]);

    let sale2 = sell(&mut db, None, phone.id, "B2", 60);
    let c2 = open_claim(&mut db, sale2.units[0].id, 5);
    go(&mut db, c2.summary.id, Diagnosing, 4).expect("diagnosing");
    let quoted = go(&mut db, c2.summary.id, AwaitingApproval, 3).expect("quote");
    assert_eq!(quoted.quote, Some(500_000));
    let declined = go(&mut db, c2.summary.id, Declined, 2).expect("declined");
    assert_eq!(declined.quote_approved, Some(false));
    assert!(declined.summary.closed_on.is_some());
    let e = open_claim_err(&mut db, sale.units[0].id);
    assert_eq!(e.code(), "claim_already_open");
}

fn open_claim_err(db: &mut khachquen::Db, unit_id: i64) -> khachquen::Error {
    claim::open(
        db,
        &ClaimDraft { unit_id, symptom: "x".into(), ..ClaimDraft::default() },
        STAFF,
        now(),
    )
    .expect_err("refused")
}

#[test]
fn intake_validation() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "C1", 10);
    let bad = ClaimDraft {
        unit_id: sale.units[0].id,
        symptom: "  ".into(),
        received_on: "01/01/2099".into(),
        ..ClaimDraft::default()
    };
    let khachquen::Error::Validation(f) =
        claim::open(&mut db, &bad, STAFF, now()).expect_err("bad")
    else {
        panic!("validation")
    };
    let codes: Vec<_> = f.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert!(codes.contains(&("symptom", "required")));
    assert!(codes.contains(&("received_on", "date_in_future")));
    assert_eq!(table_count(&db, "claim"), 0);
    let before_sale = ClaimDraft { received_on: format_days_ago(30), symptom: "x".into(), ..bad };
    let khachquen::Error::Validation(f) =
        claim::open(&mut db, &before_sale, STAFF, now()).expect_err("bad")
    else {
        panic!("validation")
    };
    assert_eq!(f[0].code, "date_before_sale");
}
