//! Exports of the shop's tables to CSV, UTF-8 with a byte-order mark so Excel reads
//! Vietnamese correctly. Column titles are given by the caller in the user's language.

use std::io::Write;

use super::csv_cell;
use crate::error::{Error, Result};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

pub use super::tables::Table;

/// Column titles as the caller gives them (translated): one per column, each a short text.
pub(crate) fn check_headers(headers: &[String], width: usize) -> Result<()> {
    if headers.len() != width {
        return Err(Error::invalid("headers", "count"));
    }
    if headers.iter().any(|h| h.chars().count() > crate::text::limit::NAME) {
        return Err(Error::invalid("headers", "too_long"));
    }
    Ok(())
}

/// Runs `table`'s query, handing each row's cells to `row`; returns how many rows.
fn each_row(
    conn: &Connection,
    table: Table,
    headers: &[String],
    mut row: impl FnMut(&[ValueRef]) -> Result<()>,
) -> Result<usize> {
    let width = table.columns().len();
    check_headers(headers, width)?;
    let mut stmt = conn.prepare(table.sql())?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let mut cells = Vec::with_capacity(width);
        for i in 0..width {
            cells.push(r.get_ref(i)?);
        }
        row(&cells)?;
        n += 1;
    }
    Ok(n)
}

fn text(v: &ValueRef) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(v) => v.to_string(),
        ValueRef::Real(v) => v.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

/// A stored value as a CSV cell: what the database holds as a number is written as a number;
/// text (names, phones, dates) is escaped so a spreadsheet never runs it as a formula.
fn csv_cell(v: &ValueRef) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(n) => csv_cell::number(n),
        ValueRef::Real(f) => csv_cell::number(f),
        other => csv_cell::text(&text(other)).into_owned(),
    }
}

/// Writes `table` as CSV (BOM first) under `headers` (one per column); returns the rows written.
pub fn write_csv(
    conn: &Connection,
    table: Table,
    headers: &[String],
    out: impl std::io::Write,
) -> Result<usize> {
    check_headers(headers, table.columns().len())?;
    let mut out = std::io::BufWriter::new(out);
    out.write_all("\u{feff}".as_bytes())?;
    csv_cell::write_record(&mut out, headers.iter().map(|h| csv_cell::text(h)))?;
    let mut record: Vec<String> = Vec::new();
    let n = each_row(conn, table, headers, |cells| {
        record.clear();
        record.extend(cells.iter().map(csv_cell));
        Ok(csv_cell::write_record(&mut out, &record)?)
    })?;
    out.flush()?;
    Ok(n)
}

/// The most rows one XLSX sheet holds, the header included.
pub const XLSX_MAX_ROWS: usize = 1_048_576;

/// Writes `table` as an XLSX workbook at `path`: numbers as numbers, everything else (phone
/// numbers above all, with their leading zero) as text; the header bold and frozen.
pub fn write_xlsx(
    conn: &Connection,
    table: Table,
    headers: &[String],
    path: &std::path::Path,
) -> Result<usize> {
    use rust_xlsxwriter::{Format, Workbook};
    check_headers(headers, table.columns().len())?;
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Io(std::io::Error::other(e));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(table.code()).map_err(xlsx)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx)?;
        sheet.set_column_width(c as u16, 16).map_err(xlsx)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    let mut r: u32 = 0;
    let n = each_row(conn, table, headers, |cells| {
        r += 1;
        if r as usize >= XLSX_MAX_ROWS {
            return Err(Error::invalid("table", "too_many_rows_for_xlsx"));
        }
        for (c, v) in cells.iter().enumerate() {
            let c = c as u16;
            match v {
                ValueRef::Null => {}
                ValueRef::Integer(i) => {
                    sheet.write_number(r, c, *i as f64).map_err(xlsx)?;
                }
                ValueRef::Real(f) => {
                    sheet.write_number(r, c, *f).map_err(xlsx)?;
                }
                other => {
                    sheet.write_string(r, c, text(other)).map_err(xlsx)?;
                }
            }
        }
        Ok(())
    })?;
    book.save(path).map_err(xlsx)?;
    Ok(n)
}
