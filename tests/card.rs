//! The card's top: the briefing shows what is open and forgets it once resolved; the timeline
//! holds every kind of event, newest first, filtered and paged by a cursor that stays put.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use khachquen::card::{self, TimelineKind, TimelineQuery, WARRANTY_WINDOW_DAYS};
use khachquen::desk::{self, Counter};
use khachquen::feedback::complaint::{
    self, ComplaintCategory, ComplaintDraft, ComplaintStatus, ComplaintTransition, ResponseDraft,
    Severity,
};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::feedback::promise::{self, PromiseClose, PromiseDraft, PromiseStatus};
use khachquen::feedback::score::{self, FeedbackDraft, Metric};
use khachquen::outreach::reminder::{self, ContactChannel, ManualDraft, Outcome, OutcomeDraft};
use khachquen::outreach::template::Locale;
use khachquen::privacy::Purpose;
use khachquen::sales::policy::ReturnCheck;
use khachquen::sales::returns::{self, ReturnDraft, ReturnOutcome};
use khachquen::sales::ClaimStatus;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;

/// Noon in Vietnam on `day`.
fn on(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_hms_opt(12, 0, 0).expect("noon");
    Utc.from_utc_datetime(&(local - Duration::hours(7)))
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn promise_due(db: &mut Db, customer: i64, text: &str, due: NaiveDate) -> i64 {
    let d = PromiseDraft {
        customer_id: Some(customer),
        text: text.into(),
        owner: STAFF.into(),
        due_on: dmy(due),
    };
    promise::create(db, &d, STAFF, now()).expect("promise").id
}

fn complaint_for(db: &mut Db, customer: i64) -> i64 {
    let d = ComplaintDraft {
        customer_id: Some(customer),
        category: ComplaintCategory::Service,
        severity: Severity::Medium,
        owner: STAFF.into(),
        channel: ContactChannel::InStore,
        summary: "Chờ lâu quá".into(),
        link: Default::default(),
    };
    complaint::open(db, &d, STAFF, now()).expect("complaint").id
}

#[test]
fn the_briefing_shows_what_is_open_and_forgets_it_once_resolved() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912 345 678"]);
    let empty = card::briefing(db.conn(), lan.id, STAFF, now()).unwrap();
    assert!(empty.last_visit.is_none() && empty.repairs.is_empty() && empty.promises.is_empty());
    assert_eq!(empty.consents, vec![Purpose::CareCalls], "the counter agreed care calls");
    assert_eq!(empty.language, Locale::Vi, "Vietnamese unless staff say otherwise");

    let phone = phone_product(&mut db);
    let sale = sell(&mut db, Some(lan.id), phone.id, "IMEI-LAN-1", 3);
    let claim = open_claim(&mut db, sale.units[0].id, 1);
    let kept = promise_due(&mut db, lan.id, "Gọi khi có ốp lưng", today());
    promise_due(&mut db, lan.id, "Đặt size 42", today() + Duration::days(5));
    let case = complaint_for(&mut db, lan.id);

    let b = card::briefing(db.conn(), lan.id, STAFF, now()).unwrap();
    let visit = b.last_visit.expect("the sale is her last visit");
    assert_eq!((visit.receipt_no, visit.products), (sale.receipt_no.clone(), phone.name.clone()));
    assert_eq!(b.repairs.len(), 1);
    assert_eq!(
        (b.repairs[0].code.as_str(), b.repairs[0].status),
        (claim.summary.code.as_str(), ClaimStatus::Received)
    );
    let due: Vec<(&str, bool)> = b.promises.iter().map(|p| (p.text.as_str(), p.overdue)).collect();
    assert_eq!(
        due,
        vec![("Gọi khi có ốp lưng", false)],
        "due today shows; next week's does not yet"
    );
    assert_eq!(b.complaints.iter().map(|c| c.complaint_id).collect::<Vec<_>>(), vec![case]);

    // Two days on, the promise not kept is unkept.
    let later = card::briefing(db.conn(), lan.id, STAFF, now() + Duration::days(2)).unwrap();
    assert!(
        later.promises.iter().any(|p| p.promise_id == kept && p.overdue),
        "past due, open: unkept"
    );

    // Resolved, each leaves the briefing.
    go(&mut db, claim.summary.id, ClaimStatus::Cancelled, 0).unwrap();
    let close = PromiseClose { status: PromiseStatus::Kept, note: String::new() };
    promise::close(&mut db, kept, &close, STAFF, now()).unwrap();
    let done = ComplaintTransition { to: ComplaintStatus::Resolved, note: "Đã xin lỗi".into() };
    complaint::transition(&mut db, case, &done, STAFF, now()).unwrap();
    let b = card::briefing(db.conn(), lan.id, STAFF, now() + Duration::days(2)).unwrap();
    assert!(b.repairs.is_empty(), "a cancelled claim is no open repair: {:?}", b.repairs);
    assert!(b.promises.iter().all(|p| p.promise_id != kept), "a kept promise is gone");
    assert!(b.complaints.is_empty(), "a resolved complaint is gone");
}

