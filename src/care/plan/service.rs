//! Service follow-ups: a repair ready and not collected, a claim past its promised day, a
//! promise to keep, a low score to answer and a complaint nearing its target. They need no
//! care consent: the customer is waiting on the shop.

use chrono::Duration;
use rusqlite::types::ToSql;

use super::upsert::eligible;
use super::{bind, first_offset, iso, Planner};
use crate::care::rule::CareRule;
use crate::clock::{day_start, local_date, stamp};
use crate::error::Result;

impl Planner<'_> {
    /// Repairs ready for collection and not collected, some days after they became ready.
    pub(super) fn repair_uncollected(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let kf = self.customer_filter("k.customer_id");
        let (join, reach) = eligible("k.customer_id", rule.kind, promo);
        let candidates = format!(
            "SELECT k.customer_id AS cid, 'claim' AS subj, k.id AS sid,
                'repair_uncollected:k' || k.id || ':' || k.ready_on AS occ,
                date(k.ready_on, '+' || :off || ' days') AS due
             FROM (SELECT k.*, (SELECT max(e.happened_on) FROM claim_event e
                      WHERE e.claim_id = k.id AND e.to_status = 'ready') AS ready_on
                   FROM claim k WHERE k.closed_on IS NULL AND k.status = 'ready'{kf}) k{join}
             WHERE k.ready_on IS NOT NULL AND k.customer_id IS NOT NULL AND {reach}"
        );
        self.upsert(rule.kind, &candidates, &[(":off", &first), (":promo", &promo)])?;
        Ok(())
    }

    /// Claims still open after the day promised to the customer.
    pub(super) fn claim_overdue(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let kf = self.customer_filter("k.customer_id");
        let (join, reach) = eligible("k.customer_id", rule.kind, promo);
        let candidates = format!(
            "SELECT k.customer_id AS cid, 'claim' AS subj, k.id AS sid,
                'claim_overdue:k' || k.id || ':' || k.promised_on AS occ,
                date(k.promised_on, '+' || (:off + 1) || ' days') AS due
             FROM claim k{join}
             WHERE k.closed_on IS NULL AND k.status <> 'ready' AND k.promised_on IS NOT NULL
                AND k.customer_id IS NOT NULL AND {reach}{kf}"
        );
        self.upsert(rule.kind, &candidates, &[(":off", &first), (":promo", &promo)])?;
        Ok(())
    }

    /// Open promises, to their owner, some days before the day promised.
    pub(super) fn promise_due(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let (join, reach) = eligible("m.customer_id", rule.kind, promo);
        let mf = self.customer_filter("m.customer_id");
        let candidates = format!(
            "SELECT m.customer_id AS cid, 'promise' AS subj, m.id AS sid,
                'promise_due:m' || m.id || ':' || m.due_on AS occ,
                date(m.due_on, '-' || :off || ' days') AS due, m.owner AS who
             FROM promise m{join} WHERE m.status = 'open' AND {reach}{mf}"
        );
        let at = self.due_at.clone();
        self.upsert_owned(rule.kind, &candidates, &[(":off", &first), (":promo", &promo)], &at)?;
        Ok(())
    }

    /// Low scores, some days after they were given.
    pub(super) fn low_score(&mut self, rule: &CareRule) -> Result<()> {
        let promo = rule.params.promotional;
        let first = first_offset(rule);
        let (from, to) = self.window(rule.kind);
        let (join, reach) = eligible("f.customer_id", rule.kind, promo);
        let ff = self.customer_filter("f.customer_id");
        let candidates = format!(
            "SELECT f.customer_id AS cid, 'feedback' AS subj, f.id AS sid, 'low_score:f' || f.id AS occ,
                date(f.at, '+7 hours', '+' || :off || ' days') AS due
             FROM feedback f{join}
             WHERE f.low = 1 AND f.at >= :at_from AND f.at < :at_to AND {reach}{ff}"
        );
        let at_from = day_start(from - Duration::days(first));
        let at_to = day_start(to - Duration::days(first) + Duration::days(1));
        self.upsert(
            rule.kind,
            &candidates,
            &[(":off", &first), (":promo", &promo), (":at_from", &at_from), (":at_to", &at_to)],
        )?;
        Ok(())
    }

    /// Live complaints, due to their owner `offsets[0]` opening hours before the target they
    /// work towards (the response, then the resolution); at once when the target is nearer.
    pub(super) fn complaints(&mut self, rule: &CareRule) -> Result<()> {
        use crate::clock::parse_stamp;
        let warn = i64::from(rule.params.offsets.first().copied().unwrap_or(0)) * 60;
        let cal = crate::calendar::Calendar::new(&crate::calendar::shop(self.conn)?);
        let kf = self.customer_filter("k.customer_id");
        let sql = format!(
            "SELECT k.id, k.customer_id, k.owner, k.opened_at, k.first_response_at, k.respond_by, k.resolve_by
             FROM complaint k JOIN customer c ON c.id = k.customer_id
             WHERE k.status <> 'resolved' AND k.status <> 'closed' AND c.archived_at IS NULL
                AND c.merged_into IS NULL{kf}"
        );
        let live: Vec<LiveComplaint> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let args: [(&str, &dyn ToSql); 1] = [(":cid", &self.customer)];
            bind(&mut stmt, args.iter())?;
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(LiveComplaint {
                    id: r.get(0)?,
                    customer: r.get(1)?,
                    owner: r.get(2)?,
                    opened: r.get(3)?,
                    responded: r.get::<_, Option<String>>(4)?.is_some(),
                    respond_by: r.get(5)?,
                    resolve_by: r.get(6)?,
                });
            }
            out
        };
        for LiveComplaint { id, customer: cid, owner, opened, responded, respond_by, resolve_by } in
            live
        {
            let (stage, target) =
                if responded { ("resolve", resolve_by) } else { ("respond", respond_by) };
            let (Some(start), Some(end)) = (parse_stamp(&opened), parse_stamp(&target)) else {
                continue;
            };
            let span = cal.minutes_between(start, end);
            let due = if span <= warn { start } else { cal.add(start, span - warn) };
            let occurrence = format!("complaint_due:x{id}:{stage}:{target}");
            let (day, at) = (iso(local_date(due)), stamp(due));
            let candidates =
                "SELECT :id AS cid, 'complaint' AS subj, :sid AS sid, :occ AS occ, :due AS due,
                :at AS at, :who AS who";
            self.upsert_owned(
                rule.kind,
                candidates,
                &[
                    (":id", &cid),
                    (":sid", &id),
                    (":occ", &occurrence),
                    (":due", &day),
                    (":at", &at),
                    (":who", &owner),
                ],
                "at",
            )?;
        }
        Ok(())
    }
}

/// A complaint still being worked, as the planner reads it.
struct LiveComplaint {
    id: i64,
    customer: i64,
    owner: String,
    opened: String,
    responded: bool,
    respond_by: String,
    resolve_by: String,
}
