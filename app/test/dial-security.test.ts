/**
 * Issue 16 item 1 on the composed platform (api, gateway and worker in one process, a SIP trunk
 * that is a TCP socket of this test counting the INVITEs it gets and answering 486):
 *   - the defect: a nurse's test-call token from POST /api/testcall placed a real outbound call
 *     through POST /v1/dial; now 403 and no INVITE, no audit row of a dial;
 *   - /v1/dial takes only a dial token for its own attempt, and checks the request against the
 *     database itself (claimed attempt, its own number, do-not-call, consent, calling windows),
 *     with an audit row for every decision;
 *   - the worker dials with a fresh per-attempt token (the 30-day token is gone) and its call is audited;
 *   - media tokens open one stream; a dial token opens none.
 * Prints the route x role x token-kind matrix it measured.
 */
import net from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createUser } from '@tingzhen/console';
import { signToken } from '@tingzhen/voice-gateway';
import { freePort, startTestPlatform, type TestPlatform } from './test-platform.js';
import { dialRequestFor, seedDialingAttempt, type SeededAttempt } from './seed-attempt.js';

const SECRET = 'dial-security-secret-0123456789';
const PASSWORD = 'dial security passphrase 2026';
let t: TestPlatform;
let trunk: { port: number; invites: string[]; close(): Promise<void> };
const matrix: string[] = [];

