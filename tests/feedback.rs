//! Interactions, complaints and their service targets, feedback scores and promises.

use chrono::{DateTime, Duration, TimeZone, Utc};
use khachquen::calendar::DayHours;
use khachquen::care::rule::RuleKind;
use khachquen::feedback::complaint::{
    self, ComplaintCategory, ComplaintDraft, ComplaintStatus, ComplaintTransition, GoodwillDraft,
    ResponseDraft, Severity,
};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::feedback::promise::{self, PromiseClose, PromiseDraft, PromiseStatus};
use khachquen::feedback::score::{self, FeedbackDraft, Metric};
use khachquen::feedback::service::{self, ServiceSettings};
use khachquen::feedback::Link;
use khachquen::outreach::reminder::{self, ContactChannel, Outcome, OutcomeDraft, QueueFilter};

use crate::sales_support::*;
use crate::support::*;

/// An instant at the shop (UTC+7).
pub fn vn(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap() - Duration::hours(7)
}

/// Open 08:00–21:00, closed on Sundays, the default holidays and three days of Tết.
fn closed_sundays() -> ServiceSettings {
    let mut s = ServiceSettings::default();
    s.days[6] = DayHours { open: "08:00".into(), close: "21:00".into(), closed: true };
    s
}

#[test]
fn service_targets_count_opening_hours_only() {
    let cal = closed_sundays().calendar();
    // Saturday 20:30 + 2 h: half an hour on Saturday, Sunday closed, 90 minutes on Monday.
    assert_eq!(cal.add(vn(2026, 11, 28, 20, 30), 120), vn(2026, 11, 30, 9, 30));
    // Before opening, the clock starts at 08:00.
    assert_eq!(cal.add(vn(2026, 11, 24, 6, 0), 60), vn(2026, 11, 24, 9, 0));
    // At closing time exactly, the next opening.
    assert_eq!(cal.add(vn(2026, 11, 24, 21, 0), 30), vn(2026, 11, 25, 8, 30));
    // Thursday 29/04/2027 20:00 + 4 h: 30/04 and 01/05 are holidays, 02/05 a Sunday.
    assert_eq!(cal.add(vn(2027, 4, 29, 20, 0), 240), vn(2027, 5, 3, 11, 0));
    // Tết 2027 falls on 06/02: mùng 1–3 closed, so Friday 05/02 20:00 + 2 h ends on Tuesday 09/02.
    assert_eq!(cal.add(vn(2027, 2, 5, 20, 0), 120), vn(2027, 2, 9, 9, 0));
    // Friday 20:00 to Monday 09:00: 60 + 780 (Saturday) + 60.
    assert_eq!(cal.minutes_between(vn(2026, 11, 27, 20, 0), vn(2026, 11, 30, 9, 0)), 900);
    assert_eq!(cal.minutes_between(vn(2026, 11, 30, 9, 0), vn(2026, 11, 27, 20, 0)), 0);
    // Counting back what was added gives the same minutes, from any start.
    for start_hour in [0, 7, 8, 12, 20, 22] {
        for minutes in [1, 59, 780, 781, 5000] {
            let start = vn(2026, 12, 31, start_hour, 15);
            let end = cal.add(start, minutes);
            let opened = if (8..21).contains(&start_hour) { start } else { cal.add(start, 0) };
            assert_eq!(cal.minutes_between(opened, end), minutes, "{start_hour}h + {minutes}");
        }
    }
}

#[test]
fn bad_opening_hours_are_refused_and_nothing_changes() {
    let mut db = db();
    let mut s = ServiceSettings::default();
    s.days[0] = DayHours { open: "21:00".into(), close: "08:00".into(), closed: false };
    s.holidays.push("31/02".into());
    s.complaint_on_lowest = true;
    s.sla[0].respond_hours = 0;
    let err = service::save(&mut db, &s, STAFF, now()).unwrap_err();
    let khachquen::Error::Validation(fields) = err else { panic!("validation") };
    let codes: Vec<(String, String)> = fields.into_iter().map(|f| (f.field, f.code)).collect();
    for expected in [
        ("days.0", "close_before_open"),
        ("holidays.3", "date_invalid"),
        ("complaint_owner", "required"),
        ("sla.critical", "out_of_range"),
    ] {
        assert!(
            codes.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {codes:?}"
        );
    }
    assert_eq!(service::get(db.conn()).unwrap(), ServiceSettings::default());
}

