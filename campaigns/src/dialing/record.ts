/**
 * Files what a call produced: the outcome, the call result (answers, transcript, disposition...),
 * an escalation for the nurse worklist when the script asked for one or a red flag was raised,
 * and a do-not-call flag when the patient opted out. One transaction with the attempt's move.
 */
import type pg from 'pg';
import { closeDial, type DialEnd } from './lifecycle.js';
import type { AttemptRow, CampaignRow, FollowUp, PatientRow } from './rows.js';
import type { CallOutcome } from './types.js';

export async function recordOutcome(client: pg.PoolClient, campaign: CampaignRow, attempt: AttemptRow, patient: PatientRow, outcome: CallOutcome, now: Date): Promise<{ closed: boolean; followUps: FollowUp[] }> {
  if (outcome.kind !== 'answered') {
    const reason = outcome.kind === 'voicemail' ? (outcome.messageLeft ? 'message_left' : 'no_message') : outcome.reason;
    return closeDial(client, campaign, attempt, patient.timezone, outcome.kind, now, reason);
  }
  const r = outcome.result;
  const end: DialEnd = r.optOut ? 'opted_out' : 'answered';
  const closed = await closeDial(client, campaign, attempt, patient.timezone, end, now, r.hangupReason ?? undefined);
  if (!closed.closed) return closed;
  const ins = await client.query<{ id: string }>(
    `INSERT INTO call_results (attempt_id, contact_id, campaign_id, patient_id, answers, disposition, red_flags, department, summary, tags,
       transcript, recording_ref, duration_ms, hangup_reason, script_id, script_version, script_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id::text`,
    [attempt.id, attempt.contact_id, campaign.id, patient.id, JSON.stringify(r.answers ?? {}), r.disposition ?? null, r.redFlags ?? [],
      r.department ?? patient.department, r.summary ?? null, r.tags ?? [], JSON.stringify(r.transcript ?? []), r.recordingRef ?? null,
      r.durationMs ?? null, r.hangupReason ?? null, campaign.script_id, campaign.script_version, r.scriptHash ?? campaign.script_hash],
  );
  const resultId = ins.rows[0]!.id;
  const redFlags = r.redFlags ?? [];
  if (r.escalation || redFlags.length > 0) {
    const priority = r.escalation?.priority ?? 1;
    const reason = r.escalation?.reason ?? 'red_flag';
    const e = await client.query<{ id: string }>(
      `INSERT INTO escalations (call_result_id, patient_id, campaign_id, priority, reason, red_flags) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
      [resultId, patient.id, campaign.id, Math.min(5, Math.max(1, Math.round(priority))), reason, redFlags]);
    await client.query(`INSERT INTO audit_log (actor, action, entity, entity_id, patient_id, details) VALUES ('system', 'create', 'escalation', $1, $2, $3)`,
      [e.rows[0]!.id, patient.id, JSON.stringify({ priority, reason, callResultId: resultId })]);
  }
  if (r.optOut) {
    await client.query(`UPDATE patients SET do_not_call = true, do_not_call_reason = 'opted_out_on_call', do_not_call_at = now(), updated_at = now() WHERE id = $1`, [patient.id]);
    await client.query(`INSERT INTO audit_log (actor, action, entity, entity_id, patient_id, details) VALUES ('system', 'update', 'patient', $1, $1, $2)`,
      [patient.id, JSON.stringify({ field: 'do_not_call', source: 'call', attemptId: attempt.id })]);
  }
  return closed;
}
