//! A customer file as rows of text: CSV (UTF-8 with or without BOM, UTF-16 with BOM; comma,
//! semicolon or tab) or XLSX (first sheet). Files in the legacy Vietnamese encodings (TCVN3,
//! VNI) are refused: read as anything else they become silent garbage in the customer list.

use std::io::Cursor;

use calamine::{Data, DataType, Reader};

use crate::error::{Error, Result};

/// Beyond this the file is refused before it is read: a customer list, even a million rows,
/// is well under it.
pub const MAX_FILE_BYTES: usize = 150 * 1024 * 1024;

/// An XLSX file is a zip: a few megabytes can expand to gigabytes (a "zip bomb"), and its first
/// sheet is held in memory. Beyond either bound the workbook is refused (`xlsx_too_large`)
/// before calamine reads it: what its entries expand to, all together, and the cells the sheet
/// spans (a million customers with ten columns is half of it).
pub const MAX_XLSX_EXPANDED_BYTES: u64 = 200 * 1024 * 1024;
pub const MAX_XLSX_CELLS: u64 = 2_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Xlsx,
}

/// The file's rows, the first being the header.
pub enum Source {
    Csv { text: String, delimiter: u8 },
    Xlsx { rows: Vec<Vec<String>> },
}

fn refuse(code: &'static str) -> Error {
    Error::Import { code, detail: String::new() }
}

impl Source {
    pub fn read(bytes: &[u8]) -> Result<Source> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Error::Import {
                code: "file_too_large",
                detail: (MAX_FILE_BYTES / 1024 / 1024).to_string(),
            });
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(refuse("empty_file"));
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return xlsx(bytes);
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            // The old binary .xls: ask for .xlsx or CSV rather than misread it.
            return Err(refuse("xls_not_supported"));
        }
        let text = decode(bytes)?;
        if text.trim().is_empty() {
            return Err(refuse("empty_file"));
        }
        let delimiter = sniff_delimiter(&text);
        Ok(Source::Csv { text, delimiter })
    }

    /// About how many rows the file holds (lines, for CSV): enough to size the work.
    pub fn len_hint(&self) -> u64 {
        match self {
            Source::Csv { text, .. } => text.bytes().filter(|b| *b == b'\n').count() as u64,
            Source::Xlsx { rows } => rows.len() as u64,
        }
    }

    pub fn format(&self) -> Format {
        match self {
            Source::Csv { .. } => Format::Csv,
            Source::Xlsx { .. } => Format::Xlsx,
        }
    }

    /// Every row including the header, cells trimmed; blank rows left out. Each comes with its
    /// line number as a spreadsheet shows it (the header is row 1).
    pub fn rows(&self) -> Box<dyn Iterator<Item = Result<(usize, Vec<String>)>> + '_> {
        match self {
            Source::Csv { text, delimiter } => {
                let reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(*delimiter)
                    .from_reader(text.as_bytes());
                Box::new(reader.into_records().enumerate().filter_map(|(i, rec)| match rec {
                    Ok(r) if r.iter().all(|c| c.trim().is_empty()) => None,
                    Ok(r) => Some(Ok((i + 1, r.iter().map(typed).collect()))),
                    Err(e) => {
                        Some(Err(Error::Import { code: "csv_malformed", detail: e.to_string() }))
                    }
                }))
            }
            Source::Xlsx { rows } => Box::new(
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
                    .map(|(i, r)| Ok((i + 1, r.clone()))),
            ),
        }
    }
}

/// A text cell trimmed, its line breaks `\n` whatever wrote it: a note typed on two lines in
/// Excel or Notepad on Windows comes as CRLF inside its quotes, and a stray `\r` would show in
/// the card and break the search of what follows it.
fn typed(cell: &str) -> String {
    let cell = cell.trim();
    if cell.contains('\r') {
        cell.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        cell.to_owned()
    }
}

