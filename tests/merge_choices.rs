//! Merging with a choice per field: the chosen values, the united lists, and everything that
//! pointed at the merged customer (sales, claims, reminders, the consent ledger) following it.

use khachquen::customer::{
    self, CustomerDraft, MergeChoice, MergeField, MergeSide, PreferenceCategory, PreferenceDraft,
};
use khachquen::outreach::reminder::{self, ManualDraft};
use khachquen::privacy::{self, Purpose};
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;

fn flags(db: &Db, id: i64) -> (bool, bool, bool) {
    db.conn()
        .query_row(
            "SELECT care_consent, marketing_consent, no_contact FROM customer WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("flags")
}

fn count(db: &Db, sql: &str, id: i64) -> i64 {
    db.conn().query_row(sql, [id], |r| r.get(0)).expect("count")
}

fn remind(db: &mut Db, id: i64, note: &str) {
    let d = ManualDraft {
        customer_id: id,
        due_on: "24/11/2026".into(),
        due_time: String::new(),
        note: note.into(),
        assignee: String::new(),
    };
    reminder::create_manual(db, &d, STAFF, now()).expect("reminder");
}

fn pick(field: MergeField, side: MergeSide) -> MergeChoice {
    MergeChoice { field, side }
}

#[test]
fn history_on_both_sides_follows_and_the_chosen_values_stay() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let keep = customer::create(
        &mut db,
        &CustomerDraft {
            address_as: "chị".into(),
            address: "12 Lê Lợi".into(),
            tags: vec!["VIP".into()],
            notes: "Hay mua phụ kiện".into(),
            ..draft("Tran Thi Mai", &["0912000111"])
        },
        STAFF,
        now(),
    )
    .expect("kept");
    let other = customer::create(
        &mut db,
        &CustomerDraft {
            address_as: "cô".into(),
            address: "45 Hai Bà Trưng".into(),
            birthday: "08/03/1992".into(),
            tags: vec!["Zalo".into(), "VIP".into()],
            notes: "Thích hoa hồng".into(),
            allow_duplicate: true,
            ..draft("Trần Thị Mai", &["0988777666"])
        },
        STAFF,
        now(),
    )
    .expect("other");
    customer::add_preference(
        &mut db,
        other.id,
        &PreferenceDraft {
            category: PreferenceCategory::Colour,
            value: "Hồng".into(),
            note: String::new(),
            is_alert: false,
        },
        STAFF,
        now(),
    )
    .expect("preference");
    // Both sides have sales, a claim, a reminder and consent entries.
    for (id, serial) in [(keep.id, "IMEI-KEEP-1"), (other.id, "IMEI-OTHER-1")] {
        let sale = sell(&mut db, Some(id), phone.id, serial, 30);
        open_claim(&mut db, sale.units[0].id, 2);
        remind(&mut db, id, &format!("Gọi lại {serial}"));
    }
    consent(&mut db, keep.id, Purpose::CareCalls, true);
    consent(&mut db, other.id, Purpose::MarketingZalo, true);
    // The latest word on care calls is the other record's: withdrawn.
    consent(&mut db, other.id, Purpose::CareCalls, false);
    assert_eq!(flags(&db, keep.id), (true, false, false));

    let choices = [
        pick(MergeField::FullName, MergeSide::Other),
        pick(MergeField::AddressAs, MergeSide::Keep),
        pick(MergeField::Address, MergeSide::Other),
    ];
    let merged =
        customer::merge_with(&mut db, keep.id, other.id, &choices, STAFF, now()).expect("merge");

    assert_eq!(merged.full_name, "Trần Thị Mai", "the other's spelling was chosen");
    assert_eq!(merged.address, "45 Hai Bà Trưng");
    assert_eq!(merged.greeting, "chị Mai", "the kept form of address was chosen");
    assert_eq!(merged.birthday_display, "08/03/1992", "a field the kept record lacked is filled");
    let phones: Vec<&str> = merged.phones.iter().map(|p| p.canonical.as_str()).collect();
    assert_eq!(phones, vec!["0912000111", "0988777666"]);
    assert_eq!(merged.tags, vec!["VIP".to_string(), "Zalo".to_string()]);
    assert_eq!(merged.preferences.len(), 1);
    assert_eq!(merged.notes, "Hay mua phụ kiện\n\nThích hoa hồng");

    for (table, n) in [("purchase", 2), ("unit", 2), ("claim", 2), ("consent", 3)] {
        let sql = format!("SELECT count(*) FROM {table} WHERE customer_id = ?1");
        assert_eq!(count(&db, &sql, keep.id), n, "{table} rows of both sides are the kept one's");
        assert_eq!(count(&db, &sql, other.id), 0, "no {table} row is left on the merged record");
    }
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM reminder WHERE customer_id = ?1 AND note LIKE 'Gọi lại%'",
            keep.id
        ),
        2
    );
    assert_eq!(
        flags(&db, keep.id),
        (false, true, true),
        "flags from the united ledger: care calls withdrawn last, Zalo offers granted"
    );
    let states = privacy::consents(db.conn(), keep.id).expect("consents");
    assert!(!states[0].granted && states[1].granted);

    // The search index follows the chosen name; the merged record leaves it.
    assert_eq!(names(&db, "0988777666"), vec!["Trần Thị Mai"]);
    assert_eq!(names(&db, "mai"), vec!["Trần Thị Mai"]);
    let detail: String = db
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'merge' AND entity_id = ?1",
            [keep.id],
            |r| r.get(0),
        )
        .expect("the merge is audited");
    assert!(
        detail.contains(r#"{"field":"full_name","side":"other"}"#),
        "choices audited: {detail}"
    );
    assert_eq!(
        customer::get(db.conn(), other.id, today()).expect("kept for history").merged_into,
        Some(keep.id)
    );
}

