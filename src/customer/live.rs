//! The one rule for "can this customer be changed", checked by every write that names one.
//!
//! - Not in the database: `NotFound`.
//! - Merged into another record (read-only, its history moved to the kept one) or erased
//!   (an anonymous record whose personal data is gone for good): refused, whatever the write.
//! - Archived: refused for an [`Change::Edit`]; restore the customer first. A
//!   [`Change::Status`] (consent, restriction, erasure, archiving, restoring, merging) is still
//!   taken: an archived customer keeps their rights, and their record can be tidied.
//!
//! Every refusal has the code `customer_archived`: as [`Error::CustomerArchived`], or as that
//! field error on `customer_id` in forms that report their fields together.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, FieldError, Result};

/// What a write does to the customer, which decides whether an archived one may take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// Changes what the shop keeps about the customer or does with them: details,
    /// preferences, care profile, reminders, touchpoints, complaints, scores, promises, sales.
    Edit,
    /// Records the customer's choices and rights or the standing of the record: consent,
    /// restriction, erasure, archiving and restoring, merging.
    Status,
}

/// Fails unless customer `id` may take `change` (see the module's rule).
pub(crate) fn ensure_live(conn: &Connection, id: i64, change: Change) -> Result<()> {
    let state: Option<(bool, bool)> = conn
        .prepare_cached(
            "SELECT merged_into IS NOT NULL OR erased_at IS NOT NULL, archived_at IS NOT NULL
             FROM customer WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match state {
        None => Err(Error::NotFound { what: "customer", id }),
        Some((true, _)) => Err(Error::CustomerArchived(id)),
        Some((false, true)) if change == Change::Edit => Err(Error::CustomerArchived(id)),
        Some(_) => Ok(()),
    }
}

/// [`ensure_live`] for a form: a refusal becomes a field error on `customer_id`
/// (`customer_unknown`, `customer_archived`) and `false`.
pub(crate) fn check_live(
    conn: &Connection,
    id: i64,
    change: Change,
    errors: &mut Vec<FieldError>,
) -> Result<bool> {
    let code = match ensure_live(conn, id, change) {
        Ok(()) => return Ok(true),
        Err(Error::NotFound { .. }) => "customer_unknown",
        Err(Error::CustomerArchived(_)) => "customer_archived",
        Err(e) => return Err(e),
    };
    errors.push(FieldError::new("customer_id", code));
    Ok(false)
}
