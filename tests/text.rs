use chrono::NaiveDate;
use khachquen::text::date::{days_until_anniversary, format_date, parse_date};
use khachquen::text::money::{format_vnd, parse_vnd};
use khachquen::text::phone::{format, normalize, Phone, PhoneKind};
use khachquen::text::{fold, nfc};

#[test]
fn fold_removes_marks_and_maps_d_stroke() {
    assert_eq!(fold("Đặng Thị Ngọc Hân"), "dang thi ngoc han");
    assert_eq!(fold("ĐỖ ĐỨC ĐẠT"), "do duc dat", "đ/Đ must fold to d: NFD leaves them whole");
    assert_eq!(
        fold("Nguyễn Hồng Ngộ"),
        "nguyen hong ngo",
        "letters with two marks (ễ, ộ) fold fully"
    );
}

#[test]
fn fold_matches_nfc_decomposed_and_both_tone_placements() {
    let decomposed = "Ho\u{0300}a"; // o + combining grave
    assert_eq!(fold("Hòa"), fold(decomposed));
    assert_eq!(fold("Hoà"), fold("Hòa"), "old and new tone placement are one name");
    assert_eq!(fold("Thuỷ"), fold("Thủy"));
}

#[test]
fn fold_collapses_punctuation_and_spacing() {
    assert_eq!(fold("  Lan -- (chị)  "), "lan chi");
    assert_eq!(fold(""), "");
}

#[test]
fn nfc_composes_and_trims() {
    assert_eq!(nfc("  Ho\u{0300}a   Bi\u{0300}nh "), "Hòa Bình");
}

fn canonical(raw: &str) -> Option<String> {
    match normalize(raw) {
        Phone::Valid { canonical, .. } => Some(canonical),
        _ => None,
    }
}

#[test]
fn phone_forms_from_the_domain_notes() {
    for raw in [
        "091 234 5678",
        "+84 912 345 678",
        "84912345678",
        "0084912345678",
        "+84 (0) 912 345 678",
        "0912.345.678",
        "(091) 234-5678",
        "912345678",
    ] {
        assert_eq!(
            canonical(raw).as_deref(),
            Some("0912345678"),
            "{raw} must normalise to 0912345678"
        );
    }
    assert_eq!(canonical("0168.912.3456").as_deref(), Some("0389123456"), "old 0168 becomes 038");
    assert_eq!(canonical("(028) 38.123.456").as_deref(), Some("02838123456"));
    assert_eq!(normalize("1900 1234"), Phone::Service);
    assert_eq!(normalize("1800 599 920"), Phone::Service);
    assert_eq!(normalize("  "), Phone::Empty);
}

#[test]
fn every_retired_mobile_prefix_is_converted() {
    let cases = [
        ("0120", "070"),
        ("0121", "079"),
        ("0122", "077"),
        ("0126", "076"),
        ("0128", "078"),
        ("0123", "083"),
        ("0124", "084"),
        ("0125", "085"),
        ("0127", "081"),
        ("0129", "082"),
        ("0162", "032"),
        ("0165", "035"),
        ("0169", "039"),
        ("0186", "056"),
        ("0188", "058"),
        ("0199", "059"),
    ];
    for (old, new) in cases {
        let got = canonical(&format!("{old}1234567"));
        assert_eq!(got, Some(format!("{new}1234567")), "{old} must map to {new}");
    }
}

#[test]
fn landlines_and_unknown_numbers() {
    assert_eq!(
        normalize("024 3825 1234"),
        Phone::Valid { canonical: "02438251234".into(), kind: PhoneKind::Landline }
    );
    assert_eq!(
        normalize("0236 3822 123"),
        Phone::Valid { canonical: "02363822123".into(), kind: PhoneKind::Landline }
    );
    // A dropped leading zero on a landline as well.
    assert_eq!(canonical("2838123456").as_deref(), Some("02838123456"));
    assert!(
        matches!(normalize("+1 415 555 0100"), Phone::Unknown { .. }),
        "a US number is not Vietnamese"
    );
    assert!(matches!(normalize("0612345678"), Phone::Unknown { .. }), "06x is not a mobile range");
}

#[test]
fn phone_display() {
    assert_eq!(format("0912345678", PhoneKind::Mobile), "0912 345 678");
    assert_eq!(format("02838123456", PhoneKind::Landline), "028 3812 3456");
    assert_eq!(format("02363822123", PhoneKind::Landline), "0236 382 2123");
}

#[test]
fn money_format() {
    assert_eq!(format_vnd(1_234_568), "1.234.568\u{a0}₫");
    assert_eq!(format_vnd(0), "0\u{a0}₫");
    assert_eq!(format_vnd(999), "999\u{a0}₫");
    assert_eq!(format_vnd(-150_000), "-150.000\u{a0}₫");
}

#[test]
fn money_shorthand() {
    let cases = [
        ("150k", 150_000),
        ("1tr2", 1_200_000),
        ("1tr250", 1_250_000),
        ("2 triệu", 2_000_000),
        ("1,5tr", 1_500_000),
        ("150.000", 150_000),
        ("150.000 ₫", 150_000),
        ("1.234.568đ", 1_234_568),
        ("45000", 45_000),
        ("3 nghìn", 3_000),
        ("2TR", 2_000_000),
    ];
    for (typed, want) in cases {
        assert_eq!(parse_vnd(typed), Some(want), "{typed}");
    }
    for bad in ["", "abc", "1.2.3", "k", "-5", "1tr2k", "15.00", "99999999999999999999"] {
        assert_eq!(parse_vnd(bad), None, "{bad} is not an amount");
    }
}

#[test]
fn dates_day_first() {
    let d = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
    assert_eq!(parse_date("05/03/2026"), Some(d));
    assert_eq!(parse_date("5/3/2026"), Some(d));
    assert_eq!(parse_date("2026-03-05"), Some(d));
    assert_eq!(parse_date("31/02/2026"), None);
    assert_eq!(parse_date("05/03/26"), None, "two-digit years are ambiguous");
    assert_eq!(format_date(d), "05/03/2026");
}

#[test]
fn anniversaries_wrap_the_year_and_handle_29_february() {
    let dec30 = NaiveDate::from_ymd_opt(2026, 12, 30).expect("date");
    assert_eq!(days_until_anniversary(1, 2, dec30), Some(3));
    assert_eq!(days_until_anniversary(12, 30, dec30), Some(0));
    let feb1 = NaiveDate::from_ymd_opt(2027, 2, 1).expect("date");
    assert_eq!(
        days_until_anniversary(2, 29, feb1),
        Some(27),
        "29/02 falls on 28/02 in a common year"
    );
}
