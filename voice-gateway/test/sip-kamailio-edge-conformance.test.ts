/**
 * The Kamailio edge answers what it can (issue 17, item 2): the real Kamailio with
 * sip-config/kamailio/kamailio.cfg in front of a real gateway (TCP), raw requests over UDP from
 * loopback sockets, answers checked by status code:
 * - what the core used to drop without a word: a SIP-Version other than 2.0 gets 505 (with a
 *   SIP/2.0 status line; no version at all 400), a request without From / To / Call-ID / CSeq 400
 *   (RFC 4475 3.1.2.16, 3.3.1);
 * - method inspection (RFC 3261 8.2.1): an unknown method 501, a known one the edge does not take
 *   405 with Allow, a stray BYE / CANCEL and an in-dialog request of no dialog 481 (was 404);
 *   Max-Forwards 0 483 (16.3);
 * - sanity: CSeq method mismatch, Content-Length mismatch 400, Proxy-Require 420, mailto: 416, a
 *   Request-URI in <> 400;
 * - what the edge passes on: a valid tortuous INVITE (RFC 4475 3.1.1.1 style: folding, odd case and
 *   whitespace, compact forms, leading zeros, unknown headers) reaches the gateway, is answered 200,
 *   and the gateway's BYE comes back; an unknown scheme in To is left to the gateway; an unknown
 *   Require tag gets the gateway's 420 + Unsupported; an INVITE the gateway ignores (408 from the
 *   edge) no longer marks the gateway down (the next call was 503 "No gateway available");
 * - a flood from one source address is cut off by pike (dropped, unanswered) while another source
 *   is still served, and the flooder is served again once it calms down.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, SDP, type ReqOpts } from './sip-conformance-peer.js';
import { freePort, startGateway, startKamailio, type Gateway, type Kamailio } from './sip-helpers.js';
import { tempDir } from './sip-fixtures/sipp.js';
import { unfoldHead, UdpPeer } from './sip-udp-peer.js';

/** pike settings for this edge: more than PIKE_REQS requests in PIKE_UNIT_S seconds from one address is a flood. */
const PIKE_REQS = 10;
const PIKE_UNIT_S = 2;

const dir = tempDir();
let gw: Gateway;
let kam: Kamailio;
let edgePort: number;
let calls = 0;
let peer: UdpPeer;

beforeAll(async () => {
  gw = await startGateway({
    answerDelayMs: 0,
    onCall: (leg) => { calls++; setTimeout(() => void leg.hangup('normal'), 150); },
  });
  const list = join(dir, 'dispatcher.list');
  writeFileSync(list, `1 sip:127.0.0.1:${gw.ep.port};transport=tcp 0 0\n`);
  edgePort = await freePort();
  kam = await startKamailio(dir, { LISTEN_PORT: edgePort, DISPATCHER_LIST: list, PIKE_REQS, PIKE_UNIT_S });
  // 127.0.0.1 is the edge's own address (not counted by pike); the flood tests use 127.0.0.2 / .3
  peer = await UdpPeer.open('127.0.0.1', edgePort);
}, 30_000);

