//! Phone lookups: the reversed-number index for a suffix, the canonical one for a prefix.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::{read_candidate, Candidate, MatchKind, CANDIDATE_CAP, CANDIDATE_COLUMNS};
use crate::error::Result;
use crate::text::phone::{self, reversed, Phone, PhoneKind};

/// Returns true when a cap was reached.
pub(super) fn phone_candidates(
    conn: &Connection,
    digits: &str,
    include_archived: bool,
    out: &mut HashMap<i64, Candidate>,
) -> Result<bool> {
    let exact = match phone::normalize(digits) {
        Phone::Valid { canonical, .. } => Some(canonical),
        _ => None,
    };
    let mut capped = false;
    let mut ranges: Vec<(&str, String, MatchKind)> =
        vec![("reversed", reversed(digits), MatchKind::Phone)];
    if digits.starts_with('0') {
        ranges.push(("canonical", digits.to_owned(), MatchKind::Phone));
    }
    if let Some(e) = &exact {
        ranges.push(("canonical", e.clone(), MatchKind::PhoneExact));
    }
    for (col, from, kind) in ranges {
        // ':' sorts right after '9': [from, from + ':') is every string starting with `from`.
        let to = format!("{from}:");
        let mut stmt = conn.prepare_cached(&phone_sql(col))?;
        let mut n = 0;
        let mut rows = stmt.query(params![from, to, include_archived, CANDIDATE_CAP as i64])?;
        while let Some(r) = rows.next()? {
            n += 1;
            let (id, mut c) = read_candidate(r)?;
            let canonical: String = r.get(8)?;
            let kind = if exact.as_deref() == Some(canonical.as_str()) {
                MatchKind::PhoneExact
            } else {
                kind
            };
            c.phone_rank = Some((kind, canonical, PhoneKind::parse(&r.get::<_, String>(9)?)));
            match out.get_mut(&id) {
                Some(existing)
                    if existing.phone_rank.as_ref().is_some_and(|(k, ..)| *k <= kind) => {}
                Some(existing) => existing.phone_rank = c.phone_rank,
                None => {
                    out.insert(id, c);
                }
            }
        }
        capped |= n >= CANDIDATE_CAP;
    }
    Ok(capped)
}

/// SQL of a phone range lookup on `col` (`reversed` or `canonical`).
pub(super) fn phone_sql(col: &str) -> String {
    format!(
        "SELECT {CANDIDATE_COLUMNS}, p.canonical, p.kind FROM customer_phone p JOIN customer c ON c.id = p.customer_id
         WHERE p.{col} >= ?1 AND p.{col} < ?2 AND +c.merged_into IS NULL AND (?3 OR c.archived_at IS NULL)
         LIMIT ?4"
    )
}
