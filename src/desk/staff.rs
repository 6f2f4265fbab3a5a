//! Staff accounts, what each role may do, the idle lock and the audit log.

use super::Desk;
use crate::audit::{self, AuditFilter, AuditPage};
use crate::error::Result;
use crate::staff::{self, Permission, Role, StaffDraft, StaffView};

impl Desk<'_> {
    pub fn list_staff(&mut self) -> Result<Vec<StaffView>> {
        self.need(Permission::ManageStaff)?;
        staff::list(self.db.conn())
    }

    pub fn save_staff(&mut self, id: Option<i64>, draft: &StaffDraft) -> Result<StaffView> {
        self.need(Permission::ManageStaff)?;
        match id {
            None => staff::create(self.db, draft, &self.who, self.now),
            Some(id) => staff::update(self.db, id, draft, &self.who, self.now),
        }
    }

    /// Lifts a lock for wrong PINs.
    pub fn unlock_staff(&mut self, id: i64) -> Result<StaffView> {
        self.need(Permission::ManageStaff)?;
        staff::unlock(self.db, id, &self.who, self.now)
    }

    pub fn role_permissions(&mut self) -> Result<Vec<(Role, Vec<Permission>)>> {
        staff::permissions(self.db.conn())
    }

    pub fn set_role_permissions(
        &mut self,
        role: Role,
        permissions: &[Permission],
    ) -> Result<Vec<Permission>> {
        self.need(Permission::ManageStaff)?;
        staff::set_permissions(self.db, role, permissions, &self.who, self.now)
    }

    pub fn set_idle_minutes(&mut self, minutes: i64) -> Result<i64> {
        self.need(Permission::ManageStaff)?;
        staff::set_idle_minutes(self.db, minutes, &self.who, self.now)
    }

    pub fn audit_log(&mut self, filter: &AuditFilter) -> Result<AuditPage> {
        self.need(Permission::ViewAudit)?;
        audit::list(self.db.conn(), filter)
    }
}