fn complaint_draft(customer: Option<i64>, severity: Severity, owner: &str) -> ComplaintDraft {
    ComplaintDraft {
        customer_id: customer,
        category: ComplaintCategory::Product,
        severity,
        owner: owner.into(),
        channel: ContactChannel::Phone,
        summary: "Máy nóng khi sạc".into(),
        link: Link::default(),
    }
}

/// The queue, less the thank-you and check-in notes the test's sales bring.
fn waiting(db: &khachquen::Db, at: DateTime<Utc>) -> Vec<(RuleKind, String, String)> {
    reminder::today(db.conn(), &QueueFilter::default(), at)
        .unwrap()
        .items
        .into_iter()
        .filter(|r| !matches!(r.kind, RuleKind::ThankYou | RuleKind::CheckIn))
        .map(|r| (r.kind, r.assignee, r.due_at))
        .collect()
}

#[test]
fn a_complaint_is_answered_resolved_and_closed_within_its_targets() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let other = add(&mut db, "Trần Văn Bình", &["0987654321"]);
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, Some(other.id), phone.id, "IMEI1", 3);

    // Without a customer or an owner, and linked to someone else's sale: nothing is saved.
    let err = complaint::open(&mut db, &complaint_draft(None, Severity::High, " "), STAFF, now())
        .unwrap_err();
    let khachquen::Error::Validation(fields) = err else { panic!("validation") };
    let fields: Vec<String> =
        fields.into_iter().map(|f| format!("{}:{}", f.field, f.code)).collect();
    assert_eq!(fields, ["customer_id:required", "owner:required"]);
    let linked = ComplaintDraft {
        link: Link { purchase_id: Some(sale.id), claim_id: None },
        ..complaint_draft(Some(lan.id), Severity::High, "Hoa")
    };
    assert_eq!(
        complaint::open(&mut db, &linked, STAFF, now()).unwrap_err().to_string(),
        "invalid input: purchase_id (other_customer)"
    );
    assert_eq!(table_count(&db, "complaint"), 0);
    assert_eq!(table_count(&db, "interaction"), 0);

    // High: answer within 2 opening hours, resolve within 24. Opened Monday 10:00.
    let k = complaint::open(
        &mut db,
        &complaint_draft(Some(lan.id), Severity::High, "Hoa"),
        STAFF,
        now(),
    )
    .unwrap();
    assert_eq!((k.code.as_str(), k.status), ("KN000001", ComplaintStatus::Open));
    assert_eq!(k.respond_by, "2026-11-23T05:00:00Z", "12:00 the same day");
    // 24 opening hours: 11 on Monday from 10:00, 13 on Tuesday, so Tuesday 21:00.
    assert_eq!(k.resolve_by, "2026-11-24T14:00:00Z");
    assert_eq!(k.minutes_left, Some(120));
    // It is in the owner's Today queue at once (the target is within the 2-hour warning).
    assert_eq!(
        waiting(&db, now()),
        [(RuleKind::ComplaintDue, "Hoa".into(), "2026-11-23T03:00:00Z".into())]
    );

    // An answer half an hour later: the response clock stops at 30 minutes.
    let empty = ResponseDraft { channel: ContactChannel::Phone, note: "  ".into() };
    assert_eq!(
        complaint::respond(&mut db, k.id, &empty, STAFF, now()).unwrap_err().code(),
        "validation"
    );
    let at = now() + Duration::minutes(30);
    let answer = ResponseDraft {
        channel: ContactChannel::Phone,
        note: "Đã hẹn chị mang máy qua".into(),
    };
    let k = complaint::respond(&mut db, k.id, &answer, STAFF, at).unwrap();
    assert_eq!(
        (k.status, k.response_minutes, k.response_breached),
        (ComplaintStatus::InProgress, Some(30), false)
    );
    // Now the reminder is about the resolution, two opening hours before it is due.
    assert!(waiting(&db, at).is_empty());
    let upcoming = reminder::for_customer(db.conn(), lan.id).unwrap();
    assert_eq!(upcoming.len(), 1);
    assert_eq!(
        (upcoming[0].kind, upcoming[0].due_at.as_str()),
        (RuleKind::ComplaintDue, "2026-11-24T12:00:00Z")
    );

    // Goodwill needs what, a readable value and who approved it.
    let bad = GoodwillDraft {
        what: "Phiếu mua hàng".into(),
        value: "hai trăm".into(),
        approved_by: String::new(),
    };
    assert_eq!(
        complaint::add_goodwill(&mut db, k.id, &bad, STAFF, at).unwrap_err().to_string(),
        "invalid input: value (amount_invalid), approved_by (required)"
    );
    let gift =
        GoodwillDraft { value: "200k".into(), approved_by: "Chủ cửa hàng".into(), ..bad };
    let k = complaint::add_goodwill(&mut db, k.id, &gift, STAFF, at).unwrap();
    assert_eq!(k.goodwill_total, 200_000);

    // Resolving needs a word on what was done; three hours after opening it is within target.
    let resolve =
        |note: &str| ComplaintTransition { to: ComplaintStatus::Resolved, note: note.into() };
    let done_at = now() + Duration::hours(3);
    assert_eq!(
        complaint::transition(&mut db, k.id, &resolve(""), STAFF, done_at).unwrap_err().code(),
        "validation"
    );
    let k = complaint::transition(&mut db, k.id, &resolve("Đổi máy mới"), STAFF, done_at).unwrap();
    assert_eq!(
        (k.resolution_minutes, k.resolution_breached, k.minutes_left),
        (Some(180), false, None)
    );
    assert!(
        reminder::for_customer(db.conn(), lan.id).unwrap().is_empty(),
        "resolved: no reminder left"
    );
    let close = ComplaintTransition { to: ComplaintStatus::Closed, note: String::new() };
    let k = complaint::transition(&mut db, k.id, &close, STAFF, done_at).unwrap();
    assert_eq!(k.status, ComplaintStatus::Closed);
    let reopen =
        ComplaintTransition { to: ComplaintStatus::InProgress, note: "Lại nóng".into() };
    assert_eq!(
        complaint::transition(&mut db, k.id, &reopen, STAFF, done_at).unwrap_err().code(),
        "forbidden_transition"
    );
    let steps: Vec<ComplaintStatus> = k.events.iter().map(|e| e.to_status).collect();
    use ComplaintStatus::*;
    assert_eq!(steps, [Open, InProgress, Resolved, Closed]);
    // The complaint and the answer are on the timeline, linked to the case.
    let timeline = interaction::timeline(db.conn(), lan.id, 10).unwrap();
    let kinds: Vec<(&str, &str, &str)> = timeline
        .iter()
        .map(|i| (i.kind.as_str(), i.direction.as_str(), i.about.as_str()))
        .collect();
    assert_eq!(kinds, [("call", "outbound", "KN000001"), ("complaint", "inbound", "KN000001")]);
}

