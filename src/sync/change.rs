//! One change as it travels between a site and the hub. The hub stores and forwards these; it
//! never interprets `data` beyond what row-level security and erasure need.

use serde::{Deserialize, Serialize};

use serde_json::{Map, Value as Json};

use super::hlc::Hlc;
use super::spec::{self, Entity};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The site (store code) that made the change; a site may only push its own.
    pub site: String,
    /// Per-site sequence, 1, 2, 3… with no gaps: pushes are idempotent by (site, seq) and each
    /// site pulls every other site's changes by its own cursor per site.
    pub seq: i64,
    pub hlc: Hlc,
    /// What kind of record, e.g. `customer`, `customer_phone`, `sale`, `claim_event`.
    pub entity: String,
    /// The record's chain-wide key (a UUIDv7 string).
    pub key: String,
    pub op: ChangeOp,
    /// `Fields`: the fields set by this change (field → new value); `Fact`: the whole record;
    /// `Redact`: empty. References to other records are their chain-wide keys, never local ids.
    pub data: serde_json::Map<String, serde_json::Value>,
    /// The customer this change concerns, if any: erasure redacts by it everywhere.
    pub customer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    /// A mutable record's fields: last writer wins per field, by `hlc`.
    Fields,
    /// An append-only fact (sale, claim event, consent entry…): applied once, by `key`.
    Fact,
    /// The customer `key` was erased: every earlier change concerning them loses its personal
    /// data at every site and in the hub.
    Redact,
}

/// Records that are nothing but a customer's personal data: nothing of them is kept once she
/// is erased.
pub const ERASED_WHOLE: &[&str] = &["customer_phone", "preference"];

impl Change {
    /// What may stay of this change once its customer is erased: the fields the spec knows,
    /// personal ones blanked as erasure leaves them; nothing of a record that is only her data,
    /// or of one the spec does not know. The hub keeps it to put in place of `data` (Law 91:
    /// her personal data goes, her sales and warranty facts stay, anonymous).
    pub fn redacted(&self) -> Map<String, Json> {
        let Some(e) = spec::by_name(&self.entity) else { return Map::new() };
        if ERASED_WHOLE.contains(&e.name) || self.op == ChangeOp::Redact {
            return Map::new();
        }
        let known = |f: &str| {
            f == "deleted" || e.fields.contains(&f) || e.sets.iter().any(|(s, ..)| *s == f)
        };
        let mut data: Map<String, Json> = self
            .data
            .iter()
            .filter(|(f, _)| known(f))
            .map(|(f, v)| (f.clone(), v.clone()))
            .collect();
        blank_personal(e, &mut data);
        data
    }
}

/// What erasure leaves in a personal field (the spec's SQL literal as a JSON value).
pub fn blank(literal: &str) -> Json {
    if literal == "json('[]')" {
        return Json::Array(Vec::new());
    }
    match literal.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        Some(text) => Json::String(text.replace("''", "'")),
        None => Json::Null,
    }
}

pub fn blank_personal(e: &Entity, data: &mut Map<String, Json>) {
    for (f, literal) in e.personal {
        if let Some(v) = data.get_mut(*f) {
            *v = blank(literal);
        }
    }
}
