/**
 * Band-limited sample-rate conversion: rational polyphase resampler with a Kaiser-windowed sinc.
 *
 * For from -> to with g = gcd(from, to), the output is the input upsampled by L = to/g, low-pass
 * filtered and decimated by M = from/g; only the L polyphase branches that land on output
 * samples are computed. The filter spans 2 * ZERO_CROSSINGS samples of the lower of the two rates
 * (64 taps at the lower rate), with a Kaiser window for about 80 dB stop-band attenuation and the
 * pass band ending at ~0.42 x the lower rate (3.4 kHz for 8 kHz: the telephone band). The
 * filter is linear phase and centred, so output sample n sits exactly at input time n*M/L: no
 * delay in content; the price is a look-ahead of `latencyInputSamples` in streaming mode.
 *
 * Streaming (`Resampler.push`) keeps its history across chunks, so chunked output concatenated
 * with `flush()` is sample-identical to the one-shot `resample()` (which uses the same class).
 * Filters are cached per rate pair: creating one Resampler per call is cheap.
 */
import { TzError } from '../errors.js';

/** Rates the platform uses (phone 8 kHz, engines 16 kHz, TTS voices 22.05/24 kHz, WebRTC 48 kHz). */
export const COMMON_SAMPLE_RATES = [8000, 16000, 22050, 24000, 48000] as const;

/** Zero crossings of the sinc on each side, counted at the lower rate. */
const ZERO_CROSSINGS = 32;
/** Kaiser beta for ~80 dB attenuation: 0.1102 * (80 - 8.7). */
const KAISER_BETA = 7.857;
/** Stop-band attenuation the window is designed for, dB (used for the transition width). */
const ATTENUATION_DB = 80;
/** Largest interpolation factor L accepted (bounds the coefficient table to ~L*K floats). */
const MAX_PHASES = 1000;

interface Filter {
  /** Upsampling factor (number of phases). */
  L: number;
  /** Decimation factor. */
  M: number;
  /** Taps per phase (in input samples), even. */
  K: number;
  /** L * K coefficients, phase-major. */
  coefs: Float64Array;
}

const cache = new Map<string, Filter>();

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (series; converges fast for x < 50). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 60; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function checkRate(rate: number, name: string): void {
  if (!Number.isInteger(rate) || rate < 1000 || rate > 192000) {
    throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'unsupported sample rate', field: name, sampleRate: rate });
  }
}

