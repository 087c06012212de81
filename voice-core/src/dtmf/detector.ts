/**
 * Streaming in-band DTMF receiver (Goertzel), for 8 kHz and 16 kHz audio (any rate >= 8 kHz).
 *
 * Analysis: 5 ms sub-blocks, each run through a Goertzel bank at the 8 DTMF frequencies and
 * their second harmonics with an absolute phase reference. A window is three sub-blocks (15 ms,
 * 67 Hz resolution: adjacent row tones are ~73 Hz apart), advanced every 5 ms. A window "hits"
 * digit d when (per window):
 *   - the strongest row and column tones are each above `minToneLevelDbfs`;
 *   - each beats the runner-up of its group by `minRelativePeakDb`;
 *   - twist (high minus low group level) is within [-maxReverseTwistDb, +maxStandardTwistDb];
 *   - the two tones carry at least `minToneToTotalDb` of the window's total energy (the
 *     signal-to-noise / talk-off check: speech spreads its energy, a DTMF pair does not).
 * A run of hits for one digit, bridged across dropouts shorter than END_MISSES windows, is one
 * key press candidate. When it ends it is accepted only if, over the whole tone:
 *   - its duration is at least `minToneMs`. Duration is measured from the tone energy of every
 *     window the tone touches (coverage = sqrt(E / E_steady)), which is accurate to ~2 ms at any
 *     alignment;
 *   - both measured frequencies are within `maxFrequencyDeviation` of nominal. The frequency is
 *     measured from the phase step between consecutive sub-blocks (unambiguous to +/-100 Hz);
 *   - the second harmonics are at least `-maxSecondHarmonicDb` below the fundamentals (voiced
 *     speech has strong harmonics, a DTMF generator has none).
 *
 * Telco rules this follows (ITU-T Q.24, Bellcore GR-506 style):
 *   - frequency: accept +/-1.5 %, reject +/-3.5 % (threshold at 2.5 %);
 *   - twist: the high group may be up to 4 dB louder than the low group ("standard" twist) and
 *     up to 8 dB softer ("reverse" twist, which line loss causes);
 *   - duration: tones of 40 ms and more are accepted, 30 ms and less rejected (threshold 35 ms);
 *   - pause: 40 ms of silence separates two presses of the same key; interruptions of 10 ms or
 *     less inside a tone are bridged.
 * A press is reported once, when it ends (tone gone for 20 ms), with its start on the media clock.
 */
import type { AudioFrame } from '../audio/frame.js';
import { TzError } from '../errors.js';
import { GoertzelBank } from './goertzel.js';
import { DTMF_COL_HZ, DTMF_KEYS, DTMF_ROW_HZ } from './tones.js';

export interface DtmfDetection {
  digit: string;
  /** Media-clock start of the tone, ms (origin: the first frame's startMs, or 0). */
  startMs: number;
  durationMs: number;
}

/** Every candidate tone with its measurements (for diagnostics and tests). */
export interface DtmfCandidate extends DtmfDetection {
  accepted: boolean;
  /** Why it was rejected; undefined when accepted. */
  rejectReason?: 'too-short' | 'frequency' | 'harmonics';
  /** Measured relative frequency error of the row and column tones. */
  rowDeviation: number;
  colDeviation: number;
  /** Second-harmonic level relative to the fundamental, dB (worse of the two). */
  secondHarmonicDb: number;
}

export interface DtmfDetectorOptions {
  sampleRate: number;
  /** Shortest accepted tone, ms. Default 35 (accept >= 40, reject <= 30). */
  minToneMs?: number;
  /** Largest accepted relative frequency error. Default 0.025. */
  maxFrequencyDeviation?: number;
  /** How much louder the high group may be, dB. Default 4. */
  maxStandardTwistDb?: number;
  /** How much louder the low group may be, dB. Default 8. */
  maxReverseTwistDb?: number;
  /** Weakest accepted tone (each of the pair), dBFS re a full-scale sine. Default -38. */
  minToneLevelDbfs?: number;
  /** Tone pair energy over total window energy, dB. Default -2 (63 %). */
  minToneToTotalDb?: number;
  /** Each tone over the next strongest of its group, dB. Default 8. */
  minRelativePeakDb?: number;
  /** Second harmonic must be this far below its fundamental, dB. Default 15. */
  maxSecondHarmonicDb?: number;
  /** Called for every candidate, accepted or not. */
  onCandidate?: (c: DtmfCandidate) => void;
}

