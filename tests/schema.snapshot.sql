CREATE INDEX audit_log_at ON audit_log(at)
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)
CREATE INDEX audit_log_staff ON audit_log(staff, at)
CREATE INDEX claim_closed ON claim(closed_on) WHERE closed_on IS NOT NULL
CREATE INDEX claim_customer ON claim(customer_id)
CREATE INDEX claim_event_claim ON claim_event(claim_id)
CREATE INDEX claim_open ON claim(status) WHERE closed_on IS NULL
CREATE INDEX claim_received ON claim(received_on)
CREATE INDEX claim_unit ON claim(unit_id)
CREATE INDEX complaint_customer ON complaint(customer_id, opened_at)
CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id)
CREATE INDEX complaint_live ON complaint(status, respond_by) WHERE status <> 'resolved' AND status <> 'closed'
CREATE INDEX complaint_opened ON complaint(opened_at)
CREATE INDEX complaint_resolved ON complaint(resolved_at) WHERE resolved_at IS NOT NULL
CREATE INDEX consent_customer ON consent(customer_id, purpose, id)
CREATE INDEX customer_anniversary ON customer(id) WHERE anniversary_lunar IS NOT NULL
CREATE INDEX customer_birthday_md ON customer(substr(birthday, -5)) WHERE birthday IS NOT NULL
CREATE UNIQUE INDEX customer_code ON customer(code) WHERE code IS NOT NULL
CREATE INDEX customer_consent ON customer(id) WHERE marketing_consent = 1
CREATE INDEX customer_given_customer ON customer_given(customer_id)
CREATE INDEX customer_last_contact ON customer(last_contact_at) WHERE last_contact_at IS NOT NULL
CREATE INDEX customer_lunar_birthday ON customer(id) WHERE birthday_lunar = 1
CREATE INDEX customer_merged_into ON customer(merged_into) WHERE merged_into IS NOT NULL
CREATE INDEX customer_name_birthday ON customer(folded_name, birthday)
CREATE INDEX customer_phone_canonical ON customer_phone(canonical)
CREATE INDEX customer_phone_customer ON customer_phone(customer_id)
CREATE UNIQUE INDEX customer_phone_one_primary ON customer_phone(customer_id) WHERE is_primary = 1
CREATE INDEX customer_phone_reversed ON customer_phone(reversed)
CREATE INDEX customer_restricted ON customer(id) WHERE restricted_at IS NOT NULL
CREATE INDEX customer_tag_tag ON customer_tag(tag)
CREATE INDEX customer_unreachable ON customer(id)
    WHERE archived_at IS NOT NULL OR merged_into IS NOT NULL OR no_contact = 1
