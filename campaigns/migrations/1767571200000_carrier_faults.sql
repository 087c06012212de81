-- Up Migration
-- Dials that failed on the carrier's side (trunk at capacity, 503, transport failure) are retried
-- soon and do not count against the patient's attempts, up to a bound kept per contact here.
ALTER TABLE contacts ADD COLUMN carrier_faults integer NOT NULL DEFAULT 0;

-- Down Migration
ALTER TABLE contacts DROP COLUMN carrier_faults;
