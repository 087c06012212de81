/**
 * SIP over WebSocket toward Kamailio (RFC 7118, subprotocol "sip"), with real peers on loopback.
 * The transport alone against a plain `ws` server: octets 1:1 (binary bodies in binary frames,
 * text otherwise), malformed messages answered 400 / dropped without closing, reconnect with
 * backoff. Then tingzhen -> Kamailio (websocket module, registrar) over WS: REGISTER; SIPp (UDP)
 * -> Kamailio -> tingzhen calls with RTP both ways and BYE from each side; tingzhen -> Kamailio
 * -> SIPp UAS; Kamailio restarted -> the gateway reconnects, registers again and takes calls.
 */
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { Core } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { isTzError } from '@tingzhen/voice-core';
import { createSipDialer, parseRtp, serializeRtp, SipEndpoint, WsSipTransport, type SipCallLeg } from '../src/sip/index.js';
import { invite, withHeader } from './sip-fixtures/messages.js';
import { runSipp, tempDir, uasAnswerXml, writeScenario } from './sip-fixtures/sipp.js';
import { freePort, quiet, startGateway, startKamailio, type Gateway, type Kamailio } from './sip-helpers.js';

const dir = tempDir();
const until = async (cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A plain `ws` server speaking the "sip" subprotocol; records what the client sends. */
async function sipWsServer(): Promise<{ wss: WebSocketServer; url: string; conns: WebSocket[]; got: { data: Buffer; binary: boolean }[]; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (ps) => (ps.has('sip') ? 'sip' : false) });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const conns: WebSocket[] = [];
  const got: { data: Buffer; binary: boolean }[] = [];
  wss.on('connection', (ws) => {
    conns.push(ws);
    ws.on('message', (data: Buffer, binary: boolean) => got.push({ data, binary }));
  });
  const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  return { wss, url, conns, got, close: () => new Promise<void>((r) => { for (const c of wss.clients) c.terminate(); wss.close(() => r()); }) };
}

