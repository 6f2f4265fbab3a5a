use khachquen::customer::{self, AddressAs, CustomerDraft, PhoneDraft, MAX_NAME, MAX_NOTES};
use khachquen::text::phone::PhoneKind;
use khachquen::Error;

use crate::support::*;

fn codes(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn create_normalises_and_defaults_call_name_and_greeting() {
    let mut db = db();
    let d = CustomerDraft {
        full_name: "  Đặng Thị Ngọc  Ha\u{0302}\u{0300}n ".into(),
        address_as: "Chị".into(),
        phones: vec![PhoneDraft { raw: "0912.345.678".into(), is_primary: false }],
        birthday: "26/11/1990".into(),
        tags: vec!["VIP".into(), "vip".into(), " Khách quen ".into()],
        ..CustomerDraft::default()
    };
    let c = customer::create(&mut db, &d, STAFF, now()).expect("valid draft saves");
    assert_eq!(c.full_name, "Đặng Thị Ngọc Hần", "stored NFC with spacing collapsed");
    assert_eq!(c.call_name, "Hần", "call name defaults to the given name");
    assert_eq!(c.greeting, "chị Hần");
    assert_eq!(c.address_as, AddressAs::Chi);
    assert_eq!(c.phones[0].canonical, "0912345678");
    assert_eq!(c.phones[0].raw, "0912.345.678", "raw text is kept as typed");
    assert_eq!(c.phones[0].display, "0912 345 678");
    assert!(c.phones[0].is_primary);
    assert_eq!(c.birthday_display, "26/11/1990");
    assert_eq!(c.days_to_birthday, Some(3), "23/11 → 26/11 is in 3 days");
    assert_eq!(c.age, Some(35));
    assert_eq!(
        c.tags,
        vec!["Khách quen".to_string(), "VIP".to_string()],
        "tags deduplicated accent- and case-insensitively"
    );
    assert_eq!(table_count(&db, "audit_log"), 1, "creation is audited in the same transaction");
}

#[test]
fn birthday_without_year() {
    let mut db = db();
    let c = customer::create(
        &mut db,
        &CustomerDraft { birthday: "01/12".into(), ..draft("Lê Văn Tám", &[]) },
        STAFF,
        now(),
    )
    .expect("dd/MM is a birthday without a year");
    assert_eq!(c.birthday_display, "01/12");
    assert_eq!(c.days_to_birthday, Some(8));
    assert_eq!(c.age, None);
}

#[test]
fn bad_input_is_refused_with_codes_and_nothing_is_written() {
    let mut db = db();
    let cases: Vec<(CustomerDraft, &str, &str)> = vec![
        (draft("   ", &[]), "full_name", "name_empty"),
        (draft(&"A".repeat(MAX_NAME + 1), &[]), "full_name", "name_too_long"),
        (
            CustomerDraft { notes: "x".repeat(MAX_NOTES + 1), ..draft("Lan", &[]) },
            "notes",
            "notes_too_long",
        ),
        (CustomerDraft { email: "lan@@x".into(), ..draft("Lan", &[]) }, "email", "email_invalid"),
        (
            CustomerDraft { email: "lan at gmail".into(), ..draft("Lan", &[]) },
            "email",
            "email_invalid",
        ),
        (
            CustomerDraft { birthday: "01/01/2030".into(), ..draft("Lan", &[]) },
            "birthday",
            "birthday_future",
        ),
        (
            CustomerDraft { birthday: "31/02/1990".into(), ..draft("Lan", &[]) },
            "birthday",
            "birthday_invalid",
        ),
        (
            CustomerDraft { address_as: "ngài".into(), ..draft("Lan", &[]) },
            "address_as",
            "address_as_unknown",
        ),
        (draft("Lan", &["1900 1234"]), "phones.0", "phone_service"),
        (draft("Lan", &["12"]), "phones.0", "phone_invalid"),
    ];
    for (d, field, code) in cases {
        let got = codes(customer::create(&mut db, &d, STAFF, now()).expect_err("must be refused"));
        assert!(got.contains(&(field.into(), code.into())), "expected {field}/{code}, got {got:?}");
    }
    assert_eq!(table_count(&db, "customer"), 0, "a refused draft writes nothing");
    assert_eq!(table_count(&db, "audit_log"), 0);
}

#[test]
fn foreign_phone_is_kept_with_a_warning() {
    let mut db = db();
    let d = draft("John Smith", &["+1 415 555 0100"]);
    let check = customer::check(db.conn(), &d, None, today()).expect("check");
    assert!(check.errors.is_empty());
    assert_eq!(check.warnings[0].code, "phone_unknown_format");
    let c = customer::create(&mut db, &d, STAFF, now()).expect("saved despite the warning");
    assert_eq!(c.phones[0].kind, PhoneKind::Unknown);
    assert_eq!(c.phones[0].canonical, "14155550100");
}

#[test]
fn duplicate_phone_suggests_the_existing_customer() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let err = customer::create(&mut db, &draft("Trần Văn Nam", &["+84 912 345 678"]), STAFF, now())
        .expect_err("same phone must be flagged");
    match err {
        Error::DuplicateSuspected(found) => {
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].id, lan.id);
            assert_eq!(found[0].reason, "phone");
        }
        other => panic!("expected duplicate_suspected, got {other:?}"),
    }
    // Families share a phone: staff can confirm and save.
    let nam = CustomerDraft { allow_duplicate: true, ..draft("Trần Văn Nam", &["0912345678"]) };
    customer::create(&mut db, &nam, STAFF, now()).expect("confirmed duplicate saves");
    assert_eq!(table_count(&db, "customer"), 2);
}

