//! What the new/edit form sends, and the rules it must pass. Fields arrive as typed (strings) so
//! the core, not the UI, decides what is valid and how it is normalised.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::duplicate::{self, DuplicateMatch};
use super::model::{AddressAs, Birthday, Channel, Gender};
use crate::error::{FieldError, Result};
use crate::text::phone::{self, Phone, PhoneKind};
use crate::text::{fold, nfc};

pub const MAX_NAME: usize = 200;
pub const MAX_CALL_NAME: usize = 60;
pub const MAX_NOTES: usize = 10_000;
pub const MAX_ADDRESS: usize = 500;
pub const MAX_EMAIL: usize = 254;
pub const MAX_TAG: usize = 50;
pub const MAX_TAGS: usize = 30;
pub const MAX_PHONES: usize = 10;
pub const MAX_PHONE_TYPED: usize = 40;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PhoneDraft {
    pub raw: String,
    pub is_primary: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CustomerDraft {
    pub full_name: String,
    /// Empty: the given name (last word of the full name).
    pub call_name: String,
    /// "chị", "chi", "anh"… or empty.
    pub address_as: String,
    pub gender: Option<Gender>,
    pub phones: Vec<PhoneDraft>,
    pub email: String,
    /// `dd/MM/yyyy`, `dd/MM` or empty.
    pub birthday: String,
    pub address: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub contact_channel: Option<Channel>,
    /// Save even though a customer with the same phone (or name and birthday) exists.
    pub allow_duplicate: bool,
}

/// A validated, normalised draft, ready to store.
#[derive(Debug, Clone)]
pub(super) struct Valid {
    pub full_name: String,
    pub call_name: String,
    pub address_as: AddressAs,
    pub gender: Option<Gender>,
    pub phones: Vec<ValidPhone>,
    pub email: Option<String>,
    pub birthday: Option<Birthday>,
    pub address: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub contact_channel: Option<Channel>,
    pub folded_name: String,
    pub folded_call: String,
}

#[derive(Debug, Clone)]
pub(super) struct ValidPhone {
    pub canonical: String,
    pub raw: String,
    pub kind: PhoneKind,
    pub is_primary: bool,
}

/// The outcome of checking a draft without saving it: what blocks the save, what only warns
/// (a phone of unknown format), and which existing customers it may duplicate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct DraftCheck {
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
    pub duplicates: Vec<DuplicateMatch>,
}

/// Validates `draft` and looks for duplicates, excluding customer `editing` (on edit).
pub fn check(
    conn: &Connection,
    draft: &CustomerDraft,
    editing: Option<i64>,
    today: NaiveDate,
) -> Result<DraftCheck> {
    match validate(draft, today) {
        Err(errors) => Ok(DraftCheck { errors, ..DraftCheck::default() }),
        Ok((valid, warnings)) => Ok(DraftCheck {
            errors: vec![],
            warnings,
            duplicates: duplicate::find(conn, &valid, editing)?,
        }),
    }
}

pub(super) fn validate(
    draft: &CustomerDraft,
    today: NaiveDate,
) -> Result<(Valid, Vec<FieldError>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let full_name = nfc(&draft.full_name);
    let folded_name = fold(&full_name);
    if folded_name.is_empty() {
        errors.push(FieldError::new("full_name", "name_empty"));
    } else if full_name.chars().count() > MAX_NAME {
        errors.push(FieldError::new("full_name", "name_too_long"));
    }

    let mut call_name = nfc(&draft.call_name);
    if call_name.is_empty() {
        call_name = full_name.rsplit(' ').next().unwrap_or_default().to_owned();
    }
    if call_name.chars().count() > MAX_CALL_NAME {
        errors.push(FieldError::new("call_name", "call_name_too_long"));
    }

    let address_as = AddressAs::parse(&draft.address_as).unwrap_or_else(|| {
        errors.push(FieldError::new("address_as", "address_as_unknown"));
        AddressAs::None
    });

    let phones = validate_phones(&draft.phones, &mut errors, &mut warnings);

    let email = draft.email.trim().to_owned();
    if !email.is_empty() && (email.len() > MAX_EMAIL || !is_plausible_email(&email)) {
        errors.push(FieldError::new("email", "email_invalid"));
    }

    let birthday = validate_birthday(&draft.birthday, today, &mut errors);

    let address = nfc(&draft.address);
    if address.chars().count() > MAX_ADDRESS {
        errors.push(FieldError::new("address", "address_too_long"));
    }

    // Notes keep their line breaks; only NFC and outer whitespace are normalised.
    let notes: String =
        unicode_normalization::UnicodeNormalization::nfc(draft.notes.trim()).collect();
    if notes.chars().count() > MAX_NOTES {
        errors.push(FieldError::new("notes", "notes_too_long"));
    }

    let tags = normalise_tags(&draft.tags, &mut errors);

    if !errors.is_empty() {
        return Err(errors);
    }
    let folded_call = fold(&call_name);
    Ok((
        Valid {
            full_name,
            call_name,
            address_as,
            gender: draft.gender,
            phones,
            email: (!email.is_empty()).then_some(email),
            birthday,
            address,
            tags,
            notes,
            contact_channel: draft.contact_channel,
            folded_name,
            folded_call,
        },
        warnings,
    ))
}

