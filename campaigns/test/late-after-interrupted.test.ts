/**
 * A call closed as lost while it was in fact still up (its gateway's lease renewals came late, as
 * on an overloaded machine) is first filed from its checkpoint as interrupted; when the gateway
 * then files the whole call, that result replaces the interrupted one. Before, the late filing
 * found a result for the attempt and kept the partial one: the patient's later answers were lost
 * (crash matrix, 300 patients, gateway killed on a busy machine: 15 patients so filed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callResult, type CallOutcome, type CallReport } from '@tingzhen/voice-core';
import { fileFromGateway, startScheduler, transition, withTx } from '../src/index.js';
import { makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const checkpoint: CallReport = {
  callId: 'c1', endReason: 'completed', outcome: null, durationMs: 8000, turns: [], bargeIns: [], underruns: 0, events: [], test: false,
  transcript: [{ speaker: 'bot', text: '方便吗？', startMs: 0, endMs: 2000 }, { speaker: 'caller', text: '1', startMs: 2500, endMs: 2500, via: 'dtmf' }],
  result: {
    scriptId: 'appointment-reminder', scriptVersion: 1, scriptHash: 'h', lang: 'zh', saved: {}, disposition: null, redFlags: [], department: null, tags: [], outcome: null, doNotCall: false,
    answers: { consent: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } },
  },
};
const whole: CallOutcome = {
  kind: 'answered', amd: 'uncertain', result: callResult({
    answers: { consent: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' }, attend: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } },
    outcome: 'completed', hangupReason: 'completed', durationMs: 21_000,
  }),
};

describe('a late filing after an interrupted one', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'lateint'); });
  afterAll(async () => { await env.close(); });

  it('replaces the result filed from the checkpoint with the whole call, and rings nobody again', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const contact = (await env.pool.query<{ id: string; patient_id: string }>('SELECT id::text, patient_id::text FROM contacts WHERE campaign_id = $1', [campaignId])).rows[0]!;
    const attemptId = await withTx(env.pool, async (c) => {
      await transition(c, 'contact', contact.id, 'pending', 'active');
      const a = await c.query<{ id: string }>(`INSERT INTO call_attempts (contact_id, campaign_id, patient_id, seq, scheduled_for, trunk) VALUES ($1, $2, $3, 1, now(), 'default') RETURNING id::text`,
        [contact.id, campaignId, contact.patient_id]);
      // Dialing, its lease already lapsed (renewals late), one answer checkpointed.
      await c.query("UPDATE call_attempts SET state = 'dialing', run_token = 'run-1', started_at = now(), phone = '+8613800000000', lease_until = now() - interval '1 second', lease_holder = 'gw' WHERE id = $1", [a.rows[0]!.id]);
      await c.query("INSERT INTO call_checkpoints (call_key, attempt_id, report, holder, updated_at) VALUES ($1, $2, $3, 'gw', now())", [`attempt:${a.rows[0]!.id}`, a.rows[0]!.id, JSON.stringify({ ...checkpoint, attemptId: a.rows[0]!.id })]);
      return a.rows[0]!.id;
    });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 200 });
    try {
      await waitFor(async () => (await env.pool.query("SELECT 1 FROM call_results WHERE attempt_id = $1 AND interrupted", [attemptId])).rowCount, 10_000);
    } finally {
      await scheduler.close();
    }
    expect(await fileFromGateway(env.pool, env.conn, attemptId, whole)).toBe('filed-late');
    const r = await env.pool.query<{ answers: Record<string, unknown>; hangup_reason: string; interrupted: boolean; late: boolean }>(
      'SELECT answers, hangup_reason, interrupted, late FROM call_results WHERE attempt_id = $1', [attemptId]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ hangup_reason: 'completed', interrupted: false, late: true });
    expect(Object.keys(r.rows[0]!.answers).sort()).toEqual(['attend', 'consent']);
    const a = await env.pool.query<{ state: string; reason: string }>('SELECT state, reason FROM call_attempts WHERE contact_id = $1 ORDER BY id', [contact.id]);
    expect(a.rows).toEqual([{ state: 'failed', reason: 'stale_dial' }, { state: 'cancelled', reason: 'late_result' }]);
    expect((await env.pool.query<{ state: string }>('SELECT state FROM contacts WHERE id = $1', [contact.id])).rows[0]!.state).toBe('completed');
  }, 30_000);
});
