//! Text rules for Vietnamese retail: accent folding, phone numbers, money and dates.
//! Everything here is pure (no storage, no clock) and property-tested.

pub mod code;
pub mod date;
pub mod fold;
pub mod limit;
pub mod money;
pub mod phone;
pub mod serial;

pub use fold::{fold, nfc, tokens};
pub use limit::{limit, limit_in};

/// A name or code two sites of a chain both used for different records, as the one that gives
/// way shows it: the last four characters of its chain-wide key after it (`IP15-3f9c`,
/// `Lan-3f9c`). Every site renames by the same rule (`sync::local::codes`), and an account
/// signed in under its old name is still recognised by it (`staff::reload`).
pub fn with_key_tail(name: &str, key: &str) -> String {
    let tail: String = key.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{name}-{tail}")
}
