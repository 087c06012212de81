/**
 * Bad input on the campaigns API (issue 16 item 5) without a database: a pool that records every
 * query shows that bad dates, numbers and YAML are refused before anything reaches it, and that a
 * database "data exception" (SQLSTATE class 22) answers 400 while any other fault stays a logged 500.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignsApi, type Scheduler } from '../src/index.js';

interface Env { app: FastifyInstance; queries: string[]; logs: { level: number; msg: string; sqlstate?: string }[] }

async function makeApp(fail?: () => Error): Promise<Env> {
  const queries: string[] = [];
  const logs: Env['logs'] = [];
  const pool = {
    query: async (sql: string) => {
      queries.push(sql);
      if (fail) throw fail();
      return { rows: [], rowCount: 0 };
    },
  } as unknown as pg.Pool;
  const stream = new Writable({ write(chunk, _enc, done) { logs.push(JSON.parse(String(chunk))); done(); } });
  const app = Fastify({ logger: { level: 'warn', stream } });
  await app.register(campaignsApi, { pool, scheduler: {} as Scheduler, prefix: '/api' } as never);
  await app.ready();
  return { app, queries, logs };
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('campaigns API: bad input answers 400 naming the field, before the database', () => {
  let env: Env | undefined;
  afterEach(async () => { await env?.app.close(); env = undefined; });

  it('refuses impossible dates, times and out-of-range paging without a query', async () => {
    env = await makeApp();
    const campaign = { name: 'c', scriptId: 's', scriptVersion: '1', timezone: 'Asia/Shanghai', startDate: '2030-01-01', windows: {} };
    const cases: [string, string, object | undefined, string][] = [
      ['POST', '/api/campaigns', { ...campaign, startDate: '2024-02-30' }, 'startDate'],
      ['POST', '/api/campaigns', { ...campaign, startDate: '0000-01-01' }, 'startDate'],
      ['POST', '/api/campaigns', { ...campaign, quietDays: ['2023-02-29'] }, 'quietDays'],
      ['POST', '/api/campaigns', { ...campaign, windows: { mon: [['09:00', '24:30']] } }, 'windows'],
      ['POST', '/api/patients', { mrn: 'M', name: 'N', phones: ['+8613800138000'], dischargeDate: '2024-13-01' }, 'dischargeDate'],
      ['POST', '/api/patients', { mrn: 'M', name: 'N', phones: ['+8613800138000'], consentAt: '0000-01-01T00:00:00Z' }, 'consentAt'],
      ['GET', '/api/results?from=2024-02-30T00:00:00Z', undefined, 'from'],
      ['GET', '/api/inbound-calls?to=2024-06-01T25:00:00Z', undefined, 'to'],
      ['GET', '/api/patients?offset=18446744073709551616', undefined, 'offset'],
      ['GET', '/api/results?offset=99999999999999999999', undefined, 'offset'],
      ['GET', '/api/campaigns?offset=-1', undefined, 'offset'],
      ['GET', '/api/escalations?limit=100000', undefined, 'limit'],
    ];
    for (const [method, url, payload, field] of cases) {
      const r = await env.app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(r.json().error.code).toBe('TZ_ERR_VALIDATION');
      expect(JSON.stringify(r.json().error.details), url).toContain(field);
    }
    expect(env.queries).toEqual([]);
    // The good values still pass (24:00 ends a day; 29 February of a leap year exists).
    const ok = await env.app.inject({ method: 'GET', url: '/api/results?from=2024-02-29T00:00:00Z&offset=2147483647' });
    expect(ok.statusCode).toBe(200);
  });

  it('lints blank and null YAML, alias bombs and dangling aliases as 400s naming yaml; too long a script is refused by size', async () => {
    env = await makeApp();
    const bomb = ['l0: &l0 "lol"', ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`)].join('\n');
    for (const yaml of [' ', '\n\n', '~', 'null', '# nothing\n---\n...\n', '--- ~', bomb, 'a: *nowhere\n', 'x'.repeat(262_145)]) {
      const r = await env.app.inject({ method: 'POST', url: '/api/scripts/lint', payload: { yaml } });
      expect(r.statusCode, JSON.stringify(yaml.slice(0, 30))).toBe(400);
      expect(JSON.stringify(r.json().error.details)).toContain('yaml');
    }
    // Text that is a script (or tries to be) is linted: issues, not errors.
    const r = await env.app.inject({ method: 'POST', url: '/api/scripts/lint', payload: { yaml: 'id: x\nsteps: []\n' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: false });
    expect(r.json().issues.length).toBeGreaterThan(0);
  });

  it('answers a database data exception (class 22) with 400 and logs its code only; other database faults stay 500 and are logged as errors', async () => {
    env = await makeApp(() => pgError('22P02', 'invalid input syntax for type bigint: "secret-value"'));
    const r = await env.app.inject({ method: 'GET', url: '/api/patients/12' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'TZ_ERR_VALIDATION', details: { sqlstate: '22P02' } });
    expect(r.body).not.toContain('secret-value');
    expect(env.logs.map((l) => [l.level, l.sqlstate])).toEqual([[40, '22P02']]);
    expect(JSON.stringify(env.logs)).not.toContain('secret-value');
    await env.app.close();

    env = await makeApp(() => pgError('57P01', 'terminating connection due to administrator command'));
    const down = await env.app.inject({ method: 'GET', url: '/api/patients/12' });
    expect(down.statusCode).toBe(500);
    expect(down.json().error.code).toBe('TZ_ERR_INTERNAL');
    expect(env.logs.some((l) => l.level === 50 && l.msg === 'campaigns api error')).toBe(true);
  });
});
