//! Reaching the hub: TLS by rustls as the URL's `sslmode` asks (`disable`, `prefer` — the
//! default — or `require`), and PostgreSQL's failures turned into codes the UI translates.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use postgres::error::SqlState;
use postgres::{Client, Config};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::{Error, Result};

/// A counter must learn quickly that the hub is away, and go on working.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

fn config(url: &str) -> Result<Config> {
    let mut config = Config::from_str(url).map_err(|_| Error::invalid("url", "hub_url_invalid"))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    Ok(config)
}

fn tls() -> MakeRustlsConnect {
    let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    match rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
    {
        Ok(b) => MakeRustlsConnect::new(b.with_root_certificates(roots).with_no_client_auth()),
        // ring supports every default protocol version; kept total all the same.
        Err(_) => MakeRustlsConnect::new(
            rustls::ClientConfig::builder()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth(),
        ),
    }
}

/// Connects to the hub at `url` (`postgres://user:password@host:port/db?sslmode=require`).
pub fn connect(url: &str) -> Result<Client> {
    config(url)?.connect(tls()).map_err(fault)
}

/// Connects to the hub at `url` as a site's own role, whatever user the URL names.
pub fn connect_as(url: &str, role: &str, password: &str) -> Result<Client> {
    let mut config = config(url)?;
    config.user(role).password(password);
    config.connect(tls()).map_err(fault)
}

/// What went wrong, as a code: the hub away, the password wrong, a right refused…
pub(crate) fn fault(e: postgres::Error) -> Error {
    let Some(db) = e.as_db_error() else {
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
