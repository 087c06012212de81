/**
 * The platform starts against real services: the embedded PostgreSQL (no configuration) and the
 * machine's PostgreSQL + Redis (DATABASE_URL / REDIS_URL), and reports them on /health.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startPlatform } from '../src/platform.js';
import { OPS, OPS_TOKEN } from './test-platform.js';

// Tests use the shared models (../shared/models from the repository root) unless told otherwise.
const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? fileURLToPath(new URL('../../../shared/models', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A fresh database of its own for a test that points DATABASE_URL at the machine's PostgreSQL. */
async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tztest_app_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('start', () => {
  it('runs an embedded PostgreSQL with the queue in it when nothing is configured', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tz-embedded-'));
    dirs.push(dataDir);
    const platform = await startPlatform({ TINGZHEN_DATA_DIR: dataDir, HTTP_PORT: '0', TINGZHEN_MODELS_DIR: MODELS_DIR, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'silent', OPS_TOKEN });
    try {
      const res = await fetch(`${platform.url}/health`, OPS);
      const body = (await res.json()) as { problems?: unknown };
      expect(res.status).toBe(200);
      // Degraded only by missing speech models (then it lists them), never by the database or queue.
      expect(body).toMatchObject({ status: body.problems === undefined ? 'ok' : 'degraded', database: { kind: 'embedded', ok: true }, queue: { backend: 'postgres', ok: true } });
    } finally {
      await platform.close();
    }
    // Restart on the same data directory: the data survives, no re-initialisation.
    const again = await startPlatform({ TINGZHEN_DATA_DIR: dataDir, HTTP_PORT: '0', TINGZHEN_MODELS_DIR: MODELS_DIR, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'silent', OPS_TOKEN });
    try {
      expect((await fetch(`${again.url}/health`)).status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it('uses DATABASE_URL and REDIS_URL when set', async () => {
    const prefix = `tztest${process.pid}`;
    const db = await scratchDatabase();
    const platform = await startPlatform({ DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, HTTP_PORT: '0', TINGZHEN_MODELS_DIR: MODELS_DIR, LOG_LEVEL: 'silent', OPS_TOKEN });
    try {
      const body = (await (await fetch(`${platform.url}/health`, OPS)).json()) as { queue: unknown; database: unknown; status: string; problems?: unknown };
      expect(body).toMatchObject({ status: body.problems === undefined ? 'ok' : 'degraded', database: { kind: 'external', ok: true }, queue: { backend: 'redis', ok: true } });
    } finally {
      await platform.close();
      await db.drop();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('reports a queue in PostgreSQL when only DATABASE_URL is set, and cleans up', async () => {
    const prefix = `tztest${process.pid}pg`;
    const db = await scratchDatabase();
    const platform = await startPlatform({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, HTTP_PORT: '0', TINGZHEN_MODELS_DIR: MODELS_DIR, LOG_LEVEL: 'silent', OPS_TOKEN });
    try {
      const body = (await (await fetch(`${platform.url}/health`, OPS)).json()) as { queue: unknown; database: unknown; status: string };
      expect(body.queue).toMatchObject({ backend: 'postgres', ok: true });
    } finally {
      await platform.close();
      await db.drop();
    }
  });

  it('fails with a clear error when the database is unreachable', async () => {
    const port = await freePort();
    await expect(startPlatform({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/x`, HTTP_PORT: '0', TINGZHEN_MODELS_DIR: MODELS_DIR, LOG_LEVEL: 'silent', OPS_TOKEN }))
      .rejects.toMatchObject({ code: 'TZ_ERR_DB', message: expect.stringContaining('DATABASE_URL') });
  });
});
