import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError, type VadEvent } from '@tingzhen/voice-core';
import { SileroVadEngine } from '@tingzhen/speech';
import { MODELS_DIR, WAVS_DIR, concat, dtmf, energySpanMs, noise, readWavFile, silence, toFrames, type Pcm } from './helpers.js';

let engine: SileroVadEngine;
beforeAll(async () => {
  engine = await SileroVadEngine.load({ modelsDir: MODELS_DIR });
});
afterAll(() => engine.close());

function run(pcm: Pcm, minSilenceMs = 300, startMs = 0): VadEvent[] {
  const s = engine.stream({ minSilenceMs });
  const events: VadEvent[] = [];
  for (const f of toFrames(pcm, 20, startMs)) events.push(...s.push(f));
  events.push(...s.flush());
  s.close();
  return events;
}

const wavs = readdirSync(WAVS_DIR).filter((f) => f.endsWith('.wav')).sort();

describe('Silero VAD on the real recordings', () => {
  it('has the recordings (16 kHz and 8 kHz mu-law)', () => {
    expect(wavs.filter((w) => w.endsWith('_8k_ulaw.wav'))).toHaveLength(4);
    expect(wavs).toHaveLength(8);
  });

  it.each(wavs)('finds the speech in %s, padded with 1 s of silence each side', (name) => {
    const wav = readWavFile(join(WAVS_DIR, name));
    const pcm = concat(silence(1000, wav.sampleRate), wav, silence(1000, wav.sampleRate));
    const energy = energySpanMs(pcm);
    const events = run(pcm, 300, 5000);
    const starts = events.filter((e) => e.type === 'speech-start');
    const ends = events.filter((e): e is Extract<VadEvent, { type: 'speech-end' }> => e.type === 'speech-end');
    expect(starts.length).toBeGreaterThan(0);
    expect(ends).toHaveLength(starts.length);
    // events alternate start/end
    events.forEach((e, i) => expect(e.type).toBe(i % 2 === 0 ? 'speech-start' : 'speech-end'));
    const first = ends[0]!.startMs - 5000;
    const last = ends[ends.length - 1]!.endMs - 5000;
    // Speech begins at or after the energy onset (weak initial consonants may be skipped) and never
    // in the leading second of digital silence; it ends near the energy end, not deep in the trailing second.
    expect(first).toBeGreaterThanOrEqual(Math.max(900, 1000 + energy.firstMs - 1000 - 100));
    expect(first).toBeLessThanOrEqual(energy.firstMs + 700);
    expect(last).toBeGreaterThanOrEqual(energy.lastMs - 700);
    expect(last).toBeLessThanOrEqual(energy.lastMs + 400);
    const speechMs = ends.reduce((s, e) => s + e.endMs - e.startMs, 0);
    const spanMs = energy.lastMs - energy.firstMs;
    expect(speechMs / spanMs).toBeGreaterThan(0.6);
    console.log(`${name}: ${ends.length} segment(s), speech ${speechMs.toFixed(0)} ms of ${spanMs} ms energy span`);
  });

  it.each([
    ['BAC009S0764W0121.wav', 510, 3830], ['BAC009S0764W0121_8k_ulaw.wav', 510, 4020],
  ])('%s: segment matches the measured reference in MODELS.md (+-200 ms)', (name, startMs, endMs) => {
    const ends = run(readWavFile(join(WAVS_DIR, name))).filter((e) => e.type === 'speech-end');
    expect(ends).toHaveLength(1);
    expect(Math.abs(ends[0]!.startMs - startMs)).toBeLessThanOrEqual(200);
    expect(Math.abs((ends[0] as { endMs: number }).endMs - endMs)).toBeLessThanOrEqual(200);
  });

  it('speech-start comes while the words are still being spoken (media clock)', () => {
    const wav = readWavFile(join(WAVS_DIR, 'BAC009S0764W0121_8k_ulaw.wav'));
    const pcm = concat(silence(1000, 8000), wav, silence(1000, 8000));
    const s = engine.stream({ minSilenceMs: 300 });
    let startAt = -1;
    let startEvent = -1;
    for (const f of toFrames(pcm)) {
      for (const e of s.push(f)) if (e.type === 'speech-start' && startAt < 0) { startAt = f.startMs; startEvent = e.startMs; }
    }
    expect(s.speaking).toBe(false);
    expect(startAt).toBeGreaterThan(1000);
    expect(startAt).toBeLessThan(2500);
    expect(startEvent).toBeLessThanOrEqual(startAt);
  });

  it('minimum silence is configurable: a longer silence merges the pauses of a long recording', () => {
    const wav = readWavFile(join(WAVS_DIR, 'TEST_MEETING_T0000000001_S00000_8k_ulaw.wav'));
    const pcm = concat(wav, silence(2500, 8000));
    const short = run(pcm, 100).filter((e) => e.type === 'speech-end').length;
    const long = run(pcm, 2000).filter((e) => e.type === 'speech-end').length;
    expect(short).toBeGreaterThan(long);
    expect(long).toBeGreaterThanOrEqual(1);
  });
});

describe('Silero VAD stays quiet without speech', () => {
  it.each([8000, 16000])('digital silence at %i Hz', (rate) => {
    expect(run(silence(5000, rate))).toEqual([]);
  });

  it.each([8000, 16000])('DTMF tones (all 16 keys) at %i Hz', (rate) => {
    const tones = concat(dtmf('123A456B789C*0#D', rate, 120, 80, -10), dtmf('5555', rate, 300, 100, -6));
    expect(run(tones)).toEqual([]);
  });

  it.each([
    ['white', -60], ['white', -50], ['pink', -60], ['pink', -50],
  ] as const)('comfort noise, %s at %i dBFS, 8 kHz', (kind, level) => {
    expect(run(noise(6000, 8000, level, kind, 7))).toEqual([]);
  });
});

describe('Silero VAD engine errors', () => {
  it('a missing model gives a TzError naming the file and the fix', async () => {
    const err = await SileroVadEngine.load({ modelsDir: '/nonexistent-models' }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_MODEL_MISSING')).toBe(true);
    expect((err as Error).message).toContain('/nonexistent-models/silero-vad/silero_vad_v5.onnx');
    expect((err as Error).message).toContain('models download silero-vad-v5');
  });

  it('rejects a change of sample rate mid-stream and bad options', () => {
    const s = engine.stream();
    s.push({ samples: new Int16Array(160), sampleRate: 8000, startMs: 0 });
    expect(() => s.push({ samples: new Int16Array(320), sampleRate: 16000, startMs: 20 })).toThrow(/malformed|unsupported/);
    expect(() => engine.stream({ threshold: 2 })).toThrow();
  });
});
