import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DtmfDetector, generateDtmf, generateDtmfSequence, dtmfFrequencies, isDtmfDigit, DTMF_DIGITS,
  type DtmfCandidate, type DtmfDetection, type DtmfDetectorOptions,
} from '../src/dtmf/index.js';
import { readWav, resample, g711RoundTrip, mulawEncode, mulawDecode } from '../src/audio/index.js';
import { isTzError } from '../src/errors.js';
import { TEST_WAVS_DIR } from './models-dir.js';
import { toneAmplitude, concat, db } from './signal-helpers.js';

const RATES = [8000, 16000] as const;
const silence = (sr: number, ms: number): Int16Array => new Int16Array(Math.round((sr * ms) / 1000));

/** Run the detector over a signal in frames of `frame` samples; also collect candidates. */
function detect(x: Int16Array, sampleRate: number, frame = 160, opts: Partial<DtmfDetectorOptions> = {}): { found: DtmfDetection[]; cands: DtmfCandidate[] } {
  const cands: DtmfCandidate[] = [];
  const d = new DtmfDetector({ sampleRate, onCandidate: (c) => cands.push(c), ...opts });
  const found: DtmfDetection[] = [];
  for (let i = 0; i < x.length; i += frame) found.push(...d.push(x.subarray(i, i + frame)));
  found.push(...d.flush());
  return { found, cands };
}
const digitsOf = (x: Int16Array, sr: number, frame?: number): string => detect(x, sr, frame).found.map((f) => f.digit).join('');

describe('DTMF generation', () => {
  it('produces the Q.23 frequency pair at the requested level and twist', () => {
    expect(dtmfFrequencies('5')).toEqual({ lowHz: 770, highHz: 1336 });
    expect(dtmfFrequencies('#')).toEqual({ lowHz: 941, highHz: 1477 });
    expect(dtmfFrequencies('d')).toEqual({ lowHz: 941, highHz: 1633 });
    const x = generateDtmf('9', { sampleRate: 8000, durationMs: 200, levelDbfs: -12, twistDb: 3, rampMs: 0 });
    expect(x.length).toBe(1600);
    expect(db(toneAmplitude(x, 8000, 852) / 32767)).toBeCloseTo(-12, 0);
    expect(db(toneAmplitude(x, 8000, 1477) / 32767)).toBeCloseTo(-9, 0);
    expect(toneAmplitude(x, 8000, 1000) / 32767).toBeLessThan(0.01);
  });
  it('builds sequences with gaps and lead silence, and rejects bad input with typed errors', () => {
    const s = generateDtmfSequence('12', { sampleRate: 8000, toneMs: 50, gapMs: 30, leadMs: 10 });
    expect(s.length).toBe(80 + 400 + 240 + 400 + 80);
    expect(s.subarray(0, 80).every((v) => v === 0)).toBe(true);
    expect(s.subarray(480, 720).every((v) => v === 0)).toBe(true);
    expect(() => generateDtmf('X', { sampleRate: 8000, durationMs: 50 })).toThrow();
    try { generateDtmf('1', { sampleRate: 8000, durationMs: -1 }); } catch (e) { expect(isTzError(e, 'TZ_ERR_VALIDATION')).toBe(true); }
    expect(isDtmfDigit('#')).toBe(true);
    expect(isDtmfDigit('E')).toBe(false);
  });
});

