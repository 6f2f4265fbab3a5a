//! The stores each staff member works at, in a chain. An account is chain-wide (it syncs with
//! its PIN hash); at a site, signing in is refused to one not assigned to this store, except
//! the owner, who works everywhere. A single shop has no stores and refuses nobody.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::{Actor, Permission, Role};
use crate::care::home::{self, this_store};
use crate::db::Db;
use crate::error::{Error, Result};

/// What the staff screen shows of the chain: this store, the stores it knows of, and where each
/// member works. `here` is `None` in a single shop (no store picker then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffStores {
    pub here: Option<String>,
    pub stores: Vec<String>,
    pub members: Vec<MemberStores>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemberStores {
    #[ts(type = "number")]
    pub staff_id: i64,
    pub stores: Vec<String>,
}

pub fn staff_stores(conn: &Connection) -> Result<StaffStores> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, coalesce((SELECT json_group_array(store) FROM
            (SELECT store FROM staff_store WHERE staff_id = s.id ORDER BY store)), '[]')
         FROM staff s ORDER BY s.id",
    )?;
    let members = stmt
        .query_map([], |r| {
            let list: String = r.get(1)?;
            Ok(MemberStores {
                staff_id: r.get(0)?,
                stores: serde_json::from_str(&list).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(StaffStores { here: this_store(conn)?, stores: home::stores(conn)?, members })
}

/// A store code as a site's: letters, digits, `_`, at most 20.
fn valid_store(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 20
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Sets the stores staff member `id` works at (the whole set, which travels as one field).
/// Refused outside a chain (`not_a_site`) or with a malformed code (`store_invalid`).
pub fn set_stores(
    db: &mut Db,
    id: i64,
    stores: &[String],
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<StaffStores> {
    by.require(Permission::ManageStaff)?;
    let mut wanted: Vec<String> = stores.iter().map(|s| s.trim().to_owned()).collect();
    wanted.sort();
    wanted.dedup();
    if wanted.iter().any(|s| !valid_store(s)) {
        return Err(Error::invalid("stores", "store_invalid"));
    }
    db.write(|tx| {
        if this_store(tx)?.is_none() {
            return Err(Error::invalid("stores", "not_a_site"));
        }
        let name: Option<String> = rusqlite::OptionalExtension::optional(tx.query_row(
            "SELECT name FROM staff WHERE id = ?1",
            [id],
            |r| r.get(0),
        ))?;
        let Some(name) = name else { return Err(Error::NotFound { what: "staff", id }) };
        // Only what differs is written: each row written is one capture of the whole set.
        let mut held = tx.prepare("SELECT store FROM staff_store WHERE staff_id = ?1")?;
        let before: Vec<String> =
            held.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for gone in before.iter().filter(|s| !wanted.contains(s)) {
            tx.execute(
                "DELETE FROM staff_store WHERE staff_id = ?1 AND store = ?2",
                params![id, gone],
            )?;
        }
        for new in wanted.iter().filter(|s| !before.contains(s)) {
            tx.execute(
                "INSERT INTO staff_store(staff_id, store) VALUES (?1, ?2)",
                params![id, new],
            )?;
        }
        crate::audit::record(
            tx,
            now,
            &by.name,
            "set_stores",
            "staff",
            id,
            serde_json::json!({ "name": name, "from": before, "to": wanted }),
        )
    })?;
    staff_stores(db.conn())
}

/// At a site, an account not assigned to this store may not sign in here (the owner may).
pub(super) fn refuse_elsewhere(conn: &Connection, id: i64, role: Role) -> Result<()> {
    let Some(here) = this_store(conn)? else { return Ok(()) };
    if role == Role::Owner {
        return Ok(());
    }
    let assigned: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM staff_store WHERE staff_id = ?1 AND store = ?2)",
        )?
        .query_row(params![id, here], |r| r.get(0))?;
    if assigned {
        Ok(())
    } else {
        Err(Error::Forbidden("work_at_this_store"))
    }
}