#[test]
fn same_folded_name_and_birthday_is_a_duplicate() {
    let mut db = db();
    let first = CustomerDraft { birthday: "02/09/1985".into(), ..draft("Phạm Thị Hoà", &[]) };
    customer::create(&mut db, &first, STAFF, now()).expect("first");
    let second = CustomerDraft { birthday: "2/9/1985".into(), ..draft("pham thi hoa", &[]) };
    let check = customer::check(db.conn(), &second, None, today()).expect("check");
    assert_eq!(check.duplicates.len(), 1);
    assert_eq!(check.duplicates[0].reason, "name_birthday");
}

#[test]
fn editing_does_not_flag_the_customer_itself() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let d = CustomerDraft {
        call_name: "Lan Anh".into(),
        address_as: "chi".into(),
        ..draft("Nguyễn Thị Lan", &["0912345678", "0987654321"])
    };
    let edited = customer::update(&mut db, lan.id, &d, STAFF, now()).expect("edit saves");
    assert_eq!(edited.greeting, "chị Lan Anh");
    assert_eq!(edited.phones.len(), 2);
    assert_eq!(names(&db, "lan anh"), vec!["Nguyễn Thị Lan"], "the new call name is searchable");
    assert_eq!(names(&db, "4321"), vec!["Nguyễn Thị Lan"], "the new phone is searchable");
}

#[test]
fn one_primary_phone_and_repeated_numbers_kept_once() {
    let mut db = db();
    let d = CustomerDraft {
        phones: vec![
            PhoneDraft { raw: "0912345678".into(), is_primary: false },
            PhoneDraft { raw: "0987 654 321".into(), is_primary: true },
            PhoneDraft { raw: "+84912345678".into(), is_primary: true },
        ],
        ..draft("Vũ Minh", &[])
    };
    let c = customer::create(&mut db, &d, STAFF, now()).expect("saves");
    assert_eq!(c.phones.len(), 2, "the same number typed twice is one phone");
    assert_eq!(c.phones.iter().filter(|p| p.is_primary).count(), 1);
    assert_eq!(c.phones[0].canonical, "0987654321", "the first phone marked primary wins");
}

#[test]
fn archive_hides_from_search_until_asked_and_restore_brings_back() {
    let mut db = db();
    let c = add(&mut db, "Bùi Thị Xuân", &["0909111222"]);
    customer::archive(&mut db, c.id, STAFF, now()).expect("archive");
    assert!(names(&db, "xuan").is_empty(), "archived customers leave the counter search");
    let with = customer::search(
        db.conn(),
        "xuan",
        khachquen::customer::SearchOptions { include_archived: true, limit: 0 },
    )
    .expect("search");
    assert_eq!(with.hits.len(), 1);
    assert!(with.hits[0].archived);
    customer::restore(&mut db, c.id, STAFF, now()).expect("restore");
    assert_eq!(names(&db, "xuan"), vec!["Bùi Thị Xuân"]);
}

#[test]
fn missing_customer_is_not_found() {
    let mut db = db();
    let err = customer::update(&mut db, 999, &draft("A", &[]), STAFF, now())
        .expect_err("no such customer");
    assert_eq!(err.code(), "not_found");
    assert_eq!(
        customer::archive(&mut db, 999, STAFF, now()).expect_err("none").code(),
        "not_found"
    );
}

#[test]
fn count_leaves_out_merged_records_only() {
    let mut db = db();
    let a = add(&mut db, "Một", &[]);
    let b = add(&mut db, "Hai", &[]);
    let c = add(&mut db, "Ba", &[]);
    customer::archive(&mut db, c.id, STAFF, now()).expect("archive");
    assert_eq!(customer::count(db.conn()).expect("count"), 3, "archived customers still count");
    customer::merge(&mut db, a.id, b.id, STAFF, now()).expect("merge");
    assert_eq!(customer::count(db.conn()).expect("count"), 2, "a merged record is not a customer");
}
