/**
 * `authorize(request, roles)` and `actorOf(request)` for the campaigns API (and the console's own
 * routes). The session store is found through a decorator that `consolePlugin` puts on the root
 * instance, so these are plain functions the composition root can pass to `campaignsApi`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

/** RFC 6265 section 5.4 Cookie header: `name=value; name2=value2`. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function sessionToken(request: FastifyRequest): string | null {
  return readCookie(request.headers.cookie, SESSION_COOKIE);
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
