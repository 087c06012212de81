-- Up Migration
-- A per-campaign circuit breaker for gateway faults (gateway unreachable, HTTP errors, a garbled
-- outcome): after a few in a row the campaign stops claiming calls until open_until, a time that
-- doubles (with jitter) while the faults go on, so a dead gateway no longer burns attempts. The
-- console shows the campaign as "gateway unreachable" meanwhile.
ALTER TABLE campaigns ADD COLUMN gateway_faults integer NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN gateway_open_until timestamptz;

-- Down Migration
ALTER TABLE campaigns DROP COLUMN gateway_open_until;
ALTER TABLE campaigns DROP COLUMN gateway_faults;
