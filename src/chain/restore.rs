//! A site's file put back from an older backup. The hub holds changes of this site that the file
//! no longer has: numbers past the file's own, edits that overwrote what the file holds, erasures
//! it would undo. Left alone, the site would number its next changes with seqs the hub already
//! holds (and skips as sent: lost), and keep the old values and the erased customers.
//!
//! So before each push the site checks that the hub's last change from it is the one its outbox
//! holds under that number. When not, it finds the last number both agree on, moves what it
//! wrote since the restore past the hub's numbers, and applies its own lost changes from the hub
//! like any other store's (their erasures carried out again). The cursors of the other stores
//! came back with the file too, so the next pull brings again everything since the backup;
//! applying is idempotent.

use rusqlite::OptionalExtension;

use super::replan;
use crate::db::Db;
use crate::error::Result;
use crate::hub::{self, Client};
use crate::sync::local;

/// Own changes pulled back per round trip.
const BATCH: i64 = super::BATCH as i64;

/// Whether the hub's change `seq` of this site is the one this file holds under that number.
fn agree(db: &Db, client: &mut Client, code: &str, seq: i64) -> Result<bool> {
    if seq == 0 {
        return Ok(true);
    }
    let mine: Option<String> = db
        .conn()
        .query_row("SELECT hlc FROM sync_outbox WHERE seq = ?1", [seq], |r| r.get(0))
        .optional()?;
    let Some(mine) = mine else { return Ok(false) };
    Ok(hub::clock_at(client, code, seq)?.as_deref() == Some(mine.as_str()))
}

/// The last seq this file and the hub agree on, at most `acked`: a prefix agrees and what
/// follows differs, so a bisection finds it in a few round trips.
fn last_agreed(db: &Db, client: &mut Client, code: &str, acked: i64) -> Result<i64> {
    if agree(db, client, code, acked)? {
        return Ok(acked);
    }
    let held: i64 =
        db.conn().query_row("SELECT coalesce(max(seq), 0) FROM sync_outbox", [], |r| r.get(0))?;
    let (mut lo, mut hi) = (0, held.min(acked - 1));
    while lo < hi {
        let mid = lo + (hi - lo + 1) / 2;
        if agree(db, client, code, mid)? {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Ok(lo)
}

/// Brings a restored file level with what the hub holds of it; `acked` is the hub's last seq of
/// this site. Returns how many of its own changes came back (0 when nothing was lost).
pub(super) fn catch_up(db: &mut Db, client: &mut Client, code: &str, acked: i64) -> Result<usize> {
    let agreed = last_agreed(db, client, code, acked)?;
    if agreed == acked {
        return Ok(0);
    }
    let shift = acked - agreed;
    // What was written here since the restore follows the hub's numbers (negated first: seq is
    // the primary key).
    db.write(|tx| {
        tx.execute("UPDATE sync_outbox SET seq = -seq WHERE seq > ?1", [agreed])?;
        tx.execute("UPDATE sync_outbox SET seq = ?1 - seq WHERE seq < 0", [shift])?;
        tx.execute("UPDATE sync_site SET seq = max(seq, ?2) + ?1 WHERE id = 1", [shift, agreed])?;
        Ok(())
    })?;
    let mut after = agreed;
    let mut back = 0;
    loop {
        let mut changes = hub::own_changes(client, code, after, BATCH)?;
        let Some(last) = changes.last().map(|c| c.seq) else { return Ok(back) };
        // Applied as another store's would be: this file no longer holds them.
        for c in &mut changes {
            c.site = String::new();
        }
        db.write(|tx| {
            local::apply(tx, &changes)?;
            replan::after_changes(tx, &changes, chrono::Utc::now())
        })?;
        back += changes.len();
        after = last;
    }
}
