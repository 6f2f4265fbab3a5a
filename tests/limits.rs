//! Every free text a command accepts has a length limit: one too long is refused with
//! `too_long` on its field, and nothing is written. One test per domain.

use khachquen::care::rule::{self, RuleKind};
use khachquen::customer::{self, CustomerDraft, PhoneDraft};
use khachquen::error::Error;
use khachquen::feedback::complaint::{self, ComplaintCategory, ComplaintDraft, Severity};
use khachquen::feedback::service;
use khachquen::io::export::{self, Table};
use khachquen::io::import::{self, Preset};
use khachquen::outreach::reminder::{self, ContactChannel, ManualDraft, Outcome, OutcomeDraft};
use khachquen::outreach::template::{self, Locale, Template};
use khachquen::privacy::{self, RequestDraft, RequestKind, RequestUpdate};
use khachquen::report::segment::{self, CampaignDraft, SegmentKind};
use khachquen::sales::claim::{self, ClaimDraft, TransitionDraft};
use khachquen::sales::policy::ReturnCheck;
use khachquen::sales::product::{self, ProductDraft};
use khachquen::sales::returns::{self, ReturnDraft, ReturnOutcome};
use khachquen::sales::{purchase, ClaimStatus};
use khachquen::staff::{self, Actor, Role};

use crate::sales_support::*;
use crate::support::*;

fn long(n: usize) -> String {
    "ắ".repeat(n)
}

/// The call was refused for `field` being too long.
#[track_caller]
fn refused<T: std::fmt::Debug>(r: khachquen::Result<T>, field: &str) {
    match r {
        Err(Error::Validation(f)) => assert!(
            f.iter().any(|e| e.field == field && e.code == "too_long"),
            "{field} should be too_long: {f:?}"
        ),
        other => panic!("{field} should be refused as too long, got {other:?}"),
    }
}

fn rows(db: &khachquen::Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn customers_a_typed_phone_is_bounded_and_a_long_query_is_cut_not_refused() {
    let mut db = db();
    let before = table_count(&db, "customer");
    let d = CustomerDraft {
        full_name: "Nguyễn Thị Lan".into(),
        phones: vec![PhoneDraft { raw: format!("0912345678 {}", long(40)), is_primary: true }],
        ..CustomerDraft::default()
    };
    refused(customer::create(&mut db, &d, STAFF, now()), "phones.0");
    assert_eq!(table_count(&db, "customer"), before);
    add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let pasted = format!("lan {}", "nguyen ".repeat(100_000));
    let r = customer::search(db.conn(), &pasted, Default::default()).unwrap();
    assert!(r.hits.len() <= 1, "cut to 200 characters, searched, no panic");
    assert_eq!(names(&db, &format!("lan{}", " ".repeat(500))), vec!["Nguyễn Thị Lan".to_owned()]);
}

#[test]
fn sales_void_reason_category_and_override_reason_are_bounded() {
    let mut db = db();
    let shirt = shirt_product(&mut db);
    let sale = sell(&mut db, None, shirt.id, "", 60);
    refused(purchase::void(&mut db, sale.id, &long(501), STAFF, now()), "reason");
    let kept = purchase::get(db.conn(), sale.id, today()).unwrap();
    assert!(kept.voided_at.is_none() && kept.revisions.is_empty(), "not voided, no revision");
    purchase::void(&mut db, sale.id, &long(500), STAFF, now()).unwrap();

    let products = table_count(&db, "product");
    let d = ProductDraft {
        name: "Áo khoác".into(),
        category: long(101),
        price: "100k".into(),
        ..ProductDraft::default()
    };
    refused(product::save(&mut db, None, &d, STAFF, now()), "category");
    assert_eq!(table_count(&db, "product"), products);

    let sale = sell(&mut db, None, shirt.id, "", 60);
    let d = ReturnDraft {
        line_id: sale.lines[0].id,
        check: ReturnCheck { faulty: false, intact: false, has_receipt: true },
        reason: "Không vừa".into(),
        outcome: ReturnOutcome::Refund,
        override_reason: long(501),
        refund_amount: "100k".into(),
        ..ReturnDraft::default()
    };
    refused(returns::record(&mut db, &d, STAFF, now()), "override_reason");
    refused(
        returns::record(&mut db, &ReturnDraft { reason: long(2001), ..d }, STAFF, now()),
        "reason",
    );
    assert_eq!(table_count(&db, "return_case"), 0);
}

#[test]
fn claims_notes_and_names_are_bounded() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "IMEILIMIT1", 10);
    let d = ClaimDraft {
        unit_id: sale.units[0].id,
        symptom: "Không lên nguồn".into(),
        technician: long(201),
        ..ClaimDraft::default()
    };
    refused(claim::open(&mut db, &d, STAFF, now()), "technician");
    refused(
        claim::open(&mut db, &ClaimDraft { accessories: long(2001), ..d.clone() }, STAFF, now()),
        "accessories",
    );
    assert_eq!(table_count(&db, "claim"), 0);
    let k =
        claim::open(&mut db, &ClaimDraft { technician: String::new(), ..d }, STAFF, now()).unwrap();
    let step = TransitionDraft {
        to: ClaimStatus::Diagnosing,
        note: long(2001),
        ..TransitionDraft::default()
    };
    refused(claim::transition(&mut db, k.summary.id, &step, STAFF, now()), "note");
    let step = TransitionDraft { note: String::new(), service_center: long(201), ..step };
    refused(claim::transition(&mut db, k.summary.id, &step, STAFF, now()), "service_center");
    assert_eq!(table_count(&db, "claim_event"), 1, "only the intake");
}

