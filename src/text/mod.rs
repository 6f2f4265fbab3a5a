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
