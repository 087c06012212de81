/**
 * The dial-time check and claim, in one transaction. Everything that can change while a job waits
 * (campaign state, do-not-call, consent, windows, caps) is read here, so a late change always wins.
 * The claim itself is `queued -> dialing` with a fresh run token; the unique partial index on
 * dialing attempts per patient makes a second simultaneous dial of one patient impossible.
 * The calls-per-second guard (takeRateSlot) runs before this transaction, in its own statement.
 */
import type pg from 'pg';
import { prepared } from '../db/prepared.js';
import { isAllowedAt, startOfLocalDay } from '../domain/windows.js';
import { transition } from '../db/transitions.js';
import { outboundChannels, type TrunkConfig } from './types.js';
import { closeDial, expireAndReplace, maybeComplete } from './lifecycle.js';
import { gatewayFaultSql } from './gateway-breaker.js';
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
  /** How long to wait when the patient is on a call from another campaign, ms (default 30 s). */
  patientBusyRetryMs?: number;
  /**
   * The claim itself takes a lease this long, ms, for a dialer whose gateway holds (and renews)
   * the call's lease once it places it: a worker that dies between its claim and the gateway's
   * hold leaves a lease that lapses, so the lease sweep frees the attempt within seconds instead
   * of the call waiting for bullmq's stalled-job check. Unset: no lease at claim (in-process dialers).
   */
  claimLeaseMs?: number;
}

export type Claim =
  | { action: 'dial'; attempt: AttemptRow; campaign: CampaignRow; patient: PatientRow; phone: string }
  | { action: 'closed'; reason: string; followUps: FollowUp[] }
  | { action: 'defer'; reason: string; delayMs: number };

/**
 * The one read of a claim: the attempt (locked: racing claims of one attempt queue here), its
 * contact, campaign and patient, whether the patient is on a call right now, and the patient's
 * dials since local midnight (in the zone the windows use: the patient's when the campaign follows
 * patient zones, else the hospital's), for the daily cap across campaigns. Attempts that failed on
 * our side before reaching the carrier (gateway unreachable, draining, restarting) rang nobody and
 * are not counted: a gateway restart must not push its patients to tomorrow.
 */
const CLAIM_SELECT = `SELECT a.id::text, a.contact_id::text, a.campaign_id::text, a.patient_id::text, a.seq, a.state, a.scheduled_for, a.window_end_at,
    a.run_token, a.trunk, a.started_at, a.lease_until, ct.state AS contact_state,
    row_to_json(camp) AS campaign, row_to_json(pat) AS patient,
    EXISTS (SELECT 1 FROM call_attempts d WHERE d.patient_id = a.patient_id AND d.state = 'dialing') AS patient_busy,
    (SELECT count(*)::int FROM call_attempts d WHERE d.patient_id = a.patient_id
       AND d.started_at >= (date_trunc('day', $2::timestamptz AT TIME ZONE z.tz) AT TIME ZONE z.tz) AND NOT ${gatewayFaultSql('d')}) AS dials_today
  FROM call_attempts a
  JOIN contacts ct ON ct.id = a.contact_id
  CROSS JOIN LATERAL (SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = a.campaign_id) camp
  CROSS JOIN LATERAL (SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.id = a.patient_id) pat
  CROSS JOIN LATERAL (SELECT CASE WHEN camp.windows_follow_patient_timezone AND pat.timezone IS NOT NULL THEN pat.timezone ELSE camp.timezone END AS tz) z
  WHERE a.id = $1 FOR UPDATE OF a`;

type ClaimRow = AttemptRow & { contact_state: string; campaign: Record<string, unknown>; patient: Record<string, unknown>; patient_busy: boolean; dials_today: number };

/** row_to_json gives timestamps as strings: they become Dates again. */
const date = (v: unknown): Date | null => (typeof v === 'string' ? new Date(v) : null);
function reviveCampaign(j: Record<string, unknown>): CampaignRow {
  return { ...(j as unknown as CampaignRow), next_dial_slot_at: date(j.next_dial_slot_at), created_at: date(j.created_at)!, updated_at: date(j.updated_at)! };
}
function revivePatient(j: Record<string, unknown>): PatientRow {
  return { ...(j as unknown as PatientRow), consent_at: date(j.consent_at), do_not_call_at: date(j.do_not_call_at), created_at: date(j.created_at)!, updated_at: date(j.updated_at)! };
}

/**
 * The campaign's calls-per-second guard: one dial slot every 1/cps seconds. Taken in its own short
 * statement (autocommit, before the claim transaction) so claims never queue on the campaign row;
 * the `WHERE next_dial_slot_at <= now` is re-checked on the latest row version, so two claimers
 * never get one slot. A slot taken by a claim that then defers or closes is simply unused.
 */
