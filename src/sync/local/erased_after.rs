//! What this site writes about a customer after it has erased her (a return of a phone she
//! bought, her claim moved on) is hers too: blanked here, and in what is sent, as the other
//! sites and the hub keep it (the hub keeps only what may stay of a change about her).

use rusqlite::Connection;

use crate::error::Result;
use crate::sync::change::ERASED_WHOLE;
use crate::sync::spec;
use crate::sync::sql::redact_json;

/// Blanks the records, and their changes, that this site captured after `after_seq` about
/// customers erased here. Run before they are sent.
pub fn settle_erased(tx: &Connection, after_seq: i64) -> Result<()> {
    let late: Vec<(i64, String, String)> = tx
        .prepare_cached(
            "SELECT seq, entity, key FROM sync_outbox WHERE seq > ?1 AND op <> 'redact'
               AND customer IN (SELECT customer FROM sync_erased)",
        )?
        .query_map([after_seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if late.is_empty() {
        return Ok(());
    }
    tx.execute("UPDATE sync_site SET capture = 0 WHERE id = 1", [])?;
    let out = late.iter().try_for_each(|(seq, entity, key)| blank(tx, *seq, entity, key));
    let restore = tx.execute("UPDATE sync_site SET capture = code IS NOT NULL WHERE id = 1", []);
    out?;
    restore?;
    Ok(())
}

fn blank(tx: &Connection, seq: i64, entity: &str, key: &str) -> Result<()> {
    let Some(e) = spec::by_name(entity) else { return Ok(()) };
    if let Some(json) = redact_json(e, "data") {
        tx.execute(&format!("UPDATE sync_outbox SET data = {json} WHERE seq = ?1"), [seq])?;
    }
    if ERASED_WHOLE.contains(&e.name) {
        tx.execute(&format!("DELETE FROM {} WHERE key = ?1", e.table), [key])?;
        return Ok(());
    }
    let sets: Vec<String> = e
        .personal
        .iter()
        .filter(|(f, _)| e.fields.contains(f))
        .map(|(f, blank)| format!("{f} = {blank}"))
        .collect();
    if !sets.is_empty() {
        tx.execute(&format!("UPDATE {} SET {} WHERE key = ?1", e.table, sets.join(", ")), [key])?;
    }
    Ok(())
}
