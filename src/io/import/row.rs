//! One file row turned into what the customer form would have received.

use super::mapping::{Field, Mapping};
use crate::customer::{AddressAs, Birthday, CustomerDraft, Gender, PhoneDraft};
use crate::text::{fold, nfc};

const MAX_CODE: usize = 50;

/// The row's customer code (trimmed, `None` when empty) and its draft.
pub fn draft(mapping: &Mapping, cells: &[String]) -> (Option<String>, CustomerDraft) {
    let mut d = CustomerDraft { allow_duplicate: true, ..CustomerDraft::default() };
    let mut code = None;
    for (field, cell) in mapping.columns.iter().zip(cells) {
        let (Some(field), cell) = (field, cell.trim()) else { continue };
        if cell.is_empty() {
            continue;
        }
        match field {
            Field::Code => code = Some(cell.chars().take(MAX_CODE + 1).collect::<String>()),
            Field::FullName => d.full_name = nfc(cell),
            Field::CallName => d.call_name = nfc(cell),
            // As stored (`chi`), so that a row repeating what is there changes nothing.
            Field::AddressAs => {
                d.address_as =
                    AddressAs::parse(cell).map_or_else(|| cell.to_owned(), |a| a.code().to_owned())
            }
            Field::Phone => {
                for raw in
                    cell.split(['/', ',', ';', '|', '\n']).map(str::trim).filter(|s| !s.is_empty())
                {
                    d.phones
                        .push(PhoneDraft { raw: raw.to_owned(), is_primary: d.phones.is_empty() });
                }
            }
            Field::Email => d.email = cell.to_owned(),
            Field::Birthday => {
                d.birthday =
                    Birthday::parse(cell).map_or_else(|| cell.to_owned(), Birthday::display)
            }
            Field::Gender => d.gender = gender(cell),
            Field::Address => d.address = nfc(cell),
            Field::Tags => {
                for t in cell.split(['|', ',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
                    d.tags.push(nfc(t));
                }
            }
            // Notes keep their line breaks (a cell may hold several lines).
            Field::Notes => {
                d.notes = unicode_normalization::UnicodeNormalization::nfc(cell).collect()
            }
            // Balances are not the customer's details: `opening::balances` reads them.
            Field::Points | Field::TotalSpent | Field::Debt => {}
        }
    }
    (code, d)
}

/// `Nữ`, `Nam`, `Khác` as KiotViet writes them, or English; anything else is left unknown
/// rather than refused (a shop's file is full of `-` and `?`).
fn gender(cell: &str) -> Option<Gender> {
    match fold(cell).as_str() {
        "nu" | "female" | "f" | "gai" => Some(Gender::Female),
        "nam" | "male" | "m" | "trai" => Some(Gender::Male),
        "khac" | "other" => Some(Gender::Other),
        _ => None,
    }
}

pub fn code_too_long(code: &str) -> bool {
    code.chars().count() > MAX_CODE
}
