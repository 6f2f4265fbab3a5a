//! A manager's approval at the counter: when the signed-in account lacks a permission (a return
//! outside the policy, a goodwill gesture), an owner or manager who holds it types their PIN on
//! the same screen. The PIN is checked as at sign-in (argon2, refused while that account is
//! locked, a wrong one counted toward its lockout); the signed-in account stays the actor, and
//! the approver is recorded with the change.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::account::{actor, get, list};
use super::{lockout, pin, Actor, Permission, Role};
use crate::db::Db;
use crate::error::{Error, Result};

/// What the approval dialog sends: the approving account and its PIN.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
pub struct Approval {
    #[ts(type = "number")]
    pub approver_id: i64,
    pub pin: String,
}

// Never print a PIN, even in a debug log.
impl std::fmt::Debug for Approval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Approval").field("approver_id", &self.approver_id).finish_non_exhaustive()
    }
}

/// An account that may approve: no PIN, no lock state, only whom to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Approver {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: Role,
}

/// Active owners and managers who hold `p`, in the staff list's order.
pub fn approvers(conn: &Connection, p: Permission) -> Result<Vec<Approver>> {
    let mut out = Vec::new();
    for s in list(conn)? {
        if s.active && may_approve(&actor(conn, s.id)?, p) {
            out.push(Approver { id: s.id, name: s.name, role: s.role });
        }
    }
    Ok(out)
}

fn may_approve(a: &Actor, p: Permission) -> bool {
    matches!(a.role, Role::Owner | Role::Manager) && a.can(p)
}

/// The approver's account if it may grant `p` and `approval.pin` is its PIN. An account that
/// may not approve (not an active owner or manager holding `p`) is refused before its PIN is
/// tried; a wrong PIN answers `wrong_pin` and counts toward that account's lockout; a right one
/// starts its count again, as at sign-in. A PIN shorter than the role now needs approves
/// nothing until its holder sets a new one, as it signs in to nothing else.
pub fn approve(
    db: &mut Db,
    approval: &Approval,
    p: Permission,
    now: DateTime<Utc>,
) -> Result<Actor> {
    let id = approval.approver_id;
    let allowed = match get(db.conn(), id) {
        Ok(s) => s.active && may_approve(&actor(db.conn(), id)?, p),
        Err(Error::NotFound { .. }) => false,
        Err(e) => return Err(e),
    };
    if !allowed {
        return Err(Error::invalid("approver", "approver_not_allowed"));
    }
    let c = pin::check(db, id, &approval.pin, now)?;
    if pin::pin_problem(c.role, &approval.pin).is_some() {
        return Err(Error::invalid("approver", "approver_pin_outdated"));
    }
    db.write(|tx| lockout::clear(tx, id))?;
    actor(db.conn(), id)
}
