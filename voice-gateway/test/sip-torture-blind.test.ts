/**
 * Blind torture round (RFC 4475 / RFC 5118 / RFC 3261 grammar) against a live SipEndpoint: every
 * case of sip-fixtures/torture-blind.ts goes on its own raw TCP connection (and, where it applies,
 * as a WebSocket message from a `ws` server the gateway dialled, RFC 7118). The raw peer behaves
 * like a UAC: it ACKs final answers to its INVITEs and answers the gateway's BYEs, so a call that
 * was accepted ends cleanly. After the sweep: the gateway still takes a real call (sip.js peer,
 * RTP both ways), and no call, dialog, RTP port or transport route is left behind.
 */
import { isUtf8 } from 'node:buffer';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { SipEndpoint, type SipCallLeg } from '../src/sip/index.js';
import { tortureBlind, type TortureCase } from './sip-fixtures/torture-blind.js';
import { callGateway, quiet, rtpRange, type Gateway } from './sip-helpers.js';

/** Final statuses that mean "refused as malformed / unacceptable", not "handled". */
const REFUSED = new Set([400, 413, 414, 416, 483, 500, 503, 505, 513]);

function matches(expect: string, final: number | null, answered: boolean): boolean {
  return expect.split('|').some((a) => {
    if (a === 'any') return true;
    if (a === 'drop') return !answered;
    if (final === null) return false;
    if (a === 'accept') return !REFUSED.has(final);
    if (a === 'any-4xx') return final >= 400 && final < 500;
    return final === Number(a);
  });
}

interface Msg { text: string; start: string; status: number | null; callId: string | undefined; cseq: string | undefined }

