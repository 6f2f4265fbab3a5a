//! Deciding what each row of the file does: the customer it is (by code, else by phone), and
//! whether it creates, updates, skips or is refused.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{Decision, PROGRESS_EVERY};
use crate::clock::local_date;
use crate::customer::bulk;
use crate::customer::CustomerDraft;
use crate::error::{FieldError, Result};
use crate::io::import::mapping::Mapping;
use crate::io::import::opening::{self, Balances};
use crate::io::import::row;
use crate::io::import::source::Source;
use crate::text::phone::{self, Phone};

/// Existing customers' codes and phones, loaded once: a million lookups in a hash map instead
/// of two million queries.
struct Known {
    codes: HashMap<String, i64>,
    /// `None`: the number belongs to several customers, so it identifies no one.
    phones: HashMap<String, Option<i64>>,
}

impl Known {
    fn load(conn: &Connection) -> Result<Known> {
        let mut codes = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT code, id FROM customer WHERE code IS NOT NULL AND merged_into IS NULL",
        )?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (code, id) = r?;
            codes.insert(code, id);
        }
        let mut phones: HashMap<String, Option<i64>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT p.canonical, p.customer_id FROM customer_phone p JOIN customer c
             ON c.id = p.customer_id WHERE c.merged_into IS NULL AND c.archived_at IS NULL",
        )?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (phone, id) = r?;
            phones
                .entry(phone)
                .and_modify(|v| {
                    if *v != Some(id) {
                        *v = None;
                    }
                })
                .or_insert(Some(id));
        }
        Ok(Known { codes, phones })
    }
}

fn row_error(code: &str) -> FieldError {
    FieldError::new("row", code)
}