afterAll(async () => {
  peer?.close();
  await kam?.stop();
  await gw?.ep.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A request from `p` to the edge, its Via on p's UDP socket. */
function req(p: UdpPeer, method: string, o: ReqOpts = {}): string {
  const text = request(method, { ruri: p.edgeUri, to: `<${p.edgeUri}>`, viaTransport: 'UDP', sentBy: p.sentBy, ...o });
  return text.replace('Contact: <sip:caller@127.0.0.1:5999;transport=tcp>', `Contact: <sip:caller@${p.host}:${p.port}>`);
}

const without = (text: string, name: RegExp) => text.split('\r\n').filter((l) => !name.test(l)).join('\r\n');
const log = () => kam.log().slice(-3000);

describe('the edge answers what the core used to drop', () => {
  it('a SIP-Version other than 2.0 gets 505 with a SIP/2.0 status line; the gateway never sees it', async () => {
    const before = calls;
    for (const [method, version] of [['OPTIONS', 'SIP/7.0'], ['INVITE', 'SIP/7.0'], ['INVITE', 'SIP/3.1']] as const) {
      const text = req(peer, method).replace(/ SIP\/2\.0\r\n/, ` ${version}\r\n`);
      const r = await peer.ask(text);
      expect(r?.start, `${method} ${version}\n${log()}`).toMatch(/^SIP\/2\.0 505 /);
    }
    // no SIP-Version at all: 400
    for (const version of ['SIP2.0', 'SIP/2.0x']) {
      expect((await peer.ask(req(peer, 'INVITE').replace(/ SIP\/2\.0\r\n/, ` ${version}\r\n`)))?.start, version).toMatch(/^SIP\/2\.0 400 /);
    }
    // the SIP-Version is case-insensitive (RFC 3261 7.1): sip/2.0 is served, answered in upper case
    expect((await peer.ask(req(peer, 'OPTIONS').replace(/ SIP\/2\.0\r\n/, ' sip/2.0\r\n')))?.start).toMatch(/^SIP\/2\.0 200 /);
    expect(calls).toBe(before);
  });

  for (const [name, re] of [['Call-ID', /^call-id\s*:/i], ['CSeq', /^cseq\s*:/i], ['From', /^from\s*:/i], ['To', /^to\s*:/i]] as const) {
    it(`a request without ${name} gets 400 (was dropped by the core)`, async () => {
      const r = await peer.ask(without(req(peer, 'INVITE'), re));
      expect(r?.status, log()).toBe(400);
    });
  }

  it('a request without Via cannot be answered and is dropped', async () => {
    const text = without(req(peer, 'OPTIONS', { callId: `novia-${process.pid}@test` }), /^via\s*:/i);
    const from = peer.inbox.length;
    peer.send(text);
    await new Promise((r) => setTimeout(r, 800));
    expect(peer.inbox.slice(from).filter((m) => m.callId === `novia-${process.pid}@test`)).toEqual([]);
  });
});

describe('method inspection and hop count at the edge (RFC 3261 8.2.1, 16.3)', () => {
  it('an unknown method gets 501, a known one the edge does not take 405 with Allow', async () => {
    expect((await peer.ask(req(peer, 'FOOBAR')))?.status).toBe(501);
    expect((await peer.ask(req(peer, 'NEWMETHOD')))?.status).toBe(501);
    const publish = await peer.ask(req(peer, 'PUBLISH', { extra: ['Event: presence'] }));
    expect(publish?.status).toBe(405);
    expect(unfoldHead(publish!.text)).toMatch(/\r\nAllow: [^\r]*INVITE/);
    const options = await peer.ask(req(peer, 'OPTIONS'));
    expect(options?.status).toBe(200);
    expect(options?.text).toMatch(/\r\nAllow: [^\r]*INVITE/);
  });

  it('a BYE or CANCEL that matches nothing gets 481 (15.1.2, 9.2); so does an in-dialog request of no dialog (12.2.2)', async () => {
    expect((await peer.ask(req(peer, 'BYE')))?.status).toBe(481);
    expect((await peer.ask(req(peer, 'CANCEL')))?.status).toBe(481);
    for (const method of ['BYE', 'INFO', 'INVITE']) {
      expect((await peer.ask(req(peer, method, { to: `<${peer.edgeUri}>;tag=nosuchdialog` })))?.status, method).toBe(481);
    }
  });

  it('Max-Forwards 0 gets 483 and never reaches the gateway; a Max-Forwards that is no number 400', async () => {
    const before = calls;
    const inv = req(peer, 'INVITE').replace('Max-Forwards: 70', 'Max-Forwards: 0');
    expect((await peer.ask(inv))?.status).toBe(483);
    expect((await peer.ask(req(peer, 'OPTIONS').replace('Max-Forwards: 70', 'Max-Forwards: 0')))?.status).toBe(483);
    expect((await peer.ask(req(peer, 'OPTIONS').replace('Max-Forwards: 70', 'Max-Forwards: many')))?.status).toBe(400);
    expect(calls).toBe(before);
  });

  it('sanity: CSeq method mismatch 400, Content-Length mismatch 400, unknown Proxy-Require 420 + Unsupported, mailto: 416', async () => {
    expect((await peer.ask(req(peer, 'INVITE', { cseq: 1 }).replace('CSeq: 1 INVITE', 'CSeq: 1 OPTIONS')))?.status).toBe(400);
    expect((await peer.ask(req(peer, 'NEWMETHOD').replace('CSeq: 1 NEWMETHOD', 'CSeq: 1 INVITE')))?.status).toBe(400);
    expect((await peer.ask(req(peer, 'INVITE').replace(/Content-Length: \d+/, 'Content-Length: 900')))?.status).toBe(400);
    const pr = await peer.ask(req(peer, 'OPTIONS', { extra: ['Proxy-Require: nothingSupportedHere'] }));
    expect(pr?.status).toBe(420);
    expect(pr?.text).toMatch(/\r\nUnsupported: nothingSupportedHere\r\n/);
    expect((await peer.ask(req(peer, 'INVITE', { ruri: 'mailto:a@b.c' })))?.status).toBe(416);
    // a Request-URI that is no URI (RFC 4475 3.1.2.7 ltgtruri): 400
    expect((await peer.ask(req(peer, 'INVITE', { ruri: `<${peer.edgeUri}>` })))?.status).toBe(400);
  });

  it('OPTIONS to the edge with a Require gets 420 listing the tags (the edge implements none)', async () => {
    const r = await peer.ask(req(peer, 'OPTIONS', { extra: ['Require: nothingSupportedHere'] }));
    expect(r?.status).toBe(420);
    expect(r?.text).toMatch(/\r\nUnsupported: nothingSupportedHere\r\n/);
  });
});

describe('what the edge passes on gets the gateway\'s answer', () => {
  it('a valid tortuous INVITE (RFC 4475 3.1.1.1 style) reaches the gateway: 200, and the gateway\'s BYE comes back', async () => {
    const before = calls;
    const callId = `wsinv.ndaksdj${process.pid}@192.0.2.1`;
    const branch = `z9hG4bK390skdjuw${process.pid}`;
    const host = `${peer.host}:${peer.port}`;
    const text = [
      `INVITE ${peer.edgeUri};unknownparam SIP/2.0`,
      'TO :',
      ` ${peer.edgeUri} ;   unknownparam   = 7`,
      'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>',
      '  ;',
      '  tag = 98asjd8',
      'MaX-fOrWaRdS: 0068',
      `i: ${callId}`,
      `Content-Length   : ${SDP.length}`,
      // a CSeq folded before its method ('0009' CRLF SP 'INVITE', as in wsinv) is valid too, but
      // Kamailio's core parser refuses it and drops the request before any route runs
      'cseq: 0009 \t INVITE',
      'Via  : SIP  /   2.0',
      ' /UDP',
      `    ${host};rport;branch=${branch}`,
      's :',
      'NewFangledHeader:   newfangled value',
      ' continued newfangled value',
      'UnknownHeaderWithUnusualValue: ;;,,;;,;',
      'c: application/sdp',
      'v:  SIP  / 2.0  / TCP     spindle.example.com   ;',
      '  branch  =   z9hG4bK9ikj8  ,',
      ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=',
      ' z9hG4bK30239',
      `m:"Quoted string \\"\\"" <sip:jdrosen@${host}> ; newparam =`,
      '      newvalue ;',
      '  secondparam ; q = 0.33',
      '',
      SDP,
    ].join('\r\n');
    const r = await peer.ask(text, 8000);
    expect(r?.status, `${r?.start}\n${log()}`).toBe(200);
    expect(r?.callId).toBe(callId);
    expect(calls).toBe(before + 1);
    // the gateway hangs up: its BYE crosses the edge (record-route) to our Contact and is answered
    const t0 = Date.now();
    while (Date.now() - t0 < 5000 && !peer.inbox.some((m) => m.callId === callId && m.start.startsWith('BYE '))) await new Promise((res) => setTimeout(res, 20));
    expect(peer.inbox.some((m) => m.callId === callId && m.start.startsWith('BYE ')), log()).toBe(true);
    await expect.poll(() => gw.ep.activeCalls, { timeout: 5000 }).toBe(0);
  }, 20_000);

  it('an unknown scheme in To is the gateway\'s to judge (RFC 4475 unksm2): the call is answered', async () => {
    const r = await peer.ask(req(peer, 'INVITE', { to: '<nobodyknowsthisscheme:totallyopaquecontent>' }));
    expect(r?.status, log()).toBe(200);
  });

  it('an INVITE the gateway drops unanswered (NUL in the Call-ID) does not take the gateway out of rotation', async () => {
    const bad = req(peer, 'INVITE', { callId: `nul\0inside-${process.pid}@test` });
    // the gateway never answers it: the edge's transaction times out after fr_timer (2 s), 408
    expect((await peer.ask(bad, 4000))?.status).toBe(408);
    // was: 503 "No gateway available" for every call until the next OPTIONS probe (up to 10 s)
    const r = await peer.ask(req(peer, 'INVITE'));
    expect(r?.status, log()).toBe(200);
  }, 15_000);

  it('an INVITE with an unknown Require tag gets the gateway\'s 420 with Unsupported, through the edge', async () => {
    const before = calls;
    const r = await peer.ask(req(peer, 'INVITE', { extra: ['Require: nothingSupportedHere'] }));
    expect(r?.status).toBe(420);
    expect(r?.text).toMatch(/\r\nUnsupported: nothingSupportedHere\r\n/);
    expect(r?.text).toMatch(/\r\nServer: |\r\nUser-Agent: /); // an answer built by a UA, not by the edge's sl
    expect(calls).toBe(before);
  });
});

describe(`flood limit per source address (pike, PIKE_REQS=${PIKE_REQS} per ${PIKE_UNIT_S} s)`, () => {
  it('a flood from 127.0.0.2 is cut off, unanswered, while 127.0.0.3 is served; the flooder is served again once it calms down', async () => {
    const flooder = await UdpPeer.open('127.0.0.2', edgePort);
    const other = await UdpPeer.open('127.0.0.3', edgePort);
    try {
      // a calm source is served
      expect((await flooder.ask(req(flooder, 'OPTIONS')))?.status).toBe(200);
      const N = 200;
      for (let i = 0; i < N; i++) flooder.send(req(flooder, 'OPTIONS'));
      await new Promise((r) => setTimeout(r, 500));
      // another address meanwhile: served
      expect((await other.ask(req(other, 'OPTIONS'), 2000))?.status).toBe(200);
      // the flooder's next request, in the same sampling unit: dropped
      expect(await flooder.ask(req(flooder, 'OPTIONS'), 500)).toBeNull();
      const answered = flooder.inbox.filter((m) => m.status === 200).length - 1;
      // pike blocks somewhere between PIKE_REQS and 3 * PIKE_REQS requests per unit (IPv4)
      expect(answered).toBeGreaterThanOrEqual(PIKE_REQS - 1);
      expect(answered).toBeLessThanOrEqual(3 * PIKE_REQS + 1);
      expect(kam.log()).toMatch(/pike.*127\.0\.0\.2|127\.0\.0\.2.*pike/i);
      // calm again: one request a second, served once a sampling unit passes under the limit
      let served = false;
      for (let t = 0; t < 12 && !served; t++) served = (await flooder.ask(req(flooder, 'OPTIONS'), 1000))?.status === 200;
      expect(served, log()).toBe(true);
    } finally {
      flooder.close();
      other.close();
    }
  }, 30_000);
});

describe('the cfg variants still pass kamailio -c', () => {
  const cfg = fileURLToPath(new URL('../../sip-config/kamailio/kamailio.cfg', import.meta.url));
  const variants: [string, string[]][] = [
    ['plain', []],
    ['WebSocket', ['-A', 'WS_PORT=8080']],
    ['TLS', ['-A', 'TLS_PORT=5061', '-A', `TLS_CFG="${join(dir, 'tls.cfg')}"`]],
    ['pike settings', ['-A', 'PIKE_REQS=100', '-A', 'PIKE_UNIT_S=5', '-A', 'PIKE_FORGET_S=60']],
  ];
  for (const [name, args] of variants) {
    it(name, () => {
      const r = spawnSync('kamailio', ['-c', '-f', cfg, '-A', `DISPATCHER_LIST="${join(dir, 'dispatcher.list')}"`, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr.slice(-2000)).toBe(0);
      expect(r.stderr + r.stdout).toContain('config file ok');
    });
  }
});
