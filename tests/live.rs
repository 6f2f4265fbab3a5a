//! One liveness rule for every write that names a customer (`customer::ensure_live`): merged and
//! erased records are refused by all, archived ones by edits only, always with the code
//! `customer_archived`.

use khachquen::customer::care_profile::{self, CareProfile};
use khachquen::customer::{self, CustomerDraft, PreferenceCategory, PreferenceDraft};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionKind};
use khachquen::outreach::reminder::{self, ContactChannel, ManualDraft};
use khachquen::privacy::{self, ConsentDraft, ConsentMethod, Purpose};
use khachquen::{Db, Error};

use crate::support::{add, db, draft, now, STAFF};

type Writer = fn(&mut Db, i64) -> khachquen::Result<()>;

/// Each writer, and whether it refuses an archived customer (an edit) or takes it (a change of
/// the customer's rights or of the record's standing).
const WRITERS: [(&str, bool, Writer); 9] = [
    ("customer update", true, |db, id| {
        let d = CustomerDraft { allow_duplicate: true, ..draft("Tên Mới", &[]) };
        customer::update(db, id, &d, STAFF, now()).map(drop)
    }),
    ("preference", true, |db, id| {
        let d = PreferenceDraft {
            category: PreferenceCategory::Size,
            value: "42".into(),
            note: String::new(),
            is_alert: false,
        };
        customer::add_preference(db, id, &d, STAFF, now()).map(drop)
    }),
    ("care profile", true, |db, id| {
        let p = CareProfile { birthday_lunar: true, ..CareProfile::default() };
        care_profile::save(db, id, &p, STAFF, now()).map(drop)
    }),
    ("reminder", true, |db, id| {
        let d = ManualDraft {
            customer_id: id,
            due_on: "30/11/2026".into(),
            due_time: String::new(),
            note: "Gọi lại báo giá".into(),
            assignee: String::new(),
        };
        reminder::create_manual(db, &d, STAFF, now()).map(drop)
    }),
    ("touchpoint", true, |db, id| {
        let d = InteractionDraft {
            customer_id: Some(id),
            channel: ContactChannel::Zalo,
            inbound: true,
            kind: InteractionKind::Message,
            summary: "Hỏi giá".into(),
            link: Default::default(),
            resolved_first: None,
        };
        interaction::log(db, &d, STAFF, now()).map(drop)
    }),
    ("consent", false, |db, id| {
        let d = ConsentDraft {
            purpose: Purpose::MarketingZalo,
            granted: false,
            method: Some(ConsentMethod::InStore),
            evidence: String::new(),
        };
        privacy::record_consent(db, id, &d, STAFF, now()).map(drop)
    }),
    ("restriction", false, |db, id| privacy::set_restricted(db, id, true, STAFF, now())),
    ("erasure", false, |db, id| privacy::erase(db, id, STAFF, now())),
    ("archive", false, |db, id| customer::archive(db, id, STAFF, now()).map(drop)),
];

/// The code of a refusal: the error's, or for a form the field error on `customer_id`.
fn refusal(e: &Error) -> String {
    match e {
        Error::Validation(fields) => fields
            .iter()
            .find(|f| f.field == "customer_id")
            .map_or_else(|| format!("validation {fields:?}"), |f| f.code.clone()),
        e => e.code().to_owned(),
    }
}

#[test]
fn merged_erased_and_archived_customers_are_refused_by_one_rule() {
    for (writer, refuses_archived, write) in WRITERS {
        let mut db = db();
        let live = add(&mut db, "Nguyễn Thị Lan", &[]).id;
        let archived = add(&mut db, "Trần Văn Bình", &[]).id;
        customer::archive(&mut db, archived, STAFF, now()).unwrap();
        let merged = add(&mut db, "Lan Nguyễn", &[]).id;
        customer::merge(&mut db, live, merged, STAFF, now()).unwrap();
        let erased = add(&mut db, "Lê Thị Cúc", &[]).id;
        privacy::erase(&mut db, erased, STAFF, now()).unwrap();

        write(&mut db, live).unwrap_or_else(|e| panic!("{writer}: a live customer takes it: {e}"));
        for (state, id) in [("merged", merged), ("erased", erased)] {
            let e = write(&mut db, id).expect_err(&format!("{writer} refuses a {state} record"));
            assert_eq!(
                refusal(&e),
                "customer_archived",
                "{writer}, {state}: a merged or erased record takes no write, with one code"
            );
        }
        let on_archived = write(&mut db, archived);
        if refuses_archived {
            let e = on_archived.expect_err(&format!("{writer} refuses an archived customer"));
            assert_eq!(refusal(&e), "customer_archived", "{writer}: an edit waits for a restore");
        } else {
            on_archived.unwrap_or_else(|e| {
                panic!("{writer}: an archived customer keeps their rights, and can be tidied: {e}")
            });
        }
        assert_eq!(
            refusal(&write(&mut db, 999).expect_err("no such customer")),
            if matches!(writer, "reminder" | "touchpoint") {
                "customer_unknown"
            } else {
                "not_found"
            },
            "{writer}: an unknown id is not found"
        );
    }
}
