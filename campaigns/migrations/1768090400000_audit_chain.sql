-- Up Migration
-- Tamper-evident audit trail (issue 16 item 4). Every audit_log row carries a gap-free sequence
-- number, the hash of the row before it and its own hash: sha256 over a canonical serialisation
-- (audit_canonical below; campaigns/src/audit/chain.ts computes the same in the verifier). The
-- trigger assigns them, so every writer (audit(), the console, the gateway) is chained without
-- knowing it, and forces the time (no back-dating). Ordering is safe under concurrency: the trigger
-- locks the one chain-head row until the inserting transaction ends, so appends are serialised in
-- commit order. The runtime role may INSERT and SELECT only (see db/runtime-role.ts); it does not
-- own the table, so it cannot disable the triggers, and it has no right on the chain head.

-- The canonical form: a version tag, then each field as <octets>:<text>, or '-' for NULL.
CREATE FUNCTION audit_canonical(seq bigint, at timestamptz, actor text, action text, entity text, entity_id text, patient_id bigint, details jsonb, prev_hash text)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT 'tz-audit-v1' || string_agg(CASE WHEN f IS NULL THEN '|-' ELSE '|' || octet_length(f) || ':' || f END, '' ORDER BY n)
  FROM unnest(ARRAY[seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, entity, entity_id, patient_id::text, details::text, prev_hash]) WITH ORDINALITY AS t(f, n)
$$;

CREATE TABLE audit_chain_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL,
  hash text NOT NULL
);

ALTER TABLE audit_log ADD COLUMN seq bigint;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;

-- Rows written before this migration are chained in id order (the only order they had).
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$
DECLARE
  r record;
  n bigint := 0;
  prev text := repeat('0', 64);
  h text;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    h := encode(sha256(convert_to(audit_canonical(n, r.at, r.actor, r.action, r.entity, r.entity_id, r.patient_id, r.details, prev), 'UTF8')), 'hex');
    UPDATE audit_log SET seq = n, prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
  INSERT INTO audit_chain_head (seq, hash) VALUES (n, prev);
END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);
-- The audit page filters by time, actor, action and entity.
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  -- The row lock is held until the inserting transaction ends: one append at a time, in order.
  SELECT * INTO head FROM audit_chain_head FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.at := clock_timestamp();
  NEW.details := COALESCE(NEW.details, '{}'::jsonb);
  NEW.prev_hash := head.hash;
  NEW.hash := encode(sha256(convert_to(audit_canonical(NEW.seq, NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.entity_id, NEW.patient_id, NEW.details, NEW.prev_hash), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash;
  RETURN NEW;
END $$;
-- A SECURITY DEFINER function names its schema and searches pg_temp last (a caller's temporary
-- table must not stand in for the chain head).
DO $$ BEGIN
  EXECUTE format('ALTER FUNCTION audit_chain_append() SET search_path = pg_catalog, %I, pg_temp', current_schema());
  EXECUTE format('ALTER FUNCTION audit_canonical(bigint, timestamptz, text, text, text, text, bigint, jsonb, text) SET search_path = pg_catalog, %I, pg_temp', current_schema());
END $$;
REVOKE ALL ON FUNCTION audit_chain_append() FROM PUBLIC;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain_append();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER call_events_no_truncate BEFORE TRUNCATE ON call_events FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();

-- Down Migration
DROP TRIGGER call_events_no_truncate ON call_events;
DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_chain ON audit_log;
DROP FUNCTION audit_chain_append();
DROP INDEX audit_log_at_idx;
DROP INDEX audit_log_seq_idx;
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN seq;
DROP TABLE audit_chain_head;
DROP FUNCTION audit_canonical(bigint, timestamptz, text, text, text, text, bigint, jsonb, text);
