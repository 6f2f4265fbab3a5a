//! The signed-in account at one counter, and when it locks itself after idle time.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{Permission, Role};
use crate::error::{Error, Result};

pub const DEFAULT_IDLE_MINUTES: i64 = 5;

/// Someone signed in, with what their role may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Actor {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// Signed in with a PIN shorter than the role needs (set before the rule): nothing works
    /// until a new one is set (`change_pin`).
    pub must_change_pin: bool,
    /// The account's chain-wide key once the shop is in a chain: with it, the name a sync gives
    /// the account (two stores made one name apart, `text::with_key_tail`) is still hers.
    #[serde(skip)]
    #[ts(skip)]
    pub key: Option<String>,
}

impl Actor {
    pub fn can(&self, p: Permission) -> bool {
        !self.must_change_pin && (self.role == Role::Owner || self.permissions.contains(&p))
    }

    /// `v` as this account may see it: phone numbers masked without `see_phones`.
    pub fn shown<T: super::MaskPhones>(&self, mut v: T) -> T {
        if !self.can(Permission::SeePhones) {
            v.mask_phones();
        }
        v
    }

    pub fn require(&self, p: Permission) -> Result<()> {
        if self.must_change_pin {
            Err(Error::PinChangeRequired)
        } else if self.can(p) {
            Ok(())
        } else {
            Err(Error::Forbidden(p.code()))
        }
    }
}

/// One counter's sign-in. Idle longer than `idle` locks it: the next call finds no one.
#[derive(Debug, Clone)]
pub struct Session {
    actor: Option<Actor>,
    last_seen: DateTime<Utc>,
    idle: Duration,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            actor: None,
            last_seen: DateTime::<Utc>::MIN_UTC,
            idle: Duration::minutes(DEFAULT_IDLE_MINUTES),
        }
    }
}

impl Session {
    pub fn start(&mut self, actor: Actor, idle_minutes: i64, now: DateTime<Utc>) {
        self.actor = Some(actor);
        self.idle = Duration::minutes(idle_minutes.max(1));
        self.last_seen = now;
    }

    pub fn end(&mut self) {
        self.actor = None;
    }

    /// The signed-in account, counting this call as activity; `SignedOut` when no one is or the
    /// counter sat idle too long, `PinChangeRequired` until an account that must set a new PIN
    /// has.
    pub fn actor(&mut self, now: DateTime<Utc>) -> Result<Actor> {
        let actor = self.signed_in(now)?;
        if actor.must_change_pin {
            return Err(Error::PinChangeRequired);
        }
        Ok(actor)
    }

    /// The signed-in account even while it must set a new PIN: for that change alone.
    pub fn signed_in(&mut self, now: DateTime<Utc>) -> Result<Actor> {
        if now - self.last_seen > self.idle {
            self.actor = None;
        }
        let actor = self.actor.clone().ok_or(Error::SignedOut)?;
        self.last_seen = now;
        Ok(actor)
    }

    /// Who is signed in, without counting as activity (for the lock screen's own polling).
    pub fn peek(&self, now: DateTime<Utc>) -> Option<&Actor> {
        self.actor.as_ref().filter(|_| now - self.last_seen <= self.idle)
    }
}

/// What the lock screen needs: whether the first owner must be created, who may sign in, who is
/// signed in now (if anyone), and who signed in but must set a new PIN first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionState {
    pub needs_owner: bool,
    pub staff: Vec<super::StaffView>,
    pub actor: Option<Actor>,
    /// Signed in with a PIN too short for the role: the lock screen asks for a new one.
    pub pin_change: Option<Actor>,
    #[ts(type = "number")]
    pub idle_minutes: i64,
}

/// `actor` is the account as it signed in; it is shown as the database holds it now (a sync
/// may have renamed it, an owner disabled it meanwhile).
pub fn session_state(conn: &rusqlite::Connection, actor: Option<Actor>) -> Result<SessionState> {
    let actor = match actor {
        Some(a) => super::reload(conn, &a)?,
        None => None,
    };
    let (actor, pin_change) = match actor {
        Some(a) if a.must_change_pin => (None, Some(a)),
        a => (a, None),
    };
    Ok(SessionState {
        needs_owner: super::needs_owner(conn)?,
        staff: super::list(conn)?.into_iter().filter(|s| s.active).collect(),
        actor,
        pin_change,
        idle_minutes: super::idle_minutes(conn)?,
    })
}
