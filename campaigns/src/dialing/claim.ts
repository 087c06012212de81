/**
 * The dial-time check and claim, in one transaction. Everything that can change while a job waits
 * (campaign state, do-not-call, consent, windows, caps) is read here, so a late change always wins.
 * The claim itself is `queued -> dialing` with a fresh run token; the unique partial index on
 * dialing attempts per patient makes a second simultaneous dial of one patient impossible.
 */
import type pg from 'pg';
import { isAllowedAt, startOfLocalDay } from '../domain/windows.js';
import { transition } from '../db/transitions.js';
import { outboundChannels, type TrunkConfig } from './types.js';
import { closeDial, expireAndReplace, maybeComplete } from './lifecycle.js';
import { CAMPAIGN_COLUMNS, PATIENT_COLUMNS, windowSpecFor, type AttemptRow, type CampaignRow, type FollowUp, type PatientRow } from './rows.js';

export interface ClaimPolicy {
  now: () => Date;
  /** Calls a patient may get per local day, across all campaigns. */
  dailyCapPerPatient: number;
  trunks: Record<string, TrunkConfig>;
  /** Inbound calls in progress on a trunk (the hotline), when the gateway reports them. */
  inboundInUse?: (trunk: string) => number;
  /** How long to wait before re-trying a claim refused for capacity, ms. */
  capacityRetryMs: number;
}

export type Claim =
  | { action: 'dial'; attempt: AttemptRow; campaign: CampaignRow; patient: PatientRow; phone: string }
  | { action: 'closed'; reason: string; followUps: FollowUp[] }
  | { action: 'defer'; reason: string; delayMs: number };

