-- How this store's syncing goes (issue 15, the app): what the top bar and Settings show. Kept in
-- this file only, never synced: each store's own view of its way to the hub.
-- `name` is the store's name as it joined (the hub keeps it too); `acked_seq` the highest of this
-- store's changes the hub is known to hold, so that those after it are the ones waiting;
-- `synced_at` the last sync that finished; `error` the code of the last attempt that failed
-- (NULL once one succeeds) and `error_at` when. Instants are UTC, RFC 3339.
CREATE TABLE chain_status (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    name      TEXT NOT NULL DEFAULT '',
    acked_seq INTEGER NOT NULL DEFAULT 0,
    synced_at TEXT,
    error     TEXT,
    error_at  TEXT
);
INSERT INTO chain_status(id) VALUES (1);
