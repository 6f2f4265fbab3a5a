//! Vouchers (issue 17): the owner's list, creating and archiving one, the automatic ones'
//! settings. Creating or archiving a voucher gives money away: it takes `edit_settings`, like
//! the shop's other terms of sale (return policies); checking a code at the counter does not.

use super::Desk;
use crate::error::Result;
use crate::loyalty::voucher_create::{self, VoucherDraft};
use crate::loyalty::voucher_list::{self, VoucherUse, VoucherView};
use crate::loyalty::voucher_settings::{self, VoucherSettings};
use crate::staff::Permission;

impl Desk<'_> {
    /// Every voucher, newest first; `customer_id`: that customer's personal ones (the card).
    pub fn list_vouchers(&mut self, customer_id: Option<i64>) -> Result<Vec<VoucherView>> {
        voucher_list::list(self.db.conn(), customer_id, self.today())
    }

    pub fn voucher_uses(&mut self, id: i64) -> Result<Vec<VoucherUse>> {
        voucher_list::uses(self.db.conn(), id)
    }

    pub fn create_voucher(&mut self, draft: &VoucherDraft) -> Result<VoucherView> {
        self.need(Permission::EditSettings)?;
        let id = voucher_create::create(self.db, draft, &self.who.name, self.now)?;
        voucher_list::get(self.db.conn(), id, self.today())
    }

    pub fn archive_voucher(&mut self, id: i64, archived: bool) -> Result<VoucherView> {
        self.need(Permission::EditSettings)?;
        voucher_create::set_archived(self.db, id, archived, &self.who.name, self.now)?;
        voucher_list::get(self.db.conn(), id, self.today())
    }

    /// What `code` takes off `amount` for this customer: the sale form's check as the staff
    /// types it (the sale itself checks again).
    pub fn quote_voucher(
        &mut self,
        code: &str,
        customer_id: Option<i64>,
        amount: i64,
    ) -> Result<i64> {
        let today = self.today();
        crate::loyalty::voucher::quote(self.db.conn(), code, customer_id, amount, today)
            .map(|q| q.discount)
    }

    pub fn voucher_settings(&mut self) -> Result<VoucherSettings> {
        voucher_settings::get(self.db.conn())
    }

    pub fn save_voucher_settings(&mut self, s: &VoucherSettings) -> Result<VoucherSettings> {
        self.need(Permission::EditSettings)?;
        voucher_settings::save(self.db, s, &self.who.name, self.now)
    }
}
