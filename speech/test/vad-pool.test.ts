/**
 * Detector pooling: building a sherpa Vad costs an onnxruntime session (tens of ms of blocked
 * event loop), so streams reuse reset detectors. A reused detector must behave exactly like a
 * fresh one, even when the previous call hung up in the middle of speech.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError, type VadEvent } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { MODELS_DIR, WAVS_DIR, concat, readWavFile, silence, toFrames, type Pcm } from './helpers.js';

let engine: SileroVadEngine;
beforeAll(async () => {
  engine = await SileroVadEngine.load({ modelsDir: MODELS_DIR, maxPooled: 4 });
});
afterAll(() => engine.close());

const speech = () => readWavFile(join(WAVS_DIR, 'IT0011W0001_8k_ulaw.wav'));
const OPTS = { minSilenceMs: 300, minSpeechMs: 100 };

function run(pcm: Pcm, upToMs = Infinity): VadEvent[] {
  const s = engine.stream(OPTS);
  const events: VadEvent[] = [];
  for (const f of toFrames(pcm, 20, 0)) {
    if (f.startMs >= upToMs) break;
    events.push(...s.push(f));
  }
  if (upToMs === Infinity) events.push(...s.flush());
  s.close();
  return events;
}

describe('Silero VAD detector pool', () => {
  it('reuses a closed stream detector, and a reused detector behaves like a fresh one', () => {
    const pcm = concat(silence(500, 8000), speech(), silence(800, 8000));
    const fresh = run(pcm);
    expect(fresh.filter((e) => e.type === 'speech-end').length).toBeGreaterThan(0);
    const built = engine.created;
    // A call that hangs up mid-speech leaves the detector "in speech"; reset must clear it.
    const cut = run(pcm, 1500);
    expect(cut.some((e) => e.type === 'speech-start')).toBe(true);
    const again = run(pcm);
    expect(engine.created).toBe(built);
    expect(again).toEqual(fresh);
  });

  it('keeps one detector per concurrent stream and at most maxPooled idle ones', () => {
    const streams = Array.from({ length: 6 }, () => engine.stream(OPTS));
    for (const s of streams) s.close();
    streams[0]!.close(); // closing twice must not put a detector in the pool twice
    expect(engine.pooled(OPTS)).toBe(4);
  });

  it('prewarm builds detectors ahead of calls; streams then build none', async () => {
    const opts = { minSilenceMs: 250, minSpeechMs: 64 };
    await engine.prewarm(3, opts);
    expect(engine.pooled(opts)).toBe(3);
    const built = engine.created;
    const streams = [engine.stream(opts), engine.stream(opts), engine.stream(opts)];
    expect(engine.created).toBe(built);
    expect(engine.pooled(opts)).toBe(0);
    for (const s of streams) s.close();
    expect(engine.pooled(opts)).toBe(3);
  });

  it('refuses bad options in prewarm with a typed error', async () => {
    await expect(engine.prewarm(1, { threshold: 2 })).rejects.toSatisfy((e: unknown) => isTzError(e, 'TZ_ERR_VALIDATION'));
  });
});
