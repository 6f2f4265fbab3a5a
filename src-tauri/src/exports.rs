//! Files the user exports: CSV with a UTF-8 byte-order mark (Excel then reads Vietnamese
//! correctly), named for what they hold and when, never overwriting one another.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

/// A path `name-YYYYMMDD-HHMMSS.ext` in `dir` that no file holds yet.
pub fn fresh_path(
    dir: &Path,
    name: &str,
    ext: &str,
    now: DateTime<Utc>,
) -> khachquen::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    // A short, plain name: what the UI sends is a word ("bao-cao"), never a path or a page.
    let safe: String = name
        .chars()
        .take(60)
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    let stamp = now.with_timezone(&khachquen::clock::vietnam()).format("%Y%m%d-%H%M%S");
    let mut path = dir.join(format!("{safe}-{stamp}.{ext}"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{safe}-{stamp}-{n}.{ext}"));
    }
    Ok(path)
}

/// A new file `name-YYYYMMDD-HHMMSS.csv` in `dir`, with the BOM written.
pub fn create(
    dir: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> khachquen::Result<(PathBuf, std::io::BufWriter<std::fs::File>)> {
    let path = fresh_path(dir, name, "csv", now)?;
    let mut file = std::io::BufWriter::new(std::fs::File::create_new(&path)?);
    file.write_all("\u{feff}".as_bytes())?;
    Ok((path, file))
}

/// Writes the audit row every export leaves: who took which data out, to which file.
pub fn audited(
    db: &mut khachquen::Db,
    who: &str,
    what: &str,
    path: &Path,
    now: DateTime<Utc>,
) -> khachquen::Result<String> {
    let file = path.display().to_string();
    db.write(|tx| {
        khachquen::audit::record(
            tx,
            now,
            who,
            "export",
            what,
            0,
            serde_json::json!({ "file": file }),
        )
    })?;
    Ok(file)
}
