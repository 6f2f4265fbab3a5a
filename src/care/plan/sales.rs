//! Care after a sale: the thank-you and check-in calls, a warranty about to end, and the
//! re-purchase of products that run out.

use chrono::Duration;

use super::upsert::eligible;
use super::{first_offset, iso, Planner};
use crate::care::rule::{CareRule, RuleKind};
use crate::clock::day_start;
use crate::error::Result;

impl Planner<'_> {
    /// Thank-you and check-in calls, a number of days after each live sale (for a check-in,
    /// per product category when the rule says so).
    pub(super) fn purchase_follow_up(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let pf = self.customer_filter("p.customer_id");
        let (from, to) = self.window(rule.kind);
        let by_category = serde_json::to_string(&rule.params.by_category).unwrap_or_default();
        let offsets = rule.params.by_category.values().map(|d| i64::from(*d)).chain([first]);
        let (min, max) = (offsets.clone().min().unwrap_or(first), offsets.max().unwrap_or(first));
        let offset = if rule.kind == RuleKind::CheckIn && !rule.params.by_category.is_empty() {
            "coalesce((SELECT min(j.value) FROM purchase_line l JOIN product pr ON pr.id = l.product_id
                JOIN json_each(:by_category) j ON j.key = pr.category WHERE l.purchase_id = p.id), :off)"
        } else {
            ":off"
        };
        let (join, reach) = eligible("p.customer_id", rule.kind, promo);
        let candidates = format!(
            "SELECT p.customer_id AS cid, 'purchase' AS subj, p.id AS sid,
                '{code}:p' || p.id AS occ,
                date(p.sold_at, '+7 hours', '+' || {offset} || ' days') AS due
             FROM purchase p{join}
             WHERE p.voided_at IS NULL AND p.sold_at >= :sold_from AND p.sold_at < :sold_to
                AND p.customer_id IS NOT NULL AND {reach}{pf}",
            code = rule.kind.code()
        );
        let sold_from = day_start(from - Duration::days(max));
        let sold_to = day_start(to - Duration::days(min) + Duration::days(1));
        self.upsert(
            rule.kind,
            &candidates,
            &[
                (":off", &first),
                (":by_category", &by_category),
                (":sold_from", &sold_from),
                (":sold_to", &sold_to),
                (":promo", &promo),
            ],
        )?;
        Ok(())
    }

    /// Units whose warranty ends, once per offset before the end.
    pub(super) fn warranty_expiring(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let uf = self.customer_filter("u.customer_id");
        let (from, to) = self.window(rule.kind);
        let (join, reach) = eligible("u.customer_id", rule.kind, promo);
        for o in &rule.params.offsets {
            let o = i64::from(*o);
            let candidates = format!(
                "SELECT u.customer_id AS cid, 'unit' AS subj, u.id AS sid,
                    'warranty_expiring:u' || u.id || ':' || u.warranty_end || ':' || :o AS occ,
                    date(u.warranty_end, '-' || :o || ' days') AS due
                 FROM unit u{join}
                 WHERE u.status = 'sold' AND u.warranty_months > 0 AND u.customer_id IS NOT NULL
                    AND u.warranty_end BETWEEN :end_from AND :end_to AND {reach}{uf}"
            );
            let end_from = iso(from + Duration::days(o));
            let end_to = iso(to + Duration::days(o));
            self.upsert(
                rule.kind,
                &candidates,
                &[(":o", &o), (":end_from", &end_from), (":end_to", &end_to), (":promo", &promo)],
            )?;
        }
        Ok(())
    }

    /// Lines of products bought again at an interval, not bought again since.
    pub(super) fn repurchase(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let pf = self.customer_filter("p.customer_id");
        let (from, to) = self.window(rule.kind);
        let intervals: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT repurchase_days FROM product WHERE repurchase_days > 0",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let (join, reach) = eligible("p.customer_id", rule.kind, promo);
        let join = join.replace(" JOIN ", " CROSS JOIN ");
        for days in intervals {
            // Due `days` after the sale, `first` days early; not when bought again since.
            // The product test first (materialised): the "bought again since" check
            // then runs only for lines of products with this interval.
            let candidates = format!(
                "WITH sold AS MATERIALIZED (
                    SELECT p.customer_id AS cid, p.id AS pid, p.sold_at, l.id AS lid, l.product_id
                    FROM purchase p CROSS JOIN purchase_line l ON l.purchase_id = p.id{join}
                    WHERE p.voided_at IS NULL AND p.sold_at >= :sold_from AND p.sold_at < :sold_to
                        AND p.customer_id IS NOT NULL
                        AND l.product_id IN (SELECT id FROM product WHERE repurchase_days = :days)
                        AND {reach}{pf})
                 SELECT cid, 'purchase' AS subj, pid AS sid, 'repurchase:l' || lid AS occ,
                    date(sold_at, '+7 hours', '+' || (:days - :off) || ' days') AS due
                 FROM sold s WHERE NOT EXISTS (SELECT 1 FROM purchase p2
                    JOIN purchase_line l2 ON l2.purchase_id = p2.id
                    WHERE p2.customer_id = s.cid AND p2.sold_at > s.sold_at
                        AND p2.voided_at IS NULL AND l2.product_id = s.product_id)"
            );
            let sold_from = day_start(from - Duration::days(days - first));
            let sold_to = day_start(to - Duration::days(days - first) + Duration::days(1));
            self.upsert(
                rule.kind,
                &candidates,
                &[
                    (":days", &days),
                    (":off", &first),
                    (":sold_from", &sold_from),
                    (":sold_to", &sold_to),
                    (":promo", &promo),
                ],
            )?;
        }
        Ok(())
    }
}
