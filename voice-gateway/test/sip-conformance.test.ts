/**
 * SIP conformance of the gateway (issue 17, item 1), raw messages over TCP, TLS and a WebSocket
 * the gateway dialled (RFC 7118), and a few INVITEs over UDP through the Kamailio edge (which
 * answers other methods itself), answers checked by status code:
 * - method inspection (RFC 3261 8.2.1): an unknown method 501, a known one we do not allow 405 + Allow;
 * - Require (8.2.2.3): an unsupported option tag 420 + Unsupported, on OPTIONS and INVITE;
 * - Accept (8.2.3 / 21.4.7): an INVITE that cannot take application/sdp 406;
 * - RFC 5118: an IPv6 reference without brackets 400 (not 416); the three-colon form accepted;
 * - a From without a tag (RFC 2543 style) accepted, a call set up and ended;
 * - server transaction matching (17.2.3): a branch reused by another host or another method is a
 *   transaction of its own (sip.js matched on the branch alone: patches/sip.js+0.21.2.patch);
 * - stream transports (18.3): partial-message timer (400 when it can be built, then close), idle
 *   timer (not while a call is up), per-source connection cap; the settings validated at start.
 */
import dgram from 'node:dgram';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { isTzError } from '@tingzhen/voice-core';
import { SipEndpoint } from '../src/sip/index.js';
import { request, SipConn, StreamReader, type SipMsg } from './sip-conformance-peer.js';
import { callGateway, quiet, rtpRange, selfSignedCert, startEdgeBefore, startGateway, type Gateway, type Kamailio } from './sip-helpers.js';
import { tempDir } from './sip-fixtures/sipp.js';

const { cert, key } = selfSignedCert(tempDir(), 'conformance');
/** The gateway rings this long before answering, ms: an INVITE transaction stays in Proceeding meanwhile. */
const RING_MS = 700;

interface Transport {
  name: 'TCP' | 'TLS' | 'WS';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A new connection (over WS: the one connection the gateway dialled). */
  conn(): Promise<SipConn>;
  viaTransport: string;
}

function gatewayOpts() {
  return {
    rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet, answerDelayMs: RING_MS,
    onCall: (leg: { hangup(r: 'normal'): Promise<void> }) => { setTimeout(() => void leg.hangup('normal'), 100); },
  };
}

function streamTransport(name: 'TCP' | 'TLS'): Transport & { ep(): SipEndpoint } {
  let ep: SipEndpoint;
  return {
    name,
    viaTransport: name,
    ep: () => ep,
    start: async () => { ep = await SipEndpoint.start({ listen: { host: '127.0.0.1', port: 0 }, ...(name === 'TLS' ? { tls: { key, cert } } : {}), ...gatewayOpts() }); },
    stop: async () => { await ep.stop(); },
    conn: () => SipConn.stream(ep.port, name === 'TLS' ? cert : undefined),
  };
}

