CREATE INDEX audit_log_at ON audit_log(at)
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)
CREATE UNIQUE INDEX audit_log_key ON audit_log(key)
CREATE INDEX audit_log_staff ON audit_log(staff, at)
CREATE UNIQUE INDEX care_rule_key ON care_rule(key)
CREATE INDEX claim_closed ON claim(closed_on) WHERE closed_on IS NOT NULL
CREATE UNIQUE INDEX claim_code ON claim(code, store)
CREATE INDEX claim_customer ON claim(customer_id)
CREATE INDEX claim_event_claim ON claim_event(claim_id)
CREATE UNIQUE INDEX claim_event_key ON claim_event(key)
CREATE UNIQUE INDEX claim_key ON claim(key)
CREATE INDEX claim_open ON claim(status) WHERE closed_on IS NULL
CREATE INDEX claim_received ON claim(received_on)
CREATE INDEX claim_unit ON claim(unit_id)
CREATE UNIQUE INDEX complaint_code ON complaint(code, store)
CREATE INDEX complaint_customer ON complaint(customer_id, opened_at)
CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id)
CREATE UNIQUE INDEX complaint_event_key ON complaint_event(key)
CREATE UNIQUE INDEX complaint_key ON complaint(key)
CREATE INDEX complaint_live ON complaint(status, respond_by) WHERE status <> 'resolved' AND status <> 'closed'
CREATE INDEX complaint_opened ON complaint(opened_at)
CREATE INDEX complaint_resolved ON complaint(resolved_at) WHERE resolved_at IS NOT NULL
CREATE INDEX consent_customer ON consent(customer_id, purpose, id)
CREATE UNIQUE INDEX consent_key ON consent(key)
CREATE INDEX credit_entry_customer ON credit_entry(customer_id, at)
CREATE UNIQUE INDEX credit_entry_key ON credit_entry(key)
CREATE INDEX credit_entry_purchase ON credit_entry(purchase_id) WHERE purchase_id IS NOT NULL
CREATE INDEX customer_anniversary ON customer(id) WHERE anniversary_lunar IS NOT NULL
CREATE INDEX customer_birthday_md ON customer(substr(birthday, -5)) WHERE birthday IS NOT NULL
CREATE UNIQUE INDEX customer_code ON customer(code) WHERE code IS NOT NULL
CREATE INDEX customer_consent ON customer(id) WHERE marketing_consent = 1
CREATE INDEX customer_erased ON customer(id) WHERE erased_at IS NOT NULL
CREATE INDEX customer_given_customer ON customer_given(customer_id)
CREATE UNIQUE INDEX customer_key ON customer(key)
CREATE INDEX customer_last_contact ON customer(last_contact_at) WHERE last_contact_at IS NOT NULL
CREATE INDEX customer_lunar_birthday ON customer(id) WHERE birthday_lunar = 1
CREATE INDEX customer_merged_into ON customer(merged_into) WHERE merged_into IS NOT NULL
CREATE INDEX customer_name_birthday ON customer(folded_name, birthday)
CREATE INDEX customer_phone_canonical ON customer_phone(canonical)
CREATE INDEX customer_phone_customer ON customer_phone(customer_id)
CREATE UNIQUE INDEX customer_phone_key ON customer_phone(key)
CREATE UNIQUE INDEX customer_phone_one_primary ON customer_phone(customer_id) WHERE is_primary = 1
CREATE INDEX customer_phone_reversed ON customer_phone(reversed)
CREATE INDEX customer_restricted ON customer(id) WHERE restricted_at IS NOT NULL
CREATE INDEX customer_tag_tag ON customer_tag(tag)
CREATE INDEX customer_tier_tier ON customer_tier(tier_id)
CREATE INDEX customer_unreachable ON customer(id)
    WHERE archived_at IS NOT NULL OR merged_into IS NOT NULL OR no_contact = 1
CREATE INDEX customer_value_first ON customer_value(first_at)
CREATE INDEX customer_value_last ON customer_value(last_at)
CREATE INDEX customer_value_value ON customer_value(value)
CREATE INDEX data_request_customer ON data_request(customer_id)
CREATE INDEX data_request_open ON data_request(due_on) WHERE done_on IS NULL
CREATE INDEX debt_entry_customer ON debt_entry(customer_id, at)
CREATE INDEX debt_entry_import ON debt_entry(import_batch) WHERE import_batch IS NOT NULL
CREATE UNIQUE INDEX debt_entry_key ON debt_entry(key)
CREATE INDEX debt_entry_purchase ON debt_entry(purchase_id) WHERE purchase_id IS NOT NULL
CREATE UNIQUE INDEX debt_limit_key ON debt_limit(key)
CREATE INDEX feedback_at ON feedback(at, metric, score, staff)
CREATE INDEX feedback_customer ON feedback(customer_id, at)
CREATE UNIQUE INDEX feedback_key ON feedback(key)
CREATE INDEX feedback_low ON feedback(at) WHERE low = 1
CREATE INDEX goodwill_complaint ON goodwill(complaint_id)
CREATE UNIQUE INDEX goodwill_key ON goodwill(key)
CREATE INDEX interaction_at ON interaction(at)
CREATE INDEX interaction_customer ON interaction(customer_id, at)
CREATE UNIQUE INDEX interaction_key ON interaction(key)
CREATE INDEX interaction_reminder ON interaction(reminder_id) WHERE reminder_id IS NOT NULL
CREATE UNIQUE INDEX member_tier_key ON member_tier(key)
CREATE UNIQUE INDEX message_template_key ON message_template(key)
CREATE INDEX opening_spend_customer ON opening_spend(customer_id)
CREATE UNIQUE INDEX opening_spend_key ON opening_spend(key)
CREATE INDEX point_entry_customer ON point_entry(customer_id, at)
CREATE INDEX point_entry_import ON point_entry(import_batch) WHERE import_batch IS NOT NULL
CREATE UNIQUE INDEX point_entry_key ON point_entry(key)
CREATE INDEX point_entry_lapse ON point_entry(expires_on, customer_id)
    WHERE expires_on IS NOT NULL AND points > 0
CREATE INDEX point_entry_purchase ON point_entry(purchase_id) WHERE purchase_id IS NOT NULL
CREATE UNIQUE INDEX policy_key ON policy(key)
CREATE INDEX preference_customer ON preference(customer_id)
CREATE UNIQUE INDEX preference_key ON preference(key)
CREATE INDEX product_folded_name ON product(folded_name)
CREATE UNIQUE INDEX product_key ON product(key)
CREATE INDEX promise_customer ON promise(customer_id, status)
CREATE INDEX promise_due ON promise(due_on, status, owner)
CREATE UNIQUE INDEX promise_key ON promise(key)
CREATE INDEX purchase_customer ON purchase(customer_id, sold_at)
CREATE INDEX purchase_customer_live ON purchase(customer_id, sold_at) WHERE voided_at IS NULL AND customer_id IS NOT NULL
CREATE UNIQUE INDEX purchase_key ON purchase(key)
CREATE UNIQUE INDEX purchase_line_key ON purchase_line(key)
CREATE INDEX purchase_line_purchase ON purchase_line(purchase_id)
CREATE INDEX purchase_live_sold ON purchase(sold_at, customer_id, total)
    WHERE voided_at IS NULL AND customer_id IS NOT NULL
