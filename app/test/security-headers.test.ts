/**
 * Issue 16 item 3: the session cookie never got `Secure` behind the TLS reverse proxy (no
 * trusted-proxy setting), there were no security headers, and patient data could stay in a
 * browser's cache. Now, with TRUST_PROXY naming the proxy: X-Forwarded-Proto https makes the
 * cookie Secure and adds HSTS (also through the supervisor's front door to the api role); the same
 * header from anyone else is ignored; /api answers carry Cache-Control: no-store; helmet's headers
 * are on every answer. Real PostgreSQL, own schema.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignsApi, createPool, dropSchema, migrate } from '@tingzhen/campaigns';
import { actorOf, authorize, consolePlugin, createAdminUser } from '@tingzhen/console';
import { createLogger, loadConfig } from '@tingzhen/voice-core';
import { buildFront } from '../src/supervisor/front.js';
import { roleTrustProxy, trustProxyOption } from '../src/trust-proxy.js';
import { DATABASE_URL } from './console-helpers.js';

const PASSWORD = 'headers-test-passphrase';
const loginWith = (app: FastifyInstance, headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief', password: PASSWORD }, headers });

describe('security headers and the session cookie', () => {
  const schema = `tzt_headers_${randomBytes(4).toString('hex')}`;
  let pool: pg.Pool;
  const apps: FastifyInstance[] = [];
  async function consoleApp(trustProxy: ReturnType<typeof trustProxyOption>): Promise<FastifyInstance> {
    const app = Fastify({ logger: false, trustProxy });
    await app.register(consolePlugin, { pool });
    await app.register(campaignsApi, { pool, prefix: '/api', authorize, actorOf } as never);
    await app.ready();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    await migrate(DATABASE_URL, { schema });
    pool = createPool(DATABASE_URL, { schema, max: 6 });
    await createAdminUser(pool, { username: 'chief', password: PASSWORD });
  }, 60_000);
  afterAll(async () => {
    for (const a of apps) await a.close();
    await pool?.end();
    await dropSchema(DATABASE_URL, schema);
  });

  it('makes the cookie Secure and sends HSTS when the trusted proxy says the request came over TLS', async () => {
    const behindProxy = await consoleApp(trustProxyOption(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy));
    const tls = await loginWith(behindProxy, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.5' });
    expect(tls.statusCode).toBe(200);
    expect(String(tls.headers['set-cookie'])).toMatch(/; Secure/);
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await loginWith(behindProxy, {});
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('ignores X-Forwarded-Proto when no proxy is trusted (anyone could send it)', async () => {
    const direct = await consoleApp(trustProxyOption(undefined));
    const res = await loginWith(direct, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('sends no-store on patient data and helmet headers everywhere', async () => {
    const app = await consoleApp(false);
    const cookie = String((await loginWith(app, {})).headers['set-cookie']).split(';')[0]!;
    await app.inject({ method: 'POST', url: '/api/patients', headers: { cookie }, payload: { mrn: 'H-1', name: '李四', phones: ['+8613800138001'] } });
    for (const url of ['/api/patients', '/api/results', '/api/escalations', '/api/auth/me']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
    }
  });

  it('through the supervisor front door: the role process sees https from the front door, which believes only TRUST_PROXY', async () => {
    // The api role as the supervisor runs it: it trusts the front door (loopback) only.
    const role = await consoleApp(roleTrustProxy(loadConfig({ TINGZHEN_SUPERVISED: 'true' })));
    await role.listen({ port: 0, host: '127.0.0.1' });
    const upstream = `http://127.0.0.1:${(role.server.address() as AddressInfo).port}`;
    const statuses = () => [{ role: 'api' as const, state: 'up' as const, pid: process.pid, restarts: 0, lastExit: null }] as never;
    const post = async (front: FastifyInstance, headers: Record<string, string>) => {
      const url = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}/api/auth/login`;
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'chief', password: PASSWORD }) });
    };
    for (const [trust, secure] of [[trustProxyOption('127.0.0.1'), true], [trustProxyOption(undefined), false]] as const) {
      const front = await buildFront({ log: createLogger({ level: 'silent' }), version: 't', upstreams: { api: upstream }, statuses, databaseKind: 'external', draining: () => false, trustProxy: trust, opsToken: 'front-ops-token-0123456789' });
      apps.push(front);
      await front.listen({ port: 0, host: '127.0.0.1' });
      const res = await post(front, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.7.0.9' });
      expect(res.status).toBe(200);
      expect(/; Secure/i.test(res.headers.get('set-cookie') ?? ''), `front trusting ${String(trust)}`).toBe(secure);
      // The role counted the sign-in against the client the front door resolved.
      const ip = (await pool.query<{ ip: string }>('SELECT ip FROM console_login_attempts ORDER BY id DESC LIMIT 1')).rows[0]!.ip;
      expect(ip).toBe(secure ? '10.7.0.9' : '127.0.0.1');
    }
  });
});
