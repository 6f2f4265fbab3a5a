//! Which store cares for whom in a chain. A customer's reminders (thank-you, birthday, warranty
//! ending, re-purchase, win-back) are planned only at her home store, so twenty stores never
//! call her twenty times; service reminders tied to a store's own work (a repair or claim, a
//! complaint, a promise, a low score) stay with the store that holds that record. A single shop
//! (not a site) plans everything, as before.
//!
//! Her home is the store where she last bought (`customer.home_store`, moved by a sale made at a
//! site and synced as a field of her record), or the one staff chose on her card; until she
//! buys, the store that created her. Reads the sync tables through SQL only, like the planner
//! reads every other domain's.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::rule::RuleKind;
use crate::error::{Error, Result};

/// Where a clock's site code starts (`Hlc`'s fixed-width text: 15 digits, `-`, 6 digits, `-`).
const HLC_SITE: usize = 24;

/// This database's store code, when it is a site of a chain.
pub fn this_store(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT code FROM sync_site WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .flatten())
}

/// SQL for the home store of the customer whose id `col` holds, `:site` naming this store: her
/// chosen or last buying store, else the site whose clock her creation carries (a record made
/// here has none: it was made here).
pub(crate) fn home_of(col: &str) -> String {
    format!(
        "(SELECT coalesce(h.home_store, (SELECT substr(coalesce(json_extract(f.clocks, '$.created_at'), f.hlc),
                {HLC_SITE}) FROM sync_record f
            WHERE f.entity = 'customer' AND f.key = h.key AND json_type(f.fields, '$.created_at') IS NOT NULL), :site)
          FROM customer h WHERE h.id = {col})"
    )
}

/// The synced kind (its change name and table) of the record a service reminder is about.
fn held_record(kind: RuleKind) -> Option<(&'static str, &'static str)> {
    match kind {
        RuleKind::RepairUncollected | RuleKind::ClaimOverdue => Some(("claim", "claim")),
        RuleKind::ComplaintDue => Some(("complaint", "complaint")),
        RuleKind::PromiseDue => Some(("promise", "promise")),
        RuleKind::LowScore => Some(("score", "feedback")),
        _ => None,
    }
}

/// The condition a candidate reminder (columns `cid`, `sid`) must meet to be planned at this
/// store, binding `:site`; `None` plans it everywhere (manual and campaign reminders).
pub(crate) fn here(kind: RuleKind) -> Option<String> {
    if matches!(kind, RuleKind::Manual | RuleKind::Campaign) {
        return None;
    }
    Some(match held_record(kind) {
        // Made here: this site captured its creation (a whole record, or the fact itself).
        Some((entity, table)) => format!(
            "EXISTS (SELECT 1 FROM sync_outbox o WHERE o.entity = '{entity}'
                AND o.key = (SELECT key FROM {table} WHERE id = sid)
                AND (o.op = 'fact' OR json_extract(o.data, '$.deleted') = 0))"
        ),
        None => format!("{} = :site", home_of("cid")),
    })
}

/// The home store of customer `id` as the card shows it: `None` in a single shop.
pub fn home_store(conn: &Connection, id: i64) -> Result<Option<String>> {
    let Some(site) = this_store(conn)? else { return Ok(None) };
    let sql = format!("SELECT {}", home_of(":id"));
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::named_params! {":id": id, ":site": site}, |r| r.get(0))
        .optional()?
        .flatten())
}

/// A customer's home store as her card shows it. In a single shop `here` is `None` and the card
/// shows no store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HomeStore {
    /// This store's code.
    pub here: Option<String>,
    /// Her home store.
    pub home: Option<String>,
    /// Chosen by staff (a sale elsewhere does not move it).
    pub chosen: bool,
    /// The stores she may be moved to.
    pub stores: Vec<String>,
}

pub fn home_view(conn: &Connection, id: i64) -> Result<HomeStore> {
    let chosen: bool = conn
        .prepare_cached("SELECT home_chosen FROM customer WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "customer", id })?;
    Ok(HomeStore {
        here: this_store(conn)?,
        home: home_store(conn, id)?,
        chosen,
        stores: stores(conn)?,
    })
}

/// The stores this site knows of: itself, the sites it has pulled from, and any store named on
/// a customer or a staff member. Empty in a single shop.
pub fn stores(conn: &Connection) -> Result<Vec<String>> {
    if this_store(conn)?.is_none() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT code FROM sync_site WHERE code IS NOT NULL
         UNION SELECT site FROM sync_cursor WHERE site <> 'hub'
         UNION SELECT DISTINCT home_store FROM customer WHERE home_store IS NOT NULL
         UNION SELECT DISTINCT store FROM staff_store
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Staff move a customer's home to another store of the chain (she now shops there), in the
/// caller's transaction, with its audit row; her reminders are re-planned. A chosen home stays
/// until staff change it again: a sale at another store no longer moves it. Refused outside a
/// chain (`not_a_site`) or for a store the chain does not know (`store_unknown`).
pub fn set_home_store(
    tx: &Connection,
    id: i64,
    store: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<HomeStore> {
    if this_store(tx)?.is_none() {
        return Err(Error::invalid("home_store", "not_a_site"));
    }
    if !stores(tx)?.iter().any(|s| s == store) {
        return Err(Error::invalid("home_store", "store_unknown"));
    }
    let before = home_store(tx, id)?;
    let changed = tx.execute(
        "UPDATE customer SET home_store = ?2, home_chosen = 1 WHERE id = ?1
            AND archived_at IS NULL AND merged_into IS NULL",
        params![id, store],
    )?;
    if changed == 0 {
        return Err(Error::NotFound { what: "customer", id });
    }
    crate::audit::record(
        tx,
        now,
        by,
        "set_home_store",
        "customer",
        id,
        serde_json::json!({ "from": before, "to": store }),
    )?;
    super::plan::after_write(tx, &[Some(id)], now)?;
    home_view(tx, id)
}
