-- Up Migration
-- One call, end to end: what a call produced reaches the nurse.
-- Hotline calls keep the caller's number (as far as the leg knows it), the runner's result and
-- whether the call was a console test call (never on the real worklist or in statistics).
ALTER TABLE inbound_calls ADD COLUMN caller_number text;   -- patient data: never logged
ALTER TABLE inbound_calls ADD COLUMN called_number text;
ALTER TABLE inbound_calls ADD COLUMN is_test boolean NOT NULL DEFAULT false;
ALTER TABLE inbound_calls ADD COLUMN script_id text;
ALTER TABLE inbound_calls ADD COLUMN lang text;
ALTER TABLE inbound_calls ADD COLUMN department text;
ALTER TABLE inbound_calls ADD COLUMN summary text;
ALTER TABLE inbound_calls ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE inbound_calls ADD COLUMN hangup_reason text;
ALTER TABLE inbound_calls ADD COLUMN recording_deleted_at timestamptz;
CREATE INDEX inbound_calls_test_idx ON inbound_calls (is_test) WHERE is_test;

-- The runner's outcome (completed, red-flag, opted-out, wrong-person...), the language the call
-- ran in, and the answering-machine verdict when detection ran.
ALTER TABLE call_results ADD COLUMN outcome text;
ALTER TABLE call_results ADD COLUMN lang text;
ALTER TABLE call_results ADD COLUMN amd text CHECK (amd IN ('human', 'machine', 'uncertain'));
ALTER TABLE call_results ADD COLUMN recording_deleted_at timestamptz;

-- A worklist item can carry the time the caller asked to be called back, and structured details
-- (the question asked, the alert reasons) for the nurse.
ALTER TABLE escalations ADD COLUMN callback_at timestamptz;
ALTER TABLE escalations ADD COLUMN details jsonb NOT NULL DEFAULT '{}'::jsonb;

-- A campaign can switch recording off (its calls then do not announce it either).
ALTER TABLE campaigns ADD COLUMN record_calls boolean NOT NULL DEFAULT true;

-- Do-not-call set on a call keeps the call it came from.
ALTER TABLE patients ADD COLUMN do_not_call_attempt_id bigint REFERENCES call_attempts(id) ON DELETE SET NULL;

-- Down Migration
ALTER TABLE patients DROP COLUMN do_not_call_attempt_id;
ALTER TABLE campaigns DROP COLUMN record_calls;
ALTER TABLE escalations DROP COLUMN details;
ALTER TABLE escalations DROP COLUMN callback_at;
ALTER TABLE call_results DROP COLUMN recording_deleted_at;
ALTER TABLE call_results DROP COLUMN amd;
ALTER TABLE call_results DROP COLUMN lang;
ALTER TABLE call_results DROP COLUMN outcome;
DROP INDEX inbound_calls_test_idx;
ALTER TABLE inbound_calls DROP COLUMN recording_deleted_at;
ALTER TABLE inbound_calls DROP COLUMN hangup_reason;
ALTER TABLE inbound_calls DROP COLUMN tags;
ALTER TABLE inbound_calls DROP COLUMN summary;
ALTER TABLE inbound_calls DROP COLUMN department;
ALTER TABLE inbound_calls DROP COLUMN lang;
ALTER TABLE inbound_calls DROP COLUMN script_id;
ALTER TABLE inbound_calls DROP COLUMN is_test;
ALTER TABLE inbound_calls DROP COLUMN called_number;
ALTER TABLE inbound_calls DROP COLUMN caller_number;