/// A birthday as typed: none, or one already past and not beyond a lifetime ago.
fn validate_birthday(
    typed: &str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<Birthday> {
    match typed.trim() {
        "" => None,
        typed => match Birthday::parse(typed) {
            None => {
                errors.push(FieldError::new("birthday", "birthday_invalid"));
                None
            }
            Some(b) if b.date().is_some_and(|d| d > today) => {
                errors.push(FieldError::new("birthday", "birthday_future"));
                None
            }
            Some(b) if b.year.is_some_and(|y| y < today.year() - 130) => {
                errors.push(FieldError::new("birthday", "birthday_invalid"));
                None
            }
            Some(b) => Some(b),
        },
    }
}

fn validate_phones(
    drafts: &[PhoneDraft],
    errors: &mut Vec<FieldError>,
    warnings: &mut Vec<FieldError>,
) -> Vec<ValidPhone> {
    let mut phones: Vec<ValidPhone> = Vec::new();
    for (i, p) in drafts.iter().enumerate() {
        let field = format!("phones.{i}");
        // As typed it is kept beside the number: "0912 345 678 (Zalo)", not a page of text.
        if p.raw.trim().chars().count() > MAX_PHONE_TYPED {
            errors.push(FieldError::new(&field, "too_long"));
            continue;
        }
        let (canonical, kind) = match phone::normalize(&p.raw) {
            Phone::Empty => continue,
            Phone::Service => {
                errors.push(FieldError::new(&field, "phone_service"));
                continue;
            }
            Phone::Valid { canonical, kind } => (canonical, kind),
            Phone::Unknown { digits } if digits.len() < 6 || digits.len() > 15 => {
                errors.push(FieldError::new(&field, "phone_invalid"));
                continue;
            }
            Phone::Unknown { digits } => {
                warnings.push(FieldError::new(&field, "phone_unknown_format"));
                (digits, PhoneKind::Unknown)
            }
        };
        // The same number typed twice on one card is kept once.
        if phones.iter().any(|e| e.canonical == canonical) {
            continue;
        }
        phones.push(ValidPhone {
            canonical,
            raw: p.raw.trim().to_owned(),
            kind,
            is_primary: p.is_primary,
        });
    }
    if phones.len() > MAX_PHONES {
        errors.push(FieldError::new("phones", "too_many_phones"));
    }
    // Exactly one primary: the first marked one, else the first.
    let first_primary = phones.iter().position(|p| p.is_primary).unwrap_or(0);
    for (i, p) in phones.iter_mut().enumerate() {
        p.is_primary = i == first_primary;
    }
    phones
}

fn normalise_tags(tags: &[String], errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| nfc(t)).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG {
            errors.push(FieldError::new("tags", "tag_too_long"));
            continue;
        }
        if !out.iter().any(|t| fold(t) == fold(&tag)) {
            out.push(tag);
        }
    }
    if out.len() > MAX_TAGS {
        errors.push(FieldError::new("tags", "too_many_tags"));
    }
    out
}

/// Deliberately loose: one '@', something before it, a dotted domain after, no spaces. Anything
/// stricter rejects real addresses.
fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}
