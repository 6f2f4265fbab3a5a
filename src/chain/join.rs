//! A database becomes a store of the chain: the hub makes the site, the site keeps its way
//! there, captures everything it holds, and sends it.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::run::{sync, Synced};
use super::store;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::hub;
use crate::sync::local;

/// Makes the database `db` (whose folder `dir` keeps the sealing key) store `code`, named
/// `name`, of the hub whose owner's URL is `admin_url`; then syncs. Whatever the hub refuses
/// (a code taken, the hub away) leaves this database as it was.
pub fn join(
    db: &mut Db,
    dir: &Path,
    site: (&str, &str, &str),
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Synced> {
    enlist(db, dir, site, staff, now)?;
    sync(db, dir)
}

/// The first half of [`join`]: the hub makes the site and this database becomes it, with
/// everything it holds captured to send, but nothing sent yet (the app's background sync sends
/// it on a connection of its own, so a large shop joining does not hold up the counter).
pub fn enlist(
    db: &mut Db,
    dir: &Path,
    (admin_url, code, name): (&str, &str, &str),
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    // The hub allows `-`, a site's clocks do not: refused before the hub hands out a role.
    if code.contains('-') {
        return Err(Error::hub("site_code_invalid", code));
    }
    if let Some(mine) = local::site(db.conn())?.code.filter(|c| c != code) {
        return Err(Error::hub("site_already_joined", mine));
    }
    let creds = hub::add_site(admin_url, code, name)?;
    db.write(|tx| {
        store::save(tx, dir, admin_url, &creds)?;
        local::start_site(tx, code)?;
        super::status::joined_as(tx, name)?;
        crate::audit::record(
            tx,
            now,
            staff,
            "join_chain",
            "site",
            0,
            json!({ "code": code, "name": name.trim(), "role": creds.role }),
        )
    })
}
