//! The owner edits the tiers: names, thresholds, discount and birthday voucher. At least one
//! tier, the first from 0 ₫, thresholds strictly increasing; everyone is re-ranked at once.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::tier::{self, Tier};
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

pub const MAX_TIERS: usize = 10;
const MAX_NAME: usize = 50;

/// The tiers as they will be stored, or every field error (`tiers.<i>.<field>`).
fn check(tiers: &[Tier]) -> Result<Vec<Tier>> {
    let mut errors = Vec::new();
    if tiers.is_empty() || tiers.len() > MAX_TIERS {
        errors.push(FieldError::new("tiers", "tiers_count"));
    }
    let mut out = Vec::new();
    for (i, t) in tiers.iter().enumerate() {
        let field = |f: &str| format!("tiers.{i}.{f}");
        let name = crate::text::limit_in(&field("name"), &t.name, MAX_NAME, &mut errors);
        if name.is_empty() && !errors.iter().any(|e| e.field == field("name")) {
            errors.push(FieldError::new(&field("name"), "required"));
        }
        if i == 0 && t.min_spend != 0 {
            errors.push(FieldError::new(&field("min_spend"), "tier_first_zero"));
        }
        if i > 0 && t.min_spend <= tiers[i - 1].min_spend {
            errors.push(FieldError::new(&field("min_spend"), "tier_not_increasing"));
        }
        if !(0..=100).contains(&t.discount_pct) {
            errors.push(FieldError::new(&field("discount_pct"), "out_of_range"));
        }
        if !(0..=1_000_000_000).contains(&t.birthday_voucher) {
            errors.push(FieldError::new(&field("birthday_voucher"), "out_of_range"));
        }
        out.push(Tier { name, ..t.clone() });
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(out)
}

/// Removes the tiers no longer listed; refused for one a past sale's tender names.
fn remove_dropped(tx: &Connection, keep: &[i64]) -> Result<()> {
    for old in tier::list(tx)? {
        let Some(id) = old.id.filter(|id| !keep.contains(id)) else { continue };
        let used: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM purchase_tender WHERE tier_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if used {
            return Err(Error::invalid("tiers", "tier_in_use"));
        }
        tx.execute("DELETE FROM customer_tier WHERE tier_id = ?1", [id])?;
        tx.execute("DELETE FROM member_tier WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Saves the tiers in order, with one audit row, and re-ranks everyone.
pub fn save(db: &mut Db, tiers: &[Tier], staff: &str, now: DateTime<Utc>) -> Result<Vec<Tier>> {
    let tiers = check(tiers)?;
    db.write(|tx| {
        let existing: Vec<i64> = tier::list(tx)?.iter().filter_map(|t| t.id).collect();
        let keep: Vec<i64> =
            tiers.iter().filter_map(|t| t.id).filter(|id| existing.contains(id)).collect();
        remove_dropped(tx, &keep)?;
        // Out of the way first: `position` is unique.
        tx.execute("UPDATE member_tier SET position = -1 - position", [])?;
        for (pos, t) in tiers.iter().enumerate() {
            let id = t.id.filter(|id| keep.contains(id));
            tx.execute(
                "INSERT INTO member_tier(id, position, name, min_spend, discount_pct,
                    birthday_voucher, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET position = excluded.position,
                    name = excluded.name, min_spend = excluded.min_spend,
                    discount_pct = excluded.discount_pct,
                    birthday_voucher = excluded.birthday_voucher, updated_at = excluded.updated_at",
                params![
                    id,
                    pos as i64,
                    t.name,
                    t.min_spend,
                    t.discount_pct,
                    t.birthday_voucher,
                    stamp(now)
                ],
            )?;
        }
        let detail = serde_json::to_value(&tiers).map_err(|e| Error::Io(e.into()))?;
        crate::audit::record(tx, now, staff, "save", "member_tier", 0, detail)?;
        tier::rank_all(tx, now).map(|_| ())
    })?;
    tier::list(db.conn())
}
