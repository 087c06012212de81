/**
 * A patient who opts out on the call, or whose relative says they have died: the call is filed
 * (result, do-not-call with its reason and the call it came from, the audit entry), the contact
 * closes and nobody is called again. Real PostgreSQL; the worker dials through a stub dialer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callResult, type CallOutcome } from '@tingzhen/voice-core';
import { campaignProgress, startScheduler, startWorker, StubDialer } from '../src/index.js';
import { makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const said = (outcome: 'opted-out' | 'patient-deceased'): CallOutcome => ({
  kind: 'answered', amd: 'human',
  result: callResult({ answers: {}, outcome, optOut: outcome === 'opted-out', durationMs: 20_000, hangupReason: 'completed' }),
});

describe('do-not-call set on a call', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'dnc'); });
  afterAll(async () => { await env.close(); });

  it.each([['opted-out', 'opted_out_on_call', 'opted_out'], ['patient-deceased', 'patient_deceased', 'cancelled']] as const)('%s: filed, do-not-call %s, the contact closed', async (outcome, reason, contactState) => {
    const { campaignId, patientIds } = await seed(env, 1);
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    const dialer = new StubDialer({ outcome: said(outcome) });
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x' });
    try {
      await scheduler.scheduleCampaign(campaignId);
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 20_000);
      const p = await env.pool.query('SELECT do_not_call, do_not_call_reason, do_not_call_attempt_id::text AS attempt FROM patients WHERE id = $1', [patientIds[0]]);
      const a = await env.pool.query<{ id: string; state: string }>('SELECT id::text, state FROM call_attempts WHERE campaign_id = $1', [campaignId]);
      expect(a.rows).toEqual([{ id: expect.any(String), state: 'answered' }]);
      expect(p.rows[0]).toEqual({ do_not_call: true, do_not_call_reason: reason, attempt: a.rows[0]!.id });
      const r = await env.pool.query('SELECT outcome FROM call_results WHERE attempt_id = $1', [a.rows[0]!.id]);
      expect(r.rows).toEqual([{ outcome }]);
      const c = await env.pool.query('SELECT state FROM contacts WHERE campaign_id = $1', [campaignId]);
      expect(c.rows).toEqual([{ state: contactState }]);
      const audit = await env.pool.query(`SELECT entity_id, patient_id::text AS patient FROM audit_log WHERE action = 'update' AND entity = 'patient' AND actor = 'system' AND patient_id = $1`, [patientIds[0]]);
      expect(audit.rows).toEqual([{ entity_id: patientIds[0], patient: patientIds[0] }]);
      expect(dialer.calls).toHaveLength(1);
    } finally {
      await worker.close();
      await scheduler.close();
    }
  }, 30_000);
});
