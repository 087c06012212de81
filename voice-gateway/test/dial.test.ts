/**
 * Outbound calls: campaigns HttpDialer -> POST /v1/dial on the gateway -> createWsDialer opens a
 * WebSocket to the callee's test phone -> the phone (TestCaller answering on that socket) goes
 * through the script by DTMF -> the CallOutcome JSON the worker expects comes back.
 * Real Silero VAD, the real runner on the mini script, a tone TTS.
 */
import type net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FastifyInstance } from 'fastify';
import { createLogger, type DialRequestWire as HttpDialBody } from '@tingzhen/voice-core';
import { EspeakTtsEngine, SileroVadEngine } from '@tingzhen/speech';
import { HttpDialer } from '@tingzhen/campaigns';
import {
  buildGateway, callOutcomeFromFailure, callOutcomeFromReport, callParametersOf, createPipelineRunner, createWsDialer, runCallPipeline, signToken, TestCaller,
  type CallReport, type Dial,
} from '../src/index.js';
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

/** The worker's way: a dial token per request, for that request's attempt. */
const dialer = () => new HttpDialer({ gatewayUrl, token: ({ attemptId }) => signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId }) });

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
    const patientTurns = out.result.transcript.filter((t) => t.speaker === 'patient');
    expect(patientTurns.map((t) => t.text)).toEqual(['2', '1']);
    expect(out.result.transcript.some((t) => t.speaker === 'bot' && t.text === '谢谢再见')).toBe(true);
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
    const res = await app.inject({ method: 'POST', url: '/v1/dial', headers: { authorization: `Bearer ${signToken(SECRET, { kind: 'dial', ttlMs: 60_000, attemptId: 'x' })}` }, payload: { phone: 12 } });
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

  const request = (over: Partial<HttpDialBody> = {}): HttpDialBody => ({
    attemptId: 'a1', campaignId: '7', phone: '+8613800138000', scriptId: 'post-op-followup', scriptVersion: '1', scriptHash: null, callerId: null, trunk: 'default',
    voicemailMessage: '', maxCallMs: 60_000,
    patient: { id: '9', name: '张三', language: 'zh-CN', timezone: null, department: '骨科', diagnosis: '胫骨骨折', dischargeDate: '2026-12-01', customFields: { appointmentTime: '12月10日上午' } },
    ...over,
  });

  it('hands the script, language, recording choice and the patient record to the leg (kept in this process, never the phone number)', () => {
    const p = callParametersOf(request());
    expect(p).toMatchObject({ attemptId: 'a1', script: 'post-op-followup', campaignId: '7', lang: 'zh-CN', record: '1' });
    expect(JSON.parse(p.patient!)).toMatchObject({ name: '张三', department: '骨科', customFields: { appointmentTime: '12月10日上午' } });
    expect(Object.values(p).join(' ')).not.toContain('+8613800138000');
    expect(callParametersOf(request({ record: false })).record).toBe('0');
  });

  it('turns answering-machine detection on when there is a voicemail message, unless the request says amd: false', () => {
    expect(callParametersOf(request({ voicemailMessage: ' 协和医院，请回电。 ' }))).toMatchObject({ voicemailMessage: '协和医院，请回电。', amd: '1' });
    expect(callParametersOf(request({ voicemailMessage: 'x', amd: false }))).not.toHaveProperty('amd');
    expect(callParametersOf(request())).not.toHaveProperty('amd');
  });

  it('a machine is voicemail; a person or an uncertain answer is answered with its verdict; no AMD, no verdict', () => {
    const base: CallReport = { callId: 'c', endReason: 'completed', outcome: null, durationMs: 9000, turns: [], transcript: [], bargeIns: [], underruns: 0, events: [], result: null, test: false };
    const amd = (verdict: 'human' | 'machine' | 'uncertain') => ({ verdict, reason: 'x', decidedAfterMs: 1, greetingMs: 0 });
    expect(callOutcomeFromReport({ ...base, amd: amd('machine'), voicemail: { messageLeft: true } })).toEqual({ kind: 'voicemail', messageLeft: true, durationMs: 9000, recordingRef: null });
    expect(callOutcomeFromReport({ ...base, amd: amd('machine') })).toEqual({ kind: 'voicemail', messageLeft: false, durationMs: 9000, recordingRef: null });
    expect(callOutcomeFromReport({ ...base, amd: amd('uncertain') })).toMatchObject({ kind: 'answered', amd: 'uncertain' });
    expect(callOutcomeFromReport({ ...base, amd: amd('human') })).toMatchObject({ kind: 'answered', amd: 'human' });
    expect(callOutcomeFromReport(base)).not.toHaveProperty('amd');
  });
});

