//! Return and warranty policies as data: rules of (day range × condition → remedy). A policy is
//! copied onto every line it sells, so "exchangeable until" stays exact after later edits.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Faulty,
    NotFaulty,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    /// One-for-one exchange.
    Exchange,
    /// Money back, `refund_percent` of what was paid.
    Refund,
    /// Repair under warranty.
    Repair,
    /// Repair the customer pays for.
    PaidRepair,
    Refuse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rule {
    /// Days since purchase, the day of purchase being 0.
    pub from_day: u32,
    /// Last day the rule applies; `None` = until the warranty ends.
    pub to_day: Option<u32>,
    pub condition: Condition,
    /// Only with tags, seals and packaging intact and unused.
    pub intact_only: bool,
    /// Not for items sold at a discount.
    pub full_price_only: bool,
    pub remedy: Remedy,
    pub refund_percent: u8,
}

/// The terms a line was sold under (default: none, for a product without a policy).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicyTerms {
    pub name: String,
    /// Printed on warranty cards and slips.
    pub text: String,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Policy {
    #[ts(type = "number")]
    pub id: i64,
    pub terms: PolicyTerms,
    pub archived: bool,
}

/// What the item brought back is like.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReturnCheck {
    pub faulty: bool,
    /// Tags, seals, packaging and accessories intact; unused.
    pub intact: bool,
    pub has_receipt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerdictReason {
    /// A rule matched (`rule`).
    Rule,
    /// Past the last day any rule covers.
    OutsideWindow,
    /// Rules cover the day, but not this condition (not intact, discounted…).
    ConditionNotCovered,
}

/// The policy's answer for a return, with what the UI needs to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Verdict {
    pub remedy: Remedy,
    pub refund_percent: u8,
    pub reason: VerdictReason,
    /// Days since purchase.
    #[ts(type = "number")]
    pub day: i64,
    pub rule: Option<Rule>,
}

pub const MAX_RULES: usize = 20;
pub const MAX_POLICY_TEXT: usize = 5_000;

/// Applies `terms` to an item brought back `day` days after purchase. `warranty_days` is the
/// day the warranty ends (open-ended rules stop there); `discounted` = sold below list price.
pub fn verdict(
    terms: &PolicyTerms,
    day: i64,
    warranty_days: i64,
    check: ReturnCheck,
    discounted: bool,
) -> Verdict {
    let in_days =
        |r: &Rule| day >= i64::from(r.from_day) && day <= r.to_day.map_or(warranty_days, i64::from);
    let condition_ok = |r: &Rule| {
        let fault = match r.condition {
            Condition::Faulty => check.faulty,
            Condition::NotFaulty => !check.faulty,
            Condition::Any => true,
        };
        fault && (!r.intact_only || check.intact) && (!r.full_price_only || !discounted)
    };
    if let Some(rule) = terms.rules.iter().find(|r| in_days(r) && condition_ok(r)) {
        return Verdict {
            remedy: rule.remedy,
            refund_percent: if rule.remedy == Remedy::Refund { rule.refund_percent } else { 0 },
            reason: VerdictReason::Rule,
            day,
            rule: Some(rule.clone()),
        };
    }
    let reason = if terms.rules.iter().any(in_days) {
        VerdictReason::ConditionNotCovered
    } else {
        VerdictReason::OutsideWindow
    };
    Verdict { remedy: Remedy::Refuse, refund_percent: 0, reason, day, rule: None }
}

/// Field errors of a policy as edited in settings.
pub fn validate(terms: &PolicyTerms) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = terms.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "policy_name_empty"));
    } else if name.chars().count() > 100 {
        errors.push(FieldError::new("name", "too_long"));
    }
    if terms.text.chars().count() > MAX_POLICY_TEXT {
        errors.push(FieldError::new("text", "too_long"));
    }
    if terms.rules.len() > MAX_RULES {
        errors.push(FieldError::new("rules", "too_many"));
    }
    for (i, r) in terms.rules.iter().enumerate() {
        if r.to_day.is_some_and(|to| to < r.from_day) {
            errors.push(FieldError::new(&format!("rules.{i}.to_day"), "range_reversed"));
        }
        if r.remedy == Remedy::Refund && !(1..=100).contains(&r.refund_percent) {
            errors.push(FieldError::new(&format!("rules.{i}.refund_percent"), "percent_range"));
        }
    }
    overlaps(&terms.rules, &mut errors);
    errors
}

