-- Personal-data law (Law 91/2025): the consent ledger, data-subject requests, restriction and
-- erasure.

-- Every consent given or withdrawn, per purpose, with what proves it. Never edited: the latest
-- row per purpose is the customer's current choice.
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
);
CREATE INDEX consent_customer ON consent(customer_id, purpose, id);

-- The wording shown when consent is asked, by version: a new wording is a new version, and the
-- ledger says which one each customer agreed to.
CREATE TABLE consent_text (
    version    TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO consent_text(version, body, created_at) VALUES ('2026-01',
'Tôi đồng ý để cửa hàng lưu họ tên, số điện thoại, ngày sinh và lịch sử mua hàng của tôi để phục vụ bảo hành, chăm sóc sau bán hàng và các mục đích tôi đánh dấu dưới đây. Tôi có thể xem, sửa, nhận bản sao, hạn chế xử lý, xoá dữ liệu hoặc rút lại đồng ý bất cứ lúc nào bằng cách báo cho cửa hàng.',
'2026-01-01T00:00:00Z');

-- Requests from data subjects: see, copy, correct, delete, restrict, object, withdraw consent.
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
);
CREATE INDEX data_request_customer ON data_request(customer_id);
CREATE INDEX data_request_open ON data_request(due_on) WHERE done_on IS NULL;

-- Restricted: kept, but out of care and exports. Erased: personal fields anonymised.
ALTER TABLE customer ADD COLUMN restricted_at TEXT;
ALTER TABLE customer ADD COLUMN erased_at TEXT;
CREATE INDEX customer_restricted ON customer(id) WHERE restricted_at IS NOT NULL;

-- An erased customer's words leave the name index at once (not merely marked deleted until the
-- next segment merge).
INSERT INTO customer_fts(customer_fts, rank) VALUES ('secure-delete', 1);
