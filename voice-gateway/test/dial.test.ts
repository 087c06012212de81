/**
 * Outbound calls: campaigns HttpDialer -> POST /v1/dial on the gateway -> createWsDialer opens a
 * WebSocket to the callee's test phone -> the phone (TestCaller answering on that socket) goes
 * through the script by DTMF -> the CallOutcome JSON the worker expects comes back.
 * Real Silero VAD, the real runner on the mini script, a tone TTS.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { HttpDialer } from '@tingzhen/campaigns';
import { buildGateway, callOutcomeFromFailure, callParametersOf, createWsDialer, runCallPipeline, signToken, TestCaller, type Dial } from '../src/index.js';
import { miniDialog, MODELS_DIR, ToneTts } from './helpers.js';

const logger = createLogger({ level: 'silent' });
const SECRET = 'dial-test-secret';
let vad: SileroVadEngine;
let app: FastifyInstance;
let gatewayUrl = '';
let phone: WebSocketServer;
let phoneUrl = '';
/** What the test phone does when a call arrives. */
let answer: (ws: WebSocket) => void = () => {};
let dial: Dial;

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  phone = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  phone.on('connection', (ws) => answer(ws));
  await new Promise((r) => phone.once('listening', r));
  phoneUrl = `ws://127.0.0.1:${(phone.address() as net.AddressInfo).port}/phone`;
  dial = createWsDialer({
    logger,
    runCall: (leg, req) => runCallPipeline({ leg, dialog: miniDialog(), engines: { vad, tts: new ToneTts(40) }, signal: req.signal, logger }),
  });
  app = await buildGateway({
    auth: { secret: SECRET }, onCall: () => {}, logger,
    dial: { dial: (r) => dial(r), targetFor: (b) => (b.phone === '+8613800000000' ? phoneUrl : null), ringTimeoutMs: 1500 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  gatewayUrl = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await new Promise((r) => phone.close(r));
  vad.close();
});

/** A DialRequest as the campaigns worker builds it. */
function request(phoneNo = '+8613800000000', extra: Record<string, unknown> = {}) {
  return {
    attemptId: `att-${Math.random().toString(16).slice(2)}`, campaignId: 'c1',
    patient: { id: 'p1', name: '张三', language: 'zh', timezone: null, department: null, dischargeDate: null, customFields: {} },
    phone: phoneNo, scriptId: 'gw-mini', scriptVersion: '1', scriptHash: null, callerId: null, trunk: 'test',
    voicemailMessage: '', maxCallMs: 60_000, signal: new AbortController().signal, ...extra,
  };
}

const dialer = () => new HttpDialer({ gatewayUrl, token: signToken(SECRET, { ttlMs: 60_000, sub: 'worker' }) });

/** The test phone: answers, and presses a key after each question. */
function answerWithKeys(keys: string[]): Promise<TestCaller> {
  return new Promise((resolve) => {
    answer = (ws) => {
      const c = new TestCaller({ url: phoneUrl, socket: ws });
      void (async () => {
        await c.connect();
        resolve(c);
        await c.waitBotEnd(); // disclosure
        for (const k of keys) {
          await c.waitBotEnd();
          c.sendDtmf(k);
        }
      })().catch(() => {});
    };
  });
}

describe('POST /v1/dial with the campaigns HttpDialer', () => {
  it('places the call, the test phone answers by DTMF, and the outcome comes back as campaigns expects', async () => {
    const answered = answerWithKeys(['2', '1']);
    const out = await dialer().dial(request());
    const c = await answered;
    expect(out.kind).toBe('answered');
    if (out.kind !== 'answered') return;
    expect(out.result.hangupReason).toBe('completed');
    expect(out.result.answers).toMatchObject({ fever: { value: { answer: 'no' } }, pain: { value: { answer: 'yes' } } });
    expect(out.result).toHaveProperty('disposition');
    const patientTurns = out.result.transcript!.filter((t) => t.speaker === 'patient');
    expect(patientTurns.map((t) => t.text)).toEqual(['2', '1']);
    expect(out.result.transcript!.some((t) => t.speaker === 'bot' && t.text === '谢谢再见')).toBe(true);
    expect(c.utterances.length).toBeGreaterThanOrEqual(4);
  });

  it('a phone that never answers is no_answer', async () => {
    answer = () => {}; // the socket opens but no start event ever comes
    const out = await dialer().dial(request());
    expect(out).toEqual({ kind: 'no_answer', reason: 'start-timeout' });
  });

  it('a number with no route is failed, not an HTTP error', async () => {
    const out = await dialer().dial(request('+10000000000'));
    expect(out).toEqual({ kind: 'failed', reason: 'no_route', carrierFault: true });
  });

  it('refuses a worker without a valid token (the dialer reports it as a failed call)', async () => {
    const out = await new HttpDialer({ gatewayUrl, token: signToken('wrong-secret', { ttlMs: 60_000 }) }).dial(request());
    expect(out).toEqual({ kind: 'failed', reason: 'gateway_http_401', carrierFault: true });
    const res = await app.inject({ method: 'POST', url: '/v1/dial', payload: { attemptId: 'x', phone: '+1' } });
    expect(res.statusCode).toBe(401);
  });

  it('rejects a malformed request body with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/dial', headers: { authorization: `Bearer ${signToken(SECRET, { ttlMs: 60_000 })}` }, payload: { phone: 12 } });
    expect(res.statusCode).toBe(400);
  });
});

describe('dial outcomes and call parameters as the campaigns read them', () => {
  it('keeps the callee\'s answer apart from carrier trouble', () => {
    expect(callOutcomeFromFailure({ status: 'failed', reason: 'busy', sipStatus: 486, carrierFault: false })).toEqual({ kind: 'busy', reason: 'busy', sipCode: 486 });
    expect(callOutcomeFromFailure({ status: 'failed', reason: 'declined', sipStatus: 603 })).toEqual({ kind: 'busy', reason: 'declined', sipCode: 603 });
    expect(callOutcomeFromFailure({ status: 'failed', reason: 'not-found', sipStatus: 404 })).toEqual({ kind: 'rejected', reason: 'not-found', sipCode: 404 });
    expect(callOutcomeFromFailure({ status: 'no-answer', reason: 'unavailable', sipStatus: 480 })).toEqual({ kind: 'no_answer', reason: 'unavailable', sipCode: 480 });
    expect(callOutcomeFromFailure({ status: 'failed', reason: 'carrier-congestion', sipStatus: 503, carrierFault: true })).toEqual({ kind: 'failed', reason: 'carrier-congestion', sipCode: 503, carrierFault: true });
    expect(callOutcomeFromFailure({ status: 'failed', reason: 'start-timeout' })).toEqual({ kind: 'failed', reason: 'start-timeout' });
  });

  it('hands the script, language and greeting name to the leg, nothing else of the patient', () => {
    const p = callParametersOf({ attemptId: 'a1', phone: '+8613800138000', scriptId: 'post-op-followup', campaignId: '7', patient: { name: '张三', language: 'zh', id: '9', customFields: { x: 1 } } } as never);
    expect(p).toEqual({ attemptId: 'a1', script: 'post-op-followup', campaignId: '7', patientName: '张三', lang: 'zh' });
    expect(callParametersOf({ attemptId: 'a2', phone: '+1' })).toEqual({ attemptId: 'a2' });
  });
});
