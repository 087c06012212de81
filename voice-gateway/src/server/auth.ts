/**
 * Media-stream authentication. Two ways in:
 * - a signed, expiring token: base64url(JSON {exp, sub?}) "." base64url(HMAC-SHA256(secret, payload)),
 *   in the `token` query parameter, an `Authorization: Bearer` header, or (for Twilio, whose
 *   <Stream> URL carries no query string) the start message's custom parameter `token`;
 * - a per-peer secret: `peer` + `secret` (query or `x-tingzhen-peer` / `x-tingzhen-secret` headers).
 * Comparisons are constant-time. No secret configured and no peers = everything is refused,
 * unless `allowUnauthenticated` is set explicitly (tests, a laptop demo).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TzError } from '@tingzhen/voice-core';

export interface GatewayAuthOptions {
  /** Config `gatewayAuthSecret`. */
  secret?: string;
  /** Peer name -> shared secret. */
  peers?: Readonly<Record<string, string>>;
  allowUnauthenticated?: boolean;
  now?: () => number;
}

export interface Credentials {
  token?: string;
  peer?: string;
  peerSecret?: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The subject of a console test-call token, and the principal it authenticates as. */
export const TEST_CALL_SUBJECT = 'testcall';
export const TEST_CALL_PRINCIPAL = `token:${TEST_CALL_SUBJECT}`;

export function signToken(secret: string, claims: { ttlMs: number; sub?: string }, now = Date.now()): string {
  const payload = b64url(JSON.stringify({ exp: now + claims.ttlMs, ...(claims.sub ? { sub: claims.sub } : {}) }));
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

/** Throws TZ_ERR_AUTH with a short `problem`; returns the token subject. */
export function verifyToken(secret: string, token: string, now = Date.now()): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 2 || parts[0]!.length === 0) throw new TzError('TZ_ERR_AUTH', { problem: 'malformed-token' });
  const [payload, mac] = parts as [string, string];
  const expected = createHmac('sha256', secret).update(payload).digest('base64url');
  if (!safeEqual(mac, expected)) throw new TzError('TZ_ERR_AUTH', { problem: 'bad-signature' });
  let claims: { exp?: unknown; sub?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    throw new TzError('TZ_ERR_AUTH', { problem: 'malformed-token' });
  }
  if (typeof claims.exp !== 'number' || claims.exp < now) throw new TzError('TZ_ERR_AUTH', { problem: 'expired' });
  return typeof claims.sub === 'string' ? claims.sub : undefined;
}

export type AuthResult = { ok: true; principal: string } | { ok: false; problem: string };

export function checkCredentials(opts: GatewayAuthOptions, c: Credentials): AuthResult {
  const now = (opts.now ?? Date.now)();
  if (c.token !== undefined && opts.secret) {
    try {
      return { ok: true, principal: `token:${verifyToken(opts.secret, c.token, now) ?? 'anonymous'}` };
    } catch (err) {
      return { ok: false, problem: err instanceof TzError ? String(err.details.problem) : 'bad-token' };
    }
  }
  if (c.peer !== undefined && c.peerSecret !== undefined && opts.peers) {
    const expected = opts.peers[c.peer];
    if (expected !== undefined && safeEqual(c.peerSecret, expected)) return { ok: true, principal: `peer:${c.peer}` };
    return { ok: false, problem: 'bad-peer-secret' };
  }
  if (opts.allowUnauthenticated) return { ok: true, principal: 'unauthenticated' };
  return { ok: false, problem: c.token !== undefined ? 'no-secret-configured' : 'missing-credentials' };
}

export function credentialsFromRequest(query: Record<string, unknown>, headers: Record<string, string | string[] | undefined>): Credentials {
  const h = (n: string) => { const v = headers[n]; return Array.isArray(v) ? v[0] : v; };
  const q = (n: string) => (typeof query[n] === 'string' ? (query[n]) : undefined);
  const bearer = h('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return {
    token: q('token') ?? bearer,
    peer: q('peer') ?? h('x-tingzhen-peer'),
    peerSecret: q('secret') ?? h('x-tingzhen-secret'),
  };
}
