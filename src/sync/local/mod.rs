//! This database as a site: what it captured of its own writes (`pending`), becoming a site
//! (`start_site`), and folding in other sites' changes (`apply`). Capture itself is done by the
//! triggers of migration 0015, in the transaction of each write.

mod applied;
mod apply;
mod codes;
mod erased_after;
mod field_clocks;
mod hooks;
mod merge_cycle;
pub mod origin;
mod row;

use rusqlite::{params, Connection, OptionalExtension};

use super::change::{Change, ChangeOp};
use super::hlc::Hlc;
use super::spec::{Kind, ENTITIES, STORE};
use super::sql::{self, outbox_insert, owner_expr, whole_record};
use crate::error::{Error, Result};

pub use apply::apply;
pub use erased_after::settle_erased;

/// This database's place in a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `None` until it joins a chain.
    pub code: Option<String>,
    /// The highest clock it has made or seen.
    pub hlc: Hlc,
    /// Its last change's number.
    pub seq: i64,
}

pub fn site(conn: &Connection) -> Result<Site> {
    Ok(conn
        .prepare_cached("SELECT code, hlc_wall, hlc_counter, seq FROM sync_site WHERE id = 1")?
        .query_row([], |r| {
            let code: Option<String> = r.get(0)?;
            let hlc = Hlc {
                wall_ms: r.get(1)?,
                counter: r.get(2)?,
                site: code.clone().unwrap_or_default(),
            };
            Ok(Site { code, hlc, seq: r.get(3)? })
        })?)
}

/// This site's changes numbered after `after_seq`, oldest first, at most `limit`.
pub fn pending(conn: &Connection, after_seq: i64, limit: usize) -> Result<Vec<Change>> {
    let Some(code) = site(conn)?.code else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "SELECT seq, hlc, entity, key, op, data, customer FROM sync_outbox
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after_seq, limit as i64], |r| {
        let hlc: String = r.get(1)?;
        let op: String = r.get(4)?;
        let data: String = r.get(5)?;
        Ok((r.get(0)?, hlc, r.get(2)?, r.get(3)?, op, data, r.get(6)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, hlc, entity, key, op, data, customer) = row?;
        let hlc = Hlc::parse(&hlc).ok_or_else(|| Error::invalid("hlc", "hlc_damaged"))?;
        let op = match op.as_str() {
            "fields" => ChangeOp::Fields,
            "fact" => ChangeOp::Fact,
            _ => ChangeOp::Redact,
        };
        let data =
            serde_json::from_str(&data).map_err(|_| Error::invalid("data", "data_damaged"))?;
        out.push(Change { site: code.clone(), seq, hlc, entity, key, op, data, customer });
    }
    Ok(out)
}

/// A store code: letters, digits, `_`, at most 20 (it ends every clock this site writes).
fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 20
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Makes this database site `code` of a chain and captures everything it holds, so that
/// joining pushes what it holds. Joining again under the same code changes nothing; another
/// code is refused (a site keeps its code for life: its clocks and numbers carry it).
pub fn start_site(tx: &Connection, code: &str) -> Result<()> {
    if !valid_code(code) {
        return Err(Error::invalid("site_code", "site_code_invalid"));
    }
    match site(tx)?.code {
        Some(c) if c == code => return Ok(()),
        Some(_) => return Err(Error::invalid("site_code", "site_code_taken")),
        None => {}
    }
    // Rows written while a single shop have no key yet.
    for e in ENTITIES {
        let key = sql::key_expr(e).replace("NEW.", &format!("{}.", e.table));
        tx.execute_batch(&format!("UPDATE {} SET key = {key} WHERE key IS NULL", e.table))?;
    }
    // What it made as a single shop was made at this store.
    for e in ENTITIES.iter().filter(|e| e.fields.contains(&STORE)) {
        tx.execute(&format!("UPDATE {} SET {STORE} = ?1 WHERE {STORE} = ''", e.table), [code])?;
    }
    tx.execute("UPDATE sync_site SET code = ?1, capture = 1 WHERE id = 1", [code])?;
    tx.execute_batch(&sql::tick())?;
    for e in ENTITIES {
        let op = if e.kind == Kind::Mutable { "fields" } else { "fact" };
        let order = if e.locate == ["rowid"] { "r.rowid" } else { "r.key" };
        let insert = outbox_insert(e, op, &whole_record(e, "r"), "r.key", &owner_expr(e, "r", 0))
            .replacen(
                "SELECT s.seq,",
                &format!("SELECT s.seq + row_number() OVER (ORDER BY {order}) - 1,"),
                1,
            );
        tx.execute_batch(&format!("{insert} FROM sync_site s, {} r", e.table))?;
        tx.execute_batch(
            "UPDATE sync_site SET seq = max(seq, coalesce((SELECT max(seq) + 1 FROM sync_outbox), 0))",
        )?;
    }
    // Those erased here before joining: the others must not keep what they may get of them.
    tx.execute_batch(
        "INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer)
         SELECT s.seq + row_number() OVER (ORDER BY c.id) - 1,
            printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer', c.key,
            'redact', '{}', c.key
         FROM sync_site s, customer c WHERE c.erased_at IS NOT NULL",
    )?;
    tx.execute_batch("UPDATE sync_site SET seq = coalesce((SELECT max(seq) FROM sync_outbox), 0)")?;
    Ok(())
}

/// The key of the local record `id` of `entity`, if any.
pub fn key_of(conn: &Connection, entity: &str, id: i64) -> Result<Option<String>> {
    let table = sql::table_of(entity);
    Ok(conn
        .prepare_cached(&format!("SELECT key FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Moves this site's wall clock by `offset_ms` (a PC clock known to be wrong; tests use it to
/// set a site's clock back or ahead).
pub fn set_clock_offset(tx: &Connection, offset_ms: i64) -> Result<()> {
    tx.execute("UPDATE sync_site SET clock_offset_ms = ?1 WHERE id = 1", [offset_ms])?;
    Ok(())
}
