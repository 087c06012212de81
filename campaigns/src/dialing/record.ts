/**
 * Files what a call produced: the outcome, the call result (answers, transcript, disposition...),
 * an escalation for the nurse worklist when the script asked for one or a red flag was raised,
 * and a do-not-call flag when the patient opted out. One transaction with the attempt's move.
 */
import type pg from 'pg';
import { prepared } from '../db/prepared.js';
import { appendEvent, audit, transition } from '../db/transitions.js';
import { closeDial, maybeComplete, type DialEnd } from './lifecycle.js';
import type { AttemptRow, CampaignRow, FollowUp, PatientRow } from './rows.js';
import { treatAsMachine, type CallOutcome, type CallResultRecord } from './types.js';
import { callEffects, type CallEffects } from './call-effects.js';
import { noteGatewayOutcome } from './gateway-breaker.js';
import { CALL_INTERRUPTED, interrupted } from './checkpoints.js';
import { callResultFromReport, type CallReport } from '@tingzhen/voice-core';

/** Reasons with which someone else closed a dialing attempt because its worker looked dead. */
export const LOST_REASONS: readonly string[] = ['worker_lost', 'stale_dial'];

export interface Filed { closed: boolean; late?: boolean; followUps: FollowUp[] }

/**
 * Files an outcome for the attempt this run claimed. When the attempt is no longer dialing because
 * it was closed as lost (the worker's lock expired mid-call and a re-run closed it), the outcome is
 * still filed: see fileLateOutcome.
 */
export async function recordOutcome(client: pg.PoolClient, campaign: CampaignRow, attempt: AttemptRow, patient: PatientRow, reported: CallOutcome, now: Date): Promise<Filed> {
  await noteGatewayOutcome(client, campaign.id, reported, now);
  // The gateway carries the call and files it itself when it ends: nothing to file now.
  if (reported.kind === 'accepted') return { closed: false, followUps: [] };
  // A dialer that ran the call but says a machine answered (a CPaaS's own detection): a voicemail,
  // retried per policy. Only a confident "machine" is one; uncertain is a person (fail-safe).
  const outcome: CallOutcome = reported.kind === 'answered' && treatAsMachine(reported.amd)
    ? { kind: 'voicemail', messageLeft: false, ...(reported.result.durationMs === undefined ? {} : { durationMs: reported.result.durationMs }) }
    : reported;
  let closed: { closed: boolean; followUps: FollowUp[] };
  if (outcome.kind !== 'answered') {
    const reason = outcome.kind === 'voicemail' ? (outcome.messageLeft ? 'message_left' : 'no_message') : outcome.reason;
    const carrierFault = outcome.kind === 'failed' && outcome.carrierFault === true;
    closed = await closeDial(client, campaign, attempt, patient.timezone, outcome.kind, now, reason, { carrierFault });
  } else {
    const r = outcome.result;
    const effects = callEffects(r, now, patient.timezone ?? campaign.timezone, false);
    const end: DialEnd = r.optOut ? 'opted_out' : 'answered';
    closed = await closeDial(client, campaign, attempt, patient.timezone, end, now, r.hangupReason ?? undefined, { contact: effects.contact });
    if (closed.closed) await fileResult(client, campaign, attempt, patient, r, effects, false, outcome.amd);
  }
  if (closed.closed || !attempt.run_token) return closed;
  return fileLateOutcome(client, campaign, attempt.id, attempt.run_token, patient, outcome);
}

/**
 * An outcome that arrived after its attempt had been closed as lost is never thrown away: it is
 * attached to the closed attempt (an event, and for an answered call the call result marked late),
 * an answered call goes to the nurse worklist (reason `late_result`), and the retry planned by the
 * close is cancelled when the call was in fact answered. Idempotent: a second filing does nothing.
 * Only the run that claimed the attempt (same run token) may file it.
 */
export async function fileLateOutcome(client: pg.PoolClient, campaign: CampaignRow, attemptId: string, runToken: string, patient: PatientRow, outcome: CallOutcome): Promise<Filed> {
  const a = await client.query<{ state: string; reason: string | null; run_token: string | null; contact_id: string }>(
    'SELECT state, reason, run_token, contact_id::text FROM call_attempts WHERE id = $1 FOR UPDATE', [attemptId]);
  const row = a.rows[0];
  if (!row || row.run_token !== runToken || row.state === 'dialing' || !LOST_REASONS.includes(row.reason ?? '')) return { closed: false, followUps: [] };
  const seen = await client.query("SELECT 1 FROM call_events WHERE entity = 'attempt' AND entity_id = $1 AND kind = 'late_outcome'", [attemptId]);
  if ((seen.rowCount ?? 0) > 0) return { closed: false, late: true, followUps: [] };
  if (outcome.kind === 'accepted') return { closed: false, followUps: [] };
  await appendEvent(client, 'attempt', attemptId, campaign.id, 'late_outcome', { outcome: outcome.kind, closedAs: row.state, closedReason: row.reason });
  if (outcome.kind !== 'answered') return { closed: false, late: true, followUps: [] };

  const r = outcome.result;
  const attempt = { id: attemptId, contact_id: row.contact_id } as AttemptRow;
  const effects = callEffects(r, new Date(), patient.timezone ?? campaign.timezone, true);
  await fileResult(client, campaign, attempt, patient, r, effects, true, outcome.amd);
  // The call did reach the patient: the retry the close planned must not ring them again.
  const contact = await client.query<{ state: string }>('SELECT state FROM contacts WHERE id = $1 FOR UPDATE', [row.contact_id]);
  if (contact.rows[0]?.state === 'active') {
    const live = await client.query<{ id: string; state: string }>("SELECT id::text, state FROM call_attempts WHERE contact_id = $1 AND state IN ('queued', 'held')", [row.contact_id]);
    for (const l of live.rows) await transition(client, 'attempt', l.id, l.state, 'cancelled', { set: { reason: 'late_result' }, data: { reason: 'late_result' } });
    await transition(client, 'contact', row.contact_id, 'active', r.optOut ? 'opted_out' : 'completed', { set: { state_reason: 'late_result' } });
    await maybeComplete(client, campaign.id);
  }
  return { closed: false, late: true, followUps: [] };
}

