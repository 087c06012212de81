/**
 * Digest authentication as a server (RFC 2617 / RFC 3261 section 22): we challenge peers that
 * must authenticate (401 + WWW-Authenticate) and check their Authorization. MD5, qop=auth or
 * none. Nonces are stateless: issue time + HMAC, valid for NONCE_TTL_MS, so any gateway
 * process with the same secret accepts them.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface DigestServerOptions {
  realm: string;
  /**
   * Password for a user name, undefined when unknown. `source` is the address the request came
   * from, so an account can be bound to its peer's addresses (a peer's password does not open
   * the door for another address).
   */
  credentials: (username: string, source?: string) => string | undefined;
  /** HMAC key for nonces (default: random per process). */
  secret?: Buffer;
}

export type DigestResult = 'ok' | 'missing' | 'invalid' | 'stale';

const NONCE_TTL_MS = 5 * 60_000;
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

export class DigestServer {
  private readonly secret: Buffer;
  constructor(private readonly opts: DigestServerOptions) {
    this.secret = opts.secret ?? randomBytes(32);
  }

  /** WWW-Authenticate header value for a fresh challenge. */
  challenge(stale = false): string {
    const ts = Date.now().toString(36);
    const nonce = `${ts}.${createHmac('sha256', this.secret).update(ts).digest('hex').slice(0, 32)}`;
    return `Digest realm="${this.opts.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
  }

  verify(method: string, authorization: string | undefined, source?: string): DigestResult {
    if (!authorization) return 'missing';
    const p = parseDigest(authorization);
    if (!p) return 'invalid';
    const { username, realm, nonce, uri, response } = p;
    if (!username || !nonce || !uri || !response || realm !== this.opts.realm) return 'invalid';
    if ((p.algorithm ?? 'MD5').toUpperCase() !== 'MD5') return 'invalid';
    const [ts, mac] = nonce.split('.');
    if (!ts || !mac) return 'invalid';
    const want = createHmac('sha256', this.secret).update(ts).digest('hex').slice(0, 32);
    if (mac.length !== want.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(want))) return 'invalid';
    const password = this.opts.credentials(username, source);
    if (password === undefined) return 'invalid';
    const ha1 = md5(`${username}:${realm}:${password}`);
    const ha2 = md5(`${method}:${uri}`);
    const expected = p.qop === 'auth'
      ? md5(`${ha1}:${nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:auth:${ha2}`)
      : md5(`${ha1}:${nonce}:${ha2}`);
    if (expected.length !== response.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(response.toLowerCase()))) return 'invalid';
    if (Date.now() - parseInt(ts, 36) > NONCE_TTL_MS) return 'stale';
    return 'ok';
  }
}

/** Parameters of a `Digest k=v, k="v"` header value; null if it is not Digest. */
export function parseDigest(value: string): Record<string, string> | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!m) return null;
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g;
  let x: RegExpExecArray | null;
  while ((x = re.exec(m[1]!)) !== null) out[x[1]!.toLowerCase()] = x[2] ?? x[3] ?? '';
  return out;
}
