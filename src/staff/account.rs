//! Staff accounts: a name, a role and a PIN kept only as an argon2id hash (see `pin`); the first
//! account is the owner.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lockout::{self, UNTIL_UNLOCKED};
use super::pin::{hash_pin, pin_problem};
use super::{Actor, Permission, Role, DEFAULT_IDLE_MINUTES};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::{fold, nfc};

const MAX_NAME: usize = 60;
const IDLE_KEY: &str = "staff.idle_minutes";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StaffDraft {
    pub name: String,
    pub role: Option<Role>,
    /// 4 to 8 digits, 6 to 8 for an owner or a manager. Empty on an edit keeps the current PIN,
    /// except when a staff account becomes a manager or an owner.
    pub pin: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// The end of the last timed lock for wrong PINs (it may have passed).
    pub locked_until: Option<String>,
    /// Lockouts since the last good PIN: 1 (5 min), 2 (15 min), 3 (1 h), 4 (until unlocked).
    #[ts(type = "number")]
    pub lock_level: i64,
    /// Locked until the owner unlocks it (or resets its PIN).
    pub needs_unlock: bool,
}

const SELECT: &str = "SELECT id, name, role, active, locked_until, lock_level FROM staff";

fn view(r: &Row) -> rusqlite::Result<StaffView> {
    let lock_level: i64 = r.get(5)?;
    Ok(StaffView {
        id: r.get(0)?,
        name: r.get(1)?,
        role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Staff),
        active: r.get(3)?,
        locked_until: r.get(4)?,
        lock_level,
        needs_unlock: lock_level >= UNTIL_UNLOCKED,
    })
}

/// Everyone, active first, by name. The sign-in screen shows the active ones.
pub fn list(conn: &Connection) -> Result<Vec<StaffView>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY active DESC, folded_name"))?;
    let rows = stmt.query_map([], view)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// True until the first owner is created: the app asks for one before anything else.
pub fn needs_owner(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM staff)", [], |r| r.get(0))?)
}

/// The first run's owner, signed in at once. Refused once any account exists.
pub fn first_owner(db: &mut Db, name: &str, pin: &str, now: DateTime<Utc>) -> Result<Actor> {
    let draft = StaffDraft {
        name: name.to_owned(),
        role: Some(Role::Owner),
        pin: pin.to_owned(),
        active: true,
    };
    let id = db.write(|tx| {
        if !needs_owner(tx)? {
            return Err(Error::Forbidden(Permission::ManageStaff.code()));
        }
        insert(tx, &draft, now, name)
    })?;
    actor(db.conn(), id)
}

pub fn create(
    db: &mut Db,
    draft: &StaffDraft,
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<StaffView> {
    by.require(Permission::ManageStaff)?;
    let id = db.write(|tx| insert(tx, draft, now, &by.name))?;
    get(db.conn(), id)
}

fn insert(conn: &Connection, draft: &StaffDraft, now: DateTime<Utc>, by: &str) -> Result<i64> {
    let (name, role) = validate(conn, draft, None)?;
    let hash = hash_pin(&draft.pin)?;
    let at = stamp(now);
    conn.execute(
        "INSERT INTO staff(name, folded_name, role, pin_hash, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
        params![name, fold(&name), role.code(), hash, at],
    )?;
    let id = conn.last_insert_rowid();
    crate::audit::record(
        conn,
        now,
        by,
        "create",
        "staff",
        id,
        serde_json::json!({ "name": name, "role": role.code() }),
    )?;
    Ok(id)
}

/// Renames, changes the role, (de)activates or resets the PIN (which also unlocks the account).
/// One active owner always remains.
pub fn update(
    db: &mut Db,
    id: i64,
    draft: &StaffDraft,
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<StaffView> {
    by.require(Permission::ManageStaff)?;
    let before = get(db.conn(), id)?;
    db.write(|tx| {
        let (name, role) = validate(tx, draft, Some((id, before.role)))?;
        let pin_hash = if draft.pin.is_empty() { None } else { Some(hash_pin(&draft.pin)?) };
        tx.execute(
            "UPDATE staff SET name = ?2, folded_name = ?3, role = ?4, active = ?5,
                pin_hash = coalesce(?6, pin_hash), updated_at = ?7
             WHERE id = ?1",
            params![id, name, fold(&name), role.code(), draft.active, pin_hash, stamp(now)],
        )?;
        if pin_hash.is_some() {
            lockout::clear(tx, id)?;
        }
        let owners: i64 = tx.query_row(
            "SELECT count(*) FROM staff WHERE role = 'owner' AND active = 1",
            [],
            |r| r.get(0),
        )?;
        if owners == 0 {
            return Err(Error::invalid("role", "last_owner"));
        }
        crate::audit::record(
            tx,
            now,
            &by.name,
            "update",
            "staff",
            id,
            serde_json::json!({
                "before": { "name": before.name, "role": before.role.code(), "active": before.active },
                "after": { "name": name, "role": role.code(), "active": draft.active },
                "pin_reset": pin_hash.is_some(),
                "unlocked": pin_hash.is_some() && before.lock_level > 0,
            }),
        )
    })?;
    get(db.conn(), id)
}

/// `editing`: the account's id and role before the edit.
fn validate(
    conn: &Connection,
    d: &StaffDraft,
    editing: Option<(i64, Role)>,
) -> Result<(String, Role)> {
    let mut errors = Vec::new();
    let name = nfc(d.name.trim());
    if name.is_empty() {
        errors.push(FieldError::new("name", "name_empty"));
    } else if name.chars().count() > MAX_NAME {
        errors.push(FieldError::new("name", "too_long"));
    } else {
        let taken: Option<i64> = conn
            .query_row(
                "SELECT id FROM staff WHERE folded_name = ?1 AND id IS NOT ?2",
                params![fold(&name), editing.map(|(id, _)| id)],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            errors.push(FieldError::new("name", "staff_name_taken"));
        }
    }
    if d.role.is_none() {
        errors.push(FieldError::new("role", "required"));
    }
    let role = d.role.unwrap_or(Role::Staff);
    match editing {
        // A staff PIN may be 4 digits, too few for a manager or an owner; the hash does not say
        // how long it is, so the promotion sets a new one.
        Some((_, Role::Staff)) if role != Role::Staff && d.pin.is_empty() => {
            errors.push(FieldError::new("pin", "pin_needed_for_role"));
        }
        Some(_) if d.pin.is_empty() => {}
        _ => errors.extend(pin_problem(role, &d.pin).map(|code| FieldError::new("pin", code))),
    }
    match d.role {
        Some(role) if errors.is_empty() => Ok((name, role)),
        _ => Err(Error::Validation(errors)),
    }
}

pub(super) fn get(conn: &Connection, id: i64) -> Result<StaffView> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], view)
        .optional()?
        .ok_or(Error::NotFound { what: "staff", id })
}

