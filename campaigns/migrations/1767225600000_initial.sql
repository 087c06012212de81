-- Up Migration
-- The campaigns schema. Every long-lived row is a state machine: transitions are
-- `UPDATE ... WHERE id = $1 AND state = $from RETURNING *` (see src/db/transitions.ts).

CREATE TABLE patients (
  id bigserial PRIMARY KEY,
  mrn text NOT NULL UNIQUE CHECK (length(mrn) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- E.164 (ITU-T E.164: '+', country code, at most 15 digits); validated again in code with libphonenumber
  phones text[] NOT NULL CHECK (cardinality(phones) >= 1
    AND array_to_string(phones, ',') ~ '^\+[1-9][0-9]{6,14}(,\+[1-9][0-9]{6,14})*$'),
  language text NOT NULL DEFAULT 'zh-CN',
  timezone text,
  consent_status text NOT NULL DEFAULT 'unknown' CHECK (consent_status IN ('unknown', 'granted', 'refused', 'withdrawn')),
  consent_at timestamptz,
  do_not_call boolean NOT NULL DEFAULT false,
  do_not_call_reason text,
  do_not_call_at timestamptz,
  discharge_date date,
  department text,
  diagnosis text,
  custom_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patients_department_idx ON patients (department);

CREATE TABLE campaigns (
  id bigserial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  script_id text NOT NULL,
  script_version text NOT NULL,
  script_hash text,
  language text NOT NULL DEFAULT 'zh-CN',
  timezone text NOT NULL,                      -- the hospital's IANA zone; windows are local times in it
  windows_follow_patient_timezone boolean NOT NULL DEFAULT true,
  start_date date NOT NULL,
  end_date date,
  windows jsonb NOT NULL,                      -- { "mon": [["09:00","12:00"], ...], ... }
  quiet_days date[] NOT NULL DEFAULT '{}',
  max_attempts integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 20),
  retry_delays_minutes jsonb NOT NULL,         -- { "no_answer": 120, "busy": 30, "failed": 60, "voicemail": 240 }
  require_consent boolean NOT NULL DEFAULT true,
  concurrency integer NOT NULL DEFAULT 2 CHECK (concurrency BETWEEN 1 AND 1000),
  calls_per_second numeric NOT NULL DEFAULT 1 CHECK (calls_per_second > 0 AND calls_per_second <= 1000),
  trunk text NOT NULL DEFAULT 'default',
  caller_id text,
  next_dial_slot_at timestamptz,               -- the calls-per-second guard, advanced under the row lock
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contacts (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  patient_id bigint NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'active', 'completed', 'exhausted', 'opted_out', 'unreachable', 'skipped', 'cancelled')),
  dials_made integer NOT NULL DEFAULT 0,
  last_outcome text,
  state_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, patient_id)
);
CREATE INDEX contacts_campaign_state_idx ON contacts (campaign_id, state);
CREATE INDEX contacts_patient_idx ON contacts (patient_id);

CREATE TABLE call_attempts (
  id bigserial PRIMARY KEY,
  contact_id bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  patient_id bigint NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  seq integer NOT NULL,                         -- 1, 2, ... within the contact
  state text NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'held', 'dialing', 'answered', 'no_answer', 'busy', 'failed', 'voicemail', 'rejected', 'expired', 'cancelled')),
  scheduled_for timestamptz NOT NULL,
  window_end_at timestamptz,                    -- dialling after this instant would be late: the attempt expires
  phone text,
  trunk text,
  run_token text,                               -- which worker run claimed it (crash detection)
  started_at timestamptz,
  ended_at timestamptz,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contact_id, seq)
);
-- At most one live attempt per contact, and a patient is never dialled twice at once (across campaigns).
CREATE UNIQUE INDEX call_attempts_one_live_per_contact ON call_attempts (contact_id) WHERE state IN ('queued', 'held', 'dialing');
CREATE UNIQUE INDEX call_attempts_one_dial_per_patient ON call_attempts (patient_id) WHERE state = 'dialing';
CREATE INDEX call_attempts_campaign_state_idx ON call_attempts (campaign_id, state);
CREATE INDEX call_attempts_patient_started_idx ON call_attempts (patient_id, started_at) WHERE started_at IS NOT NULL;
CREATE INDEX call_attempts_trunk_dialing_idx ON call_attempts (trunk) WHERE state = 'dialing';

-- Append-only: no UPDATE or DELETE (enforced by the trigger below).
CREATE TABLE call_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  entity text NOT NULL CHECK (entity IN ('campaign', 'contact', 'attempt', 'call', 'escalation')),
  entity_id bigint NOT NULL,
  campaign_id bigint,
  kind text NOT NULL,
  from_state text,
  to_state text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX call_events_entity_idx ON call_events (entity, entity_id);
CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER call_events_no_update BEFORE UPDATE OR DELETE ON call_events
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();

CREATE TABLE call_results (
  id bigserial PRIMARY KEY,
  attempt_id bigint NOT NULL UNIQUE REFERENCES call_attempts(id) ON DELETE CASCADE,
  contact_id bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  patient_id bigint NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,   -- { stepId: { type, value, confidence? } }
  disposition text CHECK (disposition ~ '^D[1-7]$'),
  red_flags text[] NOT NULL DEFAULT '{}',
  department text,
  summary text,
  tags text[] NOT NULL DEFAULT '{}',
  transcript jsonb NOT NULL DEFAULT '[]'::jsonb, -- [{ speaker, text, startMs, endMs, confidence }]
  recording_ref text,
  duration_ms integer,
  hangup_reason text,
  script_id text NOT NULL,
  script_version text NOT NULL,
  script_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_results_campaign_idx ON call_results (campaign_id, created_at);
CREATE INDEX call_results_disposition_idx ON call_results (disposition);

CREATE TABLE escalations (
  id bigserial PRIMARY KEY,
  call_result_id bigint REFERENCES call_results(id) ON DELETE SET NULL,
  patient_id bigint NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  campaign_id bigint REFERENCES campaigns(id) ON DELETE SET NULL,
  priority integer NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),  -- 1 = most urgent
  reason text NOT NULL,
  red_flags text[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'resolved')),
  claimed_by text,
  claimed_at timestamptz,
  resolved_by text,
  resolved_at timestamptz,
  resolution_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX escalations_open_idx ON escalations (state, priority, created_at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  action text NOT NULL,       -- read, create, update, delete, import, export, claim, resolve, ...
  entity text NOT NULL,
  entity_id text,
  patient_id bigint,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_patient_idx ON audit_log (patient_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();

-- Live progress without scanning: one row per (campaign, counter), updated in the transition's transaction.
CREATE TABLE campaign_counters (
  campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, name)
);

-- Down Migration
DROP TABLE campaign_counters;
DROP TABLE audit_log;
DROP TABLE escalations;
DROP TABLE call_results;
DROP TABLE call_events;
DROP FUNCTION append_only_guard();
DROP TABLE call_attempts;
DROP TABLE contacts;
DROP TABLE campaigns;
DROP TABLE patients;
