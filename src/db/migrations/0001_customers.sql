-- Customers, their phones, tags and preferences; the search index; the audit log.
-- CHECK constraints are OR chains, not IN lists: SQLite builds an ephemeral index for an IN list
-- on every insert, which cost a third of bulk-insert time.
-- AUTOINCREMENT so that an id is never reused after a merge or erasure.

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
);
CREATE INDEX customer_name_birthday ON customer(folded_name, birthday);
-- Merged records only (few): live customers are all rows minus these.
CREATE INDEX customer_merged_into ON customer(merged_into) WHERE merged_into IS NOT NULL;

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
);
CREATE INDEX customer_phone_customer ON customer_phone(customer_id);
CREATE INDEX customer_phone_canonical ON customer_phone(canonical);
CREATE INDEX customer_phone_reversed ON customer_phone(reversed);
CREATE UNIQUE INDEX customer_phone_one_primary ON customer_phone(customer_id) WHERE is_primary = 1;

CREATE TABLE customer_tag (
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX customer_tag_tag ON customer_tag(tag);

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
);
CREATE INDEX preference_customer ON preference(customer_id);

-- Folded name words (full name and call name), one row per customer with rowid = -customer.id
-- (see customer/index.rs). Only AND/OR of words and prefixes are asked of it, so it keeps
-- neither positions nor columns.
CREATE VIRTUAL TABLE customer_fts USING fts5(
    name,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3',
    detail = none
);
-- Every folded word ever indexed (a few thousand: Vietnamese names reuse syllables). A query word
-- longer than the prefix indexes is expanded into the words it starts (tran → tran, trang,
-- tranh), which FTS5 reads lazily, instead of materialising every matching row first. `docs`
-- counts customers ever indexed with the word (never decremented): it only tells common words
-- (nguyen, thi, van) from rare ones when planning a query. Not an fts5vocab table: that one
-- counts every posting of each term it returns, on every query.
CREATE TABLE customer_term (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;

-- Folded given-name words (the call name and the last word of the full name): "who is called
-- Hân" is a B-tree range, where asking FTS for a word in one column walks every posting of it.
CREATE TABLE customer_given (
    token       TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    PRIMARY KEY (token, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_given_customer ON customer_given(customer_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    staff     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    detail    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
