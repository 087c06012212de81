import { afterAll, beforeAll } from 'vitest';
import { SipEndpoint } from '../src/sip/index.js';
import { callLegConformance } from './leg-conformance.js';
import { callGateway, legHarness, quiet, rtpRange, startGateway, type Gateway } from './sip-helpers.js';

let gw: Gateway;
let peer: SipEndpoint;
beforeAll(async () => {
  gw = await startGateway();
  peer = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet });
});
afterAll(async () => {
  await peer.stop();
  await gw.ep.stop();
});

callLegConformance('SIP (sip.js UAC over TCP, RTP G.711 + RFC 4733)', async () => {
  const { gwLeg, peerLeg } = await callGateway(gw, peer);
  return legHarness(gwLeg, peerLeg, async () => {
    await peerLeg.hangup('normal');
    await gwLeg.hangup('normal');
  });
});