#[test]
fn a_missed_target_shows_as_breached_and_a_call_from_today_answers() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let k = complaint::open(
        &mut db,
        &complaint_draft(Some(lan.id), Severity::Critical, "Minh"),
        STAFF,
        now(),
    )
    .unwrap();
    let late = now() + Duration::hours(2);
    let seen = complaint::get(db.conn(), k.id, late).unwrap();
    assert!(seen.response_breached && !seen.resolution_breached);
    assert_eq!(seen.minutes_left, Some(-60));
    let live = complaint::list(
        db.conn(),
        &complaint::ComplaintFilter { live_only: true, ..Default::default() },
        late,
    )
    .unwrap();
    assert_eq!(live.len(), 1);

    // Reaching the customer from the Today queue counts as the first response.
    let r = &reminder::today(db.conn(), &QueueFilter::default(), late).unwrap().items[0];
    let reached = OutcomeDraft {
        outcome: Outcome::Reached,
        channel: ContactChannel::Zalo,
        note: "Xin lỗi chị, chiều nay kỹ thuật qua".into(),
        call_back_on: String::new(),
    };
    reminder::record_outcome(&mut db, r.id, &reached, STAFF, late).unwrap();
    let k = complaint::get(db.conn(), k.id, late).unwrap();
    assert_eq!((k.status, k.response_minutes), (ComplaintStatus::InProgress, Some(120)));
    assert!(k.response_breached, "answered after the 1-hour target");
}

fn score(customer: i64, metric: Metric, value: i64) -> FeedbackDraft {
    FeedbackDraft {
        customer_id: Some(customer),
        metric,
        score: Some(value),
        comment: String::new(),
        served_by: "Hoa".into(),
        link: Link::default(),
    }
}

