//! After-sales at the counter: products, policies, sales, units, claims, returns, shop settings.

use super::Desk;
use crate::error::Result;
use crate::sales::claim::{self, ClaimDraft, ClaimSummary, ClaimView, LoanDraft, TransitionDraft};
use crate::sales::policy::{self, Policy, PolicyTerms, ReturnCheck};
use crate::sales::product::{self, Product, ProductDraft};
use crate::sales::purchase::{self, PurchaseDraft, PurchaseView};
use crate::sales::returns::{self, ReturnDraft, ReturnPreview, ReturnView};
use crate::sales::search::{lookup, SalesHits};
use crate::sales::settings::{self, ShopSettings};
use crate::sales::{self as sales, unit, AfterSales, UnitView};
use crate::staff::Permission;
use crate::text::money::parse_vnd;

impl Desk<'_> {
    pub fn lookup_sales(&mut self, query: &str) -> Result<SalesHits> {
        let query: String = query.chars().take(super::customers::MAX_QUERY).collect();
        lookup(self.db.conn(), &query, self.today())
    }

    pub fn customer_after_sales(&mut self, id: i64) -> Result<AfterSales> {
        sales::for_customer(self.db.conn(), id, self.today())
    }

    pub fn find_products(&mut self, query: &str) -> Result<Vec<Product>> {
        product::find(self.db.conn(), query, 20)
    }

    pub fn product_catalogue(&mut self, query: &str) -> Result<Vec<Product>> {
        product::catalogue(self.db.conn(), query, 500)
    }

    pub fn get_product(&mut self, id: i64) -> Result<Product> {
        product::get(self.db.conn(), id)
    }

    pub fn archive_product(&mut self, id: i64, archived: bool) -> Result<Product> {
        product::set_archived(self.db, id, archived, &self.who.name, self.now)
    }

    pub fn save_product(&mut self, id: Option<i64>, draft: &ProductDraft) -> Result<Product> {
        product::save(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn list_policies(&mut self) -> Result<Vec<Policy>> {
        policy::list(self.db.conn())
    }

    pub fn save_policy(&mut self, id: Option<i64>, terms: &PolicyTerms) -> Result<Policy> {
        self.need(Permission::EditSettings)?;
        policy::save(self.db, id, terms, &self.who.name, self.now)
    }

    pub fn archive_policy(&mut self, id: i64, archived: bool) -> Result<Policy> {
        self.need(Permission::EditSettings)?;
        policy::set_archived(self.db, id, archived, &self.who.name, self.now)
    }

    pub fn create_purchase(&mut self, draft: &PurchaseDraft) -> Result<PurchaseView> {
        let may_owe = self.who.can(Permission::SellOnCredit);
        crate::loyalty::sale::create(self.db, draft, &self.who.name, may_owe, self.now)
    }

    pub fn update_purchase(&mut self, id: i64, draft: &PurchaseDraft) -> Result<PurchaseView> {
        purchase::update(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn void_purchase(&mut self, id: i64, reason: &str) -> Result<PurchaseView> {
        self.need(Permission::VoidSales)?;
        crate::loyalty::sale::void(self.db, id, reason, &self.who.name, self.now)
    }

    pub fn get_purchase(&mut self, id: i64) -> Result<PurchaseView> {
        purchase::get(self.db.conn(), id, self.today())
    }

    pub fn get_unit(&mut self, id: i64) -> Result<UnitView> {
        unit::get(self.db.conn(), id, self.today())
    }

    pub fn open_claim(&mut self, draft: &ClaimDraft) -> Result<ClaimView> {
        claim::open(self.db, draft, &self.who.name, self.now)
    }

    pub fn transition_claim(&mut self, id: i64, draft: &TransitionDraft) -> Result<ClaimView> {
        claim::transition(self.db, id, draft, &self.who.name, self.now)
    }

    /// A loan unit goes out with the claim's customer while their item is in.
    pub fn lend_loan_unit(&mut self, id: i64, draft: &LoanDraft) -> Result<ClaimView> {
        claim::lend(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn return_loan_unit(&mut self, id: i64, draft: &LoanDraft) -> Result<ClaimView> {
        claim::take_back(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn get_claim(&mut self, id: i64) -> Result<ClaimView> {
        claim::get(self.db.conn(), id, self.today())
    }

    pub fn claim_board(&mut self) -> Result<Vec<ClaimSummary>> {
        claim::board(self.db.conn(), self.today())
    }

    /// Counter work like a move (any staff may move a claim): staff saw that two stores moved
    /// it while apart. Audited; the notice goes away at every store.
    pub fn acknowledge_claim_conflict(&mut self, id: i64) -> Result<ClaimView> {
        claim::acknowledge_conflict(self.db, id, &self.who.name, self.now)
    }

    pub fn preview_return(
        &mut self,
        line_id: i64,
        unit_id: Option<i64>,
        check: ReturnCheck,
        returned_on: &str,
        quantity: i64,
    ) -> Result<ReturnPreview> {
        returns::preview(self.db.conn(), line_id, unit_id, check, returned_on, quantity, self.now)
    }

    /// Outside the policy only with `override_policy` (the core refuses an override otherwise).
    pub fn record_return(&mut self, draft: &ReturnDraft) -> Result<ReturnView> {
        let may_override = self.who.can(Permission::OverridePolicy);
        let (staff, now) = (&self.who.name, self.now);
        crate::loyalty::sale::record_return(self.db, draft, staff, may_override, None, now)
    }

    pub fn get_return(&mut self, id: i64) -> Result<ReturnView> {
        returns::get(self.db.conn(), id)
    }

    pub fn get_settings(&mut self) -> Result<ShopSettings> {
        settings::get(self.db.conn())
    }

    pub fn save_settings(&mut self, s: &ShopSettings) -> Result<ShopSettings> {
        self.need(Permission::EditSettings)?;
        settings::save(self.db, s, &self.who.name, self.now)
    }

    /// Amounts of đồng as typed (`1tr490`, `150k`, `1.290.000`), each read by the rule every
    /// draft is read by; `None` for one that does not read. The sale form's live total asks this
    /// so the UI keeps no money rule of its own.
    pub fn parse_money(&mut self, inputs: &[String]) -> Result<Vec<Option<i64>>> {
        // Two amounts a line (price and discount) for the most lines a sale may have.
        if inputs.len() > 2 * purchase::MAX_LINES {
            return Err(crate::error::Error::invalid("inputs", "too_many"));
        }
        Ok(inputs
            .iter()
            .map(|s| if s.len() > MAX_AMOUNT_TEXT { None } else { parse_vnd(s) })
            .collect())
    }
}

/// Longer than this, typed text is not an amount (`1.000.000.000.000 đồng` is 23 bytes).
const MAX_AMOUNT_TEXT: usize = 64;
