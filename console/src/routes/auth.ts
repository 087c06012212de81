/**
 * /api/auth/* (sign-in, sign-out, me, first-admin setup) and /api/users (admins only).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { TzError } from '@tingzhen/voice-core';
import { audit } from '@tingzhen/campaigns';
import { actorOf, authorize, currentUser, SESSION_COOKIE, sessionToken } from '../auth/guard.js';
import { countAdmins, createUser, DEFAULT_LIMITS, listUsers, login, logout, setupFirstAdmin, updateUser, type LoginLimits } from '../auth/store.js';
import { clearThrottle, listThrottles, type ThrottleKind } from '../auth/throttle.js';
import { ROLES, type ConsoleRole } from '../auth/roles.js';

export interface AuthRouteOptions { pool: pg.Pool; sessionTtlMs: number; loginLimits?: LoginLimits; escalateAfterMinutes: number; testCall: boolean; recordings: boolean }

const Credentials = Type.Object({ username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

function setCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeS: number): void {
  // HttpOnly: scripts never see the token; SameSite=Strict: no cross-site request carries it (CSRF);
  // Secure when served over TLS, directly or behind a proxy TRUST_PROXY names (X-Forwarded-Proto).
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', maxAge: maxAgeS, secure: request.protocol === 'https' });
}

export function authRoutes(app: FastifyInstance, opts: AuthRouteOptions): void {
  const { pool } = opts;
  app.post('/api/auth/login', { schema: { body: Credentials } }, async (req, reply) => {
    const body = req.body as { username: string; password: string };
    const s = await login(pool, body.username, body.password, req.ip, opts.sessionTtlMs, opts.loginLimits ?? DEFAULT_LIMITS);
    setCookie(req, reply, s.token, Math.floor(opts.sessionTtlMs / 1000));
    return { user: s.user, expiresAt: s.expiresAt.toISOString() };
  });
  app.post('/api/auth/logout', async (req, reply) => {
    const token = sessionToken(req);
    if (token) await logout(pool, token);
    setCookie(req, reply, '', 0);
    return { ok: true };
  });
  app.get('/api/auth/me', async (req) => {
    const user = await currentUser(req);
    if (!user) throw new TzError('TZ_ERR_AUTH', { reason: 'no_session' });
    return { user, settings: { escalateAfterMinutes: opts.escalateAfterMinutes, testCall: opts.testCall, recordings: opts.recordings } };
  });
  /** Whether the setup page should be shown (no user exists yet). */
  app.get('/api/auth/setup', async () => ({ needed: (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM console_users')).rows[0]!.n === 0 }));
  app.post('/api/auth/setup', { schema: { body: Type.Object({ token: Type.String({ maxLength: 100 }), username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 200 }), displayName: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const b = req.body as { token: string; username: string; password: string; displayName?: string };
      return reply.status(201).send(await setupFirstAdmin(pool, b.token, b));
    });

  const admin = { preHandler: async (req: FastifyRequest) => authorize(req, ['admin']) };
  // Sign-in throttling (admins): accounts and source addresses with recent failures, and unlock.
  app.get('/api/login-throttles', admin, async () => ({ items: await listThrottles(pool) }));
  app.post('/api/login-throttles/clear', { ...admin, schema: { body: Type.Object({ kind: Type.Union([Type.Literal('user'), Type.Literal('ip')]), subject: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }) } },
    async (req) => {
      const b = req.body as { kind: ThrottleKind; subject: string };
      if (!(await clearThrottle(pool, b.kind, b.subject))) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'login-throttle' });
      // An address is named; an account by its id (a name that is no account may be a mistyped password: never written).
      const userId = b.kind === 'user' ? (await pool.query<{ id: string }>('SELECT id::text FROM console_users WHERE username = $1', [b.subject])).rows[0]?.id ?? null : null;
      await audit(pool, { actor: actorOf(req), action: 'unlock', entity: 'login_throttle', entityId: b.kind === 'ip' ? b.subject : userId, details: b.kind === 'user' ? { kind: b.kind, knownUser: userId !== null } : { kind: b.kind } });
      return { ok: true };
    });
  app.get('/api/users', admin, async () => ({ items: await listUsers(pool) }));
  app.post('/api/users', { ...admin, schema: { body: Type.Object({ username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 200 }), role: RoleSchema, displayName: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }) } },
    async (req, reply) => reply.status(201).send(await createUser(pool, req.body as { username: string; password: string; role: ConsoleRole }, actorOf(req))));
  app.patch('/api/users/:id', { ...admin, schema: { params: Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) }), body: Type.Object({ role: Type.Optional(RoleSchema), disabled: Type.Optional(Type.Boolean()), password: Type.Optional(Type.String({ maxLength: 200 })), displayName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])) }, { additionalProperties: false }) } },
    async (req) => {
      const id = (req.params as { id: string }).id;
      const patch = req.body as { role?: ConsoleRole; disabled?: boolean };
      const me = await currentUser(req);
      // Never lock the console out: the last active admin cannot demote or disable themself.
      if (me?.id === id && (patch.disabled || (patch.role && patch.role !== 'admin')) && (await countAdmins(pool)) <= 1) {
        throw new TzError('TZ_ERR_CONFLICT', { problem: 'last admin', reason: 'last_admin' });
      }
      return updateUser(pool, id, req.body as Parameters<typeof updateUser>[2], actorOf(req));
    });
}
