-- Interactions in full, complaints with their service targets, feedback scores, promises, and
-- the per-customer value the dashboard and segments read instead of summing every sale.

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
);
CREATE INDEX complaint_customer ON complaint(customer_id, opened_at);
CREATE INDEX complaint_opened ON complaint(opened_at);
CREATE INDEX complaint_resolved ON complaint(resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX complaint_live ON complaint(status, respond_by) WHERE status <> 'resolved' AND status <> 'closed';

CREATE TABLE complaint_event (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    at           TEXT NOT NULL,
    staff        TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id);

CREATE TABLE goodwill (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    what         TEXT NOT NULL CHECK (what <> ''),
    value        INTEGER NOT NULL CHECK (value >= 0),
    approved_by  TEXT NOT NULL CHECK (approved_by <> ''),
    at           TEXT NOT NULL,
    staff        TEXT NOT NULL
);
CREATE INDEX goodwill_complaint ON goodwill(complaint_id);

-- What the touchpoint was about, and whether it settled the matter then and there (NULL: not
-- a request, so not counted in first-contact resolution).
ALTER TABLE interaction ADD COLUMN purchase_id INTEGER REFERENCES purchase(id);
ALTER TABLE interaction ADD COLUMN claim_id INTEGER REFERENCES claim(id);
ALTER TABLE interaction ADD COLUMN complaint_id INTEGER REFERENCES complaint(id);
ALTER TABLE interaction ADD COLUMN resolved_first INTEGER CHECK (resolved_first = 0 OR resolved_first = 1);
-- Touchpoints of a period, in order.
CREATE INDEX interaction_at ON interaction(at);

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
);
CREATE INDEX feedback_at ON feedback(at, metric, score, staff);
CREATE INDEX feedback_customer ON feedback(customer_id, at);
CREATE INDEX feedback_low ON feedback(at) WHERE low = 1;

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
);
CREATE INDEX promise_customer ON promise(customer_id, status);
CREATE INDEX promise_due ON promise(due_on, status, owner);

-- Units that started a warranty in a period (the claim rate's denominator).
CREATE INDEX unit_warranty_start ON unit(warranty_start) WHERE warranty_months > 0;
-- The few customers who agreed to marketing (segments count them without reading rows).
CREATE INDEX customer_consent ON customer(id) WHERE marketing_consent = 1;
-- Reminders closed in a period (done on time %).
CREATE INDEX reminder_closed ON reminder(closed_at) WHERE closed_at IS NOT NULL;
-- Claims opened and closed in a period (claim rate, turnaround).
CREATE INDEX claim_received ON claim(received_on);
CREATE INDEX claim_closed ON claim(closed_on) WHERE closed_on IS NOT NULL;

-- Lifetime value, purchase count, first and last live purchase per customer, kept exact by the
-- triggers below whatever writes the sale (the app, the CLI, an import).
CREATE TABLE customer_value (
    customer_id INTEGER PRIMARY KEY REFERENCES customer(id),
    value       INTEGER NOT NULL,
    purchases   INTEGER NOT NULL,
    first_at    TEXT NOT NULL,
    last_at     TEXT NOT NULL
);
CREATE INDEX customer_value_value ON customer_value(value);
CREATE INDEX customer_value_first ON customer_value(first_at);
CREATE INDEX customer_value_last ON customer_value(last_at);

-- Buyers and their total, one row, so the average lifetime value reads no table.
CREATE TABLE customer_value_total (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    buyers INTEGER NOT NULL,
    value  INTEGER NOT NULL
);
INSERT INTO customer_value_total(id, buyers, value) VALUES (1, 0, 0);
CREATE TRIGGER customer_value_total_insert AFTER INSERT ON customer_value
BEGIN
    UPDATE customer_value_total SET buyers = buyers + 1, value = value + NEW.value WHERE id = 1;
END;
CREATE TRIGGER customer_value_total_update AFTER UPDATE OF value ON customer_value
BEGIN
    UPDATE customer_value_total SET value = value - OLD.value + NEW.value WHERE id = 1;
END;
CREATE TRIGGER customer_value_total_delete AFTER DELETE ON customer_value
BEGIN
    UPDATE customer_value_total SET buyers = buyers - 1, value = value - OLD.value WHERE id = 1;
END;


-- The sales already stored (the total follows through its triggers).
INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
SELECT customer_id, sum(total), count(*), min(sold_at), max(sold_at) FROM purchase
WHERE customer_id IS NOT NULL AND voided_at IS NULL GROUP BY customer_id;

-- A new live sale adds to its customer's figures.
CREATE TRIGGER customer_value_sale AFTER INSERT ON purchase
WHEN NEW.customer_id IS NOT NULL AND NEW.voided_at IS NULL
BEGIN
    INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
    VALUES (NEW.customer_id, NEW.total, 1, NEW.sold_at, NEW.sold_at)
    ON CONFLICT(customer_id) DO UPDATE SET value = value + excluded.value,
        purchases = purchases + 1, first_at = min(first_at, excluded.first_at),
        last_at = max(last_at, excluded.last_at);
END;

-- An edit, a void or a merge recounts the customers concerned from their live sales (a few
-- rows each, through the purchase_customer_live index).
CREATE TRIGGER customer_value_change AFTER UPDATE OF customer_id, total, sold_at, voided_at ON purchase
BEGIN
    DELETE FROM customer_value WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
    INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
    SELECT customer_id, sum(total), count(*), min(sold_at), max(sold_at) FROM purchase
    WHERE customer_id IN (OLD.customer_id, NEW.customer_id) AND voided_at IS NULL
    GROUP BY customer_id;
END;

CREATE TRIGGER customer_value_delete AFTER DELETE ON purchase
BEGIN
    DELETE FROM customer_value WHERE customer_id = OLD.customer_id;
    INSERT INTO customer_value(customer_id, value, purchases, first_at, last_at)
    SELECT customer_id, sum(total), count(*), min(sold_at), max(sold_at) FROM purchase
    WHERE customer_id = OLD.customer_id AND voided_at IS NULL GROUP BY customer_id;
END;

-- A segment turned into care: one reminder per consenting member, with the campaign's message.
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
);

