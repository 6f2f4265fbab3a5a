//! Bringing customers in from another system's export (KiotViet, Sapo) or any spreadsheet:
//! read the file, map its columns, see row by row what would happen (a dry run), then commit
//! all of it or only the valid rows, in one transaction; the last import can be undone.

pub mod mapping;
mod opening;
mod plan;
mod row;
mod source;
mod undo;

pub use mapping::{delete_preset, preset, presets, save_preset, suggest, Field, Mapping, Preset};
pub use plan::{commit, dry_run, CommitMode, ImportPlan, ImportReport, RowAction, RowOutcome};
pub use source::{looks_legacy, Format, Source, MAX_FILE_BYTES};
pub use undo::{last_batch, last_batch_customers, undo_last, ImportBatch};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::text::fold;

/// What the mapping screen shows first: the file's columns, a few rows, and the mapping that
/// its header suggests (a saved preset whose columns are exactly these wins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Inspection {
    pub format: Format,
    pub headers: Vec<String>,
    pub sample: Vec<Vec<String>>,
    /// Data rows (the header excluded, blank rows skipped).
    #[ts(type = "number")]
    pub rows: u64,
    pub mapping: Mapping,
    /// The saved preset the mapping came from, if one matched.
    pub preset: Option<String>,
}

pub const SAMPLE_ROWS: usize = 5;

pub fn inspect(conn: &Connection, src: &Source) -> Result<Inspection> {
    let mut rows = src.rows();
    let headers = match rows.next() {
        Some(h) => h?.1,
        None => return Err(Error::Import { code: "empty_file", detail: String::new() }),
    };
    let mut sample = Vec::new();
    let mut count = 0u64;
    for r in rows {
        let (_, cells) = r?;
        if sample.len() < SAMPLE_ROWS {
            sample.push(cells);
        }
        count += 1;
    }
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let saved = mapping::presets(conn)?.into_iter().find(|p| {
        p.fields.len() == folded.len() && p.fields.iter().zip(&folded).all(|((t, _), h)| t == h)
    });
    let (mapping, preset) = match saved {
        Some(p) => (p.apply(&headers), Some(p.name)),
        None => (suggest(&headers), None),
    };
    if mapping.columns.iter().all(Option::is_none) {
        return Err(Error::Import { code: "no_columns_matched", detail: String::new() });
    }
    Ok(Inspection { format: src.format(), headers, sample, rows: count, mapping, preset })
}
