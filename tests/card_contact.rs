//! Contact from the card: the chooser offers the shop's templates rendered for her, a contact
//! writes nothing until its outcome is recorded, and the outcome is logged once, as Today does.

use khachquen::card::ContactPick;
use khachquen::care::rule::RuleKind;
use khachquen::desk::{self, Counter};
use khachquen::outreach::reminder::{self, ContactChannel, ManualDraft, Outcome, OutcomeDraft};
use khachquen::outreach::template::Locale;
use khachquen::staff::Actor;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;

struct Card {
    db: Db,
    counter: Counter,
    owner: Actor,
    lan: i64,
    _dir: tempfile::TempDir,
}

/// Lan bought a phone today: a thank-you and a warranty are hers to be sent.
fn card() -> Card {
    let mut db = db();
    let owner = khachquen::staff::first_owner(&mut db, "Chủ Hà", "246810", now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912 345 678"]).id;
    let phone = phone_product(&mut db);
    sell(&mut db, Some(lan), phone.id, "IMEI-C1", 0);
    Card { db, counter: Counter::new(dir.path().to_path_buf()), owner, lan, _dir: dir }
}

#[allow(clippy::result_large_err)] // the payload the UI gets, as the shell returns it
impl Card {
    fn serve<T: khachquen::staff::MaskPhones>(
        &mut self,
        f: impl FnOnce(&mut desk::Desk) -> khachquen::Result<T>,
    ) -> Result<T, khachquen::error::ErrorPayload> {
        desk::serve(&mut self.db, &self.counter, &self.owner, now(), f)
    }

    fn open_reminders(&self) -> i64 {
        self.db
            .conn()
            .query_row(
                "SELECT count(*) FROM reminder WHERE customer_id = ?1 AND status IN ('open', 'snoozed')",
                [self.lan],
                |r| r.get(0),
            )
            .unwrap()
    }
}

fn reached() -> OutcomeDraft {
    OutcomeDraft {
        outcome: Outcome::Sent,
        channel: ContactChannel::Zalo,
        note: String::new(),
        call_back_on: String::new(),
    }
}

#[test]
fn the_chooser_offers_the_shops_templates_filled_from_her_data() {
    let mut c = card();
    let lan = c.lan;
    let planned = table_count(&c.db, "reminder");
    let choices = c.serve(|d| d.card_contact_choices(lan)).unwrap();
    let kinds: Vec<RuleKind> = choices.iter().map(|x| x.pick.kind).collect();
    for k in [RuleKind::Manual, RuleKind::ThankYou, RuleKind::WarrantyExpiring] {
        assert!(kinds.contains(&k), "{k:?} is offered to a customer with a sale: {kinds:?}");
    }
    assert!(
        !kinds.contains(&RuleKind::ClaimOverdue),
        "no claim of hers, so no claim message with blanks"
    );
    let warranty = choices
        .iter()
        .find(|x| x.pick.kind == RuleKind::WarrantyExpiring && x.reminder_id.is_none())
        .unwrap();
    assert!(warranty.message.text.contains("IMEIC1"), "{}", warranty.message.text);
    assert!(!warranty.message.text.contains('{'), "every placeholder filled");
    assert_eq!(table_count(&c.db, "reminder"), planned, "showing the chooser writes nothing");

    let set = c.serve(|d| d.set_customer_language(lan, Locale::En));
    set.unwrap();
    let choices = c.serve(|d| d.card_contact_choices(lan)).unwrap();
    let thanks = choices.iter().find(|x| x.pick.kind == RuleKind::ThankYou).unwrap();
    assert!(thanks.reminder_id.is_some(), "the sale's planned thank-you is hers, offered first");
    assert!(thanks.message.text.starts_with("Hello"), "in her language: {}", thanks.message.text);
}

#[test]
fn her_open_reminders_come_first_and_working_one_works_it() {
    let mut c = card();
    let lan = c.lan;
    let m = ManualDraft {
        customer_id: lan,
        due_on: today().format("%d/%m/%Y").to_string(),
        note: "Gọi hỏi thăm".into(),
        ..ManualDraft::default()
    };
    let r = reminder::create_manual(&mut c.db, &m, STAFF, now()).unwrap();
    let choices = c.serve(|d| d.card_contact_choices(lan)).unwrap();
    assert_eq!(choices[0].reminder_id, Some(r.id), "her open reminder is offered first");
    assert_eq!(choices[0].label, "Gọi hỏi thăm");
}

#[test]
fn a_contact_without_an_outcome_leaves_nothing_open_and_the_outcome_is_logged_once() {
    let mut c = card();
    let lan = c.lan;
    let pick = ContactPick { kind: RuleKind::ThankYou, subject: String::new(), subject_id: None };
    let choices = c.serve(|d| d.card_contact_choices(lan)).unwrap();
    let thanks = choices
        .iter()
        .find(|x| x.pick.kind == RuleKind::ThankYou && x.reminder_id.is_none())
        .unwrap()
        .pick
        .clone();
    let (open, stored) = (c.open_reminders(), table_count(&c.db, "reminder"));
    // Zalo opened twice, then staff walk away: nothing more on Today.
    for _ in 0..2 {
        let link = c.serve(|d| d.card_contact_link(lan, &thanks, "zalo")).unwrap();
        assert_eq!(link.0, "https://zalo.me/0912345678");
    }
    assert_eq!(c.open_reminders(), open, "a contact with no outcome leaves no reminder open");
    assert_eq!(table_count(&c.db, "reminder"), stored);

    let interactions = table_count(&c.db, "interaction");
    let audits = table_count(&c.db, "audit_log");
    let r = c.serve(|d| d.record_card_contact(lan, &thanks, &reached())).unwrap();
    assert_eq!(r.reminder.kind, RuleKind::ThankYou, "logged as the message sent");
    assert_eq!(r.reminder.outcome.as_deref(), Some("sent"));
    assert_eq!(table_count(&c.db, "interaction"), interactions + 1, "the outcome logged once");
    assert_eq!(table_count(&c.db, "reminder"), stored + 1, "one worked reminder, closed");
    assert_eq!(c.open_reminders(), open);
    assert!(table_count(&c.db, "audit_log") > audits, "audited");

    // A pick she has no data for, or another customer's sale, is refused and writes nothing.
    let before = table_count(&c.db, "reminder");
    let claim =
        ContactPick { kind: RuleKind::ClaimOverdue, subject: "claim".into(), subject_id: Some(1) };
    let e = c.serve(|d| d.record_card_contact(lan, &claim, &reached())).unwrap_err();
    assert_eq!(e.code, "validation");
    assert!(
        c.serve(|d| d.record_card_contact(lan, &pick, &reached())).is_err(),
        "thank-you needs her sale"
    );
    assert_eq!(table_count(&c.db, "reminder"), before, "nothing written");
}

#[test]
fn no_answer_from_the_card_comes_back_tomorrow_as_from_today() {
    let mut c = card();
    let lan = c.lan;
    let general = ContactPick { kind: RuleKind::Manual, subject: String::new(), subject_id: None };
    let d =
        OutcomeDraft { outcome: Outcome::NoAnswer, channel: ContactChannel::Phone, ..reached() };
    let open = c.open_reminders();
    let r = c.serve(|x| x.record_card_contact(lan, &general, &d)).unwrap();
    assert_eq!(r.next_on, Some(today() + chrono::Duration::days(1)));
    assert_eq!(c.open_reminders(), open + 1, "tried again tomorrow, as a Today reminder would be");
}

#[test]
fn a_link_refused_says_whether_the_number_or_the_consent_is_missing() {
    let mut c = card();
    let thanks = ContactPick { kind: RuleKind::Manual, subject: String::new(), subject_id: None };
    // Care messages need her care-call consent; a customer never asked has a number but no link.
    let hoa = add_unasked(&mut c.db, "Trần Thị Hoa", &["0987 654 321"]).id;
    let care = ContactPick { kind: RuleKind::WinBack, ..thanks.clone() };
    let e = c.serve(|d| d.card_contact_link(hoa, &care, "zalo")).unwrap_err();
    assert_eq!(e.fields[0].code, "contact_not_agreed", "{e:?}");
    let nophone = add(&mut c.db, "Lê Văn Nam", &[]).id;
    let e = c.serve(|d| d.card_contact_link(nophone, &thanks, "zalo")).unwrap_err();
    assert_eq!(e.fields[0].code, "phone_missing", "{e:?}");
}
