//! A store in a chain, end to end: joining the hub (`join`) and carrying changes both ways
//! (`sync`). The two halves it wires together decide nothing here: `sync::local` captures and
//! folds changes in, `hub` keeps them in order; this folder only keeps the site's way to the hub
//! and how far it has come, so that a sync killed at any moment loses and repeats nothing.

mod bulk;
mod join;
// Issue 15, who does what in a chain: care planned again after changes are pulled.
pub mod replan;
mod restore;
mod run;
mod store;

pub use join::join;
pub use run::{sync, Synced};
pub use store::{cursors, is_joined};

// Issue 15, the app: the status the top bar shows, the background sync's record and pace.
mod status;

pub use join::enlist;
pub use status::{
    next_wait, shown_url, status, sync_and_record, test, ChainStatus, INTERVAL, MAX_BACKOFF,
};

/// Changes per round trip: small enough for one transaction a counter does not notice.
pub const BATCH: usize = 500;
