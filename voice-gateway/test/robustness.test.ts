/** Malformed and unauthenticated streams are closed with a reason; the process keeps serving. */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '@tingzhen/voice-core';
import { buildGateway, checkCredentials, signToken, verifyToken, type WireCallLeg } from '../src/index.js';

const SECRET = 'test-secret-0123456789abcdef';
const legs: WireCallLeg[] = [];
let app: FastifyInstance;
let base = '';

beforeAll(async () => {
  app = await buildGateway({
    auth: { secret: SECRET, peers: { pbx1: 'peer-secret-xyz' } },
    onCall: (leg) => legs.push(leg),
    logger: createLogger({ level: 'silent' }),
    startTimeoutMs: 300,
    stallTimeoutMs: 300,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
});
afterAll(async () => { await app.close(); });

function open(path: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${base}${path}`, { headers });
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
  ws.on('error', () => {});
  return new Promise((resolve) => ws.once('open', () => resolve({ ws, closed })));
}

const token = () => signToken(SECRET, { ttlMs: 60_000, sub: 'test' });
const start = (rate = 8000, extra: Record<string, string> = {}) => JSON.stringify({
  event: 'start', streamSid: 'S', start: { streamSid: 'S', callSid: 'C', customParameters: extra, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: rate, channels: 1 } },
});

describe('authentication', () => {
  it('signs and verifies tokens; rejects tampered and expired ones', () => {
    const t = signToken(SECRET, { ttlMs: 1000, sub: 'x' }, 1_000);
    expect(verifyToken(SECRET, t, 1_500)).toBe('x');
    expect(() => verifyToken(SECRET, t, 3_000)).toThrow(expect.objectContaining({ code: 'TZ_ERR_AUTH' }));
    expect(() => verifyToken(SECRET, `${t}x`, 1_500)).toThrow(expect.objectContaining({ code: 'TZ_ERR_AUTH' }));
    expect(() => verifyToken('another-secret-0123456', t, 1_500)).toThrow(expect.objectContaining({ code: 'TZ_ERR_AUTH' }));
    expect(checkCredentials({}, {})).toEqual({ ok: false, problem: 'missing-credentials' });
  });

  it('closes an unauthenticated L16 stream with 1008 and a reason', async () => {
    const { closed } = await open('/media/jambonz');
    expect(await closed).toEqual({ code: 1008, reason: 'unauthorized' });
  });

  it('closes a Twilio stream whose start carries a bad token', async () => {
    const { ws, closed } = await open('/media/twilio');
    ws.send(start(8000, { token: 'bad.token' }));
    expect(await closed).toEqual({ code: 1008, reason: 'unauthorized' });
  });

  it('accepts a token in the query, in the start parameters, and a per-peer secret', async () => {
    for (const [path, headers, params] of [
      [`/media/twilio?token=${token()}`, {}, {}],
      ['/media/twilio', {}, { token: token() }],
      ['/media/twilio', { 'x-tingzhen-peer': 'pbx1', 'x-tingzhen-secret': 'peer-secret-xyz' }, {}],
    ] as const) {
      const before = legs.length;
      const { ws } = await open(path, headers);
      ws.send(start(8000, params));
      await expect.poll(() => legs[before]?.state).toBe('active');
      ws.close();
    }
  });
});

describe('malformed streams', () => {
  const authed = `/media/twilio?token=`;
  it.each([
    ['invalid JSON', ['{nope'], 1002, 'invalid-json'],
    ['wrong sample rate', [start(16000)], 1003, 'unsupported-media-format'],
    ['media before the start event', [JSON.stringify({ event: 'media', media: { payload: 'AAAA' } })], 1002, 'media-before-start'],
    ['a non-base64 payload', [start(), JSON.stringify({ event: 'media', media: { payload: '!!!' } })], 1002, 'bad-media-payload'],
    ['a bad DTMF digit', [start(), JSON.stringify({ event: 'dtmf', dtmf: { digit: 'x' } })], 1002, 'bad-dtmf-digit'],
  ])('closes on %s', async (_name, msgs, code, reason) => {
    const { ws, closed } = await open(authed + token());
    for (const m of msgs) ws.send(m);
    expect(await closed).toEqual({ code, reason });
  });

  it('times out a stream that never starts, and one that stalls after start', async () => {
    const a = await open(authed + token());
    expect(await a.closed).toEqual({ code: 1008, reason: 'no start event' });
    const b = await open(authed + token());
    b.ws.send(start());
    expect(await b.closed).toEqual({ code: 1008, reason: 'media stalled' });
  });

  it('survives an unknown dialect and binary garbage, and still serves the next call', async () => {
    const u = await open(`/media/nope?token=${token()}`);
    expect((await u.closed).code).toBe(1008);
    const g = await open(authed + token());
    g.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await g.closed).code).toBe(1002);
    const before = legs.length;
    const ok = await open(authed + token());
    ok.ws.send(start());
    await expect.poll(() => legs[before]?.state).toBe('active');
    ok.ws.close();
  });
});
