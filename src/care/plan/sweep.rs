//! Removing what a pass no longer confirms: open reminders nobody acted on.

use rusqlite::types::ToSql;

use super::{bind, Planner};
use crate::care::rule::RuleKind;
use crate::error::Result;

impl Planner<'_> {
    /// One customer's open reminders this pass did not confirm, all kinds in one statement.
    pub(super) fn sweep_customer(&mut self, windows: &[(RuleKind, String)]) -> Result<()> {
        let cases: String =
            windows.iter().map(|(k, from)| format!(" WHEN '{}' THEN '{from}'", k.code())).collect();
        let sql = format!(
            "DELETE FROM reminder WHERE customer_id = :cid AND status = 'open' AND attempts = 0
                AND occurrence IS NOT NULL AND plan_seq <> :seq
                AND due_on >= CASE kind{cases} ELSE '9999' END"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let args: [(&str, &dyn ToSql); 2] = [(":seq", &self.seq), (":cid", &self.customer)];
        bind(&mut stmt, args.iter())?;
        self.stats.removed += stmt.raw_execute()?;
        Ok(())
    }

    /// Removes open reminders of `kind` that this pass did not confirm, due from `from`.
    pub(super) fn sweep(&mut self, kind: RuleKind, from: &str) -> Result<()> {
        let sql = format!(
            "DELETE FROM reminder WHERE status = 'open' AND status IN ('open', 'snoozed')
                AND attempts = 0 AND occurrence IS NOT NULL
                AND kind = :kind AND plan_seq <> :seq AND due_on >= :from{}",
            self.customer_filter("customer_id")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let code = kind.code();
        let args: [(&str, &dyn ToSql); 4] =
            [(":kind", &code), (":seq", &self.seq), (":from", &from), (":cid", &self.customer)];
        bind(&mut stmt, args.iter())?;
        self.stats.removed += stmt.raw_execute()?;
        Ok(())
    }
}
