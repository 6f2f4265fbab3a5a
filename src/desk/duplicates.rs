//! The duplicate finder and the merge screen: pairs that may be one person, kept apart or
//! merged with a choice per field. All of it is the merging right's: the list shows who may be
//! whom across the whole shop, and only someone who may merge can act on it.

use super::Desk;
use crate::customer::{self, CustomerCard, DuplicateScan, MergeChoice};
use crate::error::Result;
use crate::staff::Permission;

/// Most pairs one call lists: a screenful for a person, bounded for the UI.
pub const MAX_PAIRS: usize = 1_000;

impl Desk<'_> {
    /// Pairs among every live customer, strongest first (`limit` 0: the default).
    pub fn find_duplicates(&mut self, limit: usize) -> Result<DuplicateScan> {
        self.need(Permission::MergeCustomers)?;
        customer::scan_duplicates(self.db.conn(), pairs_asked(limit))
    }

    /// Pairs that involve one of `ids`: what an import offers to review.
    pub fn duplicates_among(&mut self, ids: &[i64]) -> Result<DuplicateScan> {
        self.need(Permission::MergeCustomers)?;
        customer::duplicates_among(self.db.conn(), ids, MAX_PAIRS)
    }

    /// Pairs that involve a customer the last import created or updated (none once it is
    /// undone): offered for review right after an import.
    pub fn duplicates_in_last_import(&mut self) -> Result<DuplicateScan> {
        self.need(Permission::MergeCustomers)?;
        let ids = crate::io::import::last_batch_customers(self.db.conn())?;
        customer::duplicates_among(self.db.conn(), &ids, MAX_PAIRS)
    }

    pub fn merge_customers_choosing(
        &mut self,
        keep: i64,
        from: i64,
        choices: &[MergeChoice],
    ) -> Result<CustomerCard> {
        self.need(Permission::MergeCustomers)?;
        let card = customer::merge_with(self.db, keep, from, choices, &self.who.name, self.now)?;
        self.rank_merged(keep)?;
        Ok(card)
    }

    /// "Not the same person": the pair is not offered again.
    pub fn dismiss_duplicate(&mut self, a: i64, b: i64) -> Result<()> {
        self.need(Permission::MergeCustomers)?;
        customer::dismiss_duplicate(self.db, a, b, &self.who.name, self.now)
    }
}

fn pairs_asked(limit: usize) -> usize {
    if limit == 0 {
        customer::DEFAULT_LIMIT
    } else {
        limit.min(MAX_PAIRS)
    }
}
