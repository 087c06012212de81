/** SIP over TLS (RFC 3261 section 26.2): the CallLeg conformance suite again, on a TLS listener with a self-signed certificate the peer trusts, and an untrusted certificate refused. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSipDialer, SipEndpoint } from '../src/sip/index.js';
import { callLegConformance } from './leg-conformance.js';
import { callGateway, legHarness, quiet, rtpRange, selfSignedCert, startGateway, type Gateway } from './sip-helpers.js';
import { tempDir } from './sip-fixtures/sipp.js';

const { key, cert } = selfSignedCert(tempDir());

let gw: Gateway;
let peer: SipEndpoint;
beforeAll(async () => {
  gw = await startGateway({ tls: { key, cert } });
  peer = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet, tls: { ca: cert } });
});
afterAll(async () => {
  await peer.stop();
  await gw.ep.stop();
});

callLegConformance('SIP over TLS', async () => {
  const { gwLeg, peerLeg } = await callGateway(gw, peer, 'tls');
  return legHarness(gwLeg, peerLeg, async () => {
    await peerLeg.hangup('normal');
    await gwLeg.hangup('normal');
  });
});

it('a peer that does not trust the certificate never gets a call through', async () => {
  const stranger = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet, tls: {} });
  try {
    const o = await createSipDialer({ endpoint: stranger, runCall: () => Promise.reject(new Error('no')) })({ attemptId: 't', target: `sip:120@127.0.0.1:${gw.ep.port};transport=tls`, ringTimeoutMs: 2000 });
    expect(o).toMatchObject({ status: 'failed', carrierFault: true }); // transport failure: a carrier fault, never a callee outcome
  } finally { await stranger.stop(); }
}, 15_000);
