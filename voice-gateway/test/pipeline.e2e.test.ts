/**
 * End to end over real sockets: TestCaller (Twilio dialect) -> gateway -> CallPipeline with the
 * real Silero VAD, the real runner on a small script, a tone TTS and (where needed) scripted ASR.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger, generateDtmf, type AsrEngine } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { buildGateway, createPipelineCallHandler, GatewayMetrics, MemoryCallSink, TestCaller, type CallReport } from '../src/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ScriptedAsr, speechOnsetMs, ToneTts } from './helpers.js';

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
let app: FastifyInstance;
let url = '';
const metrics = new GatewayMetrics();
const sink = new MemoryCallSink();
let asrForNext: AsrEngine | undefined;
let said: string[] = [];
const reports = new Map<string, (r: CallReport) => void>();

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  const onCall = createPipelineCallHandler({
    engines: { vad, tts: new ToneTts(150), get asr() { return asrForNext; } },
    dialogFor: () => miniDialog(said),
    logger, metrics, sink,
    onReport: (r) => reports.get(r.callId)?.(r),
  });
  app = await buildGateway({ auth: { allowUnauthenticated: true }, onCall, logger, metrics, startTimeoutMs: 500 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}/media/native`;
});
afterAll(async () => { await app.close(); });

function reportFor(callId: string): Promise<CallReport> {
  return new Promise((r) => reports.set(callId, r));
}

async function call(callId: string, asr?: AsrEngine, opts: { echoDb?: number } = {}): Promise<{ caller: TestCaller; report: Promise<CallReport> }> {
  asrForNext = asr;
  said = [];
  const report = reportFor(callId);
  const caller = new TestCaller({ url, callId, parameters: { tzStats: '1' }, ...opts });
  await caller.connect();
  return { caller, report };
}

describe('call pipeline end to end', () => {
  it('completes the follow-up by DTMF only (no ASR model installed)', async () => {
    const { caller, report } = await call('CA-dtmf');
    await caller.waitBotEnd(); // hello
    await caller.waitBotEnd(); // fever question
    caller.sendDtmf('2');
    await caller.waitBotEnd(); // pain question
    caller.sendDtmf('2');
    await caller.waitClosed();
    const r = await report;
    expect(r.endReason).toBe('completed');
    expect(r.outcome).toBe('completed');
    expect(said.at(-1)).toBe('谢谢再见');
    expect(r.transcript.filter((t) => t.speaker === 'caller' && t.via === 'dtmf')).toHaveLength(2);
    const gaps = caller.turnStats.map((t) => t.gapMs).filter((g) => typeof g === 'number');
    console.log('DTMF turn gaps (ms):', gaps.join(', '));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    // The live transcript reached the caller as it happened: the bot's prompts and both keys.
    expect(caller.transcript.filter((t) => t.speaker === 'bot').map((t) => t.text)).toContain('谢谢再见');
    expect(caller.transcript.filter((t) => t.speaker === 'caller').map((t) => t.text)).toEqual(['2', '2']);
  });

  it('completes the follow-up by in-band DTMF tones in the caller audio (no DTMF events)', async () => {
    const { caller, report } = await call('CA-inband');
    const key = (d: string) => caller.say(generateDtmf(d, { sampleRate: 8000, durationMs: 120, levelDbfs: -12 }));
    await caller.waitBotEnd(); // hello
    await caller.waitBotEnd(); // fever question
    await key('2');
    await caller.waitBotEnd(); // pain question
    await key('1');
    await caller.waitClosed();
    const r = await report;
    expect(r.endReason).toBe('completed');
    expect(r.outcome).toBe('completed');
    expect(said.at(-1)).toBe('谢谢再见');
    expect(r.transcript.filter((t) => t.speaker === 'caller').map((t) => [t.via, t.text])).toEqual([['dtmf', '2'], ['dtmf', '1']]);
    expect(r.result?.answers).toMatchObject({ fever: { value: { answer: 'no' } }, pain: { value: { answer: 'yes' } } });
  });

  it('without ASR, speech detected by the VAD is a no-match that leads the caller to DTMF', async () => {
    const { caller, report } = await call('CA-noasr');
    const speech = loadWav8k();
    await caller.waitBotEnd();
    await caller.waitBotEnd(); // fever question
    for (let i = 0; i < 4 && !said.at(-1)!.includes('按'); i++) {
      await caller.say(speech);
      await caller.waitBotEnd();
    }
    expect(said.at(-1)).toContain('按');
    caller.sendDtmf('2');
    await caller.waitBotEnd();
    caller.sendDtmf('1');
    await caller.waitClosed();
    const r = await report;
    expect(r.outcome).toBe('completed');
    expect(r.transcript.some((t) => t.speaker === 'caller' && t.via === 'speech')).toBe(true);
  });

  it('barge-in: caller speech stops the prompt quickly; the bot echo at -20 dB does not', async () => {
    const { caller, report } = await call('CA-barge', new ScriptedAsr(['没有', '不疼']), { echoDb: -20 });
    const speech = gainDb(loadWav8k(), 12);
    await caller.waitBotEnd(); // hello: played in full although its echo came back at -20 dB
    const fever = await caller.waitBotStart();
    await new Promise((r) => setTimeout(r, 600));
    const queuedAt = performance.now();
    const sent = caller.say(speech);
    const cleared = await caller.waitBotEnd();
    const onsetAt = queuedAt + speechOnsetMs(speech);
    const stopDelayMs = Math.round(cleared.endAt! - onsetAt);
    console.log(`barge-in stop delay seen by the caller: ${stopDelayMs} ms after speech onset (prompt ran ${Math.round(cleared.endAt! - fever.startAt)} ms)`);
    await sent;
    await caller.waitBotEnd(); // pain question
    await caller.say(speech);
    await caller.waitClosed();
    const r = await report;
    console.log('server barge-in record:', JSON.stringify(r.bargeIns));
    expect(r.bargeIns.length).toBe(1);
    expect(r.outcome).toBe('completed');
    expect(cleared.endAt! - fever.startAt).toBeLessThan(said.find((s) => s.startsWith('您出院'))!.length * 150);
  });

  it('a red-flag answer ends the call with the emergency message', async () => {
    const { caller, report } = await call('CA-red', new ScriptedAsr(['我胸口很痛']));
    await caller.waitBotEnd();
    await caller.waitBotEnd();
    await caller.say(loadWav8k());
    await caller.waitClosed();
    const r = await report;
    expect(r.outcome).toBe('red-flag');
    expect(r.events.some((e) => e.type === 'alert')).toBe(true);
    expect(said.some((s) => s.includes('停止活动'))).toBe(true);
    const turn = caller.turnStats.at(-1)!;
    console.log('red-flag turn latency (ms from end of speech):', JSON.stringify(turn));
  });

  it('an abrupt disconnect mid-prompt closes the call as dropped without leaking it', async () => {
    const { caller, report } = await call('CA-drop');
    await caller.waitBotStart();
    await new Promise((r) => setTimeout(r, 200));
    caller.hangup(true);
    const r = await report;
    expect(r.endReason).toBe('dropped');
    expect((await metrics.activeCalls.get()).values[0]!.value).toBe(0);
    expect(sink.reports.some((x) => x.callId === 'CA-drop' && x.endReason === 'dropped')).toBe(true);
  });
});
