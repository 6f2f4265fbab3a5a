//! The counter search. Digits go to the phone indexes (canonical prefix, reversed-number suffix),
//! words to the folded-name FTS index (all tokens required, as prefixes, any order), mixed input
//! to both. SQL finds a bounded set of candidates; Rust ranks them (FTS5's own ranking is slow).

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::index::name_columns;
use super::model::{greeting, AddressAs};
use crate::error::Result;
use crate::text::phone::{self, national_digits, PhoneKind};
use crate::text::tokens;

mod by_name;
mod by_phone;

use by_name::{given_sql, name_candidates, name_sql};
use by_phone::{phone_candidates, phone_sql};

/// Candidates taken from each index per query. Enough for any query that names a person; a
/// query as broad as one family name reports `more` instead of ranking half the database.
const CANDIDATE_CAP: usize = 100;
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 200;
/// Fewer digits than this match a tenth of all numbers: not a useful phone query.
pub const MIN_PHONE_DIGITS: usize = 3;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SearchOptions {
    /// 0 means the default (20).
    pub limit: u32,
    pub include_archived: bool,
}

/// Why a customer matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    PhoneExact,
    Phone,
    GivenName,
    GivenNamePrefix,
    Name,
    FamilyName,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub greeting: String,
    /// Display form of the primary phone.
    pub primary_phone: Option<String>,
    /// Canonical primary phone (`0912345678`).
    pub primary_phone_canonical: Option<String>,
    /// Display form of the phone that matched, when it is not the primary one.
    pub matched_phone: Option<String>,
    pub match_kind: MatchKind,
    pub archived: bool,
    pub has_alert: bool,
    /// Her member tier (issue 17) when above the first one, for a badge; `customer_tier` is
    /// read by her id for the shown hits only.
    pub tier: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct SearchResult {
    pub hits: Vec<SearchHit>,
    /// More customers matched than are shown: the query should be narrowed.
    pub more: bool,
    /// Digits only, but too few of them for a phone search (fewer than `MIN_PHONE_DIGITS`).
    pub too_few_digits: bool,
}

struct Query {
    words: Vec<String>,
    /// Digit groups typed as separate words in a mixed query (`lan 678`).
    digit_words: Vec<String>,
    /// The whole query read as one phone number (`0912 345 678`, `+84 912…`).
    phone: Option<String>,
}

fn parse(input: &str) -> Query {
    let is_phoneish = |c: char| c.is_ascii_digit() || " .-()+".contains(c);
    let trimmed = input.trim();
    if !trimmed.is_empty()
        && trimmed.chars().all(is_phoneish)
        && trimmed.chars().any(|c| c.is_ascii_digit())
    {
        return Query { words: vec![], digit_words: vec![], phone: Some(national_digits(trimmed)) };
    }
    let mut words = Vec::new();
    let mut digit_words = Vec::new();
    for raw in trimmed.split_whitespace() {
        if raw.chars().all(is_phoneish) {
            let d = national_digits(raw);
            if !d.is_empty() {
                digit_words.push(d);
            }
        } else {
            words.extend(tokens(raw));
        }
    }
    Query { words, digit_words, phone: None }
}

struct Candidate {
    full_name: String,
    call_name: String,
    address_as: String,
    folded_name: String,
    folded_call: String,
    archived: bool,
    recency: String,
    phone_rank: Option<(MatchKind, String, PhoneKind)>,
}

pub fn search(conn: &Connection, input: &str, opts: SearchOptions) -> Result<SearchResult> {
    let limit = match opts.limit as usize {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    };
    // A pasted page is cut to what a search box holds: never refused, never slow.
    let q = parse(crate::text::limit::cut(input));
    let mut candidates: HashMap<i64, Candidate> = HashMap::new();
    let mut capped = false;
    if let Some(digits) = &q.phone {
        if digits.len() < MIN_PHONE_DIGITS {
            return Ok(SearchResult { too_few_digits: true, ..SearchResult::default() });
        }
        capped |= phone_candidates(conn, digits, opts.include_archived, &mut candidates)?;
    } else if !q.digit_words.is_empty() {
        // Mixed input: the phone side is the narrow one; names filter it.
        let Some(first) = q.digit_words.iter().find(|d| d.len() >= MIN_PHONE_DIGITS) else {
            return Ok(SearchResult::default());
        };
        capped |= phone_candidates(conn, first, opts.include_archived, &mut candidates)?;
        candidates.retain(|_, c| {
            q.digit_words
                .iter()
                .all(|d| c.phone_rank.as_ref().is_some_and(|(_, p, _)| p.contains(d.as_str())))
        });
    } else if !q.words.is_empty() {
        capped |= name_candidates(conn, &q.words, opts.include_archived, &mut candidates)?;
    }

    let mut ranked: Vec<(i64, MatchKind, Candidate)> = candidates
        .into_iter()
        .filter_map(|(id, c)| {
            let name_kind = name_match(&q.words, &c.folded_name, &c.folded_call)?;
            let kind = match &c.phone_rank {
                Some((MatchKind::PhoneExact, ..)) => MatchKind::PhoneExact,
                Some(_) if q.words.is_empty() => MatchKind::Phone,
                _ => name_kind,
            };
            Some((id, kind, c))
        })
        .collect();
    ranked.sort_by(|a, b| {
        let phone_tier = |c: &Candidate| c.phone_rank.as_ref().map(|(k, ..)| *k);
        (a.1, phone_tier(&a.2), a.2.archived, std::cmp::Reverse(&a.2.recency), a.0).cmp(&(
            b.1,
            phone_tier(&b.2),
            b.2.archived,
            std::cmp::Reverse(&b.2.recency),
            b.0,
        ))
    });
    let more = capped || ranked.len() > limit;
    ranked.truncate(limit);
    let hits =
        ranked.into_iter().map(|(id, kind, c)| hit(conn, id, kind, c)).collect::<Result<_>>()?;
    Ok(SearchResult { hits, more, too_few_digits: false })
}

