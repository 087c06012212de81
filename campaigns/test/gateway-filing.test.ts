/**
 * The gateway files what it owns (issue "Crash-safe calls"): the process carrying a call holds a
 * lease on its attempt and files the outcome itself. A worker killed mid-call loses nothing and
 * rings nobody twice; a gateway that dies mid-call is noticed within seconds (its lease runs out)
 * and the attempt is retried per policy. Real PostgreSQL, both bullmq backends, a real worker
 * process killed with SIGKILL, and a stand-in gateway that answers /v1/dial like the real one.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callResult, type CallOutcome } from '@tingzhen/voice-core';
import { campaignProgress, fileFromGateway, startLeaseKeeper, startScheduler, startWorker, StubDialer, type LeaseKeeper } from '../src/index.js';
import { BACKENDS, DATABASE_URL, REDIS_URL, makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-worker-http.ts', import.meta.url));
const answered: CallOutcome = { kind: 'answered', amd: 'human', result: callResult({ answers: { wound: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' } }, outcome: 'completed', disposition: 'D6', durationMs: 30_000 }) };

/** A gateway stand-in: holds the lease of every call it is asked to place and files it itself when the test ends the call. */
function standInGateway(env: TestEnv, leases: LeaseKeeper) {
  const calls = new Map<string, () => void>();
  const dialled: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const { attemptId } = JSON.parse(body) as { attemptId: string };
      dialled.push(attemptId);
      void leases.hold(attemptId).then(() => new Promise<void>((end) => calls.set(attemptId, end))).then(async () => {
        await fileFromGateway(env.pool, env.conn, attemptId, answered);
        leases.release(attemptId);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answered));
      });
    });
  });
  return {
    server, dialled,
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    inCall: (id: string) => calls.has(id),
    endCall: (id: string) => { calls.get(id)?.(); calls.delete(id); },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

describe.each(BACKENDS)('the gateway files what it owns, on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'gwfile'); });
  afterAll(async () => { await env.close(); });

  it('a worker killed mid-call: the call goes on, the gateway files it, nobody is rung again', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 500 });
    const leases = startLeaseKeeper(env.pool, 'test-gateway', { leaseMs: 3000, renewMs: 500 });
    const gw = standInGateway(env, leases);
    const url = await gw.listen();
    await scheduler.scheduleCampaign(campaignId);
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, DATABASE_URL, env.schema, backend === 'redis' ? REDIS_URL : '-', env.prefix, url], { stdio: 'ignore' });
    let worker: ReturnType<typeof startWorker> | undefined;
    try {
      const attemptId = await waitFor(async () => gw.dialled[0], 30_000);
      await waitFor(async () => gw.inCall(attemptId));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      // A new worker picks up the stalled job while the call is still up: it must leave it alone.
      const dialer = new StubDialer();
      worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', lockDurationMs: 2000, stalledIntervalMs: 1000, dailyCapPerPatient: 10 });
      await new Promise((r) => setTimeout(r, 6000)); // stalled check, re-run, several lease renewals and sweeps
      expect((await env.pool.query('SELECT state FROM call_attempts WHERE id = $1', [attemptId])).rows[0].state).toBe('dialing');
      gw.endCall(attemptId);
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 20_000);
      const a = await env.pool.query<{ id: string; state: string }>('SELECT id::text, state FROM call_attempts WHERE campaign_id = $1 ORDER BY id', [campaignId]);
      expect(a.rows).toEqual([{ id: attemptId, state: 'answered' }]);
      expect(dialer.calls).toEqual([]);
      expect(gw.dialled).toEqual([attemptId]);
      const r = await env.pool.query<{ answers: unknown; late: boolean }>('SELECT answers, late FROM call_results WHERE attempt_id = $1', [attemptId]);
      expect(r.rows).toEqual([{ answers: { wound: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' } }, late: false }]);
    } finally {
      child.kill('SIGKILL');
      await worker?.close({ force: true });
      leases.close();
      await gw.close();
      await scheduler.close();
    }
  }, 90_000);

  it('a gateway that stops holding its call: the attempt is closed as lost within seconds and retried', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 500 });
    await scheduler.scheduleCampaign(campaignId);
    const leases = startLeaseKeeper(env.pool, 'dying-gateway', { leaseMs: 2000, renewMs: 500 });
    let first: string | undefined;
    const dialer = new StubDialer({
      outcome: async (req) => {
        if (first === undefined) {
          // The first call: the gateway takes the lease, then dies (stops renewing, never answers).
          first = req.attemptId;
          await leases.hold(req.attemptId);
          leases.close();
          return new Promise<CallOutcome>((resolve) => req.signal.addEventListener('abort', () => resolve({ kind: 'failed', reason: 'call_aborted', carrierFault: true })));
        }
        return answered;
      },
    });
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 10 });
    try {
      const started = Date.now();
      await waitFor(async () => first !== undefined && (await env.pool.query("SELECT 1 FROM call_attempts WHERE id = $1 AND state = 'failed' AND reason = 'stale_dial'", [first])).rowCount, 20_000);
      // Lease 2 s + sweep every 0.5 s: noticed in seconds, not at the 30-minute stale limit.
      expect(Date.now() - started).toBeLessThan(15_000);
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 20_000);
      const a = await env.pool.query<{ state: string; reason: string | null }>('SELECT state, reason FROM call_attempts WHERE campaign_id = $1 ORDER BY id', [campaignId]);
      expect(a.rows.map((r) => r.state)).toEqual(['failed', 'answered']);
      expect(a.rows[0]!.reason).toBe('stale_dial');
      // The dial slot of the lost call was freed (the second call could take it).
      expect((await env.pool.query("SELECT count(*)::int AS n FROM dial_slots WHERE attempt_id IS NOT NULL")).rows[0].n).toBe(0);
    } finally {
      await worker.close({ force: true });
      await scheduler.close();
    }
  }, 60_000);

  it('"accepted": the worker is free once the callee picks up; the gateway files the call when it ends', async () => {
    const { campaignId } = await seed(env, 2, { maxAttempts: 3, concurrency: 2 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 500 });
    const leases = startLeaseKeeper(env.pool, 'test-gateway', { leaseMs: 3000, renewMs: 500 });
    const inCall: string[] = [];
    const dialer = new StubDialer({
      outcome: async (req) => {
        await leases.hold(req.attemptId);
        inCall.push(req.attemptId);
        return { kind: 'accepted' };
      },
    });
    await scheduler.scheduleCampaign(campaignId);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 10 });
    try {
      await waitFor(async () => inCall.length === 2, 20_000);
      // Both workers' jobs are done, the calls still up (dialing, leased): nothing filed yet.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await env.pool.query("SELECT count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 AND state = 'dialing'", [campaignId])).rows[0].n).toBe(2);
      for (const id of inCall) { expect(await fileFromGateway(env.pool, env.conn, id, answered)).toBe('filed'); leases.release(id); }
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 20_000);
      expect(dialer.calls).toHaveLength(2);
      expect((await env.pool.query('SELECT count(*)::int AS n FROM call_results WHERE campaign_id = $1', [campaignId])).rows[0].n).toBe(2);
    } finally {
      await worker.close({ force: true });
      leases.close();
      await scheduler.close();
    }
  }, 60_000);

  it('files once: the gateway first, then the worker reading the same outcome changes nothing', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const dialer = new StubDialer({
      outcome: async (req) => {
        expect(await fileFromGateway(env.pool, env.conn, req.attemptId, answered)).toBe('filed');
        expect(await fileFromGateway(env.pool, env.conn, req.attemptId, answered)).toBe('already-filed');
        return answered;
      },
    });
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 10 });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 20_000);
      expect((await env.pool.query('SELECT count(*)::int AS n FROM call_results WHERE campaign_id = $1', [campaignId])).rows[0].n).toBe(1);
      expect(await fileFromGateway(env.pool, env.conn, '999999999', answered)).toBe('no-such-attempt');
    } finally {
      await worker.close();
      await scheduler.close();
    }
  }, 60_000);
});
