//! How a pass writes: the reminders a rule selects are inserted or confirmed by occurrence,
//! and kept to the customers the rule may contact.

use rusqlite::types::ToSql;

use super::{bind, iso, Planner};
use crate::care::rule::RuleKind;
use crate::error::Result;

/// A confirmed occurrence only gets the pass's number: no indexed column is written, so the
/// daily pass over hundreds of thousands of reminders stays cheap.
const CONFIRM: &str = "DO UPDATE SET plan_seq = excluded.plan_seq";
/// After a rule or the due time changed, open reminders also take the new due day and time.
const REFRESH_DUE: &str = "DO UPDATE SET plan_seq = excluded.plan_seq,
    notified_at = CASE WHEN reminder.status = 'open' AND reminder.due_at <> excluded.due_at
        THEN NULL ELSE reminder.notified_at END,
    due_on = CASE WHEN reminder.status = 'open' THEN excluded.due_on ELSE reminder.due_on END,
    due_at = CASE WHEN reminder.status = 'open' THEN excluded.due_at ELSE reminder.due_at END";

/// Owned reminders (complaints, promises) take a new owner or due instant while still open.
const OWNED: &str = "DO UPDATE SET plan_seq = excluded.plan_seq,
    assignee = CASE WHEN reminder.status = 'open' THEN excluded.assignee ELSE reminder.assignee END,
    notified_at = CASE WHEN reminder.status = 'open' AND reminder.due_at <> excluded.due_at
        THEN NULL ELSE reminder.notified_at END,
    due_on = CASE WHEN reminder.status = 'open' THEN excluded.due_on ELSE reminder.due_on END,
    due_at = CASE WHEN reminder.status = 'open' THEN excluded.due_at ELSE reminder.due_at END";

/// Reachability without reading the customer row: the few customers who cannot be contacted
/// come from a small partial index, so rules that need no consent skip a million random reads.
const UNREACHABLE: &str = "(SELECT id FROM customer WHERE archived_at IS NOT NULL
    OR merged_into IS NOT NULL OR no_contact = 1)";

/// The join and condition that keep a rule to the customers it may contact, `col` holding the
/// customer id: consent needs the row, reachability alone does not. Care (thank-you, birthday,
/// warranty ending, re-purchase, win-back) needs the customer's care-call consent; service
/// (a repair to collect, a late claim, a promise, a low score) needs none; promotion needs
/// marketing consent besides.
pub(super) fn eligible(col: &str, kind: RuleKind, promotional: bool) -> (String, String) {
    if promotional || kind.needs_care_consent() {
        (format!(" JOIN customer c ON c.id = {col}"), ELIGIBLE.to_owned())
    } else {
        (String::new(), format!("{col} NOT IN {UNREACHABLE}"))
    }
}

pub(super) const ELIGIBLE: &str =
    "c.archived_at IS NULL AND c.merged_into IS NULL AND c.no_contact = 0
    AND c.care_consent = 1 AND (:promo = 0 OR c.marketing_consent = 1)";

impl Planner<'_> {
    /// Inserts or confirms the reminders `candidates` selects: columns cid, subj, sid, occ, due.
    pub(super) fn upsert(
        &mut self,
        kind: RuleKind,
        candidates: &str,
        args: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        let conflict = match (self.refresh_due, self.sweeping) {
            (true, _) => REFRESH_DUE,
            (false, true) => CONFIRM,
            (false, false) => "DO NOTHING",
        };
        let at = self.due_at.clone();
        self.upsert_with(kind, candidates, args, &at, "''", conflict)
    }

    /// Reminders for one person (`who`) at an instant of their own (`at`): an open one follows
    /// a new owner or target. Few rows, so the indexed columns may be rewritten.
    pub(super) fn upsert_owned(
        &mut self,
        kind: RuleKind,
        candidates: &str,
        args: &[(&str, &dyn ToSql)],
        at: &str,
    ) -> Result<()> {
        self.upsert_with(kind, candidates, args, at, "who", OWNED)
    }

    fn upsert_with(
        &mut self,
        kind: RuleKind,
        candidates: &str,
        args: &[(&str, &dyn ToSql)],
        at: &str,
        who: &str,
        conflict: &str,
    ) -> Result<()> {
        // At a site of a chain, only this store's reminders (a single shop plans them all).
        let here = match (&self.site, crate::care::home::here(kind)) {
            (Some(_), Some(cond)) => format!(" AND {cond}"),
            _ => String::new(),
        };
        let sql = format!(
            "INSERT INTO reminder(kind, customer_id, subject, subject_id, occurrence, due_on, due_at,
                assignee, plan_seq, created_by, created_at, updated_at)
             SELECT :kind, cid, subj, sid, occ, due, {at}, {who},
                :seq, 'system', :now, :now
             FROM ({candidates}) WHERE due BETWEEN :from AND :to{here}
             ON CONFLICT(occurrence) WHERE occurrence IS NOT NULL {conflict}"
        );
        let (from, to) = self.window(kind);
        let (from, to, code) = (iso(from), iso(to), kind.code());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let common: [(&str, &dyn ToSql); 8] = [
            (":site", &self.site),
            (":kind", &code),
            (":shift", &self.shift),
            (":seq", &self.seq),
            (":now", &self.now),
            (":from", &from),
            (":to", &to),
            (":cid", &self.customer),
        ];
        bind(&mut stmt, common.iter().chain(args))?;
        self.stats.planned += stmt.raw_execute()?;
        Ok(())
    }
}