/** Sub-block length, ms. */
const SUB_MS = 5;
/** Sub-blocks per analysis window. */
const WIN_SUBS = 3;
/** Consecutive missing windows that end a tone: 4 x 5 ms, bridges 10 ms interruptions. */
const END_MISSES = 4;
/** Windows whose tone coverage is below this count as noise in the duration estimate. */
const MIN_COVERAGE = 0.2;
/** Closer than this (Hz) to the column tone, a row harmonic cannot be measured in a 15 ms window. */
const HARMONIC_GUARD_HZ = 150;

const FREQS = [...DTMF_ROW_HZ, ...DTMF_COL_HZ, ...DTMF_ROW_HZ.map((f) => 2 * f), ...DTMF_COL_HZ.map((f) => 2 * f)];

interface Run {
  row: number;
  col: number;
  /** Window index of the first window recorded (two before the first hit). */
  firstWin: number;
  lastHit: number;
  misses: number;
  /** Tone-pair power per window from firstWin on. */
  power: number[];
  hit: boolean[];
  fund: number;
  harmRow: number;
  harmCol: number;
  fundRow: number;
  fundCol: number;
  /** Sum of X_h * conj(X_{h-1}) for the row and column tones. */
  pr: [number, number];
  pc: [number, number];
}

const db = (x: number): number => 10 * Math.log10(x);

export class DtmfDetector {
  readonly sampleRate: number;
  private readonly o: Required<Omit<DtmfDetectorOptions, 'onCandidate'>>;
  private readonly onCandidate: ((c: DtmfCandidate) => void) | undefined;
  private readonly bank: GoertzelBank;
  private readonly H: number;
  private readonly buf: Float64Array;
  private fill = 0;
  /** Absolute index of the next sub-block's first sample. */
  private n0 = 0;
  private sub = -1;
  private originMs: number | null = null;
  /** Last WIN_SUBS sub-blocks: re/im per frequency and energy. */
  private readonly re: Float64Array[] = [];
  private readonly im: Float64Array[] = [];
  private readonly energy: number[] = [];
  /** Per-frequency powers of the previous two windows (edge windows of a tone that starts now). */
  private readonly prevPowers: Float64Array[] = [];
  private run: Run | null = null;
  private readonly minPower: number;