CREATE UNIQUE INDEX purchase_receipt ON purchase(receipt_no, store)
CREATE INDEX purchase_revision_customer ON purchase_revision(json_extract(before, '$.customer_id'))
CREATE INDEX purchase_revision_purchase ON purchase_revision(purchase_id)
CREATE INDEX purchase_store_sold ON purchase(store, sold_at, customer_id, total) WHERE voided_at IS NULL
CREATE UNIQUE INDEX purchase_tender_key ON purchase_tender(key)
CREATE INDEX reminder_closed ON reminder(closed_at) WHERE closed_at IS NOT NULL
CREATE INDEX reminder_customer ON reminder(customer_id, status)
CREATE UNIQUE INDEX reminder_occurrence ON reminder(occurrence) WHERE occurrence IS NOT NULL
CREATE INDEX reminder_unannounced ON reminder(due_at) WHERE notified_at IS NULL AND status IN ('open', 'snoozed')
CREATE INDEX reminder_waiting ON reminder(due_on, kind, assignee) WHERE status IN ('open', 'snoozed')
CREATE INDEX reminder_waiting_kind ON reminder(kind, due_on, assignee) WHERE status IN ('open', 'snoozed')
CREATE INDEX return_case_customer ON return_case(customer_id)
CREATE UNIQUE INDEX return_case_key ON return_case(key)
CREATE INDEX return_case_line ON return_case(line_id)
CREATE UNIQUE INDEX role_permission_key ON role_permission(key)
CREATE UNIQUE INDEX staff_key ON staff(key)
CREATE INDEX sync_outbox_customer ON sync_outbox(customer) WHERE customer IS NOT NULL
CREATE INDEX sync_outbox_record ON sync_outbox(entity, key)
CREATE INDEX sync_record_customer ON sync_record(substr(customer, -8))
WHERE customer IS NOT key
CREATE UNIQUE INDEX sync_record_key ON sync_record(entity, key)
CREATE INDEX unit_care ON unit(warranty_end, customer_id) WHERE status = 'sold' AND warranty_months > 0 AND customer_id IS NOT NULL
CREATE INDEX unit_customer ON unit(customer_id)
CREATE UNIQUE INDEX unit_key ON unit(key)
CREATE INDEX unit_line ON unit(line_id)
CREATE INDEX unit_serial ON unit(serial) WHERE serial IS NOT NULL
CREATE INDEX unit_serial_reversed ON unit(serial_reversed) WHERE serial_reversed IS NOT NULL
CREATE INDEX unit_warranty_end ON unit(warranty_end)
CREATE INDEX unit_warranty_start ON unit(warranty_start) WHERE warranty_months > 0
CREATE INDEX voucher_customer ON voucher(customer_id) WHERE customer_id IS NOT NULL
CREATE UNIQUE INDEX voucher_key ON voucher(key)
CREATE UNIQUE INDEX voucher_use_key ON voucher_use(key)
CREATE INDEX voucher_use_purchase ON voucher_use(purchase_id)
CREATE INDEX voucher_use_voucher ON voucher_use(voucher_id)
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
, key TEXT)
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
, key TEXT) WITHOUT ROWID
CREATE TABLE chain_status (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    name      TEXT NOT NULL DEFAULT '',
    acked_seq INTEGER NOT NULL DEFAULT 0,
    synced_at TEXT,
    error     TEXT,
    error_at  TEXT
)
CREATE TABLE "claim" (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    code                TEXT NOT NULL,
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
, loan_lent_on TEXT, loan_returned_on TEXT, key TEXT, conflict TEXT, conflict_seen TEXT,
    -- The store (site code) it was made at; '' in a single shop.
    store TEXT NOT NULL DEFAULT ''
)
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
, key TEXT, clock TEXT)
CREATE TABLE "complaint" (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    code               TEXT NOT NULL,
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
, key TEXT,
    -- The store (site code) it was made at; '' in a single shop.
    store TEXT NOT NULL DEFAULT ''
)
CREATE TABLE complaint_event (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    at           TEXT NOT NULL,
    staff        TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
, key TEXT)
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
, key TEXT)
CREATE TABLE consent_text (
    version    TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID
CREATE TABLE credit_entry (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    kind        TEXT NOT NULL
                CHECK (kind IN ('return', 'manual', 'spend', 'reverse', 'opening')),
    amount      INTEGER NOT NULL,
    purchase_id INTEGER REFERENCES purchase(id),
    return_id   INTEGER REFERENCES return_case(id),
    reason      TEXT NOT NULL DEFAULT '',
    staff       TEXT NOT NULL,
    at          TEXT NOT NULL
, key TEXT)
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
, birthday_lunar INTEGER NOT NULL DEFAULT 0 CHECK (birthday_lunar IN (0, 1)), anniversary_lunar TEXT, anniversary_note TEXT NOT NULL DEFAULT '', marketing_consent INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)), no_contact INTEGER NOT NULL DEFAULT 0 CHECK (no_contact IN (0, 1)), code TEXT, restricted_at TEXT, erased_at TEXT, care_consent INTEGER NOT NULL DEFAULT 0, consent_to_confirm INTEGER NOT NULL DEFAULT 0, locale TEXT NOT NULL DEFAULT 'vi' CHECK (locale = 'vi' OR locale = 'en'), key TEXT, home_store TEXT, home_chosen INTEGER NOT NULL DEFAULT 0
    CHECK (home_chosen = 0 OR home_chosen = 1))
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
, key TEXT)
CREATE TABLE customer_tag (
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID
CREATE TABLE customer_term (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID
CREATE TABLE customer_tier (
    customer_id INTEGER PRIMARY KEY REFERENCES customer(id),
    tier_id     INTEGER NOT NULL REFERENCES member_tier(id),
    spend_12m   INTEGER NOT NULL,
    since       TEXT NOT NULL,
    ranked_at   TEXT NOT NULL
)
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
CREATE TABLE debt_entry (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    kind        TEXT NOT NULL CHECK (kind IN ('sale', 'payment', 'reverse', 'opening')),
    amount      INTEGER NOT NULL,
    purchase_id INTEGER REFERENCES purchase(id),
    method      TEXT CHECK (method IS NULL OR method IN ('cash', 'transfer', 'card')),
    due_on      TEXT,
    note        TEXT NOT NULL DEFAULT '',
    staff       TEXT NOT NULL,
    at          TEXT NOT NULL
, import_batch INTEGER REFERENCES import_batch(id), key TEXT)
CREATE TABLE debt_limit (
    customer_id INTEGER PRIMARY KEY REFERENCES customer(id),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
, key TEXT)
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
, key TEXT)
CREATE TABLE goodwill (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    what         TEXT NOT NULL CHECK (what <> ''),
    value        INTEGER NOT NULL CHECK (value >= 0),
    approved_by  TEXT NOT NULL CHECK (approved_by <> ''),
    at           TEXT NOT NULL,
    staff        TEXT NOT NULL
, pin_approved INTEGER NOT NULL DEFAULT 0, key TEXT)
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
, purchase_id INTEGER REFERENCES purchase(id), claim_id INTEGER REFERENCES claim(id), complaint_id INTEGER REFERENCES complaint(id), resolved_first INTEGER CHECK (resolved_first = 0 OR resolved_first = 1), key TEXT, store TEXT NOT NULL DEFAULT '')
CREATE TABLE member_tier (
    id               INTEGER PRIMARY KEY,
    position         INTEGER NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    min_spend        INTEGER NOT NULL CHECK (min_spend >= 0),
    discount_pct     INTEGER NOT NULL DEFAULT 0 CHECK (discount_pct BETWEEN 0 AND 100),
    birthday_voucher INTEGER NOT NULL DEFAULT 0 CHECK (birthday_voucher >= 0),
    updated_at       TEXT NOT NULL DEFAULT ''
, key TEXT)
CREATE TABLE message_template (
    kind       TEXT NOT NULL,
    locale     TEXT NOT NULL CHECK (locale IN ('vi', 'en')),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL, key TEXT,
    PRIMARY KEY (kind, locale)
) WITHOUT ROWID
CREATE TABLE opening_spend (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customer(id),
    amount       INTEGER NOT NULL,
    import_batch INTEGER REFERENCES import_batch(id),
    staff        TEXT NOT NULL,
    at           TEXT NOT NULL
, key TEXT)
CREATE TABLE point_entry (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    kind        TEXT NOT NULL
                CHECK (kind IN ('earn', 'redeem', 'adjust', 'expire', 'reverse', 'opening')),
    points      INTEGER NOT NULL,
    purchase_id INTEGER REFERENCES purchase(id),
    return_id   INTEGER REFERENCES return_case(id),
    reason      TEXT NOT NULL DEFAULT '',
    staff       TEXT NOT NULL,
    at          TEXT NOT NULL,
    -- Points earned: the day they lapse (NULL: never).
    expires_on  TEXT
, import_batch INTEGER REFERENCES import_batch(id), key TEXT)
CREATE TABLE policy (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    rules       TEXT NOT NULL,
    archived_at TEXT,
    updated_at  TEXT NOT NULL
, key TEXT)
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
, key TEXT)
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
, key TEXT)
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
, key TEXT)
CREATE TABLE "purchase" (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt_no  TEXT NOT NULL,
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
, key TEXT,
    -- The store (site code) it was made at; '' in a single shop.
    store TEXT NOT NULL DEFAULT ''
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
, key TEXT)
CREATE TABLE purchase_revision (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    purchase_id INTEGER NOT NULL REFERENCES purchase(id),
    at          TEXT NOT NULL,
    staff       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action = 'edit' OR action = 'void'),
    reason      TEXT NOT NULL DEFAULT '',
    before      TEXT NOT NULL
)
CREATE TABLE purchase_tender (
    purchase_id      INTEGER PRIMARY KEY REFERENCES purchase(id),
    tier_id          INTEGER REFERENCES member_tier(id),
    tier_discount    INTEGER NOT NULL DEFAULT 0,
    voucher_id       INTEGER REFERENCES voucher(id),
    voucher_discount INTEGER NOT NULL DEFAULT 0,
    points_used      INTEGER NOT NULL DEFAULT 0,
    points_value     INTEGER NOT NULL DEFAULT 0,
    credit_used      INTEGER NOT NULL DEFAULT 0,
    to_pay           INTEGER NOT NULL,
    paid             INTEGER NOT NULL,
    owed             INTEGER NOT NULL DEFAULT 0,
    due_on           TEXT,
    method           TEXT,
    points_earned    INTEGER NOT NULL DEFAULT 0
, key TEXT)
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
, approved_by TEXT, key TEXT, store TEXT NOT NULL DEFAULT '')
CREATE TABLE role_permission (
    role       TEXT NOT NULL CHECK (role = 'manager' OR role = 'staff'),
    permission TEXT NOT NULL, key TEXT,
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
, lock_level INTEGER NOT NULL DEFAULT 0 CHECK (lock_level BETWEEN 0 AND 4), locked_at TEXT, key TEXT)
CREATE TABLE staff_store (
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    store    TEXT NOT NULL,
    PRIMARY KEY (staff_id, store)
) WITHOUT ROWID
CREATE TABLE store_name (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID
CREATE TABLE sync_cursor (
    site TEXT PRIMARY KEY,
    seq  INTEGER NOT NULL
)
CREATE TABLE sync_deferred (
    entity   TEXT NOT NULL,
    key      TEXT NOT NULL,
    data     TEXT,
    customer TEXT,
    PRIMARY KEY (entity, key)
) WITHOUT ROWID
CREATE TABLE sync_erased (customer TEXT PRIMARY KEY) WITHOUT ROWID
CREATE TABLE sync_hub (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    url    TEXT NOT NULL,
    role   TEXT NOT NULL,
    sealed TEXT NOT NULL
)
CREATE TABLE sync_outbox (
    seq      INTEGER PRIMARY KEY,
    hlc      TEXT NOT NULL,
    entity   TEXT NOT NULL,
    key      TEXT NOT NULL,
    op       TEXT NOT NULL CHECK (op = 'fields' OR op = 'fact' OR op = 'redact'),
    data     TEXT NOT NULL,
    customer TEXT
)
CREATE TABLE "sync_record" (
    entity   TEXT NOT NULL,
    key      TEXT NOT NULL,
    hlc      TEXT NOT NULL,
    customer TEXT,
    fields   TEXT NOT NULL,
    clocks   TEXT,
    writers  TEXT
)
CREATE TABLE sync_record_writer (
    customer TEXT NOT NULL,
    entity   TEXT NOT NULL,
    key      TEXT NOT NULL,
    PRIMARY KEY (customer, entity, key)
) WITHOUT ROWID
CREATE TABLE sync_ref_origin (
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    customer TEXT NOT NULL,
    PRIMARY KEY (entity, key)
) WITHOUT ROWID
CREATE TABLE sync_site (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    code            TEXT,
    capture         INTEGER NOT NULL DEFAULT 0 CHECK (capture = 0 OR capture = 1),
    hlc_wall        INTEGER NOT NULL DEFAULT 0,
    hlc_counter     INTEGER NOT NULL DEFAULT 0,
    seq             INTEGER NOT NULL DEFAULT 0,
    clock_offset_ms INTEGER NOT NULL DEFAULT 0,
    CHECK (capture = 0 OR code IS NOT NULL)
)
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
, key TEXT)
CREATE TABLE voucher (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind         TEXT NOT NULL CHECK (kind IN ('amount', 'percent')),
    value        INTEGER NOT NULL CHECK (value > 0),
    min_spend    INTEGER NOT NULL DEFAULT 0 CHECK (min_spend >= 0),
    max_discount INTEGER,
    expires_on   TEXT,
    max_uses     INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    customer_id  INTEGER REFERENCES customer(id),
    origin       TEXT NOT NULL DEFAULT 'manual'
                 CHECK (origin IN ('manual', 'thank_you', 'birthday', 'tier', 'import')),
    note         TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    archived_at  TEXT
, key TEXT)
CREATE TABLE voucher_use (
    id          INTEGER PRIMARY KEY,
    voucher_id  INTEGER NOT NULL REFERENCES voucher(id),
    purchase_id INTEGER NOT NULL REFERENCES purchase(id),
    customer_id INTEGER REFERENCES customer(id),
    kind        TEXT NOT NULL CHECK (kind IN ('redeem', 'reverse')),
    amount      INTEGER NOT NULL,
    staff       TEXT NOT NULL,
    at          TEXT NOT NULL
, key TEXT)
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.staff IS NOT OLD.staff
    OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id
    OR (NEW.detail IS NOT OLD.detail AND NEW.detail IS NOT '{"redacted":true}')
    OR (NEW.key IS NOT OLD.key AND OLD.key IS NOT NULL)
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
CREATE TRIGGER home_store_on_sale AFTER INSERT ON purchase
WHEN NEW.customer_id IS NOT NULL AND (SELECT capture FROM sync_site) = 1
BEGIN
    UPDATE customer SET home_store = (SELECT code FROM sync_site)
    WHERE id = NEW.customer_id AND home_chosen = 0
        AND home_store IS NOT (SELECT code FROM sync_site);
END
CREATE TRIGGER home_store_on_sale_moved AFTER UPDATE OF customer_id ON purchase
WHEN NEW.customer_id IS NOT NULL AND NEW.customer_id IS NOT OLD.customer_id
    AND (SELECT capture FROM sync_site) = 1
BEGIN
    UPDATE customer SET home_store = (SELECT code FROM sync_site)
    WHERE id = NEW.customer_id AND home_chosen = 0
        AND home_store IS NOT (SELECT code FROM sync_site);
END
CREATE TRIGGER staff_store_on_create AFTER INSERT ON staff
WHEN (SELECT capture FROM sync_site) = 1
BEGIN
    INSERT OR IGNORE INTO staff_store(staff_id, store)
    SELECT NEW.id, code FROM sync_site WHERE code IS NOT NULL;
END
CREATE TRIGGER staff_store_on_join AFTER UPDATE OF code ON sync_site
WHEN OLD.code IS NULL AND NEW.code IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO staff_store(staff_id, store) SELECT id, NEW.code FROM staff;
END
CREATE TRIGGER sync_audit_log_insert AFTER INSERT ON audit_log
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE audit_log SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE audit_log.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'audit', r.key, 'fact', json_object('at', r.at, 'staff', r.staff, 'action', r.action, 'entity', r.entity, 'entity_id', CASE r.entity WHEN 'staff' THEN (SELECT key FROM staff WHERE id = r.entity_id) WHEN 'policy' THEN (SELECT key FROM policy WHERE id = r.entity_id) WHEN 'product' THEN (SELECT key FROM product WHERE id = r.entity_id) WHEN 'member_tier' THEN (SELECT key FROM member_tier WHERE id = r.entity_id) WHEN 'customer' THEN (SELECT key FROM customer WHERE id = r.entity_id) WHEN 'customer_phone' THEN (SELECT key FROM customer_phone WHERE id = r.entity_id) WHEN 'preference' THEN (SELECT key FROM preference WHERE id = r.entity_id) WHEN 'purchase' THEN (SELECT key FROM purchase WHERE id = r.entity_id) WHEN 'sale_line' THEN (SELECT key FROM purchase_line WHERE id = r.entity_id) WHEN 'unit' THEN (SELECT key FROM unit WHERE id = r.entity_id) WHEN 'claim' THEN (SELECT key FROM claim WHERE id = r.entity_id) WHEN 'claim_event' THEN (SELECT key FROM claim_event WHERE id = r.entity_id) WHEN 'complaint' THEN (SELECT key FROM complaint WHERE id = r.entity_id) WHEN 'complaint_event' THEN (SELECT key FROM complaint_event WHERE id = r.entity_id) WHEN 'goodwill' THEN (SELECT key FROM goodwill WHERE id = r.entity_id) WHEN 'return' THEN (SELECT key FROM return_case WHERE id = r.entity_id) WHEN 'interaction' THEN (SELECT key FROM interaction WHERE id = r.entity_id) WHEN 'feedback' THEN (SELECT key FROM feedback WHERE id = r.entity_id) WHEN 'promise' THEN (SELECT key FROM promise WHERE id = r.entity_id) WHEN 'voucher' THEN (SELECT key FROM voucher WHERE id = r.entity_id) WHEN 'point_entry' THEN (SELECT key FROM point_entry WHERE id = r.entity_id) WHEN 'voucher_use' THEN (SELECT key FROM voucher_use WHERE id = r.entity_id) WHEN 'credit_entry' THEN (SELECT key FROM credit_entry WHERE id = r.entity_id) WHEN 'debt_entry' THEN (SELECT key FROM debt_entry WHERE id = r.entity_id) WHEN 'opening_spend' THEN (SELECT key FROM opening_spend WHERE id = r.entity_id) WHEN 'consent' THEN (SELECT key FROM consent WHERE id = r.entity_id) WHEN 'care_profile' THEN (SELECT key FROM customer WHERE id = r.entity_id) END, 'detail', r.detail), coalesce(CASE r.entity WHEN 'customer' THEN (SELECT o0.key FROM customer o0 WHERE o0.id = r.entity_id) WHEN 'customer_phone' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM customer_phone o0 WHERE o0.id = r.entity_id) WHEN 'preference' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM preference o0 WHERE o0.id = r.entity_id) WHEN 'purchase' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM purchase o0 WHERE o0.id = r.entity_id) WHEN 'unit' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM unit o0 WHERE o0.id = r.entity_id) WHEN 'claim' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM claim o0 WHERE o0.id = r.entity_id) WHEN 'complaint' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM complaint o0 WHERE o0.id = r.entity_id) WHEN 'return' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM return_case o0 WHERE o0.id = r.entity_id) WHEN 'interaction' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM interaction o0 WHERE o0.id = r.entity_id) WHEN 'feedback' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM feedback o0 WHERE o0.id = r.entity_id) WHEN 'promise' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM promise o0 WHERE o0.id = r.entity_id) WHEN 'voucher' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM voucher o0 WHERE o0.id = r.entity_id) WHEN 'point_entry' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM point_entry o0 WHERE o0.id = r.entity_id) WHEN 'voucher_use' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM voucher_use o0 WHERE o0.id = r.entity_id) WHEN 'credit_entry' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM credit_entry o0 WHERE o0.id = r.entity_id) WHEN 'debt_entry' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM debt_entry o0 WHERE o0.id = r.entity_id) WHEN 'opening_spend' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM opening_spend o0 WHERE o0.id = r.entity_id) WHEN 'consent' THEN (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM consent o0 WHERE o0.id = r.entity_id) WHEN 'care_profile' THEN (SELECT o0.key FROM customer o0 WHERE o0.id = r.entity_id) WHEN 'reminder' THEN (SELECT c.key FROM reminder o0 JOIN customer c ON c.id = o0.customer_id WHERE o0.id = r.entity_id) WHEN 'data_request' THEN (SELECT c.key FROM data_request o0 JOIN customer c ON c.id = o0.customer_id WHERE o0.id = r.entity_id) END, CASE WHEN json_valid(r.detail) THEN (SELECT key FROM customer WHERE id = coalesce(json_extract(r.detail, '$.customer_id'), json_extract(r.detail, '$.before.customer_id'))) END)
    FROM sync_site s JOIN audit_log r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_care_rule_delete AFTER DELETE ON care_rule
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'care_rule', OLD.key, 'fields', json_object('deleted', 1), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_care_rule_insert AFTER INSERT ON care_rule
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE care_rule SET key = CASE WHEN EXISTS (SELECT 1 FROM care_rule AS taken WHERE taken.key = ('care_rule/' || NEW.kind)) THEN lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) ELSE coalesce('care_rule/' || NEW.kind, lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))) END WHERE care_rule.kind = NEW.kind AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'care_rule', r.key, 'fields', json_object('kind', r.kind, 'enabled', r.enabled, 'params', r.params, 'updated_at', r.updated_at, 'deleted', 0), NULL
    FROM sync_site s JOIN care_rule r ON r.kind = NEW.kind WHERE s.capture = 1;