-- Sales and touchpoints per shop day, staff member and channel, kept exact by triggers: the
-- dashboard's totals, trends and per-staff rows read a few rows per day instead of every sale.
CREATE TABLE daily_sales (
    day       TEXT NOT NULL,
    staff     TEXT NOT NULL,
    purchases INTEGER NOT NULL,
    revenue   INTEGER NOT NULL,
    PRIMARY KEY (day, staff)
) WITHOUT ROWID;
INSERT INTO daily_sales(day, staff, purchases, revenue)
SELECT date(sold_at, '+7 hours'), staff, count(*), sum(total) FROM purchase WHERE voided_at IS NULL
GROUP BY 1, 2;
CREATE TRIGGER daily_sales_insert AFTER INSERT ON purchase WHEN NEW.voided_at IS NULL
BEGIN
    INSERT INTO daily_sales(day, staff, purchases, revenue)
    VALUES (date(NEW.sold_at, '+7 hours'), NEW.staff, 1, NEW.total)
    ON CONFLICT(day, staff) DO UPDATE SET purchases = purchases + 1, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER daily_sales_update AFTER UPDATE OF sold_at, total, voided_at, staff ON purchase
BEGIN
    UPDATE daily_sales SET purchases = purchases - 1, revenue = revenue - OLD.total
    WHERE OLD.voided_at IS NULL AND day = date(OLD.sold_at, '+7 hours') AND staff = OLD.staff;
    INSERT INTO daily_sales(day, staff, purchases, revenue)
    SELECT date(NEW.sold_at, '+7 hours'), NEW.staff, 1, NEW.total WHERE NEW.voided_at IS NULL
    ON CONFLICT(day, staff) DO UPDATE SET purchases = purchases + 1, revenue = revenue + excluded.revenue;
END;
CREATE TRIGGER daily_sales_delete AFTER DELETE ON purchase WHEN OLD.voided_at IS NULL
BEGIN
    UPDATE daily_sales SET purchases = purchases - 1, revenue = revenue - OLD.total
    WHERE day = date(OLD.sold_at, '+7 hours') AND staff = OLD.staff;
END;

CREATE TABLE daily_contact (
    day          TEXT NOT NULL,
    staff        TEXT NOT NULL,
    channel      TEXT NOT NULL,
    interactions INTEGER NOT NULL,
    -- Requests logged with the first-contact flag, and those settled at once.
    fcr_asked    INTEGER NOT NULL,
    fcr_yes      INTEGER NOT NULL,
    PRIMARY KEY (day, staff, channel)
) WITHOUT ROWID;
INSERT INTO daily_contact(day, staff, channel, interactions, fcr_asked, fcr_yes)
SELECT date(at, '+7 hours'), staff, channel, count(*), count(resolved_first), coalesce(sum(resolved_first), 0)
FROM interaction GROUP BY 1, 2, 3;
CREATE TRIGGER daily_contact_insert AFTER INSERT ON interaction
BEGIN
    INSERT INTO daily_contact(day, staff, channel, interactions, fcr_asked, fcr_yes)
    VALUES (date(NEW.at, '+7 hours'), NEW.staff, NEW.channel, 1, NEW.resolved_first IS NOT NULL,
        coalesce(NEW.resolved_first, 0))
    ON CONFLICT(day, staff, channel) DO UPDATE SET interactions = interactions + 1,
        fcr_asked = fcr_asked + excluded.fcr_asked, fcr_yes = fcr_yes + excluded.fcr_yes;
END;
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
END;
CREATE TRIGGER daily_contact_delete AFTER DELETE ON interaction
BEGIN
    UPDATE daily_contact SET interactions = interactions - 1,
        fcr_asked = fcr_asked - (OLD.resolved_first IS NOT NULL), fcr_yes = fcr_yes - coalesce(OLD.resolved_first, 0)
    WHERE day = date(OLD.at, '+7 hours') AND staff = OLD.staff AND channel = OLD.channel;
END;
