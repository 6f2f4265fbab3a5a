//! A site joins the chain: a row in `sites` and a PostgreSQL role of its own, with a random
//! password, that may push and pull and nothing else.

use postgres::error::SqlState;
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
/// is part of the name, and two hubs on one server never hand out the same role.
fn role_name(database: &str, code: &str) -> String {
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
            .collect()
    };
    let db: String = fold(database).chars().take(MAX_DB_PART).collect();
    format!("kq_{db}_{}", fold(code))
}

fn quoted(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn taken(e: &postgres::Error, code: &str) -> Option<Error> {
    let state = e.code()?;
    (*state == SqlState::UNIQUE_VIOLATION || *state == SqlState::DUPLICATE_OBJECT)
        .then(|| Error::hub("site_code_taken", code))
}

/// Adds the site `code` (a store code, 1–16 letters, digits, `-` or `_`; unique in the chain
/// whatever the case) named `name`, with the hub owner's `admin_url`. A code already taken is
/// `site_code_taken` and nothing changes.
pub fn add_site(admin_url: &str, code: &str, name: &str) -> Result<SiteCredentials> {
    if !valid_code(code) {
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
    .map_err(|e| taken(&e, code).unwrap_or_else(|| fault(e)))?;
    let r = quoted(&role);
    let grants = format!(
        "CREATE ROLE {r} LOGIN PASSWORD '{verifier}';
         GRANT CONNECT ON DATABASE {db} TO {r};
         GRANT USAGE ON SCHEMA public TO {r};
         GRANT SELECT ON hub_meta, sites TO {r};
         GRANT SELECT, INSERT ON changes TO {r};
         GRANT EXECUTE ON FUNCTION hub_push_begin(text), hub_push_end(text, bigint, bigint),
             hub_redact(text) TO {r};",
        db = quoted(&database),
    );
    tx.batch_execute(&grants).map_err(|e| taken(&e, code).unwrap_or_else(|| fault(e)))?;
    tx.commit().map_err(fault)?;
    Ok(SiteCredentials { code: code.to_owned(), role, password })
}