/// How the query words match a name, or `None` when one word matches nothing.
fn name_match(words: &[String], folded_name: &str, folded_call: &str) -> Option<MatchKind> {
    if words.is_empty() {
        return Some(MatchKind::Name);
    }
    let (given, middle, family) = name_columns(folded_name, folded_call);
    let split =
        |s: &str| s.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let (given, middle) = (split(&given), split(&middle));
    let mut best = MatchKind::FamilyName;
    for w in words {
        let kind = if given.iter().any(|g| g == w) {
            MatchKind::GivenName
        } else if given.iter().any(|g| g.starts_with(w.as_str())) {
            MatchKind::GivenNamePrefix
        } else if middle.iter().any(|m| m.starts_with(w.as_str())) {
            MatchKind::Name
        } else if family.starts_with(w.as_str()) && !family.is_empty() {
            MatchKind::FamilyName
        } else {
            return None;
        };
        best = best.min(kind);
    }
    Some(best)
}

// Every candidate query (by_name, by_phone) writes `+c.merged_into IS NULL`: the unary plus
// keeps SQLite from ever driving the join from an index on merged_into (a full index on it once
// turned every phone or name lookup into a scan of all customers). `query_plans` lets a test
// hold this line.
const CANDIDATE_COLUMNS: &str =
    "c.id, c.full_name, c.call_name, c.address_as, c.folded_name, c.folded_call,
    c.archived_at IS NOT NULL, coalesce(c.last_contact_at, c.created_at)";

fn read_candidate(r: &rusqlite::Row) -> rusqlite::Result<(i64, Candidate)> {
    Ok((
        r.get(0)?,
        Candidate {
            full_name: r.get(1)?,
            call_name: r.get(2)?,
            address_as: r.get(3)?,
            folded_name: r.get(4)?,
            folded_call: r.get(5)?,
            archived: r.get(6)?,
            recency: r.get(7)?,
            phone_rank: None,
        },
    ))
}

/// The query plans of the search statements, for tests that guard against full scans and sorts.
#[doc(hidden)]
pub fn query_plans(conn: &Connection) -> Result<Vec<String>> {
    let mut plans = Vec::new();
    for sql in [name_sql(), given_sql(), phone_sql("reversed"), phone_sql("canonical")] {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let n = stmt.parameter_count();
        let args: Vec<String> = (0..n).map(|_| "1".to_owned()).collect();
        let rows =
            stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(3))?;
        plans.push(rows.collect::<rusqlite::Result<Vec<_>>>()?.join(" | "));
    }
    Ok(plans)
}

fn hit(conn: &Connection, id: i64, kind: MatchKind, c: Candidate) -> Result<SearchHit> {
    let (primary, has_alert, tier): (Option<(String, String)>, bool, Option<String>) = conn
        .prepare_cached(
            "SELECT (SELECT canonical FROM customer_phone WHERE customer_id = ?1 AND is_primary = 1),
                    (SELECT kind FROM customer_phone WHERE customer_id = ?1 AND is_primary = 1),
                    EXISTS(SELECT 1 FROM preference WHERE customer_id = ?1 AND is_alert = 1),
                    (SELECT t.name FROM customer_tier ct JOIN member_tier t ON t.id = ct.tier_id
                     WHERE ct.customer_id = ?1 AND t.position > 0)",
        )?
        .query_row([id], |r| {
            let canonical: Option<String> = r.get(0)?;
            let kind: Option<String> = r.get(1)?;
            Ok((canonical.zip(kind), r.get(2)?, r.get(3)?))
        })?;
    let matched_phone = c
        .phone_rank
        .as_ref()
        .filter(|(_, canonical, _)| primary.as_ref().map(|p| &p.0) != Some(canonical))
        .map(|(_, canonical, k)| phone::format(canonical, *k));
    Ok(SearchHit {
        id,
        greeting: greeting(AddressAs::parse(&c.address_as).unwrap_or_default(), &c.call_name),
        full_name: c.full_name,
        primary_phone: primary.as_ref().map(|(p, k)| phone::format(p, PhoneKind::parse(k))),
        primary_phone_canonical: primary.map(|(p, _)| p),
        matched_phone,
        match_kind: kind,
        archived: c.archived,
        has_alert,
        tier,
    })
}
