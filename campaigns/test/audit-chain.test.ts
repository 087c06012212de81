/**
 * The tamper-evident audit trail (issue 16 item 4) on the real PostgreSQL: rows appended through
 * the least-privilege runtime role are hash-chained in order (also when written concurrently);
 * the runtime role cannot UPDATE, DELETE or TRUNCATE them nor switch the triggers off; a row
 * changed, removed or moved by someone with the owner's rights is found by verifyAuditChain.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, createPool, dropRuntimeRole, dropSchema, migrate, urlWithUser, verifyAuditChain, type AuditVerifyReport } from '../src/index.js';
import { DATABASE_URL } from './helpers.js';

const id = randomBytes(4).toString('hex');
const schema = `tzt_audit_${id}`;
const role = `tzt_rt_audit_${id}`;
const password = randomBytes(12).toString('hex');
let owner: pg.Pool;
let runtime: pg.Pool;

const kinds = (r: AuditVerifyReport) => r.problems.map((p) => `${p.kind}@${p.seq}`);

/** Runs `tamper` as the owner with the triggers off, verifies in that transaction, rolls it back. */
async function tampered(tamper: string): Promise<AuditVerifyReport> {
  const c = await owner.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET LOCAL session_replication_role = replica');
    await c.query(tamper);
    return await verifyAuditChain(c);
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }
}

beforeAll(async () => {
  await migrate(DATABASE_URL, { schema, runtimeRole: { name: role, password } });
  owner = createPool(DATABASE_URL, { schema, max: 2 });
  runtime = createPool(urlWithUser(DATABASE_URL, role, password), { schema, max: 8 });
  for (let i = 1; i <= 5; i++) await audit(runtime, { actor: `nurse${i}`, action: 'read', entity: 'patient', entityId: String(i), patientId: String(i), details: { n: i, 'zh-CN': '读取' } });
});

afterAll(async () => {
  await runtime?.end();
  await owner?.end();
  await dropSchema(DATABASE_URL, schema);
  await dropRuntimeRole(DATABASE_URL, role);
});

