//! Which record's value a merge keeps for each single-valued field of the card. Lists (phones,
//! tags, preferences) and notes are always united; these fields hold one value, so staff choose.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MergeField {
    FullName,
    CallName,
    AddressAs,
    Gender,
    Email,
    Birthday,
    Address,
    ContactChannel,
    /// The lunar remembrance day and its note.
    Anniversary,
    /// The language of her messages.
    Locale,
}

/// The record a field's value is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MergeSide {
    /// The record that stays.
    Keep,
    /// The record merged into it.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeChoice {
    pub field: MergeField,
    pub side: MergeSide,
}

impl MergeField {
    pub const ALL: [MergeField; 10] = [
        MergeField::FullName,
        MergeField::CallName,
        MergeField::AddressAs,
        MergeField::Gender,
        MergeField::Email,
        MergeField::Birthday,
        MergeField::Address,
        MergeField::ContactChannel,
        MergeField::Anniversary,
        MergeField::Locale,
    ];

    /// The columns that hold the field: a name carries its folded form (search and the
    /// duplicate finder read it), a birthday whether it is a lunar date, a remembrance its note.
    fn columns(self) -> &'static [&'static str] {
        match self {
            MergeField::FullName => &["full_name", "folded_name"],
            MergeField::CallName => &["call_name", "folded_call"],
            MergeField::AddressAs => &["address_as"],
            MergeField::Gender => &["gender"],
            MergeField::Email => &["email"],
            MergeField::Birthday => &["birthday", "birthday_lunar"],
            MergeField::Address => &["address"],
            MergeField::ContactChannel => &["contact_channel"],
            MergeField::Anniversary => &["anniversary_lunar", "anniversary_note"],
            MergeField::Locale => &["locale"],
        }
    }

    /// Without a choice, a field the kept record leaves empty is filled from the other (the
    /// merge's behaviour before choices existed); names and the form of address stay.
    fn filled_when_empty(self) -> Option<&'static str> {
        match self {
            MergeField::Gender => Some("gender IS NULL"),
            MergeField::Email => Some("coalesce(email, '') = ''"),
            MergeField::Birthday => Some("birthday IS NULL"),
            MergeField::Address => Some("address = ''"),
            MergeField::ContactChannel => Some("contact_channel IS NULL"),
            MergeField::Anniversary => Some("anniversary_lunar IS NULL"),
            // Vietnamese is the column's default, so only English was ever chosen by someone.
            MergeField::Locale => Some("locale = 'vi'"),
            MergeField::FullName | MergeField::CallName | MergeField::AddressAs => None,
        }
    }
}

/// The side `choices` name for `field` (the last one if named twice); `None` if not named.
pub(super) fn chosen(choices: &[MergeChoice], field: MergeField) -> Option<MergeSide> {
    choices.iter().rev().find(|c| c.field == field).map(|c| c.side)
}

/// Sets customer `keep`'s single-valued fields as `choices` say, reading `from` before it is
/// archived.
pub(super) fn apply(
    conn: &Connection,
    keep: i64,
    from: i64,
    choices: &[MergeChoice],
) -> Result<()> {
    for field in MergeField::ALL {
        let copy = match (chosen(choices, field), field.filled_when_empty()) {
            (Some(MergeSide::Other), _) => "1".to_owned(),
            (None, Some(empty)) => empty.to_owned(),
            (Some(MergeSide::Keep), _) | (None, None) => continue,
        };
        let sets: Vec<String> = field
            .columns()
            .iter()
            .map(|c| format!("{c} = (SELECT {c} FROM customer WHERE id = ?2)"))
            .collect();
        // Column names come from the list above, never from input.
        conn.execute(
            &format!("UPDATE customer SET {} WHERE id = ?1 AND ({copy})", sets.join(", ")),
            params![keep, from],
        )?;
    }
    Ok(())
}
