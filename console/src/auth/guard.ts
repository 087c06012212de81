/**
 * `authorize(request, roles)` and `actorOf(request)` for the campaigns API (and the console's own
 * routes). The session store is found through a decorator that `consolePlugin` puts on the root
 * instance, so these are plain functions the composition root can pass to `campaignsApi`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type pg from 'pg';
import { TzError } from '@tingzhen/voice-core';
import { sessionUser } from './store.js';
import type { SessionUser } from './roles.js';

export const SESSION_COOKIE = 'tz_session';

export interface ConsoleAuthState { pool: pg.Pool; sessionTtlMs: number }
declare module 'fastify' {
  interface FastifyInstance { tzConsoleAuth?: ConsoleAuthState }
}

const resolved = new WeakMap<FastifyRequest, SessionUser | null>();

/**
 * The session cookie's value: parsed by @fastify/cookie (registered by consolePlugin); a server
 * that only checks sessions (useConsoleSessions on a gateway process) parses with its parser too.
 */
export function sessionToken(request: FastifyRequest): string | null {
  const cookies = (request as { cookies?: Record<string, string | undefined> }).cookies
    ?? (request.headers.cookie ? fastifyCookie.parse(request.headers.cookie) : {});
  return cookies[SESSION_COOKIE] ?? null;
}

function stateOf(server: FastifyInstance): ConsoleAuthState {
  const s = server.tzConsoleAuth;
  if (!s) throw new TzError('TZ_ERR_INTERNAL', { problem: 'consolePlugin is not registered' });
  return s;
}

/** The signed-in user of this request (one database read per request, cached). */
export async function currentUser(request: FastifyRequest): Promise<SessionUser | null> {
  if (resolved.has(request)) return resolved.get(request) ?? null;
  const token = sessionToken(request);
  const state = stateOf(request.server);
  const user = token ? await sessionUser(state.pool, token, state.sessionTtlMs) : null;
  resolved.set(request, user);
  return user;
}

/** Throws TZ_ERR_AUTH (no session) or TZ_ERR_FORBIDDEN (role not allowed) unless the session's role is in `roles`. */
export async function authorize(request: FastifyRequest, roles: readonly string[]): Promise<void> {
  const user = await currentUser(request);
  if (!user) throw new TzError('TZ_ERR_AUTH', { reason: 'no_session' });
  if (!roles.includes(user.role)) throw new TzError('TZ_ERR_FORBIDDEN', { reason: 'forbidden', role: user.role });
}

/** The acting username for the audit log (after authorize ran for this request). */
export function actorOf(request: FastifyRequest): string {
  const user = resolved.get(request);
  return user ? `user:${user.username}` : 'anonymous';
}