describe('DtmfDetector', () => {
  for (const sr of RATES) {
    it(`detects all 16 digits at ${sr} Hz, once each, with start and duration`, () => {
      const x = generateDtmfSequence(DTMF_DIGITS, { sampleRate: sr, toneMs: 60, gapMs: 60, leadMs: 100 });
      const { found } = detect(x, sr);
      expect(found.map((f) => f.digit).join('')).toBe(DTMF_DIGITS);
      found.forEach((f, i) => {
        expect(Math.abs(f.startMs - (100 + i * 120))).toBeLessThan(4);
        expect(Math.abs(f.durationMs - 60)).toBeLessThan(4);
      });
    });

    it(`gives the same result for any frame size at ${sr} Hz (1, 7, 20 ms, whole signal)`, () => {
      const x = generateDtmfSequence('159#', { sampleRate: sr, leadMs: 30 });
      for (const frame of [1, 7, sr / 50, x.length]) expect(digitsOf(x, sr, frame)).toBe('159#');
    });

    it(`accepts +/-1.5 % and rejects +/-3.5 % frequency error at ${sr} Hz`, () => {
      for (const dev of [-0.015, 0.015]) {
        expect(digitsOf(generateDtmfSequence('1D5*', { sampleRate: sr, frequencyDeviation: dev, leadMs: 50 }), sr)).toBe('1D5*');
      }
      for (const dev of [-0.035, 0.035]) {
        expect(digitsOf(generateDtmfSequence('1D5*', { sampleRate: sr, frequencyDeviation: dev, leadMs: 50 }), sr)).toBe('');
      }
    });

    it(`measures the frequency error of a tone at ${sr} Hz`, () => {
      const { cands } = detect(generateDtmf('8', { sampleRate: sr, durationMs: 100, frequencyDeviation: 0.01 }), sr);
      expect(cands).toHaveLength(1);
      expect(cands[0]!.rowDeviation).toBeCloseTo(0.01, 3);
      expect(cands[0]!.colDeviation).toBeCloseTo(0.01, 3);
    });

    it(`enforces twist limits at ${sr} Hz: high group +4 dB / low group +8 dB`, () => {
      const seq = (twistDb: number): string => digitsOf(generateDtmfSequence('19#', { sampleRate: sr, twistDb, leadMs: 50 }), sr);
      expect(seq(3.5)).toBe('19#');
      expect(seq(-7.5)).toBe('19#');
      expect(seq(5)).toBe('');
      expect(seq(-9)).toBe('');
    });

    it(`rejects 30 ms tones and accepts 40 ms tones at ${sr} Hz, at any alignment`, () => {
      for (const offset of [0, 13, 27, 41]) {
        for (const [ms, want] of [[30, ''], [40, '5'], [45, '5'], [25, '']] as const) {
          const x = concat([silence(sr, 50), new Int16Array(offset), generateDtmf('5', { sampleRate: sr, durationMs: ms }), silence(sr, 50)]);
          expect(digitsOf(x, sr)).toBe(want);
        }
      }
    });

    it(`separates two equal digits by a 40 ms gap and bridges a 10 ms interruption at ${sr} Hz`, () => {
      const tone = (ms: number): Int16Array => generateDtmf('7', { sampleRate: sr, durationMs: ms });
      expect(digitsOf(concat([silence(sr, 20), tone(60), silence(sr, 40), tone(60), silence(sr, 40)]), sr)).toBe('77');
      expect(digitsOf(concat([silence(sr, 20), tone(60), silence(sr, 10), tone(60), silence(sr, 40)]), sr)).toBe('7');
      const long = detect(concat([silence(sr, 20), tone(60), silence(sr, 10), tone(60), silence(sr, 40)]), sr).found[0]!;
      expect(long.durationMs).toBeGreaterThan(110);
    });

    it(`ignores tones below the level threshold and reports on the frame media clock at ${sr} Hz`, () => {
      expect(digitsOf(generateDtmfSequence('12', { sampleRate: sr, levelDbfs: -45, leadMs: 20 }), sr)).toBe('');
      expect(digitsOf(generateDtmfSequence('12', { sampleRate: sr, levelDbfs: -30, leadMs: 20 }), sr)).toBe('12');
      const d = new DtmfDetector({ sampleRate: sr });
      const x = concat([silence(sr, 100), generateDtmf('A', { sampleRate: sr, durationMs: 80 }), silence(sr, 100)]);
      const n = sr / 50;
      const out: DtmfDetection[] = [];
      for (let i = 0; i < x.length; i += n) out.push(...d.push({ samples: x.subarray(i, i + n), sampleRate: sr, startMs: 5000 + (i * 1000) / sr }));
      expect(out).toHaveLength(1);
      expect(Math.abs(out[0]!.startMs - 5100)).toBeLessThan(3);
      expect(() => d.push({ samples: x, sampleRate: sr * 2, startMs: 0 })).toThrow();
    });
  }

  it('refuses unsupported rates with a typed error', () => {
    try { new DtmfDetector({ sampleRate: 4000 }); expect.unreachable(); } catch (e) { expect(isTzError(e, 'TZ_ERR_AUDIO_FORMAT')).toBe(true); }
  });
});