export async function takeRateSlot(db: pg.Pool | pg.ClientBase, campaignId: string, now: Date): Promise<{ ok: true } | { ok: false; delayMs: number }> {
  const r = await db.query(prepared(
    `UPDATE campaigns SET next_dial_slot_at = $2::timestamptz + (1000.0 / calls_per_second) * interval '1 millisecond'
     WHERE id = $1 AND (next_dial_slot_at IS NULL OR next_dial_slot_at <= $2::timestamptz)`, [campaignId, now]));
  if (r.rowCount === 1) return { ok: true };
  const n = await db.query<{ next_dial_slot_at: Date | null }>('SELECT next_dial_slot_at FROM campaigns WHERE id = $1', [campaignId]);
  const at = n.rows[0]?.next_dial_slot_at?.getTime() ?? now.getTime();
  return { ok: false, delayMs: Math.max(1, Math.ceil(at - now.getTime())) };
}

/**
 * Takes one free campaign slot and one free trunk slot for the attempt, in one statement, or none.
 * Slots are rows claimed FOR UPDATE SKIP LOCKED, so concurrent claimers never wait for each other;
 * the release is a trigger on the attempt leaving 'dialing'. Slot rows are created on first need.
 */
async function takeDialSlots(client: pg.ClientBase, attemptId: string, campaignScope: string, campaignCap: number, trunkScope: string, trunkCap: number, now: Date): Promise<'ok' | 'campaign_concurrency' | 'trunk_capacity'> {
  for (let round = 0; round < 2; round++) {
    const r = await client.query<{ c: number; t: number }>(prepared(
      `WITH cs AS (SELECT scope, slot FROM dial_slots WHERE scope = $2 AND slot < $3 AND attempt_id IS NULL LIMIT 1 FOR UPDATE SKIP LOCKED),
            ts AS (SELECT scope, slot FROM dial_slots WHERE scope = $4 AND slot < $5 AND attempt_id IS NULL LIMIT 1 FOR UPDATE SKIP LOCKED),
            up AS (UPDATE dial_slots d SET attempt_id = $1, taken_at = $6 FROM (SELECT * FROM cs UNION ALL SELECT * FROM ts) f
                   WHERE d.scope = f.scope AND d.slot = f.slot AND (SELECT count(*) FROM cs) = 1 AND (SELECT count(*) FROM ts) = 1 RETURNING 1)
       SELECT (SELECT count(*) FROM cs)::int AS c, (SELECT count(*) FROM ts)::int AS t, (SELECT count(*) FROM up)::int AS u`,
      [attemptId, campaignScope, campaignCap, trunkScope, trunkCap, now]));
    const { c, t } = r.rows[0]!;
    if (c === 1 && t === 1) return 'ok';
    // A scope whose top slot row is missing has never been sized to this cap: create its rows and retry.
    const created = await client.query(
      `INSERT INTO dial_slots (scope, slot) SELECT s.scope, g FROM (VALUES ($1::text, $2::int), ($3::text, $4::int)) AS s(scope, cap)
         CROSS JOIN LATERAL generate_series(0, s.cap - 1) g
       WHERE s.cap > 0 AND NOT EXISTS (SELECT 1 FROM dial_slots x WHERE x.scope = s.scope AND x.slot = s.cap - 1)
       ON CONFLICT DO NOTHING`, [campaignScope, c === 1 ? 0 : campaignCap, trunkScope, t === 1 ? 0 : trunkCap]);
    if (round === 1 || (created.rowCount ?? 0) === 0) return c === 1 ? 'trunk_capacity' : 'campaign_concurrency';
  }
  return 'campaign_concurrency';
}