/** A SIP trunk over TCP that counts INVITEs and answers each 486 Busy Here (RFC 3261 section 8.2.6: the response copies Via, From, Call-ID, CSeq; To gets a tag). */
async function fakeTrunk(): Promise<typeof trunk> {
  const invites: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buf = '';
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.slice(0, end);
        const len = Number(/\r\nContent-Length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + len) return;
        buf = buf.slice(end + 4 + len);
        const lines = head.split('\r\n');
        if (!lines[0]!.startsWith('INVITE ')) continue;
        invites.push(lines[0]!);
        const pick = (name: string) => lines.filter((l) => new RegExp(`^(${name})\\s*:`, 'i').test(l));
        sock.write([
          'SIP/2.0 486 Busy Here', ...pick('Via|v'), ...pick('From|f'), `${pick('To|t')[0]};tag=trunk486`, ...pick('Call-ID|i'), ...pick('CSeq'),
          'Content-Length: 0', '', '',
        ].join('\r\n'));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port, invites,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

async function signIn(username: string): Promise<string> {
  const res = await fetch(`${t.platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return String(res.headers.get('set-cookie')).split(';')[0]!;
}

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await t.platform.services.pool.query<T>(sql, params)).rows;

type Seeded = SeededAttempt;

const seedAttempt = (n: number, o: { consent?: string; doNotCall?: boolean; windows?: Record<string, [string, string][]>; state?: string } = {}) =>
  seedDialingAttempt(t.platform.services.pool, { phone: `+86139000000${String(n).padStart(2, '0')}`, mrn: `MRN-DS-${n}`, ...o });

const dialBody = (s: Seeded, o: { phone?: string; attemptId?: string } = {}) => dialRequestFor(s, o);

async function dial(token: string | null, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.platform.url}/v1/dial`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const dialToken = (attemptId: string) => signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId });

/** A media stream: 'open' once its start is answered, else the close code. */
function openStream(path: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${t.platform.url.replace('http', 'ws')}${path}`);
    ws.on('error', () => {});
    ws.on('close', (code) => resolve(code));
    ws.once('open', () => {
      ws.send(JSON.stringify({ event: 'start', streamSid: 'S1', start: { streamSid: 'S1', callSid: `CA-ds-${Math.random().toString(16).slice(2)}`, customParameters: {}, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }));
    });
    ws.on('message', () => { resolve('open'); ws.close(); });
  });
}

beforeAll(async () => {
  trunk = await fakeTrunk();
  const sipPort = await freePort();
  const rtpBase = 41000 + (process.pid % 2000) * 2;
  const sipFile = join(await import('node:os').then((os) => os.tmpdir()), `tz-dialsec-${process.pid}.yaml`);
  writeFileSync(sipFile, `
gateway:
  listen: { host: 127.0.0.1, port: ${sipPort} }
  rtpPorts: { minPort: ${rtpBase}, maxPort: ${rtpBase + 40} }
  ringTimeoutMs: 3000
trunks:
  - id: default
    host: 127.0.0.1
    port: ${trunk.port}
    transport: tcp
`);
  t = await startTestPlatform('dialsec', { GATEWAY_AUTH_SECRET: SECRET, SIP_CONFIG: sipFile, TINGZHEN_ROLES: 'api,gateway,worker' });
  const pool = t.platform.services.pool;
  await createUser(pool, { username: 'admin-ds', password: PASSWORD, role: 'admin' });
  await createUser(pool, { username: 'nurse-ds', password: PASSWORD, role: 'nurse' });
  await createUser(pool, { username: 'viewer-ds', password: PASSWORD, role: 'viewer' });
}, 120_000);

afterAll(async () => {
  await t?.dispose();
  await trunk?.close();
  console.log(`route x role x token kind, as measured:\n${matrix.join('\n')}`);
});

describe('a test-call token never dials (the issue\'s reproduction)', () => {
  it('POST /api/testcall as a nurse, then POST /v1/dial with that token: 403, no INVITE, no audit row of a dial, the attempt untouched', async () => {
    const nurse = await signIn('nurse-ds');
    const grant = await fetch(`${t.platform.url}/api/testcall`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: nurse }, body: JSON.stringify({ scriptId: 'post-op-followup', language: 'zh-CN' }) });
    expect(grant.status).toBe(200);
    expect(grant.headers.get('cache-control')).toBe('no-store');
    const { token } = (await grant.json()) as { token: string };
    const s = await seedAttempt(1);
    const before = trunk.invites.length;
    const r = await dial(token, dialBody(s));
    expect(r).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: 'wrong-token-kind' } });
    // Also with any phone and name, and for an attempt that does not exist.
    expect((await dial(token, dialBody(s, { phone: '+8613700000000', attemptId: 'free-text' }))).status).toBe(403);
    await new Promise((res) => setTimeout(res, 300));
    expect(trunk.invites.length).toBe(before);
    expect(await q(`SELECT 1 FROM audit_log WHERE action = 'dial'`)).toEqual([]);
    expect(await q(`SELECT state FROM call_attempts WHERE id = $1`, [s.attemptId])).toEqual([{ state: 'dialing' }]);
    matrix.push('POST /v1/dial    | nurse (console)  | testcall (from /api/testcall) | 403 wrong-token-kind, no INVITE');
  });
});

describe('POST /api/testcall by role', () => {
  it('anonymous 401, viewer 403, nurse and admin 200 with a testcall token bound to the script', async () => {
    const post = (cookie?: string) => fetch(`${t.platform.url}/api/testcall`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ scriptId: 'satisfaction-survey', language: 'en' }) });
    expect((await post()).status).toBe(401);
    expect((await post(await signIn('viewer-ds'))).status).toBe(403);
    for (const who of ['nurse-ds', 'admin-ds']) {
      const res = await post(await signIn(who));
      expect(res.status).toBe(200);
      const { token } = (await res.json()) as { token: string };
      const claims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
      expect(claims).toMatchObject({ aud: 'testcall', sub: who, script: 'satisfaction-survey', lang: 'en', dialect: 'native' });
      expect((claims.exp as number) - Date.now()).toBeLessThanOrEqual(60_000);
    }
    matrix.push('POST /api/testcall | anonymous 401, viewer 403, nurse 200, admin 200 | session cookie');
  });
});

describe('POST /v1/dial: only the worker\'s dial token, and the gateway\'s own check', () => {
  it('refuses no token (401), a media token (403), a dial token for another attempt (403)', async () => {
    const s = await seedAttempt(2);
    const before = trunk.invites.length;
    expect((await dial(null, dialBody(s))).status).toBe(401);
    const media = signToken(SECRET, { kind: 'media', ttlMs: 60_000, sub: 'tingzhen-call', dialect: 'native' });
    expect(await dial(media, dialBody(s))).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: 'wrong-token-kind' } });
    expect(await dial(dialToken('999999'), dialBody(s))).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: 'token-for-another-attempt' } });
    expect(trunk.invites.length).toBe(before);
    matrix.push('POST /v1/dial    | -                | none                          | 401');
    matrix.push('POST /v1/dial    | call command     | media                         | 403 wrong-token-kind');
    matrix.push('POST /v1/dial    | worker           | dial (another attempt)        | 403 token-for-another-attempt');
  });

  it('a dial token of the right attempt is still refused for do-not-call, no consent, outside the windows, another number, an attempt not being dialled or unknown; each refusal audited', async () => {
    const cases: [string, Seeded, object][] = [];
    const dnc = await seedAttempt(3, { doNotCall: true });
    cases.push(['do_not_call', dnc, dialBody(dnc)]);
    const noConsent = await seedAttempt(4, { consent: 'refused' });
    cases.push(['no_consent', noConsent, dialBody(noConsent)]);
    const closed = await seedAttempt(5, { windows: {} });
    cases.push(['outside_window', closed, dialBody(closed)]);
    const other = await seedAttempt(6);
    cases.push(['phone_mismatch', other, dialBody(other, { phone: '+8613700000000' })]);
    const done = await seedAttempt(7, { state: 'no_answer' });
    cases.push(['attempt_not_claimed', done, dialBody(done)]);
    const before = trunk.invites.length;
    for (const [reason, s, body] of cases) {
      expect(await dial(dialToken(s.attemptId), body)).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: reason } });
      const rows = await q(`SELECT actor, action, patient_id::text, details->>'reason' AS reason FROM audit_log WHERE entity = 'attempt' AND entity_id = $1`, [s.attemptId]);
      expect(rows).toEqual([{ actor: 'dial:worker', action: 'dial-refused', patient_id: s.patientId, reason }]);
      matrix.push(`POST /v1/dial    | worker           | dial (own attempt, ${reason})`.padEnd(79) + ' | 403, audited dial-refused');
    }
    expect(await dial(dialToken('att-free-text'), dialBody(other, { attemptId: 'att-free-text' }))).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: 'unknown_attempt' } });
    expect(trunk.invites.length).toBe(before);
  });

  it('a dial token of a claimed attempt that may be called places the call (INVITE) and audits it', async () => {
    const s = await seedAttempt(8);
    const before = trunk.invites.length;
    const r = await dial(dialToken(s.attemptId), dialBody(s));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'busy', sipCode: 486 });
    expect(trunk.invites.length).toBe(before + 1);
    expect(await q(`SELECT actor, action, patient_id::text FROM audit_log WHERE entity = 'attempt' AND entity_id = $1`, [s.attemptId]))
      .toEqual([{ actor: 'dial:worker', action: 'dial', patient_id: s.patientId }]);
    matrix.push('POST /v1/dial    | worker           | dial (own claimed attempt)    | 200, INVITE sent, audited dial');
  });
});

describe('the worker dials with a fresh per-attempt token', () => {
  it('a scheduled campaign call goes out through /v1/dial and is audited as the worker\'s', async () => {
    const nurse = await signIn('nurse-ds');
    const api = async (path: string, body: object) => {
      const res = await fetch(`${t.platform.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: nurse }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const p = await api('/api/patients', { mrn: 'MRN-DS-W1', name: '王五', phones: ['+8613900000099'], language: 'zh-CN', consentStatus: 'granted' });
    const allDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    const c = await api('/api/campaigns', {
      name: 'worker token', scriptId: 'post-op-followup', scriptVersion: '1', timezone: 'UTC', startDate: new Date().toISOString().slice(0, 10),
      windows: allDay, maxAttempts: 1, requireConsent: true, concurrency: 1, callsPerSecond: 1, trunk: 'default',
    });
    await api(`/api/campaigns/${c.id}/contacts`, { patientIds: [p.id] });
    await api(`/api/campaigns/${c.id}/schedule`, {});
    await expect.poll(async () => (await q(`SELECT action FROM audit_log WHERE entity = 'attempt' AND patient_id = $1`, [p.id])).map((r) => r.action), { timeout: 30_000, interval: 250 }).toEqual(['dial']);
    const [row] = await q<{ actor: string; state: string }>(`SELECT l.actor, a.state FROM audit_log l JOIN call_attempts a ON a.id::text = l.entity_id WHERE l.entity = 'attempt' AND l.patient_id = $1`, [p.id]);
    expect(row?.actor).toBe('dial:worker');
    await expect.poll(async () => (await q(`SELECT state FROM call_attempts WHERE patient_id = $1`, [p.id])).map((r) => r.state), { timeout: 15_000 }).toEqual(['busy']);
    matrix.push('POST /v1/dial    | worker role      | dial (signed per request, 2 min) | 200, INVITE sent, audited dial');
  }, 60_000);
});

