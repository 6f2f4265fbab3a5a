-- Issue 15, erasure: a merge made before 0030's build filed the merged customer's whole card
-- (and the kept card with hers mixed in, "after") under the kept customer's "merge" row, so
-- erasing her left her name and numbers in the other's history. Those rows are split as new
-- merges write them: the kept row keeps its own card before, the choices and her id; her card
-- moves to her own "merged_into" row, or is blanked when she is erased already.
-- The log is append-only; its guard is lifted for this rewrite alone and made again as it was.
DROP TRIGGER IF EXISTS audit_log_no_update;

UPDATE audit_log AS n SET detail = CASE
        WHEN c.erased_at IS NOT NULL THEN '{"redacted":true}'
        ELSE json_object('into', m.entity_id, 'card', json_extract(m.detail, '$.from'))
    END
FROM audit_log AS m JOIN customer AS c ON c.id = json_extract(m.detail, '$.from.id')
WHERE m.action = 'merge' AND m.entity = 'customer' AND json_type(m.detail, '$.from') = 'object'
    AND n.action = 'merged_into' AND n.entity = 'customer' AND n.entity_id = c.id
    AND n.at = m.at AND json_extract(n.detail, '$.into') = m.entity_id
    AND json_type(n.detail, '$.card') IS NULL;

UPDATE audit_log SET detail = json_set(json_remove(detail, '$.after'),
        '$.from', json_extract(detail, '$.from.id'))
WHERE action = 'merge' AND entity = 'customer' AND json_type(detail, '$.from') = 'object';

-- Rows a store captured and has not sent yet go as they now read; those the hub holds stay.
UPDATE sync_outbox SET data = json_set(data, '$.detail',
        (SELECT a.detail FROM audit_log a WHERE a.key = sync_outbox.key))
WHERE entity = 'audit' AND op = 'fact' AND seq > (SELECT acked_seq FROM chain_status)
    AND json_extract(data, '$.detail') IS NOT
        (SELECT a.detail FROM audit_log a WHERE a.key = sync_outbox.key);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.staff IS NOT OLD.staff
    OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id
    OR (NEW.detail IS NOT OLD.detail AND NEW.detail IS NOT '{"redacted":true}')
    OR (NEW.key IS NOT OLD.key AND OLD.key IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