CREATE INDEX customer_value_first ON customer_value(first_at)
CREATE INDEX customer_value_last ON customer_value(last_at)
CREATE INDEX customer_value_value ON customer_value(value)
CREATE INDEX data_request_customer ON data_request(customer_id)
CREATE INDEX data_request_open ON data_request(due_on) WHERE done_on IS NULL
CREATE INDEX feedback_at ON feedback(at, metric, score, staff)
CREATE INDEX feedback_customer ON feedback(customer_id, at)
CREATE INDEX feedback_low ON feedback(at) WHERE low = 1
CREATE INDEX goodwill_complaint ON goodwill(complaint_id)
CREATE INDEX interaction_at ON interaction(at)
CREATE INDEX interaction_customer ON interaction(customer_id, at)
CREATE INDEX interaction_reminder ON interaction(reminder_id) WHERE reminder_id IS NOT NULL
CREATE INDEX preference_customer ON preference(customer_id)
CREATE INDEX product_folded_name ON product(folded_name)
CREATE INDEX promise_customer ON promise(customer_id, status)
CREATE INDEX promise_due ON promise(due_on, status, owner)
CREATE INDEX purchase_customer ON purchase(customer_id, sold_at)
CREATE INDEX purchase_customer_live ON purchase(customer_id, sold_at) WHERE voided_at IS NULL AND customer_id IS NOT NULL
CREATE INDEX purchase_line_purchase ON purchase_line(purchase_id)
CREATE INDEX purchase_live_sold ON purchase(sold_at, customer_id) WHERE voided_at IS NULL AND customer_id IS NOT NULL
CREATE INDEX purchase_revision_customer ON purchase_revision(json_extract(before, '$.customer_id'))
CREATE INDEX purchase_revision_purchase ON purchase_revision(purchase_id)
CREATE INDEX reminder_closed ON reminder(closed_at) WHERE closed_at IS NOT NULL
CREATE INDEX reminder_customer ON reminder(customer_id, status)
CREATE UNIQUE INDEX reminder_occurrence ON reminder(occurrence) WHERE occurrence IS NOT NULL
CREATE INDEX reminder_unannounced ON reminder(due_at) WHERE notified_at IS NULL AND status IN ('open', 'snoozed')
CREATE INDEX reminder_waiting ON reminder(due_on, kind, assignee) WHERE status IN ('open', 'snoozed')
CREATE INDEX reminder_waiting_kind ON reminder(kind, due_on, assignee) WHERE status IN ('open', 'snoozed')
CREATE INDEX return_case_customer ON return_case(customer_id)
CREATE INDEX return_case_line ON return_case(line_id)
CREATE INDEX unit_care ON unit(warranty_end, customer_id) WHERE status = 'sold' AND warranty_months > 0 AND customer_id IS NOT NULL
CREATE INDEX unit_customer ON unit(customer_id)
CREATE INDEX unit_line ON unit(line_id)
CREATE INDEX unit_serial ON unit(serial) WHERE serial IS NOT NULL
CREATE INDEX unit_serial_reversed ON unit(serial_reversed) WHERE serial_reversed IS NOT NULL
CREATE INDEX unit_warranty_end ON unit(warranty_end)
CREATE INDEX unit_warranty_start ON unit(warranty_start) WHERE warranty_months > 0
CREATE TABLE alert_ack (
    preference_id INTEGER NOT NULL REFERENCES preference(id) ON DELETE CASCADE,
    version       TEXT NOT NULL,
    staff         TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (preference_id, version, staff)
) WITHOUT ROWID
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    staff     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    detail    TEXT NOT NULL DEFAULT '{}'
)
CREATE TABLE campaign (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL CHECK (name <> ''),
    segment    TEXT NOT NULL,
    body       TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    assignee   TEXT NOT NULL DEFAULT '',
    reminders  INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
, channel TEXT NOT NULL DEFAULT 'marketing_zalo'
    CHECK (channel = 'marketing_zalo' OR channel = 'marketing_sms' OR channel = 'marketing_email'))
