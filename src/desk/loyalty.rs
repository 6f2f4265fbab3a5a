//! Loyalty at the counter (issue 17): the points rules and tiers (the owner's settings), a
//! customer's balances and history, adjustments by hand, and the sale form's live total.

use super::Desk;
use crate::error::Result;
use crate::loyalty::history::{self, LedgerLine};
use crate::loyalty::ledger::AdjustDraft;
use crate::loyalty::rules::{self, PointsRules};
use crate::loyalty::settle::Settlement;
use crate::loyalty::summary::{self, LoyaltySummary};
use crate::loyalty::tier::{self, Tier};
use crate::loyalty::{credit, points, sale, tier_edit};
use crate::sales::purchase::PurchaseDraft;
use crate::staff::Permission;

impl Desk<'_> {
    pub fn loyalty_rules(&mut self) -> Result<PointsRules> {
        rules::get(self.db.conn())
    }

    pub fn save_loyalty_rules(&mut self, r: &PointsRules) -> Result<PointsRules> {
        self.need(Permission::EditSettings)?;
        rules::save(self.db, r, &self.who.name, self.now)
    }

    pub fn member_tiers(&mut self) -> Result<Vec<Tier>> {
        tier::list(self.db.conn())
    }

    pub fn save_member_tiers(&mut self, tiers: &[Tier]) -> Result<Vec<Tier>> {
        self.need(Permission::EditSettings)?;
        tier_edit::save(self.db, tiers, &self.who.name, self.now)
    }

    pub fn loyalty_summary(&mut self, customer_id: i64) -> Result<LoyaltySummary> {
        summary::of_customer(self.db.conn(), customer_id, self.today())
    }

    pub fn loyalty_history(&mut self, customer_id: i64) -> Result<Vec<LedgerLine>> {
        history::of_customer(self.db.conn(), customer_id)
    }

    pub fn adjust_points(&mut self, customer_id: i64, d: &AdjustDraft) -> Result<LoyaltySummary> {
        self.need(Permission::AdjustLoyalty)?;
        points::adjust(self.db, customer_id, d, &self.who.name, self.now)?;
        self.loyalty_summary(customer_id)
    }

    pub fn adjust_credit(&mut self, customer_id: i64, d: &AdjustDraft) -> Result<LoyaltySummary> {
        self.need(Permission::AdjustLoyalty)?;
        credit::adjust(self.db, customer_id, d, &self.who.name, self.now)?;
        self.loyalty_summary(customer_id)
    }

    /// What the sale form's draft comes to and how it would be paid; writes nothing.
    pub fn preview_tender(&mut self, draft: &PurchaseDraft) -> Result<Settlement> {
        sale::preview(self.db.conn(), draft, self.now)
    }
}
