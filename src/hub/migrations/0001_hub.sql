-- The hub: every site's changes in order, the state they add up to, and who may write what.
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

-- A site writes changes under its own code only, whatever its client sends.
ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY changes_read ON changes FOR SELECT USING (true);
CREATE POLICY changes_own_site ON changes FOR INSERT
    WITH CHECK (site = (SELECT s.code FROM sites s WHERE s.role_name = current_user));

-- Whether the connected role may push as `p_site`: its own site, or the hub's owner.
CREATE FUNCTION hub_may_push(p_site text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM sites s
        WHERE s.code = p_site
          AND (s.role_name = session_user OR pg_has_role(session_user, current_user, 'MEMBER'))
    )
$$;

-- Starts a push: locks the site's row (pushes of one site never interleave, so its seqs commit
-- in order and a pull by per-site cursor never skips one) and says where it stands.
CREATE FUNCTION hub_push_begin(p_site text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    last bigint;
BEGIN
    IF NOT hub_may_push(p_site) THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ002', MESSAGE = p_site;
    END IF;
    SELECT s.last_seq INTO last FROM sites s WHERE s.code = p_site FOR UPDATE;
    RETURN last;
END
$$;

-- Takes a customer's personal data out of the log and the current state, for good.
CREATE FUNCTION hub_redact(p_customer text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO erased (customer) VALUES (p_customer) ON CONFLICT DO NOTHING;
    UPDATE changes SET data = '{}'::jsonb
    WHERE coalesce(customer, key) = p_customer AND data <> '{}'::jsonb;
    DELETE FROM current_fields WHERE customer = p_customer;
    DELETE FROM current_facts WHERE customer = p_customer;
END
$$;

-- Ends a push whose rows (p_from..p_to) the site has just inserted: checks they follow on with
-- no gap, folds them into the current state, and acknowledges them.
CREATE FUNCTION hub_push_end(p_site text, p_from bigint, p_to bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    last bigint;
    n bigint;
BEGIN
    IF NOT hub_may_push(p_site) THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ002', MESSAGE = p_site;
    END IF;
    SELECT s.last_seq INTO last FROM sites s WHERE s.code = p_site FOR UPDATE;
    SELECT count(*) INTO n FROM changes c WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to;
    IF p_from <> last + 1 OR n <> p_to - p_from + 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'KQ001',
            MESSAGE = format('expected %s, got %s..%s', last + 1, p_from, p_to);
    END IF;

    INSERT INTO erased (customer)
    SELECT DISTINCT coalesce(c.customer, c.key) FROM changes c
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'redact'
    ON CONFLICT DO NOTHING;

    INSERT INTO current_fields AS f (entity, key, field, value, hlc, site, seq, customer)
    SELECT DISTINCT ON (c.entity, c.key, v.field)
        c.entity, c.key, v.field, v.value, c.hlc, c.site, c.seq,
        coalesce(c.customer, CASE WHEN c.entity = 'customer' THEN c.key END)
    FROM changes c CROSS JOIN LATERAL jsonb_each(c.data) AS v (field, value)
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'fields'
      AND NOT EXISTS (SELECT 1 FROM erased e WHERE e.customer = coalesce(c.customer, c.key))
    ORDER BY c.entity, c.key, v.field, c.hlc DESC
    ON CONFLICT (entity, key, field) DO UPDATE
        SET value = excluded.value, hlc = excluded.hlc, site = excluded.site,
            seq = excluded.seq, customer = coalesce(excluded.customer, f.customer)
        WHERE f.hlc < excluded.hlc;

    INSERT INTO current_facts (entity, key, data, hlc, site, seq, customer)
    SELECT DISTINCT ON (c.entity, c.key)
        c.entity, c.key, c.data, c.hlc, c.site, c.seq, c.customer
    FROM changes c
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'fact'
      AND NOT EXISTS (SELECT 1 FROM erased e WHERE e.customer = coalesce(c.customer, c.key))
    ORDER BY c.entity, c.key, c.hlc
    ON CONFLICT (entity, key) DO NOTHING;

    -- An erasure in this batch reaches everything before it; a change about a customer erased
    -- earlier is kept (the seq must stay) without its data.
    PERFORM hub_redact(r.customer) FROM (
        SELECT DISTINCT coalesce(c.customer, c.key) AS customer FROM changes c
        WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.op = 'redact'
    ) r;
    UPDATE changes c SET data = '{}'::jsonb
    WHERE c.site = p_site AND c.seq BETWEEN p_from AND p_to AND c.data <> '{}'::jsonb
      AND EXISTS (SELECT 1 FROM erased e WHERE e.customer = coalesce(c.customer, c.key));

    UPDATE sites SET last_seq = p_to WHERE code = p_site;
    RETURN p_to;
END
$$;

REVOKE ALL ON FUNCTION hub_may_push(text), hub_push_begin(text), hub_redact(text),
    hub_push_end(text, bigint, bigint) FROM PUBLIC;