function wsTransport(): Transport {
  let ep: SipEndpoint;
  let wss: WebSocketServer;
  let conn: SipConn | null = null;
  return {
    name: 'WS',
    viaTransport: 'WS',
    start: async () => {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (ps) => (ps.has('sip') ? 'sip' : false) });
      await new Promise<void>((r) => wss.once('listening', () => r()));
      wss.on('connection', (ws) => { conn = SipConn.ws(ws); });
      ep = await SipEndpoint.start({ websocket: { url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}` }, ...gatewayOpts() });
    },
    stop: async () => {
      await ep.stop();
      await new Promise<void>((r) => { for (const c of wss.clients) c.terminate(); wss.close(() => r()); });
    },
    conn: async () => {
      const t0 = Date.now();
      while (!conn && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 10));
      return conn!;
    },
  };
}

for (const t of [streamTransport('TCP'), streamTransport('TLS'), wsTransport()]) {
  describe(`RFC 3261 UAS conformance over ${t.name}`, () => {
    beforeAll(() => t.start(), 20_000);
    afterAll(() => t.stop());
    const vt = { viaTransport: t.viaTransport };

    it('an unknown method gets 501; a known method we do not allow 405 with Allow (8.2.1)', async () => {
      const c = await t.conn();
      const unknown = await c.ask(request('FOOBAR', vt));
      expect(unknown?.status).toBe(501);
      const publish = await c.ask(request('PUBLISH', { ...vt, extra: ['Event: presence'] }));
      expect(publish?.status).toBe(405);
      expect(publish?.text).toMatch(/\r\nAllow: [^\r]*INVITE/);
      expect((await c.ask(request('OPTIONS', vt)))?.status).toBe(200);
    });

    it('an unsupported Require option tag gets 420 with Unsupported, on OPTIONS and INVITE (8.2.2.3)', async () => {
      const c = await t.conn();
      const opt = await c.ask(request('OPTIONS', { ...vt, extra: ['Require: nothingSupportedHere'] }));
      expect(opt?.status).toBe(420);
      expect(opt?.text).toMatch(/\r\nUnsupported: nothingSupportedHere\r\n/);
      const inv = await c.ask(request('INVITE', { ...vt, extra: ['Require: 100rel, timer'] }));
      expect(inv?.status).toBe(420);
      expect(inv?.text).toMatch(/\r\nUnsupported: 100rel\r\n/);
      // a tag we implement is fine
      expect((await c.ask(request('OPTIONS', { ...vt, extra: ['Require: timer'] })))?.status).toBe(200);
    });

    it('an INVITE whose Accept leaves out application/sdp gets 406, not an SDP answer (8.2.3)', async () => {
      const c = await t.conn();
      for (const accept of ['text/plain', 'application/sdp;q=0', '']) {
        const r = await c.ask(request('INVITE', { ...vt, extra: [`Accept: ${accept}`] }));
        expect(r?.status, `Accept: ${accept}`).toBe(406);
        expect(r?.text).toMatch(/\r\nAccept: application\/sdp\r\n/);
      }
      const ok = await c.ask(request('INVITE', { ...vt, extra: ['Accept: text/plain, application/*'] }), 5000);
      expect(ok?.status).toBe(200);
    });

    it('an IPv6 reference without brackets gets 400 (not 416); the RFC 5118 three-colon form is accepted', async () => {
      const c = await t.conn();
      expect((await c.ask(request('OPTIONS', { ...vt, ruri: 'sip:2001:db8::10' })))?.status).toBe(400);
      expect((await c.ask(request('OPTIONS', { ...vt, ruri: 'sip:120@2001:db8::10' })))?.status).toBe(400);
      expect((await c.ask(request('OPTIONS', { ...vt, ruri: 'mailto:a@b.c' })))?.status).toBe(416);
      // RFC 5118 section 4.10 (ipv6-bug-abnf-3-colons) and its two-colon twin
      for (const addr of ['[2001:db8:::192.0.2.1]', '[2001:db8::192.0.2.1]']) {
        const r = await c.ask(request('OPTIONS', { ...vt, ruri: `sip:120@${addr}`, to: `<sip:120@${addr}>`, sentBy: addr, extra: [`Contact: <sip:caller@${addr}>`] }));
        expect(r?.status, addr).toBe(200);
      }
    });

    it('a request whose From has no tag (RFC 2543 style) is accepted: OPTIONS 200, a call set up and ended', async () => {
      const c = await t.conn();
      expect((await c.ask(request('OPTIONS', { ...vt, from: '<sip:caller@127.0.0.1>' })))?.status).toBe(200);
      const inv = request('INVITE', { ...vt, from: 'sip:caller@127.0.0.1' });
      const r = await c.ask(inv, 5000);
      expect(r?.status).toBe(200);
      // the gateway hangs up: its BYE reaches us and is answered (the peer answers 200)
      const callId = r!.callId;
      const t0 = Date.now();
      while (Date.now() - t0 < 3000 && !c.inbox.some((m) => m.callId === callId && m.status === null && m.start.startsWith('BYE '))) await new Promise((res) => setTimeout(res, 10));
      expect(c.inbox.some((m) => m.callId === callId && m.start.startsWith('BYE '))).toBe(true);
    });

    it('an RFC 2543 INVITE (no branch, no From tag) is answered, and its ACK (same Via) ends the 2xx retransmissions (RFC 6026 7.1)', async () => {
      const c = await t.conn();
      const inv = request('INVITE', { ...vt, from: 'sip:caller@127.0.0.1' }).replace(/;branch=[^\r]*/, '');
      const r = await c.ask(inv, 5000);
      expect(r?.status).toBe(200); // the peer ACKs it with the INVITE's Via (no branch)
      const callId = r!.callId;
      // sip.js retransmits an unacknowledged 2xx at 500 ms, 1 s, 2 s...; an ACK taken stops them and the gateway's BYE follows
      await new Promise((res) => setTimeout(res, 1200));
      expect(c.inbox.filter((m) => m.callId === callId && m.status === 200 && m.method === 'INVITE')).toHaveLength(1);
      expect(c.inbox.some((m) => m.callId === callId && m.start.startsWith('BYE '))).toBe(true);
    });

    it('a header block over the 64 KB limit gets 400 when its first lines carry Via..CSeq (was silence)', async () => {
      const c = await t.conn();
      const big = request('OPTIONS', { ...vt, callId: `bighead-${t.name}@test`, extra: [`Subject: ${'A'.repeat(70_000)}`] });
      c.send(big);
      const r = await c.final(`bighead-${t.name}@test`, 'OPTIONS', 3000);
      expect(r?.status).toBe(400);
      expect(r?.text).toContain('headers-too-long');
    });

    it('a branch reused with another method, or from another host, is its own transaction (17.2.3)', async () => {
      const a = await t.conn();
      const b = t.name === 'WS' ? a : await t.conn();
      const branch = `z9hG4bKreuse${t.name}${process.pid}`;
      const invA = request('INVITE', { ...vt, branch, callId: `reuseA-${t.name}@test` });
      a.send(invA); // rings for RING_MS: its server transaction is in Proceeding
      await new Promise((r) => setTimeout(r, 150));
      // same branch and host, another method: answered on its own
      const opt = await b.ask(request('OPTIONS', { ...vt, branch, callId: `reuseO-${t.name}@test` }), 2000);
      expect(opt?.status).toBe(200);
      // same branch and method, another host: a new INVITE, not a retransmission of A's
      const invB = await b.ask(request('INVITE', { ...vt, branch, sentBy: '192.0.2.7:5070', callId: `reuseB-${t.name}@test` }), 5000);
      expect(invB?.status).toBe(200);
      // a CANCEL from the other host does not match A's INVITE (481); A's own CANCEL does (200, then 487)
      const invC = request('INVITE', { ...vt, branch: `${branch}c`, callId: `reuseC-${t.name}@test` });
      a.send(invC);
      await new Promise((r) => setTimeout(r, 150));
      const cancelOf = (sentBy?: string) => request('CANCEL', { ...vt, branch: `${branch}c`, callId: `reuseC-${t.name}@test`, from: header(invC, 'from'), ...(sentBy ? { sentBy } : {}) });
      expect((await b.ask(cancelOf('192.0.2.7:5070'), 2000))?.status).toBe(481);
      const cancelOwn = cancelOf();
      expect((await a.ask(cancelOwn, 2000))?.status).toBe(200);
      expect((await a.final(`reuseC-${t.name}@test`, 'INVITE', 3000))?.status).toBe(487);
      // and A's INVITE was never disturbed: answered on its own connection with its own Call-ID
      expect((await a.final(`reuseA-${t.name}@test`, 'INVITE', 5000))?.status).toBe(200);
      if (b !== a) expect(b.inbox.some((m) => m.callId === `reuseA-${t.name}@test`)).toBe(false);
    }, 15_000);
  });
}

function header(text: string, name: string): string | undefined {
  return new RegExp(`\\r\\n${name}:[ \\t]*([^\\r\\n]*)`, 'i').exec(text)?.[1];
}

describe('the installed sip.js carries patches/sip.js+0.21.2.patch (applied by the postinstall)', () => {
  it('is the version the patch was made for, with the RFC 3261 17.2.3 key in place', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules/sip.js/package.json'), 'utf8')) as { version: string };
    // a sip.js upgrade must come with the patch redone for it (see the patch file's header)
    expect(readdirSync(join(root, 'patches')).filter((f) => f.startsWith('sip.js+'))).toEqual([`sip.js+${pkg.version}.patch`]);
    expect(readFileSync(join(root, 'node_modules/sip.js/lib/core/transactions/server-transaction.js'), 'utf8')).toContain('export function serverTransactionKey');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.postinstall).toMatch(/patch-package/);
  });
});

for (const kind of ['TCP', 'TLS'] as const) {
  describe(`stream limits over ${kind} (RFC 3261 18.3)`, () => {
    let gw: Gateway;
    const streams = { partialMessageTimeoutMs: 300, idleTimeoutMs: 1000, maxConnectionsPerSource: 4 };
    const open = () => SipConn.stream(gw.ep.port, kind === 'TLS' ? cert : undefined);
    beforeAll(async () => {
      gw = await startGateway({ streams, ...(kind === 'TLS' ? { tls: { key, cert } } : {}) });
    });
    afterAll(() => gw.ep.stop());

    it('a message whose body never completes gets 400 after the partial-message timer, then the connection closes', async () => {
      const c = await open();
      const whole = request('INVITE', { viaTransport: kind, callId: `partial-${kind}@test` });
      const cut = whole.replace(/Content-Length: \d+/, 'Content-Length: 900'); // 900 announced, fewer sent
      const t0 = Date.now();
      c.send(cut);
      expect(await c.waitClosed(3000)).toBe(true);
      expect(c.closedAt! - t0).toBeGreaterThanOrEqual(streams.partialMessageTimeoutMs - 20); // the timer starts when the octets arrive, after t0
      const r = c.inbox.find((m) => m.callId === `partial-${kind}@test`);
      expect(r?.status).toBe(400);
      expect(r?.text).toContain('partial-message-timeout');
    });

    it('a header block that never ends is closed after the partial-message timer (answered 400 when Via..CSeq came)', async () => {
      const c = await open();
      const head = request('OPTIONS', { viaTransport: kind, callId: `parthead-${kind}@test` }).split('\r\n\r\n')[0]!;
      c.send(`${head}\r\nSubject: still typ`); // no blank line ever
      expect(await c.waitClosed(3000)).toBe(true);
      expect(c.inbox.find((m) => m.callId === `parthead-${kind}@test`)?.status).toBe(400);
      const junk = await open();
      junk.send('OPTIONS sip:120@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKx\r\n'); // nothing to answer from
      expect(await junk.waitClosed(3000)).toBe(true);
      expect(junk.inbox).toEqual([]);
    });

    it('an idle connection is closed after the idle timer; one kept busy is not', async () => {
      const t0 = Date.now(); // before the connection exists: its idle clock starts later
      const idle = await open();
      const busy = await open();
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 300));
        expect((await busy.ask(request('OPTIONS', { viaTransport: kind })))?.status).toBe(200);
      }
      expect(await idle.waitClosed(2000)).toBe(true);
      expect(idle.closedAt! - t0).toBeGreaterThanOrEqual(streams.idleTimeoutMs);
      expect(busy.closedAt).toBeNull();
      busy.close();
    });

    it('the idle timer spares a connection that carries a call in progress', async () => {
      const peer = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet, ...(kind === 'TLS' ? { tls: { ca: cert } } : {}) });
      try {
        const { gwLeg, peerLeg, done } = await callGateway(gw, peer, kind === 'TLS' ? 'tls' : 'tcp');
        await new Promise((r) => setTimeout(r, streams.idleTimeoutMs * 2)); // no SIP on the connection meanwhile
        expect(gwLeg.state).toBe('active');
        await gwLeg.hangup('normal'); // the BYE travels on the same connection
        await done;
        expect(peerLeg.state).toBe('closed');
      } finally {
        await peer.stop();
      }
    }, 15_000);

    it(`one source address holds at most ${streams.maxConnectionsPerSource} connections; more are closed at accept`, async () => {
      // earlier cases' connections are closed by now (idle); wait for the count to settle
      await new Promise((r) => setTimeout(r, 200));
      const conns = await Promise.all(Array.from({ length: streams.maxConnectionsPerSource }, () => open()));
      for (const c of conns) expect((await c.ask(request('OPTIONS', { viaTransport: kind })))?.status).toBe(200);
      const refusedBefore = gw.ep.transport.stats.refusedConnections;
      const extra = await open().catch(() => null); // TLS: the handshake itself may fail
      if (extra) expect(await extra.waitClosed(1000)).toBe(true);
      expect(gw.ep.transport.stats.refusedConnections).toBe(refusedBefore + 1);
      conns[0]!.close();
      await new Promise((r) => setTimeout(r, 100));
      const again = await open();
      expect((await again.ask(request('OPTIONS', { viaTransport: kind })))?.status).toBe(200);
      for (const c of [...conns, again]) c.close();
    });
  });
}

describe('stream limits are validated at start', () => {
  const bad: [Record<string, number>, string][] = [
    [{ partialMessageTimeoutMs: 0 }, 'streams.partialMessageTimeoutMs'],
    [{ idleTimeoutMs: 10 }, 'streams.idleTimeoutMs'],
    [{ maxConnectionsPerSource: 0 }, 'streams.maxConnectionsPerSource'],
    [{ maxConnectionsPerSource: 2.5 }, 'streams.maxConnectionsPerSource'],
    [{ partialMessageTimeoutMs: 60_000, idleTimeoutMs: 30_000 }, 'streams.partialMessageTimeoutMs'],
  ];
  for (const [streams, field] of bad) {
    it(`${JSON.stringify(streams)} -> TZ_ERR_VALIDATION naming ${field}`, async () => {
      const err = await SipEndpoint.start({ listen: { host: '127.0.0.1', port: 0 }, rtpPorts: rtpRange(), logger: quiet, streams }).then(() => null, (e: unknown) => e);
      expect(isTzError(err, 'TZ_ERR_VALIDATION')).toBe(true);
      expect((err as { details: { field: string; reason: string } }).details).toMatchObject({ field });
      expect((err as { details: { reason: string } }).details.reason).toMatch(/; use \S/);
    });
  }
});

describe('UDP through the Kamailio edge (sip-config/kamailio/kamailio.cfg, unchanged) to the gateway over TCP', () => {
  // The edge answers OPTIONS and refuses methods other than INVITE itself; INVITEs reach the
  // gateway, whose answers it relays.
  let gw: Gateway;
  let kam: Kamailio;
  let edgePort: number;
  let sock: dgram.Socket;
  const inbox: SipMsg[] = [];
  beforeAll(async () => {
    gw = await startGateway({ answerDelayMs: 0, onCall: (leg) => { setTimeout(() => void leg.hangup('normal'), 100); } });
    ({ kam, edgePort } = await startEdgeBefore(tempDir(), gw.ep.port));
    sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    sock.on('message', (buf) => {
      for (const m of new StreamReader().push(buf.toString('latin1'))) {
        inbox.push(m);
        // answer the gateway's BYE (relayed by the edge) so calls end cleanly
        if (m.status === null && m.start.startsWith('BYE ')) {
          const lines = m.text.split('\r\n').filter((l) => /^(via|v|from|f|to|t|call-id|i|cseq)\s*:/i.test(l));
          sock.send(Buffer.from(['SIP/2.0 200 OK', ...lines, 'Content-Length: 0', '', ''].join('\r\n'), 'latin1'), edgePort, '127.0.0.1');
        }
      }
    });
  }, 30_000);
  afterAll(async () => {
    sock?.close();
    await kam?.stop();
    await gw?.ep.stop();
  });

  /** Send over UDP from our socket; wait for the final answer; ACK a non-2xx (same branch) or 2xx. */
  async function askUdp(text: string): Promise<SipMsg | null> {
    const port = sock.address().port;
    const msg = text.replace(/SIP\/2\.0\/TCP 127\.0\.0\.1:5999/, `SIP/2.0/UDP 127.0.0.1:${port};rport`).replace(/sip:120@127\.0\.0\.1(?=[ >])/g, `sip:120@127.0.0.1:${edgePort}`);
    const callId = header(msg, 'call-id')!;
    sock.send(Buffer.from(msg, 'latin1'), edgePort, '127.0.0.1');
    const t0 = Date.now();
    let r: SipMsg | undefined;
    while (!(r = inbox.find((m) => m.callId === callId && m.status !== null && m.status >= 200)) && Date.now() - t0 < 5000) await new Promise((res) => setTimeout(res, 10));
    if (r && r.method === 'INVITE') {
      const lines = r.text.split('\r\n');
      const pick = (re: RegExp) => lines.filter((l) => re.test(l));
      const contact = /<([^>]+)>/.exec(header(r.text, 'contact') ?? '')?.[1];
      const via = r.status! < 300 ? `Via: SIP/2.0/UDP 127.0.0.1:${port};rport;branch=z9hG4bKudpack${Date.now()}` : pick(/^via\s*:/i)[0]!;
      const route = r.status! < 300 ? pick(/^record-route\s*:/i).map((l) => l.replace(/^record-route/i, 'Route')) : [];
      sock.send(Buffer.from([`ACK ${r.status! < 300 && contact ? contact : `sip:120@127.0.0.1:${edgePort}`} SIP/2.0`, via, ...route, 'Max-Forwards: 70', ...pick(/^(from|to|call-id)\s*:/i), `CSeq: ${/^\d+/.exec(r.cseq)![0]} ACK`, 'Content-Length: 0', '', ''].join('\r\n'), 'latin1'), edgePort, '127.0.0.1');
    }
    return r ?? null;
  }

  it('an INVITE with an unsupported Require gets the gateway\'s 420 with Unsupported', async () => {
    const r = await askUdp(request('INVITE', { extra: ['Require: nothingSupportedHere'] }));
    expect(r?.status).toBe(420);
    expect(r?.text).toMatch(/\r\nUnsupported: nothingSupportedHere\r\n/);
  }, 10_000);

  it('an INVITE whose Accept leaves out application/sdp gets 406', async () => {
    expect((await askUdp(request('INVITE', { extra: ['Accept: text/plain'] })))?.status).toBe(406);
  }, 10_000);

  it('an INVITE whose From has no tag is answered 200', async () => {
    expect((await askUdp(request('INVITE', { from: '<sip:caller@127.0.0.1>' })))?.status).toBe(200);
  }, 10_000);
});
