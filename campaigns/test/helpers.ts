/**
 * Test environment: a fresh PostgreSQL schema (migrated) and a fresh queue prefix per test file,
 * on the real PostgreSQL and Redis of the machine; everything is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createPool, dropSchema, migrate, createQueueConnection, pgQueueSchema, insertPatient, insertCampaign, addContacts, withTx,
  type QueueConnection, type CampaignInput } from '../src/index.js';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export type Backend = 'redis' | 'postgres';
export const BACKENDS: Backend[] = ['redis', 'postgres'];

export interface TestEnv {
  schema: string;
  prefix: string;
  pool: pg.Pool;
  conn: QueueConnection;
  close(): Promise<void>;
}

export async function makeEnv(backend: Backend, tag: string): Promise<TestEnv> {
  const id = randomBytes(4).toString('hex');
  const schema = `tzt_${tag}_${id}`;
  const prefix = `tzt_${tag}_${id}`;
  await migrate(DATABASE_URL, { schema });
  const pool = createPool(DATABASE_URL, { schema, max: 12 });
  const conn = createQueueConnection({ redisUrl: backend === 'redis' ? REDIS_URL : undefined, databaseUrl: DATABASE_URL, prefix });
  return {
    schema, prefix, pool, conn,
    async close() {
      await conn.close();
      await pool.end();
      await dropSchema(DATABASE_URL, schema);
      if (backend === 'postgres') await dropSchema(DATABASE_URL, pgQueueSchema(prefix));
      else {
        const r = new Redis(REDIS_URL);
        const keys = await r.keys(`${prefix}:*`);
        if (keys.length > 0) await r.del(...keys);
        await r.quit();
      }
    },
  };
}

/** A clock that runs at real speed from `startIso`, and can jump. */
export function testClock(startIso: string): { now: () => Date; advance(ms: number): void } {
  const realStart = Date.now();
  let offset = Date.parse(startIso) - realStart;
  return { now: () => new Date(Date.now() + offset), advance(ms) { offset += ms; } };
}

export const ALWAYS_OPEN = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

export async function seed(env: TestEnv, n: number, campaign: Partial<CampaignInput> = {}, patient: Record<string, unknown> = {}): Promise<{ campaignId: string; patientIds: string[] }> {
  const patientIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await insertPatient(env.pool, {
      mrn: `MRN${i}-${randomBytes(3).toString('hex')}`, name: `Patient ${i}`, phones: [`+86138${String(10000000 + i).slice(-8)}`],
      consentStatus: 'granted', timezone: 'UTC', ...patient,
    }, 'test');
    patientIds.push(p.id);
  }
  const c = await insertCampaign(env.pool, {
    name: 'Follow-up', scriptId: 'post-discharge', scriptVersion: '1', timezone: 'UTC', startDate: '2000-01-01', windows: ALWAYS_OPEN,
    retryDelaysMinutes: { no_answer: 0, busy: 0, failed: 0, voicemail: 0 }, concurrency: 4, callsPerSecond: 100, ...campaign,
  }, 'test');
  await withTx(env.pool, (client) => addContacts(client, c.id, patientIds));
  return { campaignId: c.id, patientIds };
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
