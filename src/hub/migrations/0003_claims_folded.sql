-- A warranty claim's state is the fold of its events (the app's `sales::claim::fold`): every
-- store folds a claim's events in the chain-wide order and shows the state they reach. The
-- hub's current state took each of the claim's fields from the last writer instead, so two
-- stores moving one claim apart could leave the owner reading a state no store shows. The hub
-- now folds the same way, whenever a claim's events or fields change: the moves the app allows
-- are here as data (`claim_moves`, checked against the app's by the tests), the rule below.

CREATE TABLE claim_moves (
    from_status text COLLATE "C" NOT NULL,
    to_status text COLLATE "C" NOT NULL,
    PRIMARY KEY (from_status, to_status)
);
INSERT INTO claim_moves (from_status, to_status) VALUES
    ('received', 'diagnosing'), ('received', 'repairing'), ('received', 'at_service_center'),
    ('received', 'replaced'), ('received', 'refunded'), ('received', 'rejected'),
    ('received', 'cancelled'),
    ('diagnosing', 'awaiting_approval'), ('diagnosing', 'repairing'),
    ('diagnosing', 'at_service_center'), ('diagnosing', 'awaiting_parts'),
    ('diagnosing', 'ready'), ('diagnosing', 'replaced'), ('diagnosing', 'refunded'),
    ('diagnosing', 'rejected'), ('diagnosing', 'cancelled'),
    ('awaiting_approval', 'repairing'), ('awaiting_approval', 'at_service_center'),
    ('awaiting_approval', 'declined'), ('awaiting_approval', 'cancelled'),
    ('repairing', 'awaiting_parts'), ('repairing', 'at_service_center'), ('repairing', 'ready'),
    ('repairing', 'replaced'), ('repairing', 'refunded'),
    ('at_service_center', 'repairing'), ('at_service_center', 'awaiting_parts'),
    ('at_service_center', 'ready'), ('at_service_center', 'replaced'),
    ('at_service_center', 'refunded'), ('at_service_center', 'rejected'),
    ('awaiting_parts', 'repairing'), ('awaiting_parts', 'at_service_center'),
    ('awaiting_parts', 'ready'), ('awaiting_parts', 'replaced'), ('awaiting_parts', 'refunded'),
    ('awaiting_parts', 'cancelled'),
    ('ready', 'returned');

-- The states that end a claim.
CREATE TABLE claim_closing (status text COLLATE "C" PRIMARY KEY);
INSERT INTO claim_closing (status) VALUES
    ('returned'), ('replaced'), ('refunded'), ('rejected'), ('declined'), ('cancelled');

-- A claim's events, found by the claim without reading every fact the chain holds.
CREATE INDEX current_facts_claim ON current_facts ((data->>'claim_id'))
    WHERE entity = 'claim_event';

-- Folds claim `p_key`'s events as every store does: in the order of their clocks (events from
-- before clocks were kept first, by when they were written, then by key); an event applies
-- when it starts from the state so far or its move is allowed from it. Nothing changes while
-- no event applies (the opening has not arrived) or the claim's own record has not.
CREATE FUNCTION hub_fold_claim(p_key text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    r record;
    st text;
    sent text;
    back text;
    closed text;
    approved boolean;
    day text;
    dest text;
BEGIN
    FOR r IN
        SELECT f.data FROM public.current_facts f
        WHERE f.entity = 'claim_event' AND f.data->>'claim_id' = p_key
        ORDER BY coalesce(f.data->>'clock', '') COLLATE "C", f.data->>'at' COLLATE "C",
            f.key COLLATE "C"
    LOOP
        dest := r.data->>'to_status';
        day := r.data->>'happened_on';
        IF (r.data->>'from_status') IS NOT DISTINCT FROM st
            OR EXISTS (SELECT 1 FROM public.claim_moves m
                       WHERE m.from_status = st AND m.to_status = dest) THEN
            IF dest = 'at_service_center' THEN
                sent := day;
                back := NULL;
            ELSIF st = 'at_service_center' THEN
                back := day;
            END IF;
            IF EXISTS (SELECT 1 FROM public.claim_closing c WHERE c.status = dest) THEN
                closed := day;
            END IF;
            IF st = 'awaiting_approval' THEN
                approved := dest NOT IN ('declined', 'cancelled');
            END IF;
            st := dest;
        END IF;
    END LOOP;
    IF st IS NULL THEN
        RETURN;
    END IF;
    UPDATE public.current_fields AS f SET value = v.value
    FROM (VALUES
        ('status', to_jsonb(st)),
        ('sent_on', coalesce(to_jsonb(sent), 'null'::jsonb)),
        ('back_on', coalesce(to_jsonb(back), 'null'::jsonb)),
        ('closed_on', coalesce(to_jsonb(closed), 'null'::jsonb)),
        ('quote_approved', CASE WHEN approved IS NULL THEN 'null'::jsonb
                                WHEN approved THEN '1'::jsonb ELSE '0'::jsonb END)
    ) AS v (field, value)
    WHERE f.entity = 'claim' AND f.key = p_key AND f.field = v.field
      AND f.value IS DISTINCT FROM v.value;
END
$$;

-- Whatever writes the current state (a push, an erasure's refold) folds the claims it touched.
CREATE FUNCTION hub_fold_touched_claims() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    -- The fold's own writes touch claims it has just folded.
    IF pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'current_facts' THEN
        PERFORM public.hub_fold_claim(k) FROM (
            SELECT DISTINCT n.data->>'claim_id' AS k FROM touched n
            WHERE n.entity = 'claim_event' AND n.data->>'claim_id' IS NOT NULL) t;
    ELSE
        PERFORM public.hub_fold_claim(k) FROM (
            SELECT DISTINCT n.key AS k FROM touched n WHERE n.entity = 'claim') t;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER fold_claims_on_facts AFTER INSERT ON current_facts
    REFERENCING NEW TABLE AS touched FOR EACH STATEMENT
    EXECUTE FUNCTION hub_fold_touched_claims();
CREATE TRIGGER fold_claims_on_fields_insert AFTER INSERT ON current_fields
    REFERENCING NEW TABLE AS touched FOR EACH STATEMENT
    EXECUTE FUNCTION hub_fold_touched_claims();
CREATE TRIGGER fold_claims_on_fields_update AFTER UPDATE ON current_fields
    REFERENCING NEW TABLE AS touched FOR EACH STATEMENT
    EXECUTE FUNCTION hub_fold_touched_claims();

REVOKE ALL ON FUNCTION hub_fold_claim(text), hub_fold_touched_claims() FROM PUBLIC;

-- Claims the hub already holds, folded once.
SELECT hub_fold_claim(c.key) FROM (
    SELECT DISTINCT key FROM current_fields WHERE entity = 'claim') c;
