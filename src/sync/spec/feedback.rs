//! Touchpoints, scores, complaints and promises, as they travel.

use super::{entity, Entity, Kind, Owner, Target, TEXT, TO_CUSTOMER};

pub const COMPLAINT: Entity = Entity {
    fields: &[
        "code",
        "customer_id",
        "category",
        "severity",
        "owner",
        "status",
        "channel",
        "summary",
        "purchase_id",
        "claim_id",
        "opened_at",
        "respond_by",
        "resolve_by",
        "first_response_at",
        "resolved_at",
        "closed_at",
        "response_minutes",
        "resolution_minutes",
        "resolution",
        "created_by",
        "updated_at",
        "store",
    ],
    refs: &[
        ("customer_id", TO_CUSTOMER),
        ("purchase_id", Target::Entity("sale")),
        ("claim_id", Target::Entity("claim")),
    ],
    personal: &[("summary", TEXT), ("resolution", TEXT)],
    ..entity("complaint", "complaint", Kind::Mutable)
};

pub const COMPLAINT_EVENT: Entity = Entity {
    fields: &["complaint_id", "at", "staff", "from_status", "to_status", "note"],
    refs: &[("complaint_id", Target::Entity("complaint"))],
    owner: Owner::Via("complaint_id", "complaint"),
    personal: &[("note", TEXT)],
    ..entity("complaint_event", "complaint_event", Kind::Fact)
};

pub const GOODWILL: Entity = Entity {
    fields: &["complaint_id", "what", "value", "approved_by", "at", "staff", "pin_approved"],
    refs: &[("complaint_id", Target::Entity("complaint"))],
    owner: Owner::Via("complaint_id", "complaint"),
    personal: &[("what", "'—'")],
    ..entity("goodwill", "goodwill", Kind::Fact)
};

// `reminder_id` stays home: reminders are planned by each store from the synced facts.
pub const INTERACTION: Entity = Entity {
    fields: &[
        "customer_id",
        "at",
        "channel",
        "direction",
        "kind",
        "summary",
        "staff",
        "outcome",
        "purchase_id",
        "claim_id",
        "complaint_id",
        "resolved_first",
        "store",
    ],
    refs: &[
        ("customer_id", TO_CUSTOMER),
        ("purchase_id", Target::Entity("sale")),
        ("claim_id", Target::Entity("claim")),
        ("complaint_id", Target::Entity("complaint")),
    ],
    personal: &[("summary", TEXT)],
    ..entity("interaction", "interaction", Kind::Fact)
};

pub const SCORE: Entity = Entity {
    fields: &[
        "customer_id",
        "at",
        "metric",
        "score",
        "comment",
        "low",
        "interaction_id",
        "claim_id",
        "complaint_id",
        "staff",
    ],
    refs: &[
        ("customer_id", TO_CUSTOMER),
        ("interaction_id", Target::Entity("interaction")),
        ("claim_id", Target::Entity("claim")),
        ("complaint_id", Target::Entity("complaint")),
    ],
    personal: &[("comment", TEXT)],
    ..entity("score", "feedback", Kind::Fact)
};

pub const PROMISE: Entity = Entity {
    fields: &[
        "customer_id",
        "text",
        "owner",
        "due_on",
        "status",
        "close_note",
        "created_by",
        "created_at",
        "closed_at",
    ],
    refs: &[("customer_id", TO_CUSTOMER)],
    personal: &[("text", "'—'"), ("close_note", TEXT)],
    ..entity("promise", "promise", Kind::Mutable)
};
