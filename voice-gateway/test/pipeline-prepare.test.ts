/**
 * A dialog that reads the caller's words before the runner (DialogDriver.prepare: an LLM filling
 * a slot or reviewing a triage, when one is configured). The turn is over once it ended: while the
 * words are read, more audio ends no second turn and no no-input timer fires; the runner gets the
 * prepared input; a key pressed meanwhile wins and the late preparation is dropped; a preparation
 * that fails delivers the words as they were. Loopback leg, real Silero VAD, a real recording.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type DialogInput } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { runCallPipeline, type CallReport, type DialogDriver } from '../src/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ScriptedAsr, ToneTts } from './helpers.js';

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
let speech: Int16Array;
beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  speech = gainDb(loadWav8k(), 12);
});
afterAll(() => vad.close());

/** The mini script's dialog with a preparation: `prepare` gets each input the pipeline hands it. */
function preparing(prepare: (input: DialogInput, signal: AbortSignal) => Promise<DialogInput>): { dialog: DialogDriver; seen: DialogInput[] } {
  const seen: DialogInput[] = [];
  const base = miniDialog();
  return { seen, dialog: { ...base, prepare: (input, signal) => { seen.push(input); return prepare(input, signal); } } };
}

async function call(dialog: DialogDriver, feed: (leg: LoopbackCallLeg) => void, texts: string[]): Promise<CallReport> {
  const leg = new LoopbackCallLeg({ realtime: true });
  feed(leg);
  return runCallPipeline({ leg, dialog, engines: { vad, tts: new ToneTts(20), asr: new ScriptedAsr(texts) }, logger, now: () => leg.mediaMs });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a dialog that reads the words before the runner', () => {
  it('hands the runner the prepared input, once per answer, with audio still arriving while it reads', async () => {
    // "嗯" alone is no answer to the rules; the preparation reads it as "没有" (no) after 1.5 s.
    const { dialog, seen } = preparing(async (input) => { await wait(1500); return input.type === 'speech' ? { ...input, text: '没有' } : input; });
    const report = await call(dialog, (l) => l.feedSilence(2500).feedSamples(speech).feedSilence(400).feedSamples(speech).feedSilence(6000).feedHangup(), ['嗯', '嗯']);
    // Two answers (the fever question, then the pain question), each read once: without the guard,
    // every audio frame during the first reading ended another (empty) turn.
    expect(seen).toEqual([{ type: 'speech', text: '嗯', confidence: 0.9 }, { type: 'speech', text: '嗯', confidence: 0.9 }]);
    expect(report.result?.answers.fever).toMatchObject({ value: { answer: 'no' }, via: 'speech', text: '没有' });
    expect(report.result?.answers.pain).toMatchObject({ value: { answer: 'no' }, via: 'speech', text: '没有' });
    expect(report.turns.filter((t) => t.via === 'speech')).toHaveLength(2);
  }, 30_000);

  it('a key pressed while the words are read wins; the late reading is dropped', async () => {
    let aborted = false;
    const { dialog } = preparing(async (input, signal) => {
      signal.addEventListener('abort', () => { aborted = true; });
      await wait(2500);
      return input.type === 'speech' ? { ...input, text: '有' } : input;
    });
    const report = await call(dialog, (l) => l.feedSilence(2500).feedSamples(speech).feedSilence(900).feedDtmf('2').feedSilence(5000).feedHangup(), ['嗯']);
    expect(report.result?.answers.fever).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
    // The reading came back after the key (yes): it did not answer the next question either.
    expect(report.result?.answers.pain).toBeUndefined();
    expect(aborted).toBe(true); // the call ended: the reading's signal aborted
  }, 30_000);

  it('a reading that fails delivers the words as they were', async () => {
    const { dialog } = preparing(() => Promise.reject(new Error('model down')));
    const report = await call(dialog, (l) => l.feedSilence(2500).feedSamples(speech).feedSilence(3000).feedHangup(), ['没有']);
    expect(report.result?.answers.fever).toMatchObject({ value: { answer: 'no' }, via: 'speech', text: '没有' });
  }, 30_000);
});
