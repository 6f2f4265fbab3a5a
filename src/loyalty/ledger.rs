//! What the points and store-credit ledgers share: an adjustment by hand as typed, and the
//! checks every adjustment passes before anything is written.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// Points or đồng added (`+50`, `50`) or taken (`-50`) by hand, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AdjustDraft {
    pub amount: String,
    pub reason: String,
}

/// The signed amount and the reason, checked: a non-zero amount that reads, a reason written.
pub(crate) fn read_adjust(d: &AdjustDraft, money: bool) -> Result<(i64, String)> {
    let mut errors = Vec::new();
    let text = d.amount.trim();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let magnitude = if money { crate::text::money::parse_vnd(digits) } else { count(digits) };
    let amount = match magnitude {
        Some(v) if v > 0 => sign * v,
        _ => {
            errors.push(FieldError::new("amount", "amount_invalid"));
            0
        }
    };
    let reason =
        crate::text::limit_in("reason", &d.reason, crate::text::limit::REASON, &mut errors);
    if reason.is_empty() && !errors.iter().any(|e| e.field == "reason") {
        errors.push(FieldError::new("reason", "reason_required"));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok((amount, reason))
}

/// A whole number of points as typed (`1.000` and `1 000` read as a thousand); `None` if not.
pub fn count(input: &str) -> Option<i64> {
    let s: String = input.trim().chars().filter(|c| !matches!(c, '.' | ',' | ' ')).collect();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) || s.len() > 15 {
        return None;
    }
    s.parse().ok()
}

/// Refuses a customer that does not exist, or one archived, merged or erased.
pub(crate) fn live_customer(conn: &Connection, id: i64) -> Result<()> {
    let live: Option<bool> = conn
        .prepare_cached(
            "SELECT archived_at IS NULL AND merged_into IS NULL AND erased_at IS NULL
             FROM customer WHERE id = ?1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match live {
        None => Err(Error::NotFound { what: "customer", id }),
        Some(false) => Err(Error::CustomerArchived(id)),
        Some(true) => Ok(()),
    }
}

/// What a sale moved in a ledger, net, per customer (`table` and `column` are ours, never
/// input): a void writes the opposite.
pub(crate) fn net_of_sale(
    tx: &Connection,
    table: &str,
    column: &str,
    purchase_id: i64,
) -> Result<Vec<(i64, i64)>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT customer_id, sum({column}) FROM {table} WHERE purchase_id = ?1
             GROUP BY customer_id"
        ))?
        .query_map([purchase_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
