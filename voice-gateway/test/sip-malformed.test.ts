/**
 * Malformed SIP (RFC 4475 classes): unit tests of framing and the guard, then a live gateway fed
 * bad and fuzzed messages over TCP: it answers 400 where it can, drops otherwise, never crashes,
 * keeps serving good calls and leaks no call or RTP port.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardMessage, SipStreamFramer, toWire } from '../src/sip/index.js';
import { invite, withHeader } from './sip-fixtures/messages.js';
import { startGateway, type Gateway } from './sip-helpers.js';

describe('SIP stream framing (RFC 3261 section 18.3)', () => {
  const msg = invite({ port: 5060 });
  it('reassembles messages split at any byte and splits coalesced ones', () => {
    const f = new SipStreamFramer();
    const bytes = Buffer.from(msg + msg, 'latin1');
    const out = [];
    for (let i = 0; i < bytes.length; i += 7) out.push(...f.push(bytes.subarray(i, i + 7)));
    expect(out.map((e) => e.kind)).toEqual(['message', 'message']);
    expect(out[0]).toEqual({ kind: 'message', text: msg });
  });
  it('keeps body octets 1:1 (binary bodies survive)', () => {
    const body = Buffer.from([0, 1, 0xff, 0xc3, 0x28, 13, 10, 13, 10, 0x80]);
    const head = Buffer.from(`MESSAGE sip:a@b SIP/2.0\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1');
    const [ev] = new SipStreamFramer().push(Buffer.concat([head, body]));
    expect(ev!.kind).toBe('message');
    const text = (ev as { text: string }).text;
    expect(Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4), 'latin1').equals(body)).toBe(true);
    // and back out: Content-Length counts octets, not UTF-8 bytes of the JS string
    const wire = toWire(text.replace(/Content-Length: \d+/, 'Content-Length: 999'));
    expect(wire.toString('latin1')).toContain(`Content-Length: ${body.length}\r\n`);
    expect(wire.subarray(wire.length - body.length).equals(body)).toBe(true);
  });
  it('answers keep-alive pings and rejects unframeable streams', () => {
    expect(new SipStreamFramer().push(Buffer.from('\r\n\r\n')).map((e) => e.kind)).toEqual(['ping']);
    const noCl = withHeader(msg, 'Content-Length', null);
    expect(new SipStreamFramer().push(Buffer.from(noCl, 'latin1'))[0]).toMatchObject({ kind: 'error', problem: 'content-length-missing' });
    for (const bad of ['-5', 'abc', '99999999999']) {
      expect(new SipStreamFramer().push(Buffer.from(withHeader(msg, 'Content-Length', bad), 'latin1'))[0]).toMatchObject({ kind: 'error', problem: 'content-length-invalid' });
    }
    expect(new SipStreamFramer().push(Buffer.alloc(70_000, 0x41))[0]).toMatchObject({ kind: 'error', problem: 'headers-too-long' });
  });
});

describe('pre-parser guard (RFC 4475 classes)', () => {
  const good = invite({ port: 5060 });
  const status = (m: string) => {
    const g = guardMessage(m);
    if (g.ok) return 'ok';
    return g.reply ? Number(/^SIP\/2\.0 (\d+)/.exec(g.reply)![1]) : 'dropped';
  };
  it('accepts a valid INVITE, including compact forms and folded headers', () => {
    expect(status(good)).toBe('ok');
    expect(status(withHeader(good, 'Call-ID', 'x@y').replace('Call-ID:', 'i:'))).toBe('ok');
    expect(status(good.replace('Max-Forwards: 70', 'Max-Forwards:\r\n  70'))).toBe('ok');
  });
  const cases: [string, string, number | 'dropped' | 'ok'][] = [
    ['bad SIP version (3.1.2.16)', good.replace('SIP/2.0\r\n', 'SIP/7.0\r\n'), 505],
    ['garbage request line', good.replace(/^INVITE [^\r]*/, 'INVITE  sip:x SIP/2.0 extra'), 400],
    ['CSeq method mismatch (3.1.2.13)', withHeader(good, 'CSeq', '1 OPTIONS'), 400],
    ['CSeq number too large (3.1.2.12)', withHeader(good, 'CSeq', '36893488147419103232 INVITE'), 400],
    ['negative CSeq', withHeader(good, 'CSeq', '-1 INVITE'), 400],
    ['unknown Request-URI scheme (3.3.x)', good.replace(/^INVITE sip:[^ ]+/, 'INVITE mailto:a@b.c'), 416],
    ['non-numeric Max-Forwards', withHeader(good, 'Max-Forwards', 'seventy'), 400],
    ['From without tag: accepted (RFC 2543 peers, RFC 3261 12.1.1)', withHeader(good, 'From', '<sip:caller@127.0.0.1>'), 'ok'],
    ['IPv6 Request-URI without brackets: malformed, not an unknown scheme (RFC 5118 4.3)', good.replace(/^INVITE sip:[^ ]+/, 'INVITE sip:2001:db8::10'), 400],
    ['RFC 5118 three-colon IPv6 form (4.10): accepted', good.replace(/^INVITE sip:[^ ]+/, 'INVITE sip:120@[2001:db8:::192.0.2.1]'), 'ok'],
    ['unparseable From', withHeader(good, 'From', '<<<sip:x>>>;tag=1'), 400],
    ['body without Content-Type', withHeader(good, 'Content-Type', null), 400],
    ['missing To', withHeader(good, 'To', null), 'dropped'],
    ['missing Call-ID (cannot answer)', withHeader(good, 'Call-ID', null), 'dropped'],
    ['missing Via (cannot route a response)', withHeader(good, 'Via', null), 'dropped'],
    ['malformed response', 'SIP/2.0 999999 Huh\r\nContent-Length: 0\r\n\r\n', 'dropped'],
    ['ACK is never answered', good.replace(/^INVITE/, 'ACK').replace('1 INVITE', '1 ACK').replace('tag=abc123', ''), 'dropped'],
  ];
  for (const [name, m, want] of cases) it(`${name} -> ${want}`, () => expect(status(m)).toBe(want));
});

