//! Files the user exports: named for what they hold and when, never overwriting one another,
//! and each one audited (who took which data out, to which file) in the core.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::error::Result;

/// A path `name-YYYYMMDD-HHMMSS.ext` in `dir` that no file holds yet.
pub fn fresh_path(dir: &Path, name: &str, ext: &str, now: DateTime<Utc>) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    // A short, plain name: what the UI sends is a word ("bao-cao"), never a path or a page.
    let safe: String = name
        .chars()
        .take(60)
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    let stamp = now.with_timezone(&crate::clock::vietnam()).format("%Y%m%d-%H%M%S");
    let mut path = dir.join(format!("{safe}-{stamp}.{ext}"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{safe}-{stamp}-{n}.{ext}"));
    }
    Ok(path)
}

/// A new CSV file with the UTF-8 byte-order mark written (Excel then reads Vietnamese).
pub fn create_csv(
    dir: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(PathBuf, std::io::BufWriter<std::fs::File>)> {
    let path = fresh_path(dir, name, "csv", now)?;
    let mut file = std::io::BufWriter::new(std::fs::File::create_new(&path)?);
    file.write_all("\u{feff}".as_bytes())?;
    Ok((path, file))
}

/// The audit row every export leaves; returns the file's path for the UI.
pub fn audited(
    db: &mut Db,
    who: &str,
    what: &str,
    entity_id: i64,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<String> {
    let file = path.display().to_string();
    db.write(|tx| {
        crate::audit::record(
            tx,
            now,
            who,
            "export",
            what,
            entity_id,
            serde_json::json!({ "file": file }),
        )
    })?;
    Ok(file)
}
