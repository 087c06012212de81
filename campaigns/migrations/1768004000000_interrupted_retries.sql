-- Up Migration
-- The retry of a call cut by a crash: a result filed from a checkpoint is marked interrupted, and
-- the retry of its contact records what it did with the answers kept (resumed from the interrupted
-- attempt, or restarted after it) and which of its answers came from an earlier attempt. The nurse
-- reads them with the result; each carried answer also names its attempt (answers->x->fromAttemptId).
ALTER TABLE call_results ADD COLUMN interrupted boolean NOT NULL DEFAULT false;
ALTER TABLE call_results ADD COLUMN resumed_from bigint REFERENCES call_attempts(id) ON DELETE SET NULL;
ALTER TABLE call_results ADD COLUMN restarted_after bigint REFERENCES call_attempts(id) ON DELETE SET NULL;
ALTER TABLE call_results ADD COLUMN carried_answers text[] NOT NULL DEFAULT '{}';
-- The dial-time look-up of a contact's last result.
CREATE INDEX call_results_contact_idx ON call_results (contact_id, attempt_id DESC);

-- Down Migration
DROP INDEX call_results_contact_idx;
ALTER TABLE call_results DROP COLUMN carried_answers;
ALTER TABLE call_results DROP COLUMN restarted_after;
ALTER TABLE call_results DROP COLUMN resumed_from;
ALTER TABLE call_results DROP COLUMN interrupted;
