/**
 * What happens to a contact after each attempt: the retry policy, replacements for expired
 * attempts, and campaign completion. All functions run inside the caller's transaction and return
 * the jobs to enqueue after commit.
 */
import type pg from 'pg';
import { prepared } from '../db/prepared.js';
import { nextSlot } from '../domain/windows.js';
import { RETRYABLE_OUTCOMES, type RetryableOutcome } from '../domain/states.js';
import { afterCommit, recordCreated, transition, readCounters } from '../db/transitions.js';
import { withTx } from '../db/pool.js';
import { createLogger } from '@tingzhen/voice-core';
import { windowSpecFor, type AttemptRow, type CampaignRow, type FollowUp } from './rows.js';
import type { ContactEnd } from './call-effects.js';

const log = createLogger({ name: 'campaigns.lifecycle' });

/** Default business retry delays, minutes, when a campaign leaves one out. */
export const DEFAULT_RETRY_DELAYS_MINUTES: Record<RetryableOutcome, number> = { no_answer: 120, busy: 30, failed: 60, voicemail: 240 };

/** Carrier-side failures a contact may have before they count as dials. */
export const CARRIER_FAULT_LIMIT = 5;
/**
 * Retry after a carrier-side failure: this many minutes, doubled for each of the contact's carrier
 * faults so far, +-20 % jitter (so a trunk's recovery is not met by every contact at once), at most
 * the campaign's failed-dial delay.
 */
export const CARRIER_RETRY_MINUTES = 2;

export interface NewAttempt {
  contactId: string;
  patientId: string;
  seq: number;
  at: Date;
  windowEnd: Date;
}

/** Inserts queued attempts in one statement; returns their ids in input order. */
export async function insertAttempts(db: pg.ClientBase, campaign: CampaignRow, items: readonly NewAttempt[]): Promise<string[]> {
  if (items.length === 0) return [];
  const res = await db.query<{ id: string }>(
    `INSERT INTO call_attempts (contact_id, campaign_id, patient_id, seq, scheduled_for, window_end_at, trunk)
     SELECT contact_id, $1, patient_id, seq, at, wend, $2
     FROM unnest($3::bigint[], $4::bigint[], $5::int[], $6::timestamptz[], $7::timestamptz[]) WITH ORDINALITY
       AS u(contact_id, patient_id, seq, at, wend, ord)
     ORDER BY ord RETURNING id::text`,
    [campaign.id, campaign.trunk, items.map((i) => i.contactId), items.map((i) => i.patientId), items.map((i) => i.seq),
      items.map((i) => i.at), items.map((i) => i.windowEnd)],
  );
  const ids = res.rows.map((r) => r.id);
  await recordCreated(db, 'attempt', ids, campaign.id, 'queued');
  return ids;
}

/**
 * Plans the next attempt of a contact at the first allowed moment at or after `from`. When the
 * campaign's dates leave no window, the contact ends as exhausted.
 */
export async function planNext(db: pg.ClientBase, campaign: CampaignRow, contactId: string, patientId: string, patientTz: string | null, seq: number, from: Date): Promise<FollowUp[]> {
  const slot = nextSlot(from, windowSpecFor(campaign, patientTz));
  if (!slot) {
    await transition(db, 'contact', contactId, 'active', 'exhausted', { set: { state_reason: 'campaign_ended' } });
    await maybeComplete(db, campaign.id);
    return [];
  }
  const [id] = await insertAttempts(db, campaign, [{ contactId, patientId, seq, at: slot.at, windowEnd: slot.windowEnd }]);
  return [{ attemptId: id!, campaignId: campaign.id, trunk: campaign.trunk, runAt: slot.at }];
}

/** An attempt that may not dial now (window closed, daily cap, queue failure) expires and is replaced. */
export async function expireAndReplace(db: pg.ClientBase, campaign: CampaignRow, attempt: AttemptRow, patientTz: string | null, reason: string, from: Date): Promise<FollowUp[]> {
  const moved = await transition(db, 'attempt', attempt.id, 'queued', 'expired', { set: { reason, ended_at: new Date() }, data: { reason } });
  if (!moved) return [];
  return planNext(db, campaign, attempt.contact_id, attempt.patient_id, patientTz, attempt.seq + 1, from);
}

export type DialEnd = 'answered' | 'opted_out' | RetryableOutcome | 'rejected';

/**
 * Closes a dialing attempt with its outcome and applies the business retry policy: a new attempt
 * row for no-answer, busy, failed and voicemail while dials remain; a terminal contact otherwise.
 */