/**
 * A call its gateway lost (the attempt was closed as lost), filed from the checkpoint the gateway
 * saved: the answers already given, marked interrupted (ended by a platform fault), with a worklist
 * item (P1 when a red flag had fired). The contact's retry was planned by the close.
 */
export async function fileInterruptedCall(client: pg.PoolClient, campaign: CampaignRow, attempt: AttemptRow, patient: PatientRow, checkpoint: CallReport, now: Date): Promise<void> {
  const r = callResultFromReport(interrupted(checkpoint));
  const effects = callEffects(r, now, patient.timezone ?? campaign.timezone, false);
  await fileResult(client, campaign, attempt, patient, r, { ...effects, doNotCall: r.optOut ? effects.doNotCall : null }, false, undefined);
}

/**
 * A late outcome replaces the result filed from the checkpoint when its attempt was closed as lost
 * (the call was not lost after all: its gateway filed it once it ended): the whole call, not the
 * answers up to the last checkpoint. Any other result already there stays.
 */
const REPLACE_INTERRUPTED = `UPDATE SET answers = EXCLUDED.answers, disposition = EXCLUDED.disposition, red_flags = EXCLUDED.red_flags,
  department = EXCLUDED.department, summary = EXCLUDED.summary, tags = EXCLUDED.tags, transcript = EXCLUDED.transcript, recording_ref = EXCLUDED.recording_ref,
  duration_ms = EXCLUDED.duration_ms, hangup_reason = EXCLUDED.hangup_reason, script_hash = EXCLUDED.script_hash, late = EXCLUDED.late, outcome = EXCLUDED.outcome,
  lang = EXCLUDED.lang, amd = EXCLUDED.amd, interrupted = EXCLUDED.interrupted, resumed_from = EXCLUDED.resumed_from, restarted_after = EXCLUDED.restarted_after,
  carried_answers = EXCLUDED.carried_answers
  WHERE call_results.interrupted`;

async function fileResult(client: pg.PoolClient, campaign: CampaignRow, attempt: AttemptRow, patient: PatientRow, r: CallResultRecord, effects: CallEffects, late: boolean, amd: string | undefined): Promise<void> {
  // The retry of an interrupted call says what it did with the earlier answers (an attempt of this
  // same contact only: a stray id files as nothing rather than failing the filing).
  const cont = r.continuation && /^[1-9][0-9]{0,18}$/.test(r.continuation.fromAttemptId) ? r.continuation : null;
  const ins = await client.query<{ id: string }>(prepared(
    `INSERT INTO call_results (attempt_id, contact_id, campaign_id, patient_id, answers, disposition, red_flags, department, summary, tags,
       transcript, recording_ref, duration_ms, hangup_reason, script_id, script_version, script_hash, late, outcome, lang, amd,
       interrupted, resumed_from, restarted_after, carried_answers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       (SELECT id FROM call_attempts WHERE id = $23::bigint AND contact_id = $2), (SELECT id FROM call_attempts WHERE id = $24::bigint AND contact_id = $2), $25)
     ON CONFLICT (attempt_id) DO ${late ? REPLACE_INTERRUPTED : 'NOTHING'} RETURNING id::text`,
    [attempt.id, attempt.contact_id, campaign.id, patient.id, JSON.stringify(r.answers), r.disposition, r.redFlags,
      r.department ?? patient.department, r.summary, r.tags, JSON.stringify(r.transcript), r.recordingRef,
      Math.round(r.durationMs), r.hangupReason, campaign.script_id, campaign.script_version, r.scriptHash ?? campaign.script_hash, late,
      r.outcome, r.lang, amd ?? null, r.fault?.code === CALL_INTERRUPTED,
      cont?.mode === 'resumed' ? cont.fromAttemptId : null, cont?.mode === 'restarted' ? cont.fromAttemptId : null, cont?.carried ?? []],
  ));
  const resultId = ins.rows[0]?.id;
  if (!resultId) return;
  const w = effects.worklist;
  if (w) {
    const e = await client.query<{ id: string }>(
      `INSERT INTO escalations (call_result_id, patient_id, campaign_id, priority, reason, red_flags, callback_at, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text`,
      [resultId, patient.id, campaign.id, w.priority, w.reason, w.redFlags, w.callbackAt, JSON.stringify(w.details)]);
    await audit(client, { actor: 'system', action: 'create', entity: 'escalation', entityId: e.rows[0]!.id, patientId: patient.id, details: { priority: w.priority, reason: w.reason, callResultId: resultId } });
  }
  if (effects.doNotCall) {
    await client.query(`UPDATE patients SET do_not_call = true, do_not_call_reason = $2, do_not_call_at = now(), do_not_call_attempt_id = $3, updated_at = now() WHERE id = $1`,
      [patient.id, effects.doNotCall, attempt.id]);
    await audit(client, { actor: 'system', action: 'update', entity: 'patient', entityId: patient.id, patientId: patient.id, details: { field: 'do_not_call', reason: effects.doNotCall, source: 'call', attemptId: attempt.id } });
  }
}