END
CREATE TRIGGER sync_care_rule_update AFTER UPDATE OF kind, enabled, params, updated_at ON care_rule
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.kind IS NOT OLD.kind OR NEW.enabled IS NOT OLD.enabled OR NEW.params IS NOT OLD.params OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'care_rule', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'kind' AS k, NEW.kind AS v WHERE NEW.kind IS NOT OLD.kind UNION ALL SELECT 'enabled' AS k, NEW.enabled AS v WHERE NEW.enabled IS NOT OLD.enabled UNION ALL SELECT 'params' AS k, NEW.params AS v WHERE NEW.params IS NOT OLD.params UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at)), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_claim_delete AFTER DELETE ON claim
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'claim', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_claim_event_insert AFTER INSERT ON claim_event
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE claim_event SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE claim_event.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'claim_event', r.key, 'fact', json_object('claim_id', (SELECT key FROM claim WHERE id = r.claim_id), 'happened_on', r.happened_on, 'at', r.at, 'staff', r.staff, 'from_status', r.from_status, 'to_status', r.to_status, 'note', r.note, 'clock', r.clock), (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM claim o0 WHERE o0.id = r.claim_id)
    FROM sync_site s JOIN claim_event r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_claim_insert AFTER INSERT ON claim
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE claim SET store = (SELECT code FROM sync_site) WHERE claim.rowid = NEW.rowid AND key IS NULL AND store = '';
    UPDATE claim SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE claim.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'claim', r.key, 'fields', json_object('code', r.code, 'unit_id', (SELECT key FROM unit WHERE id = r.unit_id), 'customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'product_name', r.product_name, 'serial', r.serial, 'status', r.status, 'under_warranty', r.under_warranty, 'received_on', r.received_on, 'symptom', r.symptom, 'condition_note', r.condition_note, 'accessories', r.accessories, 'lock_note', r.lock_note, 'promised_on', r.promised_on, 'loan_unit', r.loan_unit, 'technician', r.technician, 'service_center', r.service_center, 'sent_on', r.sent_on, 'back_on', r.back_on, 'quote', r.quote, 'quote_approved', r.quote_approved, 'fee_charged', r.fee_charged, 'internal_cost', r.internal_cost, 'resolution_note', r.resolution_note, 'replacement_unit_id', (SELECT key FROM unit WHERE id = r.replacement_unit_id), 'refund_amount', r.refund_amount, 'closed_on', r.closed_on, 'opened_by', r.opened_by, 'created_at', r.created_at, 'updated_at', r.updated_at, 'loan_lent_on', r.loan_lent_on, 'loan_returned_on', r.loan_returned_on, 'conflict_seen', r.conflict_seen, 'store', r.store, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN claim r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_claim_update AFTER UPDATE OF code, unit_id, customer_id, product_name, serial, status, under_warranty, received_on, symptom, condition_note, accessories, lock_note, promised_on, loan_unit, technician, service_center, sent_on, back_on, quote, quote_approved, fee_charged, internal_cost, resolution_note, replacement_unit_id, refund_amount, closed_on, opened_by, created_at, updated_at, loan_lent_on, loan_returned_on, conflict_seen, store ON claim
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.code IS NOT OLD.code OR NEW.unit_id IS NOT OLD.unit_id OR NEW.customer_id IS NOT OLD.customer_id OR NEW.product_name IS NOT OLD.product_name OR NEW.serial IS NOT OLD.serial OR NEW.status IS NOT OLD.status OR NEW.under_warranty IS NOT OLD.under_warranty OR NEW.received_on IS NOT OLD.received_on OR NEW.symptom IS NOT OLD.symptom OR NEW.condition_note IS NOT OLD.condition_note OR NEW.accessories IS NOT OLD.accessories OR NEW.lock_note IS NOT OLD.lock_note OR NEW.promised_on IS NOT OLD.promised_on OR NEW.loan_unit IS NOT OLD.loan_unit OR NEW.technician IS NOT OLD.technician OR NEW.service_center IS NOT OLD.service_center OR NEW.sent_on IS NOT OLD.sent_on OR NEW.back_on IS NOT OLD.back_on OR NEW.quote IS NOT OLD.quote OR NEW.quote_approved IS NOT OLD.quote_approved OR NEW.fee_charged IS NOT OLD.fee_charged OR NEW.internal_cost IS NOT OLD.internal_cost OR NEW.resolution_note IS NOT OLD.resolution_note OR NEW.replacement_unit_id IS NOT OLD.replacement_unit_id OR NEW.refund_amount IS NOT OLD.refund_amount OR NEW.closed_on IS NOT OLD.closed_on OR NEW.opened_by IS NOT OLD.opened_by OR NEW.created_at IS NOT OLD.created_at OR NEW.updated_at IS NOT OLD.updated_at OR NEW.loan_lent_on IS NOT OLD.loan_lent_on OR NEW.loan_returned_on IS NOT OLD.loan_returned_on OR NEW.conflict_seen IS NOT OLD.conflict_seen OR NEW.store IS NOT OLD.store)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'claim', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'code' AS k, NEW.code AS v WHERE NEW.code IS NOT OLD.code UNION ALL SELECT 'unit_id' AS k, (SELECT key FROM unit WHERE id = NEW.unit_id) AS v WHERE NEW.unit_id IS NOT OLD.unit_id UNION ALL SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'product_name' AS k, NEW.product_name AS v WHERE NEW.product_name IS NOT OLD.product_name UNION ALL SELECT 'serial' AS k, NEW.serial AS v WHERE NEW.serial IS NOT OLD.serial UNION ALL SELECT 'status' AS k, NEW.status AS v WHERE NEW.status IS NOT OLD.status UNION ALL SELECT 'under_warranty' AS k, NEW.under_warranty AS v WHERE NEW.under_warranty IS NOT OLD.under_warranty UNION ALL SELECT 'received_on' AS k, NEW.received_on AS v WHERE NEW.received_on IS NOT OLD.received_on UNION ALL SELECT 'symptom' AS k, NEW.symptom AS v WHERE NEW.symptom IS NOT OLD.symptom UNION ALL SELECT 'condition_note' AS k, NEW.condition_note AS v WHERE NEW.condition_note IS NOT OLD.condition_note UNION ALL SELECT 'accessories' AS k, NEW.accessories AS v WHERE NEW.accessories IS NOT OLD.accessories UNION ALL SELECT 'lock_note' AS k, NEW.lock_note AS v WHERE NEW.lock_note IS NOT OLD.lock_note UNION ALL SELECT 'promised_on' AS k, NEW.promised_on AS v WHERE NEW.promised_on IS NOT OLD.promised_on UNION ALL SELECT 'loan_unit' AS k, NEW.loan_unit AS v WHERE NEW.loan_unit IS NOT OLD.loan_unit UNION ALL SELECT 'technician' AS k, NEW.technician AS v WHERE NEW.technician IS NOT OLD.technician UNION ALL SELECT 'service_center' AS k, NEW.service_center AS v WHERE NEW.service_center IS NOT OLD.service_center UNION ALL SELECT 'sent_on' AS k, NEW.sent_on AS v WHERE NEW.sent_on IS NOT OLD.sent_on UNION ALL SELECT 'back_on' AS k, NEW.back_on AS v WHERE NEW.back_on IS NOT OLD.back_on UNION ALL SELECT 'quote' AS k, NEW.quote AS v WHERE NEW.quote IS NOT OLD.quote UNION ALL SELECT 'quote_approved' AS k, NEW.quote_approved AS v WHERE NEW.quote_approved IS NOT OLD.quote_approved UNION ALL SELECT 'fee_charged' AS k, NEW.fee_charged AS v WHERE NEW.fee_charged IS NOT OLD.fee_charged UNION ALL SELECT 'internal_cost' AS k, NEW.internal_cost AS v WHERE NEW.internal_cost IS NOT OLD.internal_cost UNION ALL SELECT 'resolution_note' AS k, NEW.resolution_note AS v WHERE NEW.resolution_note IS NOT OLD.resolution_note UNION ALL SELECT 'replacement_unit_id' AS k, (SELECT key FROM unit WHERE id = NEW.replacement_unit_id) AS v WHERE NEW.replacement_unit_id IS NOT OLD.replacement_unit_id UNION ALL SELECT 'refund_amount' AS k, NEW.refund_amount AS v WHERE NEW.refund_amount IS NOT OLD.refund_amount UNION ALL SELECT 'closed_on' AS k, NEW.closed_on AS v WHERE NEW.closed_on IS NOT OLD.closed_on UNION ALL SELECT 'opened_by' AS k, NEW.opened_by AS v WHERE NEW.opened_by IS NOT OLD.opened_by UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at UNION ALL SELECT 'loan_lent_on' AS k, NEW.loan_lent_on AS v WHERE NEW.loan_lent_on IS NOT OLD.loan_lent_on UNION ALL SELECT 'loan_returned_on' AS k, NEW.loan_returned_on AS v WHERE NEW.loan_returned_on IS NOT OLD.loan_returned_on UNION ALL SELECT 'conflict_seen' AS k, NEW.conflict_seen AS v WHERE NEW.conflict_seen IS NOT OLD.conflict_seen UNION ALL SELECT 'store' AS k, NEW.store AS v WHERE NEW.store IS NOT OLD.store)), (SELECT key FROM customer WHERE id = NEW.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_complaint_delete AFTER DELETE ON complaint
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'complaint', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_complaint_event_insert AFTER INSERT ON complaint_event
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE complaint_event SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE complaint_event.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'complaint_event', r.key, 'fact', json_object('complaint_id', (SELECT key FROM complaint WHERE id = r.complaint_id), 'at', r.at, 'staff', r.staff, 'from_status', r.from_status, 'to_status', r.to_status, 'note', r.note), (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM complaint o0 WHERE o0.id = r.complaint_id)
    FROM sync_site s JOIN complaint_event r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_complaint_insert AFTER INSERT ON complaint
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE complaint SET store = (SELECT code FROM sync_site) WHERE complaint.rowid = NEW.rowid AND key IS NULL AND store = '';
    UPDATE complaint SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE complaint.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'complaint', r.key, 'fields', json_object('code', r.code, 'customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'category', r.category, 'severity', r.severity, 'owner', r.owner, 'status', r.status, 'channel', r.channel, 'summary', r.summary, 'purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'claim_id', (SELECT key FROM claim WHERE id = r.claim_id), 'opened_at', r.opened_at, 'respond_by', r.respond_by, 'resolve_by', r.resolve_by, 'first_response_at', r.first_response_at, 'resolved_at', r.resolved_at, 'closed_at', r.closed_at, 'response_minutes', r.response_minutes, 'resolution_minutes', r.resolution_minutes, 'resolution', r.resolution, 'created_by', r.created_by, 'updated_at', r.updated_at, 'store', r.store, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN complaint r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_complaint_update AFTER UPDATE OF code, customer_id, category, severity, owner, status, channel, summary, purchase_id, claim_id, opened_at, respond_by, resolve_by, first_response_at, resolved_at, closed_at, response_minutes, resolution_minutes, resolution, created_by, updated_at, store ON complaint
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.code IS NOT OLD.code OR NEW.customer_id IS NOT OLD.customer_id OR NEW.category IS NOT OLD.category OR NEW.severity IS NOT OLD.severity OR NEW.owner IS NOT OLD.owner OR NEW.status IS NOT OLD.status OR NEW.channel IS NOT OLD.channel OR NEW.summary IS NOT OLD.summary OR NEW.purchase_id IS NOT OLD.purchase_id OR NEW.claim_id IS NOT OLD.claim_id OR NEW.opened_at IS NOT OLD.opened_at OR NEW.respond_by IS NOT OLD.respond_by OR NEW.resolve_by IS NOT OLD.resolve_by OR NEW.first_response_at IS NOT OLD.first_response_at OR NEW.resolved_at IS NOT OLD.resolved_at OR NEW.closed_at IS NOT OLD.closed_at OR NEW.response_minutes IS NOT OLD.response_minutes OR NEW.resolution_minutes IS NOT OLD.resolution_minutes OR NEW.resolution IS NOT OLD.resolution OR NEW.created_by IS NOT OLD.created_by OR NEW.updated_at IS NOT OLD.updated_at OR NEW.store IS NOT OLD.store)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'complaint', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'code' AS k, NEW.code AS v WHERE NEW.code IS NOT OLD.code UNION ALL SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'category' AS k, NEW.category AS v WHERE NEW.category IS NOT OLD.category UNION ALL SELECT 'severity' AS k, NEW.severity AS v WHERE NEW.severity IS NOT OLD.severity UNION ALL SELECT 'owner' AS k, NEW.owner AS v WHERE NEW.owner IS NOT OLD.owner UNION ALL SELECT 'status' AS k, NEW.status AS v WHERE NEW.status IS NOT OLD.status UNION ALL SELECT 'channel' AS k, NEW.channel AS v WHERE NEW.channel IS NOT OLD.channel UNION ALL SELECT 'summary' AS k, NEW.summary AS v WHERE NEW.summary IS NOT OLD.summary UNION ALL SELECT 'purchase_id' AS k, (SELECT key FROM purchase WHERE id = NEW.purchase_id) AS v WHERE NEW.purchase_id IS NOT OLD.purchase_id UNION ALL SELECT 'claim_id' AS k, (SELECT key FROM claim WHERE id = NEW.claim_id) AS v WHERE NEW.claim_id IS NOT OLD.claim_id UNION ALL SELECT 'opened_at' AS k, NEW.opened_at AS v WHERE NEW.opened_at IS NOT OLD.opened_at UNION ALL SELECT 'respond_by' AS k, NEW.respond_by AS v WHERE NEW.respond_by IS NOT OLD.respond_by UNION ALL SELECT 'resolve_by' AS k, NEW.resolve_by AS v WHERE NEW.resolve_by IS NOT OLD.resolve_by UNION ALL SELECT 'first_response_at' AS k, NEW.first_response_at AS v WHERE NEW.first_response_at IS NOT OLD.first_response_at UNION ALL SELECT 'resolved_at' AS k, NEW.resolved_at AS v WHERE NEW.resolved_at IS NOT OLD.resolved_at UNION ALL SELECT 'closed_at' AS k, NEW.closed_at AS v WHERE NEW.closed_at IS NOT OLD.closed_at UNION ALL SELECT 'response_minutes' AS k, NEW.response_minutes AS v WHERE NEW.response_minutes IS NOT OLD.response_minutes UNION ALL SELECT 'resolution_minutes' AS k, NEW.resolution_minutes AS v WHERE NEW.resolution_minutes IS NOT OLD.resolution_minutes UNION ALL SELECT 'resolution' AS k, NEW.resolution AS v WHERE NEW.resolution IS NOT OLD.resolution UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at UNION ALL SELECT 'store' AS k, NEW.store AS v WHERE NEW.store IS NOT OLD.store)), (SELECT key FROM customer WHERE id = NEW.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_consent_insert AFTER INSERT ON consent
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE consent SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE consent.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'consent', r.key, 'fact', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'purpose', r.purpose, 'granted', r.granted, 'method', r.method, 'text_version', r.text_version, 'evidence', r.evidence, 'staff', r.staff, 'at', r.at), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN consent r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_credit_entry_insert AFTER INSERT ON credit_entry
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE credit_entry SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE credit_entry.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'credit_entry', r.key, 'fact', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'kind', r.kind, 'amount', r.amount, 'purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'return_id', (SELECT key FROM return_case WHERE id = r.return_id), 'reason', r.reason, 'staff', r.staff, 'at', r.at), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN credit_entry r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_customer_delete AFTER DELETE ON customer
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer', OLD.key, 'fields', json_object('deleted', 1), OLD.key
    FROM sync_site s;
