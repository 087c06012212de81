/**
 * Issue 18 item 3, the API side: a refused input answers TZ_ERR_VALIDATION with one problem per
 * field, each with its path and a problem code (voice-core contracts/api-errors.ts) the console
 * words in zh-CN and en: ajv's schema errors (required, too long, not an allowed value, a bad date,
 * out of range; fastify's ajv drops an unknown property rather than refusing it), the repositories' own checks (end before start, unknown time
 * zone, bad phone), password rules, and a taken MRN (TZ_ERR_CONFLICT naming the field). Against the
 * console and campaigns API on the real PostgreSQL (own schema). TypeBox errors (the importer's
 * validator) translate the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { FIELD_PROBLEM_CODES, fieldProblemsFromTypeBox, type FieldProblem } from '@tingzhen/voice-core';
import { createAdminUser } from '@tingzhen/console';
import { makeConsoleEnv, signIn, type ConsoleEnv } from './console-helpers.js';

const PASSWORD = 'field-problems-passphrase';

describe('API field problems: a path and a code per field', () => {
  let env: ConsoleEnv;
  let cookie: string;
  let patientId: string;
  let script: { id: string; version: string };
  const send = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const r = await env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    return { status: r.statusCode, body: r.json<{ error: { code: string; details: { problems?: FieldProblem[]; field?: string; code?: string } } }>() };
  };
  const problems = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const r = await send(method, url, payload);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe('TZ_ERR_VALIDATION');
    const list = r.body.error.details.problems ?? [];
    for (const p of list) expect(FIELD_PROBLEM_CODES, JSON.stringify(p)).toContain(p.code);
    return list.map((p) => ({ field: p.field, code: p.code, ...(p.limit !== undefined ? { limit: p.limit } : {}) }));
  };

  beforeAll(async () => {
    env = await makeConsoleEnv('fieldprob');
    await createAdminUser(env.pool, { username: 'chief', password: PASSWORD });
    cookie = await signIn(env.app, 'chief', PASSWORD);
    const p = await send('POST', '/api/patients', { mrn: 'FP-1', name: '张三', phones: ['+8613800138000'] });
    patientId = (p.body as unknown as { id: string }).id;
    script = ((await send('GET', '/api/scripts')).body as unknown as { items: { id: string; version: string }[] }).items[0]!;
  });
  afterAll(async () => { await env?.close(); });

  it('schema errors: a missing property, too long a text, a value not allowed', async () => {
    expect(await problems('POST', '/api/patients', { mrn: 'FP-2', phones: ['+8613800138001'] })).toEqual([{ field: 'name', code: 'required' }]);
    expect(await problems('PATCH', `/api/patients/${patientId}`, { doNotCall: true, doNotCallReason: 'x'.repeat(501) })).toEqual([{ field: 'doNotCallReason', code: 'too_long', limit: 500 }]);
    expect(await problems('PATCH', `/api/patients/${patientId}`, { consentStatus: 'maybe' })).toEqual([{ field: 'consentStatus', code: 'not_allowed' }]);
  });

  it('dates, numbers and query strings: the field by its path', async () => {
    const base = { name: 'c', scriptId: script.id, scriptVersion: script.version, timezone: 'Asia/Shanghai', windows: {} };
    expect(await problems('POST', '/api/campaigns', { ...base, startDate: '2024-02-30' })).toEqual([{ field: 'startDate', code: 'bad_date' }]);
    expect(await problems('POST', '/api/campaigns', { ...base, startDate: '2030-01-01', maxAttempts: 99 })).toEqual([{ field: 'maxAttempts', code: 'too_large', limit: 20 }]);
    expect(await problems('POST', '/api/campaigns', { ...base, startDate: '2030-01-01', windows: { mon: [['09:00', '25:00']] } })).toEqual([{ field: 'windows.mon.0.1', code: 'bad_format' }]);
    expect(await problems('GET', '/api/escalations?limit=100000')).toEqual([{ field: 'limit', code: 'too_large', limit: 500 }]);
  });

  it("the repositories' own checks: end before start, an unknown time zone, a bad phone", async () => {
    const base = { name: 'c', scriptId: script.id, scriptVersion: script.version, windows: {} };
    expect(await problems('POST', '/api/campaigns', { ...base, timezone: 'Asia/Shanghai', startDate: '2030-03-02', endDate: '2030-03-01' })).toEqual([{ field: 'endDate', code: 'end_before_start' }]);
    expect(await problems('POST', '/api/campaigns', { ...base, timezone: 'Mars/Olympus', startDate: '2030-03-01' })).toEqual([{ field: 'timezone', code: 'unknown_timezone' }]);
    expect(await problems('POST', '/api/patients', { mrn: 'FP-3', name: '李四', phones: ['12'.repeat(3)] })).toEqual([{ field: 'phones', code: 'bad_phone' }]);
  });

  it('password rules and a name taken: each names the field', async () => {
    expect(await problems('POST', '/api/users', { username: 'nurse.a', password: 'aaaaaaaaaaaaaaaa', role: 'nurse' })).toEqual([{ field: 'password', code: 'password_repetitive' }]);
    expect(await problems('POST', '/api/users', { username: 'Nurse A', password: 'a long and unusual passphrase', role: 'nurse' })).toEqual([{ field: 'username', code: 'bad_username' }]);
    const taken = await send('POST', '/api/patients', { mrn: 'FP-1', name: '王五', phones: ['+8613800138002'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'TZ_ERR_CONFLICT', details: { field: 'mrn', code: 'taken' } });
  });

  it('TypeBox value errors translate to the same codes', () => {
    const schema = Type.Object({ mrn: Type.String({ minLength: 1, maxLength: 4 }), consent: Type.Optional(Type.Union([Type.Literal('granted'), Type.Literal('refused')])), n: Type.Optional(Type.Integer({ maximum: 3 })) });
    const list = (v: unknown) => fieldProblemsFromTypeBox(Value.Errors(schema, v) as never).map((p) => ({ field: p.field, code: p.code, ...(p.limit !== undefined ? { limit: p.limit } : {}) }));
    expect(list({})).toEqual([{ field: 'mrn', code: 'required' }]);
    expect(list({ mrn: 'ABCDE' })).toEqual([{ field: 'mrn', code: 'too_long', limit: 4 }]);
    expect(list({ mrn: 'A', consent: 'maybe' })).toEqual([{ field: 'consent', code: 'not_allowed' }]);
    expect(list({ mrn: 'A', n: 9 })).toEqual([{ field: 'n', code: 'too_large', limit: 3 }]);
  });
});