CREATE TABLE care_rule (
    kind       TEXT PRIMARY KEY,
    enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- JSON: {offsets, min_purchases, by_category, promotional}
    params     TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID
CREATE TABLE claim (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    code                TEXT NOT NULL UNIQUE,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    customer_id         INTEGER REFERENCES customer(id),
    -- The item as received, copied so the claim board reads one table.
    product_name        TEXT NOT NULL,
    serial              TEXT,
    status              TEXT NOT NULL CHECK (status = 'received' OR status = 'diagnosing' OR status = 'awaiting_approval' OR status = 'repairing' OR status = 'at_service_center' OR status = 'awaiting_parts' OR status = 'ready' OR status = 'returned' OR status = 'replaced' OR status = 'refunded' OR status = 'rejected' OR status = 'declined' OR status = 'cancelled'),
    -- Covered when received: decides whether the days held extend the warranty.
    under_warranty      INTEGER NOT NULL CHECK (under_warranty = 0 OR under_warranty = 1),
    received_on         TEXT NOT NULL,
    symptom             TEXT NOT NULL,
    condition_note      TEXT NOT NULL DEFAULT '',
    accessories         TEXT NOT NULL DEFAULT '',
    lock_note           TEXT NOT NULL DEFAULT '',
    promised_on         TEXT,
    loan_unit           TEXT NOT NULL DEFAULT '',
    technician          TEXT NOT NULL DEFAULT '',
    service_center      TEXT NOT NULL DEFAULT '',
    sent_on             TEXT,
    back_on             TEXT,
    quote               INTEGER CHECK (quote >= 0),
    quote_approved      INTEGER,
    fee_charged         INTEGER NOT NULL DEFAULT 0 CHECK (fee_charged >= 0),
    internal_cost       INTEGER NOT NULL DEFAULT 0 CHECK (internal_cost >= 0),
    resolution_note     TEXT NOT NULL DEFAULT '',
    replacement_unit_id INTEGER REFERENCES unit(id),
    refund_amount       INTEGER,
    closed_on           TEXT,
    opened_by           TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
, loan_lent_on TEXT, loan_returned_on TEXT)
CREATE TABLE claim_event (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id    INTEGER NOT NULL REFERENCES claim(id),
    -- The day it happened (may be entered later), and when it was recorded.
    happened_on TEXT NOT NULL,
    at          TEXT NOT NULL,
    staff       TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
)
CREATE TABLE complaint (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    code               TEXT NOT NULL UNIQUE,
    customer_id        INTEGER NOT NULL REFERENCES customer(id),
    category           TEXT NOT NULL CHECK (category = 'product' OR category = 'service' OR category = 'staff' OR category = 'price' OR category = 'warranty' OR category = 'delivery' OR category = 'other'),
    severity           TEXT NOT NULL CHECK (severity = 'low' OR severity = 'medium' OR severity = 'high' OR severity = 'critical'),
    owner              TEXT NOT NULL CHECK (owner <> ''),
    status             TEXT NOT NULL CHECK (status = 'open' OR status = 'in_progress' OR status = 'waiting_customer' OR status = 'resolved' OR status = 'closed'),
    channel            TEXT NOT NULL,
    summary            TEXT NOT NULL,
    purchase_id        INTEGER REFERENCES purchase(id),
    claim_id           INTEGER REFERENCES claim(id),
    opened_at          TEXT NOT NULL,
    -- Service targets, fixed when the case opens (or its severity changes), counted in the
    -- shop's opening hours as they were then.
    respond_by         TEXT NOT NULL,
    resolve_by         TEXT NOT NULL,
    first_response_at  TEXT,
    resolved_at        TEXT,
    closed_at          TEXT,
    -- Opening-hours minutes from opening, frozen when reached: the KPIs never recount them.
    response_minutes   INTEGER,
    resolution_minutes INTEGER,
    resolution         TEXT NOT NULL DEFAULT '',
    created_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
)
CREATE TABLE complaint_event (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    at           TEXT NOT NULL,
    staff        TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
)
CREATE TABLE consent (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id  INTEGER NOT NULL REFERENCES customer(id),
    purpose      TEXT NOT NULL CHECK (purpose = 'care_calls' OR purpose = 'marketing_zalo' OR purpose = 'marketing_sms' OR purpose = 'marketing_email'),
    granted      INTEGER NOT NULL CHECK (granted = 0 OR granted = 1),
    method       TEXT NOT NULL CHECK (method = 'paper_form' OR method = 'in_store' OR method = 'phone' OR method = 'zalo' OR method = 'sms' OR method = 'email'),
    -- The consent text the customer was shown (consent_text.version).
    text_version TEXT NOT NULL,
    evidence     TEXT NOT NULL DEFAULT '',
    staff        TEXT NOT NULL,
    at           TEXT NOT NULL
)
CREATE TABLE consent_text (
    version    TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID
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
, birthday_lunar INTEGER NOT NULL DEFAULT 0 CHECK (birthday_lunar IN (0, 1)), anniversary_lunar TEXT, anniversary_note TEXT NOT NULL DEFAULT '', marketing_consent INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)), no_contact INTEGER NOT NULL DEFAULT 0 CHECK (no_contact IN (0, 1)), code TEXT, restricted_at TEXT, erased_at TEXT, care_consent INTEGER NOT NULL DEFAULT 0, consent_to_confirm INTEGER NOT NULL DEFAULT 0, locale TEXT NOT NULL DEFAULT 'vi' CHECK (locale = 'vi' OR locale = 'en'))
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
CREATE TABLE customer_value (
    customer_id INTEGER PRIMARY KEY REFERENCES customer(id),
    value       INTEGER NOT NULL,
    purchases   INTEGER NOT NULL,
    first_at    TEXT NOT NULL,
    last_at     TEXT NOT NULL
)
CREATE TABLE customer_value_total (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    buyers INTEGER NOT NULL,
    value  INTEGER NOT NULL
)
CREATE TABLE daily_contact (
    day          TEXT NOT NULL,
    staff        TEXT NOT NULL,
    channel      TEXT NOT NULL,
    interactions INTEGER NOT NULL,
    -- Requests logged with the first-contact flag, and those settled at once.
    fcr_asked    INTEGER NOT NULL,
    fcr_yes      INTEGER NOT NULL,
    PRIMARY KEY (day, staff, channel)
) WITHOUT ROWID
CREATE TABLE daily_sales (
    day       TEXT NOT NULL,
    staff     TEXT NOT NULL,
    purchases INTEGER NOT NULL,
    revenue   INTEGER NOT NULL,
    PRIMARY KEY (day, staff)
) WITHOUT ROWID
CREATE TABLE data_request (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id     INTEGER NOT NULL REFERENCES customer(id),
    kind            TEXT NOT NULL CHECK (kind = 'access' OR kind = 'copy' OR kind = 'correct' OR kind = 'delete' OR kind = 'restrict' OR kind = 'object' OR kind = 'withdraw'),
    received_on     TEXT NOT NULL,
    -- Acknowledge within 2 working days; carry out within the legal period.
    ack_by          TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    acknowledged_on TEXT,
    done_on         TEXT,
    note            TEXT NOT NULL DEFAULT '',
    staff           TEXT NOT NULL,
    created_at      TEXT NOT NULL
)
CREATE TABLE duplicate_dismissed (
    low_id       INTEGER NOT NULL,
    high_id      INTEGER NOT NULL,
    staff        TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (low_id, high_id),
    CHECK (low_id < high_id)
) WITHOUT ROWID
CREATE TABLE feedback (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id    INTEGER NOT NULL REFERENCES customer(id),
    at             TEXT NOT NULL,
    metric         TEXT NOT NULL CHECK (metric = 'csat' OR metric = 'nps' OR metric = 'ces'),
    score          INTEGER NOT NULL CHECK ((metric = 'csat' AND score BETWEEN 1 AND 5)
                      OR (metric = 'nps' AND score BETWEEN 0 AND 10)
                      OR (metric = 'ces' AND score BETWEEN 1 AND 7)),
    comment        TEXT NOT NULL DEFAULT '',
    -- Below the shop's threshold when recorded: the follow-up rule plans a call.
    low            INTEGER NOT NULL CHECK (low = 0 OR low = 1),
    interaction_id INTEGER REFERENCES interaction(id),
    claim_id       INTEGER REFERENCES claim(id),
    complaint_id   INTEGER REFERENCES complaint(id),
    -- Who served the customer: per-staff scores.
    staff          TEXT NOT NULL
)
CREATE TABLE goodwill (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    what         TEXT NOT NULL CHECK (what <> ''),
    value        INTEGER NOT NULL CHECK (value >= 0),
    approved_by  TEXT NOT NULL CHECK (approved_by <> ''),
    at           TEXT NOT NULL,
    staff        TEXT NOT NULL
, pin_approved INTEGER NOT NULL DEFAULT 0)
CREATE TABLE import_batch (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    staff      TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,
    undone_at  TEXT
)
CREATE TABLE import_change (
    batch_id    INTEGER NOT NULL REFERENCES import_batch(id),
    customer_id INTEGER NOT NULL,
    before      TEXT,
    PRIMARY KEY (batch_id, customer_id)
) WITHOUT ROWID
CREATE TABLE import_preset (
    name    TEXT PRIMARY KEY,
    mapping TEXT NOT NULL
) WITHOUT ROWID
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
, purchase_id INTEGER REFERENCES purchase(id), claim_id INTEGER REFERENCES claim(id), complaint_id INTEGER REFERENCES complaint(id), resolved_first INTEGER CHECK (resolved_first = 0 OR resolved_first = 1))
CREATE TABLE message_template (
    kind       TEXT NOT NULL,
    locale     TEXT NOT NULL CHECK (locale IN ('vi', 'en')),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, locale)
) WITHOUT ROWID
CREATE TABLE policy (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    rules       TEXT NOT NULL,
    archived_at TEXT,
    updated_at  TEXT NOT NULL
)
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
CREATE TABLE product (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    folded_name     TEXT NOT NULL,
    category        TEXT NOT NULL DEFAULT '',
    price           INTEGER NOT NULL CHECK (price >= 0),
    warranty_months INTEGER NOT NULL DEFAULT 0 CHECK (warranty_months >= 0),
    exchange_days   INTEGER NOT NULL DEFAULT 0 CHECK (exchange_days >= 0),
    policy_id       INTEGER REFERENCES policy(id),
    repurchase_days INTEGER CHECK (repurchase_days > 0),
    serial_required INTEGER NOT NULL DEFAULT 0 CHECK (serial_required = 0 OR serial_required = 1),
    archived_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
)
CREATE TABLE promise (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    text        TEXT NOT NULL CHECK (text <> ''),
    owner       TEXT NOT NULL CHECK (owner <> ''),
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'kept' OR status = 'broken' OR status = 'cancelled'),
    close_note  TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    closed_at   TEXT
)
CREATE TABLE purchase (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt_no  TEXT NOT NULL UNIQUE,
    sold_at     TEXT NOT NULL,
    -- NULL: a walk-in customer.
    customer_id INTEGER REFERENCES customer(id),
    staff       TEXT NOT NULL,
    total       INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    voided_at   TEXT,
    void_reason TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
)
CREATE TABLE purchase_line (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    purchase_id     INTEGER NOT NULL REFERENCES purchase(id),
    position        INTEGER NOT NULL,
    product_id      INTEGER NOT NULL REFERENCES product(id),
    product_name    TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    unit_price      INTEGER NOT NULL CHECK (unit_price >= 0),
    discount        INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
    -- The terms in force when sold (see policy).
    warranty_months INTEGER NOT NULL,
    exchange_days   INTEGER NOT NULL,
    policy          TEXT NOT NULL
)
CREATE TABLE purchase_revision (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    purchase_id INTEGER NOT NULL REFERENCES purchase(id),
    at          TEXT NOT NULL,
    staff       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action = 'edit' OR action = 'void'),
    reason      TEXT NOT NULL DEFAULT '',
    before      TEXT NOT NULL
)
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
)
CREATE TABLE return_case (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    line_id              INTEGER NOT NULL REFERENCES purchase_line(id),
    unit_id              INTEGER REFERENCES unit(id),
    customer_id          INTEGER REFERENCES customer(id),
    returned_on          TEXT NOT NULL,
    quantity             INTEGER NOT NULL CHECK (quantity > 0),
    faulty               INTEGER NOT NULL CHECK (faulty = 0 OR faulty = 1),
    intact               INTEGER NOT NULL CHECK (intact = 0 OR intact = 1),
    has_receipt          INTEGER NOT NULL CHECK (has_receipt = 0 OR has_receipt = 1),
    reason               TEXT NOT NULL,
    -- The policy's verdict as given (JSON), and what was done.
    verdict              TEXT NOT NULL,
    outcome              TEXT NOT NULL CHECK (outcome = 'refund' OR outcome = 'exchange' OR outcome = 'store_credit' OR outcome = 'repair' OR outcome = 'refused'),
    override_reason      TEXT,
    refund_amount        INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
    credit_amount        INTEGER NOT NULL DEFAULT 0 CHECK (credit_amount >= 0),
    exchange_purchase_id INTEGER REFERENCES purchase(id),
    claim_id             INTEGER REFERENCES claim(id),
    staff                TEXT NOT NULL,
    created_at           TEXT NOT NULL
, approved_by TEXT)
CREATE TABLE role_permission (
    role       TEXT NOT NULL CHECK (role = 'manager' OR role = 'staff'),
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
) WITHOUT ROWID
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID
CREATE TABLE sqlite_sequence(name,seq)
CREATE TABLE staff (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    -- Accentless, lowercase: "Lan" and "lân" are one account name.
    folded_name  TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role = 'owner' OR role = 'manager' OR role = 'staff'),
    -- argon2id PHC string; the PIN itself is never stored.
    pin_hash     TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1),
    failed_pins  INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
