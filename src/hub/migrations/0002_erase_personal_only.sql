-- Erasure takes a customer's personal data out of the log, not her sales and warranty facts:
-- with the whole of each change emptied, a store that had not yet pulled her sale could never
-- have it, and the stores would hold different data for ever. Each change now arrives with
-- what may stay of it once she is erased (`redacted`, made by the site from its spec: personal
-- fields blanked, records that are nothing but her data empty); erasure puts that in place of
-- the data, and the current state is folded again from what stays. A change pushed without it
-- (an older client) is emptied whole, as before.

ALTER TABLE changes ADD COLUMN redacted jsonb;

-- The current state of one customer's records, folded again from the log after erasure.
CREATE FUNCTION hub_refold(p_customer text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    DELETE FROM public.current_fields WHERE customer = p_customer;
    DELETE FROM public.current_facts WHERE customer = p_customer;
    INSERT INTO public.current_fields AS f (entity, key, field, value, hlc, site, seq, customer)
    SELECT DISTINCT ON (c.entity, c.key, v.field)
        c.entity, c.key, v.field, v.value, c.hlc, c.site, c.seq,
        coalesce(c.customer, CASE WHEN c.entity = 'customer' THEN c.key END)
    FROM public.changes c CROSS JOIN LATERAL jsonb_each(c.data) AS v (field, value)
    WHERE coalesce(c.customer, c.key) = p_customer AND c.op = 'fields'
    ORDER BY c.entity, c.key, v.field, c.hlc DESC
    ON CONFLICT (entity, key, field) DO UPDATE
        SET value = excluded.value, hlc = excluded.hlc, site = excluded.site,
            seq = excluded.seq, customer = coalesce(excluded.customer, f.customer)
        WHERE f.hlc < excluded.hlc;
    INSERT INTO public.current_facts (entity, key, data, hlc, site, seq, customer)
    SELECT DISTINCT ON (c.entity, c.key)
        c.entity, c.key, c.data, c.hlc, c.site, c.seq, c.customer
    FROM public.changes c
    WHERE coalesce(c.customer, c.key) = p_customer AND c.op = 'fact'
        AND c.data <> '{}'::jsonb
    ORDER BY c.entity, c.key, c.hlc
    ON CONFLICT (entity, key) DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION hub_scrub(p_customer text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    INSERT INTO public.erased (customer) VALUES (p_customer) ON CONFLICT DO NOTHING;
    UPDATE public.changes SET data = coalesce(redacted, '{}'::jsonb)
    WHERE coalesce(customer, key) = p_customer
      AND data IS DISTINCT FROM coalesce(redacted, '{}'::jsonb);
    PERFORM public.hub_refold(p_customer);
END
$$;

DROP FUNCTION hub_push(text, bigint[], text[], text[], text[], text[], text[], text[]);

-- As in 0001, with `p_redacted`: what may stay of each change once its customer is erased.
CREATE FUNCTION hub_push(p_site text, p_seq bigint[], p_hlc text[], p_entity text[],
    p_key text[], p_op text[], p_data text[], p_customer text[],
    p_redacted text[] DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    last bigint;
    n bigint;
    k bigint;
    p_from bigint;
    p_to bigint;
    bad text;
BEGIN
    IF NOT public.hub_may_push(p_site) OR p_site = 'hub' THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ002', MESSAGE = p_site;
    END IF;
    -- The erasure lock (see 0001).
    IF 'redact' = ANY (p_op) THEN
        PERFORM pg_advisory_xact_lock(7037655658356558);
    ELSE
        PERFORM pg_advisory_xact_lock_shared(7037655658356558);
    END IF;
    SELECT s.last_seq INTO last FROM public.sites s WHERE s.code = p_site FOR UPDATE;

    n := cardinality(p_seq);
    IF n IS NULL OR n = 0 THEN
        RETURN last;
    END IF;
    IF cardinality(p_hlc) <> n OR cardinality(p_entity) <> n OR cardinality(p_key) <> n
        OR cardinality(p_op) <> n OR cardinality(p_data) <> n OR cardinality(p_customer) <> n
        OR coalesce(cardinality(p_redacted), n) <> n THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ004', MESSAGE = 'columns of different lengths';
    END IF;
    IF p_redacted IS NULL THEN
        p_redacted := array_fill(NULL::text, ARRAY[n::integer]);
    END IF;

    SELECT min(b.seq), max(b.seq), count(*), count(DISTINCT b.seq) INTO p_from, p_to, n, k
    FROM unnest(p_seq) AS b (seq)
    WHERE b.seq > last;
    IF n = 0 THEN
        RETURN last;
    END IF;
    IF p_from <> last + 1 OR n <> p_to - p_from + 1 OR k <> n THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ001',
            MESSAGE = format('expected %s, got %s..%s', last + 1, p_from, p_to);
    END IF;

    SELECT coalesce(b.hlc, 'null') INTO bad FROM unnest(p_seq, p_hlc) AS b (seq, hlc)
    WHERE b.seq > last
      AND (b.hlc IS NULL OR b.hlc !~ '^[0-9]{15}-[0-9]{6}-' OR substr(b.hlc, 24) <> p_site)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ004', MESSAGE = format('clock %s', bad);
    END IF;
    SELECT b.hlc INTO bad FROM unnest(p_seq, p_hlc) AS b (seq, hlc)
    WHERE b.seq > last
      AND substr(b.hlc, 1, 15)::bigint > (extract(epoch FROM now()) * 1000)::bigint + 3600000
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ003', MESSAGE = bad;
    END IF;
    SELECT b.seq::text INTO bad
    FROM unnest(p_seq, p_entity, p_key, p_op, p_data, p_redacted)
        AS b (seq, entity, key, op, data, redacted)
    WHERE b.seq > last
      AND (b.entity IS NULL OR b.key IS NULL OR b.data IS NULL OR b.op IS NULL
           OR b.op NOT IN ('fields', 'fact', 'redact')
           OR jsonb_typeof(b.data::jsonb) IS DISTINCT FROM 'object'
           OR (b.redacted IS NOT NULL
               AND jsonb_typeof(b.redacted::jsonb) IS DISTINCT FROM 'object'))
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ004', MESSAGE = format('change %s', bad);
    END IF;

    -- A redaction carries no data; a change about a customer erased earlier arrives as what
    -- may stay of it (the seq must stay).
    INSERT INTO public.changes (site, seq, hlc, entity, key, op, data, customer, redacted)
    SELECT p_site, b.seq, b.hlc, b.entity, b.key, b.op,
        CASE WHEN b.op = 'redact' THEN '{}'::jsonb
             WHEN EXISTS (SELECT 1 FROM public.erased e
                          WHERE e.customer = coalesce(b.customer, b.key))
                 THEN coalesce(b.redacted::jsonb, '{}'::jsonb)
             ELSE b.data::jsonb END,
        b.customer,
        CASE WHEN b.op = 'redact' THEN NULL ELSE b.redacted::jsonb END
    FROM unnest(p_seq, p_hlc, p_entity, p_key, p_op, p_data, p_customer, p_redacted)
        AS b (seq, hlc, entity, key, op, data, customer, redacted)
    WHERE b.seq > last
    ORDER BY b.seq;

    INSERT INTO public.erased (customer)
    SELECT DISTINCT coalesce(c.customer, c.key) FROM public.changes c
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'redact'
    ON CONFLICT DO NOTHING;

    INSERT INTO public.current_fields AS f (entity, key, field, value, hlc, site, seq, customer)
    SELECT DISTINCT ON (c.entity, c.key, v.field)
        c.entity, c.key, v.field, v.value, c.hlc, c.site, c.seq,
        coalesce(c.customer, CASE WHEN c.entity = 'customer' THEN c.key END)
    FROM public.changes c CROSS JOIN LATERAL jsonb_each(c.data) AS v (field, value)
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'fields'
    ORDER BY c.entity, c.key, v.field, c.hlc DESC
    ON CONFLICT (entity, key, field) DO UPDATE
        SET value = excluded.value, hlc = excluded.hlc, site = excluded.site,
            seq = excluded.seq, customer = coalesce(excluded.customer, f.customer)
        WHERE f.hlc < excluded.hlc;

    INSERT INTO public.current_facts (entity, key, data, hlc, site, seq, customer)
    SELECT DISTINCT ON (c.entity, c.key)
        c.entity, c.key, c.data, c.hlc, c.site, c.seq, c.customer
    FROM public.changes c
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'fact'
        AND c.data <> '{}'::jsonb
    ORDER BY c.entity, c.key, c.hlc
    ON CONFLICT (entity, key) DO NOTHING;

    -- An erasure in this batch reaches everything before it, this batch's changes included.
    PERFORM public.hub_scrub(r.customer) FROM (
        SELECT DISTINCT coalesce(c.customer, c.key) AS customer FROM public.changes c
        WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'redact'
    ) r;

    UPDATE public.sites SET last_seq = p_to WHERE code = p_site;
    RETURN p_to;
END
$$;

REVOKE ALL ON FUNCTION hub_refold(text),
    hub_push(text, bigint[], text[], text[], text[], text[], text[], text[], text[])
    FROM PUBLIC;

-- The sites that joined before keep their right to push.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT role_name FROM public.sites WHERE role_name <> '' LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION hub_push(text, bigint[], text[], text[], '
            'text[], text[], text[], text[], text[]) TO %I', r.role_name);
    END LOOP;
END
$$;
