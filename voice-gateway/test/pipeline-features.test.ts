/**
 * Recording, the shorter turn wait for an answer that is already complete, and transfer.
 * Loopback legs (media-clock figures) where timing matters; a real socket for transfer, since
 * what counts is the message that reaches the peer.
 */
import { mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLogger, readWav, rmsDbfs, type AsrEngine, type AsrResult } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { createRunner, loadScriptText } from '@tingzhen/dialog-engine';
import { buildGateway, createPipelineCallHandler, driverFromReducer, runCallPipeline, TestCaller, type CallReport, type RecorderOptions } from '../src/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ScriptedAsr, speechOnsetMs, testInterpreter, ToneTts } from './helpers.js';

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
let speech: Int16Array;
beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  speech = gainDb(loadWav8k(), 12);
});
afterAll(() => vad.close());

/** Level of a stretch of one channel, dBFS. */
function levelDb(ch: Int16Array, fromMs: number, toMs: number): number {
  return rmsDbfs(ch.subarray(Math.round(fromMs * 8), Math.round(toMs * 8)));
}

describe('recording', () => {
  async function record(rec: Omit<RecorderOptions, 'dir'>, dir: string): Promise<{ report: CallReport; leg: LoopbackCallLeg }> {
    const leg = new LoopbackCallLeg();
    // the caller speaks after the first question has started, then hangs up
    leg.feedSilence(4000).feedSamples(speech).feedSilence(1500).feedHangup();
    const report = await runCallPipeline({ leg, dialog: miniDialog(), engines: { vad, tts: new ToneTts(60), asr: new ScriptedAsr(['没有']) }, logger, recording: { dir, ...rec }, now: () => leg.mediaMs });
    return { report, leg };
  }

  it('writes a stereo WAV: caller left, bot right, each where it happened', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tz-rec-'));
    const { report } = await record({ layout: 'stereo', retentionDays: 30 }, dir);
    expect(report.recordingFile).toBe(`${report.callId}.wav`);
    expect((await stat(join(dir, report.recordingFile!))).mode & 0o777).toBe(0o600);
    const wav = readWav(await readFile(join(dir, report.recordingFile!)));
    expect(wav.channels).toBe(2);
    expect(wav.sampleRate).toBe(8000);
    const left = wav.channel(0);
    const right = wav.channel(1);
    const onset = 4000 + speechOnsetMs(speech);
    // bot: the disclosure from 0 ms (13 chars x 60 ms); caller: silent then
    expect(levelDb(right, 100, 700)).toBeGreaterThan(-30);
    expect(levelDb(left, 100, 700)).toBeLessThan(-60);
    // caller speech where it was fed
    expect(levelDb(left, onset, onset + 800)).toBeGreaterThan(-40);
    // the bot spoke again (the next question) after the caller's answer
    const after = report.transcript.filter((t) => t.speaker === 'bot' && t.startMs > onset);
    expect(after.length).toBeGreaterThan(0);
    expect(levelDb(right, after[0]!.startMs, after[0]!.startMs + 200)).toBeGreaterThan(-30);
  });

  it('writes a mixed mono WAV holding both directions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tz-rec-'));
    const { report } = await record({ layout: 'mixed', retentionDays: 30 }, dir);
    const wav = readWav(await readFile(join(dir, report.recordingFile!)));
    expect(wav.channels).toBe(1);
    const onset = 4000 + speechOnsetMs(speech);
    expect(levelDb(wav.mono, 100, 700)).toBeGreaterThan(-30); // bot
    expect(levelDb(wav.mono, onset, onset + 800)).toBeGreaterThan(-40); // caller
  });

  it('deletes recordings older than the retention when it writes a new one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tz-rec-'));
    const old = join(dir, 'old-call.wav');
    const recent = join(dir, 'recent-call.wav');
    const other = join(dir, 'notes.txt');
    for (const f of [old, recent, other]) await writeFile(f, 'x');
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    await utimes(old, tenDaysAgo, tenDaysAgo);
    await utimes(other, tenDaysAgo, tenDaysAgo);
    const { report } = await record({ layout: 'stereo', retentionDays: 7 }, dir);
    const left = (await readdir(dir)).sort();
    expect(left).toEqual([`${report.callId}.wav`, 'notes.txt', 'recent-call.wav'].sort());
  });
});

/** ASR fake that shows `partial` as its running hypothesis while it hears audio, and `partial` as the final. */
class PartialAsr implements AsrEngine {
  readonly capabilities = { name: 'partial-asr', languages: ['zh'], sampleRate: 8000, hotwords: false, confidence: true };
  constructor(private readonly partial: string) {}
  stream() {
    let heard = false;
    return {
      push: (f: { startMs: number; samples: Int16Array }): AsrResult[] => {
        if (rmsDbfs(f.samples) > -45) heard = true;
        return heard ? [{ text: this.partial, isFinal: false, startMs: 0, endMs: f.startMs }] : [];
      },
      setEndpoint: () => {},
      finish: () => (heard ? { text: this.partial, isFinal: true, confidence: 0.9, startMs: 0, endMs: 0 } : null),
      reset: () => { heard = false; },
      close: () => {},
    };
  }
  close(): void {}
}

