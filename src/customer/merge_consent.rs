//! The kept record's consent after a merge. The two ledgers become one (their rows follow the
//! merge like any history); the flags the planner reads are then set from the united ledger as
//! the ledger itself sets them: the latest entry per purpose wins. Read through SQL only: the
//! ledger's module sits above this one.

use rusqlite::{params, Connection};

use crate::error::Result;

/// What each side said outside the ledger, read before the ledgers are united: a "do not
/// contact me" taken from a call's outcome, and the legacy marketing mark awaiting
/// confirmation. Both survive the merge.
pub(super) struct Before {
    refused_outside_ledger: bool,
    to_confirm: bool,
    restricted_at: Option<String>,
}

pub(super) fn before(conn: &Connection, keep: i64, from: i64) -> Result<Before> {
    Ok(conn.query_row(
        "SELECT
            max(no_contact = 1 AND restricted_at IS NULL AND coalesce((SELECT granted FROM consent
                WHERE customer_id = c.id AND purpose = 'care_calls' ORDER BY id DESC LIMIT 1), 1) = 1),
            max(consent_to_confirm),
            min(restricted_at)
         FROM customer c WHERE id IN (?1, ?2)",
        params![keep, from],
        |r| {
            Ok(Before {
                refused_outside_ledger: r.get(0)?,
                to_confirm: r.get(1)?,
                restricted_at: r.get(2)?,
            })
        },
    )?)
}

/// Sets `keep`'s consent flags from its ledger (now holding both sides' rows). A restriction
/// on either record holds for the person: processing stays restricted.
pub(super) fn recompute(conn: &Connection, keep: i64, b: &Before) -> Result<()> {
    conn.execute(
        "UPDATE customer SET
            restricted_at = coalesce(restricted_at, ?3),
            consent_to_confirm = ?2,
            care_consent = coalesce((SELECT granted FROM consent WHERE customer_id = ?1
                AND purpose = 'care_calls' ORDER BY id DESC LIMIT 1), 0),
            marketing_consent = EXISTS (SELECT 1 FROM consent k WHERE k.customer_id = ?1
                AND k.purpose <> 'care_calls' AND k.granted = 1 AND k.id = (SELECT max(id)
                FROM consent WHERE customer_id = ?1 AND purpose = k.purpose))
         WHERE id = ?1",
        params![keep, b.to_confirm, b.restricted_at],
    )?;
    conn.execute(
        "UPDATE customer SET no_contact = restricted_at IS NOT NULL OR ?2
            OR coalesce((SELECT NOT granted FROM consent WHERE customer_id = ?1
                AND purpose = 'care_calls' ORDER BY id DESC LIMIT 1), 0)
         WHERE id = ?1",
        params![keep, b.refused_outside_ledger],
    )?;
    Ok(())
}
