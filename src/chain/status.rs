//! How this store's syncing goes, as the top bar and Settings show it: joined or not, the hub
//! (never its password), the last sync that finished, the changes the hub does not hold yet, and
//! the last failure's code. What a sync brings is recorded by [`sync_and_record`], on whichever
//! connection syncs; nothing here is synced to the other stores.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::run::{sync, Synced};
use super::store;
use crate::db::Db;
use crate::error::Result;
use crate::hub;
use crate::sync::local;

/// This store in its chain, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChainStatus {
    pub joined: bool,
    /// The store's code in the chain (`None` until it joins).
    pub code: Option<String>,
    /// The store's name as it joined ("" when joined from an older app).
    pub name: String,
    /// The hub's address without any account or password.
    pub hub: String,
    /// When the last sync finished (UTC, RFC 3339).
    pub synced_at: Option<String>,
    /// This store's changes the hub is not known to hold yet.
    #[ts(type = "number")]
    pub waiting: i64,
    /// The last attempt's failure (`hub_unreachable`, `hub_auth_failed`…); `None` once one
    /// succeeds.
    pub error: Option<String>,
    pub error_at: Option<String>,
}

/// A sync every this long while the hub answers.
pub const INTERVAL: Duration = Duration::from_secs(5);
/// The longest wait between tries while it does not: a store offline for a day must not knock
/// every five seconds, but one back on the network must not wait long either.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// How long to wait before the next try after `failures` failed ones in a row: the interval,
/// doubled by each failure, at most [`MAX_BACKOFF`].
pub fn next_wait(failures: u32) -> Duration {
    INTERVAL.saturating_mul(1 << failures.min(8)).min(MAX_BACKOFF)
}

fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The hub's address as shown: without a user and password, in its authority or its query
/// (what was stored before the query's were dropped at joining is shown without them too).
pub fn shown_url(url: &str) -> String {
    store::without_account(url)
}

/// This store's syncing as it stands.
pub fn status(conn: &Connection) -> Result<ChainStatus> {
    let code = local::site(conn)?.code;
    let hub = match store::is_joined(conn)? {
        true => Some(shown_url(&store::load(conn)?.url)),
        false => None,
    };
    let (name, acked, synced_at, error, error_at) = conn.query_row(
        "SELECT name, acked_seq, synced_at, error, error_at FROM chain_status WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let waiting = match code {
        Some(_) => {
            conn.query_row("SELECT count(*) FROM sync_outbox WHERE seq > ?1", [acked], |r| {
                r.get(0)
            })?
        }
        None => 0,
    };
    Ok(ChainStatus {
        joined: hub.is_some(),
        code,
        name,
        hub: hub.unwrap_or_default(),
        synced_at,
        waiting,
        error,
        error_at,
    })
}

/// Keeps the store's name as it joins, in the joining transaction.
pub(super) fn joined_as(tx: &Connection, name: &str) -> Result<()> {
    tx.execute("UPDATE chain_status SET name = ?1 WHERE id = 1", [name.trim()])?;
    Ok(())
}

/// One sync (`chain::sync`), its outcome recorded for the status: the time and what the hub now
/// holds when it finishes, the error's code when it fails (the error is returned all the same).
pub fn sync_and_record(db: &mut Db, dir: &Path, now: DateTime<Utc>) -> Result<Synced> {
    // Whatever was captured before the sync began is pushed when it finishes; what the counter
    // writes meanwhile waits for the next one (counted as waiting until then).
    let before = local::site(db.conn())?.seq;
    let result = sync(db, dir);
    let at = stamp(now);
    db.write(|tx| {
        match &result {
            Ok(_) => tx.execute(
                "UPDATE chain_status SET acked_seq = max(acked_seq, ?1), synced_at = ?2,
                 error = NULL, error_at = NULL WHERE id = 1",
                params![before, at],
            )?,
            Err(e) => tx.execute(
                "UPDATE chain_status SET error = ?1, error_at = ?2 WHERE id = 1",
                params![e.code(), at],
            )?,
        };
        Ok(())
    })?;
    result
}

/// Tries the hub at `url` (the hub owner's, as for joining): it answers, the account is let in,
/// and it holds a hub this app can work with. Returns its schema version; writes nothing.
pub fn test(url: &str) -> Result<i64> {
    let mut client = hub::open(url)?;
    Ok(hub::version(&mut client)?.unwrap_or_default())
}
