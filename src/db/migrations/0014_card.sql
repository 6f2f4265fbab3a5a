-- The card: the language a customer's messages are written in, and alert notes read by staff.

-- Templates are rendered in it when the shop contacts the customer ('vi' or 'en').
ALTER TABLE customer ADD COLUMN locale TEXT NOT NULL DEFAULT 'vi' CHECK (locale = 'vi' OR locale = 'en');

-- An alert note read by one member of staff, per version of the note (its updated_at): a
-- changed note is shown again until it is read again.
CREATE TABLE alert_ack (
    preference_id INTEGER NOT NULL REFERENCES preference(id) ON DELETE CASCADE,
    version       TEXT NOT NULL,
    staff         TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (preference_id, version, staff)
) WITHOUT ROWID;
