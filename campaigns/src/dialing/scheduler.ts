/**
 * The scheduler: turns a campaign's contacts into delayed dial jobs (one per attempt, delayed to
 * the patient's next allowed moment), and carries out pause, resume, cancel and window edits.
 * It also reconciles: queued attempts whose job went missing get one, and calls left "dialing"
 * far longer than any call can last are closed as failed and retried.
 */
import type pg from 'pg';
import { createLogger, TzError, type Logger } from '@tingzhen/voice-core';
import { withTx } from '../db/pool.js';
import { bulkMove, transition } from '../db/transitions.js';
import { nextSlot, validateWindows, type CallingWindows } from '../domain/windows.js';
import type { QueueConnection } from '../queue/connection.js';
import { enqueueAttempts } from './enqueue.js';
import { closeDial, completeIfDone, insertAttempts, maybeComplete, type NewAttempt } from './lifecycle.js';
import { CAMPAIGN_COLUMNS, jobIdFor, queueNameFor, windowSpecFor, type CampaignRow, type FollowUp } from './rows.js';
import { loadAttemptForFiling } from './gateway-filing.js';
import { recoverStaleHotlineCalls, takeAttemptCheckpoint } from './checkpoints.js';
import { fileInterruptedCall } from './record.js';

export interface StartSchedulerOptions {
  pool: pg.Pool;
  connection: QueueConnection;
  now?: () => Date;
  /** Contacts planned per transaction. */
  batchSize?: number;
  /** Period of the reconcile pass, ms; 0 disables the timer (call reconcile() yourself). */
  reconcileIntervalMs?: number;
  /** A call "dialing" longer than this is considered lost, ms. */
  staleDialMs?: number;
  /** Period of the sweep that closes calls whose gateway lease ran out, ms; 0 disables it. */
  leaseSweepIntervalMs?: number;
  logger?: Logger;
}

export interface WindowEdit {
  windows?: CallingWindows;
  quietDays?: string[];
  endDate?: string | null;
}

export interface ReconcileReport {
  /** Overdue queued attempts whose job was missing and was added again. */
  requeued: number;
  /** Calls left 'dialing' past staleDialMs with no live job, closed as failed (stale_dial). */
  reaped: number;
  /** Dial slots still held by an attempt that is no longer dialing. */
  freedSlots: number;
  /** Campaigns found finished and moved to completed. */
  completed: number;
}

export interface Scheduler {
  /** Plans every pending contact; a draft campaign becomes scheduled. Returns attempts enqueued. */
  scheduleCampaign(campaignId: string): Promise<number>;
  pause(campaignId: string): Promise<void>;
  resume(campaignId: string): Promise<number>;
  cancel(campaignId: string): Promise<void>;
  editWindows(campaignId: string, edit: WindowEdit): Promise<number>;
  reconcile(): Promise<ReconcileReport>;
  close(): Promise<void>;
}