const SLOW_ENDPOINT_SCRIPT = `
id: gw-endpoint
version: 1
title: { zh: 测试 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    text: { zh: 您好这里是医院的随访机器人 }
  - id: fever
    kind: ask
    expect: yes-no
    prompt: { zh: 有没有发烧 }
    endpoint: { silenceAfterSpeechMs: 1500 }
    dtmfPrompt: { zh: 有请按一没有请按二 }
    dtmf: { map: { '1': 'yes', '2': 'no' } }
  - id: bye
    kind: hangup
    text: { zh: 谢谢再见 }
    outcome: completed
`;

describe('turn-taking', () => {
  /** Media time from the end of the caller's speech (VAD) to the bot's next prompt. */
  async function gapAfterAnswer(partial: string): Promise<number> {
    const runner = createRunner(loadScriptText(SLOW_ENDPOINT_SCRIPT), { interpreter: testInterpreter });
    const leg = new LoopbackCallLeg();
    const at = 1500;
    leg.feedSilence(at).feedSamples(speech.subarray(0, Math.round(speechOnsetMs(speech) * 8) + 4000)).feedSilence(3000).feedHangup();
    const report = await runCallPipeline({
      leg, logger, engines: { vad, tts: new ToneTts(60), asr: new PartialAsr(partial) }, now: () => leg.mediaMs,
      dialog: driverFromReducer(runner.initialState({ lang: 'zh' }), (s, i) => runner.next(s, i), (s) => runner.result(s)),
    });
    // the end of speech as the VAD placed it on the media clock
    const speechEnd = report.transcript.find((t) => t.speaker === 'caller' && t.via === 'speech')!.endMs;
    const next = leg.log.find((e) => e.type === 'play-start' && e.atMs > speechEnd);
    expect(next).toBeDefined();
    return next!.atMs - speechEnd;
  }

  it('ends the turn at VAD silence when the yes-no answer is already complete, else waits the endpoint', async () => {
    const complete = await gapAfterAnswer('没有');
    const incomplete = await gapAfterAnswer('我想一下那个');
    console.log(`turn gap (media clock) after a complete yes-no answer: ${complete} ms; after an incomplete one: ${incomplete} ms`);
    // VAD silence is 300 ms; the step's endpoint asks for 1500 ms
    expect(complete).toBeLessThan(700);
    expect(incomplete).toBeGreaterThanOrEqual(1400);
  });
});

describe('transfer', () => {
  let app: FastifyInstance;
  let url = '';
  const reports: CallReport[] = [];
  beforeAll(async () => {
    const TRANSFER_SCRIPT = `
id: gw-transfer
version: 1
title: { zh: 转接 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    text: { zh: 您好这里是医院的随访机器人 }
  - id: nurse
    kind: transfer
    reason: patient-request
    text: { zh: 正在为您转接护士 }
`;
    const onCall = createPipelineCallHandler({
      engines: { vad, tts: new ToneTts(40) }, logger,
      transferTargetFor: (reason) => `sip:nurse-desk@hospital.example;reason=${reason}`,
      dialogFor: () => {
        const runner = createRunner(loadScriptText(TRANSFER_SCRIPT), { interpreter: testInterpreter });
        return driverFromReducer(runner.initialState({ lang: 'zh' }), (s, i) => runner.next(s, i), (s) => runner.result(s));
      },
      onReport: (r) => reports.push(r),
    });
    app = await buildGateway({ auth: { allowUnauthenticated: true }, onCall, logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(app.server.address() as net.AddressInfo).port}/media/native`;
  });
  afterAll(async () => { await app.close(); });

  it('sends the native transfer message with the target to the peer after the announcement', async () => {
    const caller = new TestCaller({ url, callId: 'CA-transfer' });
    const got = new Promise<{ event: string; transfer: { target: string } }>((r) => caller.once('transfer', r));
    await caller.connect();
    const msg = await got;
    expect(msg.event).toBe('transfer');
    expect(msg.transfer.target).toBe('sip:nurse-desk@hospital.example;reason=patient-request');
    // the announcement was played before the transfer went out
    expect(caller.utterances.length).toBeGreaterThanOrEqual(1);
    caller.hangup();
    await new Promise((r) => setTimeout(r, 300));
    expect(reports.find((r) => r.callId === 'CA-transfer')?.events.some((e) => e.type === 'transfer')).toBe(true);
  });
});
