//! Deciding, row by row, what an import does — create, update, skip or refuse — and doing it.
//! The dry run and the commit walk the file with the same decisions, so what the dry run shows
//! is what the commit writes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::Mapping;
use super::row;
use super::source::Source;
use crate::clock::{local_date, stamp};
use crate::customer::bulk::{self, Prepared};
use crate::customer::CustomerDraft;
use crate::db::rows::Rows;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::text::phone::{self, Phone};

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
    Create { code: Option<String>, prepared: Prepared },
    Update { id: i64, code: Option<String>, prepared: Prepared, before: serde_json::Value },
    Skip { id: Option<i64> },
    Error(Vec<FieldError>),
}

/// Existing customers' codes and phones, loaded once: a million lookups in a hash map instead
/// of two million queries.
struct Known {
    codes: HashMap<String, i64>,
    /// `None`: the number belongs to several customers, so it identifies no one.
    phones: HashMap<String, Option<i64>>,
}

impl Known {
    fn load(conn: &Connection) -> Result<Known> {
        let mut codes = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT code, id FROM customer WHERE code IS NOT NULL AND merged_into IS NULL",
        )?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (code, id) = r?;
            codes.insert(code, id);
        }
        let mut phones: HashMap<String, Option<i64>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT p.canonical, p.customer_id FROM customer_phone p JOIN customer c
             ON c.id = p.customer_id WHERE c.merged_into IS NULL AND c.archived_at IS NULL",
        )?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (phone, id) = r?;
            phones
                .entry(phone)
                .and_modify(|v| {
                    if *v != Some(id) {
                        *v = None;
                    }
                })
                .or_insert(Some(id));
        }
        Ok(Known { codes, phones })
    }
}

fn row_error(code: &str) -> FieldError {
    FieldError::new("row", code)
}

