/**
 * Issue 16 item 1: scoped, short-lived tokens. Each token kind opens only its own routes: a media
 * token one stream of its dialect, once; a test-call token one stream running its own script,
 * marked as a test, and never /v1/dial; a dial token /v1/dial for its one attempt, never a stream.
 * Tokens without a kind (the format before kinds) and tokens that claim too long a life are refused.
 */
import { createHmac } from 'node:crypto';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '@tingzhen/voice-core';
import { buildGateway, checkCredentials, MAX_TOKEN_TTL_MS, signToken, verifyTokenClaims, type CallContext, type HttpDialBody, type WireCallLeg } from '../src/index.js';

const SECRET = 'token-scopes-secret-0123456789';
const legs: { leg: WireCallLeg; ctx: CallContext }[] = [];
const dialed: string[] = [];
const admitted: { attemptId: string; principal: string }[] = [];
let app: FastifyInstance;
let base = '';

beforeAll(async () => {
  app = await buildGateway({
    auth: { secret: SECRET },
    onCall: (leg, ctx) => legs.push({ leg, ctx }),
    logger: createLogger({ level: 'silent' }),
    startTimeoutMs: 2000,
    dial: {
      // A placed call is recorded and ends at once as unanswered: the test is about who gets this far.
      dial: async (r) => { dialed.push(r.attemptId); return { status: 'no-answer', reason: 'timeout' }; },
      targetFor: () => 'ws://127.0.0.1:9/never',
      admit: async (body, who) => { admitted.push({ attemptId: body.attemptId, principal: who.principal }); return body.phone === '+8613800000009' ? { ok: false, reason: 'do_not_call' } : { ok: true }; },
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
});
afterAll(async () => { await app.close(); });

function dialBody(attemptId: string, phone = '+8613800000000'): HttpDialBody {
  return {
    attemptId, campaignId: '1', phone, scriptId: 'post-op-followup', scriptVersion: '1', scriptHash: null, callerId: null, trunk: 'default',
    voicemailMessage: '', maxCallMs: 60_000, patient: { id: '1', name: '张三', language: 'zh-CN', timezone: null, department: null, dischargeDate: null, customFields: {} },
  };
}

async function dialWith(token: string | null, body: HttpDialBody) {
  const res = await app.inject({ method: 'POST', url: '/v1/dial', headers: token ? { authorization: `Bearer ${token}` } : {}, payload: body });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

/** Opens a stream and sends its start; resolves with the leg (active) or the close code and reason. */
function stream(path: string, startParams: Record<string, string> = {}): Promise<{ leg?: WireCallLeg; ctx?: CallContext; closed?: { code: number; reason: string } }> {
  const before = legs.length;
  const ws = new WebSocket(`${base}${path}`);
  ws.on('error', () => {});
  return new Promise((resolve) => {
    ws.on('close', (code, reason) => resolve({ closed: { code, reason: reason.toString() } }));
    ws.once('open', () => {
      ws.send(JSON.stringify({ event: 'start', streamSid: 'S', start: { streamSid: 'S', callSid: `C${Math.random()}`, customParameters: startParams, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }));
      const poll = setInterval(() => {
        const got = legs[before];
        if (got?.leg.state === 'active') {
          clearInterval(poll);
          resolve({ leg: got.leg, ctx: got.ctx });
          ws.close();
        }
      }, 10);
      ws.once('close', () => clearInterval(poll));
    });
  });
}

describe('token kinds on POST /v1/dial', () => {
  it('refuses a console test-call token (the issue: it placed real calls) and a media token, with 403, before anything rings', async () => {
    const testCall = signToken(SECRET, { kind: 'testcall', ttlMs: 60_000, sub: 'nurse1', script: 'post-op-followup', lang: 'zh', dialect: 'native' });
    const media = signToken(SECRET, { kind: 'media', ttlMs: 60_000, sub: 'tingzhen-call', dialect: 'native' });
    for (const t of [testCall, media]) {
      expect(await dialWith(t, dialBody('11'))).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: 'wrong-token-kind' } });
    }
    expect(dialed).toEqual([]);
    expect(admitted).toEqual([]);
  });

  it('refuses no token, a forged one, one without a kind (the old format) and one that claims too long a life, with 401', async () => {
    expect((await dialWith(null, dialBody('11'))).status).toBe(401);
    const forged = signToken('another-secret-0123456789', { kind: 'dial', ttlMs: 60_000, attemptId: '11' });
    expect(await dialWith(forged, dialBody('11'))).toEqual({ status: 401, body: { code: 'TZ_ERR_AUTH', problem: 'bad-signature' } });
    const payload = Buffer.from(JSON.stringify({ exp: Date.now() + 60_000, sub: 'worker' })).toString('base64url');
    const old = `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
    expect(await dialWith(old, dialBody('11'))).toEqual({ status: 401, body: { code: 'TZ_ERR_AUTH', problem: 'no-token-kind' } });
    // The worker's token used to live 30 days; a dial token may claim at most MAX_TOKEN_TTL_MS.dial.
    const month = signToken(SECRET, { kind: 'dial', ttlMs: 30 * 24 * 3600_000, sub: 'worker', attemptId: '11' });
    expect(await dialWith(month, dialBody('11'))).toEqual({ status: 401, body: { code: 'TZ_ERR_AUTH', problem: 'lifetime-too-long' } });
    expect(dialed).toEqual([]);
  });

  it('a dial token is good for its own attempt only; the gateway\'s own check runs (and can refuse) before the call is placed', async () => {
    const t12 = signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: '12' });
    expect(await dialWith(t12, dialBody('13'))).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: 'token-for-another-attempt' } });
    expect(await dialWith(t12, dialBody('12'))).toEqual({ status: 200, body: { kind: 'no_answer', reason: 'timeout' } });
    expect(dialed).toEqual(['12']);
    expect(admitted).toEqual([{ attemptId: '12', principal: 'dial:worker' }]);
    const t14 = signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: '14' });
    expect(await dialWith(t14, dialBody('14', '+8613800000009'))).toEqual({ status: 403, body: { code: 'TZ_ERR_FORBIDDEN', problem: 'do_not_call' } });
    expect(dialed).toEqual(['12']);
  });
});

describe('token kinds on the media routes', () => {
  it('a media token opens one stream of its dialect, once', async () => {
    const t = signToken(SECRET, { kind: 'media', ttlMs: 60_000, sub: 'tingzhen-call', dialect: 'native' });
    const ok = await stream(`/media/native?token=${t}`);
    expect(ok.leg?.state).toBe('active');
    expect(ok.ctx?.principal).toBe('media:tingzhen-call');
    expect((await stream(`/media/native?token=${t}`)).closed).toEqual({ code: 1008, reason: 'unauthorized' });
    const other = signToken(SECRET, { kind: 'media', ttlMs: 60_000, dialect: 'native' });
    expect((await stream(`/media/twilio?token=${other}`)).closed).toEqual({ code: 1008, reason: 'unauthorized' });
  });

  it('a dial token never opens a stream', async () => {
    const t = signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: '1' });
    expect((await stream(`/media/native?token=${t}`)).closed).toEqual({ code: 1008, reason: 'unauthorized' });
    const again = signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: '1' });
    expect((await stream('/media/twilio', { token: again })).closed).toEqual({ code: 1008, reason: 'unauthorized' });
  });

  it('a test-call token runs its own script and language whatever the stream asks, and is a test call in the URL and in the start message', async () => {
    const mk = () => signToken(SECRET, { kind: 'testcall', ttlMs: 60_000, sub: 'nurse1', script: 'satisfaction-survey', lang: 'en', dialect: 'native' });
    const inUrl = await stream(`/media/native?token=${mk()}&script=triage-hotline`, { script: 'post-op-followup', lang: 'zh' });
    expect(inUrl.ctx?.principal).toBe('testcall:nurse1');
    expect(inUrl.leg?.info.parameters).toMatchObject({ script: 'satisfaction-survey', lang: 'en' });
    // Twilio-style: the token in the start message (before, such a call was not marked as a test).
    const inStart = await stream('/media/native', { token: mk(), script: 'post-op-followup', lang: 'zh' });
    expect(inStart.ctx?.principal).toBe('testcall:nurse1');
    expect(inStart.leg?.info.parameters).toMatchObject({ script: 'satisfaction-survey', lang: 'en' });
  });

  it('caps lifetimes per kind and refuses a test-call token without its script', () => {
    expect(MAX_TOKEN_TTL_MS).toEqual({ media: 3_600_000, testcall: 120_000, dial: 300_000 });
    const now = 1_000_000;
    expect(verifyTokenClaims(SECRET, signToken(SECRET, { kind: 'testcall', ttlMs: 120_000, script: 's' }, now), now).kind).toBe('testcall');
    expect(() => verifyTokenClaims(SECRET, signToken(SECRET, { kind: 'testcall', ttlMs: 120_001, script: 's' }, now), now)).toThrow(expect.objectContaining({ details: { problem: 'lifetime-too-long' } }));
    expect(() => verifyTokenClaims(SECRET, signToken(SECRET, { kind: 'testcall', ttlMs: 60_000 }, now), now)).toThrow(expect.objectContaining({ details: { problem: 'test-call-without-script' } }));
    expect(() => verifyTokenClaims(SECRET, signToken(SECRET, { kind: 'dial', ttlMs: 60_000 }, now), now)).toThrow(expect.objectContaining({ details: { problem: 'dial-without-attempt' } }));
    expect(checkCredentials({ secret: SECRET }, { token: signToken(SECRET, { kind: 'dial', ttlMs: 1000, sub: 'worker', attemptId: '9' }) })).toMatchObject({ ok: true, kind: 'dial', principal: 'dial:worker' });
  });
});
