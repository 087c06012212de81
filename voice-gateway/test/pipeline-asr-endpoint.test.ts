/**
 * A turn ended by the recogniser's own endpoint (a final from push(), as the sherpa-onnx engine
 * gives one after its trailing silence, its segment then reset) is answered with that final's
 * words: the pipeline must not ask finish() for them again (it has nothing left) and hand the
 * runner an empty answer. Loopback leg, real Silero VAD, a real recording as the caller's speech.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, rmsDbfs, type AsrEngine, type AsrResult, type AsrStream } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { runCallPipeline } from '../src/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ToneTts } from './helpers.js';

/** Trailing silence after which the fake recogniser ends its segment, ms (less than the turn's 600 ms wait). */
const ENDPOINT_SILENCE_MS = 400;

/** Like the streaming engine: a final from push() at its endpoint, then a fresh segment; finish() has nothing. */
class EndpointAsr implements AsrEngine {
  readonly capabilities = { name: 'endpoint-asr', languages: ['zh'], sampleRate: 8000, hotwords: false, confidence: true };
  constructor(private readonly texts: string[]) {}
  stream(): AsrStream {
    let speechMs = 0;
    let silenceMs = 0;
    return {
      push: (f): AsrResult[] => {
        const ms = (f.samples.length * 1000) / f.sampleRate;
        if (rmsDbfs(f.samples) > -35) { speechMs += ms; silenceMs = 0; return []; }
        if (speechMs < 200) return [];
        silenceMs += ms;
        if (silenceMs < ENDPOINT_SILENCE_MS) return [];
        speechMs = 0;
        return [{ text: this.texts.shift() ?? '', isFinal: true, confidence: 0.9, startMs: f.startMs, endMs: f.startMs }];
      },
      setEndpoint: () => {},
      finish: () => null,
      reset: () => {},
      close: () => {},
    };
  }
  close(): void {}
}

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
beforeAll(async () => { vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger }); });
afterAll(() => vad.close());

describe('a turn the recogniser ends', () => {
  it('is answered with the words of its final', async () => {
    const leg = new LoopbackCallLeg();
    // The disclosure and the fever question (36 characters at 60 ms), then the answer, then quiet.
    leg.feedSilence(2600).feedSamples(gainDb(loadWav8k(), 12)).feedSilence(3000).feedHangup();
    const report = await runCallPipeline({ leg, dialog: miniDialog(), engines: { vad, tts: new ToneTts(60), asr: new EndpointAsr(['没有']) }, logger, now: () => leg.mediaMs });
    expect(report.result?.answers.fever).toMatchObject({ value: { answer: 'no' }, via: 'speech' });
    expect(report.transcript.filter((t) => t.speaker === 'caller').map((t) => t.text)).toEqual(['没有']);
  }, 30_000);
});
