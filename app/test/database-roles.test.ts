/**
 * The platform works as a least-privilege database role (issue 16 item 4), on the embedded server
 * and on an external one (DATABASE_URL migrates, DATABASE_RUNTIME_URL works), and `tingzhen audit
 * verify` checks the audit trail's hash chain: exit 0 when intact, 1 when a row was changed,
 * removed or reordered. Real PostgreSQL; the external test's database and role are its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { audit, dropRuntimeRole } from '@tingzhen/campaigns';
import { startPlatform } from '../src/platform.js';
import { main } from '../src/cli.js';
import { MODELS_DIR, PG_URL, adminSql, freePort } from './test-platform.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => { out += b.toString(); });
  stderr.on('data', (b: Buffer) => { err += b.toString(); });
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, env: { LOG_LEVEL: 'silent', ...env } });
  return { code, out, err };
}

const denied = async (pool: pg.Pool, sql: string) => {
  const e = await pool.query(sql).then(() => null, (x: unknown) => x as { code?: string });
  expect({ sql, code: e?.code }).toEqual({ sql, code: '42501' });
};

describe('database roles', () => {
  it('embedded: works as tingzhen_app, which cannot alter the audit trail; audit verify reads the running or stopped server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tz-roles-'));
    dirs.push(dataDir);
    const port = String(await freePort());
    const env = { TINGZHEN_DATA_DIR: dataDir, EMBEDDED_PG_PORT: port };
    const platform = await startPlatform({ ...env, HTTP_PORT: '0', TINGZHEN_MODELS_DIR: MODELS_DIR, LOG_LEVEL: 'silent', TINGZHEN_ROLES: 'api,worker' });
    try {
      const pool = platform.services.pool;
      const me = await pool.query<{ u: string; s: boolean }>(`SELECT current_user AS u, current_setting('is_superuser') = 'on' AS s`);
      expect(me.rows[0]).toEqual({ u: 'tingzhen_app', s: false });
      expect(statSync(join(dataDir, 'postgres-app-password')).mode & 0o777).toBe(0o600);
      await audit(pool, { actor: 'test', action: 'read', entity: 'patient_list', details: { count: 0 } });
      await denied(pool, 'TRUNCATE audit_log');
      await denied(pool, 'DELETE FROM audit_log');
      await denied(pool, 'ALTER TABLE audit_log DISABLE TRIGGER ALL');
      // The queue (bullmq's PostgreSQL backend) works through the runtime role too.
      const h = await platform.services.health();
      expect({ db: h.database.ok, queue: h.queue.ok, backend: h.queue.backend }).toEqual({ db: true, queue: true, backend: 'postgres' });
      const running = await cli(['audit', 'verify'], env);
      expect(running).toMatchObject({ code: 0, out: expect.stringMatching(/^audit trail intact: \d+ rows; last seq \d+ hash [0-9a-f]{64}$/m) });
    } finally {
      await platform.close();
    }
    const stopped = await cli(['audit', 'verify', '--json'], env);
    expect(stopped.code).toBe(0);
    expect(JSON.parse(stopped.out)).toMatchObject({ ok: true, problems: [] });
  }, 120_000);

  it('external: DATABASE_URL migrates and grants, DATABASE_RUNTIME_URL works; audit verify finds tampering', async () => {
    const tag = `${process.pid}_${Date.now()}`;
    const db = `tztest_roles_${tag}`;
    const role = `tztest_rt_${tag}`;
    await adminSql(`CREATE DATABASE ${db}`);
    const ownerUrl = new URL(PG_URL);
    ownerUrl.pathname = `/${db}`;
    const runtimeUrl = new URL(ownerUrl);
    runtimeUrl.username = role;
    runtimeUrl.password = 'rt-pass-1';
    const dataDir = mkdtempSync(join(tmpdir(), 'tz-roles-ext-'));
    dirs.push(dataDir);
    const owner = new pg.Pool({ connectionString: ownerUrl.toString(), max: 1 });
    try {
      const platform = await startPlatform({
        DATABASE_URL: ownerUrl.toString(), DATABASE_RUNTIME_URL: runtimeUrl.toString(), TINGZHEN_DATA_DIR: dataDir,
        QUEUE_PREFIX: `tzroles${process.pid}`, HTTP_PORT: '0', TINGZHEN_MODELS_DIR: MODELS_DIR, LOG_LEVEL: 'silent', TINGZHEN_ROLES: 'api,worker',
      });
      try {
        const pool = platform.services.pool;
        expect((await pool.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u).toBe(role);
        const r = await owner.query('SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1', [role]);
        expect(r.rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false }]);
        for (let i = 0; i < 4; i++) await audit(pool, { actor: `nurse${i}`, action: 'read', entity: 'patient', entityId: String(i + 1), patientId: String(i + 1) });
        await denied(pool, `UPDATE audit_log SET actor = 'x'`);
        await denied(pool, 'TRUNCATE audit_log');
        expect((await platform.services.health()).queue.ok).toBe(true);
      } finally {
        await platform.close();
      }
      const env = { DATABASE_URL: ownerUrl.toString(), DATABASE_RUNTIME_URL: runtimeUrl.toString() };
      expect((await cli(['audit', 'verify'], env)).code).toBe(0);
      expect((await cli(['audit', 'check'], env)).code).toBe(2);
      expect((await cli(['audit', 'verify', '--anchor', 'nope'], env)).code).toBe(2);
      // The owner, triggers off, changes a row, then removes one, then swaps two: each is found.
      const tamper = async (sql: string) => {
        const c = await owner.connect();
        try {
          await c.query('BEGIN');
          await c.query('SET LOCAL session_replication_role = replica');
          await c.query(sql);
          await c.query('COMMIT');
        } finally {
          c.release();
        }
      };
      await tamper(`UPDATE audit_log SET actor = 'nobody' WHERE seq = 2`);
      // The real program, as an operator runs it.
      const p = spawnSync(process.execPath, ['app/bin/tingzhen.js', 'audit', 'verify'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env, LOG_LEVEL: 'silent' } });
      expect({ status: p.status, out: p.stdout }).toEqual({ status: 1, out: expect.stringContaining('seq 2: changed') });
      expect(p.stdout).not.toContain('nobody');
      await tamper(`UPDATE audit_log SET actor = 'nurse1' WHERE seq = 2`);
      expect((await cli(['audit', 'verify'], env)).code).toBe(0);
      await tamper('DELETE FROM audit_log WHERE seq = 3');
      const removed = await cli(['audit', 'verify'], env);
      expect(removed).toMatchObject({ code: 1, out: expect.stringContaining('seq 4: missing') });
      await tamper('UPDATE audit_log SET seq = 3 WHERE seq = 4');
      const moved = await cli(['audit', 'verify'], env);
      expect(moved).toMatchObject({ code: 1, out: expect.stringContaining('seq 3: changed') });
    } finally {
      await owner.end();
      await adminSql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await dropRuntimeRole(PG_URL, role);
    }
  }, 120_000);
});