/// Rules are tried in order, so a later rule whose days and condition a former one already
/// covers (same extra conditions) never applies on those days: almost always a typing slip.
fn overlaps(rules: &[Rule], errors: &mut Vec<FieldError>) {
    let end = |r: &Rule| r.to_day.unwrap_or(u32::MAX);
    let same_case = |a: &Rule, b: &Rule| {
        let cond = a.condition == b.condition
            || a.condition == Condition::Any
            || b.condition == Condition::Any;
        cond && a.intact_only == b.intact_only && a.full_price_only == b.full_price_only
    };
    for (j, later) in rules.iter().enumerate() {
        let clash = rules[..j]
            .iter()
            .any(|r| same_case(r, later) && r.from_day <= end(later) && later.from_day <= end(r));
        if clash && end(later) >= later.from_day {
            errors.push(FieldError::new(&format!("rules.{j}.from_day"), "range_overlap"));
        }
    }
}

pub(crate) use crate::db::from_json;

fn terms_from_row(name: String, text: String, rules: &str) -> rusqlite::Result<PolicyTerms> {
    Ok(PolicyTerms { name, text, rules: from_json(rules)? })
}

pub fn list(conn: &Connection) -> Result<Vec<Policy>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, text, rules, archived_at IS NOT NULL FROM policy ORDER BY archived_at IS NOT NULL, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Policy {
            id: r.get(0)?,
            terms: terms_from_row(r.get(1)?, r.get(2)?, &r.get::<_, String>(3)?)?,
            archived: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn terms(conn: &Connection, id: i64) -> Result<PolicyTerms> {
    conn.prepare_cached("SELECT name, text, rules FROM policy WHERE id = ?1")?
        .query_row([id], |r| terms_from_row(r.get(0)?, r.get(1)?, &r.get::<_, String>(2)?))
        .optional()?
        .ok_or(Error::NotFound { what: "policy", id })
}

/// Creates (`id` = None) or replaces a policy. Lines already sold keep their copy.
pub fn save(
    db: &mut Db,
    id: Option<i64>,
    terms: &PolicyTerms,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Policy> {
    let errors = validate(terms);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let clean = PolicyTerms {
        name: terms.name.trim().to_owned(),
        text: terms.text.trim().to_owned(),
        rules: terms.rules.clone(),
    };
    let rules = serde_json::to_string(&clean.rules).map_err(|e| Error::Io(e.into()))?;
    let id = db.write(|tx| {
        name_free(tx, id, &clean.name)?;
        let id = match id {
            Some(id) => {
                let n = tx.execute(
                    "UPDATE policy SET name = ?2, text = ?3, rules = ?4, updated_at = ?5 WHERE id = ?1",
                    params![id, clean.name, clean.text, rules, stamp(now)],
                )?;
                if n == 0 {
                    return Err(Error::NotFound { what: "policy", id });
                }
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO policy(name, text, rules, updated_at) VALUES (?1, ?2, ?3, ?4)",
                    params![clean.name, clean.text, rules, stamp(now)],
                )?;
                tx.last_insert_rowid()
            }
        };
        crate::audit::record(
            tx,
            now,
            staff,
            "save",
            "policy",
            id,
            serde_json::json!({ "name": clean.name }),
        )?;
        Ok(id)
    })?;
    // An edit leaves a retired policy retired.
    let archived = db.conn().query_row(
        "SELECT archived_at IS NOT NULL FROM policy WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(Policy { id, terms: clean, archived })
}

/// Two policies by one name would be told apart on the product form by nothing; names compare
/// folded (accents, case), as staff type them.
fn name_free(conn: &Connection, id: Option<i64>, name: &str) -> Result<()> {
    let wanted = crate::text::fold(name);
    let mut stmt = conn.prepare_cached("SELECT id, name FROM policy")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if Some(r.get::<_, i64>(0)?) != id && crate::text::fold(&r.get::<_, String>(1)?) == wanted {
            return Err(Error::Validation(vec![FieldError::new("name", "policy_name_taken")]));
        }
    }
    Ok(())
}

/// Retires a policy (or brings it back): it is no longer offered for products, while products
/// and lines that already carry it keep their terms.
pub fn set_archived(
    db: &mut Db,
    id: i64,
    archived: bool,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Policy> {
    db.write(|tx| super::archive::set(tx, "policy", id, archived, staff, now))?;
    let terms = terms(db.conn(), id)?;
    Ok(Policy { id, terms, archived })
}
