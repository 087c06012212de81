/** A composed platform for app-level tests: its own database (created, then dropped) and data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPlatform, type PlatformOverrides, type RunningPlatform } from '../src/platform.js';

export const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? fileURLToPath(new URL('../../../shared/models', import.meta.url));
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** OPS_TOKEN of the test platforms: /health's details and /metrics need it (issue 16 item 6). */
export const OPS_TOKEN = 'test-ops-token-0123456789abcdef';
export const OPS = { headers: { authorization: `Bearer ${OPS_TOKEN}` } };

export async function adminSql(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

export interface TestPlatform {
  platform: RunningPlatform;
  databaseUrl: string;
  dataDir: string;
  /** Stops the platform (if still up), drops the database, removes the data directory. */
  dispose(): Promise<void>;
}

/** Starts the platform with `env` on top of a fresh database `tztest_<tag>_<pid>`, a temp data dir and the shared models. */
export async function startTestPlatform(tag: string, env: Record<string, string>, overrides: PlatformOverrides = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), `tz-${tag}-`));
  const db = `tztest_${tag}_${process.pid}`;
  await adminSql(`CREATE DATABASE ${db}`);
  const url = new URL(PG_URL);
  url.pathname = `/${db}`;
  const databaseUrl = url.toString();
  const platform = await startPlatform({
    DATABASE_URL: databaseUrl, QUEUE_PREFIX: `tz${tag}${process.pid}`, HTTP_PORT: '0', LOG_LEVEL: 'silent',
    TINGZHEN_MODELS_DIR: MODELS_DIR, TINGZHEN_DATA_DIR: dataDir, OPS_TOKEN, ...env,
  }, overrides);
  return {
    platform, databaseUrl, dataDir,
    async dispose() {
      await platform.close();
      await adminSql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A TCP port free on loopback right now (for a listener the test configures by number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => resolve(typeof a === 'object' && a ? a.port : 0)); });
  });
}
