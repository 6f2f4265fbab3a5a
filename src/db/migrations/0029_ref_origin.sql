-- Issue 15, converge: the customer a record was written under, once it points at another.
-- What points at a customer follows merges; two stores merging one record into two different
-- ones while apart each move what pointed at it their own way, and only the merge with the
-- later clock stands. Where a record leaves the customer its last word named (a fact when a
-- merge moves it, anything when it arrives already followed or is moved while other stores'
-- changes are applied), she is kept here by chain key, so that every store can point it again
-- at the record she became (`sync::local::origin`). A store's own edit of a record's customer
-- (a merge made here moves its sales so, captured) is a new last word: what was kept goes.
-- Records with no row point at the customer they name.

CREATE TABLE sync_ref_origin (
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    customer TEXT NOT NULL,
    PRIMARY KEY (entity, key)
) WITHOUT ROWID;

CREATE TRIGGER sync_origin_consent BEFORE UPDATE OF customer_id ON consent
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'consent', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_interaction BEFORE UPDATE OF customer_id ON interaction
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'interaction', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_feedback BEFORE UPDATE OF customer_id ON feedback
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'score', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_point_entry BEFORE UPDATE OF customer_id ON point_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'point_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_voucher_use BEFORE UPDATE OF customer_id ON voucher_use
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'voucher_use', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_credit_entry BEFORE UPDATE OF customer_id ON credit_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'credit_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_debt_entry BEFORE UPDATE OF customer_id ON debt_entry
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'debt_entry', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_opening_spend BEFORE UPDATE OF customer_id ON opening_spend
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'opening_spend', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_return_case BEFORE UPDATE OF customer_id ON return_case
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'return', OLD.key, c.key FROM customer c WHERE c.id = OLD.customer_id AND c.key IS NOT NULL;
END;

CREATE TRIGGER sync_origin_preference BEFORE UPDATE OF customer_id ON preference
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'preference' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'preference', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END;

CREATE TRIGGER sync_origin_complaint BEFORE UPDATE OF customer_id ON complaint
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'complaint' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'complaint', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END;

CREATE TRIGGER sync_origin_promise BEFORE UPDATE OF customer_id ON promise
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'promise' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'promise', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END;

CREATE TRIGGER sync_origin_voucher BEFORE UPDATE OF customer_id ON voucher
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'voucher' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'voucher', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END;

CREATE TRIGGER sync_origin_purchase BEFORE UPDATE OF customer_id ON purchase
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'sale' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'sale', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END;

CREATE TRIGGER sync_origin_unit BEFORE UPDATE OF customer_id ON unit
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'unit' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'unit', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END;

CREATE TRIGGER sync_origin_claim BEFORE UPDATE OF customer_id ON claim
WHEN OLD.key IS NOT NULL AND OLD.customer_id IS NOT NEW.customer_id
BEGIN
    DELETE FROM sync_ref_origin WHERE entity = 'claim' AND key = OLD.key
        AND (SELECT capture FROM sync_site WHERE id = 1) = 1;
    INSERT OR IGNORE INTO sync_ref_origin(entity, key, customer)
    SELECT 'claim', OLD.key, c.key FROM customer c
    WHERE c.id = OLD.customer_id AND c.key IS NOT NULL
        AND (SELECT capture = 0 AND code IS NOT NULL FROM sync_site WHERE id = 1);
END;
