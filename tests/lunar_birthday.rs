//! Lunar birthdays on the card (badge, age) and in the "birthdays this month" segment: counted
//! on the solar date the lunar day falls on this year, never on the digits as if solar.

use khachquen::customer::care_profile::{self, CareProfile};
use khachquen::customer::{self, CustomerCard, CustomerDraft};
use khachquen::report::segment::{self, SegmentKind};
use khachquen::Db;

use crate::support::*;

/// A customer whose birthday `typed` is lunar when `is_lunar`; the card read afresh.
fn born(db: &mut Db, name: &str, typed: &str, is_lunar: bool) -> CustomerCard {
    let d = CustomerDraft { birthday: typed.into(), allow_duplicate: true, ..draft(name, &[]) };
    let id = customer::create(db, &d, STAFF, now()).unwrap().id;
    let p = CareProfile { birthday_lunar: is_lunar, ..CareProfile::default() };
    care_profile::save(db, id, &p, STAFF, now()).unwrap();
    customer::get(db.conn(), id, today()).unwrap()
}

#[test]
fn the_card_counts_a_lunar_birthday_on_its_solar_day_this_year() {
    // The shop's day, 23/11/2026, is 15/10 Bính Ngọ.
    let mut db = db();
    let soon = born(&mut db, "Bà Phan Thị Mười", "18/10/1960", true);
    assert!(soon.birthday_lunar);
    assert_eq!(soon.birthday_display, "18/10/1960", "the lunar date as typed");
    assert_eq!(soon.days_to_birthday, Some(3), "18/10 âm lịch 2026 is 26/11/2026");
    assert_eq!(soon.age, Some(65), "not yet 66: the lunar birthday is three days away");

    let today_lunar = born(&mut db, "Ông Lý Văn Rằm", "15/10", true);
    assert_eq!(today_lunar.days_to_birthday, Some(0), "15/10 âm lịch is today: the badge shows");
    assert_eq!(today_lunar.age, None, "no year, no age");

    let passed = born(&mut db, "Chị Đinh Thị Mồng", "10/10/1990", true);
    // 10/10 âm lịch: 18/11/2026 has gone; next 10/10 Đinh Mùi is 07/11/2027.
    assert_eq!(passed.days_to_birthday, Some(349));
    assert_eq!(passed.age, Some(36));

    // Born 04/02/1991, which is 20 tháng Chạp of Canh Ngọ (1990): 35 this November, though the
    // lunar birthday of this year (27/01/2027) is still to come.
    let chap = born(&mut db, "Anh Lò Văn Chạp", "20/12/1991", true);
    assert_eq!(chap.age, Some(35), "the year stored is the solar one, 1991");
    assert_eq!(chap.days_to_birthday, Some(65));

    let solar = born(&mut db, "Anh Tạ Văn Dương", "18/10/1960", false);
    assert!(!solar.birthday_lunar);
    assert_eq!(solar.age, Some(66), "the same digits on the solar calendar have passed");
    assert_eq!(solar.days_to_birthday, Some(329));
}

#[test]
fn a_lunar_birthday_whose_day_has_30_in_a_29_day_month_falls_on_its_last_day() {
    // Lunar month 12 of Ất Tỵ (2025) has 29 days; at the shop's date 23/11/2026 the next
    // tháng Chạp is that of Bính Ngọ, whose length the converter decides.
    let mut db = db();
    let c = born(&mut db, "Cô Hà Thị Ba Mươi", "30/12/1970", true);
    let expected = khachquen::calendar::lunar::next_observed(30, 12, today()).unwrap();
    assert_eq!(c.days_to_birthday, Some((expected - today()).num_days()));
    assert!(c.days_to_birthday.unwrap() > 0);
}

#[test]
fn birthdays_this_month_hold_the_lunar_ones_that_fall_in_it() {
    // November 2026 runs from 23/09 to 22/10 âm lịch (month 9 has 30 days).
    let mut db = db();
    born(&mut db, "Ông Cao Văn Chín", "25/09/1955", true); // 03/11/2026
    born(&mut db, "Bà Mai Thị Ba Mươi", "30/09", true); // 08/11/2026
    born(&mut db, "Chị Âu Thị Mười Một", "15/11/1988", true); // in December: "11-15" is lunar
    born(&mut db, "Anh Bạch Văn Tháng Chín", "20/09/1980", true); // 29/10/2026, October
    born(&mut db, "Em Tôn Nữ Dương", "05/11/2001", false); // solar November
    let mut names: Vec<String> = segment::view(db.conn(), SegmentKind::BirthdaysThisMonth, now())
        .unwrap()
        .members
        .into_iter()
        .map(|m| m.name)
        .collect();
    names.sort();
    assert_eq!(names, ["Bà Mai Thị Ba Mươi", "Em Tôn Nữ Dương", "Ông Cao Văn Chín"]);
}

#[test]
fn lunar_days_observed_in_a_month() {
    use chrono::NaiveDate;
    use khachquen::calendar::lunar::observed_between;
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    let november = observed_between(d(11, 1), d(11, 30));
    assert_eq!(november.first(), Some(&(9, 23)));
    assert_eq!(november.last(), Some(&(10, 22)));
    assert_eq!(november.len(), 30, "one lunar day per solar day, month 9 having its 30th");
}
