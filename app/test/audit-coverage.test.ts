/**
 * Issue 16 item 4, "all audited", on the composed platform (api and gateway in one process): each
 * kind of act is performed through the HTTP API as the console does it and its audit_log row read
 * back: sign-in, failed sign-in (a known account, an unknown name, a delayed one), sign-out, a
 * sign-in delay lifted, user created / role changed / disabled / enabled / password reset, patient
 * created / read / listed / changed / do-not-call / imported, results, worklist and hotline reads
 * (one row per request with its count), CSV and FHIR exports, a recording played, a test call, a
 * listen-in started and stopped. Then `tingzhen audit verify` (the real program) finds the chain
 * intact, and no row carries a password, name, phone number or MRN.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@tingzhen/console';
import { verifyAuditChain } from '@tingzhen/campaigns/audit';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { startTestPlatform, type TestPlatform } from './test-platform.js';
import { seedDialingAttempt } from './seed-attempt.js';

const SECRET = 'audit-coverage-secret-0123456789';
const ADMIN_PW = 'audit coverage chief passphrase';
const NURSE_PW = 'audit coverage nurse passphrase';
const NEW_PW = 'a brand new nurse passphrase 2026';
const WRONG_PW = 'not the right passphrase at all';
/** Patient data the acts below handle: none of it may appear in any audit row. */
const PATIENT = { mrn: 'MRN-AUD-771', name: '审计测试患者', phones: ['+8613912345671'] };
const IMPORTED = { mrn: 'MRN-AUD-772', name: 'Imported Auditpatient', phone: '+8613912345672' };
/** A name typed at sign-in that is no account (could be a patient's name or a mistyped password). */
const UNKNOWN_NAME = 'wang.xiaoming.13912345679';
const root = fileURLToPath(new URL('../..', import.meta.url));

let t: TestPlatform;
let adminId: string;

interface AuditRow { seq: string; actor: string; action: string; entity: string; entity_id: string | null; patient_id: string | null; details: Record<string, unknown> }
const rowsAfter = async (seq: string, where = 'true', params: unknown[] = []): Promise<AuditRow[]> =>
  (await t.platform.services.pool.query<AuditRow>(`SELECT seq::text, actor, action, entity, entity_id, patient_id::text, details FROM audit_log
    WHERE audit_log.seq > $1 AND (${where}) ORDER BY audit_log.seq`, [seq, ...params])).rows;
const lastSeq = async (): Promise<string> =>
  (await t.platform.services.pool.query<{ s: string }>('SELECT COALESCE(max(seq), 0)::text AS s FROM audit_log')).rows[0]!.s;

