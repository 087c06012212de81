/**
 * Answers are checkpointed during the call (issue "Crash-safe calls"): a campaign call whose
 * gateway died is closed as lost and filed from its checkpoint (the answers kept, marked
 * interrupted, on the worklist, P1 when a red flag had fired); a hotline call whose gateway
 * stopped touching its checkpoint is filed the same way; a call that ends normally leaves none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReport, DialogResult } from '@tingzhen/voice-core';
import { startCheckpointStore, startLeaseKeeper, startScheduler, startWorker, StubDialer, type CallOutcome } from '../src/index.js';
import { makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

function report(over: Partial<CallReport>, result: Partial<DialogResult> = {}): CallReport {
  return {
    callId: 'c1', endReason: 'completed', outcome: null, durationMs: 20_000, turns: [], bargeIns: [], underruns: 0, events: [], test: false,
    transcript: [{ speaker: 'bot', text: '伤口有没有红肿？', startMs: 0, endMs: 2000 }, { speaker: 'caller', text: '1', startMs: 2500, endMs: 2500, via: 'dtmf' }],
    result: {
      scriptId: 'post-op-followup', scriptVersion: 1, scriptHash: 'h', lang: 'zh', saved: {}, disposition: null, redFlags: [], department: null, tags: [], outcome: null, doNotCall: false,
      answers: { wound: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } }, ...result,
    },
    ...over,
  };
}

describe('call checkpoints', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'ckpt'); });
  afterAll(async () => { await env.close(); });

  it('a campaign call whose gateway died: closed as lost, filed from its checkpoint as interrupted, on the worklist', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 300 });
    await scheduler.scheduleCampaign(campaignId);
    const leases = startLeaseKeeper(env.pool, 'dying', { leaseMs: 1500, renewMs: 300 });
    const checkpoints = startCheckpointStore(env.pool, 'dying', { touchMs: 300 });
    let first: string | undefined;
    const dialer = new StubDialer({
      outcome: async (req) => {
        if (first === undefined) {
          first = req.attemptId;
          await leases.hold(req.attemptId);
          // Two answers in, a red flag: then the gateway dies (no more renewals, no filing).
          checkpoints.save(report({ callId: 'sip-1', attemptId: req.attemptId }, { redFlags: ['wound-infection'], disposition: 'D2' }));
          await new Promise((r) => setTimeout(r, 200));
          leases.close();
          checkpoints.close();
          return new Promise<CallOutcome>((resolve) => req.signal.addEventListener('abort', () => resolve({ kind: 'failed', reason: 'call_aborted', carrierFault: true })));
        }
        return { kind: 'no_answer' };
      },
    });
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 10 });
    try {
      const r = await waitFor(async () => (await env.pool.query<{ answers: Record<string, unknown>; hangup_reason: string; red_flags: string[]; transcript: unknown[] }>(
        'SELECT answers, hangup_reason, red_flags, transcript FROM call_results WHERE attempt_id = $1', [first])).rows[0], 20_000);
      expect(r.answers).toEqual({ wound: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } });
      expect(r.hangup_reason).toBe('error');
      expect(r.red_flags).toEqual(['wound-infection']);
      expect(r.transcript).toHaveLength(2);
      const esc = await env.pool.query<{ priority: number; reason: string }>('SELECT priority, reason FROM escalations e JOIN call_results c ON c.id = e.call_result_id WHERE c.attempt_id = $1', [first]);
      expect(esc.rows).toEqual([{ priority: 1, reason: 'red_flag' }]);
      expect((await env.pool.query('SELECT state, reason FROM call_attempts WHERE id = $1', [first])).rows[0]).toEqual({ state: 'failed', reason: 'stale_dial' });
      expect((await env.pool.query('SELECT count(*)::int AS n FROM call_checkpoints')).rows[0].n).toBe(0);
    } finally {
      await worker.close({ force: true });
      await scheduler.close();
    }
  }, 60_000);

  it('a hotline call whose gateway died: filed from its checkpoint as interrupted, on the worklist; a call that ended leaves no checkpoint', async () => {
    const store = startCheckpointStore(env.pool, 'gw', { touchMs: 60_000 });
    store.save(report({ callId: 'hot-ended', callerNumber: '+8613900000000' }));
    store.save(report({ callId: 'hot-lost', callerNumber: '+8613900000001' }));
    await waitFor(async () => (await env.pool.query('SELECT count(*)::int AS n FROM call_checkpoints')).rows[0].n === 2);
    await store.remove({ callId: 'hot-ended' });
    store.close();
    await env.pool.query("UPDATE call_checkpoints SET updated_at = now() - interval '1 minute'");
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 200 });
    try {
      const row = await waitFor(async () => (await env.pool.query<{ id: string; end_reason: string; caller_number: string; answers: Record<string, unknown> }>(
        "SELECT id::text, end_reason, caller_number, answers FROM inbound_calls WHERE call_id = 'hot-lost'")).rows[0], 10_000);
      expect(row).toMatchObject({ end_reason: 'error', caller_number: '+8613900000001', answers: { wound: { type: 'yes-no' } } });
      expect((await env.pool.query('SELECT reason FROM escalations WHERE inbound_call_id = $1', [row.id])).rows).toEqual([{ reason: 'hotline_platform_fault' }]);
      expect((await env.pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE call_id = 'hot-ended'")).rows[0].n).toBe(0);
      expect((await env.pool.query('SELECT count(*)::int AS n FROM call_checkpoints')).rows[0].n).toBe(0);
    } finally {
      await scheduler.close();
    }
  }, 30_000);
});
