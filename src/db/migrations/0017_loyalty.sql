-- Loyalty (issue 17): points, member tiers, vouchers, store credit and what customers owe. Each
-- balance is the sum of a ledger of movements, never a bare number; only `customer_tier` is a
-- cache, derived from sales and rebuilt by the re-rank.

-- A movement of points: earned on a sale, redeemed at a sale, adjusted by hand (with a reason),
-- expired, reversed with a void or a return, or an opening balance brought in by an import.
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
);
CREATE INDEX point_entry_customer ON point_entry(customer_id, at);
CREATE INDEX point_entry_purchase ON point_entry(purchase_id) WHERE purchase_id IS NOT NULL;

-- Member tiers by spend over a rolling 12 months, with what each brings.
CREATE TABLE member_tier (
    id               INTEGER PRIMARY KEY,
    position         INTEGER NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    min_spend        INTEGER NOT NULL CHECK (min_spend >= 0),
    discount_pct     INTEGER NOT NULL DEFAULT 0 CHECK (discount_pct BETWEEN 0 AND 100),
    birthday_voucher INTEGER NOT NULL DEFAULT 0 CHECK (birthday_voucher >= 0),
    updated_at       TEXT NOT NULL DEFAULT ''
);
INSERT INTO member_tier(position, name, min_spend, discount_pct, birthday_voucher) VALUES
    (0, 'Thành viên', 0, 0, 0),
    (1, 'Bạc', 5000000, 2, 50000),
    (2, 'Vàng', 20000000, 5, 100000),
    (3, 'Kim cương', 50000000, 8, 200000);

-- Each customer's tier as last ranked.
CREATE TABLE customer_tier (
    customer_id INTEGER PRIMARY KEY REFERENCES customer(id),
    tier_id     INTEGER NOT NULL REFERENCES member_tier(id),
    spend_12m   INTEGER NOT NULL,
    since       TEXT NOT NULL,
    ranked_at   TEXT NOT NULL
);
CREATE INDEX customer_tier_tier ON customer_tier(tier_id);

-- Codes the shop gives: an amount or a percentage off, from a minimum spend, until a day, once
-- or many times; a personal one names its customer.
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
);
CREATE INDEX voucher_customer ON voucher(customer_id) WHERE customer_id IS NOT NULL;

-- Each use of a voucher, and its reversal when the sale is voided.
CREATE TABLE voucher_use (
    id          INTEGER PRIMARY KEY,
    voucher_id  INTEGER NOT NULL REFERENCES voucher(id),
    purchase_id INTEGER NOT NULL REFERENCES purchase(id),
    customer_id INTEGER REFERENCES customer(id),
    kind        TEXT NOT NULL CHECK (kind IN ('redeem', 'reverse')),
    amount      INTEGER NOT NULL,
    staff       TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX voucher_use_voucher ON voucher_use(voucher_id);
CREATE INDEX voucher_use_purchase ON voucher_use(purchase_id);

-- Store credit: given on a return or by hand, spent at a sale, reversed with a void.
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
);
CREATE INDEX credit_entry_customer ON credit_entry(customer_id, at);
-- The credit returns already gave stays the customer's, now as ledger entries.
INSERT INTO credit_entry(customer_id, kind, amount, return_id, staff, at)
SELECT customer_id, 'return', credit_amount, id, staff, created_at
FROM return_case WHERE credit_amount > 0 AND customer_id IS NOT NULL;

-- What customers owe ("ghi nợ"): a sale left partly unpaid (+), a payment (-), a reversal, an
-- opening balance from an import.
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
);
CREATE INDEX debt_entry_customer ON debt_entry(customer_id, at);
CREATE INDEX debt_entry_purchase ON debt_entry(purchase_id) WHERE purchase_id IS NOT NULL;

-- The most a customer may owe; none set = the shop's default limit.
CREATE TABLE debt_limit (
    customer_id INTEGER PRIMARY KEY REFERENCES customer(id),
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
);

-- How a sale was settled: what came off the goods total and how the rest was paid.
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
);

INSERT INTO role_permission(role, permission) VALUES
    ('manager', 'adjust_loyalty'),
    ('manager', 'sell_on_credit');
