//! One sync: this site's changes up to the hub, then everyone else's down, in batches, until
//! nothing is left. Every step is one transaction on one side, and each side knows how far it
//! has come (the hub its last seq of this site, this file a cursor per other site in the
//! transaction that applies), so a sync killed anywhere resumes with nothing lost or repeated.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use serde::Serialize;

use super::ahead::Puller;
use super::{store, BATCH, FIRST_PULL, PULL};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::hub::{self, Client, Cursors};
use crate::sync::change::Change;
use crate::sync::local;

/// What one sync carried.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Synced {
    pub pushed: usize,
    pub pulled: usize,
}

/// How a pull takes the hub's changes: `batch` at a time, each applied with its cursors in one
/// transaction, which goes on to the next batch while that one, taking as long as the last,
/// would end inside `budget` (none: a transaction a batch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    pub batch: usize,
    pub budget: Duration,
}

/// Pushes then pulls until nothing is left. `hub_unreachable` (and the hub's other codes)
/// when it cannot; what is not yet acknowledged stays in the outbox for the next time.
pub fn sync(db: &mut Db, dir: &Path) -> Result<Synced> {
    sync_at(db, dir, None)
}

/// [`sync`], pulling at `pace` instead of a first pull's or a later one's (see `chain`).
pub fn sync_at(db: &mut Db, dir: &Path, pace: Option<Pace>) -> Result<Synced> {
    let stored = store::load(db.conn())?;
    let code = local::site(db.conn())?.code.ok_or_else(|| Error::hub("chain_not_joined", ""))?;
    let password = hub::unseal(dir, &stored.sealed)?;
    let mut client = hub::connect_as(&stored.url, &stored.role, &password)?;
    // Nothing moves with a hub of another version: a newer one may read changes differently.
    hub::check(&mut client)?;
    let pushed = push_all(db, &mut client, &code)?;
    let pulled = super::bulk::pulling(db, |db| pull_all(db, &mut client, &code, pace))?;
    let names = hub::site_names(&mut client)?;
    db.write(|tx| store::save_names(tx, &names))?;
    Ok(Synced { pushed, pulled })
}

fn push_all(db: &mut Db, client: &mut Client, code: &str) -> Result<usize> {
    // An empty push answers with what the hub holds of this site: resume right after it.
    let mut acked = hub::push(client, code, &[])?;
    super::restore::catch_up(db, client, code, acked)?;
    db.write(|tx| local::settle_erased(tx, acked))?;
    let mut pushed = 0;
    loop {
        let batch = local::pending(db.conn(), acked, BATCH)?;
        if batch.is_empty() {
            return Ok(pushed);
        }
        acked = hub::push(client, code, &batch)?;
        pushed += batch.len();
    }
}

fn pull_all(db: &mut Db, client: &mut Client, code: &str, pace: Option<Pace>) -> Result<usize> {
    let mut cursors = store::cursors(db.conn())?;
    let pace = match pace {
        Some(pace) => pace,
        None if cursors.is_empty() && holds_no_customer(db)? => FIRST_PULL,
        None => PULL,
    };
    std::thread::scope(|s| {
        let mut hub = Puller::new(s, client, code, pace.batch);
        let (mut pulled, mut planned) = (0, 0);
        let mut changes = hub.next(&cursors)?;
        while !changes.is_empty() {
            // The cursors move in the transaction that applies: both happen, or neither.
            let taken = db.write(|tx| {
                let taken = take(tx, &mut hub, cursors.clone(), changes, pace, &mut planned)?;
                store::store_cursors(tx, &taken.cursors)?;
                Ok(taken)
            })?;
            cursors = taken.cursors;
            pulled += taken.applied;
            if taken.drained {
                break;
            }
            if hub.asked() {
                // More follows at once: a counter's write waiting meanwhile takes the lock here.
                std::thread::sleep(super::YIELD);
            }
            changes = hub.next(&cursors)?;
        }
        super::replan::finish(db, chrono::Utc::now())?;
        Ok(pulled)
    })
}

/// What one transaction of a pull took.
struct Taken {
    /// Moved past every change applied.
    cursors: Cursors,
    applied: usize,
    /// Whether the hub answered that it had no more.
    drained: bool,
}

/// Applies `changes` in `tx`, the next batch being asked for meanwhile when this one is full;
/// then that batch too, if it is already here and another, taking as long as the last, ends
/// inside the pace's budget. A batch still on its way is waited for after the commit.
fn take<'scope, 'c: 'scope>(
    tx: &Connection,
    hub: &mut Puller<'scope, '_, 'c>,
    mut cursors: Cursors,
    mut changes: Vec<Change>,
    pace: Pace,
    planned: &mut usize,
) -> Result<Taken> {
    let (started, mut applied) = (Instant::now(), 0);
    loop {
        let batch = Instant::now();
        for c in &changes {
            let seen = cursors.entry(c.site.clone()).or_insert(0);
            *seen = (*seen).max(c.seq);
        }
        if changes.len() >= pace.batch {
            hub.ask(&cursors)?;
        }
        local::apply(tx, &changes)?;
        *planned = super::replan::after_batch(tx, &changes, chrono::Utc::now(), *planned)?;
        applied += changes.len();
        if !hub.ready() || started.elapsed() + batch.elapsed() > pace.budget {
            return Ok(Taken { cursors, applied, drained: false });
        }
        changes = hub.next(&cursors)?;
        if changes.is_empty() {
            return Ok(Taken { cursors, applied, drained: true });
        }
    }
}

/// A store that has pulled nothing and has no customer of its own has just joined: nobody at
/// its counter waits on what it writes.
fn holds_no_customer(db: &Db) -> Result<bool> {
    Ok(db.conn().query_row("SELECT NOT EXISTS (SELECT 1 FROM customer)", [], |r| r.get(0))?)
}