describe('live gateway under malformed and fuzzed input', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ onCall: (leg) => leg.hangup('normal') });
  });
  afterAll(async () => { await gw.ep.stop(); });

  /** Send raw bytes on a new connection; collect what comes back for a while. */
  function exchange(data: Buffer | string, waitMs = 150): Promise<string> {
    return new Promise((resolve) => {
      const s = net.connect(gw.ep.port, '127.0.0.1');
      let got = '';
      s.on('data', (d) => { got += d.toString('latin1'); });
      s.on('error', () => {});
      s.on('connect', () => s.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data));
      setTimeout(() => { s.destroy(); resolve(got); }, waitMs);
    });
  }

  it('answers 400 with the request headers copied, and 488 for an offer without a usable codec', async () => {
    const r = await exchange(withHeader(invite({ port: gw.ep.port, callId: 'bad-1@x' }), 'CSeq', '1 BYE'));
    expect(r).toMatch(/^SIP\/2\.0 400 /);
    expect(r).toContain('Call-ID: bad-1@x');
    expect(r).toMatch(/To: <sip:120@127\.0\.0\.1>;tag=/);
    const r488 = await exchange(invite({ port: gw.ep.port, sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n' }), 300);
    expect(r488).toMatch(/SIP\/2\.0 488 /);
    const r400 = await exchange(invite({ port: gw.ep.port, sdp: 'this is not sdp' }), 300);
    expect(r400).toMatch(/SIP\/2\.0 400 /);
    const noCl = await exchange(withHeader(invite({ port: gw.ep.port }), 'Content-Length', 'x'));
    expect(noCl).toMatch(/^SIP\/2\.0 400 /);
  });

  it('survives 300 fuzzed INVITEs, then still answers a good call; no call or RTP port leaks', async () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const base = invite({ port: gw.ep.port, rtpPort: 9 });
    const answered: string[] = [];
    for (let i = 0; i < 300; i++) {
      const b = Buffer.from(base.replace(/Call-ID: [^\r]+/, `Call-ID: fuzz-${i}@x`), 'latin1');
      const kind = rnd(4);
      if (kind === 0) for (let k = 0; k < 1 + rnd(8); k++) b[rnd(b.length)] = rnd(256); // byte flips
      else if (kind === 1) b[rnd(b.length)] = [0, 0x0d, 0x0a, 0x3a, 0x3c, 0x3b, 0x20][rnd(7)]!; // structural bytes
      const lines = b.toString('latin1').split('\r\n');
      if (kind === 2) lines.splice(1 + rnd(9), 1); // drop a header
      if (kind === 3) lines.splice(1 + rnd(9), 0, lines[1 + rnd(9)]!); // duplicate a header
      answered.push(await exchange(Buffer.from(lines.join('\r\n'), 'latin1'), 15));
    }
    // every reply that came back is a well-formed status line
    for (const r of answered.filter(Boolean)) expect(r).toMatch(/^SIP\/2\.0 \d{3} /);
    const ok = await exchange(invite({ port: gw.ep.port, rtpPort: 9 }), 400);
    expect(ok).toMatch(/SIP\/2\.0 200 OK/);
    await new Promise((r) => setTimeout(r, 300));
    expect(gw.ep.activeCalls).toBe(0);
    expect(gw.ep.allocator.allocated).toBe(0);
  }, 30_000);
});
