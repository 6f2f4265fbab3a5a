use chrono::NaiveDate;
use khachquen::customer::{self, PreferenceCategory, PreferenceDraft};
use khachquen::error::Error;
use khachquen::feedback::complaint::{self, ComplaintCategory, ComplaintDraft, Severity};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::feedback::score::{self, FeedbackDraft, Metric};
use khachquen::io::export::{self, Table};
use khachquen::outreach::reminder::ContactChannel;
use khachquen::privacy::{
    self, ConsentDraft, ConsentMethod, Purpose, RequestDraft, RequestKind, RequestUpdate,
};

use crate::sales_support::*;
use crate::support::*;

fn flags(db: &khachquen::Db, id: i64) -> (bool, bool) {
    db.conn()
        .query_row("SELECT marketing_consent, no_contact FROM customer WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

fn consent(purpose: Purpose, granted: bool) -> ConsentDraft {
    ConsentDraft {
        purpose,
        granted,
        method: Some(ConsentMethod::PaperForm),
        evidence: "Phiếu số 12".into(),
    }
}

#[test]
fn the_ledger_proves_each_consent_and_drives_the_care_flags() {
    let mut db = db();
    let lan = add_unasked(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let states = privacy::consents(db.conn(), lan.id).unwrap();
    assert!(states.iter().all(|s| !s.granted && s.at.is_none()), "never asked is no, not yes");
    let missing = ConsentDraft { method: None, ..consent(Purpose::MarketingZalo, true) };
    assert!(matches!(
        privacy::record_consent(&mut db, lan.id, &missing, STAFF, now()),
        Err(Error::Validation(_))
    ));

    let states = privacy::record_consent(
        &mut db,
        lan.id,
        &consent(Purpose::MarketingZalo, true),
        STAFF,
        now(),
    )
    .unwrap();
    let zalo = states.iter().find(|s| s.purpose == Purpose::MarketingZalo).unwrap();
    assert!(zalo.granted);
    assert_eq!(
        (zalo.method.as_deref(), zalo.text_version.as_deref()),
        (Some("paper_form"), Some("2026-01"))
    );
    assert_eq!(zalo.evidence, "Phiếu số 12");
    assert_eq!(flags(&db, lan.id), (true, false));

    privacy::record_consent(&mut db, lan.id, &consent(Purpose::MarketingZalo, false), STAFF, now())
        .unwrap();
    assert_eq!(flags(&db, lan.id), (false, false), "withdrawn: no more promotions");
    privacy::record_consent(&mut db, lan.id, &consent(Purpose::CareCalls, false), STAFF, now())
        .unwrap();
    assert_eq!(flags(&db, lan.id), (false, true), "care calls withdrawn: no contact at all");
    let rows: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM consent WHERE customer_id = ?1", [lan.id], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 3, "every change is a new ledger row");
}

#[test]
fn requests_carry_their_legal_deadlines() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &[]);
    // Friday 20/11/2026: acknowledged by Tuesday (two working days), done within 15 days.
    let r = privacy::create_request(
        &mut db,
        lan.id,
        &RequestDraft {
            kind: RequestKind::Withdraw,
            received_on: "20/11/2026".into(),
            note: String::new(),
        },
        STAFF,
        now(),
    )
    .unwrap();
    assert_eq!(r.ack_by, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    assert_eq!(r.due_on, NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
    assert!(!r.overdue);
    let late =
        privacy::list_requests(db.conn(), None, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
            .unwrap();
    assert!(late[0].overdue, "not acknowledged by Tuesday");
    let done = privacy::update_request(
        &mut db,
        r.id,
        &RequestUpdate { acknowledged: true, done: true, note: "Đã rút".into() },
        STAFF,
        now(),
    )
    .unwrap();
    assert_eq!(done.done_on, Some(today()));
    assert!(
        privacy::list_requests(db.conn(), None, today()).unwrap().is_empty(),
        "no open requests"
    );
    let future = RequestDraft {
        kind: RequestKind::Access,
        received_on: "01/01/2027".into(),
        note: String::new(),
    };
    assert!(matches!(
        privacy::create_request(&mut db, lan.id, &future, STAFF, now()),
        Err(Error::Validation(_))
    ));
}

#[test]
fn a_restricted_customer_leaves_care_and_exports_until_lifted() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let binh = add(&mut db, "Trần Văn Bình", &["0903111222"]);
    let asked = RequestDraft {
        kind: RequestKind::Restrict,
        received_on: String::new(),
        note: String::new(),
    };
    privacy::create_request(&mut db, lan.id, &asked, STAFF, now()).unwrap();
    privacy::set_restricted(&mut db, lan.id, true, STAFF, now()).unwrap();
    let open = privacy::list_requests(db.conn(), Some(lan.id), today()).unwrap();
    assert!(open[0].done_on.is_some(), "restricting answers the request to restrict");
    let mut out = Vec::new();
    let headers: Vec<String> = Table::Customers.columns().iter().map(|c| (*c).to_owned()).collect();
    export::write_csv(db.conn(), Table::Customers, &headers, &mut out).unwrap();
    let csv = String::from_utf8(out).unwrap();
    assert!(!csv.contains("Lan") && csv.contains("Bình"), "{csv}");
    assert!(flags(&db, lan.id).1, "restricted: no contact");
    // Care calls granted again cannot switch contact back on while restricted.
    crate::support::consent(&mut db, lan.id, Purpose::CareCalls, true);
    assert!(flags(&db, lan.id).1, "restricted: no contact");
    privacy::set_restricted(&mut db, lan.id, false, STAFF, now()).unwrap();
    assert!(!flags(&db, lan.id).1, "lifted: reachable again");
    let _ = binh;
}

/// Every text and blob value in every table, with where it is.
fn all_text(db: &khachquen::Db) -> Vec<(String, String)> {
    let tables: Vec<String> = db
        .conn()
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = db.conn().prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                if let Ok(rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b)) =
                    r.get_ref(i)
                {
                    out.push((t.clone(), String::from_utf8_lossy(b).into_owned()));
                }
            }
        }
    }
    out
}