#[test]
fn care_notes_assignees_templates_and_rule_categories_are_bounded() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let due_on = today().format("%d/%m/%Y").to_string();
    let d = ManualDraft {
        customer_id: lan.id,
        due_on,
        note: "Gọi lại".into(),
        assignee: long(101),
        ..ManualDraft::default()
    };
    refused(reminder::create_manual(&mut db, &d, STAFF, now()), "assignee");
    refused(
        reminder::create_manual(
            &mut db,
            &ManualDraft { note: long(1001), assignee: String::new(), ..d.clone() },
            STAFF,
            now(),
        ),
        "note",
    );
    assert_eq!(table_count(&db, "reminder"), 0);
    let r = reminder::create_manual(
        &mut db,
        &ManualDraft { assignee: STAFF.into(), ..d },
        STAFF,
        now(),
    )
    .unwrap();
    let outcome = OutcomeDraft {
        outcome: Outcome::Reached,
        channel: ContactChannel::Phone,
        note: long(1001),
        call_back_on: String::new(),
    };
    refused(reminder::record_outcome(&mut db, r.id, &outcome, STAFF, now()), "note");
    assert_eq!(table_count(&db, "interaction"), 0);

    let t = Template {
        kind: RuleKind::Birthday,
        locale: Locale::Vi,
        body: long(2001),
        is_default: false,
    };
    refused(template::save(&mut db, &t, STAFF, now()), "body");
    refused(template::preview_kind(db.conn(), &t.body, t.kind, now()), "body");
    assert_eq!(table_count(&db, "message_template"), 0);

    let mut rule = rule::get(db.conn(), RuleKind::CheckIn).unwrap();
    rule.params.by_category.insert(long(101), 3);
    refused(rule::save(&mut db, &rule, STAFF, now()), "by_category");
    assert_eq!(table_count(&db, "care_rule"), 0);
}

