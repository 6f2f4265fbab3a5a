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

/// Changes applied per transaction while pulling: each commit writes out every page its batch
/// touched, and at 500 a store catching up spent a quarter of its time committing (20% faster
/// at 2,000, `benches/catchup.rs`). A batch still applies in well under half a second, which a
/// counter's write waits out (its busy timeout is 5 s).
pub const PULL_BATCH: usize = 2000;

/// Changes applied per transaction by the first pull of a store with no customer of its own
/// (it has just joined): its counter has next to nothing to write meanwhile, and fewer
/// commits are most of what is left to save (a 50,000-customer join 20% faster than at 2,000;
/// a batch then takes up to about 1.5 s at 1,000,000 customers, inside the busy timeout).
pub const FIRST_PULL_BATCH: usize = 10_000;