, lock_level INTEGER NOT NULL DEFAULT 0 CHECK (lock_level BETWEEN 0 AND 4), locked_at TEXT)
CREATE TABLE unit (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    line_id          INTEGER NOT NULL REFERENCES purchase_line(id),
    customer_id      INTEGER REFERENCES customer(id),
    serial           TEXT,
    -- serial reversed: the last digits staff type become a prefix range.
    serial_reversed  TEXT,
    status           TEXT NOT NULL DEFAULT 'sold' CHECK (status = 'sold' OR status = 'returned' OR status = 'exchanged' OR status = 'replaced' OR status = 'refunded' OR status = 'voided'),
    warranty_start   TEXT NOT NULL,
    warranty_months  INTEGER NOT NULL,
    exchange_days    INTEGER NOT NULL,
    -- Days spent in finished warranty work (Law 19/2023 Art. 30(2)): added to the term.
    extension_days   INTEGER NOT NULL DEFAULT 0,
    warranty_end     TEXT NOT NULL,
    replaces_unit_id INTEGER REFERENCES unit(id),
    updated_at       TEXT NOT NULL
)
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.staff IS NOT OLD.staff
    OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id OR NEW.detail IS NOT '{"redacted":true}'
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END
CREATE TRIGGER customer_value_change AFTER UPDATE OF customer_id, total, sold_at, voided_at ON purchase
BEGIN
    DELETE FROM customer_value WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
    INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
    SELECT customer_id, sum(total), count(*), min(sold_at), max(sold_at) FROM purchase
    WHERE customer_id IN (OLD.customer_id, NEW.customer_id) AND voided_at IS NULL
    GROUP BY customer_id;