END
CREATE TRIGGER sync_customer_erased AFTER UPDATE OF erased_at ON customer
WHEN NEW.erased_at IS NOT NULL AND OLD.erased_at IS NULL AND NEW.key IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO sync_erased(customer) VALUES (NEW.key);
END
CREATE TRIGGER sync_customer_insert AFTER INSERT ON customer
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE customer SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE customer.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer', r.key, 'fields', json_object('full_name', r.full_name, 'call_name', r.call_name, 'address_as', r.address_as, 'gender', r.gender, 'email', r.email, 'birthday', r.birthday, 'address', r.address, 'notes', r.notes, 'contact_channel', r.contact_channel, 'last_contact_at', r.last_contact_at, 'archived_at', r.archived_at, 'merged_into', (SELECT key FROM customer WHERE id = r.merged_into), 'created_at', r.created_at, 'updated_at', r.updated_at, 'code', r.code, 'birthday_lunar', r.birthday_lunar, 'anniversary_lunar', r.anniversary_lunar, 'anniversary_note', r.anniversary_note, 'marketing_consent', r.marketing_consent, 'no_contact', r.no_contact, 'restricted_at', r.restricted_at, 'care_consent', r.care_consent, 'consent_to_confirm', r.consent_to_confirm, 'locale', r.locale, 'home_store', r.home_store, 'home_chosen', r.home_chosen, 'tags', json((SELECT json_group_array(tag) FROM (SELECT tag FROM customer_tag WHERE customer_id = r.id ORDER BY tag))), 'deleted', 0), r.key
    FROM sync_site s JOIN customer r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_customer_phone_delete AFTER DELETE ON customer_phone
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer_phone', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_customer_phone_insert AFTER INSERT ON customer_phone
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE customer_phone SET key = CASE WHEN EXISTS (SELECT 1 FROM customer_phone AS taken WHERE taken.key = ((SELECT key FROM customer WHERE id = NEW.customer_id) || '/phone/' || NEW.position)) THEN lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) ELSE coalesce((SELECT key FROM customer WHERE id = NEW.customer_id) || '/phone/' || NEW.position, lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))) END WHERE customer_phone.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer_phone', r.key, 'fields', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'canonical', r.canonical, 'raw', r.raw, 'kind', r.kind, 'reversed', r.reversed, 'is_primary', r.is_primary, 'position', r.position, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN customer_phone r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_customer_phone_update AFTER UPDATE OF customer_id, canonical, raw, kind, reversed, is_primary, position ON customer_phone
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.customer_id IS NOT OLD.customer_id OR NEW.canonical IS NOT OLD.canonical OR NEW.raw IS NOT OLD.raw OR NEW.kind IS NOT OLD.kind OR NEW.reversed IS NOT OLD.reversed OR NEW.is_primary IS NOT OLD.is_primary OR NEW.position IS NOT OLD.position)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer_phone', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'canonical' AS k, NEW.canonical AS v WHERE NEW.canonical IS NOT OLD.canonical OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'raw' AS k, NEW.raw AS v WHERE NEW.raw IS NOT OLD.raw OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'kind' AS k, NEW.kind AS v WHERE NEW.kind IS NOT OLD.kind OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'reversed' AS k, NEW.reversed AS v WHERE NEW.reversed IS NOT OLD.reversed OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'is_primary' AS k, NEW.is_primary AS v WHERE NEW.is_primary IS NOT OLD.is_primary OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'position' AS k, NEW.position AS v WHERE NEW.position IS NOT OLD.position OR NEW.customer_id IS NOT OLD.customer_id)), CASE WHEN NEW.customer_id IS NOT OLD.customer_id THEN (SELECT key FROM customer WHERE id = OLD.customer_id) ELSE (SELECT key FROM customer WHERE id = NEW.customer_id) END
    FROM sync_site s;
END
CREATE TRIGGER sync_customer_tag_delete AFTER DELETE ON customer_tag
WHEN (SELECT capture FROM sync_site) = 1
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer', p.key, 'fields', json_object('tags', json((SELECT json_group_array(tag) FROM (SELECT tag FROM customer_tag WHERE customer_id = p.id ORDER BY tag)))), p.key
    FROM sync_site s JOIN customer p ON p.id = OLD.customer_id AND p.key IS NOT NULL;
END
CREATE TRIGGER sync_customer_tag_insert AFTER INSERT ON customer_tag
WHEN (SELECT capture FROM sync_site) = 1
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer', p.key, 'fields', json_object('tags', json((SELECT json_group_array(tag) FROM (SELECT tag FROM customer_tag WHERE customer_id = p.id ORDER BY tag)))), p.key
    FROM sync_site s JOIN customer p ON p.id = NEW.customer_id AND p.key IS NOT NULL;
END
CREATE TRIGGER sync_customer_update AFTER UPDATE OF full_name, call_name, address_as, gender, email, birthday, address, notes, contact_channel, last_contact_at, archived_at, merged_into, created_at, updated_at, code, birthday_lunar, anniversary_lunar, anniversary_note, marketing_consent, no_contact, restricted_at, care_consent, consent_to_confirm, locale, home_store, home_chosen ON customer
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.full_name IS NOT OLD.full_name OR NEW.call_name IS NOT OLD.call_name OR NEW.address_as IS NOT OLD.address_as OR NEW.gender IS NOT OLD.gender OR NEW.email IS NOT OLD.email OR NEW.birthday IS NOT OLD.birthday OR NEW.address IS NOT OLD.address OR NEW.notes IS NOT OLD.notes OR NEW.contact_channel IS NOT OLD.contact_channel OR NEW.last_contact_at IS NOT OLD.last_contact_at OR NEW.archived_at IS NOT OLD.archived_at OR NEW.merged_into IS NOT OLD.merged_into OR NEW.created_at IS NOT OLD.created_at OR NEW.updated_at IS NOT OLD.updated_at OR NEW.code IS NOT OLD.code OR NEW.birthday_lunar IS NOT OLD.birthday_lunar OR NEW.anniversary_lunar IS NOT OLD.anniversary_lunar OR NEW.anniversary_note IS NOT OLD.anniversary_note OR NEW.marketing_consent IS NOT OLD.marketing_consent OR NEW.no_contact IS NOT OLD.no_contact OR NEW.restricted_at IS NOT OLD.restricted_at OR NEW.care_consent IS NOT OLD.care_consent OR NEW.consent_to_confirm IS NOT OLD.consent_to_confirm OR NEW.locale IS NOT OLD.locale OR NEW.home_store IS NOT OLD.home_store OR NEW.home_chosen IS NOT OLD.home_chosen)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'full_name' AS k, NEW.full_name AS v WHERE NEW.full_name IS NOT OLD.full_name UNION ALL SELECT 'call_name' AS k, NEW.call_name AS v WHERE NEW.call_name IS NOT OLD.call_name UNION ALL SELECT 'address_as' AS k, NEW.address_as AS v WHERE NEW.address_as IS NOT OLD.address_as UNION ALL SELECT 'gender' AS k, NEW.gender AS v WHERE NEW.gender IS NOT OLD.gender UNION ALL SELECT 'email' AS k, NEW.email AS v WHERE NEW.email IS NOT OLD.email UNION ALL SELECT 'birthday' AS k, NEW.birthday AS v WHERE NEW.birthday IS NOT OLD.birthday UNION ALL SELECT 'address' AS k, NEW.address AS v WHERE NEW.address IS NOT OLD.address UNION ALL SELECT 'notes' AS k, NEW.notes AS v WHERE NEW.notes IS NOT OLD.notes UNION ALL SELECT 'contact_channel' AS k, NEW.contact_channel AS v WHERE NEW.contact_channel IS NOT OLD.contact_channel UNION ALL SELECT 'last_contact_at' AS k, NEW.last_contact_at AS v WHERE NEW.last_contact_at IS NOT OLD.last_contact_at UNION ALL SELECT 'archived_at' AS k, NEW.archived_at AS v WHERE NEW.archived_at IS NOT OLD.archived_at UNION ALL SELECT 'merged_into' AS k, (SELECT key FROM customer WHERE id = NEW.merged_into) AS v WHERE NEW.merged_into IS NOT OLD.merged_into UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at UNION ALL SELECT 'code' AS k, NEW.code AS v WHERE NEW.code IS NOT OLD.code UNION ALL SELECT 'birthday_lunar' AS k, NEW.birthday_lunar AS v WHERE NEW.birthday_lunar IS NOT OLD.birthday_lunar UNION ALL SELECT 'anniversary_lunar' AS k, NEW.anniversary_lunar AS v WHERE NEW.anniversary_lunar IS NOT OLD.anniversary_lunar UNION ALL SELECT 'anniversary_note' AS k, NEW.anniversary_note AS v WHERE NEW.anniversary_note IS NOT OLD.anniversary_note UNION ALL SELECT 'marketing_consent' AS k, NEW.marketing_consent AS v WHERE NEW.marketing_consent IS NOT OLD.marketing_consent UNION ALL SELECT 'no_contact' AS k, NEW.no_contact AS v WHERE NEW.no_contact IS NOT OLD.no_contact UNION ALL SELECT 'restricted_at' AS k, NEW.restricted_at AS v WHERE NEW.restricted_at IS NOT OLD.restricted_at UNION ALL SELECT 'care_consent' AS k, NEW.care_consent AS v WHERE NEW.care_consent IS NOT OLD.care_consent UNION ALL SELECT 'consent_to_confirm' AS k, NEW.consent_to_confirm AS v WHERE NEW.consent_to_confirm IS NOT OLD.consent_to_confirm UNION ALL SELECT 'locale' AS k, NEW.locale AS v WHERE NEW.locale IS NOT OLD.locale UNION ALL SELECT 'home_store' AS k, NEW.home_store AS v WHERE NEW.home_store IS NOT OLD.home_store UNION ALL SELECT 'home_chosen' AS k, NEW.home_chosen AS v WHERE NEW.home_chosen IS NOT OLD.home_chosen)), NEW.key
    FROM sync_site s;
