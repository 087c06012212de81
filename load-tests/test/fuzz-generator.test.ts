/** The fuzz generator: reproducible by seed and index, covers every mutation, well-formed seeds; the peer's replies. */
import { describe, expect, it } from 'vitest';
import { guardMessage } from '@tingzhen/voice-gateway';
import { REQUEST_KINDS, RESPONSE_KINDS, seedDraft, serialize, TRANSPORTS } from '../src/fuzz/corpus.js';
import { BYTE_MUTATORS } from '../src/fuzz/byte-mutators.js';
import { GRAMMAR_MUTATORS } from '../src/fuzz/grammar-mutators.js';
import { fuzzCase, replyMutator, transportOf, UDP_MAX_BYTES } from '../src/fuzz/generator.js';
import { knownIssue } from '../src/fuzz/known-issues.js';
import { parseMsg, peerReplies } from '../src/fuzz/wire.js';

describe('fuzz generator', () => {
  it('gives the same bytes for the same seed and index, whatever was generated before', () => {
    const a = fuzzCase(99, 12_345);
    for (let i = 0; i < 50; i++) fuzzCase(99, i);
    const b = fuzzCase(99, 12_345);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(b.mutations).toEqual(a.mutations);
    expect(fuzzCase(100, 12_345).bytes.equals(a.bytes)).toBe(false);
  });

  it('spreads cases over the transports by index and uses every mutation', () => {
    const seen = new Set<string>();
    const perTransport = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const c = fuzzCase(5, i);
      expect(c.transport).toBe(transportOf(i));
      perTransport.set(c.transport, (perTransport.get(c.transport) ?? 0) + 1);
      for (const m of c.mutations) seen.add(m);
      if (c.transport === 'udp') expect(c.bytes.length).toBeLessThanOrEqual(UDP_MAX_BYTES);
    }
    expect([...perTransport.values()]).toEqual([2000, 2000, 2000]);
    for (const m of [...GRAMMAR_MUTATORS, ...BYTE_MUTATORS]) expect(seen, m.name).toContain(m.name);
  });

  it('starts from messages the gateway\'s own guard accepts', () => {
    for (const transport of TRANSPORTS) {
      for (const kind of [...REQUEST_KINDS, ...RESPONSE_KINDS]) {
        const r = guardMessage(serialize(seedDraft(kind, { transport, seed: 1, index: 1 })));
        expect(r.ok ? 'ok' : r.problem, `${transport} ${kind}`).toBe('ok');
      }
    }
  });

  it('names the slow address-list class and nothing else', () => {
    const d = seedDraft('OPTIONS', { transport: 'tcp', seed: 1, index: 1 });
    const big = { ...d, headers: [...d.headers, `Contact: ${'<sip:x>,'.repeat(600)}`] };
    const c = fuzzCase(1, 0);
    expect(knownIssue({ ...c, bytes: Buffer.from(serialize(big), 'latin1') })).toBe('slow-address-list');
    expect(knownIssue({ ...c, bytes: Buffer.from(serialize({ ...d, headers: [...d.headers, `Subject: ${','.repeat(5000)}`] }), 'latin1') })).toBeNull();
  });

  it('mutates a share of the replies to the gateway\'s requests, the same way for the same seed', () => {
    const reply = 'SIP/2.0 200 OK\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: r@x\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n';
    const a = replyMutator(3, 0.5);
    const b = replyMutator(3, 0.5);
    const outA = Array.from({ length: 40 }, () => a(reply));
    expect(Array.from({ length: 40 }, () => b(reply))).toEqual(outA);
    const changed = outA.filter((t) => t !== reply).length;
    expect(changed).toBeGreaterThan(5);
    expect(changed).toBeLessThan(35);
  });
});

describe('fuzz peer replies', () => {
  it('ACKs and BYEs an accepted call once, through the Record-Route set, and only ACKs a retransmitted 200', () => {
    const ok = parseMsg('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;rport;branch=z9hG4bKa\r\nRecord-Route: <sip:127.0.0.1:8000;r2=on;lr>, <sip:127.0.0.1:8000;transport=tcp;r2=on;lr>\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:120@127.0.0.1>;tag=gw\r\nCall-ID: peer-test-1@x\r\nCSeq: 1 INVITE\r\nContact: <sip:tingzhen@127.0.0.1:5070;transport=tcp>\r\nContent-Length: 0\r\n\r\n');
    const [ack, bye, ...rest] = peerReplies(ok, 'udp');
    expect(rest).toEqual([]);
    expect(ack).toMatch(/^ACK sip:tingzhen@127\.0\.0\.1:5070;transport=tcp SIP\/2\.0\r\n/);
    expect(ack).toContain('Route: <sip:127.0.0.1:8000;transport=tcp;r2=on;lr>, <sip:127.0.0.1:8000;r2=on;lr>');
    expect(bye).toMatch(/^BYE [^\r]*\r\n[\s\S]*CSeq: 2 BYE\r\n/);
    expect(peerReplies(ok, 'udp').map((m) => m.split(' ')[0])).toEqual(['ACK']);
    const req = parseMsg('BYE sip:caller@fuzz.invalid SIP/2.0\r\nVia: SIP/2.0/WS gw.invalid;branch=z9hG4bKb\r\nFrom: <sip:120@x>;tag=gw\r\nTo: <sip:caller@y>;tag=1\r\nCall-ID: peer-test-2@x\r\nCSeq: 3 BYE\r\nContent-Length: 0\r\n\r\n');
    expect(peerReplies(req, 'ws')[0]).toMatch(/^SIP\/2\.0 200 OK\r\nVia: SIP\/2\.0\/WS gw\.invalid;branch=z9hG4bKb\r\n[\s\S]*CSeq: 3 BYE\r\n/);
  });
});
