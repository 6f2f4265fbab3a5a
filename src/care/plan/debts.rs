//! What a customer still owes, sale by sale, and the reminder when a part of it falls due.
//! Payments are not tied to a sale: they pay the oldest sale's debt first, so the part still
//! unpaid is always the newest, and "due" follows the oldest sale not yet paid. A voided sale's
//! reversal cancels only its own remainder. `loyalty::debt` reads the same query (care sits
//! below loyalty and reads `debt_entry` with SQL only).

use super::upsert::eligible;
use super::{first_offset, Planner};
use crate::care::rule::CareRule;
use crate::error::Result;

/// The charges (sales left owing, opening balances) not yet paid, one row each: `cid`, `id`
/// (the entry), `pid` (its sale), `at`, `due_on` (ISO), `left` (đồng still owed on it).
/// `filter` narrows the customers (`" AND d.customer_id = :cid"` or empty), on both the
/// charges and the payments; the alias is `d` in both.
pub fn unpaid_sql(filter: &str) -> String {
    format!(
        "WITH charge AS (
            SELECT d.customer_id AS cid, d.id, d.purchase_id AS pid, d.at,
                coalesce(d.due_on, date(d.at, '+7 hours')) AS due_on,
                d.amount + coalesce((SELECT sum(r.amount) FROM debt_entry r
                    WHERE r.kind = 'reverse' AND r.purchase_id = d.purchase_id
                        AND r.customer_id = d.customer_id), 0) AS net
            FROM debt_entry d WHERE d.kind IN ('sale', 'opening'){filter}),
        paid AS (SELECT d.customer_id AS cid, -sum(d.amount) AS p FROM debt_entry d
            WHERE d.kind = 'payment'{filter} GROUP BY d.customer_id),
        run AS (SELECT c.*, sum(c.net) OVER (PARTITION BY c.cid ORDER BY c.at, c.id)
                - coalesce(p.p, 0) AS after
            FROM charge c LEFT JOIN paid p ON p.cid = c.cid)
        SELECT cid, id, pid, at, due_on, min(net, after) AS left FROM run
        WHERE after > 0 AND net > 0"
    )
}

impl Planner<'_> {
    /// A debt falls due: one reminder per sale still unpaid on its day (some days after when
    /// the rule says so); a payment that clears the sale removes it at the re-plan.
    pub(super) fn debt_due(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let filter = self.customer_filter("d.customer_id");
        let (join, reach) = eligible("u.cid", rule.kind, promo);
        let candidates = format!(
            "SELECT u.cid AS cid, iif(u.pid IS NULL, '', 'purchase') AS subj, u.pid AS sid,
                'debt_due:d' || u.id || ':' || u.due_on AS occ,
                date(u.due_on, '+' || :off || ' days') AS due
             FROM ({unpaid}) u{join} WHERE {reach}",
            unpaid = unpaid_sql(&filter)
        );
        self.upsert(rule.kind, &candidates, &[(":off", &first), (":promo", &promo)])?;
        Ok(())
    }
}
