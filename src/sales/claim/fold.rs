//! A claim's state is the fold of its events (issue 15): two stores moving one claim while apart
//! each write an event, and every site, whatever order the events reached it in, folds the same
//! events in the same order (`order::ORDER`) to the same state, and finds the same branch to
//! show staff.
//!
//! **The rule.** Events apply one by one in the chain-wide order, from no state. An event whose
//! `from_status` is the state folded so far applies. One whose `from_status` is not (another
//! store moved the claim meanwhile) is kept on the timeline and applies only when its move is
//! allowed from the folded state (`ClaimStatus::can_go_to`); otherwise it is set aside. Either
//! way, when an earlier applied event left the same state, the two are a branch: the latest
//! branch is the claim's conflict, shown until staff acknowledge it. So the state is always one
//! the machine reaches by allowed moves, and a later move that still makes sense (sent to the
//! service centre while the other store began repairing) is not lost.
//!
//! A branch that happens to continue the path (the other store brought the claim back to the
//! state it was moved from) reads as one valid timeline and is not flagged.
//!
//! The fold decides the state and what is part of a move (`sent_on`, `back_on`, `closed_on`
//! from the events' days; `quote_approved` from where the claim went after awaiting approval).
//! What a move did beyond that (a unit replaced, a refund, a warranty extended, notes and
//! amounts) travels as those records' own fields, last writer wins: the notice tells staff to
//! check them.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::order::{steps, Step};
use super::ClaimStatus;
use crate::error::Result;

/// One move of a branch, as the notice names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimMove {
    /// The store's code (empty outside a chain).
    pub store: String,
    pub staff: String,
    pub from_status: Option<ClaimStatus>,
    pub to_status: ClaimStatus,
    pub happened_on: NaiveDate,
}

/// Two stores moved the claim from one state while apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimConflict {
    /// The later move's clock: acknowledging the notice records it, everywhere.
    pub clock: String,
    /// The move that applied first, in the chain-wide order.
    pub first: ClaimMove,
    /// The move made meanwhile from the same state at another store.
    pub second: ClaimMove,
    /// The second move still applied (allowed from where the first left the claim); otherwise
    /// it stays on the timeline, set aside.
    pub second_applied: bool,
}

/// What a claim's events fold to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Folded {
    /// `None` while no event applies (its opening has not arrived yet).
    pub status: Option<ClaimStatus>,
    pub sent_on: Option<NaiveDate>,
    pub back_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub quote_approved: Option<bool>,
    /// Per event, in order: whether it applied.
    pub applied: Vec<bool>,
    pub conflict: Option<ClaimConflict>,
}

fn as_move(s: &Step) -> ClaimMove {
    ClaimMove {
        store: s.store(),
        staff: s.staff.clone(),
        from_status: s.from,
        to_status: s.to,
        happened_on: s.happened_on,
    }
}

/// Folds `steps` (in the chain-wide order) by the rule above.
pub(super) fn fold(steps: &[Step]) -> Folded {
    let mut f = Folded::default();
    for (i, s) in steps.iter().enumerate() {
        let fits = s.from == f.status;
        let allowed = fits || f.status.is_some_and(|now| now.can_go_to(s.to));
        if !fits {
            let sibling = (0..i).rev().find(|&j| f.applied[j] && steps[j].from == s.from);
            if let Some(j) = sibling {
                f.conflict = Some(ClaimConflict {
                    clock: s.clock.clone(),
                    first: as_move(&steps[j]),
                    second: as_move(s),
                    second_applied: allowed,
                });
            }
        }
        if allowed {
            if s.to == ClaimStatus::AtServiceCenter {
                f.sent_on = Some(s.happened_on);
                f.back_on = None;
            } else if f.status == Some(ClaimStatus::AtServiceCenter) {
                f.back_on = Some(s.happened_on);
            }
            if s.to.is_closed() {
                f.closed_on = Some(s.happened_on);
            }
            if f.status == Some(ClaimStatus::AwaitingApproval) {
                f.quote_approved =
                    Some(s.to != ClaimStatus::Declined && s.to != ClaimStatus::Cancelled);
            }
            f.status = Some(s.to);
        }
        f.applied.push(allowed);
    }
    f
}

/// Writes claim `id`'s state as its events fold, with the branch found. Nothing changes while
/// no event applies.
pub(crate) fn refold(tx: &Connection, id: i64) -> Result<()> {
    let f = fold(&steps(tx, id)?);
    let Some(status) = f.status else { return Ok(()) };
    let conflict = f.conflict.as_ref().map(|c| serde_json::json!(c).to_string());
    tx.prepare_cached(
        "UPDATE claim SET status = ?2, sent_on = ?3, back_on = ?4, closed_on = ?5,
            quote_approved = ?6, conflict = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        status.code(),
        f.sent_on,
        f.back_on,
        f.closed_on,
        f.quote_approved,
        conflict
    ])?;
    Ok(())
}

/// Folds again the claims with these chain-wide keys (those a batch of changes from other
/// stores touched); keys of claims not here yet are passed over.
pub fn refold_keys(tx: &Connection, keys: &[String]) -> Result<()> {
    let mut find = tx.prepare_cached("SELECT id FROM claim WHERE key = ?1")?;
    for key in keys {
        if let Some(id) = find.query_row([key], |r| r.get::<_, i64>(0)).optional()? {
            refold(tx, id)?;
        }
    }
    Ok(())
}