#[test]
fn scores_out_of_range_are_refused_and_a_low_one_plans_a_follow_up() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    for (metric, value) in [
        (Metric::Csat, 0),
        (Metric::Csat, 6),
        (Metric::Nps, 11),
        (Metric::Nps, -1),
        (Metric::Ces, 8),
    ] {
        let err = score::record(&mut db, &score(lan.id, metric, value), STAFF, now()).unwrap_err();
        assert_eq!(err.to_string(), "invalid input: score (out_of_range)", "{metric:?} {value}");
    }
    let none = FeedbackDraft { score: None, customer_id: None, ..score(lan.id, Metric::Csat, 1) };
    assert_eq!(
        score::record(&mut db, &none, STAFF, now()).unwrap_err().to_string(),
        "invalid input: score (required), customer_id (required)"
    );
    assert_eq!(table_count(&db, "feedback"), 0);

    let good = score::record(&mut db, &score(lan.id, Metric::Csat, 4), STAFF, now()).unwrap();
    assert!(!good.low && good.follow_up_id.is_none());
    let low = FeedbackDraft { comment: "Chờ lâu quá".into(), ..score(lan.id, Metric::Csat, 2) };
    let low = score::record(&mut db, &low, STAFF, now()).unwrap();
    assert!(low.low);
    assert_eq!(low.complaint_code, None, "no complaint unless the shop asks for it");
    let queue = reminder::today(db.conn(), &QueueFilter::default(), now()).unwrap();
    assert_eq!(queue.items.len(), 1);
    assert_eq!(Some(queue.items[0].id), low.follow_up_id);
    assert_eq!(
        (queue.items[0].kind, queue.items[0].subject_label.as_str()),
        (RuleKind::LowScore, "CSAT 2 · Chờ lâu quá")
    );

    // With complaints on the lowest scores, an NPS of 2 also opens one for the chosen owner.
    let s = ServiceSettings {
        complaint_on_lowest: true,
        complaint_owner: "Minh".into(),
        ..ServiceSettings::default()
    };
    service::save(&mut db, &s, STAFF, now()).unwrap();
    let worst = score::record(&mut db, &score(lan.id, Metric::Nps, 2), STAFF, now()).unwrap();
    assert_eq!(worst.complaint_code.as_deref(), Some("KN000001"));
    let k = complaint::get(db.conn(), 1, now()).unwrap();
    assert_eq!(
        (k.owner.as_str(), k.severity, k.summary.as_str()),
        ("Minh", Severity::High, "NPS 2/10")
    );
    let seven = score::record(&mut db, &score(lan.id, Metric::Nps, 7), STAFF, now()).unwrap();
    assert!(!seven.low, "7 is passive, above the default threshold of 6");
}

#[test]
fn promises_are_tracked_to_kept_or_broken() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let draft = |due: &str| PromiseDraft {
        customer_id: Some(lan.id),
        text: "Đặt size 42 về".into(),
        owner: "Hoa".into(),
        due_on: due.into(),
    };
    assert_eq!(
        promise::create(&mut db, &draft("20/11/2026"), STAFF, now()).unwrap_err().to_string(),
        "invalid input: due_on (date_in_past)"
    );
    let empty = PromiseDraft { text: " ".into(), owner: String::new(), ..draft("ngày mai") };
    assert_eq!(
        promise::create(&mut db, &empty, STAFF, now()).unwrap_err().to_string(),
        "invalid input: text (required), owner (required), due_on (date_invalid)"
    );
    assert_eq!(table_count(&db, "promise"), 0);

    let p = promise::create(&mut db, &draft("25/11/2026"), STAFF, now()).unwrap();
    assert!(waiting(&db, now()).is_empty(), "not due before its day");
    let on_the_day = now() + Duration::days(2);
    let due = reminder::today(
        db.conn(),
        &QueueFilter { assignee: "Hoa".into(), ..Default::default() },
        on_the_day,
    )
    .unwrap();
    assert_eq!(due.items.len(), 1);
    assert_eq!(
        (due.items[0].kind, due.items[0].subject_label.as_str()),
        (RuleKind::PromiseDue, "Đặt size 42 về")
    );
    // Done from Today: the promise is kept.
    let done = OutcomeDraft {
        outcome: Outcome::Done,
        channel: ContactChannel::InStore,
        note: "Đã có hàng".into(),
        call_back_on: String::new(),
    };
    reminder::record_outcome(&mut db, due.items[0].id, &done, STAFF, on_the_day).unwrap();
    assert_eq!(promise::get(db.conn(), p.id, on_the_day).unwrap().status, PromiseStatus::Kept);

    // Broken needs the reason; a settled promise cannot be settled again.
    let q = promise::create(
        &mut db,
        &PromiseDraft { text: "Gọi lại thứ Ba".into(), ..draft("24/11/2026") },
        STAFF,
        now(),
    )
    .unwrap();
    assert!(promise::get(db.conn(), q.id, now() + Duration::days(2)).unwrap().overdue);
    let broken = PromiseClose { status: PromiseStatus::Broken, note: String::new() };
    assert_eq!(
        promise::close(&mut db, q.id, &broken, STAFF, now()).unwrap_err().code(),
        "validation"
    );
    let broken = PromiseClose { note: "Quên gọi".into(), ..broken };
    assert_eq!(
        promise::close(&mut db, q.id, &broken, STAFF, now()).unwrap().status,
        PromiseStatus::Broken
    );
    assert_eq!(
        promise::close(&mut db, q.id, &broken, STAFF, now()).unwrap_err().code(),
        "forbidden_transition"
    );
    let listed: Vec<PromiseStatus> =
        promise::for_customer(db.conn(), lan.id, now()).unwrap().iter().map(|p| p.status).collect();
    assert_eq!(listed.len(), 2);
}

