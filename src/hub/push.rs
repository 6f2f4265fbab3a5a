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

/// Refused before anything is sent; the hub checks it again (`hub_push`).
fn all_of(site: &str, batch: &[Change]) -> Result<()> {
    match batch.iter().find(|c| c.site != site) {
        Some(c) => Err(Error::hub("hub_wrong_site", c.site.clone())),
        None => Ok(()),
    }
}

/// Column arrays for one call of `hub_push`: one round trip for the batch.
#[derive(Default)]
struct Columns {
    seq: Vec<i64>,
    hlc: Vec<String>,
    entity: Vec<String>,
    key: Vec<String>,
    op: Vec<&'static str>,
    data: Vec<String>,
    customer: Vec<Option<String>>,
    redacted: Vec<String>,
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
            let redacted = serde_json::Value::Object(ch.redacted()).to_string();
            c.redacted.push(redacted);
        }
        Ok(c)
    }
}

const PUSH: &str = "SELECT hub_push($1, $2::bigint[], $3::text[], $4::text[], $5::text[],
    $6::text[], $7::text[], $8::text[], $9::text[])";

/// Pushes `batch` inside the caller's transaction (which holds the site's row locked until it
/// ends). Returns the highest seq the hub holds from `site` once it commits. Sites may write
/// only through `hub_push`, which checks the batch, skips what it holds and folds the rest.
pub fn push_in(tx: &mut Transaction<'_>, site: &str, batch: &[Change]) -> Result<i64> {
    all_of(site, batch)?;
    let c = Columns::of(batch)?;
    let row = tx
        .query_one(
            PUSH,
            &[&site, &c.seq, &c.hlc, &c.entity, &c.key, &c.op, &c.data, &c.customer, &c.redacted],
        )
        .map_err(fault)?;
    Ok(row.get(0))
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
