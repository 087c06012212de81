/**
 * Console auth, roles and live events over fastify inject and a real socket, on the real
 * PostgreSQL (own schema), with the campaigns API protected by the console's authorize/actorOf.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminUser, createUser, ensureSetupToken, hashPassword, verifyPassword } from '@tingzhen/console';
import { makeConsoleEnv, signIn, type ConsoleEnv } from './console-helpers.js';

describe('console auth and roles (real PostgreSQL)', () => {
  let env: ConsoleEnv;
  beforeAll(async () => { env = await makeConsoleEnv('console', { escalateAfterMinutes: 1 }); });
  afterAll(async () => { await env?.close(); });

  it('hashes passwords with scrypt: verify accepts the password only', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('creates the first admin once with the one-time setup token; no default account exists', async () => {
    const { app, pool } = env;
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/setup' })).json()).toEqual({ needed: true });
    const token = await ensureSetupToken(pool);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bad = await app.inject({ method: 'POST', url: '/api/auth/setup', payload: { token: 'nope', username: 'chief', password: 'a-long-password' } });
    expect(bad.statusCode).toBe(401);
    const weak = await app.inject({ method: 'POST', url: '/api/auth/setup', payload: { token, username: 'chief', password: 'short' } });
    expect(weak.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/api/auth/setup', payload: { token, username: 'chief', password: 'a-long-password' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: 'chief', role: 'admin' });
    const again = await app.inject({ method: 'POST', url: '/api/auth/setup', payload: { token, username: 'chief2', password: 'a-long-password' } });
    expect(again.statusCode).toBe(401);
    expect(await ensureSetupToken(pool)).toBeNull();
    const stored = await pool.query('SELECT token_hash FROM console_setup_tokens');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('signs in with an HttpOnly session cookie, serves me, and signs out', async () => {
    const { app } = env;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief', password: 'a-long-password' } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    // Set by @fastify/cookie (its attribute order); no Secure over plain HTTP without a trusted proxy saying https.
    expect(cookie).toMatch(/^tz_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/);
    const c = cookie.split(';')[0]!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } });
    expect(me.json()).toMatchObject({ user: { username: 'chief', role: 'admin' }, settings: { escalateAfterMinutes: 1 } });
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: c } })).statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const { app, pool } = env;
    const c = await signIn(app, 'chief', 'a-long-password');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } })).statusCode).toBe(200);
    await pool.query("UPDATE console_sessions SET expires_at = now() - interval '1 second'");
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } })).statusCode).toBe(401);
  });

  it('enforces roles on the campaigns API and the admin routes, and audits the acting user', async () => {
    const { app, pool } = env;
    const admin = await signIn(app, 'chief', 'a-long-password');
    for (const [username, role] of [['nurse1', 'nurse'], ['viewer1', 'viewer']] as const) {
      const r = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username, password: 'another-long-pw', role } });
      expect(r.statusCode).toBe(201);
    }
    const nurse = await signIn(app, 'nurse1', 'another-long-pw');
    const viewer = await signIn(app, 'viewer1', 'another-long-pw');
    // No session: refused everywhere, including the API's reads.
    expect((await app.inject({ method: 'GET', url: '/api/campaigns' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(401);
    // Viewer: campaigns and progress only; no patients, results, worklist, imports, user admin.
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: viewer } })).statusCode).toBe(200);
    for (const url of ['/api/patients', '/api/results', '/api/escalations']) {
      const r = await app.inject({ method: 'GET', url, headers: { cookie: viewer } });
      expect(r.statusCode, url).toBe(403);
      expect(r.json().error.code, url).toBe('TZ_ERR_FORBIDDEN');
    }
    expect((await app.inject({ method: 'POST', url: '/api/patients/import?dryRun=true', headers: { cookie: viewer, 'content-type': 'text/csv' }, payload: 'mrn,name,phone\n' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: viewer } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: viewer }, payload: { username: 'evil', password: 'another-long-pw', role: 'admin' } })).statusCode).toBe(403);
    // Nurse: clinical work, but no user admin and no deletes.
    const p = await app.inject({ method: 'POST', url: '/api/patients', headers: { cookie: nurse }, payload: { mrn: 'C1', name: 'Wang', phones: ['+8613800138000'] } });
    expect(p.statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: `/api/patients/${p.json().id}`, headers: { cookie: nurse } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: nurse } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin } })).json().items.map((u: { username: string }) => u.username)).toEqual(['chief', 'nurse1', 'viewer1']);
    const audit = await pool.query("SELECT actor FROM audit_log WHERE entity = 'patient' AND action = 'create'");
    expect(audit.rows.map((r) => r.actor)).toEqual(['user:nurse1']);
    // Disabling a user ends their sessions at once.
    const users = (await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin } })).json().items as { id: string; username: string }[];
    const nurseId = users.find((u) => u.username === 'nurse1')!.id;
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${nurseId}`, headers: { cookie: admin }, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/patients', headers: { cookie: nurse } })).statusCode).toBe(401);
    // The last admin cannot demote themself.
    const chiefId = users.find((u) => u.username === 'chief')!.id;
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${chiefId}`, headers: { cookie: admin }, payload: { role: 'nurse' } })).statusCode).toBe(409);
  });

  it('rate-limits sign-in per username after 5 failures, even with the right password', async () => {
    const { app, pool } = env;
    await createUser(pool, { username: 'target', password: 'the-right-password', role: 'nurse' });
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'target', password: `wrong-${i}` } })).statusCode).toBe(401);
    }
    const locked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'target', password: 'the-right-password' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.details.reason).toBe('rate_limited');
    // Another account from the same address is still fine (below the per-address limit).
    await createAdminUser(pool, { username: 'other', password: 'the-right-password' });
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'other', password: 'the-right-password' } })).statusCode).toBe(200);
  });

  it('streams worklist changes and overdue escalations as server-sent events', async () => {
    const { app, pool } = env;
    const cookie = await signIn(app, 'chief', 'a-long-password');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const events: { event: string; data: { open?: number; latestId?: string; ids?: string[] } }[] = [];
    let buf = '';
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', headers: { cookie } });
    const opened = new Promise<number>((resolve) => req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i); buf = buf.slice(i + 2);
          const ev = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (ev && data) events.push({ event: ev, data: JSON.parse(data) as Ev['data'] });
        }
      });
      resolve(res.statusCode ?? 0);
    }));
    req.end();
    expect(await opened).toBe(200);
    type Ev = { event: string; data: { open?: number; latestId?: string; ids?: string[] } };
    const waitEvent = async (pred: (e: Ev) => boolean) => {
      for (let i = 0; i < 100; i++) { const e = events.find(pred); if (e) return e; await new Promise((r) => setTimeout(r, 100)); }
      throw new Error(`no such event; got ${JSON.stringify(events)}`);
    };
    await waitEvent((e) => e.event === 'worklist' && e.data.open === 0);
    const patient = (await pool.query("SELECT id FROM patients WHERE mrn = 'C1'")).rows[0].id;
    const esc = await pool.query("INSERT INTO escalations (patient_id, priority, reason, created_at) VALUES ($1, 1, 'red flag', now() - interval '5 minutes') RETURNING id::text", [patient]);
    await waitEvent((e) => e.event === 'worklist' && e.data.open === 1 && e.data.latestId === esc.rows[0].id);
    await waitEvent((e) => e.event === 'overdue' && !!e.data.ids?.includes(esc.rows[0].id));
    req.destroy();
    // Without a session the stream is refused.
    const anon = await app.inject({ method: 'GET', url: '/api/events' });
    expect(anon.statusCode).toBe(401);
  });

  it('serves the SPA with history fallback, and JSON 404s under /api', async () => {
    const { app } = env;
    const page = await app.inject({ method: 'GET', url: '/campaigns/7' });
    const api404 = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(api404.statusCode).toBe(404);
    expect(api404.json().error.code).toBe('TZ_ERR_NOT_FOUND');
    // The build is a CI step (npm run build -w console); both answers are defined.
    if (page.statusCode === 200) expect(page.body).toContain('<div id="app">');
    else expect(page.statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/../../etc/passwd' })).body).not.toContain('root:');
  });
});

describe('console setup token from configuration', () => {
  it('accepts the operator-chosen token once, only while no user exists', async () => {
    const env = await makeConsoleEnv('consetup', { setupToken: 'operator-chosen-setup-token' });
    try {
      const { app } = env;
      const body = { token: 'operator-chosen-setup-token', username: 'head', password: 'a-long-password' };
      expect((await app.inject({ method: 'POST', url: '/api/auth/setup', payload: body })).statusCode).toBe(201);
      expect((await app.inject({ method: 'POST', url: '/api/auth/setup', payload: { ...body, username: 'head2' } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/auth/setup' })).json()).toEqual({ needed: false });
    } finally {
      await env.close();
    }
  });
});