#[test]
fn warranties_ending_within_30_days_are_shown_from_the_30th_day_to_the_last() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912 345 678"]);
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, Some(lan.id), phone.id, "IMEI-W", 0);
    let end: NaiveDate = db
        .conn()
        .query_row("SELECT warranty_end FROM unit WHERE id = ?1", [sale.units[0].id], |r| r.get(0))
        .unwrap();
    let shown = |db: &Db, day: NaiveDate| {
        card::briefing(db.conn(), lan.id, STAFF, on(day))
            .unwrap()
            .warranties
            .iter()
            .map(|w| w.days_left)
            .collect::<Vec<_>>()
    };
    let window = WARRANTY_WINDOW_DAYS;
    assert_eq!(
        shown(&db, end - Duration::days(window + 1)),
        Vec::<i64>::new(),
        "31 days left: not yet"
    );
    assert_eq!(shown(&db, end - Duration::days(window)), vec![30], "30 days left: shown");
    assert_eq!(shown(&db, end), vec![0], "the last covered day: shown");
    assert_eq!(shown(&db, end + Duration::days(1)), Vec::<i64>::new(), "expired: gone");
}

#[test]
fn an_alert_is_read_per_version_and_account_and_a_stale_read_is_refused() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912 345 678"]);
    let draft = khachquen::customer::PreferenceDraft {
        category: khachquen::customer::PreferenceCategory::Other,
        value: "Dị ứng hải sản".into(),
        note: String::new(),
        is_alert: true,
    };
    let pref = khachquen::customer::add_preference(&mut db, lan.id, &draft, STAFF, now()).unwrap();
    let alert = |db: &Db, who: &str| card::briefing(db.conn(), lan.id, who, now()).unwrap().alerts;
    let first = alert(&db, STAFF);
    assert_eq!((first.len(), first[0].acknowledged), (1, false));

    let audits = table_count(&db, "audit_log");
    card::acknowledge(&mut db, pref.id, &first[0].version, STAFF, now()).unwrap();
    assert!(alert(&db, STAFF)[0].acknowledged);
    assert!(!alert(&db, "Hoa")[0].acknowledged, "a colleague has not read it yet");
    assert_eq!(table_count(&db, "audit_log"), audits + 1, "the read is audited");
    card::acknowledge(&mut db, pref.id, &first[0].version, STAFF, now()).unwrap();
    assert_eq!(table_count(&db, "audit_log"), audits + 1, "read twice is one read");

    // The note changes: shown again, and the old version can no longer be acknowledged.
    let edited =
        khachquen::customer::PreferenceDraft { value: "Dị ứng tôm cua".into(), ..draft };
    khachquen::customer::update_preference(
        &mut db,
        pref.id,
        &edited,
        STAFF,
        now() + Duration::hours(1),
    )
    .unwrap();
    let again = alert(&db, STAFF);
    assert!(!again[0].acknowledged, "a changed note must be read again");
    let err = card::acknowledge(&mut db, pref.id, &first[0].version, STAFF, now()).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: version (alert_changed)");
    assert_eq!(table_count(&db, "alert_ack"), 1, "nothing written for a stale read");
}

