/**
 * DTMF tone generation (ITU-T Q.23 frequencies).
 *
 * Levels are in dBFS relative to a full-scale sine (a sine with peak 32767 is 0 dBFS).
 * `twistDb` is the high-group level minus the low-group level: positive = the column tone is
 * louder ("standard"/forward twist in Bellcore terms), negative = the row tone is louder.
 */
import { TzError } from '../errors.js';

/** Low (row) group, Hz. */
export const DTMF_ROW_HZ = [697, 770, 852, 941] as const;
/** High (column) group, Hz. */
export const DTMF_COL_HZ = [1209, 1336, 1477, 1633] as const;
/** Keypad layout: DTMF_KEYS[row][col]. */
export const DTMF_KEYS = [
  ['1', '2', '3', 'A'],
  ['4', '5', '6', 'B'],
  ['7', '8', '9', 'C'],
  ['*', '0', '#', 'D'],
] as const;
export const DTMF_DIGITS = '0123456789*#ABCD';

export type DtmfDigit = (typeof DTMF_KEYS)[number][number];

export function isDtmfDigit(d: string): d is DtmfDigit {
  return d.length === 1 && DTMF_DIGITS.includes(d);
}

/** Row and column frequencies of a key. */
export function dtmfFrequencies(digit: string): { lowHz: number; highHz: number } {
  for (let r = 0; r < 4; r++) {
    const c = (DTMF_KEYS[r] as readonly string[]).indexOf(digit.toUpperCase());
    if (c >= 0 && digit.length === 1) return { lowHz: DTMF_ROW_HZ[r]!, highHz: DTMF_COL_HZ[c]! };
  }
  throw new TzError('TZ_ERR_VALIDATION', { reason: 'not a DTMF digit', field: 'digit' });
}

export interface DualToneOptions {
  sampleRate: number;
  durationMs: number;
  /** Level of the low-group tone, dBFS (full-scale sine = 0). Default -10. */
  levelDbfs?: number;
  /** High-group level minus low-group level, dB. Default 0. */
  twistDb?: number;
  /** Linear fade in/out, ms, to avoid clicks. Default 1 ms (0 for hard edges). */
  rampMs?: number;
}

function checkToneOpts(o: DualToneOptions): void {
  if (!Number.isInteger(o.sampleRate) || o.sampleRate < 4000 || o.sampleRate > 192000) {
    throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'bad sample rate', sampleRate: o.sampleRate });
  }
  if (!Number.isFinite(o.durationMs) || o.durationMs < 0 || o.durationMs > 600_000) {
    throw new TzError('TZ_ERR_VALIDATION', { reason: 'bad duration', field: 'durationMs', durationMs: o.durationMs });
  }
}

/** Two summed sines, clipped to int16. */
export function generateDualTone(lowHz: number, highHz: number, opts: DualToneOptions): Int16Array {
  checkToneOpts(opts);
  const n = Math.round((opts.sampleRate * opts.durationMs) / 1000);
  const level = opts.levelDbfs ?? -10;
  const aLow = 32767 * 10 ** (level / 20);
  const aHigh = aLow * 10 ** ((opts.twistDb ?? 0) / 20);
  const ramp = Math.min(Math.floor(n / 2), Math.round((opts.sampleRate * (opts.rampMs ?? 1)) / 1000));
  const out = new Int16Array(n);
  const wl = (2 * Math.PI * lowHz) / opts.sampleRate;
  const wh = (2 * Math.PI * highHz) / opts.sampleRate;
  for (let i = 0; i < n; i++) {
    let g = 1;
    if (i < ramp) g = (i + 1) / (ramp + 1);
    else if (i >= n - ramp) g = (n - i) / (ramp + 1);
    const v = Math.round(g * (aLow * Math.sin(wl * i) + aHigh * Math.sin(wh * i)));
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

export interface DtmfToneOptions extends DualToneOptions {
  /** Relative frequency error applied to both tones (0.015 = +1.5 %), for testing receivers. */
  frequencyDeviation?: number;
}

/** One key press. */
export function generateDtmf(digit: string, opts: DtmfToneOptions): Int16Array {
  const { lowHz, highHz } = dtmfFrequencies(digit);
  const k = 1 + (opts.frequencyDeviation ?? 0);
  return generateDualTone(lowHz * k, highHz * k, opts);
}

export interface DtmfSequenceOptions extends Omit<DtmfToneOptions, 'durationMs'> {
  /** Tone length per digit, ms. Default 100. */
  toneMs?: number;
  /** Silence between digits, ms. Default 100. */
  gapMs?: number;
  /** Silence before the first and after the last digit, ms. Default 0. */
  leadMs?: number;
}

/** A string of digits with gaps, e.g. "123#". */
export function generateDtmfSequence(digits: string, opts: DtmfSequenceOptions): Int16Array {
  const toneMs = opts.toneMs ?? 100;
  const gap = Math.round((opts.sampleRate * (opts.gapMs ?? 100)) / 1000);
  const lead = Math.round((opts.sampleRate * (opts.leadMs ?? 0)) / 1000);
  const tones = [...digits].map((d) => generateDtmf(d, { ...opts, durationMs: toneMs }));
  const total = 2 * lead + tones.reduce((n, t) => n + t.length, 0) + gap * Math.max(0, tones.length - 1);
  const out = new Int16Array(total);
  let o = lead;
  tones.forEach((t, i) => {
    out.set(t, o);
    o += t.length + (i < tones.length - 1 ? gap : 0);
  });
  return out;
}
