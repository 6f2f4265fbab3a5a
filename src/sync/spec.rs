//! Which tables travel between sites, and how: one line per kind of record. The capture triggers
//! of migration 0015 are generated from this list (`sync::ddl`), and `apply` reads it to fold
//! other sites' changes in, so the two can never disagree about a column.

/// How a kind of record merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Fields edited in place: last writer wins per field. A deleted row is a tombstone field
    /// (`deleted`), ordered like any edit.
    Mutable,
    /// Written once and never edited: applied once by key, a second copy ignored.
    Fact,
}

/// What a column holding another record's local id points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Always this kind of record.
    Entity(&'static str),
    /// The kind named by another column of the row (the audit log's `entity`, `entity_id`).
    NamedBy(&'static str),
}

/// Whose personal data a record holds: erasure redacts by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The record is the customer.
    Itself,
    /// The customer this column points at (`customer_id`).
    Column(&'static str),
    /// The owner of the record this column points at (a claim event belongs to its claim's).
    Via(&'static str, &'static str),
    /// The customer of the record the audit row is about.
    Audited,
    /// Nobody's (products, policies).
    Nobody,
}

#[derive(Debug, Clone, Copy)]
pub struct Entity {
    /// The name changes carry (`Change::entity`).
    pub name: &'static str,
    pub table: &'static str,
    pub kind: Kind,
    /// Every column that travels (the local id and the key never do).
    pub fields: &'static [&'static str],
    /// Columns holding local ids of other records: they travel as those records' keys.
    pub refs: &'static [(&'static str, Target)],
    pub owner: Owner,
    /// Columns that hold personal data, with what erasure leaves in them (`NULL` or `''`).
    pub personal: &'static [(&'static str, &'static str)],
    /// The SQL that names a new row's chain-wide key, when not a random UUIDv7 (taken when it
    /// gives NULL or a key already used).
    pub key: Option<&'static str>,
    /// The columns that find the row inside a trigger (`rowid`, or the primary key of a
    /// `WITHOUT ROWID` table).
    pub locate: &'static [&'static str],
    /// Sets kept in another table that travel as one field of this record, last writer wins
    /// on the whole set: (field, table, column, the table's column pointing at this record).
    /// A customer's tags: keyed by the tag they would carry her words in every key.
    pub sets: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

const ROWID: &[&str] = &["rowid"];
const TEXT: &str = "''";
const NULL: &str = "NULL";
const CUSTOMER: Target = Target::Entity("customer");
const BY_CUSTOMER: Owner = Owner::Column("customer_id");

const fn entity(name: &'static str, table: &'static str, kind: Kind) -> Entity {
    Entity {
        name,
        table,
        kind,
        fields: &[],
        refs: &[],
        owner: BY_CUSTOMER,
        personal: &[],
        key: None,
        locate: ROWID,
        sets: &[],
    }
}

