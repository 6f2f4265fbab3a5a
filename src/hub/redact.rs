//! Erasure reaches the hub: an append-only log would keep an erased customer's personal data
//! for ever (Law 91 forbids it), so their changes stay, in place and in order, without data.

use postgres::Client;

use super::connect::fault;
use crate::error::Result;

/// The hub's owner erases `customer` (its chain-wide key): their personal data leaves the
/// hub's change log and current state, and whatever arrives about them later. A `Redact` change
/// is logged under the hub's own code (`HUB_SITE`), so every site pulls it and erases them too.
/// Sites erase by pushing a `Redact` change; they may not call this. Returns its seq.
pub fn redact(client: &mut Client, customer: &str) -> Result<i64> {
    Ok(client.query_one("SELECT hub_redact($1)", &[&customer]).map_err(fault)?.get(0))
}

/// The code the hub logs its owner's erasures under; no store may take it.
pub const HUB_SITE: &str = "hub";
