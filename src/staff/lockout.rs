//! Wrong PINs lock an account, longer each time. What counts is the number of wrong PINs in a
//! row since the last good one, never the clock: five lock it for 5 minutes, the next five for
//! 15, the next five for an hour, and after that it stays locked until the owner unlocks it (or
//! resets its PIN). A good PIN starts the count again.
//!
//! The lock is data (level, when it was set, until when), so setting the computer's clock back
//! neither ends nor shortens it.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};

use super::Role;
use crate::clock::{parse_stamp, stamp};
use crate::error::{Error, Result};

/// Wrong PINs in a row before each lock.
pub const LOCKOUT_AFTER: i64 = 5;
/// How long the first, second and third locks since the last good PIN last, in minutes. After
/// the last one an account waits for the owner.
pub const LOCK_MINUTES: [i64; 3] = [5, 15, 60];
/// The level of a lock that only the owner lifts.
pub const UNTIL_UNLOCKED: i64 = LOCK_MINUTES.len() as i64 + 1;

/// An account's lock as stored: `level` 0 is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Lock {
    pub level: i64,
    pub at: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl Lock {
    pub fn read(level: i64, at: Option<&str>, until: Option<&str>) -> Lock {
        Lock { level, at: at.and_then(parse_stamp), until: until.and_then(parse_stamp) }
    }

    /// Why a sign-in at `now` is refused, if it is. A timed lock runs until `until`, and also
    /// while `now` is before the moment it was set: the clock went back, and a clock set back
    /// must not lift a lock.
    pub fn refusal(&self, now: DateTime<Utc>) -> Option<Error> {
        if self.level == 0 {
            return None;
        }
        match self.until {
            None => Some(Error::AccountLocked),
            Some(until) if now < until || self.at.is_some_and(|at| now < at) => {
                Some(Error::PinLocked(stamp(until)))
            }
            Some(_) => None,
        }
    }

    /// The lock seen from a clock that went back (now before `at`): its whole length again from
    /// `now`. Kept as it was, it would run until the clock caught up with the old `at`, which is
    /// forever when the clock had been wrong by years; restarted, it lasts at least as long as
    /// what was left of it, so it is never shorter.
    pub fn restarted(&self, now: DateTime<Utc>) -> Option<Lock> {
        let (at, until) = (self.at?, self.until?);
        (now < at).then(|| Lock {
            level: self.level,
            at: Some(now),
            until: Some(now + (until - at)),
        })
    }

    /// The lock the `failed`th wrong PIN in a row sets for an account of `role`, if it sets one.
    pub fn after(failed: i64, role: Role, now: DateTime<Utc>) -> Option<Lock> {
        if failed <= 0 || failed % LOCKOUT_AFTER != 0 {
            return None;
        }
        let mut level = (failed / LOCKOUT_AFTER).min(UNTIL_UNLOCKED);
        // An owner is never locked for good: only an owner can unlock an account, so a shop with
        // one owner (nearly all of them) would be shut out of its staff, settings and backups for
        // ever, and anyone at the counter could do that on purpose by typing twenty wrong PINs.
        // Owners keep escalating to the longest timed lock (an hour) and stay there; an hour per
        // five guesses leaves a 6-digit PIN out of reach.
        if role == Role::Owner {
            level = level.min(UNTIL_UNLOCKED - 1);
        }
        let until = LOCK_MINUTES
            .get(usize::try_from(level - 1).unwrap_or(0))
            .map(|m| now + Duration::minutes(*m));
        Some(Lock { level, at: Some(now), until })
    }

    /// Wrong PINs left before the next lock.
    pub fn tries_left(failed: i64) -> i64 {
        LOCKOUT_AFTER - failed.rem_euclid(LOCKOUT_AFTER)
    }

    /// Stores this lock on the account.
    pub fn save(&self, conn: &Connection, id: i64) -> Result<()> {
        conn.execute(
            "UPDATE staff SET lock_level = ?2, locked_at = ?3, locked_until = ?4 WHERE id = ?1",
            params![id, self.level, self.at.map(stamp), self.until.map(stamp)],
        )?;
        Ok(())
    }

    /// The error a new lock answers with.
    pub fn error(&self) -> Error {
        self.until.map_or(Error::AccountLocked, |u| Error::PinLocked(stamp(u)))
    }
}

/// Lifts the lock and forgets the wrong PINs: after a good PIN, a PIN reset or the owner's unlock.
pub(super) fn clear(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE staff SET failed_pins = 0, lock_level = 0, locked_at = NULL, locked_until = NULL
         WHERE id = ?1",
        [id],
    )?;
    Ok(())
}
