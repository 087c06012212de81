import { describe, it, expect } from 'vitest';
import { resample, Resampler, COMMON_SAMPLE_RATES } from '../src/audio/index.js';
import { isTzError } from '../src/errors.js';
import { sine, toneAmplitude, zeroCrossingFrequency, concat, db, rms } from './signal-helpers.js';

/** Middle part of a signal (drops filter edges), as a fraction of its length. */
const middle = (x: Int16Array): Int16Array => x.subarray(Math.floor(x.length * 0.1), Math.floor(x.length * 0.9));

describe('resample (one-shot)', () => {
  it('8 -> 16 -> 8 kHz keeps a 1 kHz sine at its frequency and level (within 0.5 dB)', () => {
    const x = sine(1000, 8000, 1000, 10000);
    const up = resample(x, 8000, 16000);
    expect(up.length).toBe(16000);
    expect(zeroCrossingFrequency(middle(up), 16000)).toBeCloseTo(1000, 0);
    const back = resample(up, 16000, 8000);
    expect(back.length).toBe(8000);
    expect(zeroCrossingFrequency(middle(back), 8000)).toBeCloseTo(1000, 0);
    expect(Math.abs(db(toneAmplitude(middle(back), 8000, 1000) / toneAmplitude(middle(x), 8000, 1000)))).toBeLessThan(0.5);
    expect(Math.abs(db(toneAmplitude(middle(up), 16000, 1000) / 10000))).toBeLessThan(0.5);
    // and the waveform itself survives: residual far below the signal
    let err = 0;
    const mb = middle(back), mx = middle(x);
    for (let i = 0; i < mb.length; i++) err += (mb[i]! - mx[i]!) ** 2;
    expect(db(Math.sqrt(err / mb.length) / rms(mx))).toBeLessThan(-50);
  });

  for (const from of COMMON_SAMPLE_RATES) {
    for (const to of COMMON_SAMPLE_RATES) {
      if (from === to) continue;
      it(`${from} -> ${to} Hz keeps a 1 kHz tone (frequency, level) and has the right length`, () => {
        const x = sine(1000, from, 500, 12000);
        const y = resample(x, from, to);
        expect(y.length).toBe(Math.ceil((x.length * to) / from));
        expect(zeroCrossingFrequency(middle(y), to)).toBeCloseTo(1000, 0);
        expect(Math.abs(db(toneAmplitude(middle(y), to, 1000) / 12000))).toBeLessThan(0.5);
      });
    }
  }

  it('attenuates a 6 kHz tone strongly when going 16 kHz -> 8 kHz (no aliasing to 2 kHz)', () => {
    const y = resample(sine(6000, 16000, 500, 16000), 16000, 8000);
    expect(db(rms(middle(y)) / (16000 / Math.SQRT2))).toBeLessThan(-60);
    expect(db(toneAmplitude(middle(y), 8000, 2000) / 16000)).toBeLessThan(-60);
  });

  it('attenuates just-above-Nyquist tones (4.5 kHz at 16k -> 8k, 13 kHz at 48k -> 24k) by > 50 dB', () => {
    expect(db(rms(middle(resample(sine(4500, 16000, 500, 16000), 16000, 8000))) / 11314)).toBeLessThan(-50);
    expect(db(rms(middle(resample(sine(13000, 48000, 300, 16000), 48000, 24000))) / 11314)).toBeLessThan(-50);
  });

  it('keeps the telephone band: 3.3 kHz passes 16k -> 8k within 0.5 dB', () => {
    const y = resample(sine(3300, 16000, 500, 10000), 16000, 8000);
    expect(Math.abs(db(toneAmplitude(middle(y), 8000, 3300) / 10000))).toBeLessThan(0.5);
  });

  it('returns a copy for equal rates and rejects bad rates with a typed error', () => {
    const x = new Int16Array([1, 2, 3]);
    const y = resample(x, 8000, 8000);
    expect(Array.from(y)).toEqual([1, 2, 3]);
    expect(y).not.toBe(x);
    for (const bad of [0, -8000, 8000.5, NaN, 1e9]) {
      expect(() => resample(x, bad, 16000)).toThrow();
      try { new Resampler(16000, bad); } catch (e) { expect(isTzError(e, 'TZ_ERR_AUDIO_FORMAT')).toBe(true); }
    }
  });
});

describe('Resampler (streaming)', () => {
  const pairs: [number, number][] = [[8000, 16000], [16000, 8000], [8000, 22050], [22050, 8000], [24000, 16000], [48000, 8000], [16000, 48000]];
  for (const [from, to] of pairs) {
    it(`${from} -> ${to}: 20 ms chunks + flush equal the one-shot output exactly`, () => {
      // speech-like test signal: two tones and a chirp
      const n = from; // 1 s
      const x = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        const t = i / from;
        x[i] = Math.round(6000 * Math.sin(2 * Math.PI * 440 * t) + 3000 * Math.sin(2 * Math.PI * (300 + 1500 * t) * t));
      }
      const oneShot = resample(x, from, to);
      const r = new Resampler(from, to);
      const chunk = Math.round(from * 0.02);
      const parts: Int16Array[] = [];
      for (let i = 0; i < n; i += chunk) parts.push(r.push(x.subarray(i, i + chunk)));
      parts.push(r.flush());
      expect(concat(parts)).toEqual(oneShot);
      // after the look-ahead fills, each 20 ms in gives 20 ms out
      const steady = parts.slice(5, -1).map((p) => p.length);
      const per = (chunk * to) / from;
      for (const len of steady) expect(Math.abs(len - per)).toBeLessThanOrEqual(1);
    });
  }

  it('handles odd chunk sizes (1, 7, 333 samples) identically and reports its latency', () => {
    const x = sine(700, 8000, 300, 9000);
    const oneShot = resample(x, 8000, 16000);
    for (const size of [1, 7, 333]) {
      const r = new Resampler(8000, 16000);
      const parts: Int16Array[] = [];
      for (let i = 0; i < x.length; i += size) parts.push(r.push(x.subarray(i, i + size)));
      parts.push(r.flush());
      expect(concat(parts)).toEqual(oneShot);
    }
    const r = new Resampler(8000, 16000);
    expect(r.latencyInputSamples).toBe(32);
    expect(r.latencyMs).toBe(4);
  });
});
