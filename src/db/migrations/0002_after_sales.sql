-- After-sales: shop settings, return/warranty policies, the product catalogue, purchases and
-- their edit history, sold units with their warranty, warranty claims with their timeline, and
-- returns. Money is INTEGER đồng. Dates are 'YYYY-MM-DD' (Vietnam time), stamps RFC 3339 UTC.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- rules: JSON array of {from_day, to_day (null = until the warranty ends), condition
-- ('faulty' | 'not_faulty' | 'any'), intact_only, full_price_only, remedy, refund_percent}.
-- Copied onto each purchase line when sold, so a later edit never changes a past sale's terms.
CREATE TABLE policy (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    rules       TEXT NOT NULL,
    archived_at TEXT,
    updated_at  TEXT NOT NULL
);

-- Presets a shop edits in settings (docs/domain.md §4). Day 0 is the day of purchase.
INSERT INTO policy(name, text, rules, updated_at) VALUES
('Điện tử',
 'Đổi mới trong 7 ngày nếu lỗi do nhà sản xuất. Trả hàng trong 3 ngày nếu còn nguyên hộp, tem, phụ kiện: hoàn 80% giá trị. Sau 7 ngày: bảo hành sửa chữa theo thời hạn ghi trên phiếu. Thời gian máy nằm ở trung tâm bảo hành được cộng thêm vào thời hạn bảo hành.',
 '[{"from_day":0,"to_day":7,"condition":"faulty","intact_only":false,"full_price_only":false,"remedy":"exchange","refund_percent":0},{"from_day":0,"to_day":3,"condition":"not_faulty","intact_only":true,"full_price_only":false,"remedy":"refund","refund_percent":80},{"from_day":8,"to_day":null,"condition":"faulty","intact_only":false,"full_price_only":false,"remedy":"repair","refund_percent":0}]',
 '2026-01-01T00:00:00Z'),
('Điện thoại',
 '1 đổi 1 trong 30 ngày nếu lỗi phần cứng do nhà sản xuất. Trả máy trong 3 ngày nếu còn nguyên hộp, không trầy xước: hoàn 80%. Sau 30 ngày: bảo hành sửa chữa tại cửa hàng hoặc trung tâm bảo hành hãng. Máy bị rơi vỡ, vào nước không được bảo hành.',
 '[{"from_day":0,"to_day":30,"condition":"faulty","intact_only":false,"full_price_only":false,"remedy":"exchange","refund_percent":0},{"from_day":0,"to_day":3,"condition":"not_faulty","intact_only":true,"full_price_only":false,"remedy":"refund","refund_percent":80},{"from_day":31,"to_day":null,"condition":"faulty","intact_only":false,"full_price_only":false,"remedy":"repair","refund_percent":0}]',
 '2026-01-01T00:00:00Z'),
('Thời trang',
 'Đổi hàng trong 7 ngày khi còn nguyên tem mác, chưa qua sử dụng, kèm hoá đơn. Hàng giảm giá không áp dụng đổi trả. Không hoàn tiền.',
 '[{"from_day":0,"to_day":7,"condition":"faulty","intact_only":false,"full_price_only":false,"remedy":"exchange","refund_percent":0},{"from_day":0,"to_day":7,"condition":"not_faulty","intact_only":true,"full_price_only":true,"remedy":"exchange","refund_percent":0}]',
 '2026-01-01T00:00:00Z');

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
);
CREATE INDEX product_folded_name ON product(folded_name);

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
);
CREATE INDEX purchase_customer ON purchase(customer_id, sold_at);

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
);
CREATE INDEX purchase_line_purchase ON purchase_line(purchase_id);

-- Edits and voids: the purchase as it was before, never overwritten silently.
CREATE TABLE purchase_revision (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    purchase_id INTEGER NOT NULL REFERENCES purchase(id),
    at          TEXT NOT NULL,
    staff       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action = 'edit' OR action = 'void'),
    reason      TEXT NOT NULL DEFAULT '',
    before      TEXT NOT NULL
);
CREATE INDEX purchase_revision_purchase ON purchase_revision(purchase_id);

-- One row per sold unit of a serialised or warranted product. A replacement is a new unit with
-- its own serial and a fresh term, pointing at the unit it replaces.
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
);
CREATE INDEX unit_line ON unit(line_id);
CREATE INDEX unit_customer ON unit(customer_id);
CREATE INDEX unit_serial ON unit(serial) WHERE serial IS NOT NULL;
CREATE INDEX unit_serial_reversed ON unit(serial_reversed) WHERE serial_reversed IS NOT NULL;
CREATE INDEX unit_warranty_end ON unit(warranty_end);

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
);
CREATE INDEX claim_unit ON claim(unit_id);
CREATE INDEX claim_customer ON claim(customer_id);
CREATE INDEX claim_open ON claim(status) WHERE closed_on IS NULL;

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
);
CREATE INDEX claim_event_claim ON claim_event(claim_id);

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
);
CREATE INDEX return_case_line ON return_case(line_id);
CREATE INDEX return_case_customer ON return_case(customer_id);
