//! Care planning on a fixed clock: what each rule plans, idempotency, re-planning, consent.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use khachquen::care::plan::{self, Scope};
use khachquen::care::rule::{self, RuleKind};
use khachquen::customer::care_profile::{self, CareProfile};
use khachquen::customer::{self, CustomerDraft};
use khachquen::outreach::reminder::{self, QueueFilter};
use khachquen::privacy::Purpose;
use khachquen::sales::product::{self, ProductDraft};
use khachquen::sales::purchase::{LineDraft, PurchaseDraft};
use khachquen::sales::{purchase, ClaimStatus};
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;

/// (kind, due date, subject id) of the open reminders, in due order.
pub fn planned(db: &Db) -> Vec<(String, NaiveDate, Option<i64>)> {
    let mut stmt = db
        .conn()
        .prepare("SELECT kind, due_on, subject_id FROM reminder WHERE status IN ('open', 'snoozed') ORDER BY due_on, kind, id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

pub fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    // 10:00 in Vietnam.
    Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).single().unwrap()
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A customer with a birthday who agreed to care calls.
fn with_birthday(db: &mut Db, name: &str, birthday: &str) -> i64 {
    let d = CustomerDraft { birthday: birthday.into(), allow_duplicate: true, ..draft(name, &[]) };
    let id = customer::create(db, &d, STAFF, now()).unwrap().id;
    consent(db, id, Purpose::CareCalls, true);
    id
}

fn care_profile(db: &mut Db, id: i64, p: CareProfile) {
    care_profile::save(db, id, &p, STAFF, now()).unwrap();
}

#[test]
fn a_sale_plans_thank_you_check_in_and_warranty_reminders() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let eight_days = sell(&mut db, Some(lan.id), phone.id, "A1", 8);
    let yesterday = sell(&mut db, Some(lan.id), phone.id, "A2", 1);
    sell(&mut db, None, phone.id, "WALKIN", 1);
    let stats = plan::run(&mut db, &Scope::All, now()).unwrap();
    let got = planned(&db);
    // The thank-you for the sale 8 days ago (due 7 days ago) is past its 3-day lookback.
    assert_eq!(
        got,
        vec![
            ("check_in".into(), today() - Duration::days(1), Some(eight_days.id)),
            ("thank_you".into(), today(), Some(yesterday.id)),
            ("check_in".into(), today() + Duration::days(6), Some(yesterday.id)),
        ]
    );
    assert_eq!(stats.planned, 0, "each sale already planned its customer");
    let due_at = |db: &Db| -> String {
        db.conn()
            .query_row("SELECT due_at FROM reminder WHERE kind = 'thank_you'", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(due_at(&db), "2026-11-23T01:00:00Z", "08:00 in Vietnam");
    let early =
        khachquen::care::settings::CareSettings { due_time: "06:30".into(), ..Default::default() };
    khachquen::care::settings::save(&mut db, &early, STAFF, now()).unwrap();
    assert_eq!(
        due_at(&db),
        "2026-11-22T23:30:00Z",
        "06:30 in Vietnam is the evening before in UTC"
    );
    let queue = reminder::today(db.conn(), &QueueFilter::default(), now()).unwrap();
    assert_eq!(queue.total, 2, "due today or earlier");
    assert_eq!(queue.items[0].greeting, "Lan", "no form of address set");
    assert_eq!(queue.items[0].phone.as_deref(), Some("0912 345 678"));
    assert!(queue.items.iter().any(|r| r.subject_label.starts_with(&eight_days.receipt_no)));

    // Warranty: a phone sold 11 months ago expires in about a month.
    let old = sell(&mut db, Some(lan.id), phone.id, "OLD", 335);
    plan::run(&mut db, &Scope::All, now()).unwrap();
    let end = old.units[0].coverage.end;
    let warranty: Vec<_> =
        planned(&db).into_iter().filter(|r| r.0 == "warranty_expiring").collect();
    let unit = Some(old.units[0].id);
    assert_eq!(
        warranty,
        vec![
            ("warranty_expiring".into(), end - Duration::days(30), unit),
            ("warranty_expiring".into(), end - Duration::days(7), unit),
        ]
    );
}

#[test]
fn planning_twice_changes_nothing_and_a_rule_edit_replans() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let p = sell(&mut db, Some(lan.id), phone.id, "A1", 2);
    plan::run(&mut db, &Scope::All, now()).unwrap();
    let first = planned(&db);
    let ids: Vec<i64> = db
        .conn()
        .prepare("SELECT id FROM reminder ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let again = plan::run(&mut db, &Scope::All, now()).unwrap();
    assert_eq!(again.removed, 0);
    assert_eq!(planned(&db), first);
    let ids_again: Vec<i64> = db
        .conn()
        .prepare("SELECT id FROM reminder ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids, ids_again, "the same rows, confirmed");

    let mut check_in = rule::get(db.conn(), RuleKind::CheckIn).unwrap();
    check_in.params.offsets = vec![10];
    check_in.params.by_category.insert("Điện thoại".into(), 14);
    let saved = rule::save(&mut db, &check_in, STAFF, now()).unwrap();
    assert!(!saved.is_default);
    let check_ins: Vec<_> = planned(&db).into_iter().filter(|r| r.0 == "check_in").collect();
    assert_eq!(
        check_ins,
        vec![("check_in".into(), today() + Duration::days(12), Some(p.id))],
        "per category"
    );

    let mut off = saved.clone();
    off.enabled = false;
    rule::save(&mut db, &off, STAFF, now()).unwrap();
    assert!(
        planned(&db).iter().all(|r| r.0 != "check_in"),
        "a rule switched off takes its open reminders"
    );
    rule::reset(&mut db, RuleKind::CheckIn, STAFF, now()).unwrap();
    assert!(planned(&db).iter().any(|r| r.0 == "check_in" && r.1 == today() + Duration::days(5)));

    let bad = rule::CareRule {
        params: rule::RuleParams { offsets: vec![-1], ..check_in.params.clone() },
        ..check_in
    };
    let e = rule::save(&mut db, &bad, STAFF, now()).unwrap_err();
    assert_eq!(e.code(), "validation");
    assert_eq!(
        rule::get(db.conn(), RuleKind::CheckIn).unwrap().params.offsets,
        vec![7],
        "nothing saved"
    );
}

#[test]
fn a_voided_sale_loses_its_open_reminders_but_not_worked_ones() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let p = sell(&mut db, Some(lan.id), phone.id, "A1", 1);
    plan::customer(&mut db, lan.id, now()).unwrap();
    assert_eq!(planned(&db).len(), 2);
    purchase::void(&mut db, p.id, "Nhập nhầm", STAFF, now()).unwrap();
    assert!(planned(&db).is_empty(), "the void re-planned its customer");
    let stats = plan::customer(&mut db, lan.id, now()).unwrap();
    assert_eq!((stats.planned, stats.removed), (0, 0), "nothing left to do");
}

#[test]
fn consent_and_refusal_decide_who_is_contacted() {
    let mut db = db();
    let hoa = with_birthday(&mut db, "Trần Thị Hoà", "25/11/1990");
    let minh = with_birthday(&mut db, "Lê Văn Minh", "26/11");
    let tuan = with_birthday(&mut db, "Phạm Anh Tuấn", "27/11/1985");
    let _never_asked = {
        let d = CustomerDraft { birthday: "24/11".into(), ..draft("Võ Thị Sáu", &[]) };
        customer::create(&mut db, &d, STAFF, now()).unwrap().id
    };
    consent(&mut db, hoa, Purpose::MarketingEmail, true);
    consent(&mut db, tuan, Purpose::MarketingZalo, true);
    consent(&mut db, tuan, Purpose::CareCalls, false);
    plan::run(&mut db, &Scope::All, now()).unwrap();
    // Only Hoà: Minh gave no consent to promotional messages, Tuấn withdrew care calls, Sáu
    // was never asked.
    let got = planned(&db);
    assert_eq!(
        got.iter().map(|r| r.1).collect::<Vec<_>>(),
        vec![day(2026, 11, 22), day(2026, 11, 25)]
    );
    let owners: Vec<i64> = db
        .conn()
        .prepare("SELECT DISTINCT customer_id FROM reminder")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(owners, vec![hoa]);

    // Not promotional any more: Minh gets his birthday too, Tuấn and Sáu still nothing.
    let mut birthday = rule::get(db.conn(), RuleKind::Birthday).unwrap();
    birthday.params.promotional = false;
    rule::save(&mut db, &birthday, STAFF, now()).unwrap();
    let owners: Vec<i64> = db
        .conn()
        .prepare("SELECT DISTINCT customer_id FROM reminder ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(owners, vec![hoa, minh]);

    // Withdrawing consent re-plans at once.
    consent(&mut db, minh, Purpose::CareCalls, false);
    assert!(reminder::for_customer(db.conn(), minh).unwrap().is_empty());
    // Given again (the ledger keeps both), care resumes.
    consent(&mut db, minh, Purpose::CareCalls, true);
    assert!(!reminder::for_customer(db.conn(), minh).unwrap().is_empty());
}

#[test]
fn birthdays_across_the_year_end_lunar_and_leap_days() {
    let mut db = db();
    let mut birthday = rule::get(db.conn(), RuleKind::Birthday).unwrap();
    birthday.params.promotional = false;
    rule::save(&mut db, &birthday, STAFF, now()).unwrap();
    let new_year = with_birthday(&mut db, "Đỗ Thu Hà", "01/01/1995");
    let leap = with_birthday(&mut db, "Vũ Minh Khôi", "29/02/2000");
    let lunar = with_birthday(&mut db, "Bà Nguyễn Thị Sáu", "15/08/1950");
    care_profile(
        &mut db,
        lunar,
        CareProfile {
            birthday_lunar: true,
            anniversary: "23/12".into(),
            anniversary_note: "Giỗ ông".into(),
        },
    );
    let mut anniversary = rule::get(db.conn(), RuleKind::Anniversary).unwrap();
    anniversary.params.promotional = false;
    rule::save(&mut db, &anniversary, STAFF, now()).unwrap();

    let of = |db: &Db, id: i64| -> Vec<(String, NaiveDate)> {
        reminder::for_customer(db.conn(), id)
            .unwrap()
            .into_iter()
            .map(|r| (r.kind.code().to_owned(), r.due_on))
            .collect()
    };
    plan::run(&mut db, &Scope::All, at(2026, 12, 30)).unwrap();
    assert_eq!(
        of(&db, new_year),
        vec![("birthday".into(), day(2026, 12, 29)), ("birthday".into(), day(2027, 1, 1))]
    );
    // 23 tháng Chạp (ông Công ông Táo) of Bính Ngọ is 30/01/2027 → reminder 3 days before.
    assert_eq!(of(&db, lunar), vec![("anniversary".into(), day(2027, 1, 27))]);

    plan::run(&mut db, &Scope::All, at(2027, 2, 20)).unwrap();
    assert!(
        of(&db, leap).contains(&("birthday".into(), day(2027, 2, 28))),
        "29/02 kept on 28/02 in 2027"
    );

    // 2025 has a leap month 6: a birthday on 15/06 is kept in the regular month (09/07/2025),
    // not repeated in the leap one (08/08/2025).
    let june = with_birthday(&mut db, "Ông Trần Văn Tư", "15/06/1948");
    care_profile(&mut db, june, CareProfile { birthday_lunar: true, ..CareProfile::default() });
    plan::run(&mut db, &Scope::All, at(2025, 7, 1)).unwrap();
    assert_eq!(
        of(&db, june),
        vec![("birthday".into(), day(2025, 7, 6)), ("birthday".into(), day(2025, 7, 9))]
    );
    plan::run(&mut db, &Scope::All, at(2025, 8, 1)).unwrap();
    assert!(of(&db, june).iter().all(|r| r.1 < day(2025, 8, 1)), "nothing in the leap month");

    plan::run(&mut db, &Scope::All, at(2026, 9, 20)).unwrap();
    // 15/08 âm lịch 2026 = 25/09/2026.
    assert!(of(&db, lunar).contains(&("birthday".into(), day(2026, 9, 25))));
    assert!(
        of(&db, lunar).contains(&("birthday".into(), day(2026, 9, 22))),
        "and three days ahead"
    );
}

#[test]
fn repairs_ready_but_not_collected_and_promises_past_due() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let p = sell(&mut db, Some(lan.id), phone.id, "A1", 100);
    let c = open_claim(&mut db, p.units[0].id, 10);
    go(&mut db, c.summary.id, ClaimStatus::Repairing, 9).unwrap();
    go(&mut db, c.summary.id, ClaimStatus::Ready, 5).unwrap();
    let q = sell(&mut db, Some(lan.id), phone.id, "B1", 100);
    let promised = khachquen::sales::claim::ClaimDraft {
        unit_id: q.units[0].id,
        symptom: "Loa rè".into(),
        promised_on: (today() - Duration::days(2)).format("%d/%m/%Y").to_string(),
        ..Default::default()
    };
    let late = khachquen::sales::claim::open(&mut db, &promised, STAFF, days_ago(6)).unwrap();
    plan::run(&mut db, &Scope::All, now()).unwrap();
    let claims: Vec<_> = planned(&db)
        .into_iter()
        .filter(|r| r.0.starts_with("claim") || r.0.starts_with("repair"))
        .collect();
    assert_eq!(
        claims,
        vec![
            ("repair_uncollected".into(), today() - Duration::days(2), Some(c.summary.id)),
            ("claim_overdue".into(), today() - Duration::days(1), Some(late.summary.id)),
        ]
    );
    // Collected: the next change re-plans and the reminder goes.
    go(&mut db, c.summary.id, ClaimStatus::Returned, 0).unwrap();
    plan::customer(&mut db, lan.id, now()).unwrap();
    assert!(planned(&db).iter().all(|r| r.0 != "repair_uncollected"));
}

#[test]
fn win_back_after_a_long_silence_for_regulars_only() {
    let mut db = db();
    let mut win_back = rule::get(db.conn(), RuleKind::WinBack).unwrap();
    win_back.params.promotional = false;
    rule::save(&mut db, &win_back, STAFF, now()).unwrap();
    let phone = phone_product(&mut db);
    let regular = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let once = add(&mut db, "Trần Văn Bình", &["0987654321"]);
    // Recorded when they happened: a sale counts as contact, so these are the last ones.
    let back_then = |db: &mut Db, customer: i64, serial: &str, days: i64| {
        let line = LineDraft {
            product_id: phone.id,
            quantity: 1,
            serials: vec![serial.into()],
            ..LineDraft::default()
        };
        let d = PurchaseDraft {
            customer_id: Some(customer),
            lines: vec![line],
            ..PurchaseDraft::default()
        };
        purchase::create(db, &d, STAFF, days_ago(days)).unwrap();
    };
    back_then(&mut db, regular.id, "R1", 200);
    back_then(&mut db, regular.id, "R2", 95);
    back_then(&mut db, once.id, "O1", 95);
    assert!(planned(&db).iter().all(|r| r.0 != "win_back"), "not due yet when the sales were made");
    plan::run(&mut db, &Scope::All, now()).unwrap();
    let wb: Vec<_> = planned(&db).into_iter().filter(|r| r.0 == "win_back").collect();
    assert_eq!(wb, vec![("win_back".into(), today() - Duration::days(5), None)]);
    assert_eq!(
        reminder::for_customer(db.conn(), regular.id)
            .unwrap()
            .iter()
            .filter(|r| r.kind == RuleKind::WinBack)
            .count(),
        1
    );
}

#[test]
fn the_daily_pass_adds_what_entered_the_window() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let p = sell(&mut db, Some(lan.id), phone.id, "A1", 300);
    let end = p.units[0].coverage.end;
    let warranty = |db: &Db| -> Vec<NaiveDate> {
        planned(db).into_iter().filter(|r| r.0 == "warranty_expiring").map(|r| r.1).collect()
    };
    plan::run(&mut db, &Scope::All, now()).unwrap();
    assert!(warranty(&db).is_empty(), "30 days before {end} is beyond the horizon");
    let later = now() + Duration::days((end - Duration::days(30) - today()).num_days() - 29);
    let stats = plan::run(&mut db, &Scope::All, later).unwrap();
    assert_eq!((stats.planned, warranty(&db)), (1, vec![end - Duration::days(30)]));
    // A clock set back re-examines the whole window rather than trusting what was planned.
    plan::run(&mut db, &Scope::All, now() - Duration::days(60)).unwrap();
    assert_eq!(warranty(&db), vec![end - Duration::days(30)]);
}

#[test]
fn a_new_repurchase_interval_replans_past_buyers() {
    let mut db = db();
    let ink = product::save(
        &mut db,
        None,
        &ProductDraft {
            name: "Mực in HP 680".into(),
            price: "250k".into(),
            repurchase_days: Some(30),
            ..ProductDraft::default()
        },
        STAFF,
        now(),
    )
    .unwrap();
    let mut repurchase = rule::get(db.conn(), RuleKind::Repurchase).unwrap();
    repurchase.params.promotional = false;
    rule::save(&mut db, &repurchase, STAFF, now()).unwrap();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    sell(&mut db, Some(lan.id), ink.id, "", 20);
    let due = |db: &Db| {
        planned(db).into_iter().filter(|r| r.0 == "repurchase").map(|r| r.1).collect::<Vec<_>>()
    };
    assert_eq!(due(&db), vec![today() + Duration::days(10)]);
    let longer = ProductDraft {
        name: ink.name.clone(),
        price: "250k".into(),
        repurchase_days: Some(45),
        ..ProductDraft::default()
    };
    product::save(&mut db, Some(ink.id), &longer, STAFF, now()).unwrap();
    assert_eq!(due(&db), vec![today() + Duration::days(25)], "moved with the product's interval");
}

#[test]
fn a_cold_pass_rebuilds_the_reminder_indexes_it_set_aside() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    sell(&mut db, Some(lan.id), phone.id, "A1", 2);
    let indexes = |db: &Db| -> Vec<String> {
        let mut stmt = db.conn().prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'reminder' AND type = 'index' ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .map(|r| r.unwrap().unwrap_or_default())
            .collect()
    };
    let before = indexes(&db);
    plan::forget_window(db.conn()).unwrap();
    plan::run(&mut db, &Scope::All, now()).unwrap();
    assert_eq!(indexes(&db), before, "every index is back as it was");
    let queue = reminder::today(db.conn(), &QueueFilter::default(), now()).unwrap();
    assert_eq!(queue.total, 1, "the thank-you, due yesterday");
    assert_eq!(
        reminder::for_customer(db.conn(), lan.id).unwrap().len(),
        2,
        "and found through the rebuilt indexes"
    );
    let check: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}