/// Walks the file's data rows, deciding each one; `visit` receives the decisions in order.
pub(super) fn walk(
    conn: &Connection,
    src: &Source,
    mapping: &Mapping,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64),
    visit: &mut dyn FnMut(u64, &CustomerDraft, Decision) -> Result<()>,
) -> Result<()> {
    mapping.check()?;
    let today = local_date(now);
    let known = Known::load(conn)?;
    let mut codes_in_file: HashMap<String, u64> = HashMap::new();
    let mut phones_in_file: HashMap<String, u64> = HashMap::new();
    let mut done = 0u64;
    for r in src.rows().skip(1) {
        let (line, cells) = r?;
        let line = line as u64;
        let (code, draft) = row::draft(mapping, &cells);
        let balances = opening::balances(mapping, &cells);
        let mut decision = decide(
            conn,
            &known,
            code,
            &draft,
            today,
            line,
            &mut codes_in_file,
            &mut phones_in_file,
        )?;
        if let (Decision::Skip { id: Some(id) }, Ok(b)) = (&decision, &balances) {
            if opening::brings(conn, *id, b)? {
                decision = unchanged_with_balances(conn, *id, today)?;
            }
        }
        visit(line, &draft, with_balances(decision, balances))?;
        done += 1;
        if done % PROGRESS_EVERY == 0 {
            progress(done);
        }
    }
    progress(done);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn decide(
    conn: &Connection,
    known: &Known,
    code: Option<String>,
    draft: &CustomerDraft,
    today: chrono::NaiveDate,
    line: u64,
    codes_in_file: &mut HashMap<String, u64>,
    phones_in_file: &mut HashMap<String, u64>,
) -> Result<Decision> {
    let blank = CustomerDraft { allow_duplicate: true, ..CustomerDraft::default() };
    if code.is_none() && *draft == blank {
        return Ok(Decision::Skip { id: None });
    }
    if let Some(refused) = check_code(code.as_ref(), line, codes_in_file) {
        return Ok(refused);
    }
    let canon: Vec<String> = draft
        .phones
        .iter()
        .filter_map(|p| match phone::normalize(&p.raw) {
            Phone::Valid { canonical, .. } => Some(canonical),
            _ => None,
        })
        .collect();
    // The customer this row is: by code first, then by phone (only without a code: a code in
    // the file that is new to us means a new customer, even one sharing a family phone).
    let mut existing = code.as_ref().and_then(|c| known.codes.get(c).copied());
    if existing.is_none() && code.is_none() {
        for p in &canon {
            match known.phones.get(p) {
                Some(Some(id)) => {
                    existing = Some(*id);
                    break;
                }
                Some(None) => return Ok(Decision::Error(vec![row_error("phone_matches_several")])),
                None => {}
            }
        }
        for p in &canon {
            if let Some(first) = phones_in_file.get(p) {
                let mut e = row_error("duplicate_phone_in_file");
                e.field = format!("row:{first}");
                return Ok(Decision::Error(vec![e]));
            }
        }
        for p in canon {
            phones_in_file.insert(p, line);
        }
    }
    update_or_create(conn, existing, code, draft, today)
}

/// A code too long, or given already by an earlier row of the file, refuses the row.
fn check_code(
    code: Option<&String>,
    line: u64,
    codes_in_file: &mut HashMap<String, u64>,
) -> Option<Decision> {
    if let Some(c) = code {
        if row::code_too_long(c) {
            return Some(Decision::Error(vec![FieldError::new("code", "too_long")]));
        }
        if let Some(first) = codes_in_file.get(c) {
            let mut e = row_error("duplicate_code_in_file");
            e.field = format!("row:{first}");
            return Some(Decision::Error(vec![e]));
        }
        codes_in_file.insert(c.clone(), line);
    }
    None
}

/// An existing customer is updated with what the row adds (skipped when it adds nothing); a
/// new one is created.
fn update_or_create(
    conn: &Connection,
    existing: Option<i64>,
    code: Option<String>,
    draft: &CustomerDraft,
    today: chrono::NaiveDate,
) -> Result<Decision> {
    match existing {
        Some(id) => {
            let base = bulk::stored_draft(conn, id)?;
            let merged = bulk::merge(&base, draft);
            if merged == base {
                return Ok(Decision::Skip { id: Some(id) });
            }
            match bulk::prepare(&merged, today) {
                Ok(prepared) => {
                    let old_code: Option<String> = conn
                        .prepare_cached("SELECT code FROM customer WHERE id = ?1")?
                        .query_row([id], |r| r.get(0))?;
                    let before = serde_json::json!({ "draft": base, "code": old_code });
                    Ok(Decision::Update {
                        id,
                        code,
                        prepared,
                        before,
                        balances: Balances::default(),
                    })
                }
                Err(errors) => Ok(Decision::Error(errors)),
            }
        }
        None => match bulk::prepare(draft, today) {
            Ok(prepared) => Ok(Decision::Create { code, prepared, balances: Balances::default() }),
            Err(errors) => Ok(Decision::Error(errors)),
        },
    }
}

/// An existing customer whose row changes none of her details but brings balances: an update
/// that rewrites her as she is, so the balances go in (and an undo reverses them).
fn unchanged_with_balances(
    conn: &Connection,
    id: i64,
    today: chrono::NaiveDate,
) -> Result<Decision> {
    let base = bulk::stored_draft(conn, id)?;
    let code: Option<String> = conn
        .prepare_cached("SELECT code FROM customer WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(match bulk::prepare(&base, today) {
        Ok(prepared) => Decision::Update {
            id,
            code: code.clone(),
            prepared,
            before: serde_json::json!({ "draft": base, "code": code }),
            balances: Balances::default(),
        },
        Err(errors) => Decision::Error(errors),
    })
}

/// The row's balances go with the customer it creates or updates; a cell that is not an amount
/// refuses the row (with the row's other errors).
fn with_balances(
    d: Decision,
    balances: std::result::Result<Balances, Vec<FieldError>>,
) -> Decision {
    match (d, balances) {
        (Decision::Error(mut e), Err(more)) => {
            e.extend(more);
            Decision::Error(e)
        }
        (Decision::Skip { id: None }, _) => Decision::Skip { id: None },
        (_, Err(e)) => Decision::Error(e),
        (Decision::Create { code, prepared, .. }, Ok(balances)) => {
            Decision::Create { code, prepared, balances }
        }
        (Decision::Update { id, code, prepared, before, .. }, Ok(balances)) => {
            Decision::Update { id, code, prepared, before, balances }
        }
        (other, Ok(_)) => other,
    }
}
