/**
 * A trunk on SIP over TLS at the Kamailio edge (kamailio.cfg with -A TLS_PORT, tls.cfg; Debian
 * package kamailio-tls-modules). The carrier is a sip.js endpoint of ours on TLS (SIPp here has no
 * TLS): its call reaches tingzhen (TCP) through the edge, and tingzhen's campaign call leaves
 * through the edge (Route) to the carrier over TLS, the edge verifying the carrier's certificate.
 * Audio flows both ways in both directions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallReport } from '../src/index.js';
import { createSipDialer, type SipCallLeg } from '../src/sip/index.js';
import { freePort, selfSignedCert, startGateway, startKamailio, type Gateway, type Kamailio } from './sip-helpers.js';
import { tempDir } from './sip-fixtures/sipp.js';

const dir = tempDir();
const { key, cert, keyPath, certPath } = selfSignedCert(dir, 'carrier');

let gw: Gateway;
let carrier: Gateway;
let kam: Kamailio;
let edgePort: number;
let tlsPort: number;

const tone = (n: number) => Array.from({ length: n }, (_, i) => ({ samples: new Int16Array(160).fill(2000), sampleRate: 8000, startMs: i * 20 }));
const closed = (leg: SipCallLeg) => (leg.state === 'closed' ? Promise.resolve() : new Promise<void>((r) => leg.on('state', (s) => { if (s === 'closed') r(); })));

beforeAll(async () => {
  gw = await startGateway();
  // The carrier: TLS listener with the certificate the edge's tls.cfg trusts (ca_list).
  carrier = await startGateway({ tls: { key, cert, ca: cert }, publicHost: '127.0.0.1' });
  const list = join(dir, 'dispatcher.list');
  writeFileSync(list, `1 sip:127.0.0.1:${gw.ep.port};transport=tcp 0 0\n`);
  const tlsCfg = join(dir, 'tls.cfg');
  writeFileSync(tlsCfg, `[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = ${keyPath}
certificate = ${certPath}

[client:default]
method = TLSv1.2+
verify_certificate = yes
require_certificate = yes
ca_list = ${certPath}
`);
  edgePort = await freePort();
  tlsPort = await freePort();
  kam = await startKamailio(dir, { LISTEN_PORT: edgePort, TLS_PORT: tlsPort, TLS_CFG: tlsCfg, DISPATCHER_LIST: list });
}, 30_000);

afterAll(async () => {
  await kam?.stop();
  await carrier?.ep.stop();
  await gw?.ep.stop();
});

it('a call from the TLS trunk reaches tingzhen through the edge; audio both ways; the carrier hangs up', async () => {
  let carrierLeg: SipCallLeg | null = null;
  const dial = createSipDialer({
    endpoint: carrier.ep,
    runCall: async (leg) => {
      carrierLeg = leg;
      await leg.play(tone(25));
      await new Promise((r) => setTimeout(r, 300));
      await leg.hangup('normal');
      return { callId: leg.info.callId } as unknown as CallReport;
    },
  });
  const outcome = dial({ attemptId: 'tls-in', target: `sip:12320@127.0.0.1:${tlsPort};transport=tls`, ringTimeoutMs: 5000 });
  const gwLeg = await gw.nextLeg();
  await gwLeg.play(tone(25));
  expect((await outcome).status, kam.log().slice(-2000)).toBe('answered');
  await closed(gwLeg); // the carrier's BYE crossed the edge
  expect(gwLeg.rtpStats!.audioSamplesReceived).toBeGreaterThan(160 * 10);
  expect(carrierLeg!.rtpStats!.audioSamplesReceived).toBeGreaterThan(160 * 10);
  expect(gwLeg.info.parameters?.requestUser ?? '12320').toBe('12320');
}, 30_000);

it('a campaign call leaves through the edge to the TLS trunk (certificate verified); tingzhen hangs up', async () => {
  const answered = carrier.nextLeg();
  let gwLeg: SipCallLeg | null = null;
  const dial = createSipDialer({
    endpoint: gw.ep,
    runCall: async (leg) => {
      gwLeg = leg;
      await leg.play(tone(25));
      await new Promise((r) => setTimeout(r, 300));
      await leg.hangup('normal');
      return { callId: leg.info.callId } as unknown as CallReport;
    },
  });
  const outcomeP = dial({
    attemptId: 'tls-out', target: `sip:08613800000000@127.0.0.1:${carrier.ep.port};transport=tls;user=phone`, ringTimeoutMs: 5000,
    extraHeaders: [`Route: <sip:127.0.0.1:${edgePort};transport=tcp;lr>`],
  });
  const carrierLeg = await answered;
  await carrierLeg.play(tone(25));
  const outcome = await outcomeP;
  expect(outcome.status, kam.log().slice(-2000)).toBe('answered');
  await closed(carrierLeg); // our BYE crossed the edge over TLS
  expect(carrier.ep.transport.remoteOf(carrierLeg.info.callId)?.port).not.toBe(gw.ep.port); // it came from the edge, not from us
  expect(carrierLeg.rtpStats!.audioSamplesReceived).toBeGreaterThan(160 * 10);
  expect(gwLeg!.rtpStats!.audioSamplesReceived).toBeGreaterThan(160 * 10);
}, 30_000);

it('the edge refuses to relay to a TLS trunk whose certificate it cannot verify', async () => {
  // A second carrier whose certificate is not in the edge's CA list.
  const other = selfSignedCert(dir, 'rogue');
  const rogue = await startGateway({ tls: { key: other.key, cert: other.cert }, publicHost: '127.0.0.1' });
  try {
    let rang = false;
    void rogue.nextLeg().then(() => { rang = true; });
    const outcome = await createSipDialer({ endpoint: gw.ep, runCall: () => Promise.reject(new Error('must not answer')) })({
      attemptId: 'tls-rogue', target: `sip:1@127.0.0.1:${rogue.ep.port};transport=tls`, ringTimeoutMs: 5000,
      extraHeaders: [`Route: <sip:127.0.0.1:${edgePort};transport=tcp;lr>`],
    });
    expect(outcome).toMatchObject({ status: 'failed', carrierFault: true });
    expect(rang).toBe(false);
  } finally {
    await rogue.ep.stop();
  }
}, 30_000);
