//! What customers owe (issue 17): the card's account, a payment taken by any staff (taking
//! money needs no right), a customer's limit (`sell_on_credit`), the owner's list of open
//! debts and the shop's credit terms (`edit_settings`).

use super::Desk;
use crate::error::Result;
use crate::loyalty::debt_account::{self, DebtAccount, PaymentDraft};
use crate::loyalty::debt_list::{self, OpenDebts};
use crate::loyalty::debt_settings::{self, DebtSettings};
use crate::staff::Permission;

impl Desk<'_> {
    pub fn debt_account(&mut self, customer_id: i64) -> Result<DebtAccount> {
        debt_account::account(self.db.conn(), customer_id, self.today())
    }

    pub fn record_payment(
        &mut self,
        customer_id: i64,
        payment: &PaymentDraft,
    ) -> Result<DebtAccount> {
        debt_account::record_payment(self.db, customer_id, payment, &self.who.name, self.now)
    }

    /// `limit` as typed; empty = the shop's default.
    pub fn set_debt_limit(&mut self, customer_id: i64, limit: &str) -> Result<DebtAccount> {
        self.need(Permission::SellOnCredit)?;
        debt_account::set_limit(self.db, customer_id, limit, &self.who.name, self.now)
    }

    /// Who owes what: the owner's view of the shop's money outstanding.
    pub fn open_debts(&mut self, overdue_only: bool) -> Result<OpenDebts> {
        self.need(Permission::SellOnCredit)?;
        debt_list::open_debts(self.db.conn(), self.today(), overdue_only)
    }

    pub fn debt_settings(&mut self) -> Result<DebtSettings> {
        debt_settings::get(self.db.conn())
    }

    pub fn save_debt_settings(&mut self, s: &DebtSettings) -> Result<DebtSettings> {
        self.need(Permission::EditSettings)?;
        debt_settings::save(self.db, s, &self.who.name, self.now)
    }
}
