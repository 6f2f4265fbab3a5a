//! The hub's own tables, created and migrated by the app: numbered SQL files, all pending ones
//! in one transaction, the version in `hub_meta`, a hub set up by a newer app refused.

use postgres::Client;

use super::connect::{connect, fault};
use crate::error::{Error, Result};

/// Each migration's SQL, version `i + 1` at index `i`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_hub.sql"),
    include_str!("migrations/0002_erase_personal_only.sql"),
    // A claim's state folded from its events, as at every store.
    include_str!("migrations/0003_claims_folded.sql"),
];
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Any fixed number: two `init`s at once take turns instead of both creating the tables.
const INIT_LOCK: i64 = 0x006b_7168_7562;

const META: &str =
    "CREATE TABLE IF NOT EXISTS hub_meta (key text PRIMARY KEY, value text NOT NULL)";

/// The hub's schema version, `None` when the database holds no hub yet.
pub fn version(client: &mut Client) -> Result<Option<i64>> {
    let exists: bool =
        client.query_one("SELECT to_regclass('hub_meta') IS NOT NULL", &[]).map_err(fault)?.get(0);
    if !exists {
        return Ok(None);
    }
    let row = client
        .query_opt("SELECT value FROM hub_meta WHERE key = 'schema_version'", &[])
        .map_err(fault)?;
    let Some(row) = row else { return Ok(None) };
    parsed(&row.get::<_, String>(0)).map(Some)
}

/// A version that is no number is a damaged `hub_meta`, not a newer app's hub.
fn parsed(text: &str) -> Result<i64> {
    text.parse().map_err(|_| Error::hub("hub_failed", format!("schema version {text:?}")))
}

fn refuse_newer(found: i64) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(Error::hub("hub_too_new", found.to_string()));
    }
    Ok(())
}

/// Creates the hub's tables in the database at `url`, or brings them up to this version;
/// nothing to do when they are. Returns the schema version. Run with the hub owner's account
/// (the one that will create the sites' roles).
pub fn init(url: &str) -> Result<i64> {
    let mut client = connect(url)?;
    let mut tx = client.transaction().map_err(fault)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK]).map_err(fault)?;
    tx.batch_execute(META).map_err(fault)?;
    let found: i64 = match tx
        .query_opt("SELECT value FROM hub_meta WHERE key = 'schema_version'", &[])
        .map_err(fault)?
    {
        Some(row) => parsed(&row.get::<_, String>(0))?,
        None => 0,
    };
    refuse_newer(found)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
        tx.batch_execute(sql).map_err(fault)?;
        let v = (i + 1).to_string();
        tx.execute(
            "INSERT INTO hub_meta (key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&v],
        )
        .map_err(fault)?;
    }
    tx.commit().map_err(fault)?;
    Ok(SCHEMA_VERSION)
}

/// Connects to a hub and checks this app can work with it: `hub_not_initialised` when it has
/// no Khách Quen tables, `hub_too_new` when a newer app set it up.
pub fn open(url: &str) -> Result<Client> {
    let mut client = connect(url)?;
    check(&mut client)?;
    Ok(client)
}

/// The same check on a client already connected (a site's own role may read `hub_meta`):
/// every sync makes it, since the hub can be upgraded by a newer app while this site runs.
pub fn check(client: &mut Client) -> Result<()> {
    match version(client)? {
        None => Err(Error::hub("hub_not_initialised", "")),
        // An older hub is migrated by its owner (`hub init`), not by a site.
        Some(v) if v < SCHEMA_VERSION => Err(Error::hub("hub_not_initialised", v.to_string())),
        Some(v) => refuse_newer(v),
    }
}
