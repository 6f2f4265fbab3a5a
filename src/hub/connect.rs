//! Reaching the hub: TLS by rustls as the URL's `sslmode` asks, as libpq reads it (`tls.rs`),
//! and PostgreSQL's failures turned into codes the UI translates.

use std::str::FromStr;
use std::time::Duration;

use postgres::error::SqlState;
use postgres::{Client, Config};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::tls;
use crate::error::{Error, Result};

/// A counter must learn quickly that the hub is away, and go on working.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

fn config(url: &str) -> Result<(Config, MakeRustlsConnect)> {
    let asked = tls::asked(url);
    let mut config =
        Config::from_str(&asked.url).map_err(|_| Error::invalid("url", "hub_url_invalid"))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    Ok((config, tls::connector(&asked)?))
}

/// Connects to the hub at `url` (`postgres://user:password@host:port/db?sslmode=require`).
pub fn connect(url: &str) -> Result<Client> {
    let (config, tls) = config(url)?;
    config.connect(tls).map_err(fault)
}

/// Connects to the hub at `url` as a site's own role, whatever user the URL names.
pub fn connect_as(url: &str, role: &str, password: &str) -> Result<Client> {
    let (mut config, tls) = config(url)?;
    config.user(role).password(password);
    config.connect(tls).map_err(fault)
}

/// What went wrong, as a code: the hub away, the password wrong, a right refused…
pub(crate) fn fault(e: postgres::Error) -> Error {
    let Some(db) = e.as_db_error() else {
        if super::tls::untrusted(&e) {
            return Error::hub("hub_tls_untrusted", e.to_string());
        }
        return Error::hub("hub_unreachable", e.to_string());
    };
    let code = db.code();
    if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
    {
        Error::hub("hub_auth_failed", "")
    } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
        Error::hub("hub_refused", db.message())
    } else if *code == SqlState::UNDEFINED_TABLE || *code == SqlState::UNDEFINED_FUNCTION {
        Error::hub("hub_not_initialised", "")
    } else if *code == SqlState::INVALID_CATALOG_NAME || *code == SqlState::CANNOT_CONNECT_NOW {
        Error::hub("hub_unreachable", db.message())
    } else if code.code() == "KQ001" {
        Error::hub("hub_seq_gap", db.message())
    } else if code.code() == "KQ002" {
        Error::hub("hub_wrong_site", db.message())
    } else if code.code() == "KQ003" {
        Error::hub("hub_clock_ahead", db.message())
    } else if code.code() == "KQ004" {
        Error::hub("hub_change_invalid", db.message())
    } else {
        Error::hub("hub_failed", db.message())
    }
}
