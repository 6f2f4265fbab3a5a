//! Name lookups: the folded-name FTS index, its query words spelled out as the terms they
//! start, and the exact given-name index.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::{read_candidate, Candidate, CANDIDATE_CAP, CANDIDATE_COLUMNS};
use crate::error::Result;

/// SQL of the name lookup; `name_candidates` and `query_plans` share it.
pub(super) fn name_sql() -> String {
    format!(
        "SELECT {CANDIDATE_COLUMNS} FROM customer_fts f JOIN customer c ON c.id = -f.rowid
         WHERE customer_fts MATCH ?1 AND +c.merged_into IS NULL AND (?2 OR c.archived_at IS NULL)
         ORDER BY f.rowid LIMIT ?3"
    )
}

/// SQL of the exact given-name lookup.
pub(super) fn given_sql() -> String {
    format!(
        "SELECT {CANDIDATE_COLUMNS} FROM customer_given g JOIN customer c ON c.id = g.customer_id
         WHERE g.token = ?1 AND +c.merged_into IS NULL AND (?2 OR c.archived_at IS NULL)
         ORDER BY g.customer_id DESC LIMIT ?3"
    )
}

pub(super) fn name_candidates(
    conn: &Connection,
    words: &[String],
    include_archived: bool,
    out: &mut HashMap<i64, Candidate>,
) -> Result<bool> {
    let mut terms = Vec::with_capacity(words.len());
    for w in words {
        match term_expr(conn, w)? {
            Some(t) => terms.push(t),
            // A word that starts no indexed term: nobody can match all words.
            None => return Ok(false),
        }
    }
    // FTS5's AND steps through its first operand posting by posting and seeks in the others:
    // the rarest word goes first.
    terms.sort_by_key(|t| t.docs.unwrap_or(i64::MAX));
    let all_words = terms.iter().map(|t| t.expr.as_str()).collect::<Vec<_>>().join(" AND ");
    let mut stmt = conn.prepare_cached(&name_sql())?;
    let mut n = 0;
    let cap = CANDIDATE_CAP as i64;
    let rows: rusqlite::Result<Vec<_>> = stmt
        .query_map(params![all_words, include_archived, cap], read_candidate)
        .and_then(Iterator::collect);
    let rows = match rows {
        Ok(rows) => rows,
        // SQLite's tokenizer knows Unicode 6.1: a letter it does not know splits a word into a
        // phrase, which this index (detail=none) cannot answer. No indexed name has such a
        // word whole, so no name matches.
        Err(rusqlite::Error::SqliteFailure(_, Some(msg))) if msg.starts_with("fts5:") => {
            return Ok(false)
        }
        Err(e) => return Err(e.into()),
    };
    for (id, c) in rows {
        n += 1;
        out.entry(id).or_insert(c);
    }
    if n < CANDIDATE_CAP {
        // Every match is already here.
        return Ok(false);
    }
    // Too many matches to rank them all: add the people whose given name is one of the words,
    // newest first, so the best tier stays complete. Other words are checked in Rust.
    let mut given = conn.prepare_cached(&given_sql())?;
    for w in words {
        for row in given.query_map(params![w, include_archived, cap], read_candidate)? {
            let (id, c) = row?;
            out.entry(id).or_insert(c);
        }
    }
    Ok(true)
}

/// One query word as an FTS expression, with how many customers its terms index (`None` for a
/// short word read from the prefix index, whose count is not kept): rarer words lead the AND.
struct Term {
    expr: String,
    docs: Option<i64>,
}

/// Words this short read one prefix-index doclist, cheaper than spelling out the many terms
/// they start (thu → thu, thuy, thuan, thuong…; measured: p99 5.2 ms against 5.5 ms).
const SHORT_WORD: usize = 3;
/// Above this many terms a word is left to FTS5's own prefix scan.
const MAX_EXPANSION: usize = 64;

/// The FTS expression for one query word used as a prefix. Words of up to three letters use
/// the prefix index. Longer ones are spelled out as the terms they start: FTS5 answers a prefix
/// query beyond its prefix indexes by merging every matching row into memory first (380,000 rows
/// for "nguyen" at a million customers), while an OR of terms is read lazily in rowid order and
/// the LIMIT stops it early; and spelled-out words carry counts, so the rarest leads the AND.
/// `None`: no indexed term starts with the word.
fn term_expr(conn: &Connection, word: &str) -> Result<Option<Term>> {
    let upper = format!("{word}{}", char::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT term, docs FROM customer_term WHERE term >= ?1 AND term < ?2 LIMIT ?3",
    )?;
    let found: Vec<(String, i64)> = stmt
        .query_map(params![word, upper, MAX_EXPANSION as i64 + 1], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let prefix = format!("\"{word}\"*");
    Ok(match found.len() {
        0 => None,
        n if n > MAX_EXPANSION => Some(Term { expr: prefix, docs: None }),
        // Counted too, so that a short word leads the AND when it is the rarest ("ngo quoc
        // son": son* has a third of quoc's customers at 5,000,000).
        _ if word.chars().count() <= SHORT_WORD => {
            Some(Term { expr: prefix, docs: Some(found.iter().map(|(_, d)| d).sum()) })
        }
        _ => Some(Term {
            expr: format!(
                "({})",
                found.iter().map(|(t, _)| format!("\"{t}\"")).collect::<Vec<_>>().join(" OR ")
            ),
            docs: Some(found.iter().map(|(_, d)| d).sum()),
        }),
    })
}
