//! The chain's hub on PostgreSQL: every site's changes kept in order by (site, seq), the state
//! they add up to for the owner to read, and a PostgreSQL role per site that row-level security
//! lets write under its own code only.
//!
//! The hub carries `sync::Change`s and never decides a merge for the sites: its current-state
//! tables apply the same rule every site applies (last writer wins per field, by clock; facts
//! once) only so the owner can query the chain. Sites pull by a cursor per site, never by a
//! global serial: a serial handed out first can commit last, and a reader past it would skip
//! it for ever (`../shared/SYNC.md`).

mod connect;
mod pull;
mod push;
mod redact;
mod schema;
mod seal;
mod site;
mod tls;

pub use connect::{connect, connect_as};
pub use pull::{clock_at, own_changes, pull, Cursors};
pub use push::{push, push_in};
pub use redact::{redact, HUB_SITE};
pub use schema::{check, init, open, version, SCHEMA_VERSION};
pub use seal::{seal, unseal, KEY_FILE};
pub use site::{add_site, site_names, SiteCredentials};

pub use postgres::{Client, Transaction};
