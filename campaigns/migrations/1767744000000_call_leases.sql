-- Up Migration
-- Who holds a call in progress: the gateway that carries an attempt's call renews a short lease
-- on it. A dead holder's lease runs out within seconds and the attempt is closed as lost; a live
-- lease keeps a re-run of the worker's job (after a worker crash) from closing the call and
-- ringing the patient again.
ALTER TABLE call_attempts ADD COLUMN lease_until timestamptz;
ALTER TABLE call_attempts ADD COLUMN lease_holder text;
CREATE INDEX call_attempts_lease_idx ON call_attempts (lease_until) WHERE state = 'dialing';

-- Down Migration
DROP INDEX call_attempts_lease_idx;
ALTER TABLE call_attempts DROP COLUMN lease_holder;
ALTER TABLE call_attempts DROP COLUMN lease_until;
