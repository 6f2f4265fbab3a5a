//! A site's changes into the hub: in seq order, in one transaction, idempotent by (site, seq).

use postgres::{Client, Transaction};

use super::connect::fault;
use crate::error::{Error, Result};
use crate::sync::change::{Change, ChangeOp};

fn op_code(op: ChangeOp) -> &'static str {
    match op {
        ChangeOp::Fields => "fields",
        ChangeOp::Fact => "fact",
        ChangeOp::Redact => "redact",
    }
}

/// The changes of `batch` the hub does not hold yet (seq past `last`), after checking they are
/// all `site`'s and follow on from `last` with no gap.
fn unacknowledged<'a>(site: &str, last: i64, batch: &'a [Change]) -> Result<&'a [Change]> {
    if let Some(c) = batch.iter().find(|c| c.site != site) {
        return Err(Error::hub("hub_wrong_site", c.site.clone()));
    }
    let start = batch.iter().position(|c| c.seq > last).unwrap_or(batch.len());
    let fresh = &batch[start..];
    for (i, c) in fresh.iter().enumerate() {
        let expected = last + 1 + i64::try_from(i).unwrap_or(i64::MAX);
        if c.seq != expected {
            return Err(Error::hub("hub_seq_gap", format!("expected {expected}, got {}", c.seq)));
        }
    }
    Ok(fresh)
}

/// Column arrays for one `INSERT … SELECT FROM unnest(…)`: one round trip for the batch.
#[derive(Default)]
struct Columns {
    seq: Vec<i64>,
    hlc: Vec<String>,
    entity: Vec<String>,
    key: Vec<String>,
    op: Vec<&'static str>,
    data: Vec<String>,
    customer: Vec<Option<String>>,
}

impl Columns {
    fn of(changes: &[Change]) -> Result<Columns> {
        let mut c = Columns::default();
        for ch in changes {
            c.seq.push(ch.seq);
            c.hlc.push(ch.hlc.to_string());
            c.entity.push(ch.entity.clone());
            c.key.push(ch.key.clone());
            c.op.push(op_code(ch.op));
            // A redaction carries no data, whatever a client put in it.
            let data = match ch.op {
                ChangeOp::Redact => String::from("{}"),
                _ => serde_json::to_string(&ch.data)
                    .map_err(|e| Error::hub("hub_failed", e.to_string()))?,
            };
            c.data.push(data);
            c.customer.push(ch.customer.clone());
        }
        Ok(c)
    }
}

const INSERT: &str = "INSERT INTO changes (site, seq, hlc, entity, key, op, data, customer)
    SELECT $1, u.seq, u.hlc, u.entity, u.key, u.op, u.data::jsonb, u.customer
    FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                $8::text[]) AS u (seq, hlc, entity, key, op, data, customer)";

/// Pushes `batch` inside the caller's transaction (which holds the site's row locked until it
/// ends). Returns the highest seq the hub holds from `site` once it commits.
pub fn push_in(tx: &mut Transaction<'_>, site: &str, batch: &[Change]) -> Result<i64> {
    let last: i64 = tx.query_one("SELECT hub_push_begin($1)", &[&site]).map_err(fault)?.get(0);
    let fresh = unacknowledged(site, last, batch)?;
    let (Some(first), Some(high)) = (fresh.first(), fresh.last()) else { return Ok(last) };
    let c = Columns::of(fresh)?;
    tx.execute(INSERT, &[&site, &c.seq, &c.hlc, &c.entity, &c.key, &c.op, &c.data, &c.customer])
        .map_err(fault)?;
    tx.query_one("SELECT hub_push_end($1, $2, $3)", &[&site, &first.seq, &high.seq])
        .map_err(fault)?;
    Ok(high.seq)
}

/// Pushes a site's changes, in seq order, all or none. Changes the hub already holds are
/// skipped (a batch re-sent after a lost answer is no error); a batch that does not follow on
/// from what the hub holds is refused (`hub_seq_gap`) and nothing of it is kept. Returns the
/// highest seq acknowledged: the site may forget everything up to it.
pub fn push(client: &mut Client, site: &str, batch: &[Change]) -> Result<i64> {
    let mut tx = client.transaction().map_err(fault)?;
    let high = push_in(&mut tx, site, batch)?;
    tx.commit().map_err(fault)?;
    Ok(high)
}
