//! Customers at the counter: search, the card, the form, preferences, merges, revealed phones.

use super::Desk;
use crate::customer::{
    self, CustomerCard, CustomerDraft, DraftCheck, Preference, PreferenceDraft, SearchOptions,
    SearchResult,
};
use crate::error::Result;
use crate::staff::Permission;

/// Longest search query read: far past any name and phone typed at a counter.
pub const MAX_QUERY: usize = 200;

impl Desk<'_> {
    pub fn customer_count(&mut self) -> Result<i64> {
        customer::count(self.db.conn())
    }

    pub fn search_customers(
        &mut self,
        query: &str,
        options: SearchOptions,
    ) -> Result<SearchResult> {
        let query: String = query.chars().take(MAX_QUERY).collect();
        customer::search(self.db.conn(), &query, options)
    }

    pub fn get_customer(&mut self, id: i64) -> Result<CustomerCard> {
        customer::get(self.db.conn(), id, self.today())
    }

    pub fn check_customer(
        &mut self,
        draft: &CustomerDraft,
        editing: Option<i64>,
    ) -> Result<DraftCheck> {
        customer::check(self.db.conn(), draft, editing, self.today())
    }

    pub fn create_customer(&mut self, draft: &CustomerDraft) -> Result<CustomerCard> {
        customer::create(self.db, draft, &self.who.name, self.now)
    }

    pub fn update_customer(&mut self, id: i64, draft: &CustomerDraft) -> Result<CustomerCard> {
        customer::update(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn archive_customer(&mut self, id: i64) -> Result<CustomerCard> {
        customer::archive(self.db, id, &self.who.name, self.now)
    }

    pub fn restore_customer(&mut self, id: i64) -> Result<CustomerCard> {
        customer::restore(self.db, id, &self.who.name, self.now)
    }

    pub fn merge_customers(&mut self, keep: i64, from: i64) -> Result<CustomerCard> {
        self.need(Permission::MergeCustomers)?;
        let card = customer::merge(self.db, keep, from, &self.who.name, self.now)?;
        self.rank_merged(keep)?;
        Ok(card)
    }

    /// The kept customer's tier on the sales the merge joined.
    pub(super) fn rank_merged(&mut self, keep: i64) -> Result<()> {
        let now = self.now;
        self.db.write(|tx| crate::loyalty::tier::rank(tx, keep, now).map(|_| ()))
    }

    pub fn add_preference(
        &mut self,
        customer_id: i64,
        draft: &PreferenceDraft,
    ) -> Result<Preference> {
        customer::add_preference(self.db, customer_id, draft, &self.who.name, self.now)
    }

    pub fn update_preference(&mut self, id: i64, draft: &PreferenceDraft) -> Result<Preference> {
        customer::update_preference(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn remove_preference(&mut self, id: i64) -> Result<()> {
        customer::remove_preference(self.db, id, &self.who.name, self.now)
    }

    /// The customer's phones in full for an account that sees them masked (the reveal is
    /// logged); the one place a masked account gets digits, so `serve` must not mask it again.
    pub fn reveal_phones(&mut self, id: i64, reason: &str) -> Result<super::Revealed> {
        crate::staff::reveal_phones(self.db, id, reason, &self.who, self.now).map(super::Revealed)
    }

    /// Demo customers with their sales and care, planned at once.
    pub fn load_demo(&mut self, customers: usize) -> Result<usize> {
        self.need(Permission::EditSettings)?;
        let first = crate::customer::bulk::next_id(self.db.conn())?;
        let n =
            crate::demo::generate(self.db, customers.min(100_000), 1, self.now, &self.who.name)?;
        crate::privacy::demo_consents(self.db, first, &self.who.name, self.now)?;
        crate::demo::stage(self.db, first, 1, self.now, &self.who.name)?;
        crate::care::plan::run(self.db, &crate::care::plan::Scope::All, self.now)?;
        Ok(n)
    }
}