#[test]
fn erasure_leaves_no_personal_data_in_any_table_index_or_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let mut db = khachquen::Db::open(&path).unwrap();
    let phone = phone_product(&mut db);
    let mut d = draft("Quách Thị Zyxwa", &["0912 345 678", "0283 822 1234"]);
    d.email = "zyxwa.quach@gmail.com".into();
    d.address = "99 Phố Độc Nhất, Hà Nội".into();
    d.notes = "Thích màu tím Zyxwa".into();
    d.birthday = "12/05/1990".into();
    d.tags = vec!["VIP-Zyxwa".into()];
    let c = customer::create(&mut db, &d, STAFF, now()).unwrap();
    // An edit puts the old values in the audit log's before/after.
    let mut d2 = d.clone();
    d2.call_name = "Zyxwa yêu".into();
    customer::update(&mut db, c.id, &d2, STAFF, now()).unwrap();
    customer::add_preference(
        &mut db,
        c.id,
        &PreferenceDraft {
            category: PreferenceCategory::Colour,
            value: "Tím Zyxwa".into(),
            note: String::new(),
            is_alert: false,
        },
        STAFF,
        now(),
    )
    .unwrap();
    let sale = sell(&mut db, Some(c.id), phone.id, "IMEI-KEEP-1", 10);
    open_claim(&mut db, sale.units[0].id, 2);
    interaction::log(
        &mut db,
        &InteractionDraft {
            customer_id: Some(c.id),
            channel: ContactChannel::Phone,
            inbound: true,
            kind: InteractionKind::Call,
            summary: "Chị Zyxwa hỏi về pin".into(),
            link: Default::default(),
            resolved_first: None,
        },
        STAFF,
        now(),
    )
    .unwrap();
    complaint::open(
        &mut db,
        &ComplaintDraft {
            customer_id: Some(c.id),
            category: ComplaintCategory::Service,
            severity: Severity::Medium,
            owner: STAFF.into(),
            channel: ContactChannel::InStore,
            summary: "Zyxwa phàn nàn".into(),
            link: Default::default(),
        },
        STAFF,
        now(),
    )
    .unwrap();
    score::record(
        &mut db,
        &FeedbackDraft {
            customer_id: Some(c.id),
            metric: Metric::Csat,
            score: Some(2),
            comment: "Zyxwa chưa hài lòng".into(),
            served_by: String::new(),
            link: Default::default(),
        },
        STAFF,
        now(),
    )
    .unwrap();
    privacy::record_consent(
        &mut db,
        c.id,
        &ConsentDraft {
            evidence: "Zyxwa ký phiếu".into(), ..consent(Purpose::MarketingSms, true)
        },
        STAFF,
        now(),
    )
    .unwrap();
    khachquen::care::plan::run(&mut db, &khachquen::care::plan::Scope::All, now()).unwrap();
    let asked =
        |kind| RequestDraft { kind, received_on: String::new(), note: "Zyxwa gọi tới".into() };
    for kind in [RequestKind::Delete, RequestKind::Access] {
        privacy::create_request(&mut db, c.id, &asked(kind), STAFF, now()).unwrap();
    }

    privacy::erase(&mut db, c.id, STAFF, now()).unwrap();
    let answered: Vec<(RequestKind, bool)> = privacy::list_requests(db.conn(), Some(c.id), today())
        .unwrap()
        .into_iter()
        .map(|r| (r.kind, r.done_on.is_some()))
        .collect();
    assert!(
        answered.contains(&(RequestKind::Delete, true)),
        "erasure answers the deletion request"
    );
    assert!(answered.contains(&(RequestKind::Access, false)), "other requests stay open");

    let needles = [
        "Zyxwa",
        "zyxwa",
        "0912345678",
        "912345678",
        "02838221234",
        "Độc Nhất",
        "doc nhat",
        "1990-05-12",
        "--05-12",
        "gmail",
    ];
    for (table, text) in all_text(&db) {
        for n in needles {
            assert!(!text.contains(n), "{table} still holds {n:?}: {text}");
        }
    }
    assert!(customer::search(db.conn(), "zyxwa", Default::default()).unwrap().hits.is_empty());
    assert!(customer::search(db.conn(), "345678", Default::default()).unwrap().hits.is_empty());
    // The facts stay: the sale, its warranty unit and claim, attached to an anonymous record.
    let kept = khachquen::sales::for_customer(db.conn(), c.id, today()).unwrap();
    assert_eq!(kept.purchases.len(), 1);
    let card = customer::get(db.conn(), c.id, today()).unwrap();
    assert_eq!(card.full_name, format!("Khách đã xoá #{}", c.id));
    assert!(card.phones.is_empty() && card.email.is_empty());
    drop(db);
    // Nothing readable in the file's bytes either (secure_delete, WAL checkpointed).
    let mut bytes = std::fs::read(&path).unwrap();
    if let Ok(wal) = std::fs::read(dir.path().join("shop.db-wal")) {
        bytes.extend(wal);
    }
    let raw = String::from_utf8_lossy(&bytes);
    for n in ["Zyxwa", "zyxwa", "0912345678", "Độc Nhất", "zyxwa.quach"] {
        assert!(!raw.contains(n), "the file still holds {n:?}");
    }
}