/// Parents before children: a snapshot written in this order applies without waiting.
pub const ENTITIES: &[Entity] = &[
    Entity {
        fields: &["name", "text", "rules", "archived_at", "updated_at"],
        owner: Owner::Nobody,
        // The three presets every database is created with are one policy chain-wide.
        key: Some("CASE WHEN NEW.id <= 3 THEN '00000000-0000-7000-8000-00000000000' || NEW.id END"),
        ..entity("policy", "policy", Kind::Mutable)
    },
    Entity {
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
    },
    Entity {
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
        ],
        refs: &[("merged_into", CUSTOMER)],
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
    },
    Entity {
        fields: &["customer_id", "canonical", "raw", "kind", "reversed", "is_primary", "position"],
        refs: &[("customer_id", CUSTOMER)],
        personal: &[("canonical", TEXT), ("raw", TEXT), ("kind", "'unknown'"), ("reversed", TEXT)],
        // By place on the card, never by number: a key travels for ever and must not hold her
        // phone. Rewriting the card's phones rewrites the same records.
        key: Some(
            "(SELECT key FROM customer WHERE id = NEW.customer_id) || '/phone/' || NEW.position",
        ),
        ..entity("customer_phone", "customer_phone", Kind::Mutable)
    },
    Entity {
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
        refs: &[("customer_id", CUSTOMER)],
        personal: &[("value", TEXT), ("note", TEXT)],
        ..entity("preference", "preference", Kind::Mutable)
    },
    Entity {
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
        ],
        refs: &[("customer_id", CUSTOMER)],
        personal: &[("note", TEXT), ("void_reason", NULL)],
        ..entity("sale", "purchase", Kind::Mutable)
    },
    // Lines and units are rewritten when a sale is corrected (`purchase::revise`): mutable, so
    // the correction travels; their figures are never personal.
    Entity {
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
    },
    Entity {
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
            ("customer_id", CUSTOMER),
            ("replaces_unit_id", Target::Entity("unit")),
        ],
        ..entity("unit", "unit", Kind::Mutable)
    },
    Entity {
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
        ],
        refs: &[
            ("unit_id", Target::Entity("unit")),
            ("customer_id", CUSTOMER),
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
    },
    Entity {
        fields: &["claim_id", "happened_on", "at", "staff", "from_status", "to_status", "note"],
        refs: &[("claim_id", Target::Entity("claim"))],
        owner: Owner::Via("claim_id", "claim"),
        personal: &[("note", TEXT)],
        ..entity("claim_event", "claim_event", Kind::Fact)
    },
    Entity {
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
        ],
        refs: &[
            ("customer_id", CUSTOMER),
            ("purchase_id", Target::Entity("sale")),
            ("claim_id", Target::Entity("claim")),
        ],
        personal: &[("summary", TEXT), ("resolution", TEXT)],
        ..entity("complaint", "complaint", Kind::Mutable)
    },
    Entity {
        fields: &["complaint_id", "at", "staff", "from_status", "to_status", "note"],
        refs: &[("complaint_id", Target::Entity("complaint"))],
        owner: Owner::Via("complaint_id", "complaint"),
        personal: &[("note", TEXT)],
        ..entity("complaint_event", "complaint_event", Kind::Fact)
    },
    Entity {
        fields: &["complaint_id", "what", "value", "approved_by", "at", "staff", "pin_approved"],
        refs: &[("complaint_id", Target::Entity("complaint"))],
        owner: Owner::Via("complaint_id", "complaint"),
        personal: &[("what", "'—'")],
        ..entity("goodwill", "goodwill", Kind::Fact)
    },
    Entity {
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
        ],
        refs: &[
            ("line_id", Target::Entity("sale_line")),
            ("unit_id", Target::Entity("unit")),
            ("customer_id", CUSTOMER),
            ("exchange_purchase_id", Target::Entity("sale")),
            ("claim_id", Target::Entity("claim")),
        ],
        personal: &[("reason", TEXT), ("override_reason", NULL)],
        ..entity("return", "return_case", Kind::Fact)
    },
    // `reminder_id` stays home: reminders are planned by each store from the synced facts.
    Entity {
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
        ],
        refs: &[
            ("customer_id", CUSTOMER),
            ("purchase_id", Target::Entity("sale")),
            ("claim_id", Target::Entity("claim")),
            ("complaint_id", Target::Entity("complaint")),
        ],
        personal: &[("summary", TEXT)],
        ..entity("interaction", "interaction", Kind::Fact)
    },
    Entity {
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
            ("customer_id", CUSTOMER),
            ("interaction_id", Target::Entity("interaction")),
            ("claim_id", Target::Entity("claim")),
            ("complaint_id", Target::Entity("complaint")),
        ],
        personal: &[("comment", TEXT)],
        ..entity("score", "feedback", Kind::Fact)
    },
    Entity {
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
        refs: &[("customer_id", CUSTOMER)],
        personal: &[("text", "'—'"), ("close_note", TEXT)],
        ..entity("promise", "promise", Kind::Mutable)
    },
    Entity {
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
        refs: &[("customer_id", CUSTOMER)],
        personal: &[("evidence", TEXT)],
        ..entity("consent", "consent", Kind::Fact)
    },
    Entity {
        fields: &["at", "staff", "action", "entity", "entity_id", "detail"],
        refs: &[("entity_id", Target::NamedBy("entity"))],
        owner: Owner::Audited,
        personal: &[("detail", "'{\"redacted\":true}'")],
        ..entity("audit", "audit_log", Kind::Fact)
    },
];

/// Columns of synced tables that stay home, each with why: a new column fails
/// `tests/sync_spec.rs` until it is placed here or in `fields`.
pub const LOCAL: &[(&str, &str, &str)] = &[
    ("customer", "folded_name", "derived from full_name on every site"),
    ("customer", "folded_call", "derived from call_name on every site"),
    ("customer", "erased_at", "set by carrying out the erasure a redact change brings"),
    ("interaction", "reminder_id", "reminders are planned by each store"),
];

pub fn by_name(name: &str) -> Option<&'static Entity> {
    ENTITIES.iter().find(|e| e.name == name)
}

/// The audit log names records by these words; most are the synced entity's own name.
pub fn audited_as(e: &Entity) -> &'static str {
    match e.name {
        "sale" => "purchase",
        "score" => "feedback",
        other => other,
    }
}

impl Entity {
    pub fn target(&self, column: &str) -> Option<Target> {
        self.refs.iter().find(|(c, _)| *c == column).map(|(_, t)| *t)
    }
}
