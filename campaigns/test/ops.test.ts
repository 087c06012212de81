import { callResult } from '@tingzhen/voice-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimAttempt, recordOutcome, fileLateOutcome, startScheduler, startWorker, withTx, jobIdFor, queueNameFor, DEFAULT_TRUNKS, ANSWERED_OK,
  type ClaimPolicy, type CallOutcome, type Dialer,
} from '../src/index.js';
import { BACKENDS, makeEnv, seed, testClock, waitFor, type TestEnv } from './helpers.js';

const policyAt = (now: () => Date): ClaimPolicy => ({ now, dailyCapPerPatient: 10, trunks: DEFAULT_TRUNKS, capacityRetryMs: 100 });

async function attemptsOf(env: TestEnv, campaignId: string) {
  return (await env.pool.query<{ id: string; state: string; reason: string | null; scheduled_for: Date; seq: number; window_end_at: Date | null }>(
    'SELECT id::text, state, reason, scheduled_for, seq, window_end_at FROM call_attempts a WHERE campaign_id = $1 ORDER BY a.id', [campaignId])).rows;
}

describe.each(BACKENDS)('reconcile, window edits and late results on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'ops'); });
  afterAll(async () => { await env.close(); });

  it('reconcile re-adds a lost job, reaps a stale dial, frees stray slots', async () => {
    const clock = testClock('2025-03-04T03:00:00Z');
    const { campaignId } = await seed(env, 2, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, now: clock.now, reconcileIntervalMs: 0, staleDialMs: 60 * 60_000 });
    try {
      await scheduler.scheduleCampaign(campaignId);
      const [lost, stale] = await attemptsOf(env, campaignId);
      const q = env.conn.queue(queueNameFor('default'));
      // The job of one attempt vanished (e.g. the process died between commit and enqueue).
      await q.remove(jobIdFor(lost!.id));
      expect(await q.getJob(jobIdFor(lost!.id))).toBeFalsy();
      // The other was claimed by a worker that then disappeared without a trace, job and all.
      const claim = await withTx(env.pool, (c) => claimAttempt(c, stale!.id, 'run-gone', policyAt(clock.now)));
      expect(claim.action).toBe('dial');
      await q.remove(jobIdFor(stale!.id));
      expect(await scheduler.reconcile()).toMatchObject({ requeued: 0, reaped: 0, freedSlots: 0 });
      // A stray slot: held by an attempt that is no longer dialing.
      await env.pool.query("INSERT INTO dial_slots (scope, slot, attempt_id) VALUES ('campaign:stray', 0, $1)", [lost!.id]);
      clock.advance(2 * 60 * 60_000);
      const report = await scheduler.reconcile();
      expect(report).toMatchObject({ requeued: 1, reaped: 1, freedSlots: 1 });
      expect(await q.getJob(jobIdFor(lost!.id))).toBeTruthy();
      const rows = await attemptsOf(env, campaignId);
      expect(rows.find((r) => r.id === stale!.id)).toMatchObject({ state: 'failed', reason: 'stale_dial' });
      // The stale call is retried per policy: a fresh queued attempt with its job.
      const retry = rows.find((r) => r.seq === 2)!;
      expect(retry.state).toBe('queued');
      expect(await q.getJob(jobIdFor(retry.id))).toBeTruthy();
      const held = await env.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dial_slots WHERE attempt_id IS NOT NULL');
      expect(held.rows[0]!.n).toBe(0);
    } finally {
      await scheduler.close();
    }
  });

  it('editWindows on a running campaign re-plans queued attempts and their jobs; bad windows are refused', async () => {
    // Tuesday 2025-03-04 10:00Z; campaign and patients in UTC.
    const clock = testClock('2025-03-04T10:00:00Z');
    const { campaignId } = await seed(env, 3);
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, now: clock.now, reconcileIntervalMs: 0 });
    try {
      await scheduler.scheduleCampaign(campaignId);
      // Make it running, as after its first dial.
      await env.pool.query("UPDATE campaigns SET state = 'running' WHERE id = $1", [campaignId]);
      await expect(scheduler.editWindows(campaignId, { windows: { wed: [['12:00', '09:00']] } })).rejects.toMatchObject({ code: 'TZ_ERR_VALIDATION' });
      expect(await scheduler.editWindows(campaignId, { windows: { wed: [['09:00', '11:00']] } })).toBe(3);
      const rows = await attemptsOf(env, campaignId);
      expect(rows.map((r) => [r.state, r.scheduled_for.toISOString(), r.window_end_at?.toISOString()])).toEqual(
        Array(3).fill(['queued', '2025-03-05T09:00:00.000Z', '2025-03-05T11:00:00.000Z']));
      // The jobs moved with them: each now waits about 23 hours.
      const q = env.conn.queue(queueNameFor('default'));
      for (const r of rows) {
        const job = await q.getJob(jobIdFor(r.id));
        expect(job).toBeTruthy();
        const waitMs = job!.timestamp + (job!.opts.delay ?? 0) - Date.now();
        expect(Math.abs(waitMs - 23 * 3600_000)).toBeLessThan(60_000);
      }
      // An end date before the next window ends the contacts.
      expect(await scheduler.editWindows(campaignId, { endDate: '2025-03-04' })).toBe(0);
      const after = await attemptsOf(env, campaignId);
      expect(after.every((r) => r.state === 'cancelled' && r.reason === 'campaign_ended')).toBe(true);
      const contacts = await env.pool.query<{ state: string }>('SELECT state FROM contacts WHERE campaign_id = $1', [campaignId]);
      expect(contacts.rows.every((c) => c.state === 'exhausted')).toBe(true);
    } finally {
      await scheduler.close();
    }
  });

  it('a result that arrives after a re-run closed the call as worker_lost is filed, flagged for a nurse, and stops the retry', async () => {
    const { campaignId, patientIds } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    await scheduler.close();
    const [first] = await attemptsOf(env, campaignId);
    const policy = policyAt(() => new Date());
    // Run A claims and is mid-call; its lock expires and run B (the re-run) closes the attempt as lost.
    const a = await withTx(env.pool, (c) => claimAttempt(c, first!.id, 'run-A', policy));
    if (a.action !== 'dial') throw new Error('expected a dial');
    const b = await withTx(env.pool, (c) => claimAttempt(c, first!.id, 'run-B', policy));
    expect(b).toMatchObject({ action: 'closed', reason: 'worker_lost' });
    expect((await attemptsOf(env, campaignId)).map((r) => r.state)).toEqual(['failed', 'queued']);

    // Run A's call ends: answered, with a red flag. It must not be lost.
    const outcome: CallOutcome = { kind: 'answered', amd: 'human', result: { ...(ANSWERED_OK.kind === 'answered' ? ANSWERED_OK.result : callResult()), redFlags: ['fever'] } };
    const filed = await withTx(env.pool, (c) => recordOutcome(c, a.campaign, a.attempt, a.patient, outcome, new Date()));
    expect(filed).toMatchObject({ closed: false, late: true });
    const results = await env.pool.query<{ attempt_id: string; late: boolean; red_flags: string[] }>('SELECT attempt_id::text, late, red_flags FROM call_results WHERE campaign_id = $1', [campaignId]);
    expect(results.rows).toEqual([{ attempt_id: first!.id, late: true, red_flags: ['fever'] }]);
    const esc = await env.pool.query<{ reason: string; priority: number; patient_id: string }>('SELECT reason, priority, patient_id::text FROM escalations WHERE campaign_id = $1', [campaignId]);
    expect(esc.rows).toEqual([{ reason: 'late_result', priority: 1, patient_id: patientIds[0] }]);
    // The retry the close had planned is cancelled: the patient was reached.
    expect((await attemptsOf(env, campaignId)).map((r) => [r.state, r.reason])).toEqual([['failed', 'worker_lost'], ['cancelled', 'late_result']]);
    const contact = await env.pool.query<{ state: string }>('SELECT state FROM contacts WHERE campaign_id = $1', [campaignId]);
    expect(contact.rows[0]!.state).toBe('completed');
    const ev = await env.pool.query<{ data: Record<string, unknown> }>("SELECT data FROM call_events WHERE entity = 'attempt' AND entity_id = $1 AND kind = 'late_outcome'", [first!.id]);
    expect(ev.rows.map((r) => r.data)).toEqual([{ outcome: 'answered', closedAs: 'failed', closedReason: 'worker_lost' }]);

    // Filing again (the journaled re-run) changes nothing; another run's token files nothing.
    await withTx(env.pool, (c) => fileLateOutcome(c, a.campaign, first!.id, 'run-A', a.patient, outcome));
    await withTx(env.pool, (c) => fileLateOutcome(c, a.campaign, first!.id, 'run-X', a.patient, outcome));
    expect((await env.pool.query('SELECT 1 FROM call_results WHERE campaign_id = $1', [campaignId])).rowCount).toBe(1);
    expect((await env.pool.query('SELECT 1 FROM escalations WHERE campaign_id = $1', [campaignId])).rowCount).toBe(1);
  });

  it('through the worker: a call that outlives its claim is filed late when it ends, nothing lost', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    await scheduler.close();
    const [first] = await attemptsOf(env, campaignId);
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const calls: string[] = [];
    // The first call hangs until the test has played the re-run that declares its worker lost.
    // (Jobs left by the earlier tests of this file run too: only this campaign's calls are counted.)
    const dialer: Dialer = { dial: async (req) => { if (req.campaignId === campaignId) calls.push(req.attemptId); if (req.attemptId === first!.id) await gate; return ANSWERED_OK; } };
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 10, concurrency: 1 });
    try {
      await waitFor(async () => calls.length === 1);
      const b = await withTx(env.pool, (c) => claimAttempt(c, first!.id, 'the-re-run', policyAt(() => new Date())));
      expect(b).toMatchObject({ action: 'closed', reason: 'worker_lost' });
      release();
      await waitFor(async () => (await env.pool.query('SELECT 1 FROM call_results WHERE attempt_id = $1', [first!.id])).rowCount === 1);
      await waitFor(async () => (await env.pool.query("SELECT 1 FROM campaigns WHERE id = $1 AND state = 'completed'", [campaignId])).rowCount === 1);
    } finally {
      await worker.close();
    }
    // The retry planned by the worker_lost close was cancelled before anyone dialled it.
    expect(calls).toEqual([first!.id]);
    expect((await attemptsOf(env, campaignId)).map((r) => [r.state, r.reason])).toEqual([['failed', 'worker_lost'], ['cancelled', 'late_result']]);
    const esc = await env.pool.query<{ reason: string }>('SELECT reason FROM escalations WHERE campaign_id = $1', [campaignId]);
    expect(esc.rows).toEqual([{ reason: 'late_result' }]);
  });
});
