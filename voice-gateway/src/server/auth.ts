/**
 * Gateway authentication: scoped, short-lived tokens, or a per-peer secret.
 *
 * A token is base64url(JSON claims) "." base64url(HMAC-SHA256(secret, payload)), in the `token`
 * query parameter, an `Authorization: Bearer` header, or (for Twilio, whose <Stream> URL carries
 * no query string) the start message's custom parameter `token`. Every token names its kind
 * (`aud`), and each route takes only its own kind:
 * - `media` (a media leg): one media stream (single use: its `jti` is remembered until it
 *   expires), for one dialect when it names one (every token the platform signs does);
 * - `testcall` (the console's test phone): one media stream, one script and language, marked as
 *   a test call (never filed as a real call); never dials out;
 * - `dial` (the worker role only): POST /v1/dial for one attempt (`att`), signed per request.
 * Lifetimes are capped per kind (MAX_TOKEN_TTL_MS): a token that claims to live longer is refused.
 * A token without a kind (the format before kinds) is refused.
 * The per-peer secret (`peer` + `secret`, query or `x-tingzhen-peer` / `x-tingzhen-secret`) opens
 * media streams only. Comparisons are constant-time. No secret configured and no peers =
 * everything is refused, unless `allowUnauthenticated` is set explicitly (tests, a laptop demo).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TzError } from '@tingzhen/voice-core';

export interface GatewayAuthOptions {
  /** Config `gatewayAuthSecret`. */
  secret?: string;
  /** Peer name -> shared secret (media streams only). */
  peers?: Readonly<Record<string, string>>;
  allowUnauthenticated?: boolean;
  now?: () => number;
}

export interface Credentials {
  token?: string;
  peer?: string;
  peerSecret?: string;
}

export const TOKEN_KINDS = ['media', 'testcall', 'dial'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * Longest lifetime a token of each kind may claim, ms. media: one hour (the `call --login` test
 * caller connects within seconds; a long call outlives its token, which is checked once, at the
 * start). testcall: 2 min (the console asks for one per call, the browser connects at once).
 * dial: 5 min (the worker signs one per request and sends it at once; the margin is clock skew
 * between the worker's and the gateway's machines).
 */
export const MAX_TOKEN_TTL_MS: Readonly<Record<TokenKind, number>> = { media: 3_600_000, testcall: 120_000, dial: 300_000 };

/** The claims of a verified token. */
export interface TokenClaims {
  kind: TokenKind;
  /** Expiry, ms since the epoch. */
  exp: number;
  /** Who it was issued to (a console user, the worker, the `call` command): for logs and audit. */
  sub?: string;
  /** Unique id: a media or test-call token opens one stream only. */
  jti?: string;
  /** media / testcall: the one dialect it opens (unset: any, tokens signed by hand). */
  dialect?: string;
  /** testcall: the one script and language the call runs. */
  script?: string;
  lang?: string;
  /** dial: the one attempt it may dial. */
  attemptId?: string;
}

export interface SignClaims {
  /** Default 'media'. */
  kind?: TokenKind;
  ttlMs: number;
  sub?: string;
  dialect?: string;
  script?: string;
  lang?: string;
  attemptId?: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The principal of a console test call: `testcall:<sub>`. */
export const TEST_CALL_PRINCIPAL_PREFIX = 'testcall:';
/** Kept for callers that name the test-call subject (the console signs tokens of kind 'testcall'). */
export const TEST_CALL_SUBJECT = 'testcall';
/** Kept for compatibility: the principal of a test-call token issued without a subject. */
export const TEST_CALL_PRINCIPAL = `${TEST_CALL_PRINCIPAL_PREFIX}${TEST_CALL_SUBJECT}`;

export function isTestCallPrincipal(principal: string | undefined): boolean {
  return principal !== undefined && principal.startsWith(TEST_CALL_PRINCIPAL_PREFIX);
}

export function signToken(secret: string, claims: SignClaims, now = Date.now()): string {
  const kind = claims.kind ?? 'media';
  const body: Record<string, unknown> = { aud: kind, exp: now + claims.ttlMs, jti: randomBytes(12).toString('base64url') };
  for (const k of ['sub', 'dialect', 'script', 'lang'] as const) if (claims[k] !== undefined) body[k] = claims[k];
  if (claims.attemptId !== undefined) body.att = claims.attemptId;
  const payload = b64url(JSON.stringify(body));
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined);

/** Throws TZ_ERR_AUTH with a short `problem`; returns the token's claims. */
export function verifyTokenClaims(secret: string, token: string, now = Date.now()): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 2 || parts[0]!.length === 0) throw new TzError('TZ_ERR_AUTH', { problem: 'malformed-token' });
  const [payload, mac] = parts as [string, string];
  const expected = createHmac('sha256', secret).update(payload).digest('base64url');
  if (!safeEqual(mac, expected)) throw new TzError('TZ_ERR_AUTH', { problem: 'bad-signature' });
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new TzError('TZ_ERR_AUTH', { problem: 'malformed-token' });
  }
  if (typeof c !== 'object' || c === null) throw new TzError('TZ_ERR_AUTH', { problem: 'malformed-token' });
  if (typeof c.exp !== 'number' || c.exp < now) throw new TzError('TZ_ERR_AUTH', { problem: 'expired' });
  const kind = TOKEN_KINDS.find((k) => k === c.aud);
  if (!kind) throw new TzError('TZ_ERR_AUTH', { problem: 'no-token-kind' });
  if (c.exp - now > MAX_TOKEN_TTL_MS[kind]) throw new TzError('TZ_ERR_AUTH', { problem: 'lifetime-too-long' });
  const claims: TokenClaims = { kind, exp: c.exp };
  const sub = str(c.sub); if (sub) claims.sub = sub;
  const jti = str(c.jti); if (jti) claims.jti = jti;
  const dialect = str(c.dialect); if (dialect) claims.dialect = dialect;
  const script = str(c.script); if (script) claims.script = script;
  const lang = str(c.lang); if (lang) claims.lang = lang;
  const att = str(c.att); if (att) claims.attemptId = att;
  if (kind === 'testcall' && !claims.script) throw new TzError('TZ_ERR_AUTH', { problem: 'test-call-without-script' });
  if (kind === 'dial' && !claims.attemptId) throw new TzError('TZ_ERR_AUTH', { problem: 'dial-without-attempt' });
  if (kind !== 'dial' && !claims.jti) throw new TzError('TZ_ERR_AUTH', { problem: 'malformed-token' });
  return claims;
}