END
CREATE TRIGGER sync_debt_entry_insert AFTER INSERT ON debt_entry
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE debt_entry SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE debt_entry.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'debt_entry', r.key, 'fact', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'kind', r.kind, 'amount', r.amount, 'purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'method', r.method, 'due_on', r.due_on, 'note', r.note, 'staff', r.staff, 'at', r.at), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN debt_entry r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_debt_limit_delete AFTER DELETE ON debt_limit
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'debt_limit', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_debt_limit_insert AFTER INSERT ON debt_limit
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE debt_limit SET key = CASE WHEN EXISTS (SELECT 1 FROM debt_limit AS taken WHERE taken.key = ((SELECT c.key FROM customer c WHERE c.id = NEW.customer_id))) THEN lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) ELSE coalesce((SELECT c.key FROM customer c WHERE c.id = NEW.customer_id), lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))) END WHERE debt_limit.customer_id = NEW.customer_id AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'debt_limit', r.key, 'fields', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'amount', r.amount, 'set_by', r.set_by, 'set_at', r.set_at, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN debt_limit r ON r.customer_id = NEW.customer_id WHERE s.capture = 1;
END
CREATE TRIGGER sync_debt_limit_update AFTER UPDATE OF customer_id, amount, set_by, set_at ON debt_limit
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.customer_id IS NOT OLD.customer_id OR NEW.amount IS NOT OLD.amount OR NEW.set_by IS NOT OLD.set_by OR NEW.set_at IS NOT OLD.set_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'debt_limit', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'amount' AS k, NEW.amount AS v WHERE NEW.amount IS NOT OLD.amount UNION ALL SELECT 'set_by' AS k, NEW.set_by AS v WHERE NEW.set_by IS NOT OLD.set_by UNION ALL SELECT 'set_at' AS k, NEW.set_at AS v WHERE NEW.set_at IS NOT OLD.set_at)), (SELECT key FROM customer WHERE id = NEW.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_erased_redact AFTER INSERT ON sync_erased
BEGIN
    UPDATE sync_record SET fields = json_set(fields, '$.full_name', '') WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.full_name') IS NOT NULL AND CASE WHEN json_type(writers, '$.full_name') IS NULL THEN customer ELSE json_extract(writers, '$.full_name') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.call_name', '') WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.call_name') IS NOT NULL AND CASE WHEN json_type(writers, '$.call_name') IS NULL THEN customer ELSE json_extract(writers, '$.call_name') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.address_as', '') WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.address_as') IS NOT NULL AND CASE WHEN json_type(writers, '$.address_as') IS NULL THEN customer ELSE json_extract(writers, '$.address_as') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.gender', NULL) WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.gender') IS NOT NULL AND CASE WHEN json_type(writers, '$.gender') IS NULL THEN customer ELSE json_extract(writers, '$.gender') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.email', NULL) WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.email') IS NOT NULL AND CASE WHEN json_type(writers, '$.email') IS NULL THEN customer ELSE json_extract(writers, '$.email') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.birthday', NULL) WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.birthday') IS NOT NULL AND CASE WHEN json_type(writers, '$.birthday') IS NULL THEN customer ELSE json_extract(writers, '$.birthday') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.address', '') WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.address') IS NOT NULL AND CASE WHEN json_type(writers, '$.address') IS NULL THEN customer ELSE json_extract(writers, '$.address') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.notes', '') WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.notes') IS NOT NULL AND CASE WHEN json_type(writers, '$.notes') IS NULL THEN customer ELSE json_extract(writers, '$.notes') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.contact_channel', NULL) WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.contact_channel') IS NOT NULL AND CASE WHEN json_type(writers, '$.contact_channel') IS NULL THEN customer ELSE json_extract(writers, '$.contact_channel') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.code', NULL) WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.code') IS NOT NULL AND CASE WHEN json_type(writers, '$.code') IS NULL THEN customer ELSE json_extract(writers, '$.code') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.anniversary_lunar', NULL) WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.anniversary_lunar') IS NOT NULL AND CASE WHEN json_type(writers, '$.anniversary_lunar') IS NULL THEN customer ELSE json_extract(writers, '$.anniversary_lunar') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.anniversary_note', '') WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.anniversary_note') IS NOT NULL AND CASE WHEN json_type(writers, '$.anniversary_note') IS NULL THEN customer ELSE json_extract(writers, '$.anniversary_note') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.locale', 'vi') WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.locale') IS NOT NULL AND CASE WHEN json_type(writers, '$.locale') IS NULL THEN customer ELSE json_extract(writers, '$.locale') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.tags', json('[]')) WHERE entity = 'customer' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer' UNION SELECT key FROM sync_record WHERE entity = 'customer' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.tags') IS NOT NULL AND CASE WHEN json_type(writers, '$.tags') IS NULL THEN customer ELSE json_extract(writers, '$.tags') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.full_name', '', '$.call_name', '', '$.address_as', '', '$.gender', NULL, '$.email', NULL, '$.birthday', NULL, '$.address', '', '$.notes', '', '$.contact_channel', NULL, '$.code', NULL, '$.anniversary_lunar', NULL, '$.anniversary_note', '', '$.locale', 'vi', '$.tags', json('[]')) WHERE customer = NEW.customer AND entity = 'customer';
    UPDATE sync_deferred SET data = json_replace(data, '$.full_name', '', '$.call_name', '', '$.address_as', '', '$.gender', NULL, '$.email', NULL, '$.birthday', NULL, '$.address', '', '$.notes', '', '$.contact_channel', NULL, '$.code', NULL, '$.anniversary_lunar', NULL, '$.anniversary_note', '', '$.locale', 'vi', '$.tags', json('[]')) WHERE customer = NEW.customer AND entity = 'customer';
    UPDATE sync_record SET fields = json_set(fields, '$.canonical', '') WHERE entity = 'customer_phone' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE entity = 'customer_phone' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.canonical') IS NOT NULL AND CASE WHEN json_type(writers, '$.canonical') IS NULL THEN customer ELSE json_extract(writers, '$.canonical') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.raw', '') WHERE entity = 'customer_phone' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE entity = 'customer_phone' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.raw') IS NOT NULL AND CASE WHEN json_type(writers, '$.raw') IS NULL THEN customer ELSE json_extract(writers, '$.raw') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.kind', 'unknown') WHERE entity = 'customer_phone' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE entity = 'customer_phone' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.kind') IS NOT NULL AND CASE WHEN json_type(writers, '$.kind') IS NULL THEN customer ELSE json_extract(writers, '$.kind') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.reversed', '') WHERE entity = 'customer_phone' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE entity = 'customer_phone' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.reversed') IS NOT NULL AND CASE WHEN json_type(writers, '$.reversed') IS NULL THEN customer ELSE json_extract(writers, '$.reversed') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.canonical', '', '$.raw', '', '$.kind', 'unknown', '$.reversed', '') WHERE customer = NEW.customer AND entity = 'customer_phone';
    UPDATE sync_deferred SET data = json_replace(data, '$.canonical', '', '$.raw', '', '$.kind', 'unknown', '$.reversed', '') WHERE customer = NEW.customer AND entity = 'customer_phone';
    UPDATE sync_record SET fields = json_set(fields, '$.value', '') WHERE entity = 'preference' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'preference' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'preference' UNION SELECT key FROM sync_record WHERE entity = 'preference' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.value') IS NOT NULL AND CASE WHEN json_type(writers, '$.value') IS NULL THEN customer ELSE json_extract(writers, '$.value') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.note', '') WHERE entity = 'preference' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'preference' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'preference' UNION SELECT key FROM sync_record WHERE entity = 'preference' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.note') IS NOT NULL AND CASE WHEN json_type(writers, '$.note') IS NULL THEN customer ELSE json_extract(writers, '$.note') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.value', '', '$.note', '') WHERE customer = NEW.customer AND entity = 'preference';
    UPDATE sync_deferred SET data = json_replace(data, '$.value', '', '$.note', '') WHERE customer = NEW.customer AND entity = 'preference';
    UPDATE sync_record SET fields = json_set(fields, '$.note', '') WHERE entity = 'sale' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'sale' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'sale' UNION SELECT key FROM sync_record WHERE entity = 'sale' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.note') IS NOT NULL AND CASE WHEN json_type(writers, '$.note') IS NULL THEN customer ELSE json_extract(writers, '$.note') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.void_reason', NULL) WHERE entity = 'sale' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'sale' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'sale' UNION SELECT key FROM sync_record WHERE entity = 'sale' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.void_reason') IS NOT NULL AND CASE WHEN json_type(writers, '$.void_reason') IS NULL THEN customer ELSE json_extract(writers, '$.void_reason') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.note', '', '$.void_reason', NULL) WHERE customer = NEW.customer AND entity = 'sale';
    UPDATE sync_deferred SET data = json_replace(data, '$.note', '', '$.void_reason', NULL) WHERE customer = NEW.customer AND entity = 'sale';
    UPDATE sync_record SET fields = json_set(fields, '$.symptom', '') WHERE entity = 'claim' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'claim' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'claim' UNION SELECT key FROM sync_record WHERE entity = 'claim' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.symptom') IS NOT NULL AND CASE WHEN json_type(writers, '$.symptom') IS NULL THEN customer ELSE json_extract(writers, '$.symptom') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.condition_note', '') WHERE entity = 'claim' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'claim' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'claim' UNION SELECT key FROM sync_record WHERE entity = 'claim' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.condition_note') IS NOT NULL AND CASE WHEN json_type(writers, '$.condition_note') IS NULL THEN customer ELSE json_extract(writers, '$.condition_note') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.accessories', '') WHERE entity = 'claim' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'claim' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'claim' UNION SELECT key FROM sync_record WHERE entity = 'claim' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.accessories') IS NOT NULL AND CASE WHEN json_type(writers, '$.accessories') IS NULL THEN customer ELSE json_extract(writers, '$.accessories') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.lock_note', '') WHERE entity = 'claim' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'claim' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'claim' UNION SELECT key FROM sync_record WHERE entity = 'claim' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.lock_note') IS NOT NULL AND CASE WHEN json_type(writers, '$.lock_note') IS NULL THEN customer ELSE json_extract(writers, '$.lock_note') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.loan_unit', '') WHERE entity = 'claim' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'claim' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'claim' UNION SELECT key FROM sync_record WHERE entity = 'claim' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.loan_unit') IS NOT NULL AND CASE WHEN json_type(writers, '$.loan_unit') IS NULL THEN customer ELSE json_extract(writers, '$.loan_unit') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.resolution_note', '') WHERE entity = 'claim' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'claim' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'claim' UNION SELECT key FROM sync_record WHERE entity = 'claim' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.resolution_note') IS NOT NULL AND CASE WHEN json_type(writers, '$.resolution_note') IS NULL THEN customer ELSE json_extract(writers, '$.resolution_note') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.symptom', '', '$.condition_note', '', '$.accessories', '', '$.lock_note', '', '$.loan_unit', '', '$.resolution_note', '') WHERE customer = NEW.customer AND entity = 'claim';
    UPDATE sync_deferred SET data = json_replace(data, '$.symptom', '', '$.condition_note', '', '$.accessories', '', '$.lock_note', '', '$.loan_unit', '', '$.resolution_note', '') WHERE customer = NEW.customer AND entity = 'claim';
    UPDATE sync_record SET fields = json_set(fields, '$.note', '') WHERE entity = 'claim_event' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'claim_event' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'claim_event' UNION SELECT key FROM sync_record WHERE entity = 'claim_event' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.note') IS NOT NULL AND CASE WHEN json_type(writers, '$.note') IS NULL THEN customer ELSE json_extract(writers, '$.note') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'claim_event';
    UPDATE sync_deferred SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'claim_event';
    UPDATE sync_record SET fields = json_set(fields, '$.summary', '') WHERE entity = 'complaint' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'complaint' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'complaint' UNION SELECT key FROM sync_record WHERE entity = 'complaint' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.summary') IS NOT NULL AND CASE WHEN json_type(writers, '$.summary') IS NULL THEN customer ELSE json_extract(writers, '$.summary') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.resolution', '') WHERE entity = 'complaint' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'complaint' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'complaint' UNION SELECT key FROM sync_record WHERE entity = 'complaint' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.resolution') IS NOT NULL AND CASE WHEN json_type(writers, '$.resolution') IS NULL THEN customer ELSE json_extract(writers, '$.resolution') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.summary', '', '$.resolution', '') WHERE customer = NEW.customer AND entity = 'complaint';
    UPDATE sync_deferred SET data = json_replace(data, '$.summary', '', '$.resolution', '') WHERE customer = NEW.customer AND entity = 'complaint';
    UPDATE sync_record SET fields = json_set(fields, '$.note', '') WHERE entity = 'complaint_event' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'complaint_event' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'complaint_event' UNION SELECT key FROM sync_record WHERE entity = 'complaint_event' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.note') IS NOT NULL AND CASE WHEN json_type(writers, '$.note') IS NULL THEN customer ELSE json_extract(writers, '$.note') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'complaint_event';
    UPDATE sync_deferred SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'complaint_event';
    UPDATE sync_record SET fields = json_set(fields, '$.what', '—') WHERE entity = 'goodwill' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'goodwill' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'goodwill' UNION SELECT key FROM sync_record WHERE entity = 'goodwill' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.what') IS NOT NULL AND CASE WHEN json_type(writers, '$.what') IS NULL THEN customer ELSE json_extract(writers, '$.what') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.what', '—') WHERE customer = NEW.customer AND entity = 'goodwill';
    UPDATE sync_deferred SET data = json_replace(data, '$.what', '—') WHERE customer = NEW.customer AND entity = 'goodwill';
    UPDATE sync_record SET fields = json_set(fields, '$.reason', '') WHERE entity = 'return' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'return' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'return' UNION SELECT key FROM sync_record WHERE entity = 'return' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.reason') IS NOT NULL AND CASE WHEN json_type(writers, '$.reason') IS NULL THEN customer ELSE json_extract(writers, '$.reason') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.override_reason', NULL) WHERE entity = 'return' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'return' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'return' UNION SELECT key FROM sync_record WHERE entity = 'return' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.override_reason') IS NOT NULL AND CASE WHEN json_type(writers, '$.override_reason') IS NULL THEN customer ELSE json_extract(writers, '$.override_reason') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.reason', '', '$.override_reason', NULL) WHERE customer = NEW.customer AND entity = 'return';
    UPDATE sync_deferred SET data = json_replace(data, '$.reason', '', '$.override_reason', NULL) WHERE customer = NEW.customer AND entity = 'return';
    UPDATE sync_record SET fields = json_set(fields, '$.summary', '') WHERE entity = 'interaction' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'interaction' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'interaction' UNION SELECT key FROM sync_record WHERE entity = 'interaction' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.summary') IS NOT NULL AND CASE WHEN json_type(writers, '$.summary') IS NULL THEN customer ELSE json_extract(writers, '$.summary') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.summary', '') WHERE customer = NEW.customer AND entity = 'interaction';
    UPDATE sync_deferred SET data = json_replace(data, '$.summary', '') WHERE customer = NEW.customer AND entity = 'interaction';
    UPDATE sync_record SET fields = json_set(fields, '$.comment', '') WHERE entity = 'score' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'score' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'score' UNION SELECT key FROM sync_record WHERE entity = 'score' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.comment') IS NOT NULL AND CASE WHEN json_type(writers, '$.comment') IS NULL THEN customer ELSE json_extract(writers, '$.comment') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.comment', '') WHERE customer = NEW.customer AND entity = 'score';
    UPDATE sync_deferred SET data = json_replace(data, '$.comment', '') WHERE customer = NEW.customer AND entity = 'score';
    UPDATE sync_record SET fields = json_set(fields, '$.text', '—') WHERE entity = 'promise' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'promise' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'promise' UNION SELECT key FROM sync_record WHERE entity = 'promise' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.text') IS NOT NULL AND CASE WHEN json_type(writers, '$.text') IS NULL THEN customer ELSE json_extract(writers, '$.text') END = NEW.customer;
    UPDATE sync_record SET fields = json_set(fields, '$.close_note', '') WHERE entity = 'promise' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'promise' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'promise' UNION SELECT key FROM sync_record WHERE entity = 'promise' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.close_note') IS NOT NULL AND CASE WHEN json_type(writers, '$.close_note') IS NULL THEN customer ELSE json_extract(writers, '$.close_note') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.text', '—', '$.close_note', '') WHERE customer = NEW.customer AND entity = 'promise';
    UPDATE sync_deferred SET data = json_replace(data, '$.text', '—', '$.close_note', '') WHERE customer = NEW.customer AND entity = 'promise';
    UPDATE sync_record SET fields = json_set(fields, '$.note', '') WHERE entity = 'voucher' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'voucher' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'voucher' UNION SELECT key FROM sync_record WHERE entity = 'voucher' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.note') IS NOT NULL AND CASE WHEN json_type(writers, '$.note') IS NULL THEN customer ELSE json_extract(writers, '$.note') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'voucher';
    UPDATE sync_deferred SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'voucher';
    UPDATE sync_record SET fields = json_set(fields, '$.reason', '') WHERE entity = 'point_entry' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'point_entry' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'point_entry' UNION SELECT key FROM sync_record WHERE entity = 'point_entry' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.reason') IS NOT NULL AND CASE WHEN json_type(writers, '$.reason') IS NULL THEN customer ELSE json_extract(writers, '$.reason') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.reason', '') WHERE customer = NEW.customer AND entity = 'point_entry';
    UPDATE sync_deferred SET data = json_replace(data, '$.reason', '') WHERE customer = NEW.customer AND entity = 'point_entry';
    UPDATE sync_record SET fields = json_set(fields, '$.reason', '') WHERE entity = 'credit_entry' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'credit_entry' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'credit_entry' UNION SELECT key FROM sync_record WHERE entity = 'credit_entry' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.reason') IS NOT NULL AND CASE WHEN json_type(writers, '$.reason') IS NULL THEN customer ELSE json_extract(writers, '$.reason') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.reason', '') WHERE customer = NEW.customer AND entity = 'credit_entry';
    UPDATE sync_deferred SET data = json_replace(data, '$.reason', '') WHERE customer = NEW.customer AND entity = 'credit_entry';
    UPDATE sync_record SET fields = json_set(fields, '$.note', '') WHERE entity = 'debt_entry' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'debt_entry' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'debt_entry' UNION SELECT key FROM sync_record WHERE entity = 'debt_entry' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.note') IS NOT NULL AND CASE WHEN json_type(writers, '$.note') IS NULL THEN customer ELSE json_extract(writers, '$.note') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'debt_entry';
    UPDATE sync_deferred SET data = json_replace(data, '$.note', '') WHERE customer = NEW.customer AND entity = 'debt_entry';
    UPDATE sync_record SET fields = json_set(fields, '$.evidence', '') WHERE entity = 'consent' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'consent' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'consent' UNION SELECT key FROM sync_record WHERE entity = 'consent' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.evidence') IS NOT NULL AND CASE WHEN json_type(writers, '$.evidence') IS NULL THEN customer ELSE json_extract(writers, '$.evidence') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.evidence', '') WHERE customer = NEW.customer AND entity = 'consent';
    UPDATE sync_deferred SET data = json_replace(data, '$.evidence', '') WHERE customer = NEW.customer AND entity = 'consent';
    UPDATE sync_record SET fields = json_set(fields, '$.detail', '{"redacted":true}') WHERE entity = 'audit' AND key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'audit' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'audit' UNION SELECT key FROM sync_record WHERE entity = 'audit' AND key = NEW.customer AND customer = NEW.customer) AND json_type(fields, '$.detail') IS NOT NULL AND CASE WHEN json_type(writers, '$.detail') IS NULL THEN customer ELSE json_extract(writers, '$.detail') END = NEW.customer;
    UPDATE sync_outbox SET data = json_replace(data, '$.detail', '{"redacted":true}') WHERE customer = NEW.customer AND entity = 'audit';
    UPDATE sync_deferred SET data = json_replace(data, '$.detail', '{"redacted":true}') WHERE customer = NEW.customer AND entity = 'audit';
    DELETE FROM customer_phone WHERE key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'customer_phone' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'customer_phone' AND EXISTS (SELECT 1 FROM json_each(fields) f WHERE json_type(writers, '$.' || f.key) IS NULL) UNION SELECT key FROM sync_record WHERE entity = 'customer_phone' AND key = NEW.customer AND customer = NEW.customer AND EXISTS (SELECT 1 FROM json_each(fields) f WHERE json_type(writers, '$.' || f.key) IS NULL) UNION SELECT key FROM sync_outbox WHERE customer = NEW.customer AND entity = 'customer_phone');
    DELETE FROM preference WHERE key IN (SELECT key FROM sync_record_writer WHERE customer = NEW.customer AND entity = 'preference' UNION SELECT key FROM sync_record WHERE substr(customer, -8) = substr(NEW.customer, -8) AND customer IS NOT key AND +customer = NEW.customer AND +entity = 'preference' AND EXISTS (SELECT 1 FROM json_each(fields) f WHERE json_type(writers, '$.' || f.key) IS NULL) UNION SELECT key FROM sync_record WHERE entity = 'preference' AND key = NEW.customer AND customer = NEW.customer AND EXISTS (SELECT 1 FROM json_each(fields) f WHERE json_type(writers, '$.' || f.key) IS NULL) UNION SELECT key FROM sync_outbox WHERE customer = NEW.customer AND entity = 'preference');
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'customer', NEW.customer, 'redact', '{}', NEW.customer
    FROM sync_site s WHERE s.capture = 1;
