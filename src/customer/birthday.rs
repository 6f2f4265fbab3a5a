//! When a customer's birthday next comes and how old they are, on the solar or the lunar
//! calendar. A lunar birthday is stored with its lunar day and month and, when known, the solar
//! year of birth (migration 0003), and is observed on its solar date of the year
//! (calendar::lunar::observed: kept in the regular month, day 30 on the month's last day), as
//! the care planner does.

use chrono::{Datelike, NaiveDate};

use super::model::Birthday;
use crate::calendar::lunar;
use crate::text::date::days_until_anniversary;

/// Days from `today` to the next birthday (0 = today).
pub(super) fn days_to(b: Birthday, is_lunar: bool, today: NaiveDate) -> Option<i64> {
    if !is_lunar {
        return days_until_anniversary(b.month, b.day, today);
    }
    lunar::next_observed(b.day, b.month, today).map(|d| (d - today).num_days())
}

/// Age at `today` when the year of birth is known: the birthdays already come round.
pub(super) fn age(b: Birthday, is_lunar: bool, today: NaiveDate) -> Option<i32> {
    if !is_lunar {
        return b.date().map(|born| age_on(born, today));
    }
    let born = lunar_birth_year(b.day, b.month, b.year?);
    let this_year = lunar::to_lunar(today).year;
    let passed = lunar::observed(b.day, b.month, this_year).is_some_and(|d| d <= today);
    Some(if passed { this_year - born } else { this_year - 1 - born })
}

/// The lunar year of a birth on lunar `day`/`month` in solar year `solar`: the year before for
/// the last lunar months when they fall in January or February (20 tháng Chạp Canh Ngọ 1990 is
/// 04/02/1991).
fn lunar_birth_year(day: u32, month: u32, solar: i32) -> i32 {
    [solar - 1, solar]
        .into_iter()
        .find(|&y| lunar::observed(day, month, y).is_some_and(|d| d.year() == solar))
        .unwrap_or(solar)
}

fn age_on(born: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - born.year();
    if (today.month(), today.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}