#[test]
fn a_later_grant_on_either_side_wins_and_a_refusal_outside_the_ledger_stays() {
    let mut db = db();
    let keep = add_unasked(&mut db, "Lê Văn An", &["0912000222"]);
    let other = add_unasked(&mut db, "Le Van An", &["0912000333"]);
    consent(&mut db, keep.id, Purpose::CareCalls, false);
    consent(&mut db, other.id, Purpose::CareCalls, true);
    customer::merge(&mut db, keep.id, other.id, STAFF, now()).expect("merge");
    assert_eq!(flags(&db, keep.id), (true, false, false), "the later grant lifts the refusal");

    let a = add_unasked(&mut db, "Hồ Thị Yến", &["0905000111"]);
    let b = add_unasked(&mut db, "Ho Thi Yen", &["0905000222"]);
    consent(&mut db, a.id, Purpose::CareCalls, true);
    // "Do not call me" said on a call, not through the ledger.
    db.conn().execute("UPDATE customer SET no_contact = 1 WHERE id = ?1", [b.id]).expect("flag");
    customer::merge(&mut db, a.id, b.id, STAFF, now()).expect("merge");
    assert_eq!(flags(&db, a.id), (true, false, true), "a refusal of contact is never lost");
}

#[test]
fn choosing_the_kept_side_keeps_even_an_empty_value_and_nothing_changes_on_refusal() {
    let mut db = db();
    let keep = add(&mut db, "Vũ Hà", &["0912000444"]);
    let other = customer::create(
        &mut db,
        &CustomerDraft {
            email: "ha@example.vn".into(),
            allow_duplicate: true,
            ..draft("Vu Ha", &[])
        },
        STAFF,
        now(),
    )
    .expect("other");
    let kept = [pick(MergeField::Email, MergeSide::Keep)];
    assert_eq!(
        customer::merge_with(&mut db, keep.id, keep.id, &kept, STAFF, now())
            .expect_err("self")
            .code(),
        "merge_self"
    );
    let merged =
        customer::merge_with(&mut db, keep.id, other.id, &kept, STAFF, now()).expect("merge");
    assert_eq!(merged.email, "", "the kept record's empty email was chosen over the other's");
    assert_eq!(merged.full_name, "Vũ Hà", "unchosen names stay the kept record's");
}

#[test]
fn one_person_gets_one_birthday_reminder_after_a_merge() {
    let mut db = db();
    let mut twin = |name: &str, phone: &str| {
        let id = customer::create(
            &mut db,
            &CustomerDraft {
                birthday: "25/11/1990".into(),
                allow_duplicate: true,
                ..draft(name, &[phone])
            },
            STAFF,
            now(),
        )
        .expect("customer")
        .id;
        consent(&mut db, id, Purpose::CareCalls, true);
        // Birthday wishes are promotional by default.
        consent(&mut db, id, Purpose::MarketingEmail, true);
        id
    };
    let keep = twin("Đào Thu Trang", "0912000555");
    let other = twin("Dao Thu Trang", "0912000666");
    let open_birthdays = |db: &Db, id: i64| {
        count(
            db,
            "SELECT count(*) FROM reminder WHERE customer_id = ?1 AND kind = 'birthday'
                AND status IN ('open', 'snoozed')",
            id,
        )
    };
    let each = open_birthdays(&db, keep);
    assert!(each > 0, "the birthday is planned for each record before");
    assert_eq!(open_birthdays(&db, other), each);
    customer::merge(&mut db, keep, other, STAFF, now()).expect("merge");
    assert_eq!(open_birthdays(&db, keep), each, "the merged record's wishes are not sent twice");
}

