//! What the duplicate finder reports: pairs of live customers with why they may be one person and
//! how strongly, strongest first. Both scans (every customer, or just some after an import)
//! gather reasons per pair and end here, so their pairs are scored and ordered alike.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::model::{greeting, AddressAs, Birthday};
use crate::error::{Error, Result};

/// Why two records may be the same person. Names compare folded (accents, case and spacing
/// ignored), so "Trần Thị Mai" and "tran thi mai" are the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// One phone number on both records.
    Phone,
    /// The same name and the same birthday.
    NameBirthday,
    /// The same name and a phone ending in the same [`TAIL_DIGITS`] digits on each: a number
    /// mistyped at the front, or a landline stored with and without its new area code (old
    /// 11-digit mobiles need no help: phones are stored in their renumbered form).
    NamePhoneTail,
}

/// Digits compared at the end of phones: the subscriber part, which renumberings kept.
pub const TAIL_DIGITS: usize = 7;

/// A key (a phone, a name and birthday…) shared by more live records than this is a placeholder
/// typed for walk-ins or a common name, not one person: its records are not paired, which also
/// keeps the scan linear.
pub const MAX_GROUP: usize = 8;

impl DuplicateReason {
    pub const ALL: [DuplicateReason; 3] =
        [DuplicateReason::Phone, DuplicateReason::NameBirthday, DuplicateReason::NamePhoneTail];

    /// Families share a phone, so a phone alone weighs less than a name with a birthday.
    fn weight(self) -> u32 {
        match self {
            DuplicateReason::Phone => 40,
            DuplicateReason::NameBirthday => 60,
            DuplicateReason::NamePhoneTail => 35,
        }
    }

    pub(super) fn bit(self) -> u8 {
        match self {
            DuplicateReason::Phone => 1,
            DuplicateReason::NameBirthday => 2,
            DuplicateReason::NamePhoneTail => 4,
        }
    }
}

/// One side of a pair, as the finder lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateSide {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub greeting: String,
    /// Display form (`0912 345 678`).
    pub primary_phone: Option<String>,
    pub birthday_display: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicatePair {
    /// The older record (lower id): the finder's suggestion of which to keep.
    pub a: DuplicateSide,
    pub b: DuplicateSide,
    /// 0–100: the reasons' weights added up, capped.
    pub score: u8,
    pub reasons: Vec<DuplicateReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateScan {
    /// The strongest pairs, at most the limit asked for.
    pub pairs: Vec<DuplicatePair>,
    /// Every pair found, listed or not.
    #[ts(type = "number")]
    pub total: usize,
}

/// Reasons gathered per pair of customer ids (low id first).
#[derive(Default)]
pub(super) struct Found(HashMap<(i64, i64), u8>);

impl Found {
    pub(super) fn add(&mut self, x: i64, y: i64, reason: DuplicateReason) {
        if x != y {
            *self.0.entry((x.min(y), x.max(y))).or_default() |= reason.bit();
        }
    }

    /// Every pair of `ids` (a group sharing one key), unless the group is too large to mean one
    /// person.
    pub(super) fn add_group(&mut self, ids: &[i64], reason: DuplicateReason) {
        if ids.len() > MAX_GROUP {
            return;
        }
        for (i, x) in ids.iter().enumerate() {
            for y in &ids[i + 1..] {
                self.add(*x, *y, reason);
            }
        }
    }

    /// Drops dismissed pairs, scores, orders strongest first (older pairs first on a tie) and
    /// reads the sides of the first `limit`.
    pub(super) fn finish(self, conn: &Connection, limit: usize) -> Result<DuplicateScan> {
        let dismissed = super::duplicate_dismiss::all(conn)?;
        let mut scored: Vec<(u8, (i64, i64), u8)> = self
            .0
            .into_iter()
            .filter(|(pair, _)| !dismissed.contains(pair))
            .map(|(pair, bits)| (score(bits), pair, bits))
            .collect();
        scored.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        let total = scored.len();
        let pairs = scored
            .into_iter()
            .take(limit)
            .map(|(score, (a, b), bits)| {
                Ok(DuplicatePair {
                    a: side(conn, a)?,
                    b: side(conn, b)?,
                    score,
                    reasons: reasons(bits),
                })
            })
            .collect::<Result<_>>()?;
        Ok(DuplicateScan { pairs, total })
    }
}

pub(super) fn score(bits: u8) -> u8 {
    let sum: u32 = reasons(bits).iter().map(|r| r.weight()).sum();
    sum.min(100) as u8
}

fn reasons(bits: u8) -> Vec<DuplicateReason> {
    DuplicateReason::ALL.into_iter().filter(|r| bits & r.bit() != 0).collect()
}

/// Ids of pairs already dismissed, low id first.
pub(super) type PairSet = HashSet<(i64, i64)>;

fn side(conn: &Connection, id: i64) -> Result<DuplicateSide> {
    let side = conn
        .prepare_cached(
            "SELECT full_name, call_name, address_as, birthday, created_at FROM customer WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let address_as = AddressAs::parse(&r.get::<_, String>(2)?).unwrap_or_default();
            let birthday = r.get::<_, Option<String>>(3)?;
            Ok(DuplicateSide {
                id,
                full_name: r.get(0)?,
                greeting: greeting(address_as, &r.get::<_, String>(1)?),
                primary_phone: None,
                birthday_display: birthday
                    .as_deref()
                    .and_then(Birthday::from_sql)
                    .map(Birthday::display)
                    .unwrap_or_default(),
                created_at: r.get(4)?,
            })
        })
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id })?;
    let primary_phone =
        super::read::phones(conn, id)?.into_iter().find(|p| p.is_primary).map(|p| p.display);
    Ok(DuplicateSide { primary_phone, ..side })
}
