-- Up Migration
-- Dispatch at scale. Claims of one campaign used to serialise on the campaign row (caps) and on the
-- shared counter rows. Now:
--  * the concurrency caps (per campaign, per trunk) are slot rows claimed with FOR UPDATE SKIP LOCKED:
--    claimers never wait on each other, and a slot is freed by a trigger the moment its attempt
--    leaves 'dialing' (or by ON DELETE SET NULL when the attempt is deleted);
--  * progress counters are sharded (each connection writes its own shard; readers sum the shards),
--    and deltas are written once per transaction, just before commit, in a fixed order.

ALTER TABLE campaign_counters ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE campaign_counters DROP CONSTRAINT campaign_counters_pkey;
ALTER TABLE campaign_counters ADD PRIMARY KEY (campaign_id, name, shard);

CREATE TABLE dial_slots (
  scope text NOT NULL,                          -- 'campaign:<id>' or 'trunk:<name>'
  slot integer NOT NULL CHECK (slot >= 0),      -- 0 .. cap-1; created on first need
  attempt_id bigint REFERENCES call_attempts(id) ON DELETE SET NULL,
  taken_at timestamptz,
  PRIMARY KEY (scope, slot)
);
CREATE INDEX dial_slots_attempt_idx ON dial_slots (attempt_id) WHERE attempt_id IS NOT NULL;

CREATE FUNCTION release_dial_slots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dial_slots SET attempt_id = NULL, taken_at = NULL WHERE attempt_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER call_attempts_release_slots AFTER UPDATE OF state ON call_attempts
  FOR EACH ROW WHEN (OLD.state = 'dialing' AND NEW.state <> 'dialing') EXECUTE FUNCTION release_dial_slots();

-- A call result that arrived after its attempt had been closed (e.g. as worker_lost) is still filed,
-- attached to that attempt and flagged for a nurse.
ALTER TABLE call_results ADD COLUMN late boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE call_results DROP COLUMN late;
DROP TRIGGER call_attempts_release_slots ON call_attempts;
DROP FUNCTION release_dial_slots();
DROP TABLE dial_slots;
INSERT INTO campaign_counters (campaign_id, name, shard, value)
  SELECT campaign_id, name, 0, sum(value) FROM campaign_counters WHERE shard <> 0 GROUP BY campaign_id, name
  ON CONFLICT (campaign_id, name, shard) DO UPDATE SET value = campaign_counters.value + EXCLUDED.value;
DELETE FROM campaign_counters WHERE shard <> 0;
ALTER TABLE campaign_counters DROP CONSTRAINT campaign_counters_pkey;
ALTER TABLE campaign_counters ADD PRIMARY KEY (campaign_id, name);
ALTER TABLE campaign_counters DROP COLUMN shard;
