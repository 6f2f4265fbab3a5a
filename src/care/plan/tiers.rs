//! A member tier reached (issue 17): a congratulation the day after. The tier cache
//! (`customer_tier`, rebuilt by the loyalty re-rank) says since when she holds her tier; she
//! *reached* it (rather than fell to it) when her live spend over the 12 months before that day
//! was under the tier's threshold. Read with SQL: the planner sits below `loyalty`.

use super::upsert::ELIGIBLE;
use super::{first_offset, Planner};
use crate::care::rule::CareRule;
use crate::error::Result;

impl Planner<'_> {
    /// Customers whose tier, above the first, began on a day that puts the reminder in the
    /// window.
    pub(super) fn tier_reached(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let cf = self.customer_filter("ct.customer_id");
        let (from, to) = self.window(rule.kind);
        let since_from = (from - chrono::Duration::days(first)).to_string();
        let since_to = (to - chrono::Duration::days(first)).to_string();
        // Spend before `since`: the live sales of the 365 days up to the day before, in shop
        // days (UTC+7), as the re-rank counts them.
        let candidates = format!(
            "SELECT ct.customer_id AS cid, 'member_tier' AS subj, ct.tier_id AS sid,
                'tier_reached:c' || ct.customer_id || ':t' || ct.tier_id || ':' || ct.since AS occ,
                date(ct.since, '+' || :off || ' days') AS due
             FROM customer_tier ct JOIN member_tier t ON t.id = ct.tier_id
             JOIN customer c ON c.id = ct.customer_id
             WHERE t.position > 0 AND date(ct.since) BETWEEN :since_from AND :since_to{cf}
               AND {ELIGIBLE}
               AND (SELECT coalesce(sum(p.total), 0) FROM purchase p
                    WHERE p.customer_id = ct.customer_id AND p.voided_at IS NULL
                      AND p.sold_at >= strftime('%Y-%m-%dT%H:%M:%SZ', ct.since, '-365 days', '-7 hours')
                      AND p.sold_at < strftime('%Y-%m-%dT%H:%M:%SZ', ct.since, '-7 hours'))
                   < t.min_spend"
        );
        self.upsert(
            rule.kind,
            &candidates,
            &[
                (":off", &first),
                (":promo", &promo),
                (":since_from", &since_from),
                (":since_to", &since_to),
            ],
        )?;
        Ok(())
    }
}
