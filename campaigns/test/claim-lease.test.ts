/**
 * A worker killed between its claim and the gateway taking the call's lease: the claim's own lease
 * lapses and the lease sweep frees the attempt (and its dial slot) within seconds. Before, the
 * attempt stayed dialing with no lease until bullmq's stalled-job check re-ran the job (lock plus
 * check interval, up to a minute with the defaults), or for good when no worker came back.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from '../src/index.js';
import { BACKENDS, DATABASE_URL, REDIS_URL, makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-worker-http.ts', import.meta.url));

describe.each(BACKENDS)('a worker dead between claim and lease, on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'claimlease'); });
  afterAll(async () => { await env.close(); });

  it('the claim lease lapses and the sweep closes the attempt as lost in seconds', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 500 });
    // A gateway that has the request but has not taken the lease yet (and never will: the worker dies now).
    const got: string[] = [];
    const gw = createServer((req) => { let b = ''; req.on('data', (d: Buffer) => { b += d.toString(); }); req.on('end', () => got.push((JSON.parse(b) as { attemptId: string }).attemptId)); });
    await new Promise<void>((r) => gw.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(gw.address() as AddressInfo).port}`;
    await scheduler.scheduleCampaign(campaignId);
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, DATABASE_URL, env.schema, backend === 'redis' ? REDIS_URL : '-', env.prefix, url, '2000'], { stdio: 'ignore' });
    try {
      const attemptId = await waitFor(async () => got[0], 60_000);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const killed = Date.now();
      await waitFor(async () => (await env.pool.query("SELECT 1 FROM call_attempts WHERE id = $1 AND state = 'failed' AND reason = 'stale_dial'", [attemptId])).rowCount, 15_000);
      // Claim lease 2 s + sweep every 0.5 s.
      expect(Date.now() - killed).toBeLessThan(6000);
      expect((await env.pool.query('SELECT count(*)::int AS n FROM dial_slots WHERE attempt_id = $1', [attemptId])).rows[0].n).toBe(0);
      // The retry is planned.
      expect((await env.pool.query("SELECT count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 AND state = 'queued'", [campaignId])).rows[0].n).toBe(1);
    } finally {
      child.kill('SIGKILL');
      gw.closeAllConnections();
      await new Promise((r) => gw.close(r));
      await scheduler.close();
    }
  }, 120_000);
});