export async function claimAttempt(client: pg.PoolClient, attemptId: string, runToken: string, policy: ClaimPolicy): Promise<Claim> {
  const now = policy.now();
  // The campaign row is not locked: its state is re-read here, and a pause that commits after this
  // claim finds the attempt dialing and leaves the call to finish.
  const a = await client.query<ClaimRow>(prepared(CLAIM_SELECT, [attemptId, now]));
  const row = a.rows[0];
  if (!row) return { action: 'closed', reason: 'attempt_missing', followUps: [] };
  const { contact_state: contactState, campaign: cj, patient: pj, patient_busy: patientBusy, dials_today: dialsToday, ...attempt } = row;
  const campaign = reviveCampaign(cj);
  const patient = revivePatient(pj);

  if (attempt.state === 'dialing') {
    // A run of this job is being re-run: the run that claimed it is gone (stalled: crashed worker).
    // Close it as failed and retry per policy; the same attempt is never dialled twice.
    if (attempt.run_token === runToken) return { action: 'closed', reason: 'already_claimed_by_this_run', followUps: [] };
    // The gateway that carries the call still holds its lease: the call goes on and that gateway
    // files it. Closing it here would ring the patient again after an answered call.
    if (attempt.lease_until && attempt.lease_until.getTime() > now.getTime()) return { action: 'closed', reason: 'held_by_gateway', followUps: [] };
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
  if (contactState !== 'active') {
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
  if (dialsToday >= policy.dailyCapPerPatient) {
    const dayStart = startOfLocalDay(now, spec.timezone);
    const tomorrow = new Date(dayStart.getTime() + 26 * 3600_000); // past the next local midnight, DST included
    const from = startOfLocalDay(tomorrow, spec.timezone);
    return { action: 'closed', reason: 'daily_cap', followUps: await expireAndReplace(client, campaign, attempt, patient.timezone, 'daily_cap', from) };
  }
  // On a call from another campaign right now: try again later (the unique index on dialing
  // attempts per patient catches the race this read cannot; the worker defers on it too).
  if (patientBusy) return { action: 'defer', reason: 'patient_busy', delayMs: policy.patientBusyRetryMs ?? 30_000 };
  // The gateway has been failing: wait for the breaker to close instead of burning this attempt.
  const openUntil = campaign.gateway_open_until ? new Date(campaign.gateway_open_until).getTime() : 0;
  if (openUntil > now.getTime()) return { action: 'defer', reason: 'gateway_unreachable', delayMs: openUntil - now.getTime() + Math.round(Math.random() * 1000) };

  // Campaign concurrency and trunk capacity (minus the share reserved for the inbound hotline).
  const trunk = policy.trunks[campaign.trunk];
  if (!trunk) return { action: 'defer', reason: 'unknown_trunk', delayMs: 60_000 };
  const staticCap = outboundChannels(trunk, 0);
  const trunkCap = outboundChannels(trunk, policy.inboundInUse?.(campaign.trunk) ?? 0);
  const slots = await takeDialSlots(client, attempt.id, `campaign:${campaign.id}`, campaign.concurrency, `trunk:${campaign.trunk}`, staticCap, now);
  if (slots !== 'ok') return { action: 'defer', reason: slots, delayMs: policy.capacityRetryMs };
  if (trunkCap < staticCap) {
    // Inbound calls eat into the outbound share right now: count the trunk's taken slots exactly.
    const onTrunk = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM dial_slots WHERE scope = $1 AND attempt_id IS NOT NULL', [`trunk:${campaign.trunk}`]);
    if ((onTrunk.rows[0]?.n ?? 0) > trunkCap) {
      await client.query('UPDATE dial_slots SET attempt_id = NULL, taken_at = NULL WHERE attempt_id = $1', [attempt.id]);
      return { action: 'defer', reason: 'trunk_capacity', delayMs: policy.capacityRetryMs };
    }
  }

  const phone = patient.phones[(attempt.seq - 1) % patient.phones.length]!;
  // A unique violation here (23505: the patient went on a call from another campaign since the read)
  // aborts the transaction; the worker turns it into a patient_busy deferral.
  const lease = policy.claimLeaseMs ? { lease_until: new Date(now.getTime() + policy.claimLeaseMs), lease_holder: 'claim' } : {};
  const moved = await transition(client, 'attempt', attempt.id, 'queued', 'dialing', { set: { run_token: runToken, started_at: now, phone, trunk: campaign.trunk, ...lease } });
  if (!moved) {
    await client.query('UPDATE dial_slots SET attempt_id = NULL, taken_at = NULL WHERE attempt_id = $1', [attempt.id]);
    return { action: 'closed', reason: 'lost_race', followUps: [] };
  }
  if (campaign.state === 'scheduled') await transition(client, 'campaign', campaign.id, 'scheduled', 'running');
  return { action: 'dial', attempt: { ...attempt, state: 'dialing', run_token: runToken }, campaign, patient, phone };
}

async function closeContact(client: pg.PoolClient, attempt: AttemptRow, to: 'opted_out' | 'skipped', reason: string): Promise<Claim> {
  await transition(client, 'attempt', attempt.id, 'queued', 'cancelled', { set: { reason } });
  await transition(client, 'contact', attempt.contact_id, 'active', to, { set: { state_reason: reason } });
  await maybeComplete(client, attempt.campaign_id);
  return { action: 'closed', reason, followUps: [] };
}