/// Sale, claim moves, a return, a complaint and its response, a score, a touchpoint, a reminder
/// worked, consent: everything at the same instant, so only kind and id order them.
fn busy_customer(db: &mut Db) -> i64 {
    let lan = add(db, "Nguyễn Thị Lan", &["0912 345 678"]);
    let phone = phone_product(db);
    let shirt = shirt_product(db);
    let sale = sell(db, Some(lan.id), phone.id, "IMEI-T", 0);
    let claim = open_claim(db, sale.units[0].id, 0);
    go(db, claim.summary.id, ClaimStatus::Diagnosing, 0).unwrap();
    let shirts = sell(db, Some(lan.id), shirt.id, "", 0);
    let back = ReturnDraft {
        line_id: shirts.lines[0].id,
        quantity: 1,
        check: ReturnCheck { faulty: false, intact: true, has_receipt: true },
        reason: "Không vừa".into(),
        outcome: ReturnOutcome::Refund,
        override_reason: "Khách quen".into(),
        refund_amount: "350k".into(),
        ..ReturnDraft::default()
    };
    returns::record(db, &back, STAFF, now()).expect("the return is recorded");
    let case = complaint_for(db, lan.id);
    let answer =
        ResponseDraft { channel: ContactChannel::Phone, note: "Đã gọi xin lỗi".into() };
    complaint::respond(db, case, &answer, STAFF, now()).unwrap();
    let gift = complaint::GoodwillDraft {
        what: "Phiếu mua hàng".into(),
        value: "200k".into(),
        approved_by: "Chủ Hà".into(),
    };
    complaint::add_goodwill(db, case, &gift, STAFF, now()).unwrap();
    let fb = FeedbackDraft {
        customer_id: Some(lan.id),
        metric: Metric::Csat,
        score: Some(5),
        comment: "Nhân viên nhiệt tình".into(),
        served_by: String::new(),
        link: Default::default(),
    };
    score::record(db, &fb, STAFF, now()).unwrap();
    let touch = InteractionDraft {
        customer_id: Some(lan.id),
        channel: ContactChannel::Zalo,
        inbound: true,
        kind: InteractionKind::Message,
        summary: "Hỏi giờ mở cửa".into(),
        link: Default::default(),
        resolved_first: Some(true),
    };
    interaction::log(db, &touch, STAFF, now()).unwrap();
    let m = ManualDraft {
        customer_id: lan.id,
        due_on: dmy(today()),
        due_time: String::new(),
        note: "Gọi hỏi thăm".into(),
        assignee: String::new(),
    };
    let r = reminder::create_manual(db, &m, STAFF, now()).unwrap();
    let outcome = OutcomeDraft {
        outcome: Outcome::Sent,
        channel: ContactChannel::Zalo,
        note: "Đã nhắn Zalo".into(),
        call_back_on: String::new(),
    };
    reminder::record_outcome(db, r.id, &outcome, STAFF, now()).unwrap();
    lan.id
}