function header(text: string, long: string, short: string): string | undefined {
  const head = text.slice(0, text.indexOf('\r\n\r\n') >>> 0);
  return new RegExp(`\\r\\n(?:${long}|${short})[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i').exec(head)?.[1]?.trim();
}

function parse(text: string): Msg {
  const start = text.slice(0, text.indexOf('\r\n') >>> 0);
  const sm = /^SIP\/2\.0 (\d{3}) /.exec(start);
  return { text, start, status: sm ? Number(sm[1]) : null, callId: header(text, 'call-id', 'i'), cseq: header(text, 'cseq', 'cseq') };
}

/** Split a received byte stream into SIP messages (Content-Length framing; CRLF pongs skipped). */
class Reader {
  private buf = '';
  push(chunk: string): Msg[] {
    this.buf += chunk;
    const out: Msg[] = [];
    for (;;) {
      this.buf = this.buf.replace(/^(\r\n)+/, '');
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return out;
      const cl = Number(/\r\n(?:content-length|l)[ \t]*:[ \t]*(\d+)/i.exec(this.buf.slice(0, end + 2))?.[1] ?? 0);
      if (this.buf.length < end + 4 + cl) return out;
      out.push(parse(this.buf.slice(0, end + 4 + cl)));
      this.buf = this.buf.slice(end + 4 + cl);
    }
  }
}

/** The peer side of what the gateway sends us: ACK its final answers to our INVITEs, 200 its requests. */
function peerReply(m: Msg, sent: Map<string, string>): string | null {
  const lines = m.text.slice(0, m.text.indexOf('\r\n\r\n')).split('\r\n');
  const pick = (re: RegExp) => lines.filter((l) => re.test(l));
  if (m.status === null) {
    if (/^ACK /.test(m.start)) return null;
    const copy = [...pick(/^(via|v)\s*:/i), ...pick(/^(from|f|to|t|call-id|i|cseq)\s*:/i)];
    return ['SIP/2.0 200 OK', ...copy, 'Content-Length: 0', '', ''].join('\r\n');
  }
  if (m.status < 200 || !/INVITE\s*$/i.test(m.cseq ?? '')) return null;
  const n = /^\s*(\d+)/.exec(m.cseq ?? '')?.[1] ?? '1';
  const topVia = pick(/^(via|v)\s*:/i)[0] ?? 'Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKack';
  const viaValue = topVia.replace(/^[^:]*:\s*/, '').split(',')[0]!;
  const via = m.status < 300 ? `Via: ${viaValue.replace(/branch=[^;,\s]+/i, `branch=z9hG4bKack${Math.random().toString(36).slice(2)}`)}` : `Via: ${viaValue}`;
  const contact = /<([^>]+)>/.exec(header(m.text, 'contact', 'm') ?? '')?.[1] ?? 'sip:120@127.0.0.1';
  const lateOffer = m.status < 300 && m.callId !== undefined && sent.get(m.callId) === 'late-offer';
  const body = lateOffer ? 'v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n' : '';
  return [
    `ACK ${m.status < 300 ? contact : 'sip:120@127.0.0.1'} SIP/2.0`, via, 'Max-Forwards: 70',
    ...pick(/^(from|f|to|t|call-id|i)\s*:/i), `CSeq: ${n} ACK`,
    ...(body ? ['Content-Type: application/sdp'] : []), `Content-Length: ${body.length}`, '', body,
  ].join('\r\n');
}

/** Call-IDs of the requests in a case, in order (`late-offer` marks INVITEs without a body). */
function sentCalls(bytes: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of new Reader().push(bytes)) {
    if (!m.callId) continue;
    const lateOffer = /^INVITE /.test(m.start) && !/\r\n\r\n[\s\S]+$/.test(m.text);
    out.set(m.callId, lateOffer ? 'late-offer' : 'offer');
  }
  return out;
}

interface Outcome { statuses: number[]; finals: Map<string | undefined, number>; wellFormed: boolean }

function summarise(got: Msg[]): Outcome {
  const responses = got.filter((m) => m.status !== null || /^SIP\//i.test(m.start));
  const finals = new Map<string | undefined, number>();
  for (const r of responses) {
    if (r.status !== null && r.status >= 200 && !finals.has(r.callId)) finals.set(r.callId, r.status);
  }
  return { statuses: responses.map((r) => r.status ?? -1), finals, wellFormed: responses.every((r) => /^SIP\/2\.0 \d{3} /.test(r.start)) };
}

function verdict(c: TortureCase, o: Outcome, callIds: string[], expect: string): string | null {
  if (!o.wellFormed) return `malformed response: ${o.statuses.join(',')}`;
  if (c.expectAll) {
    const wrong = c.expectAll.map((e, i) => {
      const f = o.finals.get(callIds[i]) ?? null;
      return matches(e, f, f !== null) ? null : `#${i}: want ${e}, got ${f ?? 'nothing'}`;
    }).filter(Boolean);
    return wrong.length ? wrong.join('; ') : null;
  }
  const final = (callIds[0] !== undefined ? o.finals.get(callIds[0]) : undefined) ?? [...o.finals.values()][0] ?? null;
  return matches(expect, final, o.statuses.length > 0) ? null : `want ${expect}, got ${o.statuses.length ? o.statuses.join(',') : 'nothing'}`;
}

// ------------------------------------------------------------------------------------------ TCP
let gw: SipEndpoint;
let takeLeg: ((l: SipCallLeg) => void) | null = null;
const failures: string[] = [];
const wsFailures: string[] = [];

async function tcpCase(c: TortureCase): Promise<Outcome & { callIds: string[] }> {
  const calls = sentCalls(c.bytes);
  const callIds = [...calls.keys()];
  const got: Msg[] = [];
  const want = c.expectAll?.length ?? 1;
  const reader = new Reader();
  const s = net.connect(gw.port, '127.0.0.1');
  s.setNoDelay(true);
  s.on('error', () => {});
  let lastFinalAt = 0;
  s.on('data', (d: Buffer) => {
    for (const m of reader.push(d.toString('latin1'))) {
      got.push(m);
      if (m.status !== null && m.status >= 200) lastFinalAt = Date.now();
      const reply = peerReply(m, calls);
      if (reply && !s.destroyed) s.write(Buffer.from(reply, 'latin1'));
    }
  });
  await new Promise<void>((r) => s.once('connect', () => r()));
  const bytes = Buffer.from(c.bytes, 'latin1');
  const step = c.split ?? bytes.length;
  for (let o = 0; o < bytes.length; o += step) {
    await new Promise<void>((r) => s.write(bytes.subarray(o, o + step), () => r()));
    if (step < bytes.length) await new Promise((r) => setImmediate(r));
  }
  // Wait for the answers (final ones), then linger so a BYE after an accepted call is answered.
  const t0 = Date.now();
  const finalsIn = () => got.filter((m) => m.status !== null && m.status >= 200).length;
  while (Date.now() - t0 < 1500 && finalsIn() < want && !s.destroyed) await new Promise((r) => setTimeout(r, 10));
  if (finalsIn() === 0) await new Promise((r) => setTimeout(r, 150));
  const linger = got.some((m) => m.status !== null && m.status < 300 && /INVITE/i.test(m.cseq ?? '')) ? 400 : 50;
  while (Date.now() - Math.max(lastFinalAt, t0) < linger) await new Promise((r) => setTimeout(r, 10));
  s.destroy();
  return { ...summarise(got), callIds };
}

