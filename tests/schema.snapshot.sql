CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)
CREATE INDEX customer_given_customer ON customer_given(customer_id)
CREATE INDEX customer_merged_into ON customer(merged_into) WHERE merged_into IS NOT NULL
CREATE INDEX customer_name_birthday ON customer(folded_name, birthday)
CREATE INDEX customer_phone_canonical ON customer_phone(canonical)
CREATE INDEX customer_phone_customer ON customer_phone(customer_id)
CREATE UNIQUE INDEX customer_phone_one_primary ON customer_phone(customer_id) WHERE is_primary = 1
CREATE INDEX customer_phone_reversed ON customer_phone(reversed)
CREATE INDEX customer_tag_tag ON customer_tag(tag)
CREATE INDEX preference_customer ON preference(customer_id)
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    staff     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    detail    TEXT NOT NULL DEFAULT '{}'
)
CREATE TABLE customer (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    full_name       TEXT NOT NULL,
    call_name       TEXT NOT NULL,
    address_as      TEXT NOT NULL DEFAULT '',
    gender          TEXT CHECK (gender = 'female' OR gender = 'male' OR gender = 'other'),
    email           TEXT,
    -- 'YYYY-MM-DD', or '--MM-DD' when the year is unknown.
    birthday        TEXT,
    address         TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    contact_channel TEXT CHECK (contact_channel = 'in_store' OR contact_channel = 'phone' OR contact_channel = 'zalo' OR contact_channel = 'sms' OR contact_channel = 'email'),
    -- Folded (accentless, lowercase) full name and call name, kept with the row they derive from.
    folded_name     TEXT NOT NULL,
    folded_call     TEXT NOT NULL,
    last_contact_at TEXT,
    archived_at     TEXT,
    merged_into     INTEGER REFERENCES customer(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
)
CREATE VIRTUAL TABLE customer_fts USING fts5(
    name,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3',
    detail = none
)
CREATE TABLE customer_given (
    token       TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    PRIMARY KEY (token, customer_id)
) WITHOUT ROWID
CREATE TABLE customer_phone (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    canonical   TEXT NOT NULL,
    raw         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind = 'mobile' OR kind = 'landline' OR kind = 'unknown'),
    -- canonical reversed: the last digits staff type become a prefix range on this index.
    reversed    TEXT NOT NULL,
    is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary = 0 OR is_primary = 1),
    position    INTEGER NOT NULL DEFAULT 0
)
CREATE TABLE customer_tag (
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID
CREATE TABLE customer_term (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID
CREATE TABLE preference (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    category    TEXT NOT NULL CHECK (category = 'size' OR category = 'colour' OR category = 'brand' OR category = 'taste' OR category = 'style' OR category = 'other'),
    value       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    -- An alert is shown prominently when the card opens ("dị ứng hải sản").
    is_alert    INTEGER NOT NULL DEFAULT 0 CHECK (is_alert = 0 OR is_alert = 1),
    noted_by    TEXT NOT NULL,
    noted_at    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
)
CREATE TABLE sqlite_sequence(name,seq)
