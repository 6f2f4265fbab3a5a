//! Vouchers (issue 17): created by hand or given by care, checked at a sale with a reason for
//! every refusal, redeemed and given back with a void; `{voucher}` in the care messages.

use chrono::Duration;
use khachquen::care::plan::{self, Scope};
use khachquen::care::rule::{self, RuleKind};
use khachquen::error::Error;
use khachquen::loyalty::voucher::{self, Quote};
use khachquen::loyalty::voucher_create::{self, VoucherDraft};
use khachquen::loyalty::voucher_list::{self, VoucherStatus};
use khachquen::loyalty::voucher_settings::{self, VoucherSettings};
use khachquen::outreach::template;
use khachquen::privacy::Purpose;
use khachquen::Db;

use crate::sales_support::*;
use crate::support::*;

fn create(db: &mut Db, d: VoucherDraft) -> i64 {
    voucher_create::create(db, &d, STAFF, now()).expect("a valid voucher")
}

fn amount_off(code: &str, value: &str) -> VoucherDraft {
    VoucherDraft { code: code.into(), value: value.into(), ..VoucherDraft::default() }
}

/// The field error code of a refused quote.
fn refusal(db: &Db, code: &str, customer: Option<i64>, amount: i64) -> String {
    match voucher::quote(db.conn(), code, customer, amount, today()) {
        Err(Error::Validation(f)) => {
            assert_eq!(f[0].field, "voucher", "a voucher refusal is on the voucher field");
            f[0].code.clone()
        }
        other => panic!("{code} should be refused, got {other:?}"),
    }
}

fn redeem(db: &mut Db, q: Quote, purchase: i64, customer: Option<i64>) {
    db.write(|tx| voucher::redeem(tx, &q, purchase, customer, STAFF, now())).unwrap();
}

#[test]
fn every_reason_a_code_cannot_be_used_has_its_own_code() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let minh = add(&mut db, "Trần Văn Minh", &["0903000111"]).id;
    let shirt = shirt_product(&mut db);
    let sale = sell(&mut db, Some(lan), shirt.id, "", 0);
    let tomorrow = (today() + Duration::days(1)).format("%d/%m/%Y").to_string();
    create(&mut db, VoucherDraft { expires_on: tomorrow, ..amount_off("HETHAN", "50k") });
    let archived = create(&mut db, amount_off("CAT", "50k"));
    voucher_create::set_archived(&mut db, archived, true, STAFF, now()).unwrap();
    let once =
        create(&mut db, VoucherDraft { max_uses: "1".into(), ..amount_off("MOTLAN", "50k") });
    create(&mut db, VoucherDraft { customer_id: Some(lan), ..amount_off("CHILAN", "50k") });
    create(&mut db, VoucherDraft { min_spend: "500k".into(), ..amount_off("TU500", "50k") });
    redeem(&mut db, Quote { voucher_id: once, discount: 50_000 }, sale.id, Some(lan));

    assert_eq!(refusal(&db, "KHONGCO", Some(lan), 1_000_000), "voucher_unknown");
    assert_eq!(refusal(&db, "cat", Some(lan), 1_000_000), "voucher_archived");
    assert_eq!(refusal(&db, "MOTLAN", Some(lan), 1_000_000), "voucher_used_up");
    assert_eq!(refusal(&db, "CHILAN", Some(minh), 1_000_000), "voucher_not_yours");
    assert_eq!(refusal(&db, "CHILAN", None, 1_000_000), "voucher_not_yours");
    assert_eq!(refusal(&db, "TU500", Some(lan), 499_999), "voucher_under_min_spend");
    // The day after its last day, the same code is expired.
    let later = today() + Duration::days(2);
    let expired = voucher::quote(db.conn(), "hethan", Some(lan), 1_000_000, later);
    assert!(
        matches!(&expired, Err(Error::Validation(f)) if f[0].code == "voucher_expired"),
        "{expired:?}"
    );
    // And each still works where it should: the code typed in any case.
    assert_eq!(
        voucher::quote(db.conn(), "chilan", Some(lan), 60_000, today()).unwrap().discount,
        50_000
    );
    assert_eq!(
        voucher::quote(db.conn(), "TU500", None, 500_000, today()).unwrap().discount,
        50_000
    );
    // Never more than the amount it is taken off.
    assert_eq!(
        voucher::quote(db.conn(), "HETHAN", None, 30_000, today()).unwrap().discount,
        30_000
    );
}

