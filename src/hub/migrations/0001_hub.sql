-- The hub: every site's changes in order, the state they add up to, and who may write what.
-- Sites write only through hub_push (SECURITY DEFINER), which checks what they send; the
-- functions resolve names in pg_catalog first and then in public, where nobody but the owner may
-- create anything, so a site cannot shadow a table or a function they call (PG <= 14 let every
-- role create in public).
-- Clocks are compared as text, so every column holding one uses the "C" collation: a
-- linguistic collation would order the site codes (the tie-break) differently on each server.

CREATE TABLE sites (
    code text PRIMARY KEY,
    name text NOT NULL,
    role_name text NOT NULL UNIQUE,
    joined_at timestamptz NOT NULL DEFAULT now(),
    -- The highest seq acknowledged: a push continues from here, never skips past it.
    last_seq bigint NOT NULL DEFAULT 0
);
-- Codes differing only by case would name the same PostgreSQL role.
CREATE UNIQUE INDEX sites_code_folded ON sites (lower(code));

-- The hub itself logs, under this reserved code, the erasures its owner makes: sites pull them
-- like any site's changes. No role may log in as it (a site role's name is never empty).
INSERT INTO sites (code, name, role_name) VALUES ('hub', 'Hub', '');

CREATE TABLE changes (
    site text NOT NULL REFERENCES sites (code),
    seq bigint NOT NULL CHECK (seq > 0),
    hlc text COLLATE "C" NOT NULL,
    entity text NOT NULL,
    key text NOT NULL,
    op text NOT NULL CHECK (op IN ('fields', 'fact', 'redact')),
    data jsonb NOT NULL,
    customer text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, seq)
);
-- Erasure finds every change concerning a customer, a customer's own record included.
CREATE INDEX changes_customer ON changes ((coalesce(customer, key)));

-- Customers erased anywhere in the chain: what arrives about them later is kept without data.
CREATE TABLE erased (
    customer text PRIMARY KEY,
    erased_at timestamptz NOT NULL DEFAULT now()
);

-- Mutable records, field by field: the value with the latest clock (last writer wins).
CREATE TABLE current_fields (
    entity text NOT NULL,
    key text NOT NULL,
    field text NOT NULL,
    value jsonb NOT NULL,
    hlc text COLLATE "C" NOT NULL,
    site text NOT NULL,
    seq bigint NOT NULL,
    customer text,
    PRIMARY KEY (entity, key, field)
);
CREATE INDEX current_fields_customer ON current_fields (customer);

-- Facts, applied once by key.
CREATE TABLE current_facts (
    entity text NOT NULL,
    key text NOT NULL,
    data jsonb NOT NULL,
    hlc text COLLATE "C" NOT NULL,
    site text NOT NULL,
    seq bigint NOT NULL,
    customer text,
    PRIMARY KEY (entity, key)
);
CREATE INDEX current_facts_customer ON current_facts (customer);

-- What the owner reads: one row per customer, its fields as they stand now.
CREATE VIEW current_customers AS
SELECT key, jsonb_object_agg(field, value) AS data, max(hlc) AS hlc
FROM current_fields
WHERE entity = 'customer'
GROUP BY key;

-- A site writes changes under its own code only, whatever its client sends. Sites hold no
-- INSERT on changes (they push through hub_push); the policy stays in case one is granted.
ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY changes_read ON changes FOR SELECT USING (true);
CREATE POLICY changes_own_site ON changes FOR INSERT
    WITH CHECK (site = (SELECT s.code FROM sites s WHERE s.role_name = session_user));

REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Whether the connected role may push as `p_site`: its own site, or the hub's owner.
CREATE FUNCTION hub_may_push(p_site text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM public.sites s
        WHERE s.code = p_site
          AND (s.role_name = session_user OR pg_has_role(session_user, current_user, 'MEMBER'))
    )
$$;

