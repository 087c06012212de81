/**
 * A gateway that cannot be reached (issue "Crash-safe calls": "the worker burned 16 attempts in
 * 16 s with no backoff"): after a few gateway faults in a row the campaign stops claiming calls
 * for a backoff that grows with jitter, the API says the gateway is unreachable, and the first
 * call that gets through again closes the breaker. Real PostgreSQL, both bullmq backends, the
 * campaigns HttpDialer against a port where nothing listens, then a stand-in gateway there.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callResult } from '@tingzhen/voice-core';
import { campaignProgress, getCampaign, HttpDialer, startScheduler, startWorker, type DialRequest } from '../src/index.js';
import { BREAKER_THRESHOLD, breakerOpenMs, isGatewayFault } from '../src/dialing/gateway-breaker.js';
import { BACKENDS, makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

describe('gateway breaker (pure)', () => {
  it('opens after the threshold, doubling with jitter up to the limit', () => {
    expect(isGatewayFault({ kind: 'failed', reason: 'gateway_unreachable', carrierFault: true })).toBe(true);
    expect(isGatewayFault({ kind: 'failed', reason: 'gateway_http_502', carrierFault: true })).toBe(true);
    expect(isGatewayFault({ kind: 'failed', reason: 'carrier-congestion', sipCode: 503, carrierFault: true })).toBe(false);
    expect(isGatewayFault({ kind: 'busy' })).toBe(false);
    expect(breakerOpenMs(BREAKER_THRESHOLD, () => 0.5)).toBe(5000);
    expect(breakerOpenMs(BREAKER_THRESHOLD + 2, () => 0.5)).toBe(20_000);
    expect(breakerOpenMs(BREAKER_THRESHOLD + 20, () => 0.5)).toBe(300_000);
    expect(breakerOpenMs(BREAKER_THRESHOLD, () => 0)).toBe(4000);
    expect(breakerOpenMs(BREAKER_THRESHOLD, () => 1)).toBe(6000);
  });
});

describe.each(BACKENDS)('gateway unreachable, on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'breaker'); });
  afterAll(async () => { await env.close(); });

  it('stops burning attempts while the gateway is down, says so, and resumes when it is back', async () => {
    const { campaignId } = await seed(env, 6, { maxAttempts: 3, concurrency: 2 });
    const port = await freePort();
    const dials: string[] = [];
    const dialer = new HttpDialer({ gatewayUrl: `http://127.0.0.1:${port}` });
    const counting = { dial: (req: DialRequest) => { dials.push(req.attemptId); return dialer.dial(req); } };
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer: counting, voicemailMessage: 'x', dailyCapPerPatient: 50 });
    let gateway: Server | undefined;
    try {
      await waitFor(async () => (await getCampaign(env.pool, campaignId)).gatewayUnreachableUntil !== null, 15_000);
      const opened = dials.length;
      // Without the breaker every contact's carrier-fault retries would go on back to back.
      await new Promise((r) => setTimeout(r, 3000));
      expect(dials.length).toBeLessThanOrEqual(opened + 2);
      expect(opened).toBeLessThanOrEqual(BREAKER_THRESHOLD + 2);
      // The gateway comes back: the next call after the open period gets through and closes the breaker.
      gateway = createServer((req, res) => {
        req.resume();
        req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ kind: 'answered', result: callResult({ outcome: 'completed' }) })); });
      });
      await new Promise<void>((r) => gateway!.listen(port, '127.0.0.1', r));
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 60_000);
      expect((await getCampaign(env.pool, campaignId)).gatewayUnreachableUntil).toBeNull();
      const c = await env.pool.query<{ gateway_faults: number }>('SELECT gateway_faults FROM campaigns WHERE id = $1', [campaignId]);
      expect(c.rows[0]!.gateway_faults).toBe(0);
      // Every patient got through in the end; the gateway faults did not count as their dials.
      const contacts = await env.pool.query<{ state: string; dials_made: number }>('SELECT state, dials_made FROM contacts WHERE campaign_id = $1', [campaignId]);
      expect(contacts.rows.every((r) => r.state === 'completed' && r.dials_made === 1)).toBe(true);
    } finally {
      await worker.close({ force: true });
      await scheduler.close();
      if (gateway) await new Promise<void>((r) => { gateway!.closeAllConnections(); gateway!.close(() => r()); });
    }
  }, 90_000);
});