  constructor(opts: DtmfDetectorOptions) {
    const { sampleRate } = opts;
    if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 96000) {
      throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'DTMF detector needs 8-96 kHz', sampleRate });
    }
    this.sampleRate = sampleRate;
    this.o = {
      sampleRate,
      minToneMs: opts.minToneMs ?? 35,
      maxFrequencyDeviation: opts.maxFrequencyDeviation ?? 0.025,
      maxStandardTwistDb: opts.maxStandardTwistDb ?? 4,
      maxReverseTwistDb: opts.maxReverseTwistDb ?? 8,
      minToneLevelDbfs: opts.minToneLevelDbfs ?? -38,
      minToneToTotalDb: opts.minToneToTotalDb ?? -2,
      minRelativePeakDb: opts.minRelativePeakDb ?? 8,
      maxSecondHarmonicDb: opts.maxSecondHarmonicDb ?? 15,
    };
    this.onCandidate = opts.onCandidate;
    this.bank = new GoertzelBank(FREQS, sampleRate);
    this.H = Math.round((sampleRate * SUB_MS) / 1000);
    this.buf = new Float64Array(this.H);
    // Power of a full-scale sine is 32767^2 / 2.
    this.minPower = (32767 ** 2 / 2) * 10 ** (this.o.minToneLevelDbfs / 10);
    for (let i = 0; i < WIN_SUBS; i++) {
      this.re.push(new Float64Array(FREQS.length));
      this.im.push(new Float64Array(FREQS.length));
      this.energy.push(0);
    }
  }

  /** Feed audio of any length; returns key presses that ended within it. */
  push(input: AudioFrame | Int16Array): DtmfDetection[] {
    let samples: Int16Array;
    if (input instanceof Int16Array) {
      samples = input;
      this.originMs ??= 0;
    } else {
      if (input.sampleRate !== this.sampleRate) {
        throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'frame rate differs from detector rate', sampleRate: input.sampleRate, expected: this.sampleRate });
      }
      samples = input.samples;
      this.originMs ??= input.startMs - (this.n0 + this.fill) * 1000 / this.sampleRate;
    }
    const out: DtmfDetection[] = [];
    for (let i = 0; i < samples.length; i++) {
      this.buf[this.fill++] = samples[i]!;
      if (this.fill === this.H) {
        this.subBlock(out);
        this.fill = 0;
      }
    }
    return out;
  }

  /** End of stream: reports a tone still in progress (if it qualifies). */
  flush(): DtmfDetection[] {
    const out: DtmfDetection[] = [];
    if (this.run) this.finish(out);
    return out;
  }

  private subBlock(out: DtmfDetection[]): void {
    // Rotate the ring: slot 0 is the oldest.
    const re = this.re.shift()!;
    const im = this.im.shift()!;
    this.energy.shift();
    this.bank.analyse(this.buf, this.n0, re, im);
    let e = 0;
    for (let i = 0; i < this.H; i++) e += this.buf[i]! * this.buf[i]!;
    this.re.push(re);
    this.im.push(im);
    this.energy.push(e);
    this.n0 += this.H;
    this.sub++;
    if (this.sub >= WIN_SUBS - 1) this.window(this.sub, out);
  }

  /** Analyse the window ending at sub-block k. */
  private window(k: number, out: DtmfDetection[]): void {
    const W = this.H * WIN_SUBS;
    const nf = FREQS.length;
    const P = new Float64Array(nf);
    for (let f = 0; f < nf; f++) {
      let r = 0;
      let i = 0;
      for (let s = 0; s < WIN_SUBS; s++) {
        r += this.re[s]![f]!;
        i += this.im[s]![f]!;
      }
      P[f] = (2 * (r * r + i * i)) / (W * W);
    }
    const total = (this.energy[0]! + this.energy[1]! + this.energy[2]!) / W;
    const hit = this.classify(P, total);
    const run = this.run;
    if (run) {
      run.power.push(P[run.row]! + P[4 + run.col]!);
      if (hit && hit.row === run.row && hit.col === run.col) {
        run.hit.push(true);
        run.misses = 0;
        run.lastHit = k;
        this.accumulate(run, P, false);
      } else {
        run.hit.push(false);
        run.misses++;
        if (hit || run.misses >= END_MISSES) {
          this.finish(out);
        }
      }
    }
    if (!this.run && hit) {
      const power: number[] = this.prevPowers.map((pp) => pp[hit.row]! + pp[4 + hit.col]!);
      power.push(P[hit.row]! + P[4 + hit.col]!);
      const r: Run = {
        row: hit.row, col: hit.col, firstWin: k - power.length + 1, lastHit: k, misses: 0,
        power, hit: [...power.map(() => false).slice(1), true],
        fund: 0, harmRow: 0, harmCol: 0, fundRow: 0, fundCol: 0, pr: [0, 0], pc: [0, 0],
      };
      this.run = r;
      this.accumulate(r, P, true);
    }
    this.prevPowers.push(P);
    if (this.prevPowers.length > 2) this.prevPowers.shift();
  }

  private classify(P: Float64Array, total: number): { row: number; col: number } | null {
    const best = (from: number): [number, number] => {
      let bi = from;
      let second = 0;
      for (let i = from; i < from + 4; i++) if (P[i]! > P[bi]!) bi = i;
      for (let i = from; i < from + 4; i++) if (i !== bi && P[i]! > second) second = P[i]!;
      return [bi, second];
    };
    const [r, r2] = best(0);
    const [c, c2] = best(4);
    const pr = P[r]!;
    const pc = P[c]!;
    const o = this.o;
    if (pr < this.minPower || pc < this.minPower) return null;
    const twist = db(pc / pr);
    if (twist > o.maxStandardTwistDb || twist < -o.maxReverseTwistDb) return null;
    const rel = 10 ** (o.minRelativePeakDb / 10);
    if (pr < r2 * rel || pc < c2 * rel) return null;
    if (pr + pc < total * 10 ** (o.minToneToTotalDb / 10)) return null;
    return { row: r, col: c - 4 };
  }

  private accumulate(run: Run, P: Float64Array, first: boolean): void {
    run.fundRow += P[run.row]!;
    run.fundCol += P[4 + run.col]!;
    run.harmRow += P[8 + run.row]!;
    run.harmCol += P[12 + run.col]!;
    // Phase steps between consecutive sub-blocks of this window (all of them for the first hit).
    for (let s = first ? 1 : WIN_SUBS - 1; s < WIN_SUBS; s++) {
      for (const [f, acc] of [[run.row, run.pr], [4 + run.col, run.pc]] as const) {
        const ar = this.re[s]![f]!, ai = this.im[s]![f]!;
        const br = this.re[s - 1]![f]!, bi = this.im[s - 1]![f]!;
        acc[0] += ar * br + ai * bi;
        acc[1] += ai * br - ar * bi;
      }
    }
  }

  private finish(out: DtmfDetection[]): void {
    const run = this.run!;
    this.run = null;
    // Keep windows up to two after the last hit (the trailing partial windows).
    const keep = run.lastHit - run.firstWin + 3;
    const power = run.power.slice(0, keep);
    const steady = power.filter((_, i) => run.hit[i]).sort((a, b) => a - b);
    const ref = steady[Math.floor(steady.length / 2)]!;
    let cov = 0;
    let centre = 0;
    power.forEach((p, i) => {
      const c = Math.min(1, Math.sqrt(p / ref));
      if (c < MIN_COVERAGE) return;
      cov += c;
      // Window i covers sub-blocks (firstWin+i-2 .. firstWin+i); its centre in sub-block units:
      centre += c * (run.firstWin + i - 0.5);
    });
    const subMs = (this.H * 1000) / this.sampleRate;
    const durationMs = cov * subMs;
    const startMs = (this.originMs ?? 0) + (centre / cov) * subMs - durationMs / 2;
    const step = (2 * Math.PI * this.H) / this.sampleRate; // rad per Hz per sub-block
    const rowDeviation = Math.atan2(run.pr[1], run.pr[0]) / step / DTMF_ROW_HZ[run.row]!;
    const colDeviation = Math.atan2(run.pc[1], run.pc[0]) / step / DTMF_COL_HZ[run.col]!;
    // 2 x row frequency can sit within one analysis bin of the column tone (2 x 697 = 1394 vs
    // 1336 for "2"); there the column tone leaks into the harmonic bin, so only the column's
    // harmonic is checked.
    const rowHarmonicUsable = Math.abs(2 * DTMF_ROW_HZ[run.row]! - DTMF_COL_HZ[run.col]!) >= HARMONIC_GUARD_HZ;
    const colHarmonicDb = db(run.harmCol / run.fundCol);
    const secondHarmonicDb = rowHarmonicUsable ? Math.max(db(run.harmRow / run.fundRow), colHarmonicDb) : colHarmonicDb;
    let rejectReason: DtmfCandidate['rejectReason'];
    if (durationMs < this.o.minToneMs) rejectReason = 'too-short';
    else if (Math.abs(rowDeviation) > this.o.maxFrequencyDeviation || Math.abs(colDeviation) > this.o.maxFrequencyDeviation) rejectReason = 'frequency';
    else if (secondHarmonicDb > -this.o.maxSecondHarmonicDb) rejectReason = 'harmonics';
    const digit = DTMF_KEYS[run.row]![run.col]!;
    const det: DtmfDetection = { digit, startMs: Math.round(startMs * 10) / 10, durationMs: Math.round(durationMs * 10) / 10 };
    this.onCandidate?.({ ...det, accepted: !rejectReason, rejectReason, rowDeviation, colDeviation, secondHarmonicDb });
    if (!rejectReason) out.push(det);
  }
}