async function call(method: string, path: string, o: { cookie?: string; json?: unknown; body?: string; type?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (o.cookie) headers.cookie = o.cookie;
  if (o.json !== undefined) headers['content-type'] = 'application/json';
  if (o.type) headers['content-type'] = o.type;
  return fetch(`${t.platform.url}${path}`, { method, headers, body: o.json !== undefined ? JSON.stringify(o.json) : o.body });
}
const login = (username: string, password: string) => call('POST', '/api/auth/login', { json: { username, password } });
async function signIn(username: string, password: string): Promise<string> {
  const res = await login(username, password);
  expect(res.status).toBe(200);
  return String(res.headers.get('set-cookie')).split(';')[0]!;
}

beforeAll(async () => {
  t = await startTestPlatform('auditcov', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway' });
  adminId = (await createUser(t.platform.services.pool, { username: 'chief', password: ADMIN_PW, role: 'admin' })).id;
}, 120_000);
afterAll(async () => { await t?.dispose(); });

describe('every kind of act leaves its audit row', () => {
  it('sign-in, failed sign-in (known, unknown, delayed), sign-out; an admin lifts the delay', async () => {
    const pool = t.platform.services.pool;
    const nurseId = (await createUser(pool, { username: 'nurse.slow', password: NURSE_PW, role: 'nurse' })).id;
    const from = await lastSeq();
    const admin = await signIn('chief', ADMIN_PW);
    expect((await login('chief', WRONG_PW)).status).toBe(401);
    expect((await login(UNKNOWN_NAME, WRONG_PW)).status).toBe(401);
    // Five free failures, then a delay: the sixth is refused before the password is checked.
    for (let i = 0; i < 5; i++) expect((await login('nurse.slow', WRONG_PW)).status).toBe(401);
    expect((await login('nurse.slow', NURSE_PW)).status).toBe(429);
    expect((await call('POST', '/api/login-throttles/clear', { cookie: admin, json: { kind: 'user', subject: 'nurse.slow' } })).status).toBe(200);
    expect((await call('POST', '/api/login-throttles/clear', { cookie: admin, json: { kind: 'ip', subject: '127.0.0.1' } })).status).toBe(200);
    const nurse = await signIn('nurse.slow', NURSE_PW);
    expect((await call('POST', '/api/auth/logout', { cookie: nurse })).status).toBe(200);

    const rows = await rowsAfter(from, `entity IN ('console_user', 'login_throttle')`);
    const ip = '127.0.0.1';
    expect(rows.map(({ seq: _s, ...r }) => r)).toEqual([
      { actor: 'user:chief', action: 'login', entity: 'console_user', entity_id: adminId, patient_id: null, details: { ip } },
      { actor: 'user:chief', action: 'login-failed', entity: 'console_user', entity_id: adminId, patient_id: null, details: { reason: 'bad_password', ip } },
      { actor: 'anonymous', action: 'login-failed', entity: 'console_user', entity_id: null, patient_id: null, details: { reason: 'unknown_user', ip } },
      ...Array.from({ length: 5 }, () => ({ actor: 'user:nurse.slow', action: 'login-failed', entity: 'console_user', entity_id: nurseId, patient_id: null, details: { reason: 'bad_password', ip } })),
      { actor: 'user:nurse.slow', action: 'login-failed', entity: 'console_user', entity_id: nurseId, patient_id: null, details: { reason: 'rate_limited', limitedBy: 'user', ip } },
      { actor: 'user:chief', action: 'unlock', entity: 'login_throttle', entity_id: nurseId, patient_id: null, details: { kind: 'user', knownUser: true } },
      { actor: 'user:chief', action: 'unlock', entity: 'login_throttle', entity_id: ip, patient_id: null, details: { kind: 'ip' } },
      { actor: 'user:nurse.slow', action: 'login', entity: 'console_user', entity_id: nurseId, patient_id: null, details: { ip } },
      { actor: 'user:nurse.slow', action: 'logout', entity: 'console_user', entity_id: nurseId, patient_id: null, details: {} },
    ]);
    // The name typed that is no account, and every password, are nowhere in the trail.
    const all = JSON.stringify(await rowsAfter(from));
    for (const secret of [UNKNOWN_NAME, WRONG_PW, NURSE_PW, ADMIN_PW]) expect(all).not.toContain(secret);
  });

  it('user created, role changed, disabled, enabled, password reset (by the admin who did it)', async () => {
    const admin = await signIn('chief', ADMIN_PW);
    const from = await lastSeq();
    const created = await call('POST', '/api/users', { cookie: admin, json: { username: 'nurse.b', password: NURSE_PW, role: 'viewer' } });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const userSession = await signIn('nurse.b', NURSE_PW);
    const patch = async (body: object) => expect((await call('PATCH', `/api/users/${id}`, { cookie: admin, json: body })).status).toBe(200);
    await patch({ role: 'nurse' });
    await patch({ disabled: true });
    expect((await call('GET', '/api/auth/me', { cookie: userSession })).status).toBe(401);
    await patch({ disabled: false });
    await signIn('nurse.b', NURSE_PW);
    await patch({ password: NEW_PW });
    await patch({ displayName: 'Ward 3 nurse' });
    const rows = await rowsAfter(from, `entity = 'console_user' AND entity_id = $2 AND action <> 'login'`, [id]);
    expect(rows.map((r) => [r.actor, r.action, r.details])).toEqual([
      ['user:chief', 'create', { role: 'viewer' }],
      ['user:chief', 'role-change', { from: 'viewer', to: 'nurse' }],
      ['user:chief', 'disable', { sessionsEnded: 1 }],
      ['user:chief', 'enable', {}],
      ['user:chief', 'password-reset', { sessionsEnded: 1 }],
      ['user:chief', 'update', { fields: ['displayName'] }],
    ]);
    const all = JSON.stringify(await rowsAfter(from));
    for (const secret of [NURSE_PW, NEW_PW, 'Ward 3 nurse']) expect(all).not.toContain(secret);
  });

  it('patient created, read, listed, changed, do-not-call set and lifted, imported', async () => {
    const nurse = await signIn('nurse.b', NEW_PW);
    const from = await lastSeq();
    const created = await call('POST', '/api/patients', { cookie: nurse, json: PATIENT });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    expect((await call('GET', `/api/patients/${id}`, { cookie: nurse })).status).toBe(200);
    expect((await call('PATCH', `/api/patients/${id}`, { cookie: nurse, json: { department: 'cardiology' } })).status).toBe(200);
    expect((await call('PATCH', `/api/patients/${id}`, { cookie: nurse, json: { doNotCall: true, doNotCallReason: 'asked on the ward' } })).status).toBe(200);
    expect((await call('PATCH', `/api/patients/${id}`, { cookie: nurse, json: { doNotCall: false } })).status).toBe(200);
    const csv = `mrn,name,phone\n${IMPORTED.mrn},${IMPORTED.name},${IMPORTED.phone}\n,no mrn here,+8613912345673\n`;
    const imported = await call('POST', '/api/patients/import', { cookie: nurse, body: csv, type: 'text/csv' });
    expect(imported.status).toBe(200);
    const importedId = ((await imported.json()) as { ids: string[] }).ids[0];
    const list = await call('GET', '/api/patients?limit=10', { cookie: nurse });
    const listed = ((await list.json()) as { items: { id: string }[] }).items.map((p) => p.id);
    expect(listed.length).toBeGreaterThanOrEqual(2);

    const rows = await rowsAfter(from, `entity IN ('patient', 'patient_list')`);
    expect(rows.map((r) => [r.actor, r.action, r.entity, r.entity_id, r.patient_id, r.details])).toEqual([
      ['user:nurse.b', 'create', 'patient', id, id, {}],
      ['user:nurse.b', 'read', 'patient', id, id, {}],
      ['user:nurse.b', 'update', 'patient', id, id, { fields: ['department'] }],
      ['user:nurse.b', 'update', 'patient', id, id, { fields: ['doNotCall', 'doNotCallReason'], doNotCall: true }],
      ['user:nurse.b', 'update', 'patient', id, id, { fields: ['doNotCall'], doNotCall: false }],
      // The import: each patient it creates, then the import itself with its counts.
      ['user:nurse.b', 'create', 'patient', importedId, importedId, {}],
      ['user:nurse.b', 'import', 'patient', null, null, { imported: 1, invalid: 1 }],
      // One row for the whole list, with its ids and count: never one per patient.
      ['user:nurse.b', 'read', 'patient_list', null, null, { count: listed.length, ids: listed }],
    ]);
  });

  it('results, worklist and hotline reads (one row per request), CSV and FHIR exports, a recording played', async () => {
    const pool = t.platform.services.pool;
    const results: { id: string; patientId: string }[] = [];
    const recordingsDir = t.platform.config.recordingsDir ?? join(t.dataDir, 'recordings');
    mkdirSync(recordingsDir, { recursive: true, mode: 0o700 });
    for (const n of [1, 2]) {
      const s = await seedDialingAttempt(pool, { phone: `+861391234568${n}`, mrn: `MRN-AUD-R${n}` });
      const ref = `audit-coverage-${n}.wav`;
      writeFileSync(join(recordingsDir, ref), Buffer.from('RIFF\0\0\0\0WAVE'), { mode: 0o600 });
      const r = await pool.query<{ id: string }>(`INSERT INTO call_results (attempt_id, contact_id, campaign_id, patient_id, script_id, script_version, recording_ref, disposition)
        SELECT id, contact_id, campaign_id, patient_id, 'post-op-followup', '1', $2, 'D5' FROM call_attempts WHERE id = $1 RETURNING id::text`, [s.attemptId, ref]);
      results.push({ id: r.rows[0]!.id, patientId: s.patientId });
    }
    const inbound = (await pool.query<{ id: string }>(`INSERT INTO inbound_calls (call_id, end_reason, caller_number) VALUES ('CA-audit-cov', 'completed', '+8613912345674') RETURNING id::text`)).rows[0]!.id;
    const nurse = await signIn('nurse.b', NEW_PW);
    const from = await lastSeq();
    const [a, b] = results as [{ id: string; patientId: string }, { id: string; patientId: string }];
    for (const path of ['/api/results', `/api/results/${a.id}`, '/api/results.csv', '/api/results/fhir', `/api/results/${b.id}/fhir`,
      '/api/escalations', '/api/inbound-calls', `/api/inbound-calls/${inbound}`]) {
      expect((await call('GET', path, { cookie: nurse })).status, path).toBe(200);
    }
    const played = await call('GET', `/api/recordings/${a.id}`, { cookie: nurse });
    expect(played.status).toBe(200);
    expect(Buffer.from(await played.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('RIFF');

    const rows = await rowsAfter(from);
    expect(rows.map((r) => [r.actor, r.action, r.entity, r.entity_id, r.patient_id, r.details])).toEqual([
      ['user:nurse.b', 'read', 'call_result_list', null, null, { count: 2 }],
      ['user:nurse.b', 'read', 'call_result', a.id, a.patientId, {}],
      ['user:nurse.b', 'export', 'call_result', null, null, { format: 'csv', count: 2 }],
      ['user:nurse.b', 'export', 'call_result', null, null, { format: 'fhir', count: 2 }],
      ['user:nurse.b', 'export', 'call_result', b.id, b.patientId, { format: 'fhir' }],
      ['user:nurse.b', 'read', 'escalation_list', null, null, { count: 0 }],
      ['user:nurse.b', 'read', 'inbound_call_list', null, null, { count: 1, includeTests: false }],
      ['user:nurse.b', 'read', 'inbound_call', inbound, null, {}],
      ['user:nurse.b', 'read', 'recording', a.id, a.patientId, { table: 'call_results' }],
    ]);
  });

  it('a test call is audited when its token is issued', async () => {
    const nurse = await signIn('nurse.b', NEW_PW);
    const from = await lastSeq();
    const res = await call('POST', '/api/testcall', { cookie: nurse, json: { scriptId: 'post-op-followup', language: 'en' } });
    expect(res.status).toBe(200);
    expect(await rowsAfter(from, `action = 'testcall'`)).toEqual([
      expect.objectContaining({ actor: 'user:nurse.b', action: 'testcall', entity: 'script', entity_id: 'post-op-followup', details: { lang: 'en', dialect: 'native' } }),
    ]);
  });

  it('a listen-in started and stopped', async () => {
    const caller = new TestCaller({ url: `${t.platform.url.replace('http', 'ws')}/media/native?token=${signToken(SECRET, { ttlMs: 60_000 })}`, callId: 'CA-audit-listen', parameters: { lang: 'zh' } });
    await caller.connect();
    try {
      await caller.waitBotStart(30_000);
      const nurse = await signIn('nurse.b', NEW_PW);
      const from = await lastSeq();
      expect((await call('POST', '/api/listen/CA-audit-listen', { cookie: nurse })).status).toBe(200);
      expect((await call('DELETE', '/api/listen/CA-audit-listen', { cookie: nurse })).status).toBe(200);
      expect((await rowsAfter(from)).map((r) => [r.actor, r.action, r.entity, r.entity_id, r.details])).toEqual([
        ['user:nurse.b', 'listen', 'live-call', 'CA-audit-listen', {}],
        ['user:nurse.b', 'listen-stop', 'live-call', 'CA-audit-listen', {}],
      ]);
    } finally {
      caller.hangup();
    }
  }, 60_000);

  it('tingzhen audit verify finds the chain intact; no row carries patient data or a password', async () => {
    const pool = t.platform.services.pool;
    const report = await verifyAuditChain(pool);
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.rows).toBeGreaterThan(30);
    const p = spawnSync(process.execPath, ['app/bin/tingzhen.js', 'audit', 'verify'], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' } });
    expect({ status: p.status, out: p.stdout }).toEqual({ status: 0, out: expect.stringContaining(`audit trail intact: ${report.rows} rows`) });
    const all = JSON.stringify((await pool.query('SELECT actor, action, entity, entity_id, details FROM audit_log')).rows);
    for (const s of [PATIENT.mrn, PATIENT.name, PATIENT.phones[0]!, '13912345671', IMPORTED.mrn, IMPORTED.name, '13912345672', '13912345674', 'MRN-AUD-R1',
      'asked on the ward', UNKNOWN_NAME, ADMIN_PW, NURSE_PW, NEW_PW, WRONG_PW]) expect(all).not.toContain(s);
  }, 60_000);
});
