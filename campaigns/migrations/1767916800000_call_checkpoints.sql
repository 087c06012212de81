-- Up Migration
-- What a call in progress has produced so far (the call report: answers, red flags, transcript),
-- written by the gateway as each answer comes and removed once the call is filed. A call cut by a
-- crash of its gateway keeps what the patient said: the lost call is filed from its checkpoint as
-- interrupted, with a worklist item. Patient data: never logged.
CREATE TABLE call_checkpoints (
  call_key text PRIMARY KEY,                    -- 'attempt:<id>' (campaign calls) or 'call:<call id>' (hotline)
  attempt_id bigint REFERENCES call_attempts(id) ON DELETE CASCADE,
  report jsonb NOT NULL,
  holder text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_checkpoints_updated_idx ON call_checkpoints (updated_at);
CREATE INDEX call_checkpoints_attempt_idx ON call_checkpoints (attempt_id) WHERE attempt_id IS NOT NULL;

-- Down Migration
DROP TABLE call_checkpoints;