END
CREATE TRIGGER sync_feedback_insert AFTER INSERT ON feedback
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE feedback SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE feedback.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'score', r.key, 'fact', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'at', r.at, 'metric', r.metric, 'score', r.score, 'comment', r.comment, 'low', r.low, 'interaction_id', (SELECT key FROM interaction WHERE id = r.interaction_id), 'claim_id', (SELECT key FROM claim WHERE id = r.claim_id), 'complaint_id', (SELECT key FROM complaint WHERE id = r.complaint_id), 'staff', r.staff), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN feedback r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_goodwill_insert AFTER INSERT ON goodwill
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE goodwill SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE goodwill.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'goodwill', r.key, 'fact', json_object('complaint_id', (SELECT key FROM complaint WHERE id = r.complaint_id), 'what', r.what, 'value', r.value, 'approved_by', r.approved_by, 'at', r.at, 'staff', r.staff, 'pin_approved', r.pin_approved), (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM complaint o0 WHERE o0.id = r.complaint_id)
    FROM sync_site s JOIN goodwill r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_interaction_insert AFTER INSERT ON interaction
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE interaction SET store = (SELECT code FROM sync_site) WHERE interaction.rowid = NEW.rowid AND key IS NULL AND store = '';
    UPDATE interaction SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE interaction.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'interaction', r.key, 'fact', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'at', r.at, 'channel', r.channel, 'direction', r.direction, 'kind', r.kind, 'summary', r.summary, 'staff', r.staff, 'outcome', r.outcome, 'purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'claim_id', (SELECT key FROM claim WHERE id = r.claim_id), 'complaint_id', (SELECT key FROM complaint WHERE id = r.complaint_id), 'resolved_first', r.resolved_first, 'store', r.store), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN interaction r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_member_tier_delete AFTER DELETE ON member_tier
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'member_tier', OLD.key, 'fields', json_object('deleted', 1), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_member_tier_insert AFTER INSERT ON member_tier
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE member_tier SET key = CASE WHEN EXISTS (SELECT 1 FROM member_tier AS taken WHERE taken.key = (CASE WHEN NEW.id <= 4 THEN '00000000-0000-7000-8000-00000000010' || NEW.id END)) THEN lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) ELSE coalesce(CASE WHEN NEW.id <= 4 THEN '00000000-0000-7000-8000-00000000010' || NEW.id END, lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))) END WHERE member_tier.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'member_tier', r.key, 'fields', json_object('position', r.position, 'name', r.name, 'min_spend', r.min_spend, 'discount_pct', r.discount_pct, 'birthday_voucher', r.birthday_voucher, 'updated_at', r.updated_at, 'deleted', 0), NULL
    FROM sync_site s JOIN member_tier r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_member_tier_update AFTER UPDATE OF position, name, min_spend, discount_pct, birthday_voucher, updated_at ON member_tier
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.position IS NOT OLD.position OR NEW.name IS NOT OLD.name OR NEW.min_spend IS NOT OLD.min_spend OR NEW.discount_pct IS NOT OLD.discount_pct OR NEW.birthday_voucher IS NOT OLD.birthday_voucher OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'member_tier', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'position' AS k, NEW.position AS v WHERE NEW.position IS NOT OLD.position UNION ALL SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'min_spend' AS k, NEW.min_spend AS v WHERE NEW.min_spend IS NOT OLD.min_spend UNION ALL SELECT 'discount_pct' AS k, NEW.discount_pct AS v WHERE NEW.discount_pct IS NOT OLD.discount_pct UNION ALL SELECT 'birthday_voucher' AS k, NEW.birthday_voucher AS v WHERE NEW.birthday_voucher IS NOT OLD.birthday_voucher UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at)), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_message_template_delete AFTER DELETE ON message_template
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'template', OLD.key, 'fields', json_object('deleted', 1), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_message_template_insert AFTER INSERT ON message_template
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE message_template SET key = CASE WHEN EXISTS (SELECT 1 FROM message_template AS taken WHERE taken.key = ('template/' || NEW.kind || '/' || NEW.locale)) THEN lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) ELSE coalesce('template/' || NEW.kind || '/' || NEW.locale, lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))) END WHERE message_template.kind = NEW.kind AND message_template.locale = NEW.locale AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'template', r.key, 'fields', json_object('kind', r.kind, 'locale', r.locale, 'body', r.body, 'updated_at', r.updated_at, 'deleted', 0), NULL
    FROM sync_site s JOIN message_template r ON r.kind = NEW.kind AND r.locale = NEW.locale WHERE s.capture = 1;
