-- Guarded core: permissions of their own for personal-data requests, merges, voids and backups.
-- Managers keep what they could do before (merge, void, back up); personal-data requests are the
-- owner's until granted.
INSERT OR IGNORE INTO role_permission(role, permission) VALUES
    ('manager', 'merge_customers'),
    ('manager', 'void_sales'),
    ('manager', 'take_backup');
