//! Changes to a live case besides its status (category, severity, owner), and the goodwill
//! given to put things right.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::open::targets;
use super::{current, get, ComplaintCategory, ComplaintStatus, ComplaintView, Severity};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::feedback::text_field;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintEdit {
    pub category: ComplaintCategory,
    pub severity: Severity,
    pub owner: String,
}

/// Re-categorises or hands over a live case; a new severity resets its targets from opening.
pub fn edit(
    db: &mut Db,
    id: i64,
    d: &ComplaintEdit,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let owner = crate::feedback::name_field(&d.owner, "owner", &mut errors);
    if owner.is_empty() {
        errors.push(FieldError::new("owner", "required"));
    }
    db.write(|tx| {
        let cur = current(tx, id)?;
        if !cur.status.is_live() {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: "edited" });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let (respond_by, resolve_by) = targets(tx, cur.opened_at, d.severity)?;
        tx.execute(
            "UPDATE complaint SET category = ?2, severity = ?3, owner = ?4, respond_by = ?5, resolve_by = ?6,
                updated_at = ?7 WHERE id = ?1",
            params![id, d.category.code(), d.severity.code(), owner, respond_by, resolve_by, stamp(now)],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "update",
            "complaint",
            id,
            serde_json::json!({ "severity": d.severity.code(), "owner": owner }),
        )?;
        crate::care::plan::after_write(tx, &[Some(cur.customer_id)], now)
    })?;
    get(db.conn(), id, now)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GoodwillDraft {
    pub what: String,
    /// Đồng, shorthand accepted ("200k"); "0" for a gesture with no price.
    pub value: String,
    pub approved_by: String,
}

/// Records a goodwill gesture ("tặng phiếu mua hàng 200k") with who approved it.
pub fn add_goodwill(
    db: &mut Db,
    id: i64,
    d: &GoodwillDraft,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    add_goodwill_approved(db, id, d, staff, None, now)
}

/// [`add_goodwill`], approved at the counter by `pin_approver` (an owner or manager whose PIN
/// was checked) when given: that name is recorded as the approver, whatever was typed.
pub fn add_goodwill_approved(
    db: &mut Db,
    id: i64,
    d: &GoodwillDraft,
    staff: &str,
    pin_approver: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ComplaintView> {
    let mut errors = Vec::new();
    let what = text_field(&d.what, "what", &mut errors);
    if what.is_empty() {
        errors.push(FieldError::new("what", "required"));
    }
    let value = crate::text::money::parse_vnd(&d.value);
    if value.is_none() {
        errors.push(FieldError::new("value", "amount_invalid"));
    }
    let typed = pin_approver.unwrap_or(&d.approved_by);
    let approved = crate::feedback::name_field(typed, "approved_by", &mut errors);
    if approved.is_empty() {
        errors.push(FieldError::new("approved_by", "required"));
    }
    db.write(|tx| {
        let cur = current(tx, id)?;
        if cur.status == ComplaintStatus::Closed {
            return Err(Error::ForbiddenTransition { from: cur.status.code(), to: "goodwill" });
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        tx.execute(
            "INSERT INTO goodwill(complaint_id, what, value, approved_by, at, staff, pin_approved)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                what,
                value.unwrap_or(0),
                approved,
                stamp(now),
                staff,
                pin_approver.is_some()
            ],
        )?;
        let gid = tx.last_insert_rowid();
        let detail = match pin_approver {
            Some(by) => {
                serde_json::json!({ "complaint": id, "approved_by": by, "pin_approved": true })
            }
            None => serde_json::json!({ "complaint": id }),
        };
        crate::audit::record(tx, now, staff, "create", "goodwill", gid, detail)
    })?;
    get(db.conn(), id, now)
}