END
CREATE TRIGGER customer_value_delete AFTER DELETE ON purchase
BEGIN
    DELETE FROM customer_value WHERE customer_id = OLD.customer_id;
    INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
    SELECT customer_id, sum(total), count(*), min(sold_at), max(sold_at) FROM purchase
    WHERE customer_id = OLD.customer_id AND voided_at IS NULL GROUP BY customer_id;
END
CREATE TRIGGER customer_value_sale AFTER INSERT ON purchase
WHEN NEW.customer_id IS NOT NULL AND NEW.voided_at IS NULL
BEGIN
    INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
    VALUES (NEW.customer_id, NEW.total, 1, NEW.sold_at, NEW.sold_at)
    ON CONFLICT(customer_id) DO UPDATE SET value = value + excluded.value,
        purchases = purchases + 1, first_at = min(first_at, excluded.first_at),
        last_at = max(last_at, excluded.last_at);
END
CREATE TRIGGER customer_value_total_delete AFTER DELETE ON customer_value
BEGIN
    UPDATE customer_value_total SET buyers = buyers - 1, value = value - OLD.value WHERE id = 1;
END
CREATE TRIGGER customer_value_total_insert AFTER INSERT ON customer_value
BEGIN
    UPDATE customer_value_total SET buyers = buyers + 1, value = value + NEW.value WHERE id = 1;
