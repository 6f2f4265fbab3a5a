//! Deciding, row by row, what an import does — create, update, skip or refuse — and doing it.
//! The dry run and the commit walk the file with the same decisions, so what the dry run shows
//! is what the commit writes.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::Mapping;
use super::opening::Balances;
use super::source::Source;
use crate::customer::bulk::Prepared;
use crate::customer::CustomerDraft;
use crate::error::{FieldError, Result};

mod commit;
mod decide;

pub use commit::commit;
use decide::walk;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    /// Already there with the same details, or a blank row.
    Skip,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowOutcome {
    /// The row number a spreadsheet shows (the header is row 1).
    #[ts(type = "number")]
    pub row: u64,
    pub action: RowAction,
    pub name: String,
    pub phone: String,
    /// The customer it updates or skips.
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    /// Why it is refused or skipped: field errors, or a code for the whole row
    /// (`duplicate_code_in_file`, `phone_matches_several`…) with `field` = `row`.
    pub reasons: Vec<FieldError>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportPlan {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub create: u64,
    #[ts(type = "number")]
    pub update: u64,
    #[ts(type = "number")]
    pub skip: u64,
    #[ts(type = "number")]
    pub errors: u64,
    /// Every refused row (up to `MAX_LISTED`), then the first rows of each other kind.
    pub outcomes: Vec<RowOutcome>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CommitMode {
    /// Nothing is written if any row is refused.
    AllOrNothing,
    /// Refused rows are left out, by the user's explicit choice.
    ValidOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    #[ts(type = "number")]
    pub batch_id: i64,
    pub plan: ImportPlan,
}

/// Refused rows listed in full up to this many; of the other kinds, the first `SAMPLE_EACH`.
pub const MAX_LISTED: usize = 1000;
pub const SAMPLE_EACH: usize = 50;
/// How often (in rows) progress is reported.
const PROGRESS_EVERY: u64 = 5000;

enum Decision {
    Create {
        code: Option<String>,
        prepared: Prepared,
        balances: Balances,
    },
    Update {
        id: i64,
        code: Option<String>,
        prepared: Prepared,
        before: serde_json::Value,
        balances: Balances,
    },
    Skip {
        id: Option<i64>,
    },
    Error(Vec<FieldError>),
}

fn tally(plan: &mut ImportPlan, line: u64, draft: &CustomerDraft, d: &Decision) {
    plan.rows += 1;
    let (action, customer_id, reasons) = match d {
        Decision::Create { .. } => (RowAction::Create, None, vec![]),
        Decision::Update { id, .. } => (RowAction::Update, Some(*id), vec![]),
        Decision::Skip { id } => (RowAction::Skip, *id, vec![]),
        Decision::Error(e) => (RowAction::Error, None, e.clone()),
    };
    let (count, listed_limit) = match action {
        RowAction::Create => (&mut plan.create, SAMPLE_EACH),
        RowAction::Update => (&mut plan.update, SAMPLE_EACH),
        RowAction::Skip => (&mut plan.skip, SAMPLE_EACH),
        RowAction::Error => (&mut plan.errors, MAX_LISTED),
    };
    *count += 1;
    if *count as usize <= listed_limit {
        plan.outcomes.push(RowOutcome {
            row: line,
            action,
            name: draft.full_name.clone(),
            phone: draft.phones.first().map(|p| p.raw.clone()).unwrap_or_default(),
            customer_id,
            reasons,
        });
    }
}

/// What committing would do, changing nothing.
pub fn dry_run(
    conn: &Connection,
    src: &Source,
    mapping: &Mapping,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportPlan> {
    let mut plan = ImportPlan::default();
    walk(conn, src, mapping, now, progress, &mut |line, draft, d| {
        tally(&mut plan, line, draft, &d);
        Ok(())
    })?;
    finish_plan(&mut plan);
    Ok(plan)
}

fn finish_plan(plan: &mut ImportPlan) {
    // Refused rows first: they are what the user must look at.
    plan.outcomes.sort_by_key(|o| (o.action != RowAction::Error, o.row));
}
