/**
 * Call flows between two sip.js user agents over loopback TCP (the gateway and a peer built from
 * the same SipEndpoint): CANCEL while ringing, re-INVITE hold / unhold, SIP INFO DTMF, the peer
 * allow-list, and nothing left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError } from '@tingzhen/voice-core';
import { createSipDialer, SipEndpoint, type SipCallLeg } from '../src/sip/index.js';
import { callGateway, quiet, rtpRange, startGateway, type Gateway } from './sip-helpers.js';

let peer: SipEndpoint;
beforeAll(async () => {
  peer = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet });
});
afterAll(async () => { await peer.stop(); });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tone = () => Array.from({ length: 10 }, (_, i) => ({ samples: new Int16Array(160).fill(3000), sampleRate: 8000, startMs: i * 20 }));

describe('inbound call flows', () => {
  it('CANCEL during ringing: the caller gets no-answer, the gateway leg closes before the pipeline, nothing leaks', async () => {
    let called = 0;
    const gw = await startGateway({ answerDelayMs: 3000, onCall: () => { called++; } });
    try {
      const dial = createSipDialer({ endpoint: peer, runCall: () => Promise.reject(new Error('must not answer')) });
      const outcome = await dial({ attemptId: 'c1', target: `sip:120@127.0.0.1:${gw.ep.port};transport=tcp`, ringTimeoutMs: 500 });
      expect(outcome).toMatchObject({ status: 'no-answer', reason: 'no-answer', sipStatus: 487 });
      await wait(100);
      expect(gw.ep.activeCalls).toBe(0);
      expect(gw.ep.allocator.allocated).toBe(0);
      expect(peer.activeCalls).toBe(0);
      expect(peer.allocator.allocated).toBe(0);
      await wait(3000);
      expect(called).toBe(0);
    } finally { await gw.ep.stop(); }
  }, 15_000);

  it('refuses connections from peers outside the allow-list', async () => {
    const gw = await startGateway({ allowRemote: (a) => a === '10.9.9.9' });
    try {
      const dial = createSipDialer({ endpoint: peer, runCall: () => Promise.reject(new Error('no')) });
      const outcome = await dial({ attemptId: 'c2', target: `sip:120@127.0.0.1:${gw.ep.port};transport=tcp`, ringTimeoutMs: 2000 });
      expect(outcome.status).not.toBe('answered');
      expect(gw.ep.activeCalls).toBe(0);
    } finally { await gw.ep.stop(); }
  }, 15_000);
});

describe('in-call behaviour', () => {
  let gw: Gateway;
  beforeAll(async () => { gw = await startGateway(); });
  afterAll(async () => { await gw.ep.stop(); });

  async function call(): Promise<{ gwLeg: SipCallLeg; peerLeg: SipCallLeg }> {
    const { gwLeg, peerLeg } = await callGateway(gw, peer);
    return { gwLeg, peerLeg };
  }

  it('re-INVITE hold (sendonly) stops our RTP; unhold resumes it; BYE from the gateway ends both sides', async () => {
    const { gwLeg, peerLeg } = await call();
    await gwLeg.play(tone());
    await wait(60);
    const before = peerLeg.rtpStats!.audioSamplesReceived;
    expect(before).toBe(1600);
    // the peer puts us on hold: its offer says sendonly, our answer recvonly
    peerLeg.sdh!.holdDirection = 'sendonly';
    await peerLeg.session.invite();
    await wait(200);
    expect(gwLeg.sdh!.rtp!.localDirection).toBe('recvonly');
    await gwLeg.play(tone());
    await wait(60);
    expect(peerLeg.rtpStats!.audioSamplesReceived).toBe(before);
    peerLeg.sdh!.holdDirection = 'sendrecv';
    await peerLeg.session.invite();
    await wait(200);
    expect(gwLeg.sdh!.rtp!.localDirection).toBe('sendrecv');
    await gwLeg.play(tone());
    await wait(60);
    expect(peerLeg.rtpStats!.audioSamplesReceived).toBe(before + 1600);
    const closed = new Promise<void>((r) => peerLeg.on('state', (s) => { if (s === 'closed') r(); }));
    await gwLeg.hangup('normal');
    await closed;
    expect(peerLeg.closeCause).toBe('remote-bye');
  }, 15_000);

  it('SIP INFO DTMF (application/dtmf-relay) arrives as a dtmf event; unknown INFO bodies are refused', async () => {
    const { gwLeg, peerLeg } = await call();
    const got = new Promise<{ digit: string; source: string }>((r) => gwLeg.on('dtmf', (e) => r(e)));
    await peerLeg.session.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=#\r\nDuration=160\r\n' } } });
    expect(await got).toMatchObject({ digit: '#', source: 'sip-info' });
    let rejected = 0;
    await peerLeg.session.info({
      requestDelegate: { onReject: (r) => { rejected = r.message.statusCode ?? 0; } },
      requestOptions: { body: { contentDisposition: 'render', contentType: 'text/plain', content: 'hello' } },
    });
    await wait(100);
    expect(rejected).toBe(415);
    await peerLeg.hangup('normal');
  }, 15_000);

  it('blind transfer: REFER accepted (202) resolves; a refused REFER is TZ_ERR_SIP_REJECTED', async () => {
    const { gwLeg, peerLeg } = await call();
    const referred: string[] = [];
    peerLeg.session.delegate = {
      ...peerLeg.session.delegate,
      onRefer: (r) => { referred.push(r.referTo.uri.user ?? ''); void r.accept(); },
    };
    await gwLeg.transfer('sip:8000@127.0.0.1');
    expect(referred).toEqual(['8000']);
    peerLeg.session.delegate = { ...peerLeg.session.delegate, onRefer: (r) => { void r.reject({ statusCode: 603 }); } };
    await expect(gwLeg.transfer('sip:8001@127.0.0.1')).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_SIP_REJECTED') && e.details.status === 603);
    await expect(gwLeg.transfer('not a uri')).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_VALIDATION'));
    await gwLeg.hangup('transfer');
  }, 15_000);
});
