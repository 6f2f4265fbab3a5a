//! Rows of one table written many to an INSERT statement, for bulk loads (demo data, imports).

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use crate::error::Result;

/// Rows per INSERT statement. Statement start and end (cursor set-up, the AUTOINCREMENT
/// counter update, foreign-key bookkeeping) cost more than a row: 64 rows share them.
const ROWS_PER_INSERT: usize = 64;

/// Rows of one table waiting to be written, `ROWS_PER_INSERT` per statement.
pub(crate) struct Rows {
    head: &'static str,
    width: usize,
    pub(crate) values: Vec<Value>,
}

impl Rows {
    pub(crate) fn new(head: &'static str, width: usize) -> Rows {
        Rows { head, width, values: Vec::with_capacity(width * ROWS_PER_INSERT) }
    }

    pub(crate) fn push<const N: usize>(&mut self, row: [Value; N]) {
        debug_assert_eq!(N, self.width);
        self.values.extend(row);
    }

    /// Writes every full group of rows; with `all`, the remainder too.
    pub(crate) fn write(&mut self, conn: &Connection, all: bool) -> Result<()> {
        let group = self.width * ROWS_PER_INSERT;
        while self.values.len() >= group || (all && !self.values.is_empty()) {
            let take = group.min(self.values.len());
            let mut stmt = conn.prepare_cached(&self.sql(take / self.width))?;
            stmt.execute(params_from_iter(self.values.drain(..take)))?;
        }
        Ok(())
    }

    fn sql(&self, rows: usize) -> String {
        let one = format!("({})", vec!["?"; self.width].join(","));
        format!("{} VALUES {}", self.head, vec![one; rows].join(","))
    }
}
