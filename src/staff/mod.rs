//! Who is at the counter and what they may do. Everyday counter work (looking up, selling,
//! logging care) is open to every signed-in account; the permissions below are granted per role
//! by the owner, who may do everything.

mod account;
mod approval;
mod lockout;
mod mask;
mod pin;
mod reveal;
mod session;
// Issue 15, who does what in a chain.
mod stores;

pub use account::{
    create, first_owner, idle_minutes, list, needs_owner, permissions, reload, set_idle_minutes,
    set_permissions, still_named, update, StaffDraft, StaffView,
};
pub use approval::{approve, approvers, Approval, Approver};
pub use lockout::{LOCKOUT_AFTER, LOCK_MINUTES, UNTIL_UNLOCKED};
pub use mask::{mask_opt, mask_phone, MaskPhones};
pub use pin::{change_pin, min_pin_digits, sign_in, unlock, MAX_PIN_DIGITS};
pub use reveal::reveal_phones;
pub use session::{session_state, Actor, Session, SessionState, DEFAULT_IDLE_MINUTES};
pub use stores::{set_stores, staff_stores, MemberStores, StaffStores};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    Owner,
    Manager,
    Staff,
}

crate::text::code::stored_code!(Role);

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Manager, Role::Staff];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Permission {
    /// Accept a return or claim outside the shop's policy.
    OverridePolicy,
    /// Give a goodwill gesture (voucher, refund, gift) on a complaint.
    ApproveGoodwill,
    /// Write customer data to a file (CSV, XLSX, a data-subject copy).
    Export,
    /// Bring customers in from a file, and undo an import.
    Import,
    /// Erase a customer's personal data for good.
    Erase,
    /// See phone numbers in full; without it `0912 xxx 678`, and each reveal is logged.
    SeePhones,
    /// Shop settings, care rules, message templates, opening hours, backups.
    EditSettings,
    /// Read the audit log.
    ViewAudit,
    /// Add staff, reset PINs and set what each role may do. The owner's alone.
    ManageStaff,
    /// Restrict processing and lift it, handle data-subject requests, record a withdrawal of
    /// consent on a customer's behalf (Law 91/2025). The owner's by default.
    HandlePersonalData,
    /// Merge two customer records into one.
    MergeCustomers,
    /// Void a sale.
    VoidSales,
    /// Take a backup now.
    TakeBackup,
    /// Add or take away points and store credit by hand, with a reason.
    AdjustLoyalty,
    /// Let a customer leave part of a sale unpaid ("ghi nợ") and set what each may owe.
    SellOnCredit,
}

crate::text::code::stored_code!(Permission);

impl Permission {
    pub const ALL: [Permission; 15] = [
        Permission::OverridePolicy,
        Permission::ApproveGoodwill,
        Permission::Export,
        Permission::Import,
        Permission::Erase,
        Permission::SeePhones,
        Permission::EditSettings,
        Permission::ViewAudit,
        Permission::ManageStaff,
        Permission::HandlePersonalData,
        Permission::MergeCustomers,
        Permission::VoidSales,
        Permission::TakeBackup,
        Permission::AdjustLoyalty,
        Permission::SellOnCredit,
    ];

    /// The ones the owner may grant to other roles.
    pub const GRANTABLE: [Permission; 14] = [
        Permission::OverridePolicy,
        Permission::ApproveGoodwill,
        Permission::Export,
        Permission::Import,
        Permission::Erase,
        Permission::SeePhones,
        Permission::EditSettings,
        Permission::ViewAudit,
        Permission::HandlePersonalData,
        Permission::MergeCustomers,
        Permission::VoidSales,
        Permission::TakeBackup,
        Permission::AdjustLoyalty,
        Permission::SellOnCredit,
    ];
}
