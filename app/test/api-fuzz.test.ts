/**
 * Route fuzz (issue 16 item 5): every operation of the platform's OpenAPI document gets generated
 * bad inputs (fuzz-requests.ts, fixed seed) with an admin session, against the composed platform
 * (api role, its own database). No answer may be a 5xx; a control character anywhere, an
 * impossible date and an out-of-range number answer 400 naming the input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAdminUser } from '@tingzhen/console';
import { startTestPlatform, type TestPlatform } from './test-platform.js';
import { aliasBomb, generateRequests, typeOf, type FuzzRequest, type OpenApiDoc } from './fuzz-requests.js';

const SEED = 0x16_0005;
const PASSWORD = 'fuzz-admin-password-16';

describe('route fuzz from the OpenAPI document (composed platform, real PostgreSQL)', () => {
  let tp: TestPlatform;
  let app: FastifyInstance;
  let cookie: string;
  let doc: OpenApiDoc;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tp = await startTestPlatform('fuzz', { TINGZHEN_ROLES: 'api' });
    app = tp.platform.server;
    await createAdminUser(tp.platform.services.pool, { username: 'fuzz-admin', password: PASSWORD });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fuzz-admin', password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const r = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
      return r.json();
    };
    // Real rows for the id parameters, so that bad bodies reach the code behind a found row.
    ids.patients = (await call('POST', '/api/patients', { mrn: 'FZ-1', name: 'Fuzz Patient', phones: ['+8613800138000'] })).id;
    const script = (await call('GET', '/api/scripts')).items.find((s: { id: string }) => s.id === 'post-op-followup');
    ids.campaigns = (await call('POST', '/api/campaigns', {
      name: 'fuzz', scriptId: script.id, scriptVersion: script.version, timezone: 'Asia/Shanghai', startDate: '2030-03-01', windows: { mon: [['09:00', '17:00']] },
    })).id;
    // A second user for /api/users/{id}: the fuzz must not change the signed-in admin.
    ids.users = (await call('POST', '/api/users', { username: 'fuzz-nurse', password: 'fuzz-nurse-password-16', role: 'nurse' })).id;
    const d = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie } });
    expect(d.statusCode).toBe(200);
    doc = d.json();
  });
  afterAll(async () => { await tp?.dispose(); });

  it('documents every route of the api role that takes input', () => {
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/auth/login', '/api/auth/setup', '/api/users', '/api/users/{id}', '/api/testcall', '/api/recordings/{resultId}',
      '/api/patients', '/api/patients/{id}', '/api/patients/import', '/api/campaigns', '/api/campaigns/{id}/windows',
      '/api/results', '/api/escalations/{id}/resolve', '/api/inbound-calls', '/api/scripts/lint', '/api/scripts/{id}/preview',
    ]));
  });

  it('answers no generated bad input with a 5xx; control characters, impossible dates and out-of-range numbers are 400s naming the input', async () => {
    const requests = generateRequests(doc, {
      byName: {
        timezone: 'Asia/Shanghai', phones: '+8613800138000', scriptId: 'post-op-followup', scriptVersion: '1', language: 'zh-CN', mrn: 'FZ-2',
        username: 'fuzz-someone', password: 'fuzz-password-long-16', role: 'nurse', token: 'not-a-setup-token', yaml: 'id: x\n', patientIds: ids.patients,
        startDate: '2030-03-01', endDate: '2030-12-31', quietDays: '2030-05-01', dischargeDate: '2030-02-01', callerId: '+8610000000', trunk: 'default',
      },
      idFor: (path) => ids[path.split('/')[2] ?? ''] ?? '1',
      withoutSession: ['POST /api/auth/logout'],
    }, cookie, SEED);
    expect(requests.length).toBeGreaterThan(3000);
    const failures: string[] = [];
    const unnamed: string[] = [];
    const statuses = new Map<number, number>();
    for (const r of requests) {
      const res = await app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const what = `${r.operation} ${r.field ?? ''} [${r.label}] -> ${res.statusCode}`;
      // This checkout may not have built the console: its pages then answer 503 with how to build it.
      const unbuiltConsole = res.statusCode === 503 && r.operation === 'GET /{*}' && res.body.includes('npm run build -w console');
      if (res.statusCode >= 500 && !unbuiltConsole) failures.push(`${what} ${res.body.slice(0, 200)}`);
      else if (mustBe400(r) && !(res.statusCode === 400 && namesInput(res.body, r))) unnamed.push(`${what} ${res.body.slice(0, 200)}`);
    }
    console.info(`route fuzz: ${requests.length} requests over ${Object.keys(doc.paths).length} paths, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(failures).toEqual([]);
    expect(unnamed).toEqual([]);
    // The session survived the fuzz (nothing it sent could sign the admin out or change them).
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  }, 180_000);

  it('names the field for the defects the review found (NUL at sign-in, 30 February, a 2^64 offset, blank or alias-bomb YAML)', async () => {
    const send = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const problems = (body: string) => JSON.stringify(JSON.parse(body).error.details);

    const nul = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fuzz-admin\u0000', password: PASSWORD } });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('TZ_ERR_VALIDATION');
    expect(problems(nul.body)).toContain('username');

    const feb30 = await send('POST', '/api/campaigns', { name: 'c', scriptId: 'post-op-followup', scriptVersion: '1', timezone: 'Asia/Shanghai', startDate: '2024-02-30', windows: {} });
    expect(feb30.statusCode).toBe(400);
    expect(problems(feb30.body)).toContain('startDate');
    const from = await send('GET', '/api/results?from=2024-02-30T00:00:00Z');
    expect(from.statusCode).toBe(400);
    expect(problems(from.body)).toContain('from');

    const offset = await send('GET', '/api/patients?offset=18446744073709551616');
    expect(offset.statusCode).toBe(400);
    expect(problems(offset.body)).toContain('offset');

    for (const yaml of [' ', '~', aliasBomb(9)]) {
      const r = await send('POST', '/api/scripts/lint', { yaml });
      expect(r.statusCode, JSON.stringify(yaml.slice(0, 20))).toBe(400);
      expect(problems(r.body)).toContain('yaml');
    }
    // A good script still lints.
    const ok = await send('POST', '/api/scripts/lint', { yaml: 'id: x\n' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ok).toBe(false);
  });

  it('imports the good rows of a file whose other rows carry control characters or impossible dates', async () => {
    const csv = 'mrn,name,phone,discharge_date\nIM-1,Good Row,+8613800138001,2030-01-02\nIM-2,Bad\u0000Row,+8613800138002,\nIM-3,Other,+8613800138003,2024-02-30\n';
    const r = await app.inject({ method: 'POST', url: '/api/patients/import', headers: { cookie, 'content-type': 'text/csv' }, payload: csv });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ imported: 1, invalid: 2 });
    expect(r.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, 'name'], [4, 'dischargeDate']]);
  });
});

/** Inputs the platform must refuse with 400 naming the field, wherever they appear. */
function mustBe400(r: FuzzRequest): boolean {
  if (!r.field) return false;
  if (r.kind === 'control') return true;
  // Impossible dates and times where a date or a time is expected.
  const s = r.schema;
  if (r.kind === 'date' && s && (s.format === 'date' || s.format === 'date-time' || /d\{3\}-|\[0-5\]/.test(s.pattern ?? ''))) return true;
  // Numbers beyond their range (or beyond 64 bits) where a number is expected.
  return r.kind === 'range' && (typeOf(s) === 'integer' || typeOf(s) === 'number');
}

function namesInput(body: string, r: FuzzRequest): boolean {
  try {
    const details = JSON.stringify((JSON.parse(body) as { error: { details: unknown } }).error.details);
    const name = r.field!.split('.').slice(1).find((k) => !/^\d+$/.test(k)) ?? r.field!;
    return details.includes(name);
  } catch {
    return false;
  }
}
