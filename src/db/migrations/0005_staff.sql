-- Staff accounts and what each role may do; the audit log made append-only; customer codes from
-- other systems; import batches that can be undone.

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
);

-- What managers and staff may do beyond everyday counter work. The owner may do everything.
CREATE TABLE role_permission (
    role       TEXT NOT NULL CHECK (role = 'manager' OR role = 'staff'),
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
) WITHOUT ROWID;
INSERT INTO role_permission(role, permission) VALUES
    ('manager', 'override_policy'),
    ('manager', 'approve_goodwill'),
    ('manager', 'export'),
    ('manager', 'import'),
    ('manager', 'see_phones'),
    ('manager', 'edit_settings'),
    ('manager', 'view_audit');

-- Append only. The one change allowed is erasure's redaction of a detail (the law requires the
-- personal data gone from every table); who did what and when stays.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.staff IS NOT OLD.staff
    OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id OR NEW.detail IS NOT '{"redacted":true}'
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_staff ON audit_log(staff, at);

-- The customer's code in the shop's previous system (KiotViet "KH000123"); imports match on it.
ALTER TABLE customer ADD COLUMN code TEXT;
CREATE UNIQUE INDEX customer_code ON customer(code) WHERE code IS NOT NULL;

CREATE TABLE import_batch (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    staff      TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,
    undone_at  TEXT
);

-- What one import did to each customer: `before` is the row as it was (JSON) for an update, NULL
-- for a customer the import created. Undo reads it back.
CREATE TABLE import_change (
    batch_id    INTEGER NOT NULL REFERENCES import_batch(id),
    customer_id INTEGER NOT NULL,
    before      TEXT,
    PRIMARY KEY (batch_id, customer_id)
) WITHOUT ROWID;

-- Column mappings saved by the shop ("KiotViet chi nhánh 2").
CREATE TABLE import_preset (
    name    TEXT PRIMARY KEY,
    mapping TEXT NOT NULL
) WITHOUT ROWID;
