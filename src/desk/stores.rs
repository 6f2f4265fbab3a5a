//! Who does what in a chain (issue 15): a customer's home store on her card, the stores each
//! staff member works at. Outside a chain both read as empty and refuse to change.

use super::Desk;
use crate::care::home::{self, HomeStore};
use crate::error::Result;
use crate::staff::{self, Permission, StaffStores};

impl Desk<'_> {
    pub fn home_store(&mut self, customer_id: i64) -> Result<HomeStore> {
        home::home_view(self.db.conn(), customer_id)
    }

    /// Counter work like any edit of her card: audited, her reminders re-planned.
    pub fn set_home_store(&mut self, customer_id: i64, store: &str) -> Result<HomeStore> {
        let (who, now) = (self.who.name.clone(), self.now);
        self.db.write(|tx| home::set_home_store(tx, customer_id, store, &who, now))
    }

    pub fn staff_stores(&mut self) -> Result<StaffStores> {
        self.need(Permission::ManageStaff)?;
        staff::staff_stores(self.db.conn())
    }

    pub fn set_staff_stores(&mut self, id: i64, stores: &[String]) -> Result<StaffStores> {
        self.need(Permission::ManageStaff)?;
        staff::set_stores(self.db, id, stores, &self.who, self.now)
    }
}