END
CREATE TRIGGER customer_value_total_update AFTER UPDATE OF value ON customer_value
BEGIN
    UPDATE customer_value_total SET value = value - OLD.value + NEW.value WHERE id = 1;
END
CREATE TRIGGER daily_contact_delete AFTER DELETE ON interaction
BEGIN
    UPDATE daily_contact SET interactions = interactions - 1,
        fcr_asked = fcr_asked - (OLD.resolved_first IS NOT NULL), fcr_yes = fcr_yes - coalesce(OLD.resolved_first, 0)
    WHERE day = date(OLD.at, '+7 hours') AND staff = OLD.staff AND channel = OLD.channel;
END
CREATE TRIGGER daily_contact_insert AFTER INSERT ON interaction
BEGIN
    INSERT INTO daily_contact(day, staff, channel, interactions, fcr_asked, fcr_yes)
    VALUES (date(NEW.at, '+7 hours'), NEW.staff, NEW.channel, 1, NEW.resolved_first IS NOT NULL,
        coalesce(NEW.resolved_first, 0))
    ON CONFLICT(day, staff, channel) DO UPDATE SET interactions = interactions + 1,
        fcr_asked = fcr_asked + excluded.fcr_asked, fcr_yes = fcr_yes + excluded.fcr_yes;
