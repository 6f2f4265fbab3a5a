//! After the sale, the relationship: every touchpoint on a customer's timeline, complaints as
//! cases with service targets, feedback scores and promises. The figures the owner watches
//! are `report`.

pub mod complaint;
pub mod interaction;
pub mod promise;
pub mod score;
pub mod service;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{FieldError, Result};

pub const MAX_TEXT: usize = 2000;

/// What a touchpoint, a complaint or a score is about: one of the customer's sales or claims.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Link {
    #[ts(type = "number | null")]
    pub purchase_id: Option<i64>,
    #[ts(type = "number | null")]
    pub claim_id: Option<i64>,
}

impl Link {
    /// The linked sale and claim must exist and belong to this customer.
    pub(crate) fn check(
        &self,
        conn: &Connection,
        customer: i64,
        errors: &mut Vec<FieldError>,
    ) -> Result<()> {
        for (field, sql, id) in [
            ("purchase_id", "SELECT customer_id FROM purchase WHERE id = ?1", self.purchase_id),
            ("claim_id", "SELECT customer_id FROM claim WHERE id = ?1", self.claim_id),
        ] {
            let Some(id) = id else { continue };
            let owner: Option<Option<i64>> =
                conn.prepare_cached(sql)?.query_row([id], |r| r.get(0)).optional()?;
            match owner {
                None => errors.push(FieldError::new(field, "unknown")),
                Some(o) if o != Some(customer) => {
                    errors.push(FieldError::new(field, "other_customer"))
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

/// Free text as stored: trimmed, NFC, refused beyond `MAX_TEXT` characters.
pub(crate) fn text_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> String {
    crate::text::limit_in(field, input, MAX_TEXT, errors)
}

/// A name typed in a form (an owner, who served, who approved): trimmed, NFC, at most
/// [`crate::text::limit::NAME`] characters.
pub(crate) fn name_field(input: &str, field: &str, errors: &mut Vec<FieldError>) -> String {
    crate::text::limit_in(field, input, crate::text::limit::NAME, errors)
}

/// A required customer that may be changed (`customer::check_live`), as a field error otherwise.
pub(crate) fn live_customer(
    conn: &Connection,
    id: Option<i64>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<i64>> {
    let Some(id) = id else {
        errors.push(FieldError::new("customer_id", "required"));
        return Ok(None);
    };
    let live = crate::customer::check_live(conn, id, crate::customer::Change::Edit, errors)?;
    Ok(live.then_some(id))
}
