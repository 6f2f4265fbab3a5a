//! A table of cells assembled elsewhere (the report's numbers, built by the UI in the user's
//! language) written as an XLSX workbook or a CSV file: numbers stay numbers, so Excel can sum
//! and chart them; text stays text (never a formula).

use std::path::Path;

use serde::Deserialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// One cell: a number, a text, or nothing.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(untagged)]
pub enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

/// Excel's limits: 1,048,576 rows, 16,384 columns.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;

/// Writes `rows` (the first one is the header, in bold and frozen) as the sheet `name`.
pub fn write_xlsx(name: &str, rows: &[Vec<Cell>], path: &Path) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    if rows.len() > MAX_ROWS {
        return Err(Error::invalid("rows", "too_many_rows_for_xlsx"));
    }
    if rows.iter().any(|r| r.len() > MAX_COLUMNS) {
        return Err(Error::invalid("rows", "too_many_columns_for_xlsx"));
    }
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Io(std::io::Error::other(e));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // Sheet names: at most 31 characters, none of []:*?/\ .
    let safe: String =
        name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect::<String>();
    sheet.set_name(if safe.trim().is_empty() { "Sheet1" } else { safe.trim() }).map_err(xlsx)?;
    let bold = Format::new().set_bold();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Number(n) if r == 0 => sheet.write_number_with_format(r, c, *n, &bold),
                Cell::Number(n) => sheet.write_number(r, c, *n),
                Cell::Text(t) if r == 0 => sheet.write_string_with_format(r, c, t, &bold),
                Cell::Text(t) => sheet.write_string(r, c, t),
                Cell::Empty => continue,
            }
            .map_err(xlsx)?;
        }
    }
    if let Some(header) = rows.first() {
        for c in 0..header.len() {
            sheet.set_column_width(c as u16, if c == 1 { 36 } else { 16 }).map_err(xlsx)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    }
    book.save(path).map_err(xlsx)?;
    Ok(())
}

/// Writes `rows` as CSV (UTF-8 with a byte-order mark, for Excel): numbers as numbers, text
/// escaped against formulas (see [`super::csv_cell`]), empty cells empty.
pub fn write_csv(rows: &[Vec<Cell>], out: impl std::io::Write) -> Result<()> {
    use super::csv_cell::{number, text, write_record};
    use std::io::Write;
    let mut out = std::io::BufWriter::new(out);
    out.write_all("\u{feff}".as_bytes())?;
    for row in rows {
        write_record(
            &mut out,
            row.iter().map(|cell| match cell {
                Cell::Number(n) if n.is_finite() => number(n),
                Cell::Number(_) | Cell::Empty => String::new(),
                Cell::Text(t) => text(t).into_owned(),
            }),
        )?;
    }
    out.flush()?;
    Ok(())
}