#[test]
fn touchpoints_are_logged_with_their_subject() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let binh = add(&mut db, "Trần Văn Bình", &["0987654321"]);
    let phone = phone_product(&mut db);
    let mine = sell(&mut db, Some(lan.id), phone.id, "IMEI1", 3);
    let theirs = sell(&mut db, Some(binh.id), phone.id, "IMEI2", 3);
    let draft = |kind, link: Link| InteractionDraft {
        customer_id: Some(lan.id),
        channel: ContactChannel::Zalo,
        inbound: true,
        kind,
        summary: "Hỏi cách cài eSIM".into(),
        link,
        resolved_first: Some(true),
    };
    let wrong =
        draft(InteractionKind::Complaint, Link { purchase_id: Some(theirs.id), claim_id: None });
    assert_eq!(
        interaction::log(&mut db, &wrong, STAFF, now()).unwrap_err().to_string(),
        "invalid input: kind (use_dedicated_form), purchase_id (other_customer)"
    );
    let ok = draft(InteractionKind::Message, Link { purchase_id: Some(mine.id), claim_id: None });
    let i = interaction::log(&mut db, &ok, STAFF, now()).unwrap();
    assert_eq!(
        (i.kind.as_str(), i.about.as_str(), i.resolved_first),
        ("message", mine.receipt_no.as_str(), Some(true))
    );
    let card = khachquen::customer::get(db.conn(), lan.id, today()).unwrap();
    assert!(card.last_contact_at.is_some(), "a touchpoint counts as contact");
}

#[test]
fn a_new_severity_resets_the_targets_from_opening() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let k = complaint::open(
        &mut db,
        &complaint_draft(Some(lan.id), Severity::Low, "Hoa"),
        STAFF,
        now(),
    )
    .unwrap();
    assert_eq!(k.respond_by, "2026-11-23T11:00:00Z", "8 opening hours: 18:00");
    let edit = |owner: &str| complaint::ComplaintEdit {
        category: ComplaintCategory::Warranty,
        severity: Severity::Critical,
        owner: owner.into(),
    };
    let later = now() + Duration::minutes(20);
    assert_eq!(
        complaint::edit(&mut db, k.id, &edit(" "), STAFF, later).unwrap_err().to_string(),
        "invalid input: owner (required)"
    );
    let k = complaint::edit(&mut db, k.id, &edit("Minh"), STAFF, later).unwrap();
    assert_eq!((k.respond_by.as_str(), k.owner.as_str()), ("2026-11-23T04:00:00Z", "Minh"));
    let queue = reminder::today(
        db.conn(),
        &QueueFilter { assignee: "Minh".into(), ..Default::default() },
        later,
    )
    .unwrap();
    assert_eq!(
        (queue.items[0].kind, queue.items[0].assignee.as_str()),
        (RuleKind::ComplaintDue, "Minh"),
        "the reminder follows the owner"
    );
    let resolve = ComplaintTransition { to: ComplaintStatus::Resolved, note: "Xong".into() };
    complaint::transition(&mut db, k.id, &resolve, STAFF, later).unwrap();
    assert_eq!(
        complaint::edit(&mut db, k.id, &edit("Hoa"), STAFF, later).unwrap_err().code(),
        "forbidden_transition"
    );
}

