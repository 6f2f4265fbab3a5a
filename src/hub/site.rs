//! A site joins the chain: a row in `sites` and a PostgreSQL role of its own, with a random
//! password, that may push and pull and nothing else.

use postgres::error::SqlState;
use postgres::Client;
use rand::distributions::{Alphanumeric, DistString};
use serde::Serialize;

use super::connect::fault;
use crate::error::{Error, Result};

const MAX_CODE: usize = 16;
const PASSWORD_LEN: usize = 32;
/// PostgreSQL cuts identifiers at 63 bytes; the database's part is cut first.
const MAX_DB_PART: usize = 40;

/// What a site needs to reach the hub. The password is shown once and kept only sealed
/// (`hub::seal`), never in clear in the site's database.
#[derive(Clone, Serialize)]
pub struct SiteCredentials {
    pub code: String,
    pub role: String,
    pub password: String,
}

/// Logs and panics show who, never the password.
impl std::fmt::Debug for SiteCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteCredentials")
            .field("code", &self.code)
            .field("role", &self.role)
            .field("password", &"…")
            .finish()
    }
}

fn valid_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && code.len() <= MAX_CODE
}

/// `kq_<database>_<code>`: roles are shared by every database of a server, so the database
/// is part of the name, and two hubs on one server never hand out the same role. The code is
/// only lower-cased, `-` and `_` kept apart: codes unique whatever the case name distinct
/// roles (`HN-01` and `HN_01` are two stores).
fn role_name(database: &str, code: &str) -> String {
    let db: String = database
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .take(MAX_DB_PART)
        .collect();
    format!("kq_{db}_{}", code.to_ascii_lowercase())
}

fn quoted(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// A code already in `sites` is `site_code_taken`; a role of that name already on the server
/// (left by a hub dropped without its roles, or another database whose name folds alike) is
/// `site_role_taken`, naming the role for the server's administrator to drop.
fn taken(e: &postgres::Error, code: &str, role: &str) -> Option<Error> {
    let state = e.code()?;
    if *state == SqlState::UNIQUE_VIOLATION {
        Some(Error::hub("site_code_taken", code))
    } else if *state == SqlState::DUPLICATE_OBJECT {
        Some(Error::hub("site_role_taken", role))
    } else {
        None
    }
}

/// Adds the site `code` (a store code, 1–16 letters, digits, `-` or `_`; unique in the chain
/// whatever the case; not `hub`, the hub's own) named `name`, with the hub owner's `admin_url`. A code already taken is
/// `site_code_taken` and nothing changes.
pub fn add_site(admin_url: &str, code: &str, name: &str) -> Result<SiteCredentials> {
    if !valid_code(code) || code.eq_ignore_ascii_case(super::redact::HUB_SITE) {
        return Err(Error::hub("site_code_invalid", code));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "name_empty"));
    }
    let mut client = super::schema::open(admin_url)?;
    let database: String =
        client.query_one("SELECT current_database()", &[]).map_err(fault)?.get(0);
    let role = role_name(&database, code);
    let password = Alphanumeric.sample_string(&mut rand::thread_rng(), PASSWORD_LEN);
    // The server stores only this verifier; the password itself never crosses the wire.
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let mut tx = client.transaction().map_err(fault)?;
    tx.execute(
        "INSERT INTO sites (code, name, role_name) VALUES ($1, $2, $3)",
        &[&code, &name, &role],
    )
    .map_err(|e| taken(&e, code, &role).unwrap_or_else(|| fault(e)))?;
    let r = quoted(&role);
    let grants = format!(
        "CREATE ROLE {r} LOGIN PASSWORD '{verifier}';
         GRANT CONNECT ON DATABASE {db} TO {r};
         GRANT USAGE ON SCHEMA public TO {r};
         GRANT SELECT ON hub_meta, sites TO {r};
         GRANT SELECT ON changes TO {r};
         GRANT EXECUTE ON FUNCTION
             hub_push(text, bigint[], text[], text[], text[], text[], text[], text[], text[])
             TO {r};",
        db = quoted(&database),
    );
    tx.batch_execute(&grants).map_err(|e| taken(&e, code, &role).unwrap_or_else(|| fault(e)))?;
    tx.commit().map_err(fault)?;
    Ok(SiteCredentials { code: code.to_owned(), role, password })
}

/// The chain's stores as (code, name), the hub's own log left out: each site keeps them to name
/// the store of a record (`chain::sync`).
pub fn site_names(client: &mut Client) -> Result<Vec<(String, String)>> {
    let rows = client
        .query("SELECT code, name FROM sites WHERE code <> $1 ORDER BY code", &[&super::HUB_SITE])
        .map_err(fault)?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}
