//! The catalogue, sales, sold units and warranty claims, as they travel.

use super::{entity, Entity, Kind, Owner, Target, NULL, TEXT, TO_CUSTOMER};

pub const POLICY: Entity = Entity {
    fields: &["name", "text", "rules", "archived_at", "updated_at"],
    owner: Owner::Nobody,
    // The three presets every database is created with are one policy chain-wide.
    key: Some("CASE WHEN NEW.id <= 3 THEN '00000000-0000-7000-8000-00000000000' || NEW.id END"),
    ..entity("policy", "policy", Kind::Mutable)
};

pub const PRODUCT: Entity = Entity {
    fields: &[
        "code",
        "name",
        "folded_name",
        "category",
        "price",
        "warranty_months",
        "exchange_days",
        "policy_id",
        "repurchase_days",
        "serial_required",
        "archived_at",
        "created_at",
        "updated_at",
    ],
    refs: &[("policy_id", Target::Entity("policy"))],
    owner: Owner::Nobody,
    ..entity("product", "product", Kind::Mutable)
};

pub const SALE: Entity = Entity {
    fields: &[
        "receipt_no",
        "sold_at",
        "customer_id",
        "staff",
        "total",
        "note",
        "voided_at",
        "void_reason",
        "created_at",
        "updated_at",
        "store",
    ],
    refs: &[("customer_id", TO_CUSTOMER)],
    personal: &[("note", TEXT), ("void_reason", NULL)],
    ..entity("sale", "purchase", Kind::Mutable)
};

// Lines and units are rewritten when a sale is corrected (`purchase::revise`): mutable, so
// the correction travels; their figures are never personal.
pub const SALE_LINE: Entity = Entity {
    fields: &[
        "purchase_id",
        "position",
        "product_id",
        "product_name",
        "quantity",
        "unit_price",
        "discount",
        "warranty_months",
        "exchange_days",
        "policy",
    ],
    refs: &[("purchase_id", Target::Entity("sale")), ("product_id", Target::Entity("product"))],
    owner: Owner::Via("purchase_id", "sale"),
    ..entity("sale_line", "purchase_line", Kind::Mutable)
};

pub const UNIT: Entity = Entity {
    fields: &[
        "line_id",
        "customer_id",
        "serial",
        "serial_reversed",
        "status",
        "warranty_start",
        "warranty_months",
        "exchange_days",
        "extension_days",
        "warranty_end",
        "replaces_unit_id",
        "updated_at",
    ],
    refs: &[
        ("line_id", Target::Entity("sale_line")),
        ("customer_id", TO_CUSTOMER),
        ("replaces_unit_id", Target::Entity("unit")),
    ],
    ..entity("unit", "unit", Kind::Mutable)
};

pub const CLAIM: Entity = Entity {
    fields: &[
        "code",
        "unit_id",
        "customer_id",
        "product_name",
        "serial",
        "status",
        "under_warranty",
        "received_on",
        "symptom",
        "condition_note",
        "accessories",
        "lock_note",
        "promised_on",
        "loan_unit",
        "technician",
        "service_center",
        "sent_on",
        "back_on",
        "quote",
        "quote_approved",
        "fee_charged",
        "internal_cost",
        "resolution_note",
        "replacement_unit_id",
        "refund_amount",
        "closed_on",
        "opened_by",
        "created_at",
        "updated_at",
        "loan_lent_on",
        "loan_returned_on",
        // Issue 15, claims: the latest branch of its events staff acknowledged.
        "conflict_seen",
        "store",
    ],
    refs: &[
        ("unit_id", Target::Entity("unit")),
        ("customer_id", TO_CUSTOMER),
        ("replacement_unit_id", Target::Entity("unit")),
    ],
    personal: &[
        ("symptom", TEXT),
        ("condition_note", TEXT),
        ("accessories", TEXT),
        ("lock_note", TEXT),
        ("loan_unit", TEXT),
        ("resolution_note", TEXT),
    ],
    ..entity("claim", "claim", Kind::Mutable)
};

pub const CLAIM_EVENT: Entity = Entity {
    fields: &[
        "claim_id",
        "happened_on",
        "at",
        "staff",
        "from_status",
        "to_status",
        "note",
        // Issue 15, claims: the writer's clock, which orders a claim's events chain-wide.
        "clock",
    ],
    refs: &[("claim_id", Target::Entity("claim"))],
    owner: Owner::Via("claim_id", "claim"),
    personal: &[("note", TEXT)],
    ..entity("claim_event", "claim_event", Kind::Fact)
};

pub const RETURN: Entity = Entity {
    fields: &[
        "line_id",
        "unit_id",
        "customer_id",
        "returned_on",
        "quantity",
        "faulty",
        "intact",
        "has_receipt",
        "reason",
        "verdict",
        "outcome",
        "override_reason",
        "refund_amount",
        "credit_amount",
        "exchange_purchase_id",
        "claim_id",
        "staff",
        "created_at",
        "approved_by",
        "store",
    ],
    refs: &[
        ("line_id", Target::Entity("sale_line")),
        ("unit_id", Target::Entity("unit")),
        ("customer_id", TO_CUSTOMER),
        ("exchange_purchase_id", Target::Entity("sale")),
        ("claim_id", Target::Entity("claim")),
    ],
    personal: &[("reason", TEXT), ("override_reason", NULL)],
    ..entity("return", "return_case", Kind::Fact)
};
