/**
 * Row shapes read by the scheduler and the worker, and the SQL that selects them (dates as ISO text,
 * ids as strings: bigint never goes through a JS number).
 */
import type { CallingWindows, WindowSpec } from '../domain/windows.js';
import type { RetryableOutcome } from '../domain/states.js';

export interface CampaignRow {
  id: string;
  name: string;
  script_id: string;
  script_version: string;
  script_hash: string | null;
  language: string;
  timezone: string;
  windows_follow_patient_timezone: boolean;
  start_date: string;
  end_date: string | null;
  windows: CallingWindows;
  quiet_days: string[];
  max_attempts: number;
  retry_delays_minutes: Partial<Record<RetryableOutcome, number>>;
  require_consent: boolean;
  concurrency: number;
  calls_per_second: string;
  trunk: string;
  caller_id: string | null;
  record_calls: boolean;
  /** Gateway faults in a row, and until when the campaign claims no call because of them. */
  gateway_faults: number;
  gateway_open_until: Date | string | null;
  next_dial_slot_at: Date | null;
  state: string;
  created_at: Date;
  updated_at: Date;
}

export const CAMPAIGN_COLUMNS = `c.id::text, c.name, c.script_id, c.script_version, c.script_hash, c.language, c.timezone,
  c.windows_follow_patient_timezone, c.start_date::text AS start_date, c.end_date::text AS end_date, c.windows,
  c.quiet_days::text[] AS quiet_days, c.max_attempts, c.retry_delays_minutes, c.require_consent, c.concurrency,
  c.calls_per_second::text AS calls_per_second, c.trunk, c.caller_id, c.record_calls, c.next_dial_slot_at, c.gateway_faults, c.gateway_open_until,
  c.state, c.created_at, c.updated_at`;

export interface PatientRow {
  id: string;
  mrn: string;
  name: string;
  phones: string[];
  language: string;
  timezone: string | null;
  consent_status: string;
  consent_at: Date | null;
  do_not_call: boolean;
  do_not_call_reason: string | null;
  do_not_call_at: Date | null;
  discharge_date: string | null;
  department: string | null;
  diagnosis: string | null;
  custom_fields: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export const PATIENT_COLUMNS = `p.id::text, p.mrn, p.name, p.phones, p.language, p.timezone, p.consent_status, p.consent_at,
  p.do_not_call, p.do_not_call_reason, p.do_not_call_at, p.discharge_date::text AS discharge_date, p.department,
  p.diagnosis, p.custom_fields, p.created_at, p.updated_at`;

export interface AttemptRow {
  id: string;
  contact_id: string;
  campaign_id: string;
  patient_id: string;
  seq: number;
  state: string;
  scheduled_for: Date;
  window_end_at: Date | null;
  run_token: string | null;
  trunk: string | null;
  started_at: Date | null;
  /** Until when the gateway carrying the call holds it (renewed while the call lasts). */
  lease_until?: Date | null;
}

export interface ContactRow {
  id: string;
  campaign_id: string;
  patient_id: string;
  state: string;
  dials_made: number;
}

/** The window rules for one patient in one campaign. */
export function windowSpecFor(c: CampaignRow, patientTimezone: string | null): WindowSpec {
  return {
    windows: c.windows,
    timezone: c.windows_follow_patient_timezone && patientTimezone ? patientTimezone : c.timezone,
    quietDays: c.quiet_days,
    startDate: c.start_date,
    endDate: c.end_date,
  };
}

export function jobIdFor(attemptId: string): string {
  // bullmq refuses integer-looking custom ids, so the attempt id gets a fixed prefix.
  return `attempt-${attemptId}`;
}

export function queueNameFor(trunk: string): string {
  return `dial-${trunk}`;
}

/** A job to add once the transaction that created its attempt has committed. */
export interface FollowUp {
  attemptId: string;
  campaignId: string;
  trunk: string;
  runAt: Date;
}