export async function closeDial(db: pg.ClientBase, campaign: CampaignRow, attempt: AttemptRow, patientTz: string | null, end: DialEnd, now: Date, reason?: string, opts: { carrierFault?: boolean; contact?: ContactEnd } = {}): Promise<{ closed: boolean; followUps: FollowUp[] }> {
  const state = end === 'opted_out' ? 'answered' : end;
  const carrier = end === 'failed' && opts.carrierFault === true;
  const moved = await transition(db, 'attempt', attempt.id, 'dialing', state, { set: { ended_at: now, reason: reason ?? null }, data: { ...(reason ? { reason } : {}), ...(carrier ? { carrierFault: true } : {}) } });
  if (!moved) return { closed: false, followUps: [] };
  if (carrier) {
    // The carrier (or our side) failed, not the patient: retry soon without counting a dial, up
    // to CARRIER_FAULT_LIMIT times per contact; after that it counts like any failed dial.
    const f = await db.query<{ carrier_faults: number; state: string }>(prepared(
      'UPDATE contacts SET carrier_faults = carrier_faults + 1, last_outcome = $2, updated_at = now() WHERE id = $1 RETURNING carrier_faults, state', [attempt.contact_id, 'failed']));
    const row = f.rows[0];
    if (!row || row.state !== 'active') return { closed: true, followUps: [] };
    if (row.carrier_faults <= CARRIER_FAULT_LIMIT) {
      // Never later than the campaign's own retry after a failed dial.
      const failedDelay = campaign.retry_delays_minutes.failed ?? DEFAULT_RETRY_DELAYS_MINUTES.failed;
      const backoffMin = Math.min(CARRIER_RETRY_MINUTES * 2 ** (row.carrier_faults - 1), failedDelay) * (0.8 + 0.4 * Math.random());
      const from = new Date(now.getTime() + backoffMin * 60_000);
      return { closed: true, followUps: await planNext(db, campaign, attempt.contact_id, attempt.patient_id, patientTz, attempt.seq + 1, from) };
    }
  }
  // A dial is counted when it ends (whatever ended it), so the claim writes one row fewer.
  const c = await db.query<{ dials_made: number; state: string }>(prepared(
    'UPDATE contacts SET last_outcome = $2, dials_made = dials_made + 1, updated_at = now() WHERE id = $1 RETURNING dials_made, state', [attempt.contact_id, state]));
  const contact = c.rows[0];
  if (!contact || contact.state !== 'active') return { closed: true, followUps: [] };
  if (opts.contact?.kind === 'call-again') {
    // The patient asked to be called again at a time: the next attempt is planned then (within
    // the calling windows), whatever the dial count, since this call reached them.
    return { closed: true, followUps: await planNext(db, campaign, attempt.contact_id, attempt.patient_id, patientTz, attempt.seq + 1, opts.contact.at) };
  }
  if (end === 'answered' || end === 'opted_out' || end === 'rejected') {
    const to = opts.contact?.to ?? (end === 'answered' ? 'completed' : end === 'opted_out' ? 'opted_out' : 'unreachable');
    await transition(db, 'contact', attempt.contact_id, 'active', to, { set: { state_reason: opts.contact?.reason ?? reason ?? end } });
    await maybeComplete(db, campaign.id);
    return { closed: true, followUps: [] };
  }
  if (contact.dials_made >= campaign.max_attempts) {
    await transition(db, 'contact', attempt.contact_id, 'active', 'exhausted', { set: { state_reason: 'max_attempts' } });
    await maybeComplete(db, campaign.id);
    return { closed: true, followUps: [] };
  }
  const delayMin = campaign.retry_delays_minutes[end] ?? DEFAULT_RETRY_DELAYS_MINUTES[end];
  const from = new Date(now.getTime() + delayMin * 60_000);
  return { closed: true, followUps: await planNext(db, campaign, attempt.contact_id, attempt.patient_id, patientTz, attempt.seq + 1, from) };
}

export function isRetryable(s: string): s is RetryableOutcome {
  return (RETRYABLE_OUTCOMES as readonly string[]).includes(s);
}

/**
 * Completes a campaign once no contact is pending or active (read from the counters, no scan).
 * Inside withTx the check runs after commit: counters are sharded and written at commit, so only
 * then does the last closer of a campaign see every other closer's deltas.
 */
export async function maybeComplete(db: pg.ClientBase, campaignId: string): Promise<boolean> {
  if (afterCommit(db, `complete:${campaignId}`, async (pool) => {
    try {
      // Read first without a transaction: almost always some contact is still live.
      if (await hasLiveContacts(pool, campaignId)) return;
      await withTx(pool, (c) => completeIfDone(c, campaignId));
    } catch (err) {
      // The work it follows is committed; the scheduler's reconcile pass completes the campaign.
      log.warn({ err, campaignId }, 'completion check failed');
    }
  })) return false;
  return completeIfDone(db, campaignId);
}

async function hasLiveContacts(db: pg.ClientBase | pg.Pool, campaignId: string): Promise<boolean> {
  const counters = await readCounters(db, campaignId, ['contact.pending', 'contact.active']);
  return (counters['contact.pending'] ?? 0) > 0 || (counters['contact.active'] ?? 0) > 0;
}

export async function completeIfDone(db: pg.ClientBase, campaignId: string): Promise<boolean> {
  if (await hasLiveContacts(db, campaignId)) return false;
  const moved = await transition(db, 'campaign', campaignId, ['scheduled', 'running'], 'completed');
  return moved !== null;
}
