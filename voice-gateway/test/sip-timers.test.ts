/**
 * RFC 4028 session timers and RFC 3261 Require handling on inbound INVITEs: a caller that asks
 * for a session timer and then never refreshes is hung up (BYE); too short an interval gets 422
 * with Min-SE; an extension we do not implement in Require gets 420 with Unsupported. Refreshes:
 * as refresher=uas we re-INVITE (SIPp checks it), a caller's re-INVITE or UPDATE keeps the call.
 */
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SipCallLeg } from '../src/sip/index.js';
import { invite, withHeader } from './sip-fixtures/messages.js';
import { writeRtpPcap } from './sip-fixtures/pcap.js';
import { runSipp, tempDir, uacXml, writeScenario } from './sip-fixtures/sipp.js';
import { uacLetsUsRefreshXml, uacRefreshXml } from './sip-fixtures/refer.js';
import { startGateway, type Gateway } from './sip-helpers.js';

let gw: Gateway;
const dir = tempDir();
const closed: SipCallLeg[] = [];
let answered: ((leg: SipCallLeg) => void) | null = null;
beforeAll(async () => {
  gw = await startGateway({ minSessionExpiresS: 2, onCall: (leg) => { answered?.(leg); leg.on('state', (s) => { if (s === 'closed') closed.push(leg); }); } });
});
afterAll(async () => { await gw.ep.stop(); });

function exchange(data: string, waitMs = 300): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(gw.ep.port, '127.0.0.1');
    let got = '';
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('error', () => {});
    s.on('connect', () => s.write(Buffer.from(data, 'latin1')));
    setTimeout(() => { s.destroy(); resolve(got); }, waitMs);
  });
}

it('SIPp asks for a 3 s session timer and never refreshes: 200 carries it, tingzhen sends BYE', async () => {
  const pcap = join(dir, 'quiet.pcap');
  writeRtpPcap(pcap, { durationMs: 4000, digits: [] });
  const scen = writeScenario(dir, 'uac-timer.xml', uacXml(pcap, null, false, {
    headers: 'Supported: timer\nSession-Expires: 3;refresher=uac\n',
    expect200: 'Session-Expires: 3;refresher=uac',
  }));
  const port = 52000 + (process.pid % 400) * 4;
  const sipp = runSipp([`127.0.0.1:${gw.ep.port}`, '-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(port), '-mp', String(port + 2), '-m', '1', '-s', '120']);
  const { code, stderr } = await sipp.exit;
  expect(code, stderr).toBe(0);
  expect(closed.at(-1)?.closeCause).toBe('session-timer');
}, 20_000);

it('422 with Min-SE for an interval below our minimum', async () => {
  const msg = invite({ port: gw.ep.port }).replace('Max-Forwards: 70', 'Max-Forwards: 70\r\nSupported: timer\r\nSession-Expires: 1');
  const r = await exchange(msg);
  expect(r).toMatch(/SIP\/2\.0 422 /);
  expect(r).toMatch(/Min-SE: 2\r\n/);
});

it('420 with Unsupported for a required extension we do not implement', async () => {
  const r = await exchange(withHeader(invite({ port: gw.ep.port }), 'Max-Forwards', '70\r\nRequire: 100rel, foo'));
  expect(r).toMatch(/SIP\/2\.0 420 /);
  expect(r).toMatch(/Unsupported: 100rel, foo\r\n/);
  expect(gw.ep.activeCalls).toBe(0);
});

describe('session refreshes (RFC 4028 section 10)', () => {
  let port = 53000 + (process.pid % 400) * 4;
  async function runCaller(xml: string, name: string): Promise<SipCallLeg> {
    const scen = writeScenario(dir, name, xml);
    port += 4;
    const legP = new Promise<SipCallLeg>((r) => { answered = r; });
    const sipp = runSipp([`127.0.0.1:${gw.ep.port}`, '-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(port), '-mp', String(port + 2), '-m', '1', '-s', '120']);
    const leg = await legP;
    const { code, stderr } = await sipp.exit;
    expect(code, stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    return leg;
  }

  it('refresher=uas: tingzhen re-INVITEs at half the interval with Session-Expires; the call outlives the interval', async () => {
    const t0 = Date.now();
    // no Supported: timer from the caller, so we refresh; SIPp checks each re-INVITE's Session-Expires
    const leg = await runCaller(uacLetsUsRefreshXml({ intervalS: 4, times: 3 }), 'uac-lets-us-refresh.xml');
    expect(leg.sessionTimer).toEqual({ intervalS: 4, refresher: 'uas' });
    expect(leg.refreshes.sent).toBeGreaterThanOrEqual(3);
    expect(Date.now() - t0).toBeGreaterThan(5500); // 3 refreshes 2 s apart: past the 4 s interval
    expect(leg.closeCause).toBe('remote-bye');
  }, 30_000);

  it('the caller refreshes with re-INVITE: each 200 carries Session-Expires, no BYE at the interval', async () => {
    const t0 = Date.now();
    const leg = await runCaller(uacRefreshXml({ intervalS: 4, method: 'INVITE', everyMs: 2000, times: 3, holdMs: 1000 }), 'uac-refresh-invite.xml');
    expect(Date.now() - t0).toBeGreaterThan(6500);
    expect(leg.refreshes.received).toBe(3);
    expect(leg.closeCause).toBe('remote-bye'); // its BYE, not our session-timer one
  }, 30_000);

  it('the caller refreshes with UPDATE (sip.js alone answers 405): 200 with Session-Expires, no BYE at the interval', async () => {
    const t0 = Date.now();
    const leg = await runCaller(uacRefreshXml({ intervalS: 4, method: 'UPDATE', everyMs: 2000, times: 3, holdMs: 1000 }), 'uac-refresh-update.xml');
    expect(Date.now() - t0).toBeGreaterThan(6500);
    expect(leg.refreshes.received).toBe(3);
    expect(leg.closeCause).toBe('remote-bye');
  }, 30_000);

  it('an UPDATE carrying an SDP offer is answered (200 with our SDP answer) and refreshes too', async () => {
    const leg = await runCaller(uacRefreshXml({ intervalS: 4, method: 'UPDATE', everyMs: 2000, times: 2, holdMs: 1500, updateOffer: true }), 'uac-refresh-update-sdp.xml');
    expect(leg.refreshes.received).toBe(2);
    expect(leg.closeCause).toBe('remote-bye');
  }, 30_000);
});
