-- Up Migration
-- Console sign-in: users with roles, server-side sessions, login attempts (rate limit) and the
-- one-time setup token that creates the first admin. Tokens are stored only as SHA-256 hashes so a
-- database read does not yield a usable session or setup token.

CREATE TABLE console_users (
  id bigserial PRIMARY KEY,
  username text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{2,64}$'),
  display_name text CHECK (length(display_name) <= 200),
  password_hash text NOT NULL,                 -- scrypt$N$r$p$salt$hash (base64url)
  role text NOT NULL CHECK (role IN ('admin', 'nurse', 'viewer')),
  disabled boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX console_users_username_idx ON console_users (username);

CREATE TABLE console_sessions (
  token_hash text PRIMARY KEY,                 -- sha256(cookie token), hex
  user_id bigint NOT NULL REFERENCES console_users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX console_sessions_user_idx ON console_sessions (user_id);
CREATE INDEX console_sessions_expires_idx ON console_sessions (expires_at);

CREATE TABLE console_login_attempts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  username text NOT NULL,
  ip text NOT NULL,
  ok boolean NOT NULL
);
CREATE INDEX console_login_attempts_user_idx ON console_login_attempts (username, at);
CREATE INDEX console_login_attempts_ip_idx ON console_login_attempts (ip, at);

CREATE TABLE console_setup_tokens (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Down Migration
DROP TABLE console_setup_tokens;
DROP TABLE console_login_attempts;
DROP TABLE console_sessions;
DROP TABLE console_users;
