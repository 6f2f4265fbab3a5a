//! The customer's records, her consents and the audit log, as they travel.

use super::{entity, Entity, Kind, Owner, Target, NULL, TEXT, TO_CUSTOMER};

pub const CUSTOMER: Entity = Entity {
    fields: &[
        "full_name",
        "call_name",
        "address_as",
        "gender",
        "email",
        "birthday",
        "address",
        "notes",
        "contact_channel",
        "last_contact_at",
        "archived_at",
        "merged_into",
        "created_at",
        "updated_at",
        "code",
        "birthday_lunar",
        "anniversary_lunar",
        "anniversary_note",
        "marketing_consent",
        "no_contact",
        "restricted_at",
        "care_consent",
        "consent_to_confirm",
        "locale",
        "home_store",
        "home_chosen",
    ],
    refs: &[("merged_into", TO_CUSTOMER)],
    owner: Owner::Itself,
    personal: &[
        ("full_name", TEXT),
        ("call_name", TEXT),
        ("address_as", TEXT),
        ("gender", NULL),
        ("email", NULL),
        ("birthday", NULL),
        ("address", TEXT),
        ("notes", TEXT),
        ("contact_channel", NULL),
        ("code", NULL),
        ("anniversary_lunar", NULL),
        ("anniversary_note", TEXT),
        ("locale", "'vi'"),
        ("tags", "json('[]')"),
    ],
    sets: &[("tags", "customer_tag", "tag", "customer_id")],
    ..entity("customer", "customer", Kind::Mutable)
};

pub const CUSTOMER_PHONE: Entity = Entity {
    fields: &["customer_id", "canonical", "raw", "kind", "reversed", "is_primary", "position"],
    refs: &[("customer_id", TO_CUSTOMER)],
    personal: &[("canonical", TEXT), ("raw", TEXT), ("kind", "'unknown'"), ("reversed", TEXT)],
    // By place on the card, never by number: a key travels for ever and must not hold her
    // phone. Rewriting the card's phones rewrites the same records.
    key: Some("(SELECT key FROM customer WHERE id = NEW.customer_id) || '/phone/' || NEW.position"),
    ..entity("customer_phone", "customer_phone", Kind::Mutable)
};

pub const PREFERENCE: Entity = Entity {
    fields: &[
        "customer_id",
        "category",
        "value",
        "note",
        "is_alert",
        "noted_by",
        "noted_at",
        "updated_at",
    ],
    refs: &[("customer_id", TO_CUSTOMER)],
    personal: &[("value", TEXT), ("note", TEXT)],
    ..entity("preference", "preference", Kind::Mutable)
};

pub const CONSENT: Entity = Entity {
    fields: &[
        "customer_id",
        "purpose",
        "granted",
        "method",
        "text_version",
        "evidence",
        "staff",
        "at",
    ],
    refs: &[("customer_id", TO_CUSTOMER)],
    personal: &[("evidence", TEXT)],
    ..entity("consent", "consent", Kind::Fact)
};

pub const AUDIT: Entity = Entity {
    fields: &["at", "staff", "action", "entity", "entity_id", "detail"],
    refs: &[("entity_id", Target::NamedBy("entity"))],
    owner: Owner::Audited,
    personal: &[("detail", "'{\"redacted\":true}'")],
    ..entity("audit", "audit_log", Kind::Fact)
};