beforeAll(async () => {
  gw = await SipEndpoint.start({
    listen: { host: '127.0.0.1', port: 0 }, rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet,
    onCall: (leg) => {
      if (takeLeg) { const t = takeLeg; takeLeg = null; t(leg); } else void leg.hangup('normal');
    },
  });
});
afterAll(async () => {
  await gw?.stop();
  if (failures.length) console.log(`TCP torture failures (${failures.length}):\n${failures.join('\n')}`);
  if (wsFailures.length) console.log(`WS torture failures (${wsFailures.length}):\n${wsFailures.join('\n')}`);
});

describe('torture set over TCP', () => {
  const tcp = tortureBlind.filter((c) => !c.transports || c.transports.includes('tcp'));
  it('has at least 80 cases', () => expect(tortureBlind.length).toBeGreaterThanOrEqual(80));
  for (const c of tcp) {
    it.concurrent(`${c.name} -> ${c.expectAll ? c.expectAll.join(',') : c.expect}`, async () => {
      const o = await tcpCase(c);
      const bad = verdict(c, o, o.callIds, c.expect);
      if (bad) failures.push(`${c.name}: ${bad}`);
      expect(bad, c.note).toBeNull();
    }, 10_000);
  }
});

describe('after the TCP sweep', () => {
  it('leaves no call, dialog, RTP port or route behind', async () => {
    const core = gw.ua.userAgentCore;
    // A call accepted on a connection that the stream error then closed never gets its ACK: sip.js
    // ends that dialog after 64*T1 (32 s), so the wait is bounded by that.
    const t0 = Date.now();
    while (Date.now() - t0 < 40_000 && (gw.activeCalls > 0 || gw.allocator.allocated > 0 || core.dialogs.size > 0)) await new Promise((r) => setTimeout(r, 50));
    expect(gw.activeCalls).toBe(0);
    expect(gw.allocator.allocated).toBe(0);
    expect([...core.dialogs.values()].map((d) => d.callId)).toEqual([]);
    // every torture connection is closed: the route sweep (forced, instead of waiting 16 s) drops them all
    (gw.transport as unknown as { sweep(): void }).sweep();
    expect(gw.transport.routeEntries).toBe(0);
  }, 45_000);

  it('still answers OPTIONS and completes a real call with RTP both ways', async () => {
    const ping = await tcpCase({ name: 'ping', bytes: 'OPTIONS sip:120@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKpingafter\r\nMax-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:120@127.0.0.1>\r\nCall-ID: pingafter@torture\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n', expect: '200', note: '' });
    expect(ping.statuses).toContain(200);
    const peer = await SipEndpoint.start({ listen: { host: '127.0.0.1', port: 0 }, rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet });
    try {
      const g: Gateway = { ep: gw, nextLeg: () => new Promise((r) => { takeLeg = r; }) };
      const { gwLeg, peerLeg, done } = await callGateway(g, peer);
      expect(gwLeg.state).toBe('active');
      const silence = new Int16Array(160);
      for (let i = 0; i < 10; i++) peerLeg.sdh!.rtp!.sendFrame(silence);
      const t0 = Date.now();
      while (Date.now() - t0 < 3000 && (gwLeg.rtpStats?.audioSamplesReceived ?? 0) === 0) await new Promise((r) => setTimeout(r, 20));
      expect(gwLeg.rtpStats?.audioSamplesReceived ?? 0).toBeGreaterThan(0);
      await peerLeg.hangup('normal');
      await done;
      const t1 = Date.now();
      while (Date.now() - t1 < 3000 && (gw.activeCalls > 0 || gw.allocator.allocated > 0)) await new Promise((r) => setTimeout(r, 20));
      expect(gw.activeCalls).toBe(0);
      expect(gw.allocator.allocated).toBe(0);
    } finally {
      await peer.stop();
    }
  }, 20_000);
});

