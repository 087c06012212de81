/**
 * Campaign benchmark: schedule a 100,000-patient campaign, then dispatch against a stub gateway
 * (an HTTP server on 127.0.0.1 that answers every dial at once) for a bounded time. Prints the
 * enqueue rate, the dispatch rate and the scheduler lag (dial start minus planned moment).
 * Runs in its own PostgreSQL schema and queue prefix, dropped afterwards. Nothing is asserted.
 *
 *   npx tsx load-tests/src/bench-campaigns.ts [--patients 100000] [--backend redis|postgres] [--seconds 60]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import {
  createPool, createQueueConnection, dropSchema, insertCampaign, migrate, pgQueueSchema, startScheduler, startWorker, HttpDialer, withTx, campaignProgress,
} from '@tingzhen/campaigns';

const { values } = parseArgs({ options: {
  patients: { type: 'string', default: '100000' }, backend: { type: 'string', default: 'redis' }, seconds: { type: 'string', default: '60' },
  concurrency: { type: 'string', default: '32' }, debug: { type: 'boolean', default: false }, database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' }, redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
} });
const N = Number(values.patients);
const seconds = Number(values.seconds);
const backend = values.backend === 'postgres' ? 'postgres' : 'redis';
const tag = `bench_${Date.now().toString(36)}`;

const gateway = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ kind: 'answered', amd: 'human', result: { answers: { ok: { type: 'boolean', value: true } }, disposition: 'D1', durationMs: 1000 } }));
  });
});
await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;

await migrate(values.database, { schema: tag });
const pool = createPool(values.database, { schema: tag, max: 20 });
const connection = createQueueConnection({ redisUrl: backend === 'redis' ? values.redis : undefined, databaseUrl: values.database, prefix: tag, pgPoolMax: 8 });
const trunks = { default: { channels: 10_000, callsPerSecond: 100_000, inboundReservedShare: 0.1 } };
try {
  const t0 = performance.now();
  await pool.query(`INSERT INTO patients (mrn, name, phones, timezone, consent_status)
    SELECT 'B' || g, 'Bench ' || g, ARRAY['+86138' || lpad((g % 100000000)::text, 8, '0')], CASE WHEN g % 3 = 0 THEN 'Asia/Urumqi' ELSE NULL END, 'granted'
    FROM generate_series(1, $1) g`, [N]);
  const open = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
  const c = await insertCampaign(pool, { name: 'bench', scriptId: 'bench', scriptVersion: '1', timezone: 'Asia/Shanghai', startDate: '2000-01-01',
    windows: open, concurrency: 1000, callsPerSecond: 1000, trunk: 'default' }, 'bench');
  await withTx(pool, (cl) => cl.query(`WITH ins AS (INSERT INTO contacts (campaign_id, patient_id) SELECT $1, id FROM patients RETURNING id)
    INSERT INTO campaign_counters (campaign_id, name, value) SELECT $1, 'contact.pending', count(*) FROM ins`, [c.id]));
  const t1 = performance.now();
  console.log(`seeded ${N} patients + contacts in ${((t1 - t0) / 1000).toFixed(1)} s`);

  const scheduler = startScheduler({ pool, connection, reconcileIntervalMs: 0, batchSize: 5000 });
  const enqueued = await scheduler.scheduleCampaign(c.id);
  const t2 = performance.now();
  console.log(`enqueue: ${enqueued} attempts in ${((t2 - t1) / 1000).toFixed(1)} s = ${(enqueued / ((t2 - t1) / 1000)).toFixed(0)} attempts/s (${backend})`);

  const worker = startWorker({ pool, connection, dialer: new HttpDialer({ gatewayUrl }), trunks, concurrency: Number(values.concurrency), voicemailMessage: 'bench', dailyCapPerPatient: 5, capacityRetryMs: 50 });
  const t3 = performance.now();
  const deadline = t3 + seconds * 1000;
  let done = 0;
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const p = await campaignProgress(pool, c.id);
    done = p.attempts.answered ?? 0;
    if (p.state === 'completed') break;
  }
  const t4 = performance.now();
  if (values.debug) console.log((await pool.query("SELECT state, reason, count(*)::int FROM call_attempts GROUP BY 1, 2")).rows);
  await worker.close();
  await scheduler.close();
  console.log(`dispatch: ${done} calls in ${((t4 - t3) / 1000).toFixed(1)} s = ${(done / ((t4 - t3) / 1000)).toFixed(0)} calls/s (worker concurrency ${values.concurrency})`);
  const lag = await pool.query<{ p50: number; p95: number; max: number }>(`SELECT
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95, max(ms) AS max
    FROM (SELECT extract(epoch FROM started_at - scheduled_for) * 1000 AS ms FROM call_attempts WHERE started_at IS NOT NULL) x`);
  const l = lag.rows[0]!;
  console.log(`scheduler lag (dial start - planned), ms: p50 ${Math.round(l.p50)}  p95 ${Math.round(l.p95)}  max ${Math.round(l.max)}  (includes queueing behind earlier calls)`);
} finally {
  await connection.close();
  await pool.end();
  gateway.close();
  await dropSchema(values.database, tag);
  if (backend === 'postgres') await dropSchema(values.database, pgQueueSchema(tag));
  else {
    const r = new Redis(values.redis);
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${tag}:*`, 'COUNT', 1000);
      if (keys.length > 0) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await r.quit();
  }
}
