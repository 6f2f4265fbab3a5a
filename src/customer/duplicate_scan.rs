//! The duplicate finder's scans: over every live customer (not archived, merged or erased), or
//! over the pairs that involve some of them (the customers an import just brought in).
//!
//! The full scan reads each customer and each phone once and groups them by key (phone; folded
//! name and birthday; folded name and the phone's last digits) by sorting: linear in the data
//! apart from the sort, never a comparison of every record with every other.

use rusqlite::{params, Connection, OptionalExtension};

use super::duplicate_pair::{DuplicateReason, DuplicateScan, Found, MAX_GROUP, TAIL_DIGITS};
use crate::error::Result;

/// Pairs listed when the caller asks for no particular number.
pub const DEFAULT_LIMIT: usize = 200;

const LIVE: &str = "merged_into IS NULL AND archived_at IS NULL AND erased_at IS NULL";
/// [`LIVE`] for a query that names the customer table `c`.
const LIVE_C: &str = "c.merged_into IS NULL AND c.archived_at IS NULL AND c.erased_at IS NULL";

struct Live {
    /// Ascending: the table is read in rowid order.
    ids: Vec<i64>,
    names: Vec<String>,
    birthdays: Vec<Option<String>>,
    /// A lunar 20/12 and a solar 20/12 are different days: the flag is part of the birthday.
    lunar: Vec<bool>,
}

/// Every pair of live customers that may be one person, strongest first; `limit` pairs listed.
pub fn scan(conn: &Connection, limit: usize) -> Result<DuplicateScan> {
    let live = live(conn)?;
    let phones = phones(conn, &live.ids)?;
    let mut found = Found::default();

    let mut by_phone: Vec<(&str, u32)> = phones.iter().map(|(p, i)| (p.as_str(), *i)).collect();
    by_phone.sort_unstable();
    pair_runs(&mut found, &live, &by_phone, DuplicateReason::Phone);

    let mut by_birthday: Vec<((&str, &str, bool), u32)> = (0..live.ids.len())
        .filter_map(|i| {
            let b = live.birthdays[i].as_deref()?;
            Some(((live.names[i].as_str(), b, live.lunar[i]), i as u32))
        })
        .collect();
    by_birthday.sort_unstable();
    pair_runs(&mut found, &live, &by_birthday, DuplicateReason::NameBirthday);

    let mut by_tail: Vec<((&str, &str), u32)> = phones
        .iter()
        .filter_map(|(p, i)| Some(((live.names[*i as usize].as_str(), tail(p)?), *i)))
        .collect();
    by_tail.sort_unstable();
    pair_runs(&mut found, &live, &by_tail, DuplicateReason::NamePhoneTail);

    found.finish(conn, limit)
}

/// The pairs that involve at least one of `ids`, found through the indexes (phone, folded name
/// and birthday, folded name): what an import offers to review without scanning the shop.
pub fn scan_among(conn: &Connection, ids: &[i64], limit: usize) -> Result<DuplicateScan> {
    let mut found = Found::default();
    for &id in ids {
        let Some((name, birthday, lunar)) = live_keys(conn, id)? else { continue };
        let own: Vec<String> = conn
            .prepare_cached("SELECT canonical FROM customer_phone WHERE customer_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for phone in &own {
            let holders = live_ids(
                conn,
                "SELECT DISTINCT p.customer_id FROM customer_phone p JOIN customer c ON c.id = p.customer_id
                 WHERE p.canonical = ?1",
                params![phone],
            )?;
            add_group_of(&mut found, id, &holders, DuplicateReason::Phone);
        }
        if let Some(b) = &birthday {
            let same = live_ids(
                conn,
                "SELECT c.id FROM customer c
                 WHERE c.folded_name = ?1 AND c.birthday = ?2 AND c.birthday_lunar = ?3",
                params![name, b, lunar],
            )?;
            add_group_of(&mut found, id, &same, DuplicateReason::NameBirthday);
        }
        let tails: Vec<&str> = own.iter().filter_map(|p| tail(p)).collect();
        let namesakes: Vec<(i64, String)> = conn
            .prepare_cached(&format!(
                "SELECT c.id, p.canonical FROM customer c JOIN customer_phone p ON p.customer_id = c.id
                 WHERE c.folded_name = ?1 AND {LIVE_C} ORDER BY c.id"
            ))?
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for t in tails {
            let mut same: Vec<i64> =
                namesakes.iter().filter(|(_, p)| tail(p) == Some(t)).map(|(c, _)| *c).collect();
            same.dedup();
            add_group_of(&mut found, id, &same, DuplicateReason::NamePhoneTail);
        }
    }
    found.finish(conn, limit)
}

/// `id` paired with each other member of its group, unless the group is too large (as in the
/// full scan, so both scans offer the same pairs).
fn add_group_of(found: &mut Found, id: i64, group: &[i64], reason: DuplicateReason) {
    if group.len() <= MAX_GROUP {
        for other in group {
            found.add(id, *other, reason);
        }
    }
}

fn live_ids(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(&format!("{sql} AND {LIVE_C}"))?
        .query_map(args, |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// (folded name, birthday, lunar) of a live customer; `None` for one not live or not there.
type Keys = (String, Option<String>, bool);

fn live_keys(conn: &Connection, id: i64) -> Result<Option<Keys>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT folded_name, birthday, birthday_lunar FROM customer WHERE id = ?1 AND {LIVE}"
        ))?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// The last [`TAIL_DIGITS`] of a phone; none for shorter numbers (too little to compare).
fn tail(canonical: &str) -> Option<&str> {
    let n = canonical.len();
    (n >= TAIL_DIGITS && canonical.is_ascii()).then(|| &canonical[n - TAIL_DIGITS..])
}

/// Pairs the members of each run of equal keys in `sorted` (key, index into `live`).
fn pair_runs<K: PartialEq>(
    found: &mut Found,
    live: &Live,
    sorted: &[(K, u32)],
    reason: DuplicateReason,
) {
    let mut group: Vec<i64> = Vec::new();
    for run in sorted.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < 2 {
            continue;
        }
        group.clear();
        group.extend(run.iter().map(|(_, i)| live.ids[*i as usize]));
        // One record can hold a phone twice (typed as mobile and as landline).
        group.dedup();
        if group.len() > 1 {
            found.add_group(&group, reason);
        }
    }
}

fn live(conn: &Connection) -> Result<Live> {
    let mut live =
        Live { ids: Vec::new(), names: Vec::new(), birthdays: Vec::new(), lunar: Vec::new() };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, folded_name, birthday, birthday_lunar FROM customer WHERE {LIVE} ORDER BY id"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        live.ids.push(r.get(0)?);
        live.names.push(r.get(1)?);
        live.birthdays.push(r.get(2)?);
        live.lunar.push(r.get(3)?);
    }
    Ok(live)
}

/// Every phone of a live customer: (canonical, index into `ids`).
fn phones(conn: &Connection, ids: &[i64]) -> Result<Vec<(String, u32)>> {
    let mut out = Vec::with_capacity(ids.len() + ids.len() / 4);
    let mut stmt = conn.prepare("SELECT customer_id, canonical FROM customer_phone")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Ok(i) = ids.binary_search(&r.get::<_, i64>(0)?) {
            out.push((r.get(1)?, i as u32));
        }
    }
    Ok(out)
}
