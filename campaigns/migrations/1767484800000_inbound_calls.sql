-- Up Migration
-- Calls to the triage hotline: the caller is not (yet) a known patient, so the call is filed on its
-- own, and a red flag or a request for a human on such a call still reaches the nurse worklist.
CREATE TABLE inbound_calls (
  id bigserial PRIMARY KEY,
  call_id text NOT NULL UNIQUE,
  dialect text,
  end_reason text NOT NULL,
  outcome text,
  disposition text CHECK (disposition ~ '^D[1-7]$'),
  red_flags text[] NOT NULL DEFAULT '{}',
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  transcript jsonb NOT NULL DEFAULT '[]'::jsonb,  -- patient data: never logged
  turns jsonb NOT NULL DEFAULT '[]'::jsonb,       -- per-turn latency marks
  duration_ms integer,
  recording_ref text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_calls_created_idx ON inbound_calls (created_at);
ALTER TABLE escalations ALTER COLUMN patient_id DROP NOT NULL;
ALTER TABLE escalations ADD COLUMN inbound_call_id bigint REFERENCES inbound_calls(id) ON DELETE SET NULL;
ALTER TABLE escalations ADD CONSTRAINT escalations_subject CHECK (patient_id IS NOT NULL OR inbound_call_id IS NOT NULL);

-- Down Migration
DELETE FROM escalations WHERE patient_id IS NULL;
ALTER TABLE escalations DROP CONSTRAINT escalations_subject;
ALTER TABLE escalations DROP COLUMN inbound_call_id;
ALTER TABLE escalations ALTER COLUMN patient_id SET NOT NULL;
DROP TABLE inbound_calls;
