-- A site's way to the hub (issue 15): where it is and the site's own role. The role's password
-- is kept only sealed with the key in the database's folder (`hub::seal`), so a copy of this file
-- alone cannot write into the chain; the owner's admin URL and password are never kept.
CREATE TABLE sync_hub (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    url    TEXT NOT NULL,
    role   TEXT NOT NULL,
    sealed TEXT NOT NULL
);

-- How far this site has applied each other site's changes (the last seq), written in the
-- transaction that applies them: a sync killed at any point neither skips nor repeats one.
CREATE TABLE sync_cursor (
    site TEXT PRIMARY KEY,
    seq  INTEGER NOT NULL
);