#[test]
fn the_timeline_holds_every_kind_newest_first_and_filters_by_kind() {
    let mut db = db();
    let lan = busy_customer(&mut db);
    let all = TimelineQuery { limit: 100, ..Default::default() };
    let page = card::timeline(db.conn(), lan, &all).unwrap();
    assert!(page.next.is_none(), "everything fits in one page of 100");
    let kinds: std::collections::BTreeSet<&str> =
        page.events.iter().map(|e| e.kind.code()).collect();
    let every: std::collections::BTreeSet<&str> =
        TimelineKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(kinds, every, "every kind of event is on the timeline");
    for w in page.events.windows(2) {
        let key = |e: &card::TimelineEvent| (e.at.clone(), e.kind.code(), e.id);
        assert!(
            key(&w[0]) > key(&w[1]),
            "newest first, ties by kind and id: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    let worked = page.events.iter().find(|e| e.kind == TimelineKind::Reminder).unwrap();
    let gift = page.events.iter().find(|e| e.kind == TimelineKind::Goodwill).unwrap();
    assert_eq!((gift.text.as_str(), gift.value), ("Phiếu mua hàng", Some(200_000)));
    let opens = |k: TimelineKind| {
        let e = page.events.iter().find(|e| e.kind == k).unwrap();
        e.opens.as_ref().map(|t| t.kind.as_str())
    };
    // Each row with a target opens it, as a search result does.
    assert_eq!(opens(TimelineKind::Sale), Some("purchase"));
    assert_eq!(opens(TimelineKind::Claim), Some("claim"));
    assert_eq!(opens(TimelineKind::Return), Some("purchase"));
    assert_eq!(opens(TimelineKind::Complaint), Some("complaint"));
    assert_eq!(opens(TimelineKind::Goodwill), Some("complaint"));
    assert_eq!(opens(TimelineKind::Score), None);
    let touch = page.events.iter().find(|e| e.kind == TimelineKind::Touchpoint).unwrap();
    assert_eq!(touch.value, Some(1), "settled at once, as the old contact list showed");
    let claim = page.events.iter().find(|e| e.kind == TimelineKind::Claim).unwrap();
    let claim_id: i64 = db
        .conn()
        .query_row("SELECT id FROM claim WHERE customer_id = ?1", [lan], |r| r.get(0))
        .unwrap();
    assert_eq!(claim.opens.as_ref().unwrap().id, claim_id, "the claim, not its event");
    assert_eq!((worked.code.as_str(), worked.text.as_str()), ("sent", "Đã nhắn Zalo"));
    let moves: Vec<&str> = page
        .events
        .iter()
        .filter(|e| e.kind == TimelineKind::Claim)
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(moves, vec!["diagnosing", "received"], "each move of the claim, newest first");

    let only = TimelineQuery { kinds: vec![TimelineKind::Claim, TimelineKind::Consent], ..all };
    let filtered = card::timeline(db.conn(), lan, &only).unwrap();
    assert_eq!(filtered.events.len(), moves.len() + 1, "two claim moves and one consent");
    assert!(filtered.events.iter().all(|e| only.kinds.contains(&e.kind)));
}

#[test]
fn the_timeline_pages_by_cursor_and_a_page_stays_put_when_events_arrive() {
    let mut db = db();
    let lan = busy_customer(&mut db);
    let whole = card::timeline(db.conn(), lan, &TimelineQuery { limit: 100, ..Default::default() })
        .unwrap()
        .events;
    assert!(whole.len() > 9, "enough events to page: {}", whole.len());
    let mut seen = Vec::new();
    let mut q = TimelineQuery { limit: 3, ..Default::default() };
    loop {
        let page = card::timeline(db.conn(), lan, &q).unwrap();
        assert!(page.events.len() <= 3);
        seen.extend(page.events);
        if seen.len() == 3 {
            // A new event above the cursor must not shift what the next page holds.
            let touch = InteractionDraft {
                customer_id: Some(lan),
                channel: ContactChannel::Phone,
                inbound: true,
                kind: InteractionKind::Call,
                summary: "Gọi hỏi bảo hành".into(),
                link: Default::default(),
                resolved_first: None,
            };
            interaction::log(&mut db, &touch, STAFF, now() + Duration::minutes(5)).unwrap();
        }
        match page.next {
            Some(c) => q.after = Some(c),
            None => break,
        }
    }
    assert_eq!(
        seen, whole,
        "the pages, joined, are the timeline as it was: nothing lost or repeated"
    );
}

#[test]
fn the_customer_language_chooses_the_template_and_is_audited() {
    let mut db = db();
    let owner = khachquen::staff::first_owner(&mut db, "Chủ Hà", "246810", now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let counter = Counter::new(dir.path().to_path_buf());
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912 345 678"]);
    let m = ManualDraft {
        customer_id: lan.id,
        due_on: dmy(today()),
        due_time: String::new(),
        note: "Gọi hỏi thăm".into(),
        assignee: String::new(),
    };
    let r = reminder::create_manual(&mut db, &m, STAFF, now()).unwrap();
    let text = |db: &mut Db| {
        desk::serve(db, &counter, &owner, now(), |d| d.contact_message(r.id)).unwrap().text
    };
    assert!(text(&mut db).starts_with("Chào"), "Vietnamese by default");

    let audits = table_count(&db, "audit_log");
    let set = desk::serve(&mut db, &counter, &owner, now(), |d| {
        d.set_customer_language(lan.id, Locale::En)
    });
    assert_eq!(set.unwrap(), Locale::En);
    assert_eq!(table_count(&db, "audit_log"), audits + 1, "the change is audited");
    assert!(text(&mut db).starts_with("Hello"), "her messages are now in English");
    // The link opened from the card or Today carries her number; the message beside it is hers.
    let link =
        desk::serve(&mut db, &counter, &owner, now(), |d| d.contact_link(r.id, "zalo")).unwrap();
    assert_eq!(link.0, "https://zalo.me/0912345678");

    let missing =
        desk::serve(&mut db, &counter, &owner, now(), |d| d.set_customer_language(999, Locale::En));
    assert_eq!(missing.unwrap_err().code, "not_found");
}
