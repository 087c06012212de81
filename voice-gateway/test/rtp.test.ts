import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { isTzError, mulawEncode } from '@tingzhen/voice-core';
import {
  buildRtcp, G711Plc, JitterBuffer, parseRtcp, parseRtp, PortAllocator, ReceptionStats, RtpSession, serializeRtp,
  TelephoneEventReceiver, telephoneEventPackets, parseTelephoneEvent, type SocketPair,
} from '../src/rtp/index.js';

const sine = (n: number, hz = 300, amp = 8000, phase0 = 0) =>
  Int16Array.from({ length: n }, (_, i) => Math.round(amp * Math.sin((2 * Math.PI * hz * (i + phase0)) / 8000)));
const energy = (s: Int16Array) => s.reduce((a, v) => a + v * v, 0) / Math.max(1, s.length);

describe('RTP packets (RFC 3550 section 5.1)', () => {
  it('round-trips header fields and payload', () => {
    const buf = serializeRtp({ payloadType: 8, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, payload: Buffer.from([1, 2, 3]) });
    const p = parseRtp(buf)!;
    expect(p).toMatchObject({ payloadType: 8, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef });
    expect([...p.payload]).toEqual([1, 2, 3]);
  });
  it('skips CSRCs and header extensions, strips padding', () => {
    const b = Buffer.alloc(12 + 4 + 8 + 2 + 2);
    b[0] = 0x80 | 0x20 | 0x10 | 1; // padding, extension, 1 CSRC
    b[1] = 0;
    b.writeUInt16BE(1, 18); // extension length 1 word
    b[24] = 0xaa; b[25] = 0xbb; b[27] = 2; // 2 payload bytes, then 2 bytes padding (last = 2)
    const p = parseRtp(b)!;
    expect([...p.payload]).toEqual([0xaa, 0xbb]);
  });
  it('returns null for garbage instead of throwing', () => {
    expect(parseRtp(Buffer.alloc(5))).toBeNull();
    expect(parseRtp(Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull(); // version 1
    expect(parseRtp(Buffer.from([0x8f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull(); // 15 CSRCs missing
    const pad = Buffer.alloc(13); pad[0] = 0xa0; pad[12] = 200; // padding longer than packet
    expect(parseRtp(pad)).toBeNull();
    const rtcp = Buffer.alloc(12); rtcp[0] = 0x80; rtcp[1] = 200; // SR on a muxed port
    expect(parseRtp(rtcp)).toBeNull();
  });
});

describe('RFC 4733 telephone-event', () => {
  it('encodes a digit as marker start, growing durations and three end packets', () => {
    const pk = telephoneEventPackets('#', 100)!;
    expect(pk).toHaveLength(8);
    expect(pk[0]!.marker).toBe(true);
    const evs = pk.map((p) => parseTelephoneEvent(p.payload)!);
    expect(evs.every((e) => e.event === 11)).toBe(true);
    expect(evs.slice(0, 5).map((e) => e.duration)).toEqual([160, 320, 480, 640, 800]);
    expect(evs.slice(5).every((e) => e.end && e.duration === 800)).toBe(true);
    expect(telephoneEventPackets('x')).toBeNull();
  });
  it('reports each event once whatever the loss, reordering and repeats', () => {
    const rx = new TelephoneEventReceiver();
    const a = telephoneEventPackets('5')!;
    const b = telephoneEventPackets('5')!;
    const got: string[] = [];
    // first event: marker packet lost, the rest reordered
    for (const p of [a[3]!, a[1]!, a[2]!, a[7]!, a[6]!, a[5]!]) { const d = rx.receive(1, 1000, p.payload); if (d) got.push(d.digit); }
    // second press of the same key: new timestamp
    for (const p of b) { const d = rx.receive(1, 3000, p.payload); if (d) got.push(d.digit); }
    expect(got).toEqual(['5', '5']);
    expect(rx.receive(1, 5000, Buffer.from([1]))).toBeNull(); // too short
  });
});

describe('G.711 packet-loss concealment (G.711 Appendix I)', () => {
  it('continues a voiced signal, then fades to silence after 60 ms', () => {
    const plc = new G711Plc();
    for (let i = 0; i < 5; i++) plc.good(sine(160, 200, 8000, i * 160));
    const c1 = plc.conceal(160);
    const c2 = plc.conceal(160);
    const c3 = plc.conceal(160);
    const c4 = plc.conceal(160);
    expect(energy(c1)).toBeGreaterThan(energy(sine(160)) * 0.5);
    expect(energy(c2)).toBeLessThan(energy(c1));
    expect(energy(c3)).toBeLessThan(energy(c2));
    expect(energy(c4)).toBe(0);
    // pitch repeated: 200 Hz = 40 samples; the concealment is periodic
    expect(Math.abs(c1[10]! - c1[50]!)).toBeLessThan(200);
  });
});

/** Feed a 20 ms stream into a jitter buffer with per-packet arrival offsets; collect all pulled frames. */
function run(jb: JitterBuffer, order: number[], arrival: (i: number) => number, totalMs: number) {
  const frames: { kind: string; samples: Int16Array }[] = [];
  const events = order.map((i) => ({ i, at: arrival(i) })).sort((x, y) => x.at - y.at);
  let e = 0;
  for (let t = 0; t <= totalMs; t += 5) {
    while (e < events.length && events[e]!.at <= t) {
      const i = events[e++]!.i;
      jb.push((1000 + i * 160) >>> 0, sine(160, 300, 8000, i * 160), t);
    }
    frames.push(...jb.pull(t));
  }
  return frames;
}

describe('adaptive jitter buffer', () => {
  it('plays an in-order stream without concealment, after the initial delay', () => {
    const jb = new JitterBuffer({ initialDelayMs: 40 });
    const idx = Array.from({ length: 50 }, (_, i) => i);
    const frames = run(jb, idx, (i) => i * 20, 1200);
    const audio = frames.filter((f) => f.kind === 'audio');
    expect(audio).toHaveLength(50);
    expect(frames.slice(0, 50).every((f) => f.kind === 'audio')).toBe(true);
    expect(frames[0]!.kind).toBe('audio');
  });

  it('puts reordered packets back in order (no loss within the delay)', () => {
    const jb = new JitterBuffer({ initialDelayMs: 60 });
    const idx = Array.from({ length: 60 }, (_, i) => i);
    // swap every pair: odd packets arrive 25 ms late, i.e. after their successor
    const frames = run(jb, idx, (i) => i * 20 + (i % 2 === 1 ? 25 : 0), 1600);
    const audio = frames.filter((f) => f.kind === 'audio');
    expect(audio).toHaveLength(60);
    expect(jb.stats.late).toBe(0);
    // order preserved: each frame continues the sine of the previous one
    for (let k = 0; k < 60; k++) expect(audio[k]!.samples[0]).toBe(sine(160, 300, 8000, k * 160)[0]);
  });

  it('conceals dropped packets with PLC, then silence; recovers on the next packet', () => {
    const jb = new JitterBuffer({ initialDelayMs: 40 });
    const dropped = new Set([10, 20, 21, 22, 23, 24, 25]);
    const idx = Array.from({ length: 40 }, (_, i) => i).filter((i) => !dropped.has(i));
    const frames = run(jb, idx, (i) => i * 20, 1000);
    const kinds = frames.map((f) => f.kind);
    expect(kinds[10]).toBe('concealed');
    expect(energy(frames[10]!.samples)).toBeGreaterThan(1e6);
    expect(kinds.slice(20, 26)).toEqual(['concealed', 'concealed', 'concealed', 'silence', 'silence', 'silence']);
    expect(kinds[26]).toBe('audio');
    expect(frames.filter((f) => f.kind === 'audio')).toHaveLength(33);
  });

  it('grows the delay on late packets (never past 200 ms) and shrinks it when the network calms down', () => {
    const jb = new JitterBuffer({ initialDelayMs: 20 });
    // 3 s of heavy jitter (0-150 ms), then 8 s of a steady network
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const jitter = Array.from({ length: 550 }, (_, i) => (i < 150 ? rnd() * 150 : 0));
    const idx = Array.from({ length: 550 }, (_, i) => i);
    let peak = 0;
    const frames: { kind: string }[] = [];
    const evs = idx.map((i) => ({ i, at: Math.round(i * 20 + jitter[i]!) })).sort((a, b) => a.at - b.at);
    let e = 0;
    for (let t = 0; t <= 11_500; t += 5) {
      while (e < evs.length && evs[e]!.at <= t) { const i = evs[e++]!.i; jb.push(i * 160, sine(160), t); }
      frames.push(...jb.pull(t));
      peak = Math.max(peak, jb.currentDelayMs);
    }
    expect(jb.stats.late).toBeGreaterThan(0);
    expect(peak).toBeGreaterThan(60);
    expect(peak).toBeLessThanOrEqual(200);
    expect(jb.currentDelayMs).toBeLessThan(peak);
    expect(jb.currentDelayMs).toBeGreaterThanOrEqual(20);
  });

  it('re-anchors on a timestamp jump (new talk spurt) and on reset (SSRC change)', () => {
    const jb = new JitterBuffer({ initialDelayMs: 40 });
    for (let i = 0; i < 5; i++) jb.push(i * 160, sine(160), i * 20);
    expect(jb.pull(200).filter((f) => f.kind === 'audio')).toHaveLength(5);
    jb.push(8000 * 60, sine(160), 300); // a minute later in media time
    const f = jb.pull(340);
    expect(f.at(-1)!.kind).toBe('audio');
    jb.reset();
    jb.push(12345, sine(160), 400);
    expect(jb.pull(440).map((x) => x.kind)).toEqual(['audio']);
  });
});

describe('RTCP reports (RFC 3550 section 6.4)', () => {
  it('builds SR + SDES and parses it back', () => {
    const buf = buildRtcp({ type: 'sr', ssrc: 42, sender: { ntpSec: 1, ntpFrac: 2, rtpTs: 3, packets: 4, octets: 5 }, blocks: [{ ssrc: 7, fractionLost: 64, cumulativeLost: 10, highestSeq: 70000, jitter: 12, lsr: 99, dlsr: 100 }] }, 'x@y');
    expect(buf.length % 4).toBe(0);
    const [r] = parseRtcp(buf);
    expect(r).toMatchObject({ type: 'sr', ssrc: 42, sender: { packets: 4, octets: 5 }, blocks: [{ ssrc: 7, fractionLost: 64, cumulativeLost: 10, highestSeq: 70000 }] });
    expect(parseRtcp(Buffer.from([0x80, 201, 0, 50]))).toEqual([]);
  });
  it('counts loss across sequence wrap-around', () => {
    const s = new ReceptionStats(1);
    for (let q = 65530; q < 65536 + 10; q++) if (q % 4 !== 0) s.onPacket(q & 0xffff);
    expect(s.expected).toBe(16);
    expect(s.lost).toBe(4);
    const b = s.block(0);
    expect(b.highestSeq).toBe(65536 + 9);
    expect(b.fractionLost).toBe(64);
  });
});

describe('RTP port allocation', () => {
  it('binds even/odd pairs within the range, skips busy ports, reports exhaustion', async () => {
    const base = 40000 + 2 * Math.floor(Math.random() * 5000);
    const blocker = dgram.createSocket('udp4');
    await new Promise<void>((r) => blocker.bind(base, '127.0.0.1', r));
    const a = new PortAllocator({ minPort: base, maxPort: base + 5 }, '127.0.0.1');
    const p1 = await a.allocate();
    const p2 = await a.allocate();
    expect(p1.port).toBe(base + 2);
    expect(p2.port).toBe(base + 4);
    await expect(a.allocate()).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_CALL_LEG'));
    a.release(p1);
    expect((await a.allocate()).port).toBe(base + 2);
    blocker.close();
    expect(() => new PortAllocator({ minPort: 10, maxPort: 5 })).toThrow();
  });
});

describe('RtpSession on loopback', () => {
  const allocator = new PortAllocator({ minPort: 30000, maxPort: 39999 }, '127.0.0.1');
  const open: RtpSession[] = [];
  afterEach(() => { for (const s of open.splice(0)) s.close(); });

  async function pair() {
    const sa = await allocator.allocate();
    const sb = await allocator.allocate();
    const got = { a: [] as Int16Array[], b: [] as Int16Array[], dtmfA: [] as string[], dtmfB: [] as string[] };
    const a = new RtpSession({ sockets: sa, allocator, codec: 'PCMU', telephoneEventPt: 101, remote: { address: '127.0.0.1', port: sb.port }, onFrame: (s, k) => { if (k === 'audio') got.a.push(s); }, onDtmf: (d) => got.dtmfA.push(d) });
    const b = new RtpSession({ sockets: sb, allocator, codec: 'PCMU', telephoneEventPt: 101, remote: { address: '127.0.0.1', port: sa.port }, onFrame: (s, k) => { if (k === 'audio') got.b.push(s); }, onDtmf: (d) => got.dtmfB.push(d) });
    open.push(a, b);
    return { a, b, got };
  }
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('carries G.711 audio and RFC 4733 digits both ways, and RTCP reports', async () => {
    const { a, b, got } = await pair();
    for (let i = 0; i < 10; i++) { a.sendFrame(sine(160, 300, 8000, i * 160)); b.sendFrame(sine(160)); await wait(20); }
    expect(a.sendDtmf('9')).toBe(true);
    expect(b.sendDtmf('*')).toBe(true);
    await wait(300);
    expect(got.b.length).toBeGreaterThanOrEqual(9);
    expect(got.a.length).toBeGreaterThanOrEqual(9);
    expect(got.dtmfB).toEqual(['9']);
    expect(got.dtmfA).toEqual(['*']);
    a.sendRtcp();
    await wait(50);
    b.sendRtcp();
    await wait(50);
    expect(a.stats.remoteReport?.highestSeq).toBeGreaterThan(0);
    expect(a.stats.rttMs).not.toBeNull();
    expect(a.stats.rttMs!).toBeGreaterThanOrEqual(0);
  });

  it('latches to the real source (symmetric RTP), ignores comfort noise, survives an SSRC change', async () => {
    const s = await allocator.allocate();
    const frames: string[] = [];
    const sess = new RtpSession({ sockets: s, allocator, codec: 'PCMU', remote: { address: '127.0.0.1', port: 9 }, onFrame: (_x, k) => frames.push(k) });
    open.push(sess);
    const natted = dgram.createSocket('udp4');
    await new Promise<void>((r) => natted.bind(0, '127.0.0.1', r));
    const echoes: Buffer[] = [];
    natted.on('message', (m) => echoes.push(m));
    const send = (ssrc: number, seq: number, pt = 0) => natted.send(serializeRtp({ payloadType: pt, marker: false, sequenceNumber: seq, timestamp: seq * 160, ssrc, payload: Buffer.from(mulawEncode(sine(160))) }), s.port, '127.0.0.1');
    for (let i = 0; i < 5; i++) { send(1, i); await wait(20); }
    send(1, 5, 13); // CN
    send(1, 6, 96); // unknown dynamic type
    natted.send(Buffer.from('garbage'), s.port, '127.0.0.1');
    for (let i = 0; i < 5; i++) { send(2, 500 + i); await wait(20); }
    sess.sendFrame(sine(160));
    await wait(150);
    expect(sess.sendTo).toEqual({ address: '127.0.0.1', port: (natted.address()).port });
    expect(echoes).toHaveLength(1);
    expect(sess.stats.comfortNoise).toBe(1);
    expect(sess.stats.packetsIgnored).toBe(2);
    expect(sess.stats.ssrcChanges).toBe(1);
    // 10 packets from two SSRCs; under CPU load a packet may miss its slot and be concealed instead
    expect(frames.filter((k) => k === 'audio').length).toBeGreaterThanOrEqual(7);
    natted.close();
  });

  it('does not send while on hold (sendonly peer => recvonly here) and resumes on unhold', async () => {
    const { a, b, got } = await pair();
    a.update({ direction: 'inactive' });
    for (let i = 0; i < 5; i++) { a.sendFrame(sine(160)); await wait(20); }
    await wait(100);
    expect(got.b).toHaveLength(0);
    a.update({ direction: 'sendrecv' });
    for (let i = 0; i < 5; i++) { a.sendFrame(sine(160)); await wait(20); }
    await wait(120);
    expect(got.b.length).toBeGreaterThanOrEqual(4);
    void b;
  });
});

export type { SocketPair };
