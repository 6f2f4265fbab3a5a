//! What a chain shares beyond its customers: staff accounts and the stores each works at, what
//! each role may do, care rules and message templates. Last writer wins per field, like a
//! customer's record.
//!
//! What travels and what stays, and why:
//! - **Travels**: staff accounts with their PIN hashes (an account is chain-wide: the same PIN
//!   signs in at every store it works at), roles' permissions, care rules and message templates
//!   (one way of caring for customers across the chain; an edit at any store reaches all),
//!   and warranty/return policies (`sales::POLICY`).
//! - **Stays with the store**: the `setting` table as a whole: shop details printed on receipts
//!   and messages (name, address, phone), opening hours and Tết closing (`calendar::opening`),
//!   the care due time and quiet hours (they follow the store's hours), service settings,
//!   backups (a folder and key of this PC), the idle sign-out and a staff member's own lockout
//!   and sessions (the attempts at this counter). `desktop.*` settings stay with the PC.
//! - **Reminders stay** (`reminder`): each store plans its own, for its home customers and the
//!   records it holds (`care::home`), so they never travel.

use super::{entity, Entity, Kind, Owner};

pub const STAFF: Entity = Entity {
    fields: &["name", "folded_name", "role", "pin_hash", "active", "created_at", "updated_at"],
    owner: Owner::Nobody,
    sets: &[("stores", "staff_store", "store", "staff_id")],
    ..entity("staff", "staff", Kind::Mutable)
};

pub const ROLE_PERMISSION: Entity = Entity {
    fields: &["role", "permission"],
    owner: Owner::Nobody,
    // Every database starts with the same grants: one record each, chain-wide.
    key: Some("'role_permission/' || NEW.role || '/' || NEW.permission"),
    locate: &["role", "permission"],
    ..entity("role_permission", "role_permission", Kind::Mutable)
};

pub const CARE_RULE: Entity = Entity {
    fields: &["kind", "enabled", "params", "updated_at"],
    owner: Owner::Nobody,
    // One rule of a kind per chain, whichever store first saved it.
    key: Some("'care_rule/' || NEW.kind"),
    locate: &["kind"],
    ..entity("care_rule", "care_rule", Kind::Mutable)
};

pub const TEMPLATE: Entity = Entity {
    fields: &["kind", "locale", "body", "updated_at"],
    owner: Owner::Nobody,
    key: Some("'template/' || NEW.kind || '/' || NEW.locale"),
    locate: &["kind", "locale"],
    ..entity("template", "message_template", Kind::Mutable)
};
