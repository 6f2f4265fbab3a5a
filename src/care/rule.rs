//! Care rules: when a reminder is due and for whom. Defaults live here; the shop's edits are
//! stored per kind and win over them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum RuleKind {
    ThankYou,
    CheckIn,
    Birthday,
    Anniversary,
    WarrantyExpiring,
    Repurchase,
    WinBack,
    RepairUncollected,
    ClaimOverdue,
    /// A complaint near its response or resolution target, for its owner.
    ComplaintDue,
    /// A promise made to the customer, on its day, for its owner.
    PromiseDue,
    /// A low feedback score: call the customer back.
    LowScore,
    /// One member of a campaign built from a segment; not planned by a rule.
    Campaign,
    /// Staff's own ("gọi lại thứ Ba"); not planned by a rule.
    Manual,
    /// Issue 17, loyreport: a customer reached a higher member tier; a congratulation.
    TierReached,
    /// Issue 17: a sale left owing falls due (a service reminder: the customer agreed to pay).
    DebtDue,
}

crate::text::code::stored_code!(RuleKind);

impl RuleKind {
    /// Care contact rather than service: planned only for customers who agreed to care calls
    /// (Law 91/2025: consent per purpose); service reminders follow from what the customer
    /// asked of the shop.
    pub fn needs_care_consent(self) -> bool {
        matches!(
            self,
            RuleKind::ThankYou
                | RuleKind::CheckIn
                | RuleKind::Birthday
                | RuleKind::Anniversary
                | RuleKind::WarrantyExpiring
                | RuleKind::Repurchase
                | RuleKind::WinBack
                | RuleKind::TierReached
        )
    }

    /// The planned kinds, in the order the Today queue groups them.
    pub const PLANNED: [RuleKind; 14] = [
        RuleKind::ComplaintDue,
        RuleKind::ClaimOverdue,
        RuleKind::LowScore,
        RuleKind::PromiseDue,
        RuleKind::RepairUncollected,
        RuleKind::ThankYou,
        RuleKind::CheckIn,
        RuleKind::Birthday,
        RuleKind::Anniversary,
        RuleKind::WarrantyExpiring,
        RuleKind::Repurchase,
        RuleKind::WinBack,
        RuleKind::TierReached,
        // Issue 17.
        RuleKind::DebtDue,
    ];

