-- Proactive care: what the care rules read on the customer, the rules' edits, reminders,
-- message templates, and the interactions that record what staff did.

-- The birthday's day and month are lunar (the year, when known, stays the solar birth year).
ALTER TABLE customer ADD COLUMN birthday_lunar INTEGER NOT NULL DEFAULT 0 CHECK (birthday_lunar IN (0, 1));
-- A yearly lunar date the customer keeps (giỗ): 'MM-DD', with what it is.
ALTER TABLE customer ADD COLUMN anniversary_lunar TEXT;
ALTER TABLE customer ADD COLUMN anniversary_note TEXT NOT NULL DEFAULT '';
-- Promotional messages only with consent; no contact at all once the customer refused it.
ALTER TABLE customer ADD COLUMN marketing_consent INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1));
ALTER TABLE customer ADD COLUMN no_contact INTEGER NOT NULL DEFAULT 0 CHECK (no_contact IN (0, 1));

-- Only rules the shop changed are stored; the others run with the defaults in the code.
CREATE TABLE care_rule (
    kind       TEXT PRIMARY KEY,
    enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- JSON: {offsets, min_purchases, by_category, promotional}
    params     TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE reminder (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    -- What it is about: 'purchase', 'unit', 'claim', or '' for the customer themself.
    subject     TEXT NOT NULL DEFAULT '',
    subject_id  INTEGER,
    -- One occurrence of a rule ('check_in:p42', 'birthday:c7:2026-05-12'): planning twice finds
    -- it instead of adding another. NULL for reminders staff create by hand.
    occurrence  TEXT,
    due_on      TEXT NOT NULL,
    due_at      TEXT NOT NULL,
    assignee    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'snoozed', 'done', 'dismissed')),
    outcome     TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    -- The planning pass that last confirmed it: open ones a pass no longer confirms are removed.
    plan_seq    INTEGER NOT NULL DEFAULT 0,
    -- Set in the same transaction that takes it for a notification: shown once, even after a crash.
    notified_at TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    closed_at   TEXT
);
CREATE UNIQUE INDEX reminder_occurrence ON reminder(occurrence) WHERE occurrence IS NOT NULL;
-- The Today queue: counts per kind and the oldest first, read from the index alone.
CREATE INDEX reminder_waiting ON reminder(due_on, kind, assignee) WHERE status IN ('open', 'snoozed');
-- Counts per kind in index order, without sorting the whole queue.
CREATE INDEX reminder_waiting_kind ON reminder(kind, due_on, assignee) WHERE status IN ('open', 'snoozed');
CREATE INDEX reminder_unannounced ON reminder(due_at) WHERE notified_at IS NULL AND status IN ('open', 'snoozed');
CREATE INDEX reminder_customer ON reminder(customer_id, status);

-- Only templates the shop edited; the defaults live in the code.
CREATE TABLE message_template (
    kind       TEXT NOT NULL,
    locale     TEXT NOT NULL CHECK (locale IN ('vi', 'en')),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, locale)
) WITHOUT ROWID;

CREATE TABLE interaction (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    at          TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('in_store', 'phone', 'zalo', 'messenger', 'sms', 'email')),
    direction   TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    kind        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    staff       TEXT NOT NULL,
    reminder_id INTEGER REFERENCES reminder(id),
    outcome     TEXT
);
CREATE INDEX interaction_customer ON interaction(customer_id, at);
CREATE INDEX interaction_reminder ON interaction(reminder_id) WHERE reminder_id IS NOT NULL;

-- The planner's windows: sales by day, birthdays by month and day; the last live sale of each
-- customer (win-back) from the index alone.
CREATE INDEX purchase_live_sold ON purchase(sold_at, customer_id) WHERE voided_at IS NULL AND customer_id IS NOT NULL;
CREATE INDEX purchase_customer_live ON purchase(customer_id, sold_at) WHERE voided_at IS NULL AND customer_id IS NOT NULL;
-- Warranties ending in a window, with their owner, from the index alone.
CREATE INDEX unit_care ON unit(warranty_end, customer_id) WHERE status = 'sold' AND warranty_months > 0 AND customer_id IS NOT NULL;
CREATE INDEX customer_birthday_md ON customer(substr(birthday, -5)) WHERE birthday IS NOT NULL;
-- The few customers with lunar dates, found without reading a million rows.
CREATE INDEX customer_lunar_birthday ON customer(id) WHERE birthday_lunar = 1;
CREATE INDEX customer_anniversary ON customer(id) WHERE anniversary_lunar IS NOT NULL;
-- The few customers care must not contact (the planner excludes them without reading rows).
CREATE INDEX customer_unreachable ON customer(id)
    WHERE archived_at IS NOT NULL OR merged_into IS NOT NULL OR no_contact = 1;
-- Win-back: who was last contacted on a given day.
CREATE INDEX customer_last_contact ON customer(last_contact_at) WHERE last_contact_at IS NOT NULL;
