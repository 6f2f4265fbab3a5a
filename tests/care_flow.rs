//! Working reminders: outcomes, manual reminders, templates and the notifier's decisions.

use chrono::{Duration, TimeZone, Utc};
use khachquen::care::plan::{self, Scope};
use khachquen::care::rule::RuleKind;
use khachquen::care::settings::CareSettings;
use khachquen::customer::{self, CustomerDraft};
use khachquen::outreach::reminder::{
    self, ContactChannel, ManualDraft, Outcome, OutcomeDraft, QueueFilter, ReminderStatus,
};
use khachquen::outreach::schedule::{self, Step};
use khachquen::outreach::template::{self, Locale, Template};

use crate::care::planned;
use crate::sales_support::*;
use crate::support::*;

fn outcome(outcome: Outcome) -> OutcomeDraft {
    OutcomeDraft {
        outcome,
        channel: ContactChannel::Phone,
        note: String::new(),
        call_back_on: String::new(),
    }
}

#[test]
fn outcomes_log_interactions_and_plan_the_next_step() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    sell(&mut db, Some(lan.id), phone.id, "A1", 8);
    sell(&mut db, Some(lan.id), phone.id, "A2", 1);
    plan::run(&mut db, &Scope::All, now()).unwrap();
    let queue = reminder::today(db.conn(), &QueueFilter::default(), now()).unwrap();
    let (check_in, thank_you) = (queue.items[1].id, queue.items[0].id);
    assert_eq!(queue.items[0].kind, RuleKind::ThankYou, "grouped by kind in queue order");

    // No answer: tomorrow again, three times at most.
    let r = reminder::record_outcome(&mut db, check_in, &outcome(Outcome::NoAnswer), STAFF, now())
        .unwrap();
    assert_eq!(
        (r.reminder.status, r.reminder.attempts, r.next_on),
        (ReminderStatus::Snoozed, 1, Some(today() + Duration::days(1)))
    );
    let later = now() + Duration::days(1);
    reminder::record_outcome(&mut db, check_in, &outcome(Outcome::NoAnswer), STAFF, later).unwrap();
    let third =
        reminder::record_outcome(&mut db, check_in, &outcome(Outcome::NoAnswer), STAFF, later)
            .unwrap();
    assert_eq!((third.reminder.status, third.next_on), (ReminderStatus::Done, None));

    // A call back needs a future date; a bad one changes nothing.
    let bad = OutcomeDraft { call_back_on: "20/11/2026".into(), ..outcome(Outcome::CallBack) };
    assert_eq!(
        reminder::record_outcome(&mut db, thank_you, &bad, STAFF, now()).unwrap_err().code(),
        "validation"
    );
    assert_eq!(reminder::get(db.conn(), thank_you).unwrap().attempts, 0);
    let back = OutcomeDraft {
        call_back_on: "26/11/2026".into(),
        note: "Hẹn thứ Năm".into(),
        ..outcome(Outcome::CallBack)
    };
    let r = reminder::record_outcome(&mut db, thank_you, &back, STAFF, now()).unwrap();
    assert_eq!(r.next_on, Some(today() + Duration::days(3)));
    let done = OutcomeDraft {
        channel: ContactChannel::Zalo,
        note: "Đã nhắn cảm ơn".into(),
        ..outcome(Outcome::Sent)
    };
    let r = reminder::record_outcome(&mut db, thank_you, &done, STAFF, now()).unwrap();
    assert_eq!(r.reminder.status, ReminderStatus::Done);
    assert_eq!(
        reminder::record_outcome(&mut db, thank_you, &done, STAFF, now()).unwrap_err().code(),
        "reminder_closed"
    );

    let log = reminder::interactions(db.conn(), lan.id, 10).unwrap();
    assert_eq!(log.len(), 5, "every outcome is on the timeline");
    assert!(log.iter().any(|i| (i.channel.as_str(), i.summary.as_str(), i.outcome.as_deref())
        == ("zalo", "Đã nhắn cảm ơn", Some("sent"))));
    assert_eq!(log.iter().filter(|i| i.outcome.as_deref() == Some("no_answer")).count(), 3);
    let card = customer::get(db.conn(), lan.id, today()).unwrap();
    assert!(card.last_contact_at.is_some(), "reaching the customer counts as contact");
    // Planning again does not bring back what staff closed.
    plan::run(&mut db, &Scope::All, now()).unwrap();
    assert!(reminder::today(db.conn(), &QueueFilter::default(), now()).unwrap().items.is_empty());
}

