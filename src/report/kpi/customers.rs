//! The figures of sales and customers: activity, newcomers, repeat buyers, retention, the
//! customers at risk of lapsing and lifetime value.

use std::collections::{BTreeMap, HashMap};

use chrono::Duration;
use rusqlite::{params, Connection};

use super::{count, pct, Kpis, Period, TopCustomer, AT_RISK_FROM, AT_RISK_TO};
use crate::clock::day_start;
use crate::error::Result;

/// Live sales per customer over instant ranges, each range read once per dashboard (the
/// previous period's figures need the ranges the current one already read).
#[derive(Default)]
pub(super) struct Buyers {
    ranges: BTreeMap<Range, std::rc::Rc<HashMap<i64, u32>>>,
}

/// From, to (instants), and the store (`None`: all stores).
type Range = (String, String, Option<String>);

impl Buyers {
    fn between(
        &mut self,
        conn: &Connection,
        from: &str,
        to: &str,
        store: Option<&str>,
    ) -> Result<std::rc::Rc<HashMap<i64, u32>>> {
        let key = (from.to_owned(), to.to_owned(), store.map(str::to_owned));
        if let Some(m) = self.ranges.get(&key) {
            return Ok(m.clone());
        }
        let mut stmt = conn.prepare_cached(match store {
            None => {
                "SELECT customer_id FROM purchase INDEXED BY purchase_live_sold
                 WHERE voided_at IS NULL AND customer_id IS NOT NULL AND sold_at >= ?1 AND sold_at < ?2
                    AND ?3 IS NULL"
            }
            Some(_) => {
                "SELECT customer_id FROM purchase INDEXED BY purchase_store_sold
                 WHERE store = ?3 AND voided_at IS NULL AND sold_at >= ?1 AND sold_at < ?2
                    AND customer_id IS NOT NULL"
            }
        })?;
        let mut rows = stmt.query(params![from, to, store])?;
        let mut out: HashMap<i64, u32> = HashMap::new();
        while let Some(r) = rows.next()? {
            *out.entry(r.get(0)?).or_default() += 1;
        }
        let out = std::rc::Rc::new(out);
        self.ranges.insert(key, out.clone());
        Ok(out)
    }
}

/// Customers whose last live sale, as of the period's end, was 90 to 180 days before it.
/// At one store: by the customers' sales there.
fn at_risk(conn: &Connection, p: &Period, store: Option<&str>, buyers: &mut Buyers) -> Result<i64> {
    let end_day = p.to + Duration::days(1);
    let (from, to, end) = (
        day_start(end_day - Duration::days(AT_RISK_TO)),
        day_start(end_day - Duration::days(AT_RISK_FROM)),
        p.end(),
    );
    let later: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM purchase INDEXED BY purchase_live_sold
                WHERE voided_at IS NULL AND customer_id IS NOT NULL AND sold_at >= ?1)",
        )?
        .query_row([&end], |r| r.get(0))?;
    if !later && store.is_none() {
        // No sale after the end (the usual case: a period up to today): each customer's last
        // sale is the one the running figures hold.
        return count(
            conn,
            "SELECT count(*) FROM customer_value WHERE last_at >= ?1 AND last_at < ?2",
            params![from, to],
        );
    }
    let risky = buyers.between(conn, &from, &to, store)?;
    let since = buyers.between(conn, &to, &end, store)?;
    Ok(risky.keys().filter(|c| !since.contains_key(c)).count() as i64)
}

/// Sales, active and new customers, repeat purchase, retention and those at risk.
pub(super) fn sales_and_customers(
    conn: &Connection,
    p: &Period,
    store: Option<&str>,
    buyers: &mut Buyers,
    k: &mut Kpis,
) -> Result<()> {
    let (a, b) = (p.start(), p.end());
    let prev = p.previous();
    let (from_d, to_d) = (p.from.to_string(), p.to.to_string());
    let sums = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?));
    // All stores read the running daily figures; one store sums its own sales.
    (k.purchases, k.revenue) = match store {
        None => conn
            .prepare_cached(
                "SELECT coalesce(sum(purchases), 0), coalesce(sum(revenue), 0) FROM daily_sales
                 WHERE day BETWEEN ?1 AND ?2",
            )?
            .query_row(params![from_d, to_d], sums)?,
        Some(s) => conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(total), 0) FROM purchase INDEXED BY purchase_store_sold
                 WHERE store = ?3 AND voided_at IS NULL AND sold_at >= ?1 AND sold_at < ?2",
            )?
            .query_row(params![a, b, s], sums)?,
    };
    let current = buyers.between(conn, &a, &b, store)?;
    k.active_customers = current.len() as i64;
    // New customers: their first live sale falls in the period. Every other buyer of the
    // period bought before it too, so is a repeat buyer; a new one is if they bought twice.
    let new: Vec<i64> = conn
        .prepare_cached(
            "SELECT customer_id FROM customer_value INDEXED BY customer_value_first
             WHERE first_at >= ?1 AND first_at < ?2",
        )?
        .query_map(params![a, b], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // At one store: the chain's newcomers it served.
    let new: Vec<i64> = match store {
        None => new,
        Some(_) => new.into_iter().filter(|c| current.contains_key(c)).collect(),
    };
    k.new_customers = new.len() as i64;
    let new_once = new.iter().filter(|c| current.get(c).copied().unwrap_or(0) < 2).count() as i64;
    k.repeat_purchase_rate = pct(k.active_customers - new_once, k.active_customers);
    // Retention: the previous period's customers met again.
    let before = buyers.between(conn, &prev.start(), &prev.end(), store)?;
    let kept = before.keys().filter(|c| current.contains_key(c)).count() as i64;
    k.retention_rate = pct(kept, before.len() as i64);
    k.at_risk_customers = at_risk(conn, p, store, buyers)?;
    Ok(())
}

/// Live sales per customer to date: the average over buyers and the top five.
pub(super) fn lifetime_value(conn: &Connection, k: &mut Kpis) -> Result<()> {
    let (buyers, total): (i64, i64) = conn
        .prepare_cached("SELECT buyers, value FROM customer_value_total WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    k.clv_avg = (buyers > 0).then(|| total / buyers);
    k.clv_top = conn
        .prepare_cached(
            "SELECT v.customer_id, c.full_name, v.value FROM customer_value v INDEXED BY customer_value_value
             JOIN customer c ON c.id = v.customer_id ORDER BY v.value DESC LIMIT 5",
        )?
        .query_map([], |r| Ok(TopCustomer { id: r.get(0)?, name: r.get(1)?, value: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}
