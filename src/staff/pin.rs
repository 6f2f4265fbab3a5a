//! PINs: how long each role's must be, kept only as argon2id hashes, checked at sign-in (every
//! wrong one audited and counted toward the lockout), changed by their holder, and the owner's
//! unlock of a locked account.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::account::{actor, get};
use super::lockout::{self, Lock};
use super::{Actor, Permission, Role, StaffView};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, Result};

pub const MAX_PIN_DIGITS: usize = 8;

/// Fewest digits a PIN may have: owners and managers hold the keys to every customer's data, so
/// theirs are harder to guess (a million tries rather than ten thousand).
pub fn min_pin_digits(role: Role) -> usize {
    match role {
        Role::Owner | Role::Manager => 6,
        Role::Staff => 4,
    }
}

/// The field error code a PIN gets for an account of `role`, if it is not acceptable.
pub(super) fn pin_problem(role: Role, pin: &str) -> Option<&'static str> {
    let digits = pin.bytes().all(|b| b.is_ascii_digit());
    if digits && (min_pin_digits(role)..=MAX_PIN_DIGITS).contains(&pin.len()) {
        None
    } else if role == Role::Staff {
        Some("pin_invalid")
    } else {
        Some("pin_invalid_for_role")
    }
}

pub(super) fn hash_pin(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// What sign-in needs of an active account.
pub(super) struct Credentials {
    pub name: String,
    pub role: Role,
    hash: String,
    lock: Lock,
}

fn credentials(conn: &Connection, id: i64) -> Result<Credentials> {
    conn.query_row(
        "SELECT name, role, pin_hash, lock_level, locked_at, locked_until
         FROM staff WHERE id = ?1 AND active = 1",
        [id],
        |r| {
            Ok(Credentials {
                name: r.get(0)?,
                role: Role::parse(&r.get::<_, String>(1)?).unwrap_or(Role::Staff),
                hash: r.get(2)?,
                lock: Lock::read(
                    r.get(3)?,
                    r.get::<_, Option<String>>(4)?.as_deref(),
                    r.get::<_, Option<String>>(5)?.as_deref(),
                ),
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound { what: "staff", id })
}

/// Checks the PIN. A wrong one counts toward the lockout (see `lockout`); while the account is
/// locked even the right one is refused. The right PIN of an owner or manager that is shorter
/// than their role now needs (set before the rule) signs in with `must_change_pin`: nothing else
/// works until `change_pin`.
pub fn sign_in(db: &mut Db, id: i64, pin: &str, now: DateTime<Utc>) -> Result<Actor> {
    let c = check(db, id, pin, now)?;
    super::stores::refuse_elsewhere(db.conn(), id, c.role)?;
    let must_change_pin = pin_problem(c.role, pin).is_some();
    db.write(|tx| {
        lockout::clear(tx, id)?;
        let detail = if must_change_pin {
            serde_json::json!({ "must_change_pin": true })
        } else {
            serde_json::json!({})
        };
        crate::audit::record(tx, now, &c.name, "sign_in", "staff", id, detail)
    })?;
    Ok(Actor { must_change_pin, ..actor(db.conn(), id)? })
}

/// The PIN of active account `id` checked, at sign-in and for a manager's approval alike:
/// refused while the account is locked, and a wrong one counted toward its lockout.
pub(super) fn check(db: &mut Db, id: i64, pin: &str, now: DateTime<Utc>) -> Result<Credentials> {
    let c = credentials(db.conn(), id)?;
    refuse_while_locked(db, id, &c, now)?;
    if !pin_matches(pin, &c.hash) {
        return Err(wrong_pin(db, id, &c, now));
    }
    Ok(c)
}

/// The signed-in account sets a new PIN, giving its current one (a wrong one counts toward the
/// lockout like at sign-in). The new PIN follows the role's length and differs from the old.
pub fn change_pin(
    db: &mut Db,
    by: &Actor,
    old_pin: &str,
    new_pin: &str,
    now: DateTime<Utc>,
) -> Result<Actor> {
    let c = credentials(db.conn(), by.id)?;
    refuse_while_locked(db, by.id, &c, now)?;
    let problem = if new_pin == old_pin { Some("pin_same") } else { pin_problem(c.role, new_pin) };
    if let Some(code) = problem {
        return Err(Error::invalid("new_pin", code));
    }
    if !pin_matches(old_pin, &c.hash) {
        return Err(wrong_pin(db, by.id, &c, now));
    }
    let hash = hash_pin(new_pin)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE staff SET pin_hash = ?2, updated_at = ?3 WHERE id = ?1",
            params![by.id, hash, stamp(now)],
        )?;
        lockout::clear(tx, by.id)?;
        crate::audit::record(
            tx,
            now,
            &c.name,
            "change_pin",
            "staff",
            by.id,
            serde_json::json!({ "required": by.must_change_pin }),
        )
    })?;
    actor(db.conn(), by.id)
}

/// Lifts an account's lock and forgets its wrong PINs (the owner's "unlock"). Audited even when
/// there was nothing to lift, like any deliberate act on an account.
pub fn unlock(db: &mut Db, id: i64, by: &Actor, now: DateTime<Utc>) -> Result<StaffView> {
    by.require(Permission::ManageStaff)?;
    let before = get(db.conn(), id)?;
    db.write(|tx| {
        lockout::clear(tx, id)?;
        crate::audit::record(
            tx,
            now,
            &by.name,
            "unlock",
            "staff",
            id,
            serde_json::json!({ "level": before.lock_level, "until": before.locked_until }),
        )
    })?;
    get(db.conn(), id)
}

/// Refuses while the account is locked. A lock seen from a clock set back before it began is
/// restarted from `now` and stored (see `Lock::restarted`), audited so the owner sees the clock
/// moved.
fn refuse_while_locked(db: &mut Db, id: i64, c: &Credentials, now: DateTime<Utc>) -> Result<()> {
    let Some(refusal) = c.lock.refusal(now) else {
        return Ok(());
    };
    let Some(restarted) = c.lock.restarted(now) else {
        return Err(refusal);
    };
    db.write(|tx| {
        restarted.save(tx, id)?;
        crate::audit::record(
            tx,
            now,
            &c.name,
            "locked_out",
            "staff",
            id,
            serde_json::json!({
                "level": restarted.level,
                "until": restarted.until.map(stamp),
                "clock_went_back": true,
            }),
        )
    })?;
    Err(restarted.error())
}

/// Counts a wrong PIN, audits it and, when it is one too many, locks the account: all in one
/// transaction. The error to answer with is returned, not raised, so that the count commits.
fn wrong_pin(db: &mut Db, id: i64, c: &Credentials, now: DateTime<Utc>) -> Error {
    let counted = db.write(|tx| {
        let failed: i64 = tx.query_row(
            "UPDATE staff SET failed_pins = failed_pins + 1 WHERE id = ?1 RETURNING failed_pins",
            [id],
            |r| r.get(0),
        )?;
        crate::audit::record(
            tx,
            now,
            &c.name,
            "wrong_pin",
            "staff",
            id,
            serde_json::json!({ "attempt": failed }),
        )?;
        let Some(lock) = Lock::after(failed, c.role, now) else {
            return Ok(Error::WrongPin(Lock::tries_left(failed)));
        };
        lock.save(tx, id)?;
        crate::audit::record(
            tx,
            now,
            &c.name,
            "locked_out",
            "staff",
            id,
            serde_json::json!({ "level": lock.level, "until": lock.until.map(stamp) }),
        )?;
        Ok(lock.error())
    });
    counted.unwrap_or_else(|e| e)
}