#[test]
fn a_percentage_is_taken_on_the_amount_and_held_to_its_cap() {
    let mut db = db();
    create(&mut db, VoucherDraft { percent: true, ..amount_off("GIAM10", "10") });
    create(
        &mut db,
        VoucherDraft { percent: true, max_discount: "100k".into(), ..amount_off("GIAM20", "20%") },
    );
    let off = |code: &str, amount| {
        voucher::quote(db.conn(), code, None, amount, today()).unwrap().discount
    };
    assert_eq!(off("GIAM10", 1_234_567), 123_456, "10% rounded down to the đồng");
    assert_eq!(off("GIAM20", 300_000), 60_000, "under the cap: the percentage");
    assert_eq!(off("GIAM20", 2_000_000), 100_000, "over the cap: the cap");
}

#[test]
fn a_bad_draft_is_refused_field_by_field_and_nothing_is_written() {
    let mut db = db();
    create(&mut db, amount_off("TET2027", "50k"));
    let before = table_count(&db, "voucher");
    let audit = table_count(&db, "audit_log");
    let cases = [
        (amount_off("tet2027", "50k"), "code", "voucher_code_taken"),
        (amount_off("TẾT-27", "50k"), "code", "voucher_code_invalid"),
        (amount_off("AB", "50k"), "code", "voucher_code_invalid"),
        (
            VoucherDraft { percent: true, ..amount_off("P101", "101") },
            "value",
            "percent_out_of_range",
        ),
        (VoucherDraft { percent: true, ..amount_off("P0", "0") }, "value", "percent_out_of_range"),
        (amount_off("ZERO", "0"), "value", "out_of_range"),
        (amount_off("CHU", "năm chục"), "value", "money_invalid"),
        (
            VoucherDraft { expires_on: "01/01/2020".into(), ..amount_off("CU", "5k") },
            "expires_on",
            "voucher_expiry_past",
        ),
        (
            VoucherDraft { expires_on: "32/01/2027".into(), ..amount_off("SAI", "5k") },
            "expires_on",
            "date_invalid",
        ),
        (
            VoucherDraft { max_uses: "0".into(), ..amount_off("KHONG", "5k") },
            "max_uses",
            "out_of_range",
        ),
        (
            VoucherDraft { customer_id: Some(999), ..amount_off("AI", "5k") },
            "customer_id",
            "customer_unknown",
        ),
    ];
    for (draft, field, code) in cases {
        let err = voucher_create::create(&mut db, &draft, STAFF, now()).unwrap_err();
        let Error::Validation(f) = &err else { panic!("{draft:?}: {err:?}") };
        assert!(f.iter().any(|e| e.field == field && e.code == code), "{draft:?}: {f:?}");
    }
    assert_eq!(table_count(&db, "voucher"), before, "no refused voucher was written");
    assert_eq!(table_count(&db, "audit_log"), audit, "nor any audit row");
    // An empty code is made up: eight letters and digits, upper case.
    let id = create(&mut db, amount_off("", "20k"));
    let v = voucher_list::get(db.conn(), id, today()).unwrap();
    assert!(
        v.code.len() == 8 && v.code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
        "{}",
        v.code
    );
}