#[test]
fn a_copy_of_what_is_held_gathers_card_sales_care_consents_and_requests() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    sell(&mut db, Some(lan.id), phone.id, "IMEI9", 3);
    privacy::record_consent(&mut db, lan.id, &consent(Purpose::MarketingZalo, true), STAFF, now())
        .unwrap();
    privacy::create_request(
        &mut db,
        lan.id,
        &RequestDraft { kind: RequestKind::Copy, received_on: String::new(), note: String::new() },
        STAFF,
        now(),
    )
    .unwrap();
    let en = khachquen::outreach::template::Locale::En;
    khachquen::card::set_language(&mut db, lan.id, en, STAFF, now()).unwrap();
    let copy = khachquen::desk::subject_copy(db.conn(), lan.id, now()).unwrap();
    assert_eq!(copy.customer.full_name, "Nguyễn Thị Lan");
    let json = serde_json::to_value(&copy).unwrap();
    assert_eq!(json["customer"]["locale"], "en", "the language her messages are written in");
    assert_eq!(copy.purchases_and_warranty.purchases.len(), 1);
    assert!(copy.consents.iter().any(|c| c.purpose == Purpose::MarketingZalo && c.granted));
    assert_eq!(copy.requests.len(), 1);
    let json = serde_json::to_string(&copy).unwrap();
    assert!(json.contains("IMEI9"));
}

#[test]
fn a_consent_ticked_before_the_ledger_is_to_confirm_not_granted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // A database as version 6 left it: one customer ticked as agreeing to marketing, with
        // no record of how; one never asked.
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &khachquen::db::MIGRATIONS[..6] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 6;
             INSERT INTO customer(full_name, call_name, folded_name, folded_call, created_at, updated_at, marketing_consent)
             VALUES ('Nguyễn Thị Lan', 'Lan', 'nguyen thi lan', 'lan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1),
                    ('Trần Văn Bình', 'Bình', 'tran van binh', 'binh', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0);",
        )
        .unwrap();
    }
    let mut db = khachquen::Db::open(&path).unwrap();
    let lan = privacy::consents(db.conn(), 1).unwrap();
    assert!(lan.iter().all(|c| !c.granted), "nothing granted silently");
    let marked: Vec<bool> = lan.iter().map(|c| c.to_confirm).collect();
    assert_eq!(marked, vec![false, true, true, true], "marketing purposes to confirm");
    assert!(privacy::consents(db.conn(), 2).unwrap().iter().all(|c| !c.to_confirm));
    let flag: bool = db
        .conn()
        .query_row("SELECT marketing_consent FROM customer WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert!(!flag, "the planner no longer reads her as consenting");
    // Once recorded, with how, it is consent.
    crate::support::consent(&mut db, 1, Purpose::MarketingZalo, true);
    let lan = privacy::consents(db.conn(), 1).unwrap();
    assert!(lan[1].granted && !lan[1].to_confirm && lan[2].to_confirm);
}