#[test]
fn a_customer_who_wants_no_contact_gets_none() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    sell(&mut db, Some(lan.id), phone.id, "A1", 8);
    sell(&mut db, Some(lan.id), phone.id, "A2", 1);
    plan::run(&mut db, &Scope::All, now()).unwrap();
    let first = reminder::today(db.conn(), &QueueFilter::default(), now()).unwrap().items[0].id;
    reminder::record_outcome(&mut db, first, &outcome(Outcome::NoContact), STAFF, now()).unwrap();
    assert!(planned(&db).is_empty(), "the other open ones are dismissed too");
    plan::run(&mut db, &Scope::All, now() + Duration::days(3)).unwrap();
    assert!(planned(&db).is_empty(), "and none are planned again");
    let m = ManualDraft {
        customer_id: lan.id,
        due_on: "30/11/2026".into(),
        note: "Gọi lại".into(),
        ..Default::default()
    };
    let e = reminder::create_manual(&mut db, &m, STAFF, now()).unwrap_err();
    assert_eq!(e.code(), "validation");
}

#[test]
fn manual_reminders_are_checked_and_never_planned_away() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let good = ManualDraft {
        customer_id: lan.id,
        due_on: "24/11/2026".into(),
        due_time: "14:30".into(),
        note: "Gọi lại báo giá".into(),
        assignee: "Hùng".into(),
    };
    let r = reminder::create_manual(&mut db, &good, STAFF, now()).unwrap();
    assert_eq!((r.kind, r.due_at.as_str()), (RuleKind::Manual, "2026-11-24T07:30:00Z"));
    for (bad, field) in [
        (ManualDraft { due_on: "22/11/2026".into(), ..good.clone() }, "due_on"),
        (ManualDraft { due_on: "31/02/2027".into(), ..good.clone() }, "due_on"),
        (ManualDraft { due_time: "25:00".into(), ..good.clone() }, "due_time"),
        (ManualDraft { note: " ".into(), ..good.clone() }, "note"),
        (ManualDraft { customer_id: 999, ..good.clone() }, "customer_id"),
    ] {
        match reminder::create_manual(&mut db, &bad, STAFF, now()).unwrap_err() {
            khachquen::Error::Validation(f) => {
                assert!(f.iter().any(|f| f.field == field), "{field}: {f:?}")
            }
            e => panic!("{e}"),
        }
    }
    customer::archive(&mut db, lan.id, STAFF, now()).unwrap();
    assert_eq!(table_count(&db, "reminder"), 1, "only the good one");
    plan::run(&mut db, &Scope::All, now()).unwrap();
    assert_eq!(table_count(&db, "reminder"), 1);
    let mine = reminder::today(
        db.conn(),
        &QueueFilter { assignee: "Hùng".into(), kind: None },
        now() + Duration::days(1),
    )
    .unwrap();
    assert_eq!(mine.total, 1);
    let theirs = reminder::today(
        db.conn(),
        &QueueFilter { assignee: "Mai".into(), kind: None },
        now() + Duration::days(1),
    )
    .unwrap();
    assert_eq!(theirs.total, 0, "assigned to someone else");
}

#[test]
fn templates_fill_the_real_customer_and_refuse_unknown_placeholders() {
    let mut db = db();
    khachquen::sales::settings::save(
        &mut db,
        &khachquen::sales::settings::ShopSettings {
            shop_name: "Điện Thoại Minh Anh".into(),
            ..Default::default()
        },
        STAFF,
        now(),
    )
    .unwrap();
    let phone = phone_product(&mut db);
    let d = CustomerDraft {
        address_as: "chị".into(),
        allow_duplicate: true,
        ..draft("Nguyễn Thị Lan", &["0912345678"])
    };
    let lan = customer::create(&mut db, &d, STAFF, now()).unwrap();
    consent(&mut db, lan.id, khachquen::privacy::Purpose::CareCalls, true);
    let old = sell(&mut db, Some(lan.id), phone.id, "356938035643809", 335);
    plan::run(&mut db, &Scope::All, now() + Duration::days(5)).unwrap();
    let r = reminder::for_customer(db.conn(), lan.id)
        .unwrap()
        .into_iter()
        .find(|r| r.kind == RuleKind::WarrantyExpiring)
        .unwrap();
    let msg = template::prepare(db.conn(), r.id, Locale::Vi, now()).unwrap();
    let end = old.units[0].coverage.end.format("%d/%m/%Y").to_string();
    assert!(
        msg.text.starts_with("Chào chị Lan, bảo hành iPhone 15 128GB (356938035643809)"),
        "{}",
        msg.text
    );
    assert!(msg.text.contains(&format!("hết hạn ngày {end} (còn 30 ngày)")), "{}", msg.text);
    assert!(
        msg.text.contains(" Chị mang máy qua Điện Thoại Minh Anh"),
        "capitalised placeholder: {}",
        msg.text
    );
    assert_eq!(msg.zalo_url.as_deref(), Some("https://zalo.me/0912345678"));
    assert_eq!(msg.tel_url.as_deref(), Some("tel:0912345678"));

    let mut t = template::get(db.conn(), RuleKind::ThankYou, Locale::Vi).unwrap();
    t.body = "Cảm ơn {xung_ho} {ten} đã mua {san_pham} — {giam_gia}".into();
    match template::save(&mut db, &t, STAFF, now()).unwrap_err() {
        khachquen::Error::Validation(f) => assert_eq!(f[0].field, "body.giam_gia"),
        e => panic!("{e}"),
    }
    assert!(
        template::get(db.conn(), RuleKind::ThankYou, Locale::Vi).unwrap().is_default,
        "nothing saved"
    );
    for broken in ["Chào {ten", "Chào ten}", ""] {
        let e =
            template::save(&mut db, &Template { body: broken.into(), ..t.clone() }, STAFF, now())
                .unwrap_err();
        assert_eq!(e.code(), "validation", "{broken:?}");
    }
    t.body = "{Xung_ho} {ten} ơi, {cua_hang} cảm ơn nhé!".into();
    template::save(&mut db, &t, STAFF, now()).unwrap();
    assert_eq!(
        template::preview(db.conn(), &t.body, Some(r.id), now()).unwrap(),
        "Chị Lan ơi, Điện Thoại Minh Anh cảm ơn nhé!"
    );
    assert_eq!(
        template::preview(db.conn(), &t.body, None, now()).unwrap(),
        t.body,
        "no customer: placeholders stay visible"
    );
    let p = template::preview_kind(
        db.conn(),
        "{Xung_ho} {ten}: {han_bao_hanh}",
        RuleKind::WarrantyExpiring,
        now(),
    )
    .unwrap();
    assert_eq!(
        (p.text, p.customer_name.as_deref()),
        (format!("Chị Lan: {end}"), Some("Nguyễn Thị Lan"))
    );
    let none = template::preview_kind(db.conn(), "{ten}", RuleKind::Anniversary, now()).unwrap();
    assert_eq!((none.text.as_str(), none.customer_name), ("{ten}", None), "nobody to fill it with");
    let reset = template::reset(&mut db, RuleKind::ThankYou, Locale::Vi, STAFF, now()).unwrap();
    assert!(reset.is_default);
}