#[test]
fn feedback_owners_campaigns_and_settings_are_bounded() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let d = ComplaintDraft {
        customer_id: Some(lan.id),
        category: ComplaintCategory::Service,
        severity: Severity::Medium,
        owner: long(101),
        channel: ContactChannel::InStore,
        summary: "Chờ lâu".into(),
        link: Default::default(),
    };
    refused(complaint::open(&mut db, &d, STAFF, now()), "owner");
    refused(
        complaint::open(
            &mut db,
            &ComplaintDraft { owner: STAFF.into(), summary: long(2001), ..d },
            STAFF,
            now(),
        ),
        "summary",
    );
    assert_eq!(table_count(&db, "complaint"), 0);

    let campaign = CampaignDraft {
        segment: SegmentKind::MarketingConsent,
        channel: khachquen::privacy::Purpose::MarketingZalo,
        name: long(101),
        body: "Chào {xung_ho} {ten}".into(),
        due_on: today().format("%d/%m/%Y").to_string(),
        assignee: String::new(),
        store: None,
    };
    refused(segment::create_campaign(&mut db, &campaign, STAFF, now()), "name");
    let campaign = CampaignDraft { name: "Tri ân".into(), body: long(2001), ..campaign };
    refused(segment::create_campaign(&mut db, &campaign, STAFF, now()), "body");
    let campaign = CampaignDraft { body: "Chào".into(), assignee: long(101), ..campaign };
    refused(segment::create_campaign(&mut db, &campaign, STAFF, now()), "assignee");
    assert_eq!(table_count(&db, "campaign"), 0);

    let before = service::get(db.conn()).unwrap();
    let s = service::ServiceSettings { complaint_owner: long(101), ..before.clone() };
    refused(service::save(&mut db, &s, STAFF, now()), "complaint_owner");
    assert_eq!(service::get(db.conn()).unwrap(), before);
}

#[test]
fn privacy_request_notes_are_bounded() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &[]);
    let d =
        RequestDraft { kind: RequestKind::Access, received_on: String::new(), note: long(2001) };
    refused(privacy::create_request(&mut db, lan.id, &d, STAFF, now()), "note");
    assert_eq!(table_count(&db, "data_request"), 0);
    let r = privacy::create_request(
        &mut db,
        lan.id,
        &RequestDraft { note: "Gọi tới".into(), ..d },
        STAFF,
        now(),
    )
    .unwrap();
    let u = RequestUpdate { acknowledged: true, done: true, note: long(2001) };
    refused(privacy::update_request(&mut db, r.id, &u, STAFF, now()), "note");
    let kept = privacy::list_requests(db.conn(), Some(lan.id), today()).unwrap();
    assert_eq!((kept[0].note.as_str(), kept[0].done_on), ("Gọi tới", None));
}

#[test]
fn staff_a_reveal_reason_is_bounded_and_not_logged() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let hoa = Actor {
        id: 2,
        name: "Hoa".into(),
        role: Role::Staff,
        permissions: vec![],
        must_change_pin: false,
        key: None,
    };
    let audited = rows(&db, "SELECT count(*) FROM audit_log");
    refused(staff::reveal_phones(&mut db, lan.id, &long(101), &hoa, now()), "reason");
    assert_eq!(rows(&db, "SELECT count(*) FROM audit_log"), audited);
    staff::reveal_phones(&mut db, lan.id, "call", &hoa, now()).unwrap();
    assert_eq!(rows(&db, "SELECT count(*) FROM audit_log"), audited + 1);
}

#[test]
fn import_presets_and_export_headers_are_bounded() {
    let mut db = db();
    let p = Preset { name: long(61), fields: vec![("ten".into(), None)] };
    refused(import::save_preset(&mut db, &p, STAFF, now()), "name");
    let p = Preset { name: "KiotViet cũ".into(), fields: vec![(long(101), None)] };
    refused(import::save_preset(&mut db, &p, STAFF, now()), "headers");
    assert_eq!(table_count(&db, "import_preset"), 0);

    let mut headers: Vec<String> = Table::Claims.columns().iter().map(|c| c.to_string()).collect();
    headers[0] = long(101);
    let mut out = Vec::new();
    refused(export::write_csv(db.conn(), Table::Claims, &headers, &mut out), "headers");
    assert!(out.is_empty(), "nothing written");
}
