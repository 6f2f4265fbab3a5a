//! Customers: who stands at the counter, how to address them, how to reach them, what they like.
//! Owns the `customer`, `customer_phone`, `customer_tag`, `preference` and `customer_fts` tables.

mod birthday;
pub mod bulk;
pub mod care_profile;
mod draft;
mod duplicate;
mod duplicate_dismiss;
mod duplicate_pair;
mod duplicate_scan;
mod index;
mod live;
mod merge;
mod merge_choice;
mod merge_consent;
mod model;
mod preference;
mod read;
pub mod search;
mod write;

pub use draft::{check, CustomerDraft, DraftCheck, PhoneDraft, MAX_NAME, MAX_NOTES};
pub use duplicate::DuplicateMatch;
pub use index::IndexBatch;

/// Takes customer `id` out of the name index for good (erasure): its index rows, and the words
/// of the word list that no other customer's name holds.
pub fn remove_from_index(conn: &rusqlite::Connection, id: i64) -> crate::Result<()> {
    Ok(index::forget(conn, id)?)
}
pub use duplicate_dismiss::dismiss as dismiss_duplicate;
pub use duplicate_pair::{
    DuplicatePair, DuplicateReason, DuplicateScan, DuplicateSide, MAX_GROUP, TAIL_DIGITS,
};
pub use duplicate_scan::{scan as scan_duplicates, scan_among as duplicates_among, DEFAULT_LIMIT};
pub(crate) use live::{check_live, ensure_live, Change};
pub(crate) use merge::survivor;
pub use merge::{merge, merge_with};
pub use merge_choice::{MergeChoice, MergeField, MergeSide};
pub use model::{
    greeting, stored_greeting, AddressAs, Birthday, Channel, CustomerCard, Gender, PhoneEntry,
};
pub use preference::{
    add_preference, remove_preference, update_preference, Preference, PreferenceCategory,
    PreferenceDraft,
};
pub use read::{count, get};
pub use search::{search, SearchHit, SearchOptions, SearchResult};
pub use write::{archive, create, restore, touch_contact, touch_contact_in, update};