async function loadCampaign(db: pg.ClientBase, id: string, lock = false): Promise<CampaignRow> {
  const r = await db.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1 ${lock ? 'FOR NO KEY UPDATE' : ''}`, [id]);
  if (!r.rows[0]) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'campaign', id });
  return r.rows[0];
}

/** How often expired gateway leases are looked for, ms. */
const LEASE_SWEEP_MS = 5000;

export function startScheduler(opts: StartSchedulerOptions): Scheduler {
  const log = opts.logger ?? createLogger({ name: 'campaigns.scheduler' });
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? 2000;
  const staleDialMs = opts.staleDialMs ?? 30 * 60_000;
  const { pool, connection } = opts;

  /** Slots computed once per timezone per batch: a 100,000-patient campaign has few zones. */
  function planner(campaign: CampaignRow, from: Date) {
    const cache = new Map<string, ReturnType<typeof nextSlot>>();
    return (tz: string | null) => {
      const key = tz ?? '';
      if (!cache.has(key)) cache.set(key, nextSlot(from, windowSpecFor(campaign, tz)));
      return cache.get(key)!;
    };
  }

  async function planPendingBatch(campaignId: string): Promise<FollowUp[] | null> {
    return withTx(pool, async (c) => {
      const campaign = await loadCampaign(c, campaignId);
      if (!['scheduled', 'running'].includes(campaign.state)) return null;
      const rows = await c.query<{ id: string; patient_id: string; timezone: string | null }>(
        `SELECT ct.id::text, ct.patient_id::text, p.timezone FROM contacts ct JOIN patients p ON p.id = ct.patient_id
         WHERE ct.campaign_id = $1 AND ct.state = 'pending' ORDER BY ct.id LIMIT $2 FOR UPDATE OF ct SKIP LOCKED`, [campaignId, batchSize]);
      if (rows.rows.length === 0) return null;
      const slotFor = planner(campaign, now());
      const plan: NewAttempt[] = [];
      const noWindow: string[] = [];
      for (const r of rows.rows) {
        const slot = slotFor(r.timezone);
        if (slot) plan.push({ contactId: r.id, patientId: r.patient_id, seq: 1, at: slot.at, windowEnd: slot.windowEnd });
        else noWindow.push(r.id);
      }
      await bulkMove(c, 'contact', campaignId, 'pending', 'active', { ids: plan.map((p) => p.contactId) });
      if (noWindow.length > 0) await bulkMove(c, 'contact', campaignId, 'pending', 'skipped', { ids: noWindow, set: { state_reason: 'no_window' }, reason: 'no_window' });
      const ids = await insertAttempts(c, campaign, plan);
      if (noWindow.length > 0) await maybeComplete(c, campaignId);
      return ids.map((id, i) => ({ attemptId: id, campaignId, trunk: campaign.trunk, runAt: plan[i]!.at }));
    });
  }

  async function removeJobs(trunk: string, attemptIds: readonly string[]): Promise<void> {
    const q = connection.queue(queueNameFor(trunk));
    for (let i = 0; i < attemptIds.length; i += 200) {
      // Best effort: a job that is running right now stays, and its claim sees the new state.
      await Promise.all(attemptIds.slice(i, i + 200).map((id) => q.remove(jobIdFor(id)).catch(() => 0)));
    }
  }

  /** Re-plans queued or held attempts from now with the campaign's current windows. */
  async function replan(c: pg.PoolClient, campaign: CampaignRow, from: 'queued' | 'held'): Promise<FollowUp[]> {
    const rows = await c.query<{ id: string; timezone: string | null }>(
      `SELECT a.id::text, p.timezone FROM call_attempts a JOIN patients p ON p.id = a.patient_id WHERE a.campaign_id = $1 AND a.state = $2`, [campaign.id, from]);
    const slotFor = planner(campaign, now());
    const out: FollowUp[] = [];
    const ids: string[] = [], ats: Date[] = [], ends: Date[] = [], none: string[] = [];
    for (const r of rows.rows) {
      const slot = slotFor(r.timezone);
      if (!slot) { none.push(r.id); continue; }
      ids.push(r.id); ats.push(slot.at); ends.push(slot.windowEnd);
      out.push({ attemptId: r.id, campaignId: campaign.id, trunk: campaign.trunk, runAt: slot.at });
    }
    await c.query(`UPDATE call_attempts a SET scheduled_for = u.at, window_end_at = u.wend, updated_at = now()
      FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[]) AS u(id, at, wend) WHERE a.id = u.id`, [ids, ats, ends]);
    if (from === 'held') await bulkMove(c, 'attempt', campaign.id, 'held', 'queued', { ids });
    if (none.length > 0) {
      // The campaign's dates leave no window: those contacts are done.
      const contacts = await c.query<{ contact_id: string }>('SELECT contact_id::text FROM call_attempts WHERE id = ANY($1::bigint[])', [none]);
      await bulkMove(c, 'attempt', campaign.id, from, 'cancelled', { ids: none, set: { reason: 'campaign_ended' }, reason: 'campaign_ended' });
      await bulkMove(c, 'contact', campaign.id, 'active', 'exhausted', { ids: contacts.rows.map((r) => r.contact_id), set: { state_reason: 'campaign_ended' } });
      await maybeComplete(c, campaign.id);
    }
    return out;
  }

  /**
   * Lost calls, closed as failed (stale_dial) and retried per policy: a gateway's lease that ran
   * out (its holder died), or, for calls no gateway leases (in-process dialers), dialing longer
   * than staleDialMs with no live job. `leasedOnly`: just the leases (the frequent sweep).
   */
  async function reapLost(leasedOnly: boolean): Promise<number> {
    let reaped = 0;
    const stale = await pool.query<{ id: string; trunk: string; leased: boolean }>(
      `SELECT id::text, trunk, lease_until IS NOT NULL AS leased FROM call_attempts WHERE state = 'dialing'
        AND ((lease_until IS NOT NULL AND lease_until < $2) OR (NOT $3 AND lease_until IS NULL AND started_at < $1)) LIMIT 500`,
      [new Date(now().getTime() - staleDialMs), now(), leasedOnly]);
    for (const s of stale.rows) {
      const job = await connection.queue(queueNameFor(s.trunk)).getJob(jobIdFor(s.id));
      if (!s.leased && job && (await job.getState()) === 'active') continue;
      const f = await withTx(pool, async (c) => {
        const rows = await loadAttemptForFiling(c, s.id);
        if (!rows) return [];
        // Re-read under the row lock: the holder may have renewed the lease since the look-up (the
        // renewal committed while this sweep waited for the lock); a live call is left alone.
        if (s.leased) {
          const live = await c.query<{ live: boolean }>('SELECT lease_until >= $2 AS live FROM call_attempts WHERE id = $1', [s.id, now()]);
          if (live.rows[0]?.live) return [];
        }
        const { attempt: a, campaign, patient } = rows;
        const closed = await closeDial(c, campaign, a, patient.timezone, 'failed', now(), 'stale_dial');
        // What the patient had already said reaches the nurse, marked interrupted.
        const checkpoint = closed.closed ? await takeAttemptCheckpoint(c, a.id) : null;
        if (checkpoint) await fileInterruptedCall(c, campaign, a, patient, checkpoint, now());
        return closed.followUps;
      });
      await enqueueAttempts(connection, f, now());
      reaped++;
    }
    // Hotline calls whose gateway died: filed from their checkpoints.
    const hotline = await recoverStaleHotlineCalls(pool);
    if (hotline > 0) log.warn({ calls: hotline }, 'hotline calls cut by a gateway crash filed as interrupted');
    return reaped;
  }

  async function reconcile(): Promise<ReconcileReport> {
    let requeued = 0;
    let reaped = 0;
    const overdue = await pool.query<{ id: string; campaign_id: string; trunk: string; scheduled_for: Date }>(
      `SELECT id::text, campaign_id::text, trunk, scheduled_for FROM call_attempts
       WHERE state = 'queued' AND scheduled_for < $1 ORDER BY scheduled_for LIMIT 500`, [new Date(now().getTime() - 60_000)]);
    const missing: FollowUp[] = [];
    for (const a of overdue.rows) {
      const job = await connection.queue(queueNameFor(a.trunk)).getJob(jobIdFor(a.id));
      if (!job) missing.push({ attemptId: a.id, campaignId: a.campaign_id, trunk: a.trunk, runAt: now() });
    }
    await enqueueAttempts(connection, missing, now());
    requeued = missing.length;
    reaped = await reapLost(false);
    // Checkpoints of calls filed by a gateway that died before it could remove them.
    await pool.query("DELETE FROM call_checkpoints cp USING call_attempts a WHERE cp.attempt_id = a.id AND a.state <> 'dialing' AND cp.updated_at < $1", [new Date(now().getTime() - 60_000)]);
    // Dial slots are freed by a trigger when their attempt leaves 'dialing'; this heals any that were not.
    const freed = await pool.query(`UPDATE dial_slots s SET attempt_id = NULL, taken_at = NULL FROM call_attempts a
      WHERE s.attempt_id = a.id AND a.state <> 'dialing'`);
    // Completion is checked after each commit; a check lost to a crash in between is made here.
    const live = await pool.query<{ id: string }>("SELECT id::text FROM campaigns WHERE state IN ('scheduled', 'running')");
    let completed = 0;
    for (const c of live.rows) if (await withTx(pool, (cl) => completeIfDone(cl, c.id))) completed++;
    return { requeued, reaped, freedSlots: freed.rowCount ?? 0, completed };
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  if ((opts.reconcileIntervalMs ?? 60_000) > 0) {
    timer = setInterval(() => {
      running = reconcile().catch((err: unknown) => log.error({ err }, 'reconcile failed'));
    }, opts.reconcileIntervalMs ?? 60_000);
    timer.unref();
  }
  // A dead gateway's calls free their dial slots within seconds of its lease running out.
  let leaseTimer: NodeJS.Timeout | undefined;
  let leaseSweep: Promise<unknown> = Promise.resolve();
  if ((opts.leaseSweepIntervalMs ?? LEASE_SWEEP_MS) > 0) {
    leaseTimer = setInterval(() => {
      leaseSweep = reapLost(true).then((n) => { if (n > 0) log.warn({ reaped: n }, 'calls whose gateway stopped holding them closed as lost'); })
        .catch((err: unknown) => log.error({ err }, 'lease sweep failed'));
    }, opts.leaseSweepIntervalMs ?? LEASE_SWEEP_MS);
    leaseTimer.unref();
  }

  return {
    async scheduleCampaign(campaignId) {
      await withTx(pool, async (c) => {
        const campaign = await loadCampaign(c, campaignId, true);
        if (campaign.state === 'draft') await transition(c, 'campaign', campaignId, 'draft', 'scheduled');
        else if (!['scheduled', 'running'].includes(campaign.state)) throw new TzError('TZ_ERR_ILLEGAL_TRANSITION', { machine: 'campaign', from: campaign.state, to: 'scheduled' });
      });
      let total = 0;
      for (;;) {
        const batch = await planPendingBatch(campaignId);
        if (!batch) break;
        await enqueueAttempts(connection, batch, now());
        total += batch.length;
      }
      await withTx(pool, (c) => maybeComplete(c, campaignId));
      return total;
    },
    async pause(campaignId) {
      const { trunk, held } = await withTx(pool, async (c) => {
        const campaign = await loadCampaign(c, campaignId, true);
        const moved = await transition(c, 'campaign', campaignId, ['scheduled', 'running'], 'paused');
        if (!moved) throw new TzError('TZ_ERR_ILLEGAL_TRANSITION', { machine: 'campaign', from: campaign.state, to: 'paused' });
        return { trunk: campaign.trunk, held: await bulkMove(c, 'attempt', campaignId, 'queued', 'held', { set: { reason: 'campaign_paused' }, reason: 'campaign_paused' }) };
      });
      await removeJobs(trunk, held);
    },
    async resume(campaignId) {
      const followUps = await withTx(pool, async (c) => {
        const campaign = await loadCampaign(c, campaignId, true);
        const moved = await transition(c, 'campaign', campaignId, 'paused', 'running');
        if (!moved) throw new TzError('TZ_ERR_ILLEGAL_TRANSITION', { machine: 'campaign', from: campaign.state, to: 'running' });
        return replan(c, { ...campaign, state: 'running' }, 'held');
      });
      await removeJobs(followUps[0]?.trunk ?? 'default', followUps.map((f) => f.attemptId));
      await enqueueAttempts(connection, followUps, now());
      // Contacts added while paused are still pending.
      let more = 0;
      for (;;) { const b = await planPendingBatch(campaignId); if (!b) break; await enqueueAttempts(connection, b, now()); more += b.length; }
      return followUps.length + more;
    },
    async cancel(campaignId) {
      const { trunk, ids } = await withTx(pool, async (c) => {
        const campaign = await loadCampaign(c, campaignId, true);
        const moved = await transition(c, 'campaign', campaignId, ['draft', 'scheduled', 'running', 'paused'], 'cancelled');
        if (!moved) throw new TzError('TZ_ERR_ILLEGAL_TRANSITION', { machine: 'campaign', from: campaign.state, to: 'cancelled' });
        const set = { reason: 'campaign_cancelled' };
        const q = await bulkMove(c, 'attempt', campaignId, 'queued', 'cancelled', { set, reason: set.reason });
        const h = await bulkMove(c, 'attempt', campaignId, 'held', 'cancelled', { set, reason: set.reason });
        await bulkMove(c, 'contact', campaignId, 'pending', 'cancelled', { set: { state_reason: set.reason } });
        await bulkMove(c, 'contact', campaignId, 'active', 'cancelled', { set: { state_reason: set.reason } });
        return { trunk: campaign.trunk, ids: [...q, ...h] };
      });
      await removeJobs(trunk, ids);
    },
    async editWindows(campaignId, edit) {
      if (edit.windows) {
        const problems = validateWindows(edit.windows);
        if (problems.length > 0) throw new TzError('TZ_ERR_VALIDATION', { field: 'windows', problems });
      }
      const followUps = await withTx(pool, async (c) => {
        await loadCampaign(c, campaignId, true);
        await c.query(`UPDATE campaigns SET windows = COALESCE($2, windows), quiet_days = COALESCE($3::date[], quiet_days),
          end_date = CASE WHEN $4::boolean THEN $5::date ELSE end_date END, updated_at = now() WHERE id = $1`,
          [campaignId, edit.windows ? JSON.stringify(edit.windows) : null, edit.quietDays ?? null, edit.endDate !== undefined, edit.endDate ?? null]);
        const campaign = await loadCampaign(c, campaignId);
        return replan(c, campaign, 'queued');
      });
      await removeJobs(followUps[0]?.trunk ?? 'default', followUps.map((f) => f.attemptId));
      await enqueueAttempts(connection, followUps, now());
      return followUps.length;
    },
    reconcile,
    async close() {
      if (timer) clearInterval(timer);
      if (leaseTimer) clearInterval(leaseTimer);
      await running;
      await leaseSweep;
    },
  };
}