/// Walks the file's data rows, deciding each one; `visit` receives the decisions in order.
fn walk(
    conn: &Connection,
    src: &Source,
    mapping: &Mapping,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64),
    visit: &mut dyn FnMut(u64, &CustomerDraft, Decision) -> Result<()>,
) -> Result<()> {
    mapping.check()?;
    let today = local_date(now);
    let known = Known::load(conn)?;
    let mut codes_in_file: HashMap<String, u64> = HashMap::new();
    let mut phones_in_file: HashMap<String, u64> = HashMap::new();
    let mut done = 0u64;
    for r in src.rows().skip(1) {
        let (line, cells) = r?;
        let line = line as u64;
        let (code, draft) = row::draft(mapping, &cells);
        let decision = decide(
            conn,
            &known,
            code,
            &draft,
            today,
            line,
            &mut codes_in_file,
            &mut phones_in_file,
        )?;
        visit(line, &draft, decision)?;
        done += 1;
        if done % PROGRESS_EVERY == 0 {
            progress(done);
        }
    }
    progress(done);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn decide(
    conn: &Connection,
    known: &Known,
    code: Option<String>,
    draft: &CustomerDraft,
    today: chrono::NaiveDate,
    line: u64,
    codes_in_file: &mut HashMap<String, u64>,
    phones_in_file: &mut HashMap<String, u64>,
) -> Result<Decision> {
    let blank = CustomerDraft { allow_duplicate: true, ..CustomerDraft::default() };
    if code.is_none() && *draft == blank {
        return Ok(Decision::Skip { id: None });
    }
    if let Some(c) = &code {
        if row::code_too_long(c) {
            return Ok(Decision::Error(vec![FieldError::new("code", "too_long")]));
        }
        if let Some(first) = codes_in_file.get(c) {
            let mut e = row_error("duplicate_code_in_file");
            e.field = format!("row:{first}");
            return Ok(Decision::Error(vec![e]));
        }
        codes_in_file.insert(c.clone(), line);
    }
    let canon: Vec<String> = draft
        .phones
        .iter()
        .filter_map(|p| match phone::normalize(&p.raw) {
            Phone::Valid { canonical, .. } => Some(canonical),
            _ => None,
        })
        .collect();
    // The customer this row is: by code first, then by phone (only without a code: a code in
    // the file that is new to us means a new customer, even one sharing a family phone).
    let mut existing = code.as_ref().and_then(|c| known.codes.get(c).copied());
    if existing.is_none() && code.is_none() {
        for p in &canon {
            match known.phones.get(p) {
                Some(Some(id)) => {
                    existing = Some(*id);
                    break;
                }
                Some(None) => return Ok(Decision::Error(vec![row_error("phone_matches_several")])),
                None => {}
            }
        }
        for p in &canon {
            if let Some(first) = phones_in_file.get(p) {
                let mut e = row_error("duplicate_phone_in_file");
                e.field = format!("row:{first}");
                return Ok(Decision::Error(vec![e]));
            }
        }
        for p in canon {
            phones_in_file.insert(p, line);
        }
    }
    match existing {
        Some(id) => {
            let base = bulk::stored_draft(conn, id)?;
            let merged = bulk::merge(&base, draft);
            if merged == base {
                return Ok(Decision::Skip { id: Some(id) });
            }
            match bulk::prepare(&merged, today) {
                Ok(prepared) => {
                    let old_code: Option<String> = conn
                        .prepare_cached("SELECT code FROM customer WHERE id = ?1")?
                        .query_row([id], |r| r.get(0))?;
                    let before = serde_json::json!({ "draft": base, "code": old_code });
                    Ok(Decision::Update { id, code, prepared, before })
                }
                Err(errors) => Ok(Decision::Error(errors)),
            }
        }
        None => match bulk::prepare(draft, today) {
            Ok(prepared) => Ok(Decision::Create { code, prepared }),
            Err(errors) => Ok(Decision::Error(errors)),
        },
    }
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

/// Above this many new customers, and more than the database already holds, the indexes whose
/// keys arrive in random order are dropped and rebuilt once (sorted builds are several times
/// faster than that many random inserts).
const REBUILD_FROM: u64 = 20_000;

/// Writes the import in one transaction. `AllOrNothing` with any refused row writes nothing
/// (`import_has_errors`, with how many); `ValidOnly` leaves those rows out.
#[allow(clippy::too_many_arguments)]
pub fn commit(
    db: &mut Db,
    src: &Source,
    mapping: &Mapping,
    mode: CommitMode,
    file_name: &str,
    staff: &str,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport> {
    let at = stamp(now);
    let expected = src.len_hint();
    // Tables and indexes being written stay in memory for the load; restored afterwards.
    let normal_cache: i64 = db.conn().query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    if expected >= REBUILD_FROM {
        db.conn().pragma_update(None, "cache_size", bulk::CACHE_KIB)?;
    }
    let written = db.write(|tx| {
        let existing: i64 = tx.query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?;
        let rebuild = if expected >= REBUILD_FROM && expected > existing as u64 {
            crate::db::drop_indexes(tx, bulk::RANDOM_ORDER_INDEXES)?
        } else {
            Vec::new()
        };
        tx.execute(
            "INSERT INTO import_batch(at, staff, file_name, created, updated, skipped)
             VALUES (?1, ?2, ?3, 0, 0, 0)",
            params![at, staff, file_name],
        )?;
        let batch = tx.last_insert_rowid();
        let mut plan = ImportPlan::default();
        let mut creator = bulk::Creator::new(tx)?;
        let mut changes = Rows::new("INSERT INTO import_change(batch_id, customer_id, before)", 3);
        walk(tx, src, mapping, now, progress, &mut |line, draft, d| {
            tally(&mut plan, line, draft, &d);
            if mode == CommitMode::AllOrNothing && plan.errors > 0 {
                // Counting on, writing nothing more: the transaction is rolled back below.
                return Ok(());
            }
            match d {
                Decision::Create { code, prepared } => {
                    let id = creator.create(code.as_deref(), &prepared, &at)?;
                    changes.push([Value::Integer(batch), Value::Integer(id), Value::Null]);
                }
                Decision::Update { id, code, prepared, before } => {
                    bulk::overwrite(tx, id, code.as_deref(), &prepared, &at)?;
                    changes.push([
                        Value::Integer(batch),
                        Value::Integer(id),
                        Value::Text(before.to_string()),
                    ]);
                }
                Decision::Skip { .. } | Decision::Error(_) => {}
            }
            changes.write(tx, false)
        })?;
        if mode == CommitMode::AllOrNothing && plan.errors > 0 {
            return Err(Error::Import {
                code: "import_has_errors",
                detail: plan.errors.to_string(),
            });
        }
        creator.finish()?;
        changes.write(tx, true)?;
        for sql in &rebuild {
            tx.execute_batch(sql)?;
        }
        tx.execute(
            "UPDATE import_batch SET created = ?2, updated = ?3, skipped = ?4 WHERE id = ?1",
            params![
                batch,
                plan.create as i64,
                plan.update as i64,
                (plan.skip + plan.errors) as i64
            ],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "import",
            "import_batch",
            batch,
            serde_json::json!({
                "file": file_name,
                "created": plan.create,
                "updated": plan.update,
                "skipped": plan.skip,
                "refused": plan.errors,
            }),
        )?;
        // New customers bypassed the per-write planning: the next pass examines everyone.
        crate::care::plan::forget_window(tx)?;
        finish_plan(&mut plan);
        Ok(ImportReport { batch_id: batch, plan })
    });
    db.conn().pragma_update(None, "cache_size", normal_cache)?;
    written
}
