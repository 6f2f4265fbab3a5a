//! Vietnamese phone numbers (docs/domain.md §1): normalise what staff type or old files hold into the
//! national form with its leading 0, classify, and format for display.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum PhoneKind {
    Mobile,
    Landline,
    /// Kept as typed (digits only) and flagged: a foreign or malformed number.
    Unknown,
}

impl PhoneKind {
    /// The stored code (`phone.kind`): the serde name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind stored as `s`; anything else reads as `Unknown`.
    pub fn parse(s: &str) -> PhoneKind {
        s.parse().unwrap_or(PhoneKind::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phone {
    /// A customer number in national form (`0912345678`, `02838123456`).
    Valid { canonical: String, kind: PhoneKind },
    /// A service number (1800/1900…): never a customer's.
    Service,
    /// No digits at all.
    Empty,
    /// Something with digits that is not a Vietnamese number; `digits` keeps them.
    Unknown { digits: String },
}

/// 11-digit mobile prefixes retired in 2018, mapped to their 10-digit replacements.
const OLD_MOBILE_PREFIXES: &[(&str, &str)] = &[
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
    ("0163", "033"),
    ("0164", "034"),
    ("0165", "035"),
    ("0166", "036"),
    ("0167", "037"),
    ("0168", "038"),
    ("0169", "039"),
    ("0186", "056"),
    ("0188", "058"),
    ("0199", "059"),
];

/// Digits of `raw` with the international prefix (`+84`, `84`, `0084`, `+84 (0)`) turned into the
/// national leading 0. Does not validate.
pub fn national_digits(raw: &str) -> String {
    let plus = raw.trim_start().starts_with('+');
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let rest = if let Some(r) = digits.strip_prefix("0084") {
        Some(r)
    } else if plus {
        digits.strip_prefix("84")
    } else if digits.len() >= 11 && !digits.starts_with('0') {
        // `84912345678`: an international number written without its plus sign.
        digits.strip_prefix("84")
    } else {
        None
    };
    match rest {
        // `+84 (0) 912…`: the national 0 written after the country code.
        Some(r) if r.starts_with('0') => r.to_owned(),
        Some(r) => format!("0{r}"),
        None => digits,
    }
}

/// Normalises a typed or imported phone number.
pub fn normalize(raw: &str) -> Phone {
    let mut d = national_digits(raw);
    if d.is_empty() {
        return Phone::Empty;
    }
    if d.starts_with("1800") || d.starts_with("1900") {
        return Phone::Service;
    }
    // Excel drops the leading zero: `912345678`, `2838123456`.
    if !d.starts_with('0') && (d.len() == 9 || d.len() == 10) {
        d.insert(0, '0');
    }
    if d.len() == 11 {
        if let Some((old, new)) = OLD_MOBILE_PREFIXES.iter().find(|(old, _)| d.starts_with(old)) {
            d = format!("{new}{}", &d[old.len()..]);
        }
    }
    let b = d.as_bytes();
    if b.len() == 10 && b[0] == b'0' && matches!(b[1], b'3' | b'5' | b'7' | b'8' | b'9') {
        return Phone::Valid { canonical: d, kind: PhoneKind::Mobile };
    }
    if b.len() == 11 && b[0] == b'0' && b[1] == b'2' {
        return Phone::Valid { canonical: d, kind: PhoneKind::Landline };
    }
    Phone::Unknown { digits: d }
}

/// Display form: `0912 345 678`, `028 3812 3456`, `0222 3812 345`; unknown numbers as given.
pub fn format(canonical: &str, kind: PhoneKind) -> String {
    let d = canonical;
    match kind {
        PhoneKind::Mobile if d.len() == 10 => format!("{} {} {}", &d[..4], &d[4..7], &d[7..]),
        PhoneKind::Landline if d.len() == 11 => {
            // Hà Nội (024) and HCMC (028) have 3-digit codes and 8-digit subscribers.
            if d.starts_with("024") || d.starts_with("028") {
                format!("{} {} {}", &d[..3], &d[3..7], &d[7..])
            } else {
                format!("{} {} {}", &d[..4], &d[4..7], &d[7..])
            }
        }
        _ => d.to_owned(),
    }
}

/// Reversed digits, the key of the suffix index: "last 3–4 digits" becomes a prefix range scan.
pub fn reversed(canonical: &str) -> String {
    canonical.chars().rev().collect()
}
