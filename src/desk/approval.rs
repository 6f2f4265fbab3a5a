//! A manager's approval on the spot: the ops an account without the permission may still do
//! when an owner or manager who holds it types their PIN (see `staff::approval`). The account
//! stays the actor; the approver is recorded with the change and in its audit row.

use super::Desk;
use crate::error::Result;
use crate::feedback::complaint::{self, ComplaintView, GoodwillDraft};
use crate::sales::returns::{ReturnDraft, ReturnView};
use crate::staff::{self, Approval, Approver, Permission};

impl Desk<'_> {
    /// Who may approve `permission` at this counter: names and roles, no secrets.
    pub fn approvers(&mut self, permission: Permission) -> Result<Vec<Approver>> {
        staff::approvers(self.db.conn(), permission)
    }

    /// A return; outside the policy it needs `override_policy`, or an approval by PIN.
    pub fn record_return_approved(
        &mut self,
        draft: &ReturnDraft,
        approval: Option<&Approval>,
    ) -> Result<ReturnView> {
        let p = Permission::OverridePolicy;
        let approver = self.approver(p, approval)?;
        let (staff, may_override) = (&self.who.name, self.who.can(p));
        let approver = approver.as_deref();
        crate::loyalty::sale::record_return(self.db, draft, staff, may_override, approver, self.now)
    }

    /// A goodwill gesture; it needs `approve_goodwill`, or an approval by PIN.
    pub fn add_goodwill_approved(
        &mut self,
        id: i64,
        draft: &GoodwillDraft,
        approval: Option<&Approval>,
    ) -> Result<ComplaintView> {
        let p = Permission::ApproveGoodwill;
        let approver = self.approver(p, approval)?;
        if approver.is_none() {
            self.need(p)?;
        }
        let staff = &self.who.name;
        complaint::add_goodwill_approved(self.db, id, draft, staff, approver.as_deref(), self.now)
    }

    /// The approver's name when this account lacks `p` and an approval is given (its PIN
    /// checked, a wrong one counted toward the approver's lockout). An account holding `p`
    /// needs none: a given approval is then neither checked nor recorded.
    fn approver(&mut self, p: Permission, approval: Option<&Approval>) -> Result<Option<String>> {
        match approval {
            Some(a) if !self.who.can(p) => Ok(Some(staff::approve(self.db, a, p, self.now)?.name)),
            _ => Ok(None),
        }
    }
}
