/** Digest auth as a client (RFC 2617 via sip.js) and REGISTER, against SIPp checking the digest. */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isTzError } from '@tingzhen/voice-core';
import { createSipDialer, DigestServer, SipEndpoint } from '../src/sip/index.js';
import { quiet, rtpRange, startGateway } from './sip-helpers.js';
import { challengeXml, runSipp, tempDir, writeScenario } from './sip-fixtures/sipp.js';

const dir = tempDir();
let port = 45060 + (process.pid % 300) * 4;
const eps: SipEndpoint[] = [];
afterEach(async () => { for (const e of eps.splice(0)) await e.stop(); });

async function withSipp(xml: string) {
  const p = (port += 2);
  const sipp = runSipp(['-sf', writeScenario(dir, `auth-${p}.xml`, xml), '-t', 't1', '-i', '127.0.0.1', '-p', String(p), '-mp', String(p + 10000), '-m', '1']);
  await new Promise((r) => setTimeout(r, 300));
  return { p, sipp };
}

async function endpoint(password: string) {
  const ep = await SipEndpoint.start({ listen: { host: '127.0.0.1', port: 0 }, rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet, auth: { username: 'hospital01', password } });
  eps.push(ep);
  return ep;
}

describe('digest auth (client) and REGISTER', () => {
  it('registers after a 401 challenge with the right password', async () => {
    const { p, sipp } = await withSipp(challengeXml('REGISTER', 'hospital01', 's3cret'));
    const ep = await endpoint('s3cret');
    const reg = await ep.register(`sip:127.0.0.1:${p};transport=tcp`, 300);
    expect(reg.state).toBe('Registered');
    sipp.proc.kill('SIGTERM'); // the scenario waits for nothing else; the refresh would come in minutes
  }, 20_000);

  it('a wrong password is refused (403) with TZ_ERR_SIP_REJECTED', async () => {
    const { p, sipp } = await withSipp(challengeXml('REGISTER', 'hospital01', 's3cret'));
    const ep = await endpoint('wrong');
    await expect(ep.register(`sip:127.0.0.1:${p};transport=tcp`, 300)).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_SIP_REJECTED') && e.details.status === 403);
    expect((await sipp.exit).code).toBe(0);
  }, 20_000);

  it('an outbound INVITE answers a 401 digest challenge and the call is answered (PCMA)', async () => {
    const { p, sipp } = await withSipp(challengeXml('INVITE', 'hospital01', 's3cret'));
    const ep = await endpoint('s3cret');
    let codec = '';
    const dial = createSipDialer({ endpoint: ep, runCall: async (leg) => { codec = leg.sdh?.media?.codec ?? ''; await leg.hangup('normal'); return {} as never; } });
    const o = await dial({ attemptId: 'auth', target: `sip:+8613800000000@127.0.0.1:${p};transport=tcp`, ringTimeoutMs: 5000 });
    expect(o.status).toBe('answered');
    expect(codec).toBe('PCMA');
    expect((await sipp.exit).code).toBe(0);
  }, 20_000);
});

describe('digest auth (server) on inbound INVITEs', () => {
  it('a peer with the right password is answered; a wrong password gets 401 twice and no call', async () => {
    let answered = 0;
    const gw = await startGateway({ inboundAuth: { realm: 'hotline.test', credentials: (u) => (u === 'pbx' ? 'pbx-pass' : undefined) }, onCall: (leg) => { answered++; return leg.hangup('normal'); } });
    try {
      const ok = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet, auth: { username: 'pbx', password: 'pbx-pass' } });
      const bad = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet, auth: { username: 'pbx', password: 'nope' } });
      eps.push(ok, bad);
      const target = `sip:120@127.0.0.1:${gw.ep.port};transport=tcp`;
      const o1 = await createSipDialer({ endpoint: ok, runCall: async (leg) => { await new Promise((r) => leg.on('state', (st) => { if (st === 'closed') r(null); })); return {} as never; } })({ attemptId: 'ok', target, ringTimeoutMs: 5000 });
      expect(o1.status).toBe('answered');
      const o2 = await createSipDialer({ endpoint: bad, runCall: () => Promise.reject(new Error('no')) })({ attemptId: 'bad', target, ringTimeoutMs: 5000 });
      expect(o2).toMatchObject({ status: 'failed', reason: 'auth-required', sipStatus: 401 });
      expect(answered).toBe(1);
    } finally { await gw.ep.stop(); }
  }, 20_000);

  it('challenges only the sources that must authenticate (per-peer auth)', async () => {
    let answered = 0;
    const asked: string[] = [];
    const gw = await startGateway({
      inboundAuth: { realm: 'hotline.test', credentials: () => 'secret', required: (a) => { asked.push(a); return a !== '127.0.0.1'; } },
      onCall: (leg) => { answered++; return leg.hangup('normal'); },
    });
    try {
      const peer = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet });
      eps.push(peer);
      const o = await createSipDialer({ endpoint: peer, runCall: async (leg) => { await new Promise((r) => leg.on('state', (st) => { if (st === 'closed') r(null); })); return {} as never; } })({ attemptId: 'np', target: `sip:120@127.0.0.1:${gw.ep.port};transport=tcp`, ringTimeoutMs: 5000 });
      expect(o.status).toBe('answered');
      expect(answered).toBe(1);
      expect(asked).toEqual(['127.0.0.1']);
    } finally { await gw.ep.stop(); }
  }, 20_000);

  it('verifies RFC 2617 digests with and without qop, refuses forged nonces', () => {
    const d = new DigestServer({ realm: 'r', credentials: () => 'pw' });
    const nonce = /nonce="([^"]+)"/.exec(d.challenge())![1]!;
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    const ha1 = md5('u:r:pw');
    const ha2 = md5('INVITE:sip:120@h');
    const plain = md5(`${ha1}:${nonce}:${ha2}`);
    expect(d.verify('INVITE', `Digest username="u", realm="r", nonce="${nonce}", uri="sip:120@h", response="${plain}"`)).toBe('ok');
    const qop = md5(`${ha1}:${nonce}:00000001:abc:auth:${ha2}`);
    expect(d.verify('INVITE', `Digest username="u", realm="r", nonce="${nonce}", uri="sip:120@h", qop=auth, nc=00000001, cnonce="abc", response="${qop}"`)).toBe('ok');
    const bound = new DigestServer({ realm: 'r', credentials: (u, source) => (source === '10.0.0.5' ? 'pw' : undefined) });
    const n2 = /nonce="([^"]+)"/.exec(bound.challenge())![1]!;
    const r2 = md5(`${ha1}:${n2}:${ha2}`);
    const h2 = `Digest username="u", realm="r", nonce="${n2}", uri="sip:120@h", response="${r2}"`;
    expect(bound.verify('INVITE', h2, '10.0.0.5')).toBe('ok');
    expect(bound.verify('INVITE', h2, '10.0.0.6')).toBe('invalid'); // the right password from the wrong address
    expect(d.verify('BYE', `Digest username="u", realm="r", nonce="${nonce}", uri="sip:120@h", response="${plain}"`)).toBe('invalid');
    expect(d.verify('INVITE', `Digest username="u", realm="r", nonce="1.forged", uri="sip:120@h", response="${plain}"`)).toBe('invalid');
    expect(d.verify('INVITE', undefined)).toBe('missing');
    expect(d.verify('INVITE', 'Basic dTpwdw==')).toBe('invalid');
  });
});
