//! What a site keeps of the chain in its own file: the hub's address, its role, its password
//! sealed, and a cursor per other site.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::hub::{self, Cursors, SiteCredentials};

/// The way to the hub as stored: the password only sealed.
pub(super) struct Stored {
    pub url: String,
    pub role: String,
    pub sealed: String,
}

/// `url` without its user and password: the owner's admin account is used once, to join, and
/// never kept; the site connects as its own role. Those given in the query (`?user=…&password=…`,
/// which libpq reads too) go as well.
pub(super) fn without_account(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let bare = match rest[..host_end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_owned(),
    };
    let Some((base, query)) = bare.split_once('?') else { return bare };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default().to_ascii_lowercase();
            !p.is_empty() && key != "password" && key != "user"
        })
        .collect();
    if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

pub(super) fn save(tx: &Connection, dir: &Path, url: &str, creds: &SiteCredentials) -> Result<()> {
    let sealed = hub::seal(dir, &creds.password)?;
    tx.execute(
        "INSERT OR REPLACE INTO sync_hub(id, url, role, sealed) VALUES (1, ?1, ?2, ?3)",
        params![without_account(url), creds.role, sealed],
    )?;
    Ok(())
}

pub(super) fn load(conn: &Connection) -> Result<Stored> {
    conn.query_row("SELECT url, role, sealed FROM sync_hub WHERE id = 1", [], |r| {
        Ok(Stored { url: r.get(0)?, role: r.get(1)?, sealed: r.get(2)? })
    })
    .optional()?
    .ok_or_else(|| Error::hub("chain_not_joined", ""))
}

/// Whether this database has joined a chain's hub.
pub fn is_joined(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) FROM sync_hub", [], |r| r.get::<_, i64>(0))? > 0)
}

/// The last seq applied here of each other site.
pub fn cursors(conn: &Connection) -> Result<Cursors> {
    let mut stmt = conn.prepare_cached("SELECT site, seq FROM sync_cursor")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn store_cursors(tx: &Connection, cursors: &Cursors) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sync_cursor(site, seq) VALUES (?1, ?2)
         ON CONFLICT(site) DO UPDATE SET seq = max(seq, excluded.seq)",
    )?;
    for (site, seq) in cursors {
        stmt.execute(params![site, seq])?;
    }
    Ok(())
}

/// The chain's stores by name, as the hub lists them now (a renamed store takes its new name).
pub(super) fn save_names(tx: &Connection, names: &[(String, String)]) -> Result<()> {
    tx.execute("DELETE FROM store_name", [])?;
    let mut stmt = tx.prepare_cached("INSERT INTO store_name(code, name) VALUES (?1, ?2)")?;
    for (code, name) in names {
        stmt.execute(params![code, name])?;
    }
    Ok(())
}