    /// What the offsets count, for the settings screen and validation.
    fn offsets_range(self) -> (usize, usize) {
        match self {
            RuleKind::Birthday | RuleKind::WarrantyExpiring => (1, 4),
            _ => (1, 1),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RuleParams {
    /// Days, read per kind: after the sale (thank-you, check-in), before the day (birthday,
    /// anniversary, warranty end: one reminder each), after the re-purchase interval, of
    /// silence (win-back), after "ready" (uncollected), after the promised date (overdue).
    pub offsets: Vec<i32>,
    /// Win-back: only customers with at least this many purchases.
    pub min_purchases: u32,
    /// Check-in: days after the sale per product category, over the first offset.
    pub by_category: BTreeMap<String, i32>,
    /// Needs the customer's marketing consent.
    pub promotional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CareRule {
    pub kind: RuleKind,
    pub enabled: bool,
    pub params: RuleParams,
    /// Still the shipped default.
    pub is_default: bool,
}

pub fn default_rule(kind: RuleKind) -> CareRule {
    let p = |offsets: &[i32], promotional: bool| RuleParams {
        offsets: offsets.to_vec(),
        promotional,
        ..RuleParams::default()
    };
    let params = match kind {
        RuleKind::ThankYou => p(&[1], false),
        RuleKind::CheckIn => p(&[7], false),
        RuleKind::Birthday => p(&[3, 0], true),
        RuleKind::Anniversary => p(&[3], true),
        RuleKind::WarrantyExpiring => p(&[30, 7], false),
        RuleKind::Repurchase => p(&[0], true),
        RuleKind::WinBack => RuleParams { min_purchases: 2, ..p(&[90], true) },
        RuleKind::RepairUncollected => p(&[3], false),
        RuleKind::ClaimOverdue => p(&[0], false),
        // Opening hours before the target.
        RuleKind::ComplaintDue => p(&[2], false),
        RuleKind::PromiseDue => p(&[0], false),
        RuleKind::LowScore => p(&[0], false),
        // The day after the tier is reached: the sale that reached it has its own thank-you.
        RuleKind::TierReached => p(&[1], false),
        RuleKind::Manual | RuleKind::Campaign => p(&[], false),
        // Days after the day it falls due.
        RuleKind::DebtDue => p(&[0], false),
    };
    CareRule {
        kind,
        enabled: !matches!(kind, RuleKind::Manual | RuleKind::Campaign),
        params,
        is_default: true,
    }
}

pub const MAX_OFFSET: i32 = 3650;

/// Product categories a check-in rule may time on their own.
pub const MAX_CATEGORIES: usize = 100;

fn validate(rule: &CareRule) -> Result<()> {
    let mut errors = Vec::new();
    let (min, max) = rule.kind.offsets_range();
    let offsets = &rule.params.offsets;
    if matches!(rule.kind, RuleKind::Manual | RuleKind::Campaign) {
        errors.push(FieldError::new("kind", "rule_not_planned"));
    } else if offsets.len() < min || offsets.len() > max {
        errors.push(FieldError::new("offsets", "offsets_count"));
    }
    for (i, o) in offsets.iter().enumerate() {
        if *o < 0 {
            errors.push(FieldError::new(&format!("offsets.{i}"), "negative"));
        } else if *o > MAX_OFFSET {
            errors.push(FieldError::new(&format!("offsets.{i}"), "too_large"));
        }
    }
    if rule.kind == RuleKind::WinBack && offsets.first().is_some_and(|d| *d < 1) {
        errors.push(FieldError::new("offsets.0", "out_of_range"));
    }
    if rule.params.by_category.len() > MAX_CATEGORIES {
        errors.push(FieldError::new("by_category", "too_many"));
    }
    for (cat, days) in rule.params.by_category.iter().take(MAX_CATEGORIES) {
        if cat.chars().count() > crate::text::limit::NAME {
            errors.push(FieldError::new("by_category", "too_long"));
        } else if cat.trim().is_empty() || !(0..=MAX_OFFSET).contains(days) {
            errors.push(FieldError::new(&format!("by_category.{cat}"), "out_of_range"));
        }
    }
    if rule.params.min_purchases > 1000 {
        errors.push(FieldError::new("min_purchases", "too_large"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

pub fn get(conn: &Connection, kind: RuleKind) -> Result<CareRule> {
    let stored: Option<(bool, String)> = conn
        .prepare_cached("SELECT enabled, params FROM care_rule WHERE kind = ?1")?
        .query_row([kind.code()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match stored {
        None => Ok(default_rule(kind)),
        Some((enabled, json)) => {
            let params = crate::db::from_json(&json)?;
            Ok(CareRule { kind, enabled, params, is_default: false })
        }
    }
}

pub fn all(conn: &Connection) -> Result<Vec<CareRule>> {
    RuleKind::PLANNED.into_iter().map(|k| get(conn, k)).collect()
}

/// Stores the shop's version of a rule and re-plans its open reminders in the same
/// transaction.
pub fn save(db: &mut Db, rule: &CareRule, staff: &str, now: DateTime<Utc>) -> Result<CareRule> {
    validate(rule)?;
    let json = serde_json::to_string(&rule.params).map_err(|e| Error::Io(e.into()))?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO care_rule(kind, enabled, params, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(kind) DO UPDATE SET enabled = excluded.enabled, params = excluded.params,
                updated_at = excluded.updated_at",
            params![rule.kind.code(), rule.enabled, json, stamp(now)],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "save",
            "care_rule",
            0,
            serde_json::json!({ "kind": rule.kind.code() }),
        )?;
        super::plan::replan_in(tx, &super::plan::Scope::Kind(rule.kind), now)?;
        Ok(())
    })?;
    get(db.conn(), rule.kind)
}

/// Back to the shipped default, re-planned.
pub fn reset(db: &mut Db, kind: RuleKind, staff: &str, now: DateTime<Utc>) -> Result<CareRule> {
    db.write(|tx| {
        tx.execute("DELETE FROM care_rule WHERE kind = ?1", [kind.code()])?;
        crate::audit::record(
            tx,
            now,
            staff,
            "reset",
            "care_rule",
            0,
            serde_json::json!({ "kind": kind.code() }),
        )?;
        super::plan::replan_in(tx, &super::plan::Scope::Kind(kind), now)?;
        Ok(())
    })?;
    get(db.conn(), kind)
}