#[test]
fn the_notifier_announces_once_and_keeps_quiet_hours() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let s = CareSettings::default();
    let vn = |d: u32, h: u32, m: u32| {
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).single().unwrap() - Duration::hours(7)
    };
    // Two reminders due at 08:00 tomorrow, one at 14:30.
    for (note, time) in [("Gọi lại", ""), ("Báo giá", ""), ("Hẹn lấy máy", "14:30")] {
        let m = ManualDraft {
            customer_id: lan.id,
            due_on: "24/11/2026".into(),
            due_time: time.into(),
            note: note.into(),
            ..Default::default()
        };
        reminder::create_manual(&mut db, &m, STAFF, now()).unwrap();
    }
    let next = schedule::next_due(db.conn()).unwrap();
    assert_eq!(next, Some(vn(24, 8, 0)));
    // Evening: nothing due before 08:00 tomorrow, and the daily pass at midnight comes first.
    assert_eq!(schedule::step(vn(23, 22, 0), next, &s), Step::SleepUntil(vn(24, 0, 0)));
    assert_eq!(schedule::step(vn(24, 0, 0), next, &s), Step::SleepUntil(vn(24, 8, 0)));
    assert_eq!(schedule::step(vn(24, 8, 0), next, &s), Step::Announce);
    let a = schedule::take_due(&mut db, vn(24, 8, 0)).unwrap();
    assert_eq!((a.reminders, a.customers), (2, 1));
    assert_eq!(schedule::take_due(&mut db, vn(24, 8, 1)).unwrap().reminders, 0, "never twice");
    assert_eq!(schedule::next_due(db.conn()).unwrap(), Some(vn(24, 14, 30)));
    assert_eq!(schedule::waiting(db.conn(), vn(24, 9, 0)).unwrap(), 3);

    // Quiet 21:00–08:00: something due at 23:00 waits for the morning (after the midnight pass).
    let late = Some(vn(24, 23, 0));
    assert_eq!(schedule::step(vn(24, 23, 30), late, &s), Step::SleepUntil(vn(25, 0, 0)));
    assert_eq!(schedule::step(vn(25, 0, 0), late, &s), Step::SleepUntil(vn(25, 8, 0)));
    assert_eq!(schedule::step(vn(25, 8, 0), late, &s), Step::Announce);
    let off = CareSettings { notifications: false, ..s.clone() };
    assert_eq!(schedule::step(vn(25, 9, 0), late, &off), Step::SleepUntil(vn(26, 0, 0)));
    let daytime_quiet = CareSettings { quiet_from: "12:00".into(), quiet_to: "13:30".into(), ..s };
    assert_eq!(schedule::quiet_until(vn(25, 12, 15), &daytime_quiet), Some(vn(25, 13, 30)));
    assert_eq!(schedule::quiet_until(vn(25, 13, 30), &daytime_quiet), None);
}

#[test]
fn every_default_template_uses_known_placeholders_only() {
    for kind in RuleKind::PLANNED.into_iter().chain([RuleKind::Manual]) {
        for locale in [Locale::Vi, Locale::En] {
            let body = template::default_body(kind, locale);
            assert!(template::check(body).is_ok(), "{kind:?} {locale:?}: {body}");
        }
    }
}