END
CREATE TRIGGER sync_message_template_update AFTER UPDATE OF kind, locale, body, updated_at ON message_template
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.kind IS NOT OLD.kind OR NEW.locale IS NOT OLD.locale OR NEW.body IS NOT OLD.body OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'template', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'kind' AS k, NEW.kind AS v WHERE NEW.kind IS NOT OLD.kind UNION ALL SELECT 'locale' AS k, NEW.locale AS v WHERE NEW.locale IS NOT OLD.locale UNION ALL SELECT 'body' AS k, NEW.body AS v WHERE NEW.body IS NOT OLD.body UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at)), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_opening_spend_insert AFTER INSERT ON opening_spend
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE opening_spend SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE opening_spend.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'opening_spend', r.key, 'fact', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'amount', r.amount, 'staff', r.staff, 'at', r.at), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN opening_spend r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_origin_claim BEFORE UPDATE OF customer_id ON claim
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'claim' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'claim', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END
CREATE TRIGGER sync_origin_complaint BEFORE UPDATE OF customer_id ON complaint
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'complaint' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'complaint', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END
CREATE TRIGGER sync_origin_consent BEFORE UPDATE OF customer_id ON consent
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'consent', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_credit_entry BEFORE UPDATE OF customer_id ON credit_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'credit_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_debt_entry BEFORE UPDATE OF customer_id ON debt_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'debt_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_feedback BEFORE UPDATE OF customer_id ON feedback
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'score', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_interaction BEFORE UPDATE OF customer_id ON interaction
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'interaction', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_opening_spend BEFORE UPDATE OF customer_id ON opening_spend
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'opening_spend', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_point_entry BEFORE UPDATE OF customer_id ON point_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'point_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_preference BEFORE UPDATE OF customer_id ON preference
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'preference' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'preference', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END
CREATE TRIGGER sync_origin_promise BEFORE UPDATE OF customer_id ON promise
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'promise' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'promise', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END
CREATE TRIGGER sync_origin_purchase BEFORE UPDATE OF customer_id ON purchase
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'sale' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'sale', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END
CREATE TRIGGER sync_origin_return_case BEFORE UPDATE OF customer_id ON return_case
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'return', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_origin_unit BEFORE UPDATE OF customer_id ON unit
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'unit' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'unit', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END
CREATE TRIGGER sync_origin_voucher BEFORE UPDATE OF customer_id ON voucher
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'voucher' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'voucher', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END
CREATE TRIGGER sync_origin_voucher_use BEFORE UPDATE OF customer_id ON voucher_use
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'voucher_use', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END
CREATE TRIGGER sync_point_entry_insert AFTER INSERT ON point_entry
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE point_entry SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE point_entry.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'point_entry', r.key, 'fact', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'kind', r.kind, 'points', r.points, 'purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'return_id', (SELECT key FROM return_case WHERE id = r.return_id), 'reason', r.reason, 'staff', r.staff, 'at', r.at, 'expires_on', r.expires_on), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN point_entry r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_policy_delete AFTER DELETE ON policy
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'policy', OLD.key, 'fields', json_object('deleted', 1), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_policy_insert AFTER INSERT ON policy
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE policy SET key = CASE WHEN EXISTS (SELECT 1 FROM policy AS taken WHERE taken.key = (CASE WHEN NEW.id <= 3 THEN '00000000-0000-7000-8000-00000000000' || NEW.id END)) THEN lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) ELSE coalesce(CASE WHEN NEW.id <= 3 THEN '00000000-0000-7000-8000-00000000000' || NEW.id END, lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))) END WHERE policy.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'policy', r.key, 'fields', json_object('name', r.name, 'text', r.text, 'rules', r.rules, 'archived_at', r.archived_at, 'updated_at', r.updated_at, 'deleted', 0), NULL
    FROM sync_site s JOIN policy r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_policy_update AFTER UPDATE OF name, text, rules, archived_at, updated_at ON policy
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.name IS NOT OLD.name OR NEW.text IS NOT OLD.text OR NEW.rules IS NOT OLD.rules OR NEW.archived_at IS NOT OLD.archived_at OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'policy', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'text' AS k, NEW.text AS v WHERE NEW.text IS NOT OLD.text UNION ALL SELECT 'rules' AS k, NEW.rules AS v WHERE NEW.rules IS NOT OLD.rules UNION ALL SELECT 'archived_at' AS k, NEW.archived_at AS v WHERE NEW.archived_at IS NOT OLD.archived_at UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at)), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_preference_delete AFTER DELETE ON preference
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'preference', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_preference_insert AFTER INSERT ON preference
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE preference SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE preference.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'preference', r.key, 'fields', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'category', r.category, 'value', r.value, 'note', r.note, 'is_alert', r.is_alert, 'noted_by', r.noted_by, 'noted_at', r.noted_at, 'updated_at', r.updated_at, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN preference r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_preference_update AFTER UPDATE OF customer_id, category, value, note, is_alert, noted_by, noted_at, updated_at ON preference
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.customer_id IS NOT OLD.customer_id OR NEW.category IS NOT OLD.category OR NEW.value IS NOT OLD.value OR NEW.note IS NOT OLD.note OR NEW.is_alert IS NOT OLD.is_alert OR NEW.noted_by IS NOT OLD.noted_by OR NEW.noted_at IS NOT OLD.noted_at OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'preference', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'category' AS k, NEW.category AS v WHERE NEW.category IS NOT OLD.category OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'value' AS k, NEW.value AS v WHERE NEW.value IS NOT OLD.value OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'note' AS k, NEW.note AS v WHERE NEW.note IS NOT OLD.note OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'is_alert' AS k, NEW.is_alert AS v WHERE NEW.is_alert IS NOT OLD.is_alert OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'noted_by' AS k, NEW.noted_by AS v WHERE NEW.noted_by IS NOT OLD.noted_by OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'noted_at' AS k, NEW.noted_at AS v WHERE NEW.noted_at IS NOT OLD.noted_at OR NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at OR NEW.customer_id IS NOT OLD.customer_id)), CASE WHEN NEW.customer_id IS NOT OLD.customer_id THEN (SELECT key FROM customer WHERE id = OLD.customer_id) ELSE (SELECT key FROM customer WHERE id = NEW.customer_id) END
    FROM sync_site s;
END
CREATE TRIGGER sync_product_delete AFTER DELETE ON product
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'product', OLD.key, 'fields', json_object('deleted', 1), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_product_insert AFTER INSERT ON product
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE product SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE product.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'product', r.key, 'fields', json_object('code', r.code, 'name', r.name, 'folded_name', r.folded_name, 'category', r.category, 'price', r.price, 'warranty_months', r.warranty_months, 'exchange_days', r.exchange_days, 'policy_id', (SELECT key FROM policy WHERE id = r.policy_id), 'repurchase_days', r.repurchase_days, 'serial_required', r.serial_required, 'archived_at', r.archived_at, 'created_at', r.created_at, 'updated_at', r.updated_at, 'deleted', 0), NULL
    FROM sync_site s JOIN product r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_product_update AFTER UPDATE OF code, name, folded_name, category, price, warranty_months, exchange_days, policy_id, repurchase_days, serial_required, archived_at, created_at, updated_at ON product
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.folded_name IS NOT OLD.folded_name OR NEW.category IS NOT OLD.category OR NEW.price IS NOT OLD.price OR NEW.warranty_months IS NOT OLD.warranty_months OR NEW.exchange_days IS NOT OLD.exchange_days OR NEW.policy_id IS NOT OLD.policy_id OR NEW.repurchase_days IS NOT OLD.repurchase_days OR NEW.serial_required IS NOT OLD.serial_required OR NEW.archived_at IS NOT OLD.archived_at OR NEW.created_at IS NOT OLD.created_at OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'product', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'code' AS k, NEW.code AS v WHERE NEW.code IS NOT OLD.code UNION ALL SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'folded_name' AS k, NEW.folded_name AS v WHERE NEW.folded_name IS NOT OLD.folded_name UNION ALL SELECT 'category' AS k, NEW.category AS v WHERE NEW.category IS NOT OLD.category UNION ALL SELECT 'price' AS k, NEW.price AS v WHERE NEW.price IS NOT OLD.price UNION ALL SELECT 'warranty_months' AS k, NEW.warranty_months AS v WHERE NEW.warranty_months IS NOT OLD.warranty_months UNION ALL SELECT 'exchange_days' AS k, NEW.exchange_days AS v WHERE NEW.exchange_days IS NOT OLD.exchange_days UNION ALL SELECT 'policy_id' AS k, (SELECT key FROM policy WHERE id = NEW.policy_id) AS v WHERE NEW.policy_id IS NOT OLD.policy_id UNION ALL SELECT 'repurchase_days' AS k, NEW.repurchase_days AS v WHERE NEW.repurchase_days IS NOT OLD.repurchase_days UNION ALL SELECT 'serial_required' AS k, NEW.serial_required AS v WHERE NEW.serial_required IS NOT OLD.serial_required UNION ALL SELECT 'archived_at' AS k, NEW.archived_at AS v WHERE NEW.archived_at IS NOT OLD.archived_at UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at)), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_promise_delete AFTER DELETE ON promise
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'promise', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_promise_insert AFTER INSERT ON promise
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE promise SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE promise.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'promise', r.key, 'fields', json_object('customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'text', r.text, 'owner', r.owner, 'due_on', r.due_on, 'status', r.status, 'close_note', r.close_note, 'created_by', r.created_by, 'created_at', r.created_at, 'closed_at', r.closed_at, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN promise r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_promise_update AFTER UPDATE OF customer_id, text, owner, due_on, status, close_note, created_by, created_at, closed_at ON promise
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.customer_id IS NOT OLD.customer_id OR NEW.text IS NOT OLD.text OR NEW.owner IS NOT OLD.owner OR NEW.due_on IS NOT OLD.due_on OR NEW.status IS NOT OLD.status OR NEW.close_note IS NOT OLD.close_note OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at OR NEW.closed_at IS NOT OLD.closed_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'promise', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'text' AS k, NEW.text AS v WHERE NEW.text IS NOT OLD.text UNION ALL SELECT 'owner' AS k, NEW.owner AS v WHERE NEW.owner IS NOT OLD.owner UNION ALL SELECT 'due_on' AS k, NEW.due_on AS v WHERE NEW.due_on IS NOT OLD.due_on UNION ALL SELECT 'status' AS k, NEW.status AS v WHERE NEW.status IS NOT OLD.status UNION ALL SELECT 'close_note' AS k, NEW.close_note AS v WHERE NEW.close_note IS NOT OLD.close_note UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'closed_at' AS k, NEW.closed_at AS v WHERE NEW.closed_at IS NOT OLD.closed_at)), (SELECT key FROM customer WHERE id = NEW.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_purchase_delete AFTER DELETE ON purchase
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'sale', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_purchase_insert AFTER INSERT ON purchase
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE purchase SET store = (SELECT code FROM sync_site) WHERE purchase.rowid = NEW.rowid AND key IS NULL AND store = '';
    UPDATE purchase SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE purchase.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'sale', r.key, 'fields', json_object('receipt_no', r.receipt_no, 'sold_at', r.sold_at, 'customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'staff', r.staff, 'total', r.total, 'note', r.note, 'voided_at', r.voided_at, 'void_reason', r.void_reason, 'created_at', r.created_at, 'updated_at', r.updated_at, 'store', r.store, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN purchase r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_purchase_line_delete AFTER DELETE ON purchase_line
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'sale_line', OLD.key, 'fields', json_object('deleted', 1), (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM purchase o0 WHERE o0.id = OLD.purchase_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_purchase_line_insert AFTER INSERT ON purchase_line
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE purchase_line SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE purchase_line.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'sale_line', r.key, 'fields', json_object('purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'position', r.position, 'product_id', (SELECT key FROM product WHERE id = r.product_id), 'product_name', r.product_name, 'quantity', r.quantity, 'unit_price', r.unit_price, 'discount', r.discount, 'warranty_months', r.warranty_months, 'exchange_days', r.exchange_days, 'policy', r.policy, 'deleted', 0), (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM purchase o0 WHERE o0.id = r.purchase_id)
    FROM sync_site s JOIN purchase_line r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_purchase_line_update AFTER UPDATE OF purchase_id, position, product_id, product_name, quantity, unit_price, discount, warranty_months, exchange_days, policy ON purchase_line
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.purchase_id IS NOT OLD.purchase_id OR NEW.position IS NOT OLD.position OR NEW.product_id IS NOT OLD.product_id OR NEW.product_name IS NOT OLD.product_name OR NEW.quantity IS NOT OLD.quantity OR NEW.unit_price IS NOT OLD.unit_price OR NEW.discount IS NOT OLD.discount OR NEW.warranty_months IS NOT OLD.warranty_months OR NEW.exchange_days IS NOT OLD.exchange_days OR NEW.policy IS NOT OLD.policy)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'sale_line', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'purchase_id' AS k, (SELECT key FROM purchase WHERE id = NEW.purchase_id) AS v WHERE NEW.purchase_id IS NOT OLD.purchase_id UNION ALL SELECT 'position' AS k, NEW.position AS v WHERE NEW.position IS NOT OLD.position UNION ALL SELECT 'product_id' AS k, (SELECT key FROM product WHERE id = NEW.product_id) AS v WHERE NEW.product_id IS NOT OLD.product_id UNION ALL SELECT 'product_name' AS k, NEW.product_name AS v WHERE NEW.product_name IS NOT OLD.product_name UNION ALL SELECT 'quantity' AS k, NEW.quantity AS v WHERE NEW.quantity IS NOT OLD.quantity UNION ALL SELECT 'unit_price' AS k, NEW.unit_price AS v WHERE NEW.unit_price IS NOT OLD.unit_price UNION ALL SELECT 'discount' AS k, NEW.discount AS v WHERE NEW.discount IS NOT OLD.discount UNION ALL SELECT 'warranty_months' AS k, NEW.warranty_months AS v WHERE NEW.warranty_months IS NOT OLD.warranty_months UNION ALL SELECT 'exchange_days' AS k, NEW.exchange_days AS v WHERE NEW.exchange_days IS NOT OLD.exchange_days UNION ALL SELECT 'policy' AS k, NEW.policy AS v WHERE NEW.policy IS NOT OLD.policy)), (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM purchase o0 WHERE o0.id = NEW.purchase_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_purchase_tender_insert AFTER INSERT ON purchase_tender
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE purchase_tender SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE purchase_tender.purchase_id = NEW.purchase_id AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'purchase_tender', r.key, 'fact', json_object('purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'tier_id', (SELECT key FROM member_tier WHERE id = r.tier_id), 'tier_discount', r.tier_discount, 'voucher_id', (SELECT key FROM voucher WHERE id = r.voucher_id), 'voucher_discount', r.voucher_discount, 'points_used', r.points_used, 'points_value', r.points_value, 'credit_used', r.credit_used, 'to_pay', r.to_pay, 'paid', r.paid, 'owed', r.owed, 'due_on', r.due_on, 'method', r.method, 'points_earned', r.points_earned), (SELECT (SELECT key FROM customer WHERE id = o0.customer_id) FROM purchase o0 WHERE o0.id = r.purchase_id)
    FROM sync_site s JOIN purchase_tender r ON r.purchase_id = NEW.purchase_id WHERE s.capture = 1;
END
CREATE TRIGGER sync_purchase_update AFTER UPDATE OF receipt_no, sold_at, customer_id, staff, total, note, voided_at, void_reason, created_at, updated_at, store ON purchase
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.receipt_no IS NOT OLD.receipt_no OR NEW.sold_at IS NOT OLD.sold_at OR NEW.customer_id IS NOT OLD.customer_id OR NEW.staff IS NOT OLD.staff OR NEW.total IS NOT OLD.total OR NEW.note IS NOT OLD.note OR NEW.voided_at IS NOT OLD.voided_at OR NEW.void_reason IS NOT OLD.void_reason OR NEW.created_at IS NOT OLD.created_at OR NEW.updated_at IS NOT OLD.updated_at OR NEW.store IS NOT OLD.store)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'sale', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'receipt_no' AS k, NEW.receipt_no AS v WHERE NEW.receipt_no IS NOT OLD.receipt_no UNION ALL SELECT 'sold_at' AS k, NEW.sold_at AS v WHERE NEW.sold_at IS NOT OLD.sold_at UNION ALL SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'staff' AS k, NEW.staff AS v WHERE NEW.staff IS NOT OLD.staff UNION ALL SELECT 'total' AS k, NEW.total AS v WHERE NEW.total IS NOT OLD.total UNION ALL SELECT 'note' AS k, NEW.note AS v WHERE NEW.note IS NOT OLD.note UNION ALL SELECT 'voided_at' AS k, NEW.voided_at AS v WHERE NEW.voided_at IS NOT OLD.voided_at UNION ALL SELECT 'void_reason' AS k, NEW.void_reason AS v WHERE NEW.void_reason IS NOT OLD.void_reason UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at UNION ALL SELECT 'store' AS k, NEW.store AS v WHERE NEW.store IS NOT OLD.store)), (SELECT key FROM customer WHERE id = NEW.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_return_case_insert AFTER INSERT ON return_case
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE return_case SET store = (SELECT code FROM sync_site) WHERE return_case.rowid = NEW.rowid AND key IS NULL AND store = '';
    UPDATE return_case SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE return_case.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'return', r.key, 'fact', json_object('line_id', (SELECT key FROM purchase_line WHERE id = r.line_id), 'unit_id', (SELECT key FROM unit WHERE id = r.unit_id), 'customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'returned_on', r.returned_on, 'quantity', r.quantity, 'faulty', r.faulty, 'intact', r.intact, 'has_receipt', r.has_receipt, 'reason', r.reason, 'verdict', r.verdict, 'outcome', r.outcome, 'override_reason', r.override_reason, 'refund_amount', r.refund_amount, 'credit_amount', r.credit_amount, 'exchange_purchase_id', (SELECT key FROM purchase WHERE id = r.exchange_purchase_id), 'claim_id', (SELECT key FROM claim WHERE id = r.claim_id), 'staff', r.staff, 'created_at', r.created_at, 'approved_by', r.approved_by, 'store', r.store), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN return_case r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_role_permission_delete AFTER DELETE ON role_permission
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'role_permission', OLD.key, 'fields', json_object('deleted', 1), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_role_permission_insert AFTER INSERT ON role_permission
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE role_permission SET key = CASE WHEN EXISTS (SELECT 1 FROM role_permission AS taken WHERE taken.key = ('role_permission/' || NEW.role || '/' || NEW.permission)) THEN lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) ELSE coalesce('role_permission/' || NEW.role || '/' || NEW.permission, lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))) END WHERE role_permission.role = NEW.role AND role_permission.permission = NEW.permission AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'role_permission', r.key, 'fields', json_object('role', r.role, 'permission', r.permission, 'deleted', 0), NULL
    FROM sync_site s JOIN role_permission r ON r.role = NEW.role AND r.permission = NEW.permission WHERE s.capture = 1;
