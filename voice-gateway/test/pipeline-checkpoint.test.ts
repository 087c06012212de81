/** The pipeline hands the call so far to onProgress each time the dialog's result changes: every answer is checkpointed as it comes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type CallReport } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { runCallPipeline } from '../src/index.js';
import { runOutboundWithAmd } from '../src/pipeline/outbound-amd.js';
import { miniDialog, MODELS_DIR, ToneTts } from './helpers.js';

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
beforeAll(async () => { vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger }); });
afterAll(() => vad.close());

describe('checkpoints during the call', () => {
  it('each answer reaches onProgress with the transcript so far; the caller hanging up after one answer still left it', async () => {
    const leg = new LoopbackCallLeg();
    // Answer the first question by key, then hang up before the second.
    leg.feedSilence(6000).feedDtmf('2').feedSilence(2500).feedHangup();
    const progress: CallReport[] = [];
    const report = await runCallPipeline({ leg, dialog: miniDialog(), engines: { vad, tts: new ToneTts(40) }, logger, now: () => leg.mediaMs, onProgress: (r) => progress.push(r) });
    const withAnswer = progress.find((p) => p.result?.answers.fever !== undefined);
    expect(withAnswer?.result?.answers.fever).toMatchObject({ expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' });
    expect(withAnswer!.transcript.some((t) => t.speaker === 'bot')).toBe(true);
    // A checkpoint is a copy: later turns do not change it.
    expect(withAnswer!.transcript.length).toBeLessThanOrEqual(report.transcript.length);
    expect(report.result?.answers.fever).toBeDefined();
  });
});

describe('checkpoint at the answer of a campaign call', () => {
  it('an answered call with answering-machine detection is checkpointed before the detection ends, with its attempt and nothing answered', async () => {
    const leg = new LoopbackCallLeg();
    leg.info.direction = 'outbound';
    leg.info.parameters = { attemptId: '42', amd: '1' };
    // The line hangs up during detection (as good as a gateway that dies then: nothing after the answer).
    leg.feedSilence(1000).feedHangup();
    const progress: { report: CallReport; atMs: number }[] = [];
    const report = await runOutboundWithAmd({ leg, dialog: () => miniDialog(), engines: { vad, tts: new ToneTts(40) }, logger, now: () => leg.mediaMs, onProgress: (r) => progress.push({ report: r, atMs: leg.mediaMs }) });
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]!.report).toMatchObject({ attemptId: '42', result: null, transcript: [], outcome: null });
    // Made at the answer, before the first second of audio was read.
    expect(progress[0]!.atMs).toBeLessThan(1000);
    expect(report.amd).toBeDefined();
  });
});
