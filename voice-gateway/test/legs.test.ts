import net from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { createLogger, mulawDecode, mulawEncode } from '@tingzhen/voice-core';
import { AS_KIND, asFrame, buildGateway, createAudioSocketServer, samplesToL16, l16ToSamples, uuidToBytes, type WireCallLeg } from '../src/index.js';
import { callLegConformance, type LegHarness } from './leg-conformance.js';

const logger = createLogger({ level: 'silent' });
let app: FastifyInstance;
let base = '';
let tcp: net.Server;
let tcpPort = 0;
let nextLeg: ((leg: WireCallLeg) => void) | null = null;
const onCall = (leg: WireCallLeg) => nextLeg?.(leg);

beforeAll(async () => {
  app = await buildGateway({ auth: { allowUnauthenticated: true }, onCall, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
  tcp = createAudioSocketServer({ onCall, allowUnauthenticated: true, logger });
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  tcpPort = (tcp.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  await new Promise((r) => tcp.close(r));
});

function legPromise(): Promise<WireCallLeg> {
  return new Promise((r) => { nextLeg = (leg) => { nextLeg = null; r(leg); }; });
}

interface WsDialect {
  path: string;
  protocol?: string;
  start: () => WebSocket.Data[];
  media: (s: Int16Array) => WebSocket.Data;
  dtmf?: (d: string) => WebSocket.Data;
  stop: () => WebSocket.Data | null;
  decodeOut: (data: Buffer, isBinary: boolean) => number;
}

const j = (o: unknown) => JSON.stringify(o);
const twilioLike = (path: string, sid: string, fmtKey: string, rateKey: string, l16 = false): WsDialect => ({
  path,
  start: () => [j({ event: 'connected' }), j({ event: 'start', [sid]: 'S1', start: { [sid]: 'S1', call_sid: 'C1', callSid: 'C1', [fmtKey]: { encoding: l16 ? 'base64' : 'audio/x-mulaw', [rateKey]: 8000 } } })],
  media: (s) => j({ event: 'media', [sid]: 'S1', media: { payload: (l16 ? samplesToL16(s) : Buffer.from(mulawEncode(s))).toString('base64') } }),
  dtmf: (d) => j({ event: 'dtmf', [sid]: 'S1', dtmf: { digit: d } }),
  stop: () => j({ event: 'stop', [sid]: 'S1', stop: {} }),
  decodeOut: (data, isBinary) => {
    if (isBinary) return 0;
    const m = JSON.parse(data.toString()) as { event: string; media?: { payload: string } };
    if (m.event !== 'media') return 0;
    const b = Buffer.from(m.media!.payload, 'base64');
    return l16 ? b.length / 2 : mulawDecode(b).length;
  },
});

const DIALECTS: WsDialect[] = [
  twilioLike('twilio', 'streamSid', 'mediaFormat', 'sampleRate'),
  twilioLike('telnyx', 'stream_id', 'media_format', 'sample_rate'),
  twilioLike('exotel', 'stream_sid', 'media_format', 'sample_rate', true),
  {
    path: 'jambonz', protocol: 'audio.jambonz.org',
    start: () => [j({ callSid: 'C2', from: 'x', to: 'y', sampleRate: 8000 })],
    media: (s) => samplesToL16(s),
    dtmf: (d) => j({ event: 'dtmf', dtmf: d, duration: 100 }),
    stop: () => null,
    decodeOut: (data, isBinary) => (isBinary ? data.length / 2 : 0),
  },
  {
    path: 'audio-fork', protocol: 'audio.drachtio.org',
    start: () => [j({ callid: 'C3', sampleRate: 8000 })],
    media: (s) => samplesToL16(s),
    stop: () => null,
    decodeOut: (data, isBinary) => {
      if (isBinary) return 0;
      const m = JSON.parse(data.toString()) as { type: string; data?: { audioContent: string } };
      return m.type === 'playAudio' ? Buffer.from(m.data!.audioContent, 'base64').length / 2 : 0;
    },
  },
  {
    path: 'asterisk',
    start: () => ['MEDIA_START connection_id:c1 channel:WebSocket/c1/0x1 format:ulaw optimal_frame_size:160'],
    media: (s) => Buffer.from(mulawEncode(s)),
    dtmf: (d) => `DTMF_END digit:${d}`,
    stop: () => 'HANGUP',
    decodeOut: (data, isBinary) => (isBinary ? data.length : 0),
  },
];

for (const d of DIALECTS) {
  callLegConformance(`websocket ${d.path}`, async (): Promise<LegHarness> => {
    const legP = legPromise();
    const ws = new WebSocket(`${base}/media/${d.path}`, d.protocol ? [d.protocol] : []);
    let received = 0;
    ws.on('message', (data: Buffer, isBinary: boolean) => { received += d.decodeOut(data, isBinary); });
    const closed = new Promise<void>((r) => ws.on('close', () => r()));
    await new Promise((r, e) => { ws.once('open', r); ws.once('error', e); });
    for (const m of d.start()) ws.send(m, { binary: false });
    const leg = await legP;
    await leg.waitActive();
    const send = (m: WebSocket.Data) => ws.send(m, { binary: Buffer.isBuffer(m) });
    return {
      leg,
      peer: {
        sendAudio: (s) => send(d.media(s)),
        sendDtmf: d.dtmf ? (x) => send(d.dtmf!(x)) : undefined,
        receivedSamples: () => received,
        hangup: () => { const s = d.stop(); if (s) send(s); else ws.close(); },
        closed: () => closed,
      },
      dispose: async () => { ws.terminate(); await leg.hangup('normal'); },
    };
  }, { dtmf: d.dtmf !== undefined });
}

callLegConformance('AudioSocket over TCP', async (): Promise<LegHarness> => {
  const legP = legPromise();
  const sock = net.connect(tcpPort, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  let received = 0;
  let pending = Buffer.alloc(0);
  sock.on('data', (c: Buffer) => {
    pending = Buffer.concat([pending, c]);
    while (pending.length >= 3 && pending.length >= 3 + pending.readUInt16BE(1)) {
      const len = pending.readUInt16BE(1);
      if (pending[0] === AS_KIND.audio) received += l16ToSamples(pending.subarray(3, 3 + len)).length;
      pending = pending.subarray(3 + len);
    }
  });
  const closed = new Promise<void>((r) => sock.on('close', () => r()));
  sock.write(asFrame(AS_KIND.uuid, uuidToBytes('0e3f6a7c-1b2d-4e5f-8a9b-0c1d2e3f4a5b')));
  const leg = await legP;
  await leg.waitActive();
  return {
    leg,
    peer: {
      sendAudio: (s) => sock.write(asFrame(AS_KIND.audio, samplesToL16(s))),
      sendDtmf: (x) => sock.write(asFrame(AS_KIND.dtmf, Buffer.from(x))),
      receivedSamples: () => received,
      hangup: () => sock.write(asFrame(AS_KIND.hangup)),
      closed: () => closed,
    },
    dispose: async () => { sock.destroy(); await leg.hangup('normal'); },
  };
});