END
CREATE TRIGGER sync_role_permission_update AFTER UPDATE OF role, permission ON role_permission
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.role IS NOT OLD.role OR NEW.permission IS NOT OLD.permission)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'role_permission', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'role' AS k, NEW.role AS v WHERE NEW.role IS NOT OLD.role UNION ALL SELECT 'permission' AS k, NEW.permission AS v WHERE NEW.permission IS NOT OLD.permission)), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_staff_delete AFTER DELETE ON staff
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'staff', OLD.key, 'fields', json_object('deleted', 1), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_staff_insert AFTER INSERT ON staff
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE staff SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE staff.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'staff', r.key, 'fields', json_object('name', r.name, 'folded_name', r.folded_name, 'role', r.role, 'pin_hash', r.pin_hash, 'active', r.active, 'created_at', r.created_at, 'updated_at', r.updated_at, 'stores', json((SELECT json_group_array(store) FROM (SELECT store FROM staff_store WHERE staff_id = r.id ORDER BY store))), 'deleted', 0), NULL
    FROM sync_site s JOIN staff r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_staff_store_delete AFTER DELETE ON staff_store
WHEN (SELECT capture FROM sync_site) = 1
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'staff', p.key, 'fields', json_object('stores', json((SELECT json_group_array(store) FROM (SELECT store FROM staff_store WHERE staff_id = p.id ORDER BY store)))), NULL
    FROM sync_site s JOIN staff p ON p.id = OLD.staff_id AND p.key IS NOT NULL;
END
CREATE TRIGGER sync_staff_store_insert AFTER INSERT ON staff_store
WHEN (SELECT capture FROM sync_site) = 1
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'staff', p.key, 'fields', json_object('stores', json((SELECT json_group_array(store) FROM (SELECT store FROM staff_store WHERE staff_id = p.id ORDER BY store)))), NULL
    FROM sync_site s JOIN staff p ON p.id = NEW.staff_id AND p.key IS NOT NULL;
END
CREATE TRIGGER sync_staff_update AFTER UPDATE OF name, folded_name, role, pin_hash, active, created_at, updated_at ON staff
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.name IS NOT OLD.name OR NEW.folded_name IS NOT OLD.folded_name OR NEW.role IS NOT OLD.role OR NEW.pin_hash IS NOT OLD.pin_hash OR NEW.active IS NOT OLD.active OR NEW.created_at IS NOT OLD.created_at OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'staff', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'name' AS k, NEW.name AS v WHERE NEW.name IS NOT OLD.name UNION ALL SELECT 'folded_name' AS k, NEW.folded_name AS v WHERE NEW.folded_name IS NOT OLD.folded_name UNION ALL SELECT 'role' AS k, NEW.role AS v WHERE NEW.role IS NOT OLD.role UNION ALL SELECT 'pin_hash' AS k, NEW.pin_hash AS v WHERE NEW.pin_hash IS NOT OLD.pin_hash UNION ALL SELECT 'active' AS k, NEW.active AS v WHERE NEW.active IS NOT OLD.active UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at)), NULL
    FROM sync_site s;
END
CREATE TRIGGER sync_unit_delete AFTER DELETE ON unit
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'unit', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_unit_insert AFTER INSERT ON unit
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE unit SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE unit.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'unit', r.key, 'fields', json_object('line_id', (SELECT key FROM purchase_line WHERE id = r.line_id), 'customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'serial', r.serial, 'serial_reversed', r.serial_reversed, 'status', r.status, 'warranty_start', r.warranty_start, 'warranty_months', r.warranty_months, 'exchange_days', r.exchange_days, 'extension_days', r.extension_days, 'warranty_end', r.warranty_end, 'replaces_unit_id', (SELECT key FROM unit WHERE id = r.replaces_unit_id), 'updated_at', r.updated_at, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN unit r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_unit_update AFTER UPDATE OF line_id, customer_id, serial, serial_reversed, status, warranty_start, warranty_months, exchange_days, extension_days, warranty_end, replaces_unit_id, updated_at ON unit
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.line_id IS NOT OLD.line_id OR NEW.customer_id IS NOT OLD.customer_id OR NEW.serial IS NOT OLD.serial OR NEW.serial_reversed IS NOT OLD.serial_reversed OR NEW.status IS NOT OLD.status OR NEW.warranty_start IS NOT OLD.warranty_start OR NEW.warranty_months IS NOT OLD.warranty_months OR NEW.exchange_days IS NOT OLD.exchange_days OR NEW.extension_days IS NOT OLD.extension_days OR NEW.warranty_end IS NOT OLD.warranty_end OR NEW.replaces_unit_id IS NOT OLD.replaces_unit_id OR NEW.updated_at IS NOT OLD.updated_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'unit', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'line_id' AS k, (SELECT key FROM purchase_line WHERE id = NEW.line_id) AS v WHERE NEW.line_id IS NOT OLD.line_id UNION ALL SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'serial' AS k, NEW.serial AS v WHERE NEW.serial IS NOT OLD.serial UNION ALL SELECT 'serial_reversed' AS k, NEW.serial_reversed AS v WHERE NEW.serial_reversed IS NOT OLD.serial_reversed UNION ALL SELECT 'status' AS k, NEW.status AS v WHERE NEW.status IS NOT OLD.status UNION ALL SELECT 'warranty_start' AS k, NEW.warranty_start AS v WHERE NEW.warranty_start IS NOT OLD.warranty_start UNION ALL SELECT 'warranty_months' AS k, NEW.warranty_months AS v WHERE NEW.warranty_months IS NOT OLD.warranty_months UNION ALL SELECT 'exchange_days' AS k, NEW.exchange_days AS v WHERE NEW.exchange_days IS NOT OLD.exchange_days UNION ALL SELECT 'extension_days' AS k, NEW.extension_days AS v WHERE NEW.extension_days IS NOT OLD.extension_days UNION ALL SELECT 'warranty_end' AS k, NEW.warranty_end AS v WHERE NEW.warranty_end IS NOT OLD.warranty_end UNION ALL SELECT 'replaces_unit_id' AS k, (SELECT key FROM unit WHERE id = NEW.replaces_unit_id) AS v WHERE NEW.replaces_unit_id IS NOT OLD.replaces_unit_id UNION ALL SELECT 'updated_at' AS k, NEW.updated_at AS v WHERE NEW.updated_at IS NOT OLD.updated_at)), (SELECT key FROM customer WHERE id = NEW.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_voucher_delete AFTER DELETE ON voucher
WHEN (SELECT capture FROM sync_site) = 1 AND OLD.key IS NOT NULL
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'voucher', OLD.key, 'fields', json_object('deleted', 1), (SELECT key FROM customer WHERE id = OLD.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_voucher_insert AFTER INSERT ON voucher
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE voucher SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE voucher.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'voucher', r.key, 'fields', json_object('code', r.code, 'kind', r.kind, 'value', r.value, 'min_spend', r.min_spend, 'max_discount', r.max_discount, 'expires_on', r.expires_on, 'max_uses', r.max_uses, 'customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'origin', r.origin, 'note', r.note, 'created_by', r.created_by, 'created_at', r.created_at, 'archived_at', r.archived_at, 'deleted', 0), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN voucher r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
CREATE TRIGGER sync_voucher_update AFTER UPDATE OF code, kind, value, min_spend, max_discount, expires_on, max_uses, customer_id, origin, note, created_by, created_at, archived_at ON voucher
WHEN (SELECT capture FROM sync_site) = 1 AND NEW.key IS NOT NULL AND (NEW.code IS NOT OLD.code OR NEW.kind IS NOT OLD.kind OR NEW.value IS NOT OLD.value OR NEW.min_spend IS NOT OLD.min_spend OR NEW.max_discount IS NOT OLD.max_discount OR NEW.expires_on IS NOT OLD.expires_on OR NEW.max_uses IS NOT OLD.max_uses OR NEW.customer_id IS NOT OLD.customer_id OR NEW.origin IS NOT OLD.origin OR NEW.note IS NOT OLD.note OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at OR NEW.archived_at IS NOT OLD.archived_at)
BEGIN
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'voucher', NEW.key, 'fields', (SELECT json_group_object(k, v) FROM (SELECT 'code' AS k, NEW.code AS v WHERE NEW.code IS NOT OLD.code UNION ALL SELECT 'kind' AS k, NEW.kind AS v WHERE NEW.kind IS NOT OLD.kind UNION ALL SELECT 'value' AS k, NEW.value AS v WHERE NEW.value IS NOT OLD.value UNION ALL SELECT 'min_spend' AS k, NEW.min_spend AS v WHERE NEW.min_spend IS NOT OLD.min_spend UNION ALL SELECT 'max_discount' AS k, NEW.max_discount AS v WHERE NEW.max_discount IS NOT OLD.max_discount UNION ALL SELECT 'expires_on' AS k, NEW.expires_on AS v WHERE NEW.expires_on IS NOT OLD.expires_on UNION ALL SELECT 'max_uses' AS k, NEW.max_uses AS v WHERE NEW.max_uses IS NOT OLD.max_uses UNION ALL SELECT 'customer_id' AS k, (SELECT key FROM customer WHERE id = NEW.customer_id) AS v WHERE NEW.customer_id IS NOT OLD.customer_id UNION ALL SELECT 'origin' AS k, NEW.origin AS v WHERE NEW.origin IS NOT OLD.origin UNION ALL SELECT 'note' AS k, NEW.note AS v WHERE NEW.note IS NOT OLD.note UNION ALL SELECT 'created_by' AS k, NEW.created_by AS v WHERE NEW.created_by IS NOT OLD.created_by UNION ALL SELECT 'created_at' AS k, NEW.created_at AS v WHERE NEW.created_at IS NOT OLD.created_at UNION ALL SELECT 'archived_at' AS k, NEW.archived_at AS v WHERE NEW.archived_at IS NOT OLD.archived_at)), (SELECT key FROM customer WHERE id = NEW.customer_id)
    FROM sync_site s;
END
CREATE TRIGGER sync_voucher_use_insert AFTER INSERT ON voucher_use
WHEN (SELECT code FROM sync_site) IS NOT NULL
BEGIN
    UPDATE voucher_use SET key = lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE voucher_use.rowid = NEW.rowid AND key IS NULL;
    UPDATE sync_site SET seq = seq + 1, hlc_counter = CASE WHEN (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms) > hlc_wall THEN 0 ELSE hlc_counter + 1 END, hlc_wall = max(hlc_wall, (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)) WHERE capture = 1;
    INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) SELECT s.seq, printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code), 'voucher_use', r.key, 'fact', json_object('voucher_id', (SELECT key FROM voucher WHERE id = r.voucher_id), 'purchase_id', (SELECT key FROM purchase WHERE id = r.purchase_id), 'customer_id', (SELECT key FROM customer WHERE id = r.customer_id), 'kind', r.kind, 'amount', r.amount, 'staff', r.staff, 'at', r.at), (SELECT key FROM customer WHERE id = r.customer_id)
    FROM sync_site s JOIN voucher_use r ON r.rowid = NEW.rowid WHERE s.capture = 1;
END
