//! The search index rows of one customer, written in the caller's transaction so the index can
//! never disagree with the row it describes.

use rusqlite::{params, Connection};

/// Splits a folded full name into (given, middle, family) for the FTS columns. The call name is
/// indexed as given too: "Bình Minh" or a nickname is how staff look a person up.
pub(crate) fn name_columns(folded_name: &str, folded_call: &str) -> (String, String, String) {
    let words: Vec<&str> = folded_name.split(' ').filter(|w| !w.is_empty()).collect();
    let (family, middle, last) = match words.as_slice() {
        [] => ("", &[][..], ""),
        [only] => ("", &[][..], *only),
        [first, rest @ .., last] => (*first, rest, *last),
    };
    let mut given: Vec<&str> = folded_call.split(' ').filter(|w| !w.is_empty()).collect();
    if !last.is_empty() && !given.contains(&last) {
        given.push(last);
    }
    (given.join(" "), middle.join(" "), family.to_owned())
}

pub fn upsert(
    conn: &Connection,
    id: i64,
    folded_name: &str,
    folded_call: &str,
) -> rusqlite::Result<()> {
    remove(conn, id)?;
    let (given, middle, family) = name_columns(folded_name, folded_call);
    conn.prepare_cached(
        "INSERT INTO customer_fts(rowid, given, middle, family) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, given, middle, family])?;
    Ok(())
}

pub(super) fn remove(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM customer_fts WHERE rowid = ?1")?.execute([id])?;
    Ok(())
}
