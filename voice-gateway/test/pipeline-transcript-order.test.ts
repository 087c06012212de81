/**
 * The call's transcript as a nurse reads it: in the order things were said, on the script
 * pipeline's own clock. A key that cuts a prompt comes after that prompt; on an outbound call with
 * answering-machine detection (the pipeline's clock starts after the greeting AMD heard) the key
 * presses are on that clock too, like the speech and the prompts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { runCallPipeline } from '../src/index.js';
import { runOutboundWithAmd } from '../src/pipeline/outbound-amd.js';
import { miniDialog, MODELS_DIR, ToneTts } from './helpers.js';

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
beforeAll(async () => { vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger }); });
afterAll(() => vad.close());

/** The disclosure (13 characters) and the fever question (23) at 60 ms per character. */
const HELLO_MS = 13 * 60;

describe('transcript order and clock', () => {
  it('a key that cuts the question comes after the question in the transcript', async () => {
    const leg = new LoopbackCallLeg();
    leg.feedSilence(HELLO_MS + 500).feedDtmf('2').feedSilence(1500).feedDtmf('1').feedSilence(1500);
    const report = await runCallPipeline({ leg, dialog: miniDialog(), engines: { vad, tts: new ToneTts(60) }, logger, now: () => leg.mediaMs });
    expect(report.outcome).toBe('completed');
    const starts = report.transcript.map((t) => t.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(report.transcript.map((t) => [t.speaker, t.via ?? null])).toEqual([
      ['bot', null], ['bot', null], ['caller', 'dtmf'], ['bot', null], ['caller', 'dtmf'], ['bot', null],
    ]);
  }, 30_000);

  it('after answering-machine detection, key presses are on the script pipeline\'s clock', async () => {
    const leg = new LoopbackCallLeg();
    leg.info.direction = 'outbound';
    // Nobody speaks: AMD says "uncertain" after 2500 ms and the script starts there (its clock's 0).
    leg.feedSilence(2500 + HELLO_MS + 500).feedDtmf('2').feedSilence(1500).feedDtmf('1').feedSilence(1500);
    const report = await runOutboundWithAmd({ leg, dialog: () => miniDialog(), engines: { vad, tts: new ToneTts(60) }, logger, now: () => leg.mediaMs });
    expect(report.amd?.verdict).toBe('uncertain');
    expect(report.outcome).toBe('completed');
    const keys = report.transcript.filter((t) => t.via === 'dtmf');
    expect(keys.map((k) => k.text)).toEqual(['2', '1']);
    // The first key was pressed during the fever question, which began after the disclosure.
    const question = report.transcript.find((t) => t.speaker === 'bot' && t.text.includes('发烧'))!;
    expect(keys[0]!.startMs).toBeGreaterThanOrEqual(question.startMs);
    expect(keys[0]!.startMs).toBeLessThan(question.startMs + 1000);
  }, 30_000);
});
