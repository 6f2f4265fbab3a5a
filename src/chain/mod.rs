//! A store in a chain, end to end: joining the hub (`join`) and carrying changes both ways
//! (`sync`). The two halves it wires together decide nothing here: `sync::local` captures and
//! folds changes in, `hub` keeps them in order; this folder only keeps the site's way to the hub
//! and how far it has come, so that a sync killed at any moment loses and repeats nothing.

use std::time::Duration;

mod ahead;
mod bulk;
mod join;
// Issue 15, who does what in a chain: care planned again after changes are pulled.
pub mod replan;
mod restore;
mod run;
mod store;

pub use join::join;
pub use run::{sync, sync_at, Pace, Synced};
pub use store::{cursors, is_joined};

// Issue 15, the app: the status the top bar shows, the background sync's record and pace.
mod status;

pub use join::enlist;
pub use status::{
    next_wait, shown_url, status, sync_and_record, test, ChainStatus, INTERVAL, MAX_BACKOFF,
};

/// Changes per round trip: small enough for one transaction a counter does not notice.
pub const BATCH: usize = 500;

/// How a pull takes changes after a store's first (`run::Pace`): 2,000 at a time, each batch's
/// commit writing out every page it touched (at 500 a store catching up spent a quarter of its
/// time committing), and further batches in the same transaction for up to a second. A week's
/// catch-up in a 200-store chain took 35.1 s a batch a transaction, 28.3–31.1 s within a second,
/// 26.1 s within two (`benches/catchup.rs`); a counter's write waits out the transaction (for
/// up to 5 s, `db::WRITE_RETRY`), and a second is what a sale's save may wait while a store
/// catches up.
pub const PULL: Pace = Pace { batch: 2000, budget: Duration::from_secs(1) };

/// What a pull leaves between two of its transactions: long enough for a counter's write
/// waiting for the lock, which tries again every `db::WRITE_RETRY`, to take it.
pub const YIELD: Duration = Duration::from_millis(15);

/// The first pull of a store with no customer of its own (it has just joined): its counter has
/// next to nothing to write meanwhile, so its transactions go on for up to three seconds when
/// the next batch is already here. At 1,000,000 customers the indexes' pages are everywhere and
/// each commit writes out all it touched: a transaction of 10,000 changes joined in 231.7 s, of
/// 25,000 in 213.0 s, of 50,000 in 196.9 s, within three seconds in 197.1 s
/// (`benches/join.rs`). Batches of 40,000: each is applied in key order (`sync::local::apply`),
/// and the more keys a batch holds the closer together they fall in each index (10,000: 110.9
/// s; 25,000: 109.1 s; 40,000: 102.9–104.3 s). A transaction holds one batch at least, about
/// 1.7 s on the two-core PC of BENCHMARKS.md: one twice as slow keeps a sale's save waiting
/// about 3.5 s, inside its 5 s.
pub const FIRST_PULL: Pace = Pace { batch: 40_000, budget: Duration::from_secs(3) };
