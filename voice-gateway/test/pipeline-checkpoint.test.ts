/** The pipeline hands the call so far to onProgress each time the dialog's result changes: every answer is checkpointed as it comes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type CallReport } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { runCallPipeline } from '../src/index.js';
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
