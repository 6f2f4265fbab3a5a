//! Erasure reaches the hub: an append-only log would keep an erased customer's personal data
//! for ever (Law 91 forbids it), so their changes stay, in place and in order, without data.

use postgres::Client;

use super::connect::fault;
use crate::error::Result;

/// Removes the personal data of `customer` (its chain-wide key) from the hub's change log and
/// current state, and from whatever arrives about them later. Sites learn of it from the
/// `Redact` change the erasing site pushes.
pub fn redact(client: &mut Client, customer: &str) -> Result<()> {
    client.execute("SELECT hub_redact($1)", &[&customer]).map_err(fault)?;
    Ok(())
}
