-- Guarded core: permissions of their own for personal-data requests, merges, voids and backups.
-- Managers keep what they could do before (merge, void, back up); personal-data requests are the
-- owner's until granted.
INSERT OR IGNORE INTO role_permission(role, permission) VALUES
    ('manager', 'merge_customers'),
    ('manager', 'void_sales'),
    ('manager', 'take_backup');

-- Consent has one writer, the ledger. The customer's flags are kept by it in the same
-- transaction (the planner reads them for a million customers): care calls granted, any
-- marketing channel granted.
ALTER TABLE customer ADD COLUMN care_consent INTEGER NOT NULL DEFAULT 0;
UPDATE customer SET care_consent = 1 WHERE (
    SELECT granted FROM consent c WHERE c.customer_id = customer.id AND c.purpose = 'care_calls'
    ORDER BY c.id DESC LIMIT 1) = 1;

-- Ticked "agrees to marketing" before the ledger existed, with no proof of how: not consent.
-- Shown "to confirm" until staff record how it was given; nothing is sent meanwhile.
ALTER TABLE customer ADD COLUMN consent_to_confirm INTEGER NOT NULL DEFAULT 0;
UPDATE customer SET consent_to_confirm = 1
    WHERE marketing_consent = 1
    AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.customer_id = customer.id AND c.purpose <> 'care_calls');
UPDATE customer SET marketing_consent = 0 WHERE consent_to_confirm = 1;

-- A campaign goes out on one channel, to the members who agreed to that channel.
ALTER TABLE campaign ADD COLUMN channel TEXT NOT NULL DEFAULT 'marketing_zalo'
    CHECK (channel = 'marketing_zalo' OR channel = 'marketing_sms' OR channel = 'marketing_email');