/// The account as the database now holds it (after a restore, say); `None` when it is gone or
/// inactive there. It is the same account by id and name, or under the name a sync gave it
/// when two stores of a chain made one name apart (`text::with_key_tail`).
pub fn reload(conn: &Connection, who: &Actor) -> Result<Option<Actor>> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT name, key FROM staff WHERE id = ?1 AND active = 1")?
        .query_row([who.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if row.is_some_and(|(name, key)| still_named(&who.name, &name, key.as_deref())) {
        Ok(Some(Actor { must_change_pin: who.must_change_pin, ..actor(conn, who.id)? }))
    } else {
        Ok(None)
    }
}

/// Whether an account signed in as `signed_in` is the one now named `name` (with chain-wide
/// `key`): the same name, or the one a sync renamed it to.
pub fn still_named(signed_in: &str, name: &str, key: Option<&str>) -> bool {
    name == signed_in || key.is_some_and(|k| crate::text::with_key_tail(signed_in, k) == name)
}

pub(super) fn actor(conn: &Connection, id: i64) -> Result<Actor> {
    let s = get(conn, id)?;
    let permissions = match s.role {
        Role::Owner => Permission::ALL.to_vec(),
        role => granted(conn, role)?,
    };
    let key = conn
        .prepare_cached("SELECT key FROM staff WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(Actor { id: s.id, name: s.name, role: s.role, permissions, must_change_pin: false, key })
}

fn granted(conn: &Connection, role: Role) -> Result<Vec<Permission>> {
    let mut stmt = conn.prepare_cached("SELECT permission FROM role_permission WHERE role = ?1")?;
    let codes = stmt.query_map([role.code()], |r| r.get::<_, String>(0))?;
    let mut perms = Vec::new();
    for code in codes {
        perms.extend(Permission::parse(&code?));
    }
    perms.sort();
    Ok(perms)
}

/// What managers and staff may do, as the owner set it.
pub fn permissions(conn: &Connection) -> Result<Vec<(Role, Vec<Permission>)>> {
    [Role::Manager, Role::Staff].into_iter().map(|r| Ok((r, granted(conn, r)?))).collect()
}

pub fn set_permissions(
    db: &mut Db,
    role: Role,
    perms: &[Permission],
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<Permission>> {
    by.require(Permission::ManageStaff)?;
    if role == Role::Owner || perms.iter().any(|p| !Permission::GRANTABLE.contains(p)) {
        return Err(Error::invalid("permissions", "not_grantable"));
    }
    db.write(|tx| {
        let before = granted(tx, role)?;
        tx.execute("DELETE FROM role_permission WHERE role = ?1", [role.code()])?;
        for p in perms {
            tx.execute(
                "INSERT OR IGNORE INTO role_permission(role, permission) VALUES (?1, ?2)",
                params![role.code(), p.code()],
            )?;
        }
        crate::audit::record(
            tx,
            now,
            &by.name,
            "save",
            "role_permission",
            0,
            serde_json::json!({
                "role": role.code(),
                "before": before.iter().map(|p| p.code()).collect::<Vec<_>>(),
                "after": perms.iter().map(|p| p.code()).collect::<Vec<_>>(),
            }),
        )
    })?;
    granted(db.conn(), role)
}

/// Minutes without use before the counter locks itself.
pub fn idle_minutes(conn: &Connection) -> Result<i64> {
    let v: Option<String> = crate::db::setting::get(conn, IDLE_KEY)?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_IDLE_MINUTES))
}

pub fn set_idle_minutes(db: &mut Db, minutes: i64, by: &Actor, now: DateTime<Utc>) -> Result<i64> {
    by.require(Permission::ManageStaff)?;
    if !(1..=240).contains(&minutes) {
        return Err(Error::invalid("idle_minutes", "out_of_range"));
    }
    db.write(|tx| {
        let detail = serde_json::json!({ "idle_minutes": minutes });
        crate::audit::save_setting(tx, now, &by.name, IDLE_KEY, &minutes.to_string(), detail)
    })?;
    Ok(minutes)
}