fn set_code(db: &Db, id: i64, code: &str) {
    db.conn().execute("UPDATE customer SET code = ?2 WHERE id = ?1", (id, code)).expect("code");
}

fn code_of(db: &Db, id: i64) -> Option<String> {
    customer::get(db.conn(), id, today()).expect("card").code
}

#[test]
fn the_remembrance_day_the_language_and_the_old_code_are_not_lost() {
    use khachquen::customer::care_profile::{self, CareProfile};
    use khachquen::outreach::template::Locale;
    let mut db = db();
    let keep = add(&mut db, "Phan Thị Nga", &["0912000777"]).id;
    let other = add_unasked(&mut db, "Phan Thi Nga", &["0912000888"]).id;
    let remembrance = CareProfile {
        anniversary: "15/07".into(),
        anniversary_note: "Giỗ ông nội".into(),
        ..CareProfile::default()
    };
    care_profile::save(&mut db, other, &remembrance, STAFF, now()).expect("anniversary");
    khachquen::card::set_language(&mut db, other, Locale::En, STAFF, now()).expect("language");
    set_code(&db, other, "KH000123");

    let merged = customer::merge(&mut db, keep, other, STAFF, now()).expect("merge");
    assert_eq!(
        (merged.anniversary.as_str(), merged.anniversary_note.as_str()),
        ("15/07", "Giỗ ông nội"),
        "the kept record had no remembrance day: the other's fills it"
    );
    assert_eq!(merged.locale, "en", "the other's chosen language fills the default");
    assert_eq!(merged.code.as_deref(), Some("KH000123"), "the old system's code follows");
    assert_eq!(code_of(&db, other), None, "and leaves the archived record");

    // Both have a code, a remembrance day and a language: the kept one's stay unless chosen.
    let a = add(&mut db, "Lý Văn Tâm", &["0905000333"]).id;
    let b = add_unasked(&mut db, "Ly Van Tam", &["0905000444"]).id;
    for (id, day, code) in [(a, "01/03", "KH1"), (b, "02/04", "KH2")] {
        let p = CareProfile { anniversary: day.into(), ..CareProfile::default() };
        care_profile::save(&mut db, id, &p, STAFF, now()).expect("anniversary");
        set_code(&db, id, code);
    }
    khachquen::card::set_language(&mut db, b, Locale::En, STAFF, now()).expect("language");
    let choices = [
        pick(MergeField::Anniversary, MergeSide::Other),
        pick(MergeField::Locale, MergeSide::Keep),
    ];
    let merged = customer::merge_with(&mut db, a, b, &choices, STAFF, now()).expect("merge");
    assert_eq!(merged.anniversary, "02/04", "the other's remembrance day was chosen");
    assert_eq!(merged.locale, "vi", "the kept language was chosen");
    assert_eq!(merged.code.as_deref(), Some("KH1"), "the kept record's code stays");
}

#[test]
fn a_birthday_is_taken_with_its_calendar() {
    let mut db = db();
    let born = |db: &mut Db, name: &str, phone: &str| {
        customer::create(
            db,
            &CustomerDraft {
                birthday: "20/12/1980".into(),
                allow_duplicate: true,
                ..draft(name, &[phone])
            },
            STAFF,
            now(),
        )
        .expect("customer")
        .id
    };
    let keep = born(&mut db, "Đặng Thu Hà", "0912000991");
    let other = born(&mut db, "Dang Thu Ha", "0912000992");
    let lunar = customer::care_profile::CareProfile { birthday_lunar: true, ..Default::default() };
    customer::care_profile::save(&mut db, other, &lunar, STAFF, now()).expect("lunar");
    let choices = [pick(MergeField::Birthday, MergeSide::Other)];
    let merged = customer::merge_with(&mut db, keep, other, &choices, STAFF, now()).expect("merge");
    assert_eq!((merged.birthday_display.as_str(), merged.birthday_lunar), ("20/12/1980", true));
}