function designFilter(fromRate: number, toRate: number): Filter {
  const key = `${fromRate}:${toRate}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const g = gcd(fromRate, toRate);
  const L = toRate / g;
  const M = fromRate / g;
  if (L > MAX_PHASES) {
    throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'rate ratio too complex', fromRate, toRate });
  }
  const ratio = Math.max(1, fromRate / toRate);
  let K = Math.ceil(2 * ZERO_CROSSINGS * ratio);
  if (K % 2) K++;
  // Transition width (cycles per sample at the lower rate) from Kaiser's formula; put the
  // stop-band edge at the lower rate's Nyquist frequency so nothing above it folds back.
  const deltaLow = (ATTENUATION_DB - 8) / (2.285 * 2 * Math.PI * 2 * ZERO_CROSSINGS);
  const fcLow = 0.5 - deltaLow / 2;
  const fc = fcLow / ratio; // cutoff in cycles per input sample
  const half = K / 2;
  const i0Beta = besselI0(KAISER_BETA);
  const coefs = new Float64Array(L * K);
  for (let p = 0; p < L; p++) {
    const frac = p / L;
    let sum = 0;
    const row = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const d = k - half + 1 - frac; // input sample position minus output time, in input samples
      const x = 2 * fc * d;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const r = d / half;
      const w = r * r >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
      row[k] = 2 * fc * sinc * w;
      sum += row[k]!;
    }
    // Unity DC gain on every phase (removes the tiny per-phase ripple of the truncated sinc).
    for (let k = 0; k < K; k++) coefs[p * K + k] = row[k]! / sum;
  }
  const f: Filter = { L, M, K, coefs };
  cache.set(key, f);
  return f;
}

/** Streaming resampler: push chunks of any size (e.g. 20 ms frames); state carries across. */
export class Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  private readonly f: Filter | null;
  /** Input history; hist[0] is absolute input index histStart. */
  private hist = new Float64Array(0);
  private histStart = 0;
  private totalIn = 0;
  /** Next output index, its input position (integer part) and phase (numerator over L). */
  private outIndex = 0;
  private ip = 0;
  private phase = 0;

  constructor(fromRate: number, toRate: number) {
    checkRate(fromRate, 'fromRate');
    checkRate(toRate, 'toRate');
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.f = fromRate === toRate ? null : designFilter(fromRate, toRate);
    this.reset();
  }

  /** Input samples the streaming output lags behind the input (filter look-ahead). */
  get latencyInputSamples(): number {
    return this.f ? this.f.K / 2 : 0;
  }

  /** Look-ahead in milliseconds. */
  get latencyMs(): number {
    return (this.latencyInputSamples * 1000) / this.fromRate;
  }

  reset(): void {
    const K = this.f?.K ?? 0;
    // Start with K zeros before input index 0 so the first outputs see silence, not garbage.
    this.hist = new Float64Array(K);
    this.histStart = -K;
    this.totalIn = 0;
    this.outIndex = 0;
    this.ip = 0;
    this.phase = 0;
  }

  /** Feed input; returns every output sample that the input seen so far fully determines. */
  push(samples: Int16Array): Int16Array {
    if (!this.f) return samples.slice();
    this.append(samples);
    return this.produce(Infinity);
  }

  /** End of stream: pads with silence and returns the tail; the resampler is then reset. */
  flush(): Int16Array {
    if (!this.f) return new Int16Array(0);
    const { L, M, K } = this.f;
    const wanted = Math.ceil((this.totalIn * L) / M);
    this.append(new Int16Array(K), false);
    const out = this.produce(wanted);
    this.reset();
    return out;
  }

  private append(samples: Int16Array, counts = true): void {
    const f = this.f!;
    // Drop history no future output needs: the first tap of the next output is ip - K/2 + 1.
    const keepFrom = Math.max(this.histStart, this.ip - f.K / 2 + 1);
    const drop = keepFrom - this.histStart;
    const kept = this.hist.length - drop;
    const next = new Float64Array(kept + samples.length);
    next.set(this.hist.subarray(drop));
    for (let i = 0; i < samples.length; i++) next[kept + i] = samples[i]!;
    this.hist = next;
    this.histStart = keepFrom;
    if (counts) this.totalIn += samples.length;
  }

  private produce(maxIndex: number): Int16Array {
    const { L, M, K, coefs } = this.f!;
    const half = K / 2;
    const available = this.histStart + this.hist.length; // exclusive end of known input
    const hist = this.hist;
    const room = Math.max(0, Math.ceil(((available - half - this.ip) * L) / M) + 2);
    const out = new Int16Array(Math.min(room, maxIndex - this.outIndex));
    let n = 0;
    while (n < out.length && this.ip + half < available) {
      const base = this.ip - half + 1 - this.histStart;
      const c0 = this.phase * K;
      // K is even and >= 64: unrolled by two, with two accumulators, for the JIT.
      let acc = 0;
      let acc2 = 0;
      for (let k = 0; k < K; k += 2) {
        acc += hist[base + k]! * coefs[c0 + k]!;
        acc2 += hist[base + k + 1]! * coefs[c0 + k + 1]!;
      }
      acc += acc2;
      const v = Math.round(acc);
      out[n++] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      this.outIndex++;
      this.phase += M;
      while (this.phase >= L) {
        this.phase -= L;
        this.ip++;
      }
    }
    return n === out.length ? out : out.slice(0, n);
  }
}

/** One-shot conversion of a whole signal; output length is ceil(n * toRate / fromRate). */
export function resample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  const r = new Resampler(fromRate, toRate);
  if (fromRate === toRate) return samples.slice();
  const a = r.push(samples);
  const b = r.flush();
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