-- Takes a customer's personal data out of the log and the current state, for good. Called
-- with the erasure lock held exclusive.
CREATE FUNCTION hub_scrub(p_customer text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    INSERT INTO public.erased (customer) VALUES (p_customer) ON CONFLICT DO NOTHING;
    UPDATE public.changes SET data = '{}'::jsonb
    WHERE coalesce(customer, key) = p_customer AND data <> '{}'::jsonb;
    DELETE FROM public.current_fields WHERE customer = p_customer;
    DELETE FROM public.current_facts WHERE customer = p_customer;
END
$$;

-- The owner erases a customer at the hub: scrubbed, and a Redact change logged under the
-- hub's own code so that every site pulls it and erases them too.
CREATE FUNCTION hub_redact(p_customer text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_seq bigint;
BEGIN
    -- The erasure lock (see hub_push).
    PERFORM pg_advisory_xact_lock(7037655658356558);
    UPDATE public.sites SET last_seq = last_seq + 1 WHERE code = 'hub'
    RETURNING last_seq INTO v_seq;
    INSERT INTO public.changes (site, seq, hlc, entity, key, op, data, customer)
    VALUES ('hub', v_seq,
        lpad((extract(epoch FROM clock_timestamp()) * 1000)::bigint::text, 15, '0')
            || '-000000-hub',
        'customer', p_customer, 'redact', '{}'::jsonb, p_customer);
    PERFORM public.hub_scrub(p_customer);
    RETURN v_seq;
END
$$;

-- A site's batch, as column arrays (one round trip): checked, logged, folded into the current
-- state and acknowledged, all or nothing. Changes the hub holds already are skipped; the rest
-- must follow on from them with no gap (KQ001). A clock must be well formed and the pushing
-- site's own, and data a JSON object (KQ004); a clock more than an hour ahead of the hub's is
-- refused (KQ003): it would win every last-writer-wins for as long as it is ahead, so the
-- store must set its clock right first. Returns the highest seq the hub holds from the site.
CREATE FUNCTION hub_push(p_site text, p_seq bigint[], p_hlc text[], p_entity text[],
    p_key text[], p_op text[], p_data text[], p_customer text[]) RETURNS bigint
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
    -- The erasure lock, taken before anything is read: shared by every push, exclusive for an
    -- erasure. Under READ COMMITTED an erasure and a push about the same customer run at once
    -- would each miss what the other has not committed yet, and the customer's data would stay.
    -- Pushes without an erasure still run side by side.
    IF 'redact' = ANY (p_op) THEN
        PERFORM pg_advisory_xact_lock(7037655658356558);
    ELSE
        PERFORM pg_advisory_xact_lock_shared(7037655658356558);
    END IF;
    -- One push of a site at a time: its seqs commit in order, and a pull by per-site cursor
    -- never skips one.
    SELECT s.last_seq INTO last FROM public.sites s WHERE s.code = p_site FOR UPDATE;

    n := cardinality(p_seq);
    IF n IS NULL OR n = 0 THEN
        RETURN last;
    END IF;
    IF cardinality(p_hlc) <> n OR cardinality(p_entity) <> n OR cardinality(p_key) <> n
        OR cardinality(p_op) <> n OR cardinality(p_data) <> n OR cardinality(p_customer) <> n THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ004', MESSAGE = 'columns of different lengths';
    END IF;

    -- Straight from the arrays, never through a temporary table: the site owns its session's
    -- temporary schema and could put a trigger there that would run with the owner's rights.
    SELECT min(b.seq), max(b.seq), count(*), count(DISTINCT b.seq) INTO p_from, p_to, n, k
    FROM unnest(p_seq, p_hlc, p_entity, p_key, p_op, p_data, p_customer)
        AS b (seq, hlc, entity, key, op, data, customer)
    WHERE b.seq > last;
    IF n = 0 THEN
        RETURN last;
    END IF;
    IF p_from <> last + 1 OR n <> p_to - p_from + 1 OR k <> n THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ001',
            MESSAGE = format('expected %s, got %s..%s', last + 1, p_from, p_to);
    END IF;

    SELECT coalesce(b.hlc, 'null') INTO bad FROM unnest(p_seq, p_hlc, p_entity, p_key, p_op, p_data, p_customer)
        AS b (seq, hlc, entity, key, op, data, customer)
    WHERE b.seq > last
      AND (b.hlc IS NULL OR b.hlc !~ '^[0-9]{15}-[0-9]{6}-' OR substr(b.hlc, 24) <> p_site)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ004', MESSAGE = format('clock %s', bad);
    END IF;
    SELECT b.hlc INTO bad FROM unnest(p_seq, p_hlc, p_entity, p_key, p_op, p_data, p_customer)
        AS b (seq, hlc, entity, key, op, data, customer)
    WHERE b.seq > last
      AND substr(b.hlc, 1, 15)::bigint > (extract(epoch FROM now()) * 1000)::bigint + 3600000
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ003', MESSAGE = bad;
    END IF;
    SELECT b.seq::text INTO bad FROM unnest(p_seq, p_hlc, p_entity, p_key, p_op, p_data, p_customer)
        AS b (seq, hlc, entity, key, op, data, customer)
    WHERE b.seq > last
      AND (b.entity IS NULL OR b.key IS NULL OR b.data IS NULL OR b.op IS NULL
           OR b.op NOT IN ('fields', 'fact', 'redact')
           OR jsonb_typeof(b.data::jsonb) IS DISTINCT FROM 'object')
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ004', MESSAGE = format('change %s', bad);
    END IF;

    -- A redaction carries no data, whatever a client put in it.
    INSERT INTO public.changes (site, seq, hlc, entity, key, op, data, customer)
    SELECT p_site, b.seq, b.hlc, b.entity, b.key, b.op,
        CASE WHEN b.op = 'redact' THEN '{}'::jsonb ELSE b.data::jsonb END, b.customer
    FROM unnest(p_seq, p_hlc, p_entity, p_key, p_op, p_data, p_customer)
        AS b (seq, hlc, entity, key, op, data, customer)
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
      AND NOT EXISTS (SELECT 1 FROM public.erased e
                      WHERE e.customer = coalesce(c.customer, c.key))
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
      AND NOT EXISTS (SELECT 1 FROM public.erased e
                      WHERE e.customer = coalesce(c.customer, c.key))
    ORDER BY c.entity, c.key, c.hlc
    ON CONFLICT (entity, key) DO NOTHING;

    -- An erasure in this batch reaches everything before it; a change about a customer erased
    -- earlier is kept (the seq must stay) without its data.
    PERFORM public.hub_scrub(r.customer) FROM (
        SELECT DISTINCT coalesce(c.customer, c.key) AS customer FROM public.changes c
        WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'redact'
    ) r;
    UPDATE public.changes c SET data = '{}'::jsonb
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.data <> '{}'::jsonb
      AND EXISTS (SELECT 1 FROM public.erased e WHERE e.customer = coalesce(c.customer, c.key));

    UPDATE public.sites SET last_seq = p_to WHERE code = p_site;
    RETURN p_to;
END
$$;

REVOKE ALL ON FUNCTION hub_may_push(text), hub_scrub(text), hub_redact(text),
    hub_push(text, bigint[], text[], text[], text[], text[], text[], text[]) FROM PUBLIC;