// ------------------------------------------------------------------------------------ WebSocket
describe('torture set over WebSocket (RFC 7118)', () => {
  let wss: WebSocketServer;
  let conn: WebSocket | null = null;
  let ep: SipEndpoint;
  const inbox: Msg[] = [];
  const calls = new Map<string, string>();
  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (ps) => (ps.has('sip') ? 'sip' : false) });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    wss.on('connection', (ws) => {
      conn = ws;
      ws.on('message', (data: Buffer) => {
        for (const m of new Reader().push(data.toString('latin1'))) {
          inbox.push(m);
          const reply = peerReply(m, calls);
          if (reply && ws.readyState === ws.OPEN) ws.send(Buffer.from(reply, 'latin1'), { binary: !isUtf8(Buffer.from(reply, 'latin1')) });
        }
      });
    });
    ep = await SipEndpoint.start({
      websocket: { url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`, backoff: { initialMs: 50, maxMs: 200 } },
      rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet,
      onCall: (leg) => { void leg.hangup('normal'); },
    });
  });
  afterAll(async () => {
    await ep?.stop();
    await new Promise<void>((r) => { for (const c of wss.clients) c.terminate(); wss.close(() => r()); });
  });

  const ws = tortureBlind.filter((c) => !c.transports || c.transports.includes('ws'));
  for (const c of ws) {
    const expectWs = c.wsExpect ?? c.expect;
    it(`${c.name} -> ${expectWs}`, async () => {
      const t0 = Date.now();
      while (Date.now() - t0 < 3000 && (!conn || conn.readyState !== conn.OPEN)) await new Promise((r) => setTimeout(r, 20));
      const sent = sentCalls(c.bytes);
      for (const [k, v] of sent) calls.set(k, v);
      const callIds = [...sent.keys()];
      const bytes = Buffer.from(c.bytes, 'latin1');
      const from = inbox.length;
      conn!.send(bytes, { binary: c.wsBinary === true || !isUtf8(bytes) });
      const mine = () => inbox.slice(from).filter((m) => callIds.length === 0 || callIds.includes(m.callId ?? ''));
      const t1 = Date.now();
      while (Date.now() - t1 < 1500 && !mine().some((m) => m.status !== null && m.status >= 200)) await new Promise((r) => setTimeout(r, 10));
      if (!mine().some((m) => m.status !== null && m.status >= 200)) await new Promise((r) => setTimeout(r, 100));
      const o = summarise(mine());
      const bad = verdict(c, o, callIds, expectWs);
      if (bad) wsFailures.push(`${c.name}: ${bad}`);
      expect(bad, c.note).toBeNull();
    }, 10_000);
  }

  it('after the WebSocket sweep: still takes an OPTIONS, no call, dialog or RTP port left', async () => {
    const t0 = Date.now();
    while (Date.now() - t0 < 3000 && (!conn || conn.readyState !== conn.OPEN)) await new Promise((r) => setTimeout(r, 20));
    const from = inbox.length;
    conn!.send('OPTIONS sip:tingzhen@edge.invalid SIP/2.0\r\nVia: SIP/2.0/WS edge.invalid;branch=z9hG4bKwsafter\r\nMax-Forwards: 70\r\nFrom: <sip:a@edge.invalid>;tag=1\r\nTo: <sip:tingzhen@edge.invalid>\r\nCall-ID: wsafter@torture\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n');
    const t1 = Date.now();
    while (Date.now() - t1 < 2000 && !inbox.slice(from).some((m) => m.callId === 'wsafter@torture')) await new Promise((r) => setTimeout(r, 10));
    expect(inbox.slice(from).find((m) => m.callId === 'wsafter@torture')?.status).toBe(200);
    const t2 = Date.now();
    while (Date.now() - t2 < 5000 && (ep.activeCalls > 0 || ep.allocator.allocated > 0 || ep.ua.userAgentCore.dialogs.size > 0)) await new Promise((r) => setTimeout(r, 50));
    expect(ep.activeCalls).toBe(0);
    expect(ep.allocator.allocated).toBe(0);
    expect([...ep.ua.userAgentCore.dialogs.values()].map((d) => d.callId)).toEqual([]);
  });
});