#[test]
fn a_complaint_is_answered_even_for_a_customer_who_wants_no_other_contact() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    crate::support::consent(&mut db, lan.id, khachquen::privacy::Purpose::CareCalls, false);
    complaint::open(&mut db, &complaint_draft(Some(lan.id), Severity::High, "Hoa"), STAFF, now())
        .unwrap();
    assert_eq!(waiting(&db, now()).len(), 1, "the owner is reminded to answer");
    let low = score::record(&mut db, &score(lan.id, Metric::Csat, 1), STAFF, now()).unwrap();
    assert!(low.low && low.follow_up_id.is_none(), "but no follow-up call is planned");
}

/// A fresh case brought to `status` by the moves a person would make.
fn case_in(db: &mut khachquen::Db, customer: i64, status: ComplaintStatus) -> i64 {
    use ComplaintStatus::*;
    let k =
        complaint::open(db, &complaint_draft(Some(customer), Severity::Low, "Hoa"), STAFF, now())
            .unwrap();
    let path: &[ComplaintStatus] = match status {
        Open => &[],
        InProgress => &[InProgress],
        WaitingCustomer => &[WaitingCustomer],
        Resolved => &[Resolved],
        Closed => &[Resolved, Closed],
    };
    for to in path {
        let step = ComplaintTransition { to: *to, note: "Đã xử lý".into() };
        complaint::transition(db, k.id, &step, STAFF, now()).unwrap();
    }
    k.id
}

#[test]
fn the_moves_a_case_offers_are_exactly_the_moves_the_core_accepts() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    for from in ComplaintStatus::ALL {
        for to in ComplaintStatus::ALL {
            let id = case_in(&mut db, lan.id, from);
            let offered = complaint::get(db.conn(), id, now()).unwrap().allowed_moves;
            let step = ComplaintTransition { to, note: "Khách đồng ý".into() };
            let accepted = match complaint::transition(&mut db, id, &step, STAFF, now()) {
                Ok(_) => true,
                Err(e) => {
                    assert_eq!(e.code(), "forbidden_transition", "{from:?} → {to:?}: {e}");
                    false
                }
            };
            assert_eq!(
                offered.contains(&to),
                accepted,
                "{from:?} → {to:?}: the UI offers a move exactly when the core takes it"
            );
        }
    }
}

#[test]
fn the_core_tells_how_near_a_case_is_to_its_target() {
    use complaint::TargetState;
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let open = |db: &mut khachquen::Db, severity| {
        complaint::open(db, &complaint_draft(Some(lan.id), severity, "Hoa"), STAFF, now()).unwrap()
    };
    // High: two opening hours to answer, more than the hour that counts as soon.
    let high = open(&mut db, Severity::High);
    assert_eq!((high.minutes_left, high.target_state), (Some(120), TargetState::Ok));
    // Critical: one hour to answer, which is due soon; an hour later, exactly due, still soon.
    let critical = open(&mut db, Severity::Critical);
    assert_eq!((critical.minutes_left, critical.target_state), (Some(60), TargetState::Soon));
    let at = |minutes| now() + Duration::minutes(minutes);
    let state = |db: &khachquen::Db, id, minutes| {
        complaint::get(db.conn(), id, at(minutes)).unwrap().target_state
    };
    assert_eq!(state(&db, critical.id, 60), TargetState::Soon, "0 minutes left is not late yet");
    assert_eq!(state(&db, critical.id, 61), TargetState::Breached);
    assert_eq!(state(&db, high.id, 60), TargetState::Soon);
    // Resolved in time: done; resolved after a missed answer: breached for good.
    let resolve = ComplaintTransition { to: ComplaintStatus::Resolved, note: "Đổi máy".into() };
    let done = complaint::transition(&mut db, high.id, &resolve, STAFF, at(30)).unwrap();
    assert_eq!((done.minutes_left, done.target_state), (None, TargetState::Done));
    let late = complaint::transition(&mut db, critical.id, &resolve, STAFF, at(90)).unwrap();
    assert_eq!(late.target_state, TargetState::Breached, "answered after its 1-hour target");
    assert!(late.allowed_moves.contains(&ComplaintStatus::Closed));
}
