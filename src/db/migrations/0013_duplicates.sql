-- Pairs of customers staff marked "not the same person": the duplicate finder never offers them
-- again. Stored low id first so a pair has one row whichever way round it was dismissed. No
-- foreign keys on purpose: a merge re-points every reference to `customer` generically, which
-- would fold (A, B) into (A, A) or collide with another row; a pair with a side that is no
-- longer live is simply never offered.
CREATE TABLE duplicate_dismissed (
    low_id       INTEGER NOT NULL,
    high_id      INTEGER NOT NULL,
    staff        TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (low_id, high_id),
    CHECK (low_id < high_id)
) WITHOUT ROWID;
