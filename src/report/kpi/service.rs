//! The figures of service: complaint times against their targets, warranty claims, and
//! reminders and promises kept.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{count, median, pct, round1, Kpis, Period};
use crate::clock::{local_date, stamp};
use crate::error::Result;

/// Response and resolution times of the complaints opened in the period, and the SLA met.
pub(super) fn complaint_times(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
    now: DateTime<Utc>,
    k: &mut Kpis,
) -> Result<()> {
    let (a, b) = (p.start(), p.end());
    let now_s = stamp(now);
    let mut responses = Vec::new();
    let mut resolutions = Vec::new();
    let (mut decided, mut met) = (0, 0);
    {
        let mut stmt = conn.prepare_cached(
            "SELECT response_minutes, resolution_minutes, first_response_at, resolved_at, respond_by, resolve_by
             FROM complaint WHERE opened_at >= ?1 AND opened_at < ?2 AND (?3 IS NULL OR store = ?3)",
        )?;
        let mut rows = stmt.query(params![a, b, store])?;
        while let Some(r) = rows.next()? {
            k.complaints_opened += 1;
            let (rm, sm): (Option<i64>, Option<i64>) = (r.get(0)?, r.get(1)?);
            let (first, resolved): (Option<String>, Option<String>) = (r.get(2)?, r.get(3)?);
            let (respond_by, resolve_by): (String, String) = (r.get(4)?, r.get(5)?);
            responses.extend(rm);
            resolutions.extend(sm);
            let response_late = first.as_deref().unwrap_or(&now_s) > respond_by.as_str();
            let resolution_late = resolved.as_deref().unwrap_or(&now_s) > resolve_by.as_str();
            if resolved.is_some() || response_late || resolution_late {
                decided += 1;
                if !response_late && !resolution_late {
                    met += 1;
                }
            }
        }
    }
    k.median_response_minutes = median(responses);
    k.median_resolution_minutes = median(resolutions);
    k.sla_met_pct = pct(met, decided);
    Ok(())
}

/// Claims received per warranty unit sold, and their turnaround.
pub(super) fn claims(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
    k: &mut Kpis,
) -> Result<()> {
    let (from_d, to_d) = (p.from.to_string(), p.to.to_string());
    k.claims_received = count(
        conn,
        "SELECT count(*) FROM claim WHERE received_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR store = ?3)",
        params![from_d, to_d, store],
    )?;
    let units = match store {
        None => count(
            conn,
            "SELECT count(*) FROM unit INDEXED BY unit_warranty_start WHERE warranty_months > 0
                AND warranty_start BETWEEN ?1 AND ?2",
            params![from_d, to_d],
        )?,
        // Units sold by the store: through the sale of their line.
        Some(s) => count(
            conn,
            "SELECT count(*) FROM unit u INDEXED BY unit_warranty_start
                JOIN purchase_line l ON l.id = u.line_id JOIN purchase p ON p.id = l.purchase_id
             WHERE u.warranty_months > 0 AND u.warranty_start BETWEEN ?1 AND ?2 AND p.store = ?3",
            params![from_d, to_d, s],
        )?,
    };
    k.claim_rate = pct(k.claims_received, units);
    k.claim_turnaround_days = conn
        .prepare_cached(
            "SELECT avg(julianday(closed_on) - julianday(received_on)) FROM claim
             WHERE closed_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR store = ?3)",
        )?
        .query_row(params![from_d, to_d, store], |r| r.get::<_, Option<f64>>(0))?
        .map(round1);
    (k.claim_fees, k.claim_costs) = conn
        .prepare_cached(
            "SELECT coalesce(sum(fee_charged), 0), coalesce(sum(internal_cost), 0) FROM claim
             WHERE closed_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR store = ?3)",
        )?
        .query_row(params![from_d, to_d, store], |r| Ok((r.get(0)?, r.get(1)?)))?;
    k.loans_out = count(
        conn,
        "SELECT count(*) FROM claim WHERE loan_lent_on <= ?1
            AND (loan_returned_on IS NULL OR loan_returned_on > ?1) AND (?2 IS NULL OR store = ?2)",
        params![to_d, store],
    )?;
    Ok(())
}

/// Reminders done on time and promises kept.
pub(super) fn reminders_and_promises(
    conn: &Connection,
    p: &Period,
    now: DateTime<Utc>,
    k: &mut Kpis,
) -> Result<()> {
    let (a, b) = (p.start(), p.end());
    let (from_d, to_d) = (p.from.to_string(), p.to.to_string());
    let (done, on_time): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(date(closed_at, '+7 hours') <= due_on), 0) FROM reminder
             WHERE closed_at >= ?1 AND closed_at < ?2 AND status = 'done'",
        )?
        .query_row(params![a, b], |r| Ok((r.get(0)?, r.get(1)?)))?;
    k.reminders_done = done;
    k.reminders_on_time_pct = pct(on_time, done);

    let today = local_date(now).to_string();
    let (due, kept_promises): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(status = 'kept'), 0) FROM promise
             WHERE due_on BETWEEN ?1 AND ?2 AND status <> 'cancelled' AND (status <> 'open' OR due_on < ?3)",
        )?
        .query_row(params![from_d, to_d, today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    k.promises_due = due;
    k.promises_kept_pct = pct(kept_promises, due);
    Ok(())
}
