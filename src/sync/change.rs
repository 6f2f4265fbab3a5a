//! One change as it travels between a site and the hub. The hub stores and forwards these; it
//! never interprets `data` beyond what row-level security and erasure need.

use serde::{Deserialize, Serialize};

use super::hlc::Hlc;

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