// ---- Speech: talk-off and tones over speech ---------------------------------------------------
const wavs = readdirSync(TEST_WAVS_DIR).filter((f) => f.endsWith('.wav')).map((f) => ({ name: f, ...readWav(readFileSync(join(TEST_WAVS_DIR, f))) }));
const toMulaw8k = (x: Int16Array): Int16Array => mulawDecode(mulawEncode(resample(x, 16000, 8000)));

/** RMS over 20 ms frames louder than -40 dBFS (active speech). */
function activeRms(x: Int16Array, sr: number): number {
  const n = sr / 50;
  let s = 0, c = 0;
  for (let i = 0; i + n <= x.length; i += n) {
    let e = 0;
    for (let j = i; j < i + n; j++) e += x[j]! ** 2;
    if (Math.sqrt(e / n) > 328) { s += e; c += n; }
  }
  return Math.sqrt(s / c);
}

describe('DTMF talk-off on real speech', () => {
  it('has the recordings (16 kHz and 8 kHz mu-law)', () => {
    expect(wavs.filter((w) => w.sampleRate === 16000).length).toBeGreaterThanOrEqual(4);
    expect(wavs.filter((w) => w.sampleRate === 8000).length).toBeGreaterThanOrEqual(4);
  });
  for (const w of wavs) {
    it(`finds no digit in ${w.name}${w.sampleRate === 16000 ? ' (16 kHz, and resampled to 8 kHz + mu-law)' : ''}, also at +12 dB gain`, () => {
      const loud = w.samples.map((v) => Math.max(-32768, Math.min(32767, v * 4)));
      const cands: DtmfCandidate[] = [];
      for (const x of [w.samples, loud]) {
        cands.push(...detect(x, w.sampleRate).cands);
        if (w.sampleRate === 16000) cands.push(...detect(toMulaw8k(x), 8000).cands);
      }
      expect(cands.filter((c) => c.accepted)).toEqual([]);
    });
  }
});

describe('DTMF over speech through G.711', () => {
  const digits = '159D*0#3A7';
  for (const w of wavs) {
    for (const law of ['mulaw', 'alaw'] as const) {
      it(`detects "${digits}" 6 dB above ${w.name} after ${law}`, () => {
        const sr = w.sampleRate;
        const toneRms = 32767 * 10 ** (-10 / 20); // pair RMS for two -10 dBFS tones
        const k = toneRms / 10 ** (6 / 20) / activeRms(w.samples, sr);
        const mix = Float64Array.from(w.samples, (s) => s * k);
        const step = Math.floor(w.samples.length / (digits.length + 1));
        [...digits].forEach((d, i) => {
          const t = generateDtmf(d, { sampleRate: sr, durationMs: 60 });
          const at = step * (i + 1) - (t.length >> 1);
          t.forEach((v, j) => (mix[at + j]! += v));
        });
        const pcm = g711RoundTrip(Int16Array.from(mix, (v) => Math.max(-32768, Math.min(32767, Math.round(v)))), law);
        expect(digitsOf(pcm, sr)).toBe(digits);
      });
    }
  }
});