/**
 * Answering-machine detection end to end: the worker's request with a voicemail message -> the
 * dial route -> the WebSocket dialer -> createPipelineRunner (what the SIP dialer runs too) ->
 * AMD on the real Silero VAD -> the voicemail or the script. The callee speaks espeak-ng audio.
 */
describe('POST /v1/dial with answering-machine detection', () => {
  const MESSAGE = '协和医院随访中心，请回电 01069156114。';
  const reports: CallReport[] = [];
  const logLines: string[] = [];
  let espeak: EspeakTtsEngine;
  let previous: Dial;
  const RATE = 8000;

  async function speak(text: string): Promise<Int16Array> {
    const parts: Int16Array[] = [];
    for await (const f of espeak.synthesize({ text, language: 'zh', sampleRate: RATE })) parts.push(f.samples);
    const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) { out.set(p, off); off += p.length; }
    return out;
  }
  const beep = (ms: number) => Int16Array.from({ length: (ms * RATE) / 1000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / RATE)));
  const concat = (...parts: Int16Array[]) => {
    const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) { out.set(p, off); off += p.length; }
    return out;
  };

  beforeAll(async () => {
    espeak = await EspeakTtsEngine.load({ logger });
    const log = createLogger({ level: 'info', destination: new Writable({ write(chunk: Buffer, _e, cb) { logLines.push(chunk.toString('utf8')); cb(); } }) });
    const run = createPipelineRunner({ engines: { vad, tts: new ToneTts(40) }, dialogFor: () => miniDialog(), logger: log, onReport: (r) => reports.push(r) });
    previous = dial;
    dial = createWsDialer({
      logger: log,
      // As the SIP role does for its legs: the leg is ours, outbound, with the request's parameters.
      runCall: async (leg, req) => {
        leg.info.direction = 'outbound';
        leg.info.parameters = { ...leg.info.parameters, ...req.parameters };
        const report = await run(leg, { dialect: 'native' });
        if (!report) throw new Error('the call never started');
        return report;
      },
    });
  });
  afterAll(() => { dial = previous; });

  /** The test phone: `greet` first (its audio, then it listens), then a key after each question. */
  function callee(greet: (c: TestCaller) => Promise<void>, keys: string[] = []): Promise<TestCaller> {
    return new Promise((resolve) => {
      answer = (ws) => {
        const c = new TestCaller({ url: phoneUrl, socket: ws });
        void (async () => {
          await c.connect();
          resolve(c);
          await greet(c);
          if (keys.length === 0) return;
          await c.waitBotEnd(); // disclosure
          for (const k of keys) {
            await c.waitBotEnd();
            c.sendDtmf(k);
          }
        })().catch(() => {});
      };
    });
  }

  it('a voicemail greeting and its beep: the message after the beep, then the hang-up; the outcome is voicemail, message left', async () => {
    const greeting = concat(new Int16Array(RATE * 0.3), await speak('您好，您拨打的用户暂时无法接听，请在提示音后留言'), new Int16Array(RATE * 0.4));
    let beepSentAt = 0;
    const phone = callee(async (c) => {
      await c.say(greeting);
      await c.say(beep(500));
      beepSentAt = performance.now();
    });
    const out = await dialer().dial(request(undefined, { voicemailMessage: MESSAGE }));
    const c = await phone;
    expect(out).toMatchObject({ kind: 'voicemail', messageLeft: true });
    if (out.kind !== 'voicemail') return;
    expect(out.durationMs).toBeGreaterThan(0);
    // The machine heard one bot utterance, and it began after the beep.
    expect(beepSentAt).toBeGreaterThan(0);
    expect(c.utterances).toHaveLength(1);
    expect(c.utterances[0]!.startAt).toBeGreaterThan(beepSentAt - 60);
    expect(await c.waitClosed()).toBeTruthy();
    const r = reports.at(-1)!;
    expect(r.amd).toMatchObject({ verdict: 'machine', beepHz: 1000 });
    expect(r.voicemail).toEqual({ messageLeft: true });
    expect(r.transcript).toEqual([expect.objectContaining({ speaker: 'bot', text: MESSAGE })]);
    // The bot spoke the whole message (ToneTts: 40 ms per character).
    const botMs = c.utterances[0]!.samples.reduce((n, s) => n + s.length, 0) / 8;
    expect(botMs).toBeGreaterThan([...MESSAGE].length * 40 - 100);
    // Logs carry the verdict, never the message or a phone number.
    const logs = logLines.join('');
    expect(logs).toContain('answering-machine detection');
    expect(logs).not.toContain('01069156114');
    expect(logs).not.toContain('协和');
    expect(logs).not.toContain('8613800000000');
  }, 30_000);

  it('a machine that hangs up during the message: voicemail, no message left', async () => {
    const greeting = concat(new Int16Array(RATE * 0.3), await speak('您好，您拨打的用户暂时无法接听，请在提示音后留言'), new Int16Array(RATE * 0.4), beep(400));
    const phone = callee(async (c) => {
      await c.say(greeting);
      await c.waitBotStart();
      await new Promise((r) => setTimeout(r, 200));
      c.hangup();
    });
    const out = await dialer().dial(request(undefined, { voicemailMessage: MESSAGE }));
    await phone;
    expect(out).toMatchObject({ kind: 'voicemail', messageLeft: false });
    expect(reports.at(-1)!.endReason).toBe('dropped');
  }, 30_000);

  it('a person who says a short greeting gets the script: answered, amd human, the greeting is no answer', async () => {
    const phone = callee(async (c) => { await c.say(concat(new Int16Array(RATE * 0.4), await speak('喂，你好'))); }, ['2', '1']);
    const out = await dialer().dial(request(undefined, { voicemailMessage: MESSAGE }));
    const c = await phone;
    expect(out).toMatchObject({ kind: 'answered', amd: 'human' });
    if (out.kind !== 'answered') return;
    expect(out.result.answers).toMatchObject({ fever: { value: { answer: 'no' } }, pain: { value: { answer: 'yes' } } });
    expect(out.result.transcript.filter((t) => t.speaker === 'patient').map((t) => t.text)).toEqual(['2', '1']);
    expect(out.result.transcript.some((t) => t.text === MESSAGE)).toBe(false);
    expect(c.utterances.length).toBeGreaterThanOrEqual(4);
    expect(reports.at(-1)!.amd).toMatchObject({ verdict: 'human', reason: 'short-greeting' });
  }, 30_000);

  it('a callee who waits in silence gets the script too: answered, amd uncertain', async () => {
    const phone = callee(async () => {}, ['2', '1']);
    const out = await dialer().dial(request(undefined, { voicemailMessage: MESSAGE }));
    await phone;
    expect(out).toMatchObject({ kind: 'answered', amd: 'uncertain' });
    if (out.kind !== 'answered') return;
    expect(out.result.hangupReason).toBe('completed');
    expect(out.result.answers).toMatchObject({ fever: { value: { answer: 'no' } }, pain: { value: { answer: 'yes' } } });
    expect(reports.at(-1)!.amd).toMatchObject({ verdict: 'uncertain', reason: 'initial-silence' });
  }, 30_000);
});
