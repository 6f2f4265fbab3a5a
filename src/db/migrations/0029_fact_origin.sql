-- Issue 15, converge: the customer each fact was written under, once it points at another.
-- A fact's customer follows merges; two stores merging one record into two different ones
-- while apart each move its facts their own way, and only the merge with the later clock
-- stands. Where a fact first leaves the customer it was written under, she is kept here (her
-- chain key), so that every store can point it again at the record she became
-- (`sync::local::origin`). Facts that never moved have no row: their customer is their origin.

CREATE TABLE sync_fact_origin (
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    customer TEXT NOT NULL,
    PRIMARY KEY (entity, key)
) WITHOUT ROWID;

CREATE TRIGGER sync_origin_consent BEFORE UPDATE OF customer_id ON consent
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'consent', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_interaction BEFORE UPDATE OF customer_id ON interaction
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'interaction', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_feedback BEFORE UPDATE OF customer_id ON feedback
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'score', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_point_entry BEFORE UPDATE OF customer_id ON point_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'point_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_voucher_use BEFORE UPDATE OF customer_id ON voucher_use
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'voucher_use', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_credit_entry BEFORE UPDATE OF customer_id ON credit_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'credit_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_debt_entry BEFORE UPDATE OF customer_id ON debt_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'debt_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_opening_spend BEFORE UPDATE OF customer_id ON opening_spend
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'opening_spend', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_return_case BEFORE UPDATE OF customer_id ON return_case
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_fact_origin(entity, key, customer)
    SELECT 'return', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;