#[test]
fn many_uses_until_the_last_and_a_void_gives_the_use_back() {
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    let shirt = shirt_product(&mut db);
    let twice =
        create(&mut db, VoucherDraft { max_uses: "2".into(), ..amount_off("HAILAN", "30k") });
    let many = create(&mut db, amount_off("MAIMAI", "10k"));
    let sales: Vec<i64> = (0..3).map(|_| sell(&mut db, Some(lan), shirt.id, "", 0).id).collect();
    for s in &sales {
        let q = voucher::quote(db.conn(), "MAIMAI", Some(lan), 350_000, today()).unwrap();
        redeem(&mut db, q, *s, Some(lan));
    }
    let status = |db: &Db, id| voucher_list::get(db.conn(), id, today()).unwrap();
    assert_eq!(
        (status(&db, many).uses, status(&db, many).status),
        (3, VoucherStatus::Active),
        "no limit: still active"
    );
    for s in &sales[..2] {
        let q = voucher::quote(db.conn(), "HAILAN", Some(lan), 350_000, today()).unwrap();
        redeem(&mut db, q, *s, Some(lan));
    }
    assert_eq!(status(&db, twice).status, VoucherStatus::UsedUp);
    assert_eq!(refusal(&db, "HAILAN", Some(lan), 350_000), "voucher_used_up");
    // The second sale voided: its use of each voucher is given back, once however often.
    for _ in 0..2 {
        db.write(|tx| voucher::reverse_purchase(tx, sales[1], STAFF, now())).unwrap();
    }
    assert_eq!(status(&db, twice).uses, 1);
    assert_eq!(status(&db, twice).status, VoucherStatus::Active);
    assert_eq!(status(&db, many).uses, 2);
    assert!(voucher::quote(db.conn(), "HAILAN", Some(lan), 350_000, today()).is_ok());
    // Each redemption is recorded with the sale, who and when; the reversal beside it.
    let uses = voucher_list::uses(db.conn(), twice).unwrap();
    assert_eq!(
        uses.iter().map(|u| (u.kind.as_str(), u.amount)).collect::<Vec<_>>(),
        vec![("reverse", -30_000), ("redeem", 30_000), ("redeem", 30_000)]
    );
    assert!(uses.iter().all(|u| u.staff == STAFF && !u.receipt_no.is_empty()));
    let sum: i64 = db
        .conn()
        .query_row("SELECT sum(amount) FROM voucher_use WHERE voucher_id = ?1", [twice], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(sum, 30_000, "the ledger's sum is what the one use left took off");
}

fn thank_you_on(db: &mut Db) {
    let s = VoucherSettings {
        thank_you: true,
        thank_you_value: 50_000,
        thank_you_days: 30,
        ..VoucherSettings::default()
    };
    voucher_settings::save(db, &s, STAFF, now()).unwrap();
}

fn given(db: &Db, origin: &str) -> Vec<(i64, i64, String)> {
    let mut stmt = db
        .conn()
        .prepare("SELECT customer_id, value, expires_on FROM voucher WHERE origin = ?1 ORDER BY customer_id, id")
        .unwrap();
    stmt.query_map([origin], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_first_sale_gets_one_thank_you_voucher_however_often_care_is_planned() {
    let mut db = db();
    let shirt = shirt_product(&mut db);
    let before = add(&mut db, "Khách Trước", &["0903000222"]).id;
    sell(&mut db, Some(before), shirt.id, "", 1);
    assert!(given(&db, "thank_you").is_empty(), "off until the owner switches it on");
    thank_you_on(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]).id;
    sell(&mut db, Some(lan), shirt.id, "", 0);
    for _ in 0..3 {
        plan::run(&mut db, &Scope::All, now()).unwrap();
        plan::run(&mut db, &Scope::Customer(lan), now()).unwrap();
    }
    sell(&mut db, Some(lan), shirt.id, "", 0);
    let expires = (today() + Duration::days(30)).format("%Y-%m-%d").to_string();
    assert_eq!(
        given(&db, "thank_you"),
        vec![(before, 50_000, expires.clone()), (lan, 50_000, expires)],
        "one each: the re-plans and Lan's second sale give nothing more"
    );
    // Personal: only Lan may use hers.
    let code: String = db
        .conn()
        .query_row("SELECT code FROM voucher WHERE customer_id = ?1", [lan], |r| r.get(0))
        .unwrap();
    assert_eq!(refusal(&db, &code, Some(before), 500_000), "voucher_not_yours");
    assert!(voucher::quote(db.conn(), &code, Some(lan), 500_000, today()).is_ok());
}

#[test]
fn a_birthday_voucher_is_worth_what_the_tier_gives_and_lasts_the_month() {
    let mut db = db();
    let mut r = rule::get(db.conn(), RuleKind::Birthday).unwrap();
    r.params.promotional = false;
    rule::save(&mut db, &r, STAFF, now()).unwrap();
    // Birthdays on 30/11 (in the window of today, 23/11/2026) and on 01/12.
    let mk = |db: &mut Db, name: &str, birthday: &str| {
        let d = khachquen::customer::CustomerDraft {
            birthday: birthday.into(),
            allow_duplicate: true,
            ..draft(name, &[])
        };
        let id = khachquen::customer::create(db, &d, STAFF, now()).unwrap().id;
        consent(db, id, Purpose::CareCalls, true);
        id
    };
    let gold = mk(&mut db, "Vàng Anh", "30/11/1990");
    let plain = mk(&mut db, "Thường Bình", "01/12/1985");
    // Gold's tier (as a re-rank leaves it): Vàng gives 100.000 ₫.
    db.conn()
        .execute(
            "INSERT INTO customer_tier(customer_id, tier_id, spend_12m, since, ranked_at)
             SELECT ?1, id, 25000000, '2026-01-01', '2026-11-23T00:00:00Z' FROM member_tier WHERE name = 'Vàng'",
            [gold],
        )
        .unwrap();
    plan::run(&mut db, &Scope::All, now()).unwrap();
    assert_eq!(
        given(&db, "birthday"),
        vec![(gold, 100_000, "2026-11-30".into())],
        "a tier without a gift and no shop value: none"
    );
    let s = VoucherSettings { birthday_value: 30_000, ..voucher_settings::get(db.conn()).unwrap() };
    voucher_settings::save(&mut db, &s, STAFF, now()).unwrap();
    plan::run(&mut db, &Scope::All, now()).unwrap();
    plan::run(&mut db, &Scope::Customer(gold), now()).unwrap();
    assert_eq!(
        given(&db, "birthday"),
        vec![(gold, 100_000, "2026-11-30".into()), (plain, 30_000, "2026-12-31".into())],
        "the shop's value for a tier that gives none; one per birthday however often planned"
    );

    // {voucher} in her birthday message: her newest usable personal voucher.
    let reminder: i64 = db
        .conn()
        .query_row(
            "SELECT id FROM reminder WHERE kind = 'birthday' AND customer_id = ?1 LIMIT 1",
            [gold],
            |r| r.get(0),
        )
        .unwrap();
    let code: String = db
        .conn()
        .query_row("SELECT code FROM voucher WHERE customer_id = ?1", [gold], |r| r.get(0))
        .unwrap();
    let v = template::values_for(db.conn(), reminder, now()).unwrap();
    assert_eq!(v["voucher"], format!("mã {code} giảm 100.000\u{a0}₫, hạn 30/11/2026"));
    // Archived, it is no longer offered: the placeholder is empty.
    let id: i64 = db
        .conn()
        .query_row("SELECT id FROM voucher WHERE code = ?1", [&code], |r| r.get(0))
        .unwrap();
    voucher_create::set_archived(&mut db, id, true, STAFF, now()).unwrap();
    let v = template::values_for(db.conn(), reminder, now()).unwrap();
    assert_eq!(v["voucher"], "");
    let rendered =
        template::preview_kind(db.conn(), "Tặng {xung_ho} {voucher}", RuleKind::Birthday, now());
    assert!(rendered.is_ok(), "{{voucher}} is a placeholder templates may use: {rendered:?}");
}
