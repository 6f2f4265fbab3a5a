//! Which store of a chain this database is, and the codes it numbers. At a site every receipt,
//! claim and complaint code it makes starts with its store code (`Q1-HD261129-001`,
//! `Q1-BH000001`), so two stores never make the same one and the customer's copy says where it
//! was made; a single shop keeps its plain numbers (`HD261129-001`, `BH000001`).

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// This database's store code; `None` in a single shop.
pub fn here(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT code FROM sync_site WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .flatten())
}

/// `kind` (`HD261129-`, `BH`) as this database numbers it: behind the store code at a site.
pub fn prefix(conn: &Connection, kind: &str) -> Result<String> {
    Ok(match here(conn)? {
        Some(code) => format!("{code}-{kind}"),
        None => kind.to_owned(),
    })
}

/// One more than the highest number `column` of `table` holds behind `prefix` (digits only: a
/// number typed by hand with letters after the prefix is not part of the count), from 1.
pub fn next_number(conn: &Connection, table: &str, column: &str, prefix: &str) -> Result<u32> {
    let last: Option<String> = conn
        .prepare_cached(&format!(
            // By length first: text order puts `-1000` before `-999`.
            "SELECT {column} FROM {table} WHERE {column} >= ?1 AND {column} < ?1 || 'Z'
               AND substr({column}, length(?1) + 1) NOT GLOB '*[^0-9]*'
             ORDER BY length({column}) DESC, {column} DESC LIMIT 1"
        ))?
        .query_row([prefix], |r| r.get(0))
        .optional()?;
    Ok(last.and_then(|r| r[prefix.len()..].parse::<u32>().ok()).unwrap_or(0) + 1)
}

/// The code of a new claim or complaint (`kind` `BH`, `KN`): a single shop numbers it by the
/// table's sequence as it always has; a site counts its own store's codes, so its numbers run
/// on without the gaps other stores' records would leave.
pub fn next_code(conn: &Connection, table: &str, kind: &str) -> Result<String> {
    let n = match here(conn)? {
        None => conn.query_row(
            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0) + 1",
            [table],
            |r| r.get::<_, i64>(0),
        )?,
        Some(code) => i64::from(next_number(conn, table, "code", &format!("{code}-{kind}"))?),
    };
    Ok(format!("{}{n:06}", prefix(conn, kind)?))
}

/// A store of the chain, as the report's and segments' store picker offers it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct StoreChoice {
    pub code: String,
    /// Its name as the hub lists it; its code until this site has synced once.
    pub name: String,
}

/// The chain's stores, this one among them; empty in a single shop (no picker to show).
pub fn list(conn: &Connection) -> Result<Vec<StoreChoice>> {
    let Some(me) = here(conn)? else { return Ok(Vec::new()) };
    let mut out: Vec<StoreChoice> = conn
        .prepare_cached("SELECT code, name FROM store_name ORDER BY code")?
        .query_map([], |r| Ok(StoreChoice { code: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    if !out.iter().any(|s| s.code == me) {
        out.push(StoreChoice { name: me.clone(), code: me });
        out.sort_by(|a, b| a.code.cmp(&b.code));
    }
    Ok(out)
}
