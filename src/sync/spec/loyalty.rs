//! Loyalty (issue 17) as it travels. Every ledger is a fact: an entry is written once and a
//! balance is its sum, so two stores that have each other's entries agree without a rule.
//! Amounts are not personal; what staff wrote about the customer (`reason`, `note`) is, and is
//! redacted with her. `customer_tier` stays home: each store derives it from the sales it holds.

use super::{entity, Entity, Kind, Owner, Target, TEXT, TO_CUSTOMER};

const TO_SALE: Target = Target::Entity("sale");

/// The four tiers every database is created with are one tier chain-wide (like the preset
/// policies); tiers the owner adds get keys of their own.
pub const MEMBER_TIER: Entity = Entity {
    fields: &["position", "name", "min_spend", "discount_pct", "birthday_voucher", "updated_at"],
    owner: Owner::Nobody,
    key: Some("CASE WHEN NEW.id <= 4 THEN '00000000-0000-7000-8000-00000000010' || NEW.id END"),
    ..entity("member_tier", "member_tier", Kind::Mutable)
};

pub const VOUCHER: Entity = Entity {
    fields: &[
        "code",
        "kind",
        "value",
        "min_spend",
        "max_discount",
        "expires_on",
        "max_uses",
        "customer_id",
        "origin",
        "note",
        "created_by",
        "created_at",
        "archived_at",
    ],
    refs: &[("customer_id", TO_CUSTOMER)],
    personal: &[("note", TEXT)],
    ..entity("voucher", "voucher", Kind::Mutable)
};

/// How a sale was settled: written with the sale, never edited (a void writes reversals in the
/// ledgers, not here).
pub const PURCHASE_TENDER: Entity = Entity {
    fields: &[
        "purchase_id",
        "tier_id",
        "tier_discount",
        "voucher_id",
        "voucher_discount",
        "points_used",
        "points_value",
        "credit_used",
        "to_pay",
        "paid",
        "owed",
        "due_on",
        "method",
        "points_earned",
    ],
    refs: &[
        ("purchase_id", TO_SALE),
        ("tier_id", Target::Entity("member_tier")),
        ("voucher_id", Target::Entity("voucher")),
    ],
    owner: Owner::Via("purchase_id", "sale"),
    // Its id is the sale's (no `id` column): the audit log never names it on its own.
    locate: &["purchase_id"],
    ..entity("purchase_tender", "purchase_tender", Kind::Fact)
};

pub const POINT_ENTRY: Entity = Entity {
    fields: &[
        "customer_id",
        "kind",
        "points",
        "purchase_id",
        "return_id",
        "reason",
        "staff",
        "at",
        "expires_on",
    ],
    refs: &[
        ("customer_id", TO_CUSTOMER),
        ("purchase_id", TO_SALE),
        ("return_id", Target::Entity("return")),
    ],
    personal: &[("reason", TEXT)],
    ..entity("point_entry", "point_entry", Kind::Fact)
};

pub const VOUCHER_USE: Entity = Entity {
    fields: &["voucher_id", "purchase_id", "customer_id", "kind", "amount", "staff", "at"],
    refs: &[
        ("voucher_id", Target::Entity("voucher")),
        ("purchase_id", TO_SALE),
        ("customer_id", TO_CUSTOMER),
    ],
    ..entity("voucher_use", "voucher_use", Kind::Fact)
};

pub const CREDIT_ENTRY: Entity = Entity {
    fields: &["customer_id", "kind", "amount", "purchase_id", "return_id", "reason", "staff", "at"],
    refs: &[
        ("customer_id", TO_CUSTOMER),
        ("purchase_id", TO_SALE),
        ("return_id", Target::Entity("return")),
    ],
    personal: &[("reason", TEXT)],
    ..entity("credit_entry", "credit_entry", Kind::Fact)
};

pub const DEBT_ENTRY: Entity = Entity {
    fields: &[
        "customer_id",
        "kind",
        "amount",
        "purchase_id",
        "method",
        "due_on",
        "note",
        "staff",
        "at",
    ],
    refs: &[("customer_id", TO_CUSTOMER), ("purchase_id", TO_SALE)],
    personal: &[("note", TEXT)],
    ..entity("debt_entry", "debt_entry", Kind::Fact)
};

/// One limit per customer: keyed by her own key, so limits set at two stores are one record and
/// the later one wins.
pub const DEBT_LIMIT: Entity = Entity {
    fields: &["customer_id", "amount", "set_by", "set_at"],
    refs: &[("customer_id", TO_CUSTOMER)],
    key: Some("(SELECT c.key FROM customer c WHERE c.id = NEW.customer_id)"),
    // Its id is the customer's (no `id` column): audited under the customer, not on its own.
    locate: &["customer_id"],
    ..entity("debt_limit", "debt_limit", Kind::Mutable)
};

/// What an import says a customer spent before this app (migration 0023).
pub const OPENING_SPEND: Entity = Entity {
    fields: &["customer_id", "amount", "staff", "at"],
    refs: &[("customer_id", TO_CUSTOMER)],
    ..entity("opening_spend", "opening_spend", Kind::Fact)
};
