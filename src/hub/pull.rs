//! Other sites' changes out of the hub, by a cursor per site.
//!
//! A site's pushes are serialised by its row in `sites` and its seqs follow on with no gap, so
//! the changes of one site become visible in seq order: a cursor (site, last seq seen) never
//! passes a change that is still to commit. One global serial would not have that property.
//! Only acknowledged changes are served (`seq <= last_seq`): a row that reached `changes` by any
//! other path than `hub_push` was never checked, and one bad clock would stop every pull.

use std::collections::BTreeMap;

use postgres::Client;

use super::connect::fault;
use crate::error::{Error, Result};
use crate::sync::change::{Change, ChangeOp};
use crate::sync::hlc::Hlc;

/// The last seq seen of each site; a site missing has been seen to 0.
pub type Cursors = BTreeMap<String, i64>;

/// A site's seqs have no gaps, so what each site holds past its cursor is `last_seq - cursor`:
/// the sites, in code order, are given what is left of the limit before reading a row, and
/// each reads one index range. `OFFSET 0` keeps the range per site (flattened into a join,
/// the planner of a freshly filled hub hashed the whole log for every pull) and the bounds are
/// `bigint` (a `numeric` sum left the upper bound a filter over the rest of the site's log):
/// that was 30 ms a pull at 48,000 changes, and grew with the log. (Taking up to the limit
/// from every site and sorting them read sites × limit rows for each pull: 0.3 s a pull in a
/// chain of 200.)
const PULL: &str = "WITH todo AS (
        SELECT s.code, coalesce(k.seq, 0) AS after, s.last_seq,
            (sum(s.last_seq - coalesce(k.seq, 0)) OVER (ORDER BY s.code))::bigint
                - (s.last_seq - coalesce(k.seq, 0)) AS earlier
        FROM sites s
        LEFT JOIN unnest($2::text[], $3::bigint[]) AS k (site, seq) ON k.site = s.code
        WHERE s.code <> $1 AND s.last_seq > coalesce(k.seq, 0)
    )
    SELECT c.site, c.seq, c.hlc, c.entity, c.key, c.op, c.data::text, c.customer
    FROM todo t
    CROSS JOIN LATERAL (
        SELECT * FROM changes c
        WHERE c.site = t.code AND c.seq > t.after
            AND c.seq <= least(t.last_seq, t.after + $4 - t.earlier)
        OFFSET 0
    ) c
    WHERE t.earlier < $4
    ORDER BY c.site, c.seq";

fn op(code: &str) -> Option<ChangeOp> {
    match code {
        "fields" => Some(ChangeOp::Fields),
        "fact" => Some(ChangeOp::Fact),
        "redact" => Some(ChangeOp::Redact),
        _ => None,
    }
}

fn change(row: &postgres::Row) -> Result<Change> {
    let bad = |what: &str| Error::hub("hub_failed", format!("a change with a bad {what}"));
    let hlc: String = row.get(2);
    let op_code: String = row.get(5);
    let data: String = row.get(6);
    Ok(Change {
        site: row.get(0),
        seq: row.get(1),
        hlc: Hlc::parse(&hlc).ok_or_else(|| bad("clock"))?,
        entity: row.get(3),
        key: row.get(4),
        op: op(&op_code).ok_or_else(|| bad("op"))?,
        data: serde_json::from_str(&data).map_err(|_| bad("data"))?,
        customer: row.get(7),
    })
}

/// Up to `limit` changes of sites other than `me` past `cursors`, by site then seq. The caller
/// advances each site's cursor to the last seq it applied and pulls again until nothing comes.
pub fn pull(client: &mut Client, me: &str, cursors: &Cursors, limit: i64) -> Result<Vec<Change>> {
    let sites: Vec<&str> = cursors.keys().map(String::as_str).collect();
    let seqs: Vec<i64> = cursors.values().copied().collect();
    let rows = client.query(PULL, &[&me, &sites, &seqs, &limit.max(0)]).map_err(fault)?;
    rows.iter().map(change).collect()
}

// Issue 15, a site restored from an old backup (`chain::restore`): what the hub holds of the
// site's own changes, which a normal pull never serves back to it.

/// The clock of `site`'s change `seq` as the hub holds it.
pub fn clock_at(client: &mut Client, site: &str, seq: i64) -> Result<Option<String>> {
    let row = client
        .query_opt("SELECT hlc FROM changes WHERE site = $1 AND seq = $2", &[&site, &seq])
        .map_err(fault)?;
    Ok(row.map(|r| r.get(0)))
}

/// `me`'s own acknowledged changes numbered after `after`, up to `limit`, in seq order.
pub fn own_changes(client: &mut Client, me: &str, after: i64, limit: i64) -> Result<Vec<Change>> {
    let rows = client
        .query(
            "SELECT c.site, c.seq, c.hlc, c.entity, c.key, c.op, c.data::text, c.customer
             FROM changes c JOIN sites s ON s.code = c.site
             WHERE c.site = $1 AND c.seq > $2 AND c.seq <= s.last_seq
             ORDER BY c.seq LIMIT $3",
            &[&me, &after, &limit.max(0)],
        )
        .map_err(fault)?;
    rows.iter().map(change).collect()
}
