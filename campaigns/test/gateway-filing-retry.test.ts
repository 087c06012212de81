/**
 * A call that ends while PostgreSQL is away (restarting) is still filed by its gateway: the gateway
 * is the only one holding the outcome (the worker was answered 'accepted'), so the filing is tried
 * again until the database is back. Before, one refused connection lost the outcome: the lease
 * then lapsed, the sweep closed the attempt as lost and the patient, who had answered every
 * question, was rung again (crash matrix, PostgreSQL restart).
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callResult, type CallOutcome } from '@tingzhen/voice-core';
import { fileFromGateway, transition, withTx } from '../src/index.js';
import { isTransientDbError } from '../src/dialing/gateway-filing.js';
import { makeEnv, seed, type TestEnv } from './helpers.js';

const answered: CallOutcome = { kind: 'answered', amd: 'human', result: callResult({ answers: { wound: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' } }, outcome: 'completed', durationMs: 20_000 }) };
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** The pool, except that its next `failures` connections are refused (the server is restarting). */
function flakyPool(pool: pg.Pool, failures: number): { pool: pg.Pool; refusedSoFar: () => number } {
  let refusedSoFar = 0;
  const p = new Proxy(pool, {
    get(target, key) {
      if (key === 'connect') {
        return () => {
          if (refusedSoFar < failures) { refusedSoFar++; return Promise.reject(refused()); }
          return target.connect();
        };
      }
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { pool: p, refusedSoFar: () => refusedSoFar };
}

async function dialingAttempt(env: TestEnv): Promise<{ campaignId: string; attemptId: string }> {
  const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
  const contactId = (await env.pool.query<{ id: string; patient_id: string }>('SELECT id::text, patient_id::text FROM contacts WHERE campaign_id = $1', [campaignId])).rows[0]!;
  return withTx(env.pool, async (c) => {
    await transition(c, 'contact', contactId.id, 'pending', 'active');
    const a = await c.query<{ id: string }>(`INSERT INTO call_attempts (contact_id, campaign_id, patient_id, seq, scheduled_for, trunk) VALUES ($1, $2, $3, 1, now(), 'default') RETURNING id::text`,
      [contactId.id, campaignId, contactId.patient_id]);
    const attemptId = a.rows[0]!.id;
    await c.query("UPDATE call_attempts SET state = 'dialing', run_token = 'run-1', started_at = now(), phone = '+8613800000000' WHERE id = $1", [attemptId]);
    return { campaignId, attemptId };
  });
}

describe('gateway filing while the database is away', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'gwretry'); });
  afterAll(async () => { await env.close(); });

  it('tries again until the database answers, then files the call once', async () => {
    const { attemptId } = await dialingAttempt(env);
    const flaky = flakyPool(env.pool, 3);
    const filed = await fileFromGateway(flaky.pool, env.conn, attemptId, answered, undefined, { retryForMs: 30_000 });
    expect(flaky.refusedSoFar()).toBe(3);
    expect(filed).toBe('filed');
    const a = await env.pool.query<{ state: string }>('SELECT state FROM call_attempts WHERE id = $1', [attemptId]);
    expect(a.rows[0]!.state).toBe('answered');
    const r = await env.pool.query('SELECT answers FROM call_results WHERE attempt_id = $1', [attemptId]);
    expect(r.rows).toEqual([{ answers: { wound: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' } } }]);
  }, 30_000);

  it('gives up after retryForMs, and never retries an error about the call itself', async () => {
    const { attemptId } = await dialingAttempt(env);
    await expect(fileFromGateway(flakyPool(env.pool, 1000).pool, env.conn, attemptId, answered, undefined, { retryForMs: 1200 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await env.pool.query<{ state: string }>('SELECT state FROM call_attempts WHERE id = $1', [attemptId])).rows[0]!.state).toBe('dialing');
    expect(isTransientDbError(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isTransientDbError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isTransientDbError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });
});
