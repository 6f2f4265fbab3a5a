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
    insert(conn, id, folded_name, folded_call)
}

/// Indexes a customer that has no index rows yet (a new id): skips the deletes, which cost an
/// FTS lookup per row in bulk loads.
pub fn insert(
    conn: &Connection,
    id: i64,
    folded_name: &str,
    folded_call: &str,
) -> rusqlite::Result<()> {
    let (given, _, _) = name_columns(folded_name, folded_call);
    let mut words = folded_name.to_owned();
    for w in folded_call.split(' ').filter(|w| !w.is_empty()) {
        if !folded_name.split(' ').any(|n| n == w) {
            words.push(' ');
            words.push_str(w);
        }
    }
    conn.prepare_cached("INSERT INTO customer_fts(rowid, name) VALUES (?1, ?2)")?
        .execute(params![id, words])?;
    let mut term_stmt = conn.prepare_cached(
        "INSERT INTO customer_term(term, docs) VALUES (?1, 1)
         ON CONFLICT(term) DO UPDATE SET docs = docs + 1",
    )?;
    for term in words.split(' ').filter(|t| !t.is_empty()) {
        term_stmt.execute([term])?;
    }
    let mut given_stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO customer_given(token, customer_id) VALUES (?1, ?2)",
    )?;
    for token in given.split(' ').filter(|t| !t.is_empty()) {
        given_stmt.execute(params![token, id])?;
    }
    Ok(())
}

pub(super) fn remove(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM customer_fts WHERE rowid = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM customer_given WHERE customer_id = ?1")?.execute([id])?;
    Ok(())
}
