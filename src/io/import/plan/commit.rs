//! Writing an import in one transaction, its changes kept for undo.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, Connection};

use super::decide::walk;
use super::{finish_plan, tally, CommitMode, Decision, ImportPlan, ImportReport};
use crate::clock::{local_date, stamp};
use crate::customer::bulk;
use crate::db::rows::Rows;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::io::import::mapping::Mapping;
use crate::io::import::opening::Openings;
use crate::io::import::source::Source;

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
        let mut openings = Openings::new();
        let today = local_date(now).to_string();
        walk(tx, src, mapping, now, progress, &mut |line, draft, d| {
            tally(&mut plan, line, draft, &d);
            if mode == CommitMode::AllOrNothing && plan.errors > 0 {
                // Counting on, writing nothing more: the transaction is rolled back below.
                return Ok(());
            }
            let mut row =
                Written { creator: &mut creator, changes: &mut changes, openings: &mut openings };
            write_row(tx, &mut row, batch, d, (staff, &at, &today))
        })?;
        if mode == CommitMode::AllOrNothing && plan.errors > 0 {
            return Err(Error::Import {
                code: "import_has_errors",
                detail: plan.errors.to_string(),
            });
        }
        creator.finish()?;
        changes.write(tx, true)?;
        openings.write(tx)?;
        for sql in &rebuild {
            tx.execute_batch(sql)?;
        }
        close_batch(tx, batch, &plan, file_name, staff, now)?;
        // New customers bypassed the per-write planning: the next pass examines everyone.
        crate::care::plan::forget_window(tx)?;
        finish_plan(&mut plan);
        Ok(ImportReport { batch_id: batch, plan })
    });
    db.conn().pragma_update(None, "cache_size", normal_cache)?;
    written
}

/// Where decided rows go: new customers, the changes kept for undo, opening balances.
struct Written<'a, 'c> {
    creator: &'a mut bulk::Creator<'c>,
    changes: &'a mut Rows,
    openings: &'a mut Openings,
}

/// Writes one decided row: a new customer, or an update keeping what it replaced; its
/// balances as opening entries. `(staff, at, today)` of the import.
fn write_row(
    tx: &Connection,
    w: &mut Written,
    batch: i64,
    d: Decision,
    (staff, at, today): (&str, &str, &str),
) -> Result<()> {
    match d {
        Decision::Create { code, prepared, balances } => {
            let id = w.creator.create(code.as_deref(), &prepared, at)?;
            w.changes.push([Value::Integer(batch), Value::Integer(id), Value::Null]);
            w.openings.push(tx, id, true, &balances, batch, staff, at, today)?;
        }
        Decision::Update { id, code, prepared, before, balances } => {
            bulk::overwrite(tx, id, code.as_deref(), &prepared, at)?;
            w.changes.push([
                Value::Integer(batch),
                Value::Integer(id),
                Value::Text(before.to_string()),
            ]);
            w.openings.push(tx, id, false, &balances, batch, staff, at, today)?;
        }
        Decision::Skip { .. } | Decision::Error(_) => {}
    }
    w.changes.write(tx, false)
}

/// Records what the batch did, in its row and in the audit log.
fn close_batch(
    tx: &Connection,
    batch: i64,
    plan: &ImportPlan,
    file_name: &str,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "UPDATE import_batch SET created = ?2, updated = ?3, skipped = ?4 WHERE id = ?1",
        params![batch, plan.create as i64, plan.update as i64, (plan.skip + plan.errors) as i64],
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
    )
}