export async function claimAttempt(client: pg.PoolClient, attemptId: string, runToken: string, policy: ClaimPolicy): Promise<Claim> {
  const now = policy.now();
  const a = await client.query<AttemptRow>(
    `SELECT id::text, contact_id::text, campaign_id::text, patient_id::text, seq, state, scheduled_for, window_end_at, run_token, trunk, started_at
     FROM call_attempts WHERE id = $1 FOR UPDATE`, [attemptId]);
  const attempt = a.rows[0];
  if (!attempt) return { action: 'closed', reason: 'attempt_missing', followUps: [] };
  // The campaign row lock serialises claims of one campaign across worker processes (caps, rate).
  const c = await client.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1 FOR NO KEY UPDATE`, [attempt.campaign_id]);
  const campaign = c.rows[0]!;
  const p = await client.query<PatientRow>(`SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.id = $1`, [attempt.patient_id]);
  const patient = p.rows[0]!;

  if (attempt.state === 'dialing') {
    // A run of this job is being re-run: the run that claimed it is gone (stalled: crashed worker).
    // Close it as failed and retry per policy; the same attempt is never dialled twice.
    if (attempt.run_token === runToken) return { action: 'closed', reason: 'already_claimed_by_this_run', followUps: [] };
    const r = await closeDial(client, campaign, attempt, patient.timezone, 'failed', now, 'worker_lost');
    return { action: 'closed', reason: 'worker_lost', followUps: r.followUps };
  }
  if (attempt.state !== 'queued') return { action: 'closed', reason: `attempt_${attempt.state}`, followUps: [] };

  if (campaign.state === 'cancelled' || campaign.state === 'completed') {
    await transition(client, 'attempt', attempt.id, 'queued', 'cancelled', { set: { reason: 'campaign_' + campaign.state } });
    await transition(client, 'contact', attempt.contact_id, ['pending', 'active'], 'cancelled', { set: { state_reason: 'campaign_' + campaign.state } });
    return { action: 'closed', reason: 'campaign_' + campaign.state, followUps: [] };
  }
  if (campaign.state === 'paused' || campaign.state === 'draft') {
    await transition(client, 'attempt', attempt.id, 'queued', 'held', { set: { reason: 'campaign_paused' } });
    return { action: 'closed', reason: 'campaign_paused', followUps: [] };
  }
  const contact = await client.query<{ state: string }>('SELECT state FROM contacts WHERE id = $1', [attempt.contact_id]);
  if (contact.rows[0]?.state !== 'active') {
    await transition(client, 'attempt', attempt.id, 'queued', 'cancelled', { set: { reason: 'contact_closed' } });
    return { action: 'closed', reason: 'contact_closed', followUps: [] };
  }
  if (patient.do_not_call) return closeContact(client, attempt, 'opted_out', 'do_not_call');
  const consentOk = campaign.require_consent ? patient.consent_status === 'granted' : !['refused', 'withdrawn'].includes(patient.consent_status);
  if (!consentOk) return closeContact(client, attempt, 'skipped', 'no_consent');

  const spec = windowSpecFor(campaign, patient.timezone);
  const late = attempt.window_end_at !== null && now.getTime() >= attempt.window_end_at.getTime();
  if (late || !isAllowedAt(now, spec)) {
    const reason = late ? 'window_missed' : 'outside_window';
    return { action: 'closed', reason, followUps: await expireAndReplace(client, campaign, attempt, patient.timezone, reason, now) };
  }

  // Per-patient daily cap across campaigns (calendar day in the patient's zone).
  const dayStart = startOfLocalDay(now, spec.timezone);
  const dialsToday = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM call_attempts WHERE patient_id = $1 AND started_at >= $2', [attempt.patient_id, dayStart]);
  if ((dialsToday.rows[0]?.n ?? 0) >= policy.dailyCapPerPatient) {
    const tomorrow = new Date(dayStart.getTime() + 26 * 3600_000); // past the next local midnight, DST included
    const from = startOfLocalDay(tomorrow, spec.timezone);
    return { action: 'closed', reason: 'daily_cap', followUps: await expireAndReplace(client, campaign, attempt, patient.timezone, 'daily_cap', from) };
  }

  // Campaign concurrency cap.
  const dialing = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 AND state = 'dialing'", [campaign.id]);
  if ((dialing.rows[0]?.n ?? 0) >= campaign.concurrency) return { action: 'defer', reason: 'campaign_concurrency', delayMs: policy.capacityRetryMs };
  // Trunk capacity, minus the share reserved for the inbound hotline (serialised per trunk).
  const trunk = policy.trunks[campaign.trunk];
  if (!trunk) return { action: 'defer', reason: 'unknown_trunk', delayMs: 60_000 };
  await client.query("SELECT pg_advisory_xact_lock(hashtext('tz_trunk:' || $1))", [campaign.trunk]);
  const onTrunk = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM call_attempts WHERE trunk = $1 AND state = 'dialing'", [campaign.trunk]);
  if ((onTrunk.rows[0]?.n ?? 0) >= outboundChannels(trunk, policy.inboundInUse?.(campaign.trunk) ?? 0)) {
    return { action: 'defer', reason: 'trunk_capacity', delayMs: policy.capacityRetryMs };
  }
  // Campaign calls-per-second: one slot every 1/cps seconds, advanced under the row lock.
  const gapMs = 1000 / Number(campaign.calls_per_second);
  const slotAt = campaign.next_dial_slot_at?.getTime() ?? 0;
  if (slotAt > now.getTime()) return { action: 'defer', reason: 'calls_per_second', delayMs: Math.ceil(slotAt - now.getTime()) };
  await client.query('UPDATE campaigns SET next_dial_slot_at = $2 WHERE id = $1', [campaign.id, new Date(now.getTime() + gapMs)]);

  const phone = patient.phones[(attempt.seq - 1) % patient.phones.length]!;
  await client.query('SAVEPOINT claim');
  try {
    const moved = await transition(client, 'attempt', attempt.id, 'queued', 'dialing', { set: { run_token: runToken, started_at: now, phone, trunk: campaign.trunk } });
    if (!moved) return { action: 'closed', reason: 'lost_race', followUps: [] };
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      // This patient is on a call from another campaign right now.
      await client.query('ROLLBACK TO SAVEPOINT claim');
      return { action: 'defer', reason: 'patient_busy', delayMs: 30_000 };
    }
    throw err;
  }
  await client.query('UPDATE contacts SET dials_made = dials_made + 1, updated_at = now() WHERE id = $1', [attempt.contact_id]);
  if (campaign.state === 'scheduled') await transition(client, 'campaign', campaign.id, 'scheduled', 'running');
  return { action: 'dial', attempt: { ...attempt, state: 'dialing', run_token: runToken }, campaign, patient, phone };
}

async function closeContact(client: pg.PoolClient, attempt: AttemptRow, to: 'opted_out' | 'skipped', reason: string): Promise<Claim> {
  await transition(client, 'attempt', attempt.id, 'queued', 'cancelled', { set: { reason } });
  await transition(client, 'contact', attempt.contact_id, 'active', to, { set: { state_reason: reason } });
  await maybeComplete(client, attempt.campaign_id);
  return { action: 'closed', reason, followUps: [] };
}