/** Throws TZ_ERR_AUTH with a short `problem`; returns the token subject. */
export function verifyToken(secret: string, token: string, now = Date.now()): string | undefined {
  return verifyTokenClaims(secret, token, now).sub;
}

export type AuthResult =
  | { ok: true; principal: string; kind: TokenKind | 'peer' | 'unauthenticated'; claims?: TokenClaims }
  | { ok: false; problem: string };

function principalOf(c: TokenClaims): string {
  if (c.kind === 'testcall') return `${TEST_CALL_PRINCIPAL_PREFIX}${c.sub ?? TEST_CALL_SUBJECT}`;
  return `${c.kind}:${c.sub ?? 'anonymous'}`;
}

/**
 * Who the credentials are, and what kind of token they carry. Does not decide what that kind may
 * do: the media routes take `media`, `testcall` and peers (`mediaAccess`), the dial route only `dial`.
 */
export function checkCredentials(opts: GatewayAuthOptions, c: Credentials): AuthResult {
  const now = (opts.now ?? Date.now)();
  if (c.token !== undefined && opts.secret) {
    try {
      const claims = verifyTokenClaims(opts.secret, c.token, now);
      return { ok: true, principal: principalOf(claims), kind: claims.kind, claims };
    } catch (err) {
      return { ok: false, problem: err instanceof TzError ? String(err.details.problem) : 'bad-token' };
    }
  }
  if (c.peer !== undefined && c.peerSecret !== undefined && opts.peers) {
    const expected = opts.peers[c.peer];
    if (expected !== undefined && safeEqual(c.peerSecret, expected)) return { ok: true, principal: `peer:${c.peer}`, kind: 'peer' };
    return { ok: false, problem: 'bad-peer-secret' };
  }
  if (opts.allowUnauthenticated) return { ok: true, principal: 'unauthenticated', kind: 'unauthenticated' };
  return { ok: false, problem: c.token !== undefined ? 'no-secret-configured' : 'missing-credentials' };
}

/**
 * Single use of media and test-call tokens: the ids seen, each kept until its token expires (then
 * it would be refused as expired anyway). Per gateway process.
 */
export class TokenReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a token id is used; false after. */
  use(jti: string, exp: number): boolean {
    const t = this.now();
    if (this.seen.size > 1000) for (const [k, e] of this.seen) if (e < t) this.seen.delete(k);
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, exp);
    return true;
  }
}

/**
 * The media routes' decision on an authenticated result: media and test-call tokens (for their
 * dialect, once), peers and the unauthenticated demo mode; a dial token never opens a stream.
 */
export function mediaAccess(r: AuthResult, dialect: string | readonly string[], replay: TokenReplayGuard): AuthResult {
  // (the stream's dialect, and the URL's name for it when a subprotocol chose another)
  const dialects = typeof dialect === 'string' ? [dialect] : dialect;
  if (!r.ok) return r;
  if (r.kind === 'dial') return { ok: false, problem: 'wrong-token-kind' };
  const c = r.claims;
  if (c) {
    if (c.dialect !== undefined && !dialects.includes(c.dialect)) return { ok: false, problem: 'wrong-dialect' };
    if (c.jti !== undefined && !replay.use(c.jti, c.exp)) return { ok: false, problem: 'token-already-used' };
  }
  return r;
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
