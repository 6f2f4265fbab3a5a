//! The figures of what customers say: NPS, CSAT and CES, and first-contact resolution.

use rusqlite::{params, Connection};

use super::{pct, round1, score_counts, Kpis, Period};
use crate::error::Result;

/// NPS, CSAT and CES from the scores given in the period.
pub(super) fn scores(conn: &Connection, p: &Period, k: &mut Kpis) -> Result<()> {
    let scores = score_counts(conn, p)?;
    let sum_where = |metric: &str, f: &dyn Fn(i64) -> bool| -> i64 {
        scores.iter().filter(|((m, s), _)| m == metric && f(*s)).map(|(_, n)| *n).sum()
    };
    k.nps_responses = sum_where("nps", &|_| true);
    k.nps = (k.nps_responses > 0).then(|| {
        let promoters = sum_where("nps", &|s| s >= 9);
        let detractors = sum_where("nps", &|s| s <= 6);
        round1(100.0 * (promoters - detractors) as f64 / k.nps_responses as f64)
    });
    k.csat_responses = sum_where("csat", &|_| true);
    k.csat_pct = pct(sum_where("csat", &|s| s >= 4), k.csat_responses);
    k.ces_responses = sum_where("ces", &|_| true);
    let ces_total: i64 =
        scores.iter().filter(|((m, _), _)| m == "ces").map(|((_, s), n)| s * n).sum();
    k.ces_avg = (k.ces_responses > 0)
        .then(|| (100.0 * ces_total as f64 / k.ces_responses as f64).round() / 100.0);
    Ok(())
}

/// Contacts logged in the period, and the share settled at first contact.
pub(super) fn contacts(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
    k: &mut Kpis,
) -> Result<()> {
    let (from_d, to_d) = (p.from.to_string(), p.to.to_string());
    let row = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
    // All stores read the running daily figures; one store counts its own contacts.
    let (n, fcr_asked, fcr_yes): (i64, i64, i64) = match store {
        None => conn
            .prepare_cached(
                "SELECT coalesce(sum(interactions), 0), coalesce(sum(fcr_asked), 0), coalesce(sum(fcr_yes), 0)
                 FROM daily_contact WHERE day BETWEEN ?1 AND ?2",
            )?
            .query_row(params![from_d, to_d], row)?,
        Some(s) => conn
            .prepare_cached(
                "SELECT count(*), count(resolved_first), coalesce(sum(resolved_first), 0)
                 FROM interaction WHERE at >= ?1 AND at < ?2 AND store = ?3",
            )?
            .query_row(params![p.start(), p.end(), s], row)?,
    };
    k.interactions = n;
    k.fcr_pct = pct(fcr_yes, fcr_asked);
    Ok(())
}
