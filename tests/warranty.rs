use chrono::{Datelike, Months, NaiveDate};
use khachquen::sales::coverage::{coverage, warranty_end, CoverageState, UnitTerms};
use khachquen::sales::{unit, ClaimStatus};
use proptest::prelude::*;

use crate::sales_support::*;
use crate::support::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

#[test]
fn month_end_and_leap_years() {
    assert_eq!(warranty_end(d(2027, 1, 31), 1, 0), d(2027, 2, 28));
    assert_eq!(warranty_end(d(2028, 1, 31), 1, 0), d(2028, 2, 29), "leap year");
    assert_eq!(warranty_end(d(2028, 2, 29), 12, 0), d(2029, 2, 28));
    assert_eq!(warranty_end(d(2026, 8, 31), 6, 0), d(2027, 2, 28));
    assert_eq!(warranty_end(d(2026, 5, 12), 12, 0), d(2027, 5, 12));
    assert_eq!(warranty_end(d(2026, 12, 15), 24, 10), d(2028, 12, 25), "extension in days");
    assert_eq!(warranty_end(d(2026, 3, 31), 0, 0), d(2026, 3, 31), "no warranty");
}

fn terms(start: NaiveDate, months: u32, exchange: u32) -> UnitTerms {
    UnitTerms {
        start,
        months,
        exchange_days: exchange,
        extension_days: 0,
        held_now: 0,
        active: true,
        claims: 0,
        repairs_in_term: 0,
    }
}

#[test]
fn verdict_states_and_days_left() {
    let start = d(2026, 5, 12);
    let c = coverage(terms(start, 12, 30), d(2026, 6, 11));
    assert_eq!(c.state, CoverageState::ExchangeWindow, "day 30 is still one-for-one");
    assert_eq!(c.exchange_until, Some(d(2026, 6, 11)));
    let c = coverage(terms(start, 12, 30), d(2026, 6, 12));
    assert_eq!(c.state, CoverageState::UnderWarranty);
    assert_eq!(c.days_left, (d(2027, 5, 12) - d(2026, 6, 12)).num_days());
    let c = coverage(terms(start, 12, 30), d(2027, 5, 12));
    assert_eq!((c.state, c.days_left), (CoverageState::UnderWarranty, 0), "last day covered");
    let c = coverage(terms(start, 12, 30), d(2027, 5, 13));
    assert_eq!((c.state, c.days_left), (CoverageState::Expired, -1));
    assert_eq!(coverage(terms(start, 0, 0), start).state, CoverageState::None);
    let closed = UnitTerms { active: false, ..terms(start, 12, 0) };
    assert_eq!(coverage(closed, start).state, CoverageState::Closed);
    let third = UnitTerms { repairs_in_term: 3, ..terms(start, 12, 0) };
    assert!(coverage(third, start).replacement_due);
    let second = UnitTerms { repairs_in_term: 2, ..terms(start, 12, 0) };
    assert!(!coverage(second, start).replacement_due);
    let held = UnitTerms { extension_days: 4, held_now: 6, ..terms(start, 12, 0) };
    assert_eq!(coverage(held, start).end, d(2027, 5, 22), "finished and ongoing work both count");
}

proptest! {
    #[test]
    fn the_term_is_whole_months_clamped_to_month_end(
        y in 2000i32..2100, m in 1u32..=12, day in 1u32..=31, months in 0u32..=60, ext in 0i64..400
    ) {
        let Some(start) = NaiveDate::from_ymd_opt(y, m, day) else { return Ok(()) };
        let plain = warranty_end(start, months, 0);
        // Same month arithmetic as the calendar: the month advances by exactly `months`.
        let month_index = |x: NaiveDate| x.year() * 12 + x.month0() as i32;
        prop_assert_eq!(month_index(plain) - month_index(start), months as i32);
        // The day is kept, or clamped to the last day of a shorter month.
        prop_assert!(plain.day() == start.day() || (plain.day() < start.day() && (plain + chrono::Duration::days(1)).day() == 1));
        prop_assert_eq!(Some(plain), start.checked_add_months(Months::new(months)));
        prop_assert_eq!((warranty_end(start, months, ext) - plain).num_days(), ext);
    }
}

#[test]
fn days_held_in_warranty_work_extend_the_term_once_returned() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let sale = sell(&mut db, Some(lan.id), phone.id, "356789012345678", 100);
    let unit_id = sale.units[0].id;
    let end = sale.units[0].coverage.end;
    let c = open_claim(&mut db, unit_id, 20);
    assert!(c.summary.under_warranty);
    let held = unit::get(db.conn(), unit_id, today()).expect("unit");
    assert_eq!(held.coverage.end, end + chrono::Duration::days(20), "shown extended while held");
    go(&mut db, c.summary.id, ClaimStatus::AtServiceCenter, 18).expect("sent");
    go(&mut db, c.summary.id, ClaimStatus::Ready, 5).expect("back");
    go(&mut db, c.summary.id, ClaimStatus::Returned, 3).expect("returned");
    let after = unit::get(db.conn(), unit_id, today()).expect("unit");
    assert_eq!(after.coverage.end, end + chrono::Duration::days(17), "held from day -20 to day -3");
    assert_eq!(after.coverage.extension_days, 17);
    let stored: NaiveDate = db
        .conn()
        .query_row("SELECT warranty_end FROM unit WHERE id = ?1", [unit_id], |r| r.get(0))
        .expect("q");
    assert_eq!(stored, after.coverage.end, "the stored end follows for reminders");
}

#[test]
fn a_replacement_starts_a_fresh_term_and_the_third_repair_is_flagged() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let sale = sell(&mut db, None, phone.id, "356789012345679", 200);
    let unit_id = sale.units[0].id;
    for days in [150, 100] {
        let c = open_claim(&mut db, unit_id, days);
        go(&mut db, c.summary.id, ClaimStatus::Repairing, days).expect("repairing");
        go(&mut db, c.summary.id, ClaimStatus::Ready, days - 1).expect("ready");
        go(&mut db, c.summary.id, ClaimStatus::Returned, days - 1).expect("returned");
    }
    let third = open_claim(&mut db, unit_id, 10);
    assert!(third.unit.coverage.replacement_due, "third repair in the term");
    let done = go(&mut db, third.summary.id, ClaimStatus::Replaced, 2).expect("replaced");
    let new_id = done.replacement_unit_id.expect("replacement unit");
    let new = unit::get(db.conn(), new_id, today()).expect("new unit");
    assert_eq!(new.coverage.start, today() - chrono::Duration::days(2));
    assert_eq!(new.coverage.end, warranty_end(new.coverage.start, 12, 0));
    assert_eq!(new.replaces_unit_id, Some(unit_id));
    assert!(!new.coverage.replacement_due, "a fresh term counts repairs from zero");
    let old = unit::get(db.conn(), unit_id, today()).expect("old unit");
    assert_eq!(old.coverage.state, CoverageState::Closed);
}