describe('audit hash chain', () => {
  it('chains rows written through the runtime role, concurrently too, with gap-free seq', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => audit(runtime, { actor: 'system:test', action: 'dial', entity: 'call', entityId: `c${i}` })));
    const rows = await runtime.query<{ seq: string; prev_hash: string; hash: string }>('SELECT seq::text, prev_hash, hash FROM audit_log ORDER BY audit_log.seq');
    expect(rows.rows.map((r) => r.seq)).toEqual(Array.from({ length: 45 }, (_, i) => String(i + 1)));
    expect(rows.rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.rows.length; i++) expect(rows.rows[i]!.prev_hash).toBe(rows.rows[i - 1]!.hash);
    const report = await verifyAuditChain(runtime);
    expect(report).toMatchObject({ ok: true, rows: 45, lastSeq: '45', lastHash: rows.rows[44]!.hash, problems: [] });
  });

  it('ignores a writer\'s own seq, hash and time (no back-dating, no forged links)', async () => {
    await runtime.query(`INSERT INTO audit_log (actor, action, entity, seq, prev_hash, hash, at) VALUES ('x', 'read', 'patient', 1, 'f', 'f', '2001-01-01')`);
    const r = await runtime.query<{ seq: string; at: Date; hash: string }>('SELECT seq::text, at, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1');
    expect(r.rows[0]!.seq).toBe('46');
    expect(r.rows[0]!.at.getFullYear()).toBeGreaterThan(2020);
    expect(r.rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditChain(runtime)).ok).toBe(true);
  });

  it('the runtime role cannot change, remove or truncate rows, or switch the triggers off', async () => {
    const denied = async (sql: string) => {
      const err = await runtime.query(sql).then(() => null, (e: unknown) => e as { code?: string });
      expect({ sql, code: err?.code }).toEqual({ sql, code: '42501' }); // insufficient_privilege / must be owner
    };
    await denied(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1`);
    await denied('DELETE FROM audit_log WHERE seq = 1');
    await denied('TRUNCATE audit_log');
    await denied('ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain');
    await denied('ALTER TABLE audit_log DISABLE TRIGGER ALL');
    await denied('DROP TRIGGER audit_log_no_update ON audit_log');
    await denied('DROP TABLE audit_log');
    await denied('SET session_replication_role = replica');
    await denied(`UPDATE audit_chain_head SET seq = 0`);
    await denied('CREATE TABLE audit_copy (x int)');
    await denied('TRUNCATE call_events');
    await denied(`UPDATE call_events SET kind = 'x'`);
    // Ordinary work goes on: the role reads and changes the other tables.
    await runtime.query(`INSERT INTO patients (mrn, name, phones) VALUES ('T1', 'x', ARRAY['+8613800000000'])`);
    await runtime.query(`UPDATE patients SET name = 'y' WHERE mrn = 'T1'`);
    await runtime.query(`DELETE FROM patients WHERE mrn = 'T1'`);
  });

  it('even the owner meets the append-only triggers unless it switches them off', async () => {
    await expect(owner.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only/);
  });

  it('finds a changed row', async () => {
    expect(kinds(await tampered(`UPDATE audit_log SET details = '{"n": 99}' WHERE seq = 3`))).toEqual(['changed@3']);
    expect(kinds(await tampered(`UPDATE audit_log SET actor = 'admin' WHERE seq = 2`))).toEqual(['changed@2']);
    expect(kinds(await tampered(`UPDATE audit_log SET at = at - interval '1 day' WHERE seq = 4`))).toEqual(['changed@4']);
    expect(kinds(await tampered(`UPDATE audit_log SET patient_id = NULL WHERE seq = 5`))).toEqual(['changed@5']);
  });

  it('finds a removed row, and removed last rows', async () => {
    expect(kinds(await tampered('DELETE FROM audit_log WHERE seq = 4'))).toEqual(['missing@5', 'broken-link@5']);
    expect(kinds(await tampered('DELETE FROM audit_log WHERE seq >= 44'))).toEqual(['head-mismatch@46']);
  });

  it('finds reordered rows', async () => {
    const swap = `UPDATE audit_log SET seq = -3 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = -3;`;
    expect(kinds(await tampered(swap))).toEqual(['broken-link@2', 'changed@2', 'broken-link@3', 'changed@3', 'broken-link@4']);
  });

  it('an anchor noted earlier finds a chain rewritten with fresh hashes', async () => {
    const before = await verifyAuditChain(runtime);
    const anchor = { seq: before.lastSeq, hash: before.lastHash };
    // Remove row 3 and re-hash everything after it (what the owner could do by hand).
    const rewrite = `DELETE FROM audit_log WHERE seq = 3;
      UPDATE audit_log SET seq = 1 - seq WHERE seq > 3;
      UPDATE audit_log SET seq = -seq WHERE seq < 0;
      DO $$ DECLARE r record; prev text := (SELECT hash FROM audit_log WHERE seq = 2); BEGIN
        FOR r IN SELECT * FROM audit_log WHERE seq >= 3 ORDER BY seq LOOP
          UPDATE audit_log SET prev_hash = prev, hash = encode(sha256(convert_to(audit_canonical(r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.patient_id, r.details, prev), 'UTF8')), 'hex') WHERE seq = r.seq
          RETURNING hash INTO prev;
        END LOOP;
        UPDATE audit_chain_head SET seq = (SELECT max(seq) FROM audit_log), hash = prev;
      END $$;`;
    const c = await owner.connect();
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL session_replication_role = replica');
      await c.query(rewrite);
      expect((await verifyAuditChain(c)).ok).toBe(true);
      expect(kinds(await verifyAuditChain(c, { anchor }))).toEqual([`anchor-mismatch@${anchor.seq}`]);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
    expect((await verifyAuditChain(runtime, { anchor })).ok).toBe(true);
  });
});

describe('audit chain migration', () => {
  const files = readdirSync(fileURLToPath(new URL('../migrations', import.meta.url))).filter((f) => f.endsWith('.sql')).sort();
  const before = files.indexOf('1768090400000_audit_chain.sql');
  const s2 = `tzt_auditmig_${id}`;
  afterAll(async () => { await dropSchema(DATABASE_URL, s2); });

  it('chains the rows written before it in id order', async () => {
    await migrate(DATABASE_URL, { schema: s2, count: before });
    const p = createPool(DATABASE_URL, { schema: s2, max: 1 });
    try {
      for (const a of ['create', 'read', 'export']) await p.query(`INSERT INTO audit_log (actor, action, entity) VALUES ('old', $1, 'patient')`, [a]);
      await migrate(DATABASE_URL, { schema: s2 });
      const rows = await p.query<{ seq: string; action: string }>('SELECT seq::text, action FROM audit_log ORDER BY audit_log.seq');
      expect(rows.rows).toEqual([{ seq: '1', action: 'create' }, { seq: '2', action: 'read' }, { seq: '3', action: 'export' }]);
      await audit(p, { actor: 'new', action: 'read', entity: 'patient' });
      expect(await verifyAuditChain(p)).toMatchObject({ ok: true, rows: 4, lastSeq: '4' });
    } finally {
      await p.end();
    }
  });
});
