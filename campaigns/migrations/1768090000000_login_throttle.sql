-- Up Migration
-- Console sign-in throttling (issue 16 item 2): one row per account name and per source address,
-- counting recent failures. Each attempt is counted before the password is checked, under a row
-- lock, so parallel attempts cannot all slip under the limit; past the free attempts each failure
-- sets an exponentially growing delay (locked_until) instead of a fixed lock-out window.

CREATE TABLE console_login_throttle (
  kind text NOT NULL CHECK (kind IN ('user', 'ip')),
  subject text NOT NULL CHECK (length(subject) <= 100),   -- the normalised username, or the client address
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failure_at timestamptz,
  locked_until timestamptz,
  PRIMARY KEY (kind, subject)
);
CREATE INDEX console_login_throttle_last_idx ON console_login_throttle (last_failure_at);

-- Down Migration
DROP TABLE console_login_throttle;
