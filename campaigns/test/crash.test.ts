import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimAttempt, startScheduler, startWorker, StubDialer, campaignProgress, type ClaimPolicy, DEFAULT_TRUNKS } from '../src/index.js';
import { BACKENDS, DATABASE_URL, REDIS_URL, makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));

describe.each(BACKENDS)('crash safety on %s', (backend) => {
  let env: TestEnv;
  let dir: string;
  beforeAll(async () => { env = await makeEnv(backend, 'crash'); dir = mkdtempSync(join(tmpdir(), 'tz-crash-')); });
  afterAll(async () => { await env.close(); rmSync(dir, { recursive: true, force: true }); });

  it('a worker killed mid-call: the attempt is closed as failed and retried, never dialled twice', async () => {
    const { campaignId } = await seed(env, 1, { maxAttempts: 3 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const dialLog = join(dir, 'dials.log');
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, DATABASE_URL, env.schema, backend === 'redis' ? REDIS_URL : '-', env.prefix, dialLog], { stdio: 'ignore' });
    const firstAttempt = await waitFor(async () => existsSync(dialLog) && readFileSync(dialLog, 'utf8').trim(), 30_000);
    await waitFor(async () => (await env.pool.query("SELECT 1 FROM call_events WHERE kind = 'ringing' AND entity_id = $1", [firstAttempt])).rowCount);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const dialer = new StubDialer();
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', lockDurationMs: 2000, stalledIntervalMs: 1000, dailyCapPerPatient: 10 });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 45_000);
    } finally {
      await worker.close();
      await scheduler.close();
    }
    const a = await env.pool.query<{ id: string; state: string; reason: string | null }>('SELECT a.id::text, state, reason FROM call_attempts a WHERE campaign_id = $1 ORDER BY a.id', [campaignId]);
    expect(a.rows).toEqual([
      { id: firstAttempt, state: 'failed', reason: 'worker_lost' },
      { id: expect.any(String), state: 'answered', reason: 'completed' },
    ]);
    expect(readFileSync(dialLog, 'utf8').trim().split('\n')).toEqual([firstAttempt]);
    expect(dialer.calls.map((c) => c.attemptId)).toEqual([a.rows[1]!.id]);
    // The events recorded before the crash are still there.
    const ev = await env.pool.query<{ kind: string }>("SELECT kind FROM call_events WHERE entity = 'attempt' AND entity_id = $1 ORDER BY id", [firstAttempt]);
    expect(ev.rows.map((r) => r.kind)).toEqual(['created', 'transition', 'ringing', 'transition']);
  });

  it('two claims racing for one attempt: exactly one wins', async () => {
    const { campaignId } = await seed(env, 1);
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    await scheduler.close();
    const attemptId = (await env.pool.query<{ id: string }>('SELECT id::text FROM call_attempts WHERE campaign_id = $1', [campaignId])).rows[0]!.id;
    const policy: ClaimPolicy = { now: () => new Date(), dailyCapPerPatient: 10, trunks: DEFAULT_TRUNKS, capacityRetryMs: 100 };
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: DATABASE_URL, options: `-c search_path=${env.schema}` }));
    try {
      const claims = await Promise.all(pools.map(async (p, i) => {
        const c = await p.connect();
        try {
          await c.query('BEGIN');
          const r = await claimAttempt(c, attemptId, `run-${i}`, policy);
          await c.query('COMMIT');
          return r.action;
        } finally { c.release(); }
      }));
      expect(claims.sort()).toEqual(['closed', 'dial']);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
