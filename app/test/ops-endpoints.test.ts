/**
 * Issue 16 item 6: /metrics and the details of /health were public (versions, roles, pids,
 * database and queue kinds, speech engines, every gateway counter). Now: the public /health says
 * only its status; the details and /metrics need OPS_TOKEN (Authorization: Bearer). Both the
 * single-process server and the supervisor's front door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@tingzhen/voice-core';
import { buildFront } from '../src/supervisor/front.js';
import { OPS, OPS_TOKEN, startTestPlatform, type TestPlatform } from './test-platform.js';

describe('/health and /metrics of a platform process', () => {
  let t: TestPlatform;
  beforeAll(async () => { t = await startTestPlatform('opsep', { TINGZHEN_ROLES: 'api,gateway', TINGZHEN_SUPERVISE: 'false', GATEWAY_AUTH_SECRET: 'ops-endpoints-gateway-secret-0123' }); }, 120_000);
  afterAll(async () => { await t?.dispose(); });

  it('answers the public /health with its status only', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: OPS_TOKEN }] as Record<string, string>[]) {
      const res = await fetch(`${t.platform.url}/health`, { headers });
      const body = await res.json() as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['status']);
      expect(['ok', 'degraded']).toContain(body.status);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('gives the details with the ops token', async () => {
    const body = await (await fetch(`${t.platform.url}/health`, OPS)).json() as Record<string, unknown>;
    expect(body).toMatchObject({ database: { ok: true }, queue: { ok: true } });
    expect(body.version).toBeTypeOf('string');
    expect(body.speech).toBeDefined();
  });

  it('refuses /metrics without the ops token, serves it with', async () => {
    const anon = await fetch(`${t.platform.url}/metrics`);
    expect(anon.status).toBe(401);
    expect(await anon.text()).not.toContain('tingzhen_');
    expect((await fetch(`${t.platform.url}/metrics`, { headers: { authorization: 'Bearer nope-nope-nope-nope' } })).status).toBe(401);
    const ok = await fetch(`${t.platform.url}/metrics`, OPS);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('tingzhen_active_calls');
  });
});

describe('the supervisor front door', () => {
  it('answers /health with its status only unless the ops token is presented, and refuses /metrics', async () => {
    const front = await buildFront({ log: createLogger({ level: 'silent' }), version: 'test', upstreams: {}, statuses: () => [], databaseKind: 'external', draining: () => false, opsToken: OPS_TOKEN });
    try {
      const pub = await front.inject({ method: 'GET', url: '/health' });
      expect(pub.json()).toEqual({ status: 'ok' });
      const detailed = await front.inject({ method: 'GET', url: '/health', headers: OPS.headers });
      expect(detailed.json()).toMatchObject({ status: 'ok', version: 'test', supervisor: { pid: process.pid } });
      expect((await front.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    } finally {
      await front.close();
    }
  });
});
