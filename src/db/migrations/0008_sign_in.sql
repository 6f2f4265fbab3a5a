-- Sign-in hardening: wrong PINs lock an account for longer each time, counted since the last good
-- PIN (not by the clock), and the lock is kept as data.
--
-- failed_pins: wrong PINs in a row since the last good one (no longer reset by a lockout).
-- lock_level:  how many lockouts since the last good PIN: 1 = 5 min, 2 = 15 min, 3 = 1 h,
--              4 = until the owner unlocks (owners stay at 1 h: see src/staff/lockout.rs).
-- locked_at:   when the lock was set; a clock set back to before it keeps the lock running.
-- locked_until stays: the end of a timed lock, NULL for one that waits for the owner.
ALTER TABLE staff ADD COLUMN lock_level INTEGER NOT NULL DEFAULT 0 CHECK (lock_level BETWEEN 0 AND 4);
ALTER TABLE staff ADD COLUMN locked_at TEXT;

-- A lock set by the old rule (always five wrong PINs, five minutes) becomes the first level.
UPDATE staff
SET lock_level = 1,
    failed_pins = 5,
    locked_at = strftime('%Y-%m-%dT%H:%M:%SZ', locked_until, '-5 minutes')
WHERE locked_until IS NOT NULL;
