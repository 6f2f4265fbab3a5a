//! Win-back: customers silent for longer than the rule allows, neither buying nor contacted.

use chrono::Duration;

use super::upsert::ELIGIBLE;
use super::{first_offset, Planner};
use crate::care::rule::CareRule;
use crate::clock::day_start;
use crate::error::Result;

impl Planner<'_> {
    /// Customers whose silence reaches the rule's days within the window.
    pub(super) fn win_back(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let pf = self.customer_filter("p.customer_id");
        let (from, to) = self.window(rule.kind);
        // Silent since the later of the last live purchase and the last contact: the
        // candidates are the customers active on the days whose silence ends in the
        // window; their last purchase and count come from the covering index.
        let cf2 = self.customer_filter("c2.id");
        let candidates = format!(
            "SELECT cid, '' AS subj, NULL AS sid, 'win_back:c' || cid || ':' || last AS occ,
                date(last, '+' || :off || ' days') AS due
             FROM (SELECT c.id AS cid, max(date(s.lastp, '+7 hours'),
                     coalesce(date(c.last_contact_at, '+7 hours'), '')) AS last
                   FROM (SELECT p.customer_id AS pc, max(p.sold_at) AS lastp, count(*) AS n
                         FROM purchase p
                         WHERE p.voided_at IS NULL AND p.customer_id IS NOT NULL AND p.customer_id IN
                             (SELECT p.customer_id FROM purchase p
                               WHERE p.voided_at IS NULL AND p.customer_id IS NOT NULL
                                 AND p.sold_at >= :active_from AND p.sold_at < :active_to{pf}
                              UNION
                              SELECT c2.id FROM customer c2 WHERE c2.last_contact_at >= :active_from
                                 AND c2.last_contact_at < :active_to{cf2})
                         GROUP BY p.customer_id HAVING count(*) >= :min_purchases) s
                   JOIN customer c ON c.id = s.pc
                   WHERE {ELIGIBLE})"
        );
        let min = i64::from(rule.params.min_purchases.max(1));
        let active_from = day_start(from - Duration::days(first));
        let active_to = day_start(to - Duration::days(first) + Duration::days(1));
        self.upsert(
            rule.kind,
            &candidates,
            &[
                (":off", &first),
                (":min_purchases", &min),
                (":promo", &promo),
                (":active_from", &active_from),
                (":active_to", &active_to),
            ],
        )?;
        Ok(())
    }
}
