/**
 * The per-patient daily cap counts calls that could have rung the patient, not attempts that
 * failed on our side first (gateway unreachable while it restarts, draining, an HTTP error from
 * it). Before, two such failures used up a cap of 2 and the patient was put off to tomorrow
 * (crash matrix: a gateway restarted mid-campaign left contacts open for the day).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler, startWorker, StubDialer, campaignProgress, ANSWERED_OK, type CallOutcome } from '../src/index.js';
import { BACKENDS, makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

describe.each(BACKENDS)('daily cap and gateway faults on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'capgw'); });
  afterAll(async () => { await env.close(); });

  it('two gateway faults do not use up a daily cap of 2: the third claim dials', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const faults: CallOutcome[] = [
      { kind: 'failed', reason: 'gateway_unreachable', carrierFault: true },
      { kind: 'failed', reason: 'gateway_draining', carrierFault: true },
    ];
    const dialer = new StubDialer({ outcome: async () => faults.shift() ?? ANSWERED_OK });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 0 });
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 2, concurrency: 1 });
    try {
      await scheduler.scheduleCampaign(campaignId);
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 20_000);
    } finally {
      await worker.close();
      await scheduler.close();
    }
    const a = await env.pool.query<{ state: string; reason: string | null }>('SELECT state, reason FROM call_attempts WHERE campaign_id = $1 ORDER BY id', [campaignId]);
    expect(a.rows).toEqual([
      { state: 'failed', reason: 'gateway_unreachable' }, { state: 'failed', reason: 'gateway_draining' }, { state: 'answered', reason: expect.anything() as unknown },
    ]);
    expect(dialer.calls).toHaveLength(3);
  }, 30_000);
});