describe('media routes by token kind', () => {
  it('a test-call token opens one stream; a dial token none', async () => {
    const nurse = await signIn('nurse-ds');
    const grant = await fetch(`${t.platform.url}/api/testcall`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: nurse }, body: JSON.stringify({ scriptId: 'post-op-followup' }) });
    const { token, path } = (await grant.json()) as { token: string; path: string };
    expect(await openStream(`${path}?token=${encodeURIComponent(token)}`)).toBe('open');
    expect(await openStream(`${path}?token=${encodeURIComponent(token)}`)).toBe(1008);
    expect(await openStream(`/media/twilio?token=${encodeURIComponent(signToken(SECRET, { kind: 'testcall', ttlMs: 60_000, script: 'post-op-followup', dialect: 'native' }))}`)).toBe(1008);
    expect(await openStream(`/media/native?token=${encodeURIComponent(dialToken('1'))}`)).toBe(1008);
    const media = signToken(SECRET, { kind: 'media', ttlMs: 60_000, sub: 'tingzhen-call', dialect: 'native' });
    expect(await openStream(`/media/native?token=${media}`)).toBe('open');
    expect(await openStream(`/media/native?token=${media}`)).toBe(1008);
    matrix.push('GET /media/native | nurse (browser)  | testcall                      | opens once (test call, its script); again 1008');
    matrix.push('GET /media/twilio | -                | testcall for native           | 1008 wrong-dialect');
    matrix.push('GET /media/native | worker           | dial                          | 1008 wrong-token-kind');
    matrix.push('GET /media/native | call command     | media                         | opens once; again 1008');
  }, 30_000);
});
