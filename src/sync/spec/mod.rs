//! Which tables travel between sites, and how: one line per kind of record. The capture triggers
//! of migration 0015 are generated from this list (`sync::ddl`), and `apply` reads it to fold
//! other sites' changes in, so the two can never disagree about a column.

mod chain;
mod customers;
mod feedback;
mod loyalty;
mod sales;

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

/// The column naming the store (site code) a record was made at. A synced table with it in its
/// fields has its own new rows stamped by the capture trigger (`ddl`); rows from other sites
/// arrive with theirs.
pub const STORE: &str = "store";

pub(super) const ROWID: &[&str] = &["rowid"];
pub(super) const TEXT: &str = "''";
pub(super) const NULL: &str = "NULL";
pub(super) const TO_CUSTOMER: Target = Target::Entity("customer");
pub(super) const BY_CUSTOMER: Owner = Owner::Column("customer_id");

pub(super) const fn entity(name: &'static str, table: &'static str, kind: Kind) -> Entity {
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
    // Issue 15, who does what in a chain: staff before the audit rows naming them.
    chain::STAFF,
    chain::ROLE_PERMISSION,
    chain::CARE_RULE,
    chain::TEMPLATE,
    sales::POLICY,
    sales::PRODUCT,
    // Issue 17: loyalty.
    loyalty::MEMBER_TIER,
    customers::CUSTOMER,
    customers::CUSTOMER_PHONE,
    customers::PREFERENCE,
    sales::SALE,
    sales::SALE_LINE,
    sales::UNIT,
    sales::CLAIM,
    sales::CLAIM_EVENT,
    feedback::COMPLAINT,
    feedback::COMPLAINT_EVENT,
    feedback::GOODWILL,
    sales::RETURN,
    feedback::INTERACTION,
    feedback::SCORE,
    feedback::PROMISE,
    // Issue 17: loyalty.
    loyalty::VOUCHER,
    loyalty::PURCHASE_TENDER,
    loyalty::POINT_ENTRY,
    loyalty::VOUCHER_USE,
    loyalty::CREDIT_ENTRY,
    loyalty::DEBT_ENTRY,
    loyalty::DEBT_LIMIT,
    loyalty::OPENING_SPEND,
    customers::CONSENT,
    customers::AUDIT,
];

/// Columns of synced tables that stay home, each with why: a new column fails
/// `tests/sync_spec.rs` until it is placed here or in `fields`.
pub const LOCAL: &[(&str, &str, &str)] = &[
    ("customer", "folded_name", "derived from full_name on every site"),
    ("customer", "folded_call", "derived from call_name on every site"),
    ("customer", "erased_at", "set by carrying out the erasure a redact change brings"),
    ("interaction", "reminder_id", "reminders are planned by each store"),
    // Issue 15, who does what in a chain: a staff member's attempts at this counter.
    ("staff", "failed_pins", "wrong PINs typed at this counter"),
    ("staff", "locked_until", "a lockout is of this counter's attempts"),
    ("staff", "lock_level", "a lockout is of this counter's attempts"),
    ("staff", "locked_at", "a lockout is of this counter's attempts"),
    // Issue 17: loyalty.
    ("point_entry", "import_batch", "an import is undone only at the store that made it"),
    ("debt_entry", "import_batch", "an import is undone only at the store that made it"),
    ("opening_spend", "import_batch", "an import is undone only at the store that made it"),
    // Issue 15, claims: the branch of its events is found by each site's own fold.
    ("claim", "conflict", "derived from the claim's events on every site"),
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

    /// Whether `column` points at a customer and follows her merges: what points at a merged
    /// customer points at the one she became, at every site. Not a merge's own link (followed
    /// through, it would differ from site to site, and a merge each way would point a record at
    /// itself), and not a phone's: a phone moves by a change of its own, captured where the
    /// merge was made (`ddl::moved_owner`).
    pub fn follows_merges(&self, column: &str) -> bool {
        self.target(column) == Some(Target::Entity("customer"))
            && column != "merged_into"
            && self.name != "customer_phone"
    }
}