const binaryBody = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), 0xc3, 0x28, 0xe4, 0xbd, 13, 10, 13, 10, 0x80]);
function message(body: Buffer, callId = `${Math.random().toString(36).slice(2)}@ws`): Buffer {
  const head = [
    'MESSAGE sip:tingzhen@example.invalid SIP/2.0',
    'Via: SIP/2.0/WS edge.invalid;branch=z9hG4bKws1',
    'Max-Forwards: 70',
    'From: <sip:edge@example.invalid>;tag=e1',
    'To: <sip:tingzhen@example.invalid>',
    `Call-ID: ${callId}`,
    'CSeq: 1 MESSAGE',
    'Content-Type: application/octet-stream',
    `Content-Length: ${body.length}`,
    '', '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

describe('WsSipTransport against a plain ws server', () => {
  let srv: Awaited<ReturnType<typeof sipWsServer>>;
  let t: WsSipTransport;
  const delivered: (Core.IncomingRequestMessage | Core.IncomingResponseMessage)[] = [];
  let reconnects = 0;
  beforeAll(async () => {
    srv = await sipWsServer();
    t = new WsSipTransport(undefined, { url: srv.url, logger: quiet, backoff: { initialMs: 50, maxMs: 200 }, sendWaitMs: 300 });
    t.deliver = (m) => delivered.push(m);
    t.onReconnect = () => { reconnects++; };
    await t.connect();
    await until(() => srv.conns.length === 1, 2000, 'connection');
  });
  afterAll(async () => {
    await t.dispose();
    await srv.close();
  });

  it('negotiates the sip subprotocol and says WS in Via', () => {
    expect(srv.conns[0]!.protocol).toBe('sip');
    expect(t.protocol).toBe('WS');
    expect(t.isConnected()).toBe(true);
  });

  it('keeps octets 1:1: a binary body in, and out as a binary frame; UTF-8 text as a text frame', async () => {
    srv.conns[0]!.send(message(binaryBody), { binary: true });
    const utf8 = Buffer.from('问诊 ok', 'utf8');
    srv.conns[0]!.send(message(utf8), { binary: false }); // text frame
    await until(() => delivered.length === 2, 2000, 'two messages');
    expect(Buffer.from(delivered[0]!.body, 'latin1').equals(binaryBody)).toBe(true);
    expect(Buffer.from(delivered[1]!.body, 'latin1').equals(utf8)).toBe(true);

    const bin = message(binaryBody);
    const text = message(utf8);
    await t.send(bin.toString('latin1').replace(/Content-Length: \d+/, 'Content-Length: 3')); // a miscount is fixed on send
    await t.send(text.toString('latin1'));
    await until(() => srv.got.length === 2, 2000, 'two frames');
    expect(srv.got[0]!.binary).toBe(true); // not UTF-8: a binary frame (RFC 7118 section 5.2)
    expect(srv.got[0]!.data.equals(bin)).toBe(true);
    expect(srv.got[1]!.binary).toBe(false);
    expect(srv.got[1]!.data.equals(text)).toBe(true);
  });

  it('answers malformed requests 400, drops what cannot be answered, and keeps the connection', async () => {
    srv.got.length = 0;
    const before = { ...t.stats };
    const good = invite({ port: 5060, callId: 'bad1@ws' });
    srv.conns[0]!.send(withHeader(good, 'CSeq', '1 OPTIONS')); // CSeq method mismatch
    srv.conns[0]!.send(withHeader(invite({ port: 5060, callId: 'bad2@ws' }), 'Content-Length', '9999')); // body shorter than Content-Length
    srv.conns[0]!.send('hello, not SIP at all'); // nothing to answer to
    srv.conns[0]!.send(Buffer.from([0xff, 0xfe, 0, 1, 2]), { binary: true });
    srv.conns[0]!.send('\r\n\r\n'); // keep-alive whitespace: ignored
    await until(() => srv.got.length === 2, 2000, 'two 400s');
    const replies = srv.got.map((g) => g.data.toString('latin1'));
    expect(replies[0]).toMatch(/^SIP\/2\.0 400 /);
    expect(replies[0]).toContain('Call-ID: bad1@ws');
    expect(replies[0]).toContain('cseq-method-mismatch');
    expect(replies[1]).toMatch(/^SIP\/2\.0 400 /);
    expect(replies[1]).toContain('Call-ID: bad2@ws');
    expect(replies[1]).toContain('body-truncated');
    await new Promise((r) => setTimeout(r, 100));
    expect(t.stats.rejected400 - before.rejected400).toBe(2);
    expect(t.stats.dropped - before.dropped).toBe(2);
    // still usable
    const n = delivered.length;
    srv.conns[0]!.send(message(Buffer.from('x')));
    await until(() => delivered.length === n + 1, 2000, 'a good message after the bad ones');
    expect(srv.conns.length).toBe(1);
  });

  it('reconnects with backoff when the connection drops, and fails sends only while down', async () => {
    srv.conns[0]!.terminate();
    await until(() => srv.conns.length === 2 && t.isConnected(), 3000, 'reconnect');
    expect(t.opened).toBe(2);
    expect(reconnects).toBe(1);
    srv.got.length = 0;
    await t.send(message(Buffer.from('after')).toString('latin1'));
    await until(() => srv.got.length === 1, 2000, 'a frame on the new connection');
    // The server goes away: sends wait sendWaitMs, then fail as transport errors; no crash.
    await srv.close();
    await until(() => !t.isConnected(), 2000, 'drop noticed');
    await expect(t.send(message(Buffer.from('lost')).toString('latin1'))).rejects.toBeInstanceOf(Core.TransportError);
  });
});

it('refuses a server that does not speak the sip subprotocol, and websocket with listen', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const t = new WsSipTransport(undefined, { url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`, logger: quiet, startTimeoutMs: 500, backoff: { initialMs: 50, maxMs: 100 } });
  await expect(t.connect()).rejects.toBeInstanceOf(Core.TransportError);
  await new Promise<void>((r) => wss.close(() => r()));
  let err: unknown;
  try {
    await SipEndpoint.start({ listen: { host: '127.0.0.1', port: 0 }, websocket: { url: 'ws://127.0.0.1:1' }, rtpPorts: { minPort: 40000, maxPort: 40010 }, logger: quiet });
  } catch (e) {
    err = e;
  }
  expect(isTzError(err, 'TZ_ERR_VALIDATION')).toBe(true);
});

it('wss:// with a trusted certificate says WSS in Via; an untrusted one never connects', async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem'));
  const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert });
  const wss = new WebSocketServer({ server, handleProtocols: (ps) => (ps.has('sip') ? 'sip' : false) });
  const got: string[] = [];
  wss.on('connection', (ws) => ws.on('message', (d: Buffer) => got.push(d.toString('latin1'))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `wss://127.0.0.1:${(server.address() as { port: number }).port}`;
  const untrusted = new WsSipTransport(undefined, { url, logger: quiet, startTimeoutMs: 600, backoff: { initialMs: 50, maxMs: 100 } });
  await expect(untrusted.connect()).rejects.toBeInstanceOf(Core.TransportError);
  const ep = await SipEndpoint.start({ websocket: { url, tls: { ca: cert } }, rtpPorts: { minPort: 40100, maxPort: 40110 }, rtpBindHost: '127.0.0.1', logger: quiet });
  try {
    expect(ep.transport.protocol).toBe('WSS');
    void ep.register(`sip:127.0.0.1;transport=ws`, 60, 500).catch(() => {}); // nobody answers: only the request matters
    await until(() => got.length > 0, 2000, 'REGISTER over wss');
    expect(got[0]).toMatch(/\r\nVia: SIP\/2\.0\/WSS [a-z0-9]+\.invalid;branch=/);
    expect(got[0]).toMatch(/\r\nContact: <sip:tingzhen@[a-z0-9]+\.invalid;transport=ws>/);
  } finally {
    await ep.stop();
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

it('SipEndpoint over WebSocket: Via SIP/2.0/WS and Contact ;transport=ws on an .invalid host (RFC 7118 section 5)', async () => {
  const srv = await sipWsServer();
  srv.wss.on('connection', (ws) => ws.on('message', (data: Buffer) => {
    const m = data.toString('latin1');
    if (!m.startsWith('REGISTER ')) return;
    const hdr = (n: string) => new RegExp(`^${n}: .*$`, 'mi').exec(m)![0];
    ws.send(['SIP/2.0 200 OK', hdr('Via'), hdr('From'), `${hdr('To')};tag=r1`, hdr('Call-ID'), hdr('CSeq'), `${hdr('Contact')};expires=60`, 'Content-Length: 0', '', ''].join('\r\n'));
  }));
  const gw = await startGateway({ listen: undefined, websocket: { url: srv.url } });
  try {
    expect(gw.ep.port).toBe(0);
    await gw.ep.register(`${srv.url.replace('ws://', 'sip:')};transport=ws`, 60);
    const reg = srv.got.map((g) => g.data.toString('latin1')).find((m) => m.startsWith('REGISTER '))!;
    expect(reg).toMatch(/\r\nVia: SIP\/2\.0\/WS [a-z0-9]+\.invalid;branch=/);
    expect(reg).toMatch(/\r\nContact: <sip:tingzhen@[a-z0-9]+\.invalid;transport=ws>/);
    expect(reg).toMatch(/\r\nTo: <sip:tingzhen@127\.0\.0\.1>/);
  } finally {
    await gw.ep.stop();
    await srv.close();
  }
});

/** SIPp caller over UDP through the edge; SDP points at our own RTP socket; BYE from SIPp after byeAfterMs, else waits for ours. */
function uacViaEdge(mediaPort: number, byeAfterMs: number | null): string {
  const inDialog = (method: string, cseq: string) => `<![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: ${cseq}
Max-Forwards: 70
Content-Length: 0

]]>`;
  const tail = byeAfterMs === null
    ? `<recv request="BYE" timeout="20000"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>`
    : `<pause milliseconds="${byeAfterMs}"/>
  <send>${inDialog('BYE', '2 BYE')}</send>
  <recv response="200" timeout="10000"/>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac via edge">
  <send><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=sipp 1 1 IN IP4 127.0.0.1
s=-
c=IN IP4 127.0.0.1
t=0 0
m=audio ${mediaPort} RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" rrs="true" timeout="10000"/>
  <send>${inDialog('ACK', '1 ACK')}</send>
  ${tail}
</scenario>`;
}

/** The caller's media: counts the gateway's PCMU packets and answers each with one of its own (symmetric RTP). */
async function mediaPeer(): Promise<{ port: number; received: () => number; close: () => void }> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  let received = 0;
  let seq = 100;
  sock.on('message', (buf, rinfo) => {
    const p = parseRtp(buf);
    if (!p || p.payloadType !== 0 || p.payload.length !== 160) return;
    received++;
    sock.send(serializeRtp({ payloadType: 0, marker: false, sequenceNumber: seq, timestamp: seq * 160, ssrc: 0x7e57ca11, payload: Buffer.alloc(160, 0x35) }), rinfo.port, rinfo.address);
    seq++;
  });
  return { port: sock.address().port, received: () => received, close: () => sock.close() };
}

/** The gateway speaks: 50 frames of a 440 Hz tone, 20 ms apart. */
async function speak(leg: SipCallLeg, frames = 50): Promise<void> {
  for (let i = 0; i < frames && leg.state !== 'closed'; i++) {
    const f = new Int16Array(160);
    for (let k = 0; k < 160; k++) f[k] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (i * 160 + k)) / 8000));
    leg.sdh?.rtp?.sendFrame(f);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const closed = (leg: SipCallLeg) => (leg.state === 'closed' ? Promise.resolve() : new Promise<void>((r) => leg.on('state', (s) => { if (s === 'closed') r(); })));

describe('tingzhen <-> Kamailio over WebSocket, SIPp over UDP', () => {
  let kam: Kamailio;
  let gw: Gateway;
  let edgePort: number;
  let wsPort: number;
  let defines: Record<string, string | number>;
  const kamcmd = (cmd: string) => execFileSync('kamcmd', ['-s', `unix:${dir}/ctl`, cmd], { encoding: 'utf8' });
  const registeredContacts = () => { try { return (kamcmd('ul.dump').match(/Address: <?sip:tingzhen@/g) ?? []).length; } catch { return 0; } };

  beforeAll(async () => {
    edgePort = await freePort();
    wsPort = await freePort();
    const list = join(dir, 'dispatcher.list');
    writeFileSync(list, '1 sip:127.0.0.1:9;transport=tcp 0 0\n'); // no TCP gateway: calls must go over WebSocket
    defines = { LISTEN_PORT: edgePort, WS_PORT: wsPort, DISPATCHER_LIST: list };
    kam = await startKamailio(dir, defines);
    gw = await startGateway({ listen: undefined, websocket: { url: `ws://127.0.0.1:${wsPort}`, backoff: { initialMs: 100, maxMs: 1000 } } });
  }, 30_000);
  afterAll(async () => {
    await gw?.ep.stop();
    await kam?.stop();
  });

  it('connects to Kamailio over WebSocket and registers the gateway AOR', async () => {
    await gw.ep.register(`sip:127.0.0.1:${wsPort};transport=ws`, 60);
    expect(registeredContacts()).toBe(1);
    expect(kamcmd('ul.dump')).toMatch(/Received: sip:127\.0\.0\.1:\d+;transport=ws/);
  }, 20_000);

  const inbound = async (byeFromSipp: boolean) => {
    const media = await mediaPeer();
    const scen = writeScenario(dir, `uac-ws-${byeFromSipp}.xml`, uacViaEdge(media.port, byeFromSipp ? 2500 : null));
    const sippPort = await freePort();
    const sipp = runSipp([`127.0.0.1:${edgePort}`, '-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(sippPort), '-m', '1', '-s', '120']);
    try {
      const leg = await Promise.race([gw.nextLeg(), sipp.exit.then((e) => { throw new Error(`sipp exited first: ${e.stderr}\n${kam.log().slice(-3000)}`); })]);
      expect(leg.info.parameters?.requestUser).toBe('120'); // the dialled number survives the registrar lookup
      expect(gw.ep.transport.remoteOf(leg.info.callId)).toMatchObject({ address: '127.0.0.1', port: wsPort });
      await speak(leg);
      await until(() => (leg.rtpStats?.packetsReceived ?? 0) >= 30, 3000, 'RTP from the caller');
      expect(media.received()).toBeGreaterThanOrEqual(30); // the gateway's audio reached the caller
      expect(leg.rtpStats!.audioSamplesReceived).toBeGreaterThan(30 * 160);
      if (!byeFromSipp) await leg.hangup('normal');
      await closed(leg);
      const { code, stderr } = await sipp.exit;
      expect(code, `${stderr}\n${kam.log().slice(-3000)}`).toBe(0);
    } finally {
      media.close();
      if (sipp.proc.exitCode === null) sipp.proc.kill();
    }
  };

  it('SIPp -> Kamailio -> tingzhen over WS: answered, RTP both ways, BYE from the caller', () => inbound(true), 30_000);
  it('SIPp -> Kamailio -> tingzhen over WS: answered, RTP both ways, BYE from tingzhen', () => inbound(false), 30_000);

  it('tingzhen -> Kamailio (WS) -> SIPp UAS: answered, BYE from tingzhen', async () => {
    const sippPort = await freePort();
    const scen = writeScenario(dir, 'uas-ws.xml', uasAnswerXml());
    const sipp = runSipp(['-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(sippPort), '-m', '1']);
    await new Promise((r) => setTimeout(r, 300));
    let answeredLeg: SipCallLeg | null = null;
    const dial = createSipDialer({
      endpoint: gw.ep,
      runCall: async (leg) => {
        answeredLeg = leg;
        await speak(leg, 20);
        return { callId: leg.info.callId } as never;
      },
    });
    const outcome = await dial({ attemptId: 'ws-out', target: `sip:+8613800000000@127.0.0.1:${sippPort}`, ringTimeoutMs: 5000 });
    expect(outcome.status).toBe('answered');
    expect(answeredLeg!.rtpStats!.packetsSent).toBeGreaterThanOrEqual(20);
    const { code, stderr } = await sipp.exit;
    expect(code, `${stderr}\n${kam.log().slice(-3000)}`).toBe(0);
  }, 30_000);

  it('Kamailio restarted: the gateway reconnects, registers again and takes the next call', async () => {
    const t = gw.ep.transport as WsSipTransport;
    const opened = t.opened;
    await kam.stop();
    await until(() => !t.isConnected(), 5000, 'the drop');
    await new Promise((r) => setTimeout(r, 1500)); // a few refused reconnects (backoff)
    kam = await startKamailio(dir, defines); // in memory: it knows no gateway until one registers again
    await until(() => t.opened === opened + 1 && t.isConnected(), 10_000, 'reconnect');
    await until(() => registeredContacts() === 1, 5000, 're-REGISTER');
    await inbound(true);
  }, 60_000);
});
