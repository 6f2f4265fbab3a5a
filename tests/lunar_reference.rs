//! The lunar converter against an independent implementation, every day of 1900–2100: lunar-vn
//! (PyPI), another author's port of Hồ Ngọc Đức's algorithm at UTC+7, run by
//! tests/lunar_reference.py from the test venv (target/e2e-venv, set up by
//! `scripts/setup.sh --test`). Under CI a missing venv fails the test; a developer without the
//! venv is told how to get it. The table is kept in target/ for the Windows run under Wine.

use chrono::NaiveDate;
use khachquen::calendar::lunar::{self, LunarDate};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Each day of the range with the reference's lunar date, in order.
fn reference() -> Option<Vec<(NaiveDate, LunarDate)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join("target/e2e-venv/bin/python");
    let run = Command::new(&python).arg(root.join("tests/lunar_reference.py")).output();
    // The table the last run on this machine printed: the Windows build under Wine cannot start
    // the Linux venv's Python, yet its converter (another libm) must be checked as well.
    let kept = root.join("target/lunar-reference.txt");
    let out = match run {
        Ok(out) if out.status.success() => {
            std::fs::write(&kept, &out.stdout).expect("the table kept for the Windows run");
            out.stdout
        }
        _ if kept.exists() => std::fs::read(&kept).expect("the table kept by the Linux run"),
        other => {
            let why = match other {
                Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
                Err(e) => format!("{}: {e}", python.display()),
            };
            assert!(
                std::env::var_os("CI").is_none(),
                "the lunar reference must run in CI (scripts/setup.sh --test installs it): {why}"
            );
            eprintln!("SKIPPED lunar cross-check, run scripts/setup.sh --test first: {why}");
            return None;
        }
    };
    let text = String::from_utf8(out).expect("the reference prints ASCII");
    let rows = text.lines().map(|line| {
        let f: Vec<&str> = line.split(' ').collect();
        let n = |i: usize| f[i].parse::<i64>().expect("a number");
        let day = NaiveDate::parse_from_str(f[0], "%Y-%m-%d").expect("an ISO date");
        let l =
            LunarDate { day: n(1) as u32, month: n(2) as u32, year: n(3) as i32, leap: n(4) == 1 };
        (day, l)
    });
    Some(rows.collect())
}

#[test]
fn every_day_from_1900_to_2100_matches_an_independent_implementation() {
    let Some(table) = reference() else { return };
    assert_eq!(table.len(), 73_414, "1900-01-01..=2100-12-31, every day once");

    let to_lunar: Vec<_> = table.iter().filter(|(d, l)| lunar::to_lunar(*d) != *l).collect();
    assert!(
        to_lunar.is_empty(),
        "{} days convert differently (solar, reference): {:?}",
        to_lunar.len(),
        &to_lunar[..to_lunar.len().min(5)]
    );
    let to_solar: Vec<_> = table.iter().filter(|(d, l)| lunar::to_solar(*l) != Some(*d)).collect();
    assert!(
        to_solar.is_empty(),
        "{} lunar dates do not come back to their day: {:?}",
        to_solar.len(),
        &to_solar[..to_solar.len().min(5)]
    );
}

#[test]
fn months_and_leap_months_exist_exactly_as_in_the_independent_implementation() {
    let Some(table) = reference() else { return };
    // Length of every (year, month, leap) the reference knows.
    let mut months: BTreeMap<(i32, u32, bool), u32> = BTreeMap::new();
    for (_, l) in &table {
        let len = months.entry((l.year, l.month, l.leap)).or_default();
        *len = (*len).max(l.day);
    }
    let leap_years = months.keys().filter(|(_, _, leap)| *leap).count();
    assert!(leap_years > 70, "about 7 leap months in 19 years: {leap_years} in two centuries");

    // Lunar years wholly inside the range: 1900 starts on 1900-01-31, 2100 ends in 2101.
    let mut wrong = Vec::new();
    for year in 1900..=2099 {
        for month in 1..=12 {
            for leap in [false, true] {
                let len = months.get(&(year, month, leap)).copied();
                let at = |day| lunar::to_solar(LunarDate { day, month, year, leap });
                let ok = match len {
                    None => at(1).is_none(),
                    Some(len) => len >= 29 && at(len).is_some() && at(len + 1).is_none(),
                };
                let observed_ok = leap
                    || len.is_some_and(|len| {
                        lunar::observed(30, month, year) == at(len)
                            && lunar::observed(1, month, year) == at(1)
                    });
                if !ok || !observed_ok {
                    wrong.push((year, month, leap, len));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} months differ: {:?}", wrong.len(), &wrong[..wrong.len().min(5)]);
}
