//! Possible duplicates of a draft: the same canonical phone, or the same folded name with the
//! same birthday. Families share phones, so these are suggestions, never constraints.

use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::draft::Valid;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateMatch {
    #[ts(type = "number")]
    pub id: i64,
    pub full_name: String,
    pub greeting: String,
    /// Display form (`0912 345 678`).
    pub primary_phone: Option<String>,
    /// `phone` or `name_birthday`.
    pub reason: String,
    pub archived: bool,
}

pub(super) fn find(
    conn: &Connection,
    draft: &Valid,
    editing: Option<i64>,
) -> Result<Vec<DuplicateMatch>> {
    let mut ids: Vec<(i64, &'static str)> = Vec::new();
    let mut by_phone = conn.prepare_cached(
        "SELECT DISTINCT p.customer_id FROM customer_phone p JOIN customer c ON c.id = p.customer_id
         WHERE p.canonical = ?1 AND +c.merged_into IS NULL",
    )?;
    for p in &draft.phones {
        for id in by_phone.query_map([&p.canonical], |r| r.get::<_, i64>(0))? {
            ids.push((id?, "phone"));
        }
    }
    if let Some(b) = draft.birthday {
        let mut by_name = conn.prepare_cached(
            "SELECT id FROM customer WHERE folded_name = ?1 AND birthday = ?2 AND +merged_into IS NULL",
        )?;
        for id in
            by_name.query_map(params![draft.folded_name, b.to_sql()], |r| r.get::<_, i64>(0))?
        {
            ids.push((id?, "name_birthday"));
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (id, reason) in ids {
        if Some(id) == editing || !seen.insert(id) {
            continue;
        }
        let (full_name, greeting, archived) = super::read::summary(conn, id)?;
        out.push(DuplicateMatch {
            id,
            full_name,
            greeting,
            primary_phone: super::read::phones(conn, id)?
                .into_iter()
                .find(|p| p.is_primary)
                .map(|p| p.display),
            reason: reason.to_owned(),
            archived,
        });
    }
    Ok(out)
}