END
CREATE TRIGGER daily_contact_update AFTER UPDATE OF at, staff, channel, resolved_first ON interaction
BEGIN
    UPDATE daily_contact SET interactions = interactions - 1,
        fcr_asked = fcr_asked - (OLD.resolved_first IS NOT NULL), fcr_yes = fcr_yes - coalesce(OLD.resolved_first, 0)
    WHERE day = date(OLD.at, '+7 hours') AND staff = OLD.staff AND channel = OLD.channel;
    INSERT INTO daily_contact(day, staff, channel, interactions, fcr_asked, fcr_yes)
    VALUES (date(NEW.at, '+7 hours'), NEW.staff, NEW.channel, 1, NEW.resolved_first IS NOT NULL,
        coalesce(NEW.resolved_first, 0))
    ON CONFLICT(day, staff, channel) DO UPDATE SET interactions = interactions + 1,
        fcr_asked = fcr_asked + excluded.fcr_asked, fcr_yes = fcr_yes + excluded.fcr_yes;
END
CREATE TRIGGER daily_sales_delete AFTER DELETE ON purchase WHEN OLD.voided_at IS NULL
BEGIN
    UPDATE daily_sales SET purchases = purchases - 1, revenue = revenue - OLD.total
    WHERE day = date(OLD.sold_at, '+7 hours') AND staff = OLD.staff;
END
CREATE TRIGGER daily_sales_insert AFTER INSERT ON purchase WHEN NEW.voided_at IS NULL
BEGIN
    INSERT INTO daily_sales(day, staff, purchases, revenue)
    VALUES (date(NEW.sold_at, '+7 hours'), NEW.staff, 1, NEW.total)
    ON CONFLICT(day, staff) DO UPDATE SET purchases = purchases + 1, revenue = revenue + excluded.revenue;
END
CREATE TRIGGER daily_sales_update AFTER UPDATE OF sold_at, total, voided_at, staff ON purchase
BEGIN
    UPDATE daily_sales SET purchases = purchases - 1, revenue = revenue - OLD.total
    WHERE OLD.voided_at IS NULL AND day = date(OLD.sold_at, '+7 hours') AND staff = OLD.staff;
    INSERT INTO daily_sales(day, staff, purchases, revenue)
    SELECT date(NEW.sold_at, '+7 hours'), NEW.staff, 1, NEW.total WHERE NEW.voided_at IS NULL
    ON CONFLICT(day, staff) DO UPDATE SET purchases = purchases + 1, revenue = revenue + excluded.revenue;
END