fn decode(bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes.contains(&0) {
        // UTF-16 without a byte-order mark, or not text at all.
        return Err(refuse("not_a_table"));
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String> {
    // Not UTF-8: TCVN3, VNI and Windows-1258 all put Vietnamese letters in bytes that are not
    // valid UTF-8 sequences.
    let text = std::str::from_utf8(bytes).map_err(|_| refuse("legacy_encoding"))?;
    if looks_legacy(text) {
        return Err(refuse("legacy_encoding"));
    }
    Ok(text.to_owned())
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let text: String = char::decode_utf16(units)
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| refuse("not_a_table"))?;
    if looks_legacy(&text) {
        return Err(refuse("legacy_encoding"));
    }
    Ok(text)
}

/// A legacy file converted to UTF-8 as if it were Windows-1252 (what Excel does with an old
/// file): "NguyÔn V¨n" (TCVN3) or "Nguyeãn Vaên" (VNI). Such text has many of the letters those
/// encodings put Vietnamese marks on, and none of Unicode's Vietnamese letters.
pub fn looks_legacy(text: &str) -> bool {
    const TCVN3: &str = "¸µ¶·¹¨©ª«¬®¦§£¤¥¢¡¯°±²³´½¾ÆÇÌÎÏÒÓÔÕÖØÜÝÞßãåæçèéêëíîïñóôõöøùúûüýþ";
    // Marks VNI writes after the vowel; none of them follows a vowel in real Vietnamese.
    const VNI_AFTER_VOWEL: &str = "øùúûõïñöã";
    let mut legacy = 0usize;
    let mut vietnamese = 0usize;
    let mut prev = ' ';
    // Latin-1 letters that Vietnamese itself uses: not evidence of anything.
    const SHARED: &str = "àáâèéêìíòóôõùúýã";
    for c in text.chars().take(200_000) {
        let tcvn3 = TCVN3.contains(c) && !SHARED.contains(c);
        let vni = VNI_AFTER_VOWEL.contains(c) && "aeiouyAEIOUY".contains(prev);
        if matches!(c, 'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}')
        {
            vietnamese += 1;
        } else if tcvn3 || vni {
            legacy += 1;
        }
        prev = c;
    }
    vietnamese == 0 && legacy >= 3
}

fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

fn too_large() -> Error {
    Error::Import {
        code: "xlsx_too_large",
        detail: (MAX_XLSX_EXPANDED_BYTES / 1024 / 1024).to_string(),
    }
}

/// Refuses a workbook whose entries expand beyond [`MAX_XLSX_EXPANDED_BYTES`]: first by the
/// sizes its directory declares, then by what they really expand to (a directory can lie),
/// counting and stopping at the bound, before calamine reads any of it.
fn check_expanded_size(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| refuse("not_a_table"))?;
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| refuse("not_a_table"))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_XLSX_EXPANDED_BYTES {
        return Err(too_large());
    }
    let mut left = MAX_XLSX_EXPANDED_BYTES + 1;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| refuse("not_a_table"))?;
        let read = std::io::copy(&mut std::io::Read::take(entry, left), &mut std::io::sink())
            .map_err(|_| refuse("not_a_table"))?;
        left -= read;
        if left == 0 {
            return Err(too_large());
        }
    }
    Ok(())
}

/// The first sheet's rows, from its first used row and column to its last, as a spreadsheet
/// shows them. Read cell by cell and refused once the area they span passes [`MAX_XLSX_CELLS`]
/// (two cells far apart would otherwise ask for billions of empty ones in between).
fn first_sheet(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|_| refuse("not_a_table"))?;
    let name = book.sheet_names().first().cloned().ok_or_else(|| refuse("empty_file"))?;
    let mut reader = book.worksheet_cells_reader(&name).map_err(|_| refuse("not_a_table"))?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0, 0);
    while let Some(c) = reader.next_cell().map_err(|_| refuse("not_a_table"))? {
        if c.get_value().is_empty() {
            continue;
        }
        let (r, col) = c.get_position();
        (top, left, bottom, right) = (top.min(r), left.min(col), bottom.max(r), right.max(col));
        let area = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if area > MAX_XLSX_CELLS {
            return Err(too_large());
        }
        cells.push((r, col, cell(&Data::from(c.get_value().clone()))));
    }
    if cells.is_empty() {
        return Ok(vec![]);
    }
    let width = (right - left + 1) as usize;
    let mut rows = vec![vec![String::new(); width]; (bottom - top + 1) as usize];
    for (r, col, value) in cells {
        rows[(r - top) as usize][(col - left) as usize] = value;
    }
    Ok(rows)
}

fn xlsx(bytes: &[u8]) -> Result<Source> {
    check_expanded_size(bytes)?;
    let rows = first_sheet(bytes)?;
    if rows.iter().all(|r| r.iter().all(String::is_empty)) {
        return Err(refuse("empty_file"));
    }
    Ok(Source::Xlsx { rows })
}

/// A cell as the text a person would have typed: whole numbers without `.0` (phone numbers
/// stored as numbers), dates as `dd/MM/yyyy`.
fn cell(c: &Data) -> String {
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => typed(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            c.as_date().map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
        }
        Data::DurationIso(s) => s.clone(),
    }
}
