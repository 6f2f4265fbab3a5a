//! The search index rows of one customer, written in the caller's transaction so the index can
//! never disagree with the row it describes.
//!
//! The FTS row of customer `id` has rowid `-id`: FTS5 reads forward cheaply and backward at a
//! cost, and negated ids make its forward order newest-first. Rows are removed with FTS5's
//! `'delete'` command and the exact words they were indexed with (re-derived from the folded
//! names on the customer row), which keeps the index free of the per-posting tombstone checks
//! that `contentless_delete` costs.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

/// Splits a folded full name into (given, middle, family) words. The call name counts as given:
/// "Bình Minh" or a nickname is how staff look a person up.
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

/// The words indexed for a customer: the full name, then call-name words it lacks.
fn index_words(folded_name: &str, folded_call: &str) -> String {
    let mut words = folded_name.to_owned();
    for w in folded_call.split(' ').filter(|w| !w.is_empty()) {
        if !folded_name.split(' ').any(|n| n == w) {
            words.push(' ');
            words.push_str(w);
        }
    }
    words
}

/// Re-indexes customer `id` whose row still holds its old folded names (call before updating it).
pub(super) fn remove(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    let old: Option<(String, String)> = conn
        .prepare_cached("SELECT folded_name, folded_call FROM customer WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let indexed: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM customer_given WHERE customer_id = ?1 LIMIT 1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let (Some((name, call)), Some(_)) = (old, indexed) {
        conn.prepare_cached(
            "INSERT INTO customer_fts(customer_fts, rowid, name) VALUES ('delete', ?1, ?2)",
        )?
        .execute(params![-id, index_words(&name, &call)])?;
    }
    conn.prepare_cached("DELETE FROM customer_given WHERE customer_id = ?1")?.execute([id])?;
    Ok(())
}

/// Removes customer `id` from the index, and from the word list each word no one else's name
/// still holds (a rare name would otherwise outlive its owner's erasure).
pub(super) fn forget(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    let words: Option<String> = conn
        .prepare_cached("SELECT folded_name || ' ' || folded_call FROM customer WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    remove(conn, id)?;
    let mut still = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM customer_fts WHERE customer_fts MATCH ?1)")?;
    let mut drop = conn.prepare_cached("DELETE FROM customer_term WHERE term = ?1")?;
    for w in words.unwrap_or_default().split(' ').filter(|w| !w.is_empty()) {
        // Quoted: the word is a literal token, never FTS syntax.
        let used: bool = still.query_row([format!("\"{w}\"")], |r| r.get(0))?;
        if !used {
            drop.execute([w])?;
        }
    }
    Ok(())
}

/// Index rows staged for one transaction. FTS5 flushes its pending buffer whenever a rowid is
/// lower than the previous one, and new customers get ever lower rowids (-id): so FTS rows are
/// written at the end, lowest rowid (newest customer) first, and word counts once per word.
#[derive(Default)]
pub struct IndexBatch {
    fts: Vec<(i64, String)>,
    given: Vec<(String, i64)>,
    terms: HashMap<String, i64>,
}

impl IndexBatch {
    /// Stages customer `id`, which has no index rows (new, or just removed).
    pub fn add(&mut self, id: i64, folded_name: &str, folded_call: &str) {
        let (given, _, _) = name_columns(folded_name, folded_call);
        for token in given.split(' ').filter(|t| !t.is_empty()) {
            self.given.push((token.to_owned(), id));
        }
        let words = index_words(folded_name, folded_call);
        for term in words.split(' ').filter(|t| !t.is_empty()) {
            *self.terms.entry(term.to_owned()).or_default() += 1;
        }
        self.fts.push((-id, words));
    }

    /// Writes what was staged, in the caller's transaction.
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        self.fts.sort_unstable_by_key(|(rowid, _)| *rowid);
        let mut fts =
            conn.prepare_cached("INSERT INTO customer_fts(rowid, name) VALUES (?1, ?2)")?;
        for (rowid, words) in self.fts.drain(..) {
            fts.execute(params![rowid, words])?;
        }
        // In key order, so the WITHOUT ROWID B-tree is appended to rather than split at random.
        self.given.sort_unstable();
        let mut given = conn.prepare_cached(
            "INSERT OR IGNORE INTO customer_given(token, customer_id) VALUES (?1, ?2)",
        )?;
        for (token, id) in self.given.drain(..) {
            given.execute(params![token, id])?;
        }
        let mut term = conn.prepare_cached(
            "INSERT INTO customer_term(term, docs) VALUES (?1, ?2)
             ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs",
        )?;
        for (t, docs) in self.terms.drain() {
            term.execute(params![t, docs])?;
        }
        Ok(())
    }
}

/// Indexes one customer now (the single-row path of create and update).
pub(super) fn index_one(
    conn: &Connection,
    id: i64,
    folded_name: &str,
    folded_call: &str,
) -> rusqlite::Result<()> {
    let mut batch = IndexBatch::default();
    batch.add(id, folded_name, folded_call);
    batch.flush(conn)
}
