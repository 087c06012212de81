/**
 * Answering-machine detection (AMD) for the first seconds of an answered outbound call, in the
 * spirit of Asterisk app_amd, on the pipeline's own VAD (Silero) instead of an energy threshold.
 *
 * `AmdDetector` is the pure core: fed the leg's frames and the VAD events each frame completed,
 * it decides on the media clock (no timers):
 *   - nobody speaks for `initialSilenceMs`            -> 'uncertain' (a callee who waits silently
 *     for an unknown caller is common in China: never a machine);
 *   - a short greeting ("喂?", "hello", "喂你好哪位"), then `afterGreetingSilenceMs` of silence
 *                                                    -> 'human';
 *   - a greeting longer than `maxGreetingMs` without such a pause, or `machineWords` words
 *     (VAD segments) in a row                         -> 'machine';
 *   - speech, then a beep                             -> 'machine';
 *   - still undecided at `totalAnalysisMs`            -> 'uncertain'.
 * Fail-safe: 'uncertain' is treated as a person (the script runs); only a confident 'machine'
 * gets the voicemail. After 'machine' it keeps listening for the end of the machine's greeting:
 * the end of its beep, or `machineEndSilenceMs` of silence, or `maxMachineGreetingMs` at most.
 *
 * `BeepDetector` finds a voicemail beep: a steady pure tone (one frequency in `minHz..maxHz`
 * holding most of the frame's energy, frame after frame) of at least `minToneMs`, with a
 * Goertzel bank (voice-core) every `stepHz`.
 *
 * `LegAudio` takes a leg's audio iterator once, so a detector can read the first frames and the
 * call pipeline go on with the rest of the same stream; `runAmd` drives the detector over it with
 * a wall-clock backstop (a leg that sends no media at all still gets a verdict).
 */
import { GoertzelBank, type AmdVerdict, type AudioFrame, type VadEvent, type VadStream } from '@tingzhen/voice-core';

/** The verdict is the shared contract's (voice-core contracts/call-report.ts). */
export type { AmdVerdict } from '@tingzhen/voice-core';
export type AmdReason = 'initial-silence' | 'short-greeting' | 'long-greeting' | 'many-words' | 'beep' | 'max-time' | 'no-media' | 'hangup';

export interface BeepOptions {
  /** Lowest and highest beep frequency, Hz (voicemail beeps are 400-2000 Hz, mostly ~1 kHz). */
  minHz: number;
  maxHz: number;
  /** Goertzel bank spacing, Hz (a 20 ms frame resolves ~50 Hz; 25 Hz keeps the off-bin loss under 1 dB). */
  stepHz: number;
  /** Shortest beep, ms (counted with the partial frames at both ends). */
  minToneMs: number;
  /** Quietest beep, dBFS. */
  minLevelDbfs: number;
  /** Share of the frame's energy in the one tone (speech spreads it over harmonics), 0..1. */
  minPurity: number;
  /** Largest frequency change from one frame to the next within one beep, Hz. */
  maxDriftHz: number;
}

export interface AmdOptions {
  /** No speech at all this long after the answer: 'uncertain', ms. */
  initialSilenceMs: number;
  /** A greeting (first word to last, pauses shorter than afterGreetingSilenceMs included) longer than this: 'machine', ms. */
  maxGreetingMs: number;
  /** Silence after speech that ends a greeting; a short greeting followed by it is 'human', ms. */
  afterGreetingSilenceMs: number;
  /** This many words (VAD segments) in one greeting: 'machine'. */
  machineWords: number;
  /** VAD segments shorter than this are a click or a breath, not a word, ms. */
  minWordMs: number;
  /** Analysis ends here: 'uncertain', ms. */
  totalAnalysisMs: number;
  /** After 'machine': silence that ends its greeting when no beep came, ms. */
  machineEndSilenceMs: number;
  /** After 'machine': the longest we wait for its greeting to end, from the verdict, ms. */
  maxMachineGreetingMs: number;
  beep: BeepOptions;
}

export const DEFAULT_BEEP: Readonly<BeepOptions> = { minHz: 400, maxHz: 2000, stepHz: 25, minToneMs: 200, minLevelDbfs: -45, minPurity: 0.6, maxDriftHz: 30 };

export const DEFAULT_AMD: Readonly<AmdOptions> = {
  initialSilenceMs: 2500, maxGreetingMs: 2500, afterGreetingSilenceMs: 800, machineWords: 4, minWordMs: 100,
  totalAnalysisMs: 5000, machineEndSilenceMs: 1000, maxMachineGreetingMs: 20_000, beep: DEFAULT_BEEP,
};

export interface AmdDecision {
  verdict: AmdVerdict;
  reason: AmdReason;
  /** Media time since the first analysed frame when it was decided, ms. */
  decidedAfterMs: number;
  /** The greeting heard: from its first word to its last (or to the decision), ms; 0 when none. */
  greetingMs: number;
  words: number;
}

export interface Beep {
  /** Media clock of the leg, ms. */
  startMs: number;
  endMs: number;
  hz: number;
}

export type AmdEvent =
  | { type: 'decision'; decision: AmdDecision }
  | { type: 'beep'; beep: Beep }
  /** After 'machine': its greeting is over (leave the message now). */
  | { type: 'greeting-end'; via: 'beep' | 'silence' | 'cap'; atMs: number };

/** Steady pure tone detector, one 20 ms frame (any length) at a time. */
export class BeepDetector {
  private readonly o: BeepOptions;
  private bank: GoertzelBank | null = null;
  private rate = 0;
  private re = new Float64Array(0);
  private im = new Float64Array(0);
  private run: { startMs: number; frames: number; frameMs: number; hz: number; sumHz: number } | null = null;
  private n0 = 0;

  constructor(opts: Partial<BeepOptions> = {}) {
    this.o = { ...DEFAULT_BEEP, ...opts };
  }

  /** True while a tone is going on that is already long enough to be a beep. */
  get toneOn(): boolean {
    return this.run !== null && this.durationMs(this.run) >= this.o.minToneMs;
  }

  private durationMs(r: { frames: number; frameMs: number }): number {
    // The tone's first and last frames are partial and fail the purity test: count one frame for them.
    return (r.frames + 1) * r.frameMs;
  }

  /** Feed one frame; returns the beep that ended with it, if any. */
  push(frame: AudioFrame): Beep | null {
    const n = frame.samples.length;
    if (n === 0) return null;
    if (frame.sampleRate !== this.rate) {
      this.rate = frame.sampleRate;
      const freqs: number[] = [];
      for (let f = this.o.minHz; f <= Math.min(this.o.maxHz, frame.sampleRate / 2 - this.o.stepHz); f += this.o.stepHz) freqs.push(f);
      this.bank = new GoertzelBank(freqs, frame.sampleRate);
      this.re = new Float64Array(freqs.length);
      this.im = new Float64Array(freqs.length);
    }
    const frameMs = (n * 1000) / frame.sampleRate;
    const x = new Float64Array(n);
    let sq = 0;
    for (let i = 0; i < n; i++) { const v = frame.samples[i]! / 32768; x[i] = v; sq += v * v; }
    const meanSq = sq / n;
    this.bank!.analyse(x, this.n0, this.re, this.im);
    this.n0 += n;
    let best = -1;
    let bestP = 0;
    for (let k = 0; k < this.re.length; k++) {
      const p = this.re[k]! * this.re[k]! + this.im[k]! * this.im[k]!;
      if (p > bestP) { bestP = p; best = k; }
    }
    // A sine of amplitude A on a bin gives |X| = A n / 2: its power A^2 / 2 = 2 |X|^2 / n^2.
    const toneP = (2 * bestP) / (n * n);
    // meanSq of a full-scale sine is 0.5 (-3 dBFS as RMS re full scale): dBFS as the codebase reads rmsDbfs.
    const levelDb = 10 * Math.log10(meanSq + 1e-12);
    const hz = best >= 0 ? this.bank!.freqsHz[best]! : 0;
    const tonal = best >= 0 && levelDb >= this.o.minLevelDbfs && toneP / (meanSq + 1e-12) >= this.o.minPurity;
    const r = this.run;
    if (tonal && r && Math.abs(hz - r.hz) <= this.o.maxDriftHz) {
      r.frames++;
      r.hz = hz;
      r.sumHz += hz;
      return null;
    }
    let ended: Beep | null = null;
    if (r && this.durationMs(r) >= this.o.minToneMs) {
      ended = { startMs: Math.round(r.startMs - r.frameMs / 2), endMs: Math.round(frame.startMs + frameMs / 2), hz: Math.round(r.sumHz / r.frames) };
    }
    this.run = tonal ? { startMs: frame.startMs, frames: 1, frameMs, hz, sumHz: hz } : null;
    return ended;
  }
}

/**
 * The decision core. Feed every frame with the VAD events it completed (`vad.push(frame)`), in
 * order; it returns the events of that frame: one 'decision', beeps, and after a 'machine' one
 * 'greeting-end'. Times are the leg's media clock.
 */
export class AmdDetector {
  readonly opts: AmdOptions;
  private readonly beeps: BeepDetector;
  private originMs: number | null = null;
  private nowMs = 0;
  private openStartMs: number | null = null;
  private greetingStartMs: number | null = null;
  private lastSpeechEndMs: number | null = null;
  private words = 0;
  private decision: AmdDecision | null = null;
  private decidedAtMs = 0;
  private greetingEnded = false;
  private beepSeen: Beep | null = null;

  constructor(opts: Partial<Omit<AmdOptions, 'beep'>> & { beep?: Partial<BeepOptions> } = {}) {
    this.opts = { ...DEFAULT_AMD, ...opts, beep: { ...DEFAULT_BEEP, ...opts.beep } };
    this.beeps = new BeepDetector(this.opts.beep);
  }

  get result(): AmdDecision | null { return this.decision; }
  /** The first beep heard, if any. */
  get beep(): Beep | null { return this.beepSeen; }
  /** Media time analysed so far, ms. */
  get elapsedMs(): number { return this.originMs === null ? 0 : this.nowMs - this.originMs; }
  /** True once there is nothing more to learn (a human/uncertain decision, or a machine's greeting ended). */
  get done(): boolean { return this.decision !== null && (this.decision.verdict !== 'machine' || this.greetingEnded); }

  push(frame: AudioFrame, vadEvents: readonly VadEvent[]): AmdEvent[] {
    const out: AmdEvent[] = [];
    if (this.done) return out;
    this.originMs ??= frame.startMs;
    this.nowMs = frame.startMs + (frame.samples.length * 1000) / frame.sampleRate;
    for (const ev of vadEvents) {
      if (ev.type === 'speech-start') {
        this.openStartMs = ev.startMs;
      } else {
        this.openStartMs = null;
        if (ev.endMs - ev.startMs < this.opts.minWordMs) continue; // a click, not a word
        this.words++;
        this.greetingStartMs ??= ev.startMs;
        this.lastSpeechEndMs = ev.endMs;
      }
    }
    const beep = this.beeps.push(frame);
    if (beep) {
      this.beepSeen ??= beep;
      out.push({ type: 'beep', beep });
    }
    if (this.decision === null) {
      const d = this.decide(beep);
      if (d) {
        this.decision = d;
        this.decidedAtMs = this.nowMs;
        out.push({ type: 'decision', decision: d });
      }
    }
    if (this.decision?.verdict === 'machine' && !this.greetingEnded) {
      const end = this.machineGreetingEnd(beep);
      if (end) {
        this.greetingEnded = true;
        out.push({ type: 'greeting-end', via: end, atMs: this.nowMs });
      }
    }
    return out;
  }

  /** The audio ended (hang-up) before a decision: nothing was decided about anyone. */
  hangup(): AmdDecision {
    this.decision ??= this.make('uncertain', 'hangup');
    return this.decision;
  }

  /** Nothing came for so long on the wall clock that media time cannot decide (no RTP at all). */
  noMedia(): AmdDecision {
    this.decision ??= this.make('uncertain', 'no-media');
    return this.decision;
  }

  private make(verdict: AmdVerdict, reason: AmdReason): AmdDecision {
    const start = this.greetingStartMs ?? this.openStartMs;
    const end = this.openStartMs !== null ? this.nowMs : this.lastSpeechEndMs;
    const greetingMs = start === null || end === null ? 0 : Math.max(0, Math.round(end - start));
    const openWord = this.openStartMs !== null && this.nowMs - this.openStartMs >= this.opts.minWordMs;
    return { verdict, reason, decidedAfterMs: Math.round(this.elapsedMs), greetingMs, words: this.words + (openWord ? 1 : 0) };
  }

  private decide(beep: Beep | null): AmdDecision | null {
    const o = this.opts;
    const open = this.openStartMs !== null;
    const openWord = open && this.nowMs - this.openStartMs! >= o.minWordMs;
    const heard = this.words > 0 || openWord;
    if (heard) {
      if (beep) return this.make('machine', 'beep');
      const start = this.greetingStartMs ?? this.openStartMs!;
      const end = open ? this.nowMs : this.lastSpeechEndMs!;
      if (end - start > o.maxGreetingMs) return this.make('machine', 'long-greeting');
      if (this.words + (openWord ? 1 : 0) >= o.machineWords) return this.make('machine', 'many-words');
      if (!open && this.words > 0 && this.nowMs - this.lastSpeechEndMs! >= o.afterGreetingSilenceMs) return this.make('human', 'short-greeting');
    } else if (!open && this.elapsedMs >= o.initialSilenceMs) {
      return this.make('uncertain', 'initial-silence');
    }
    if (this.elapsedMs >= o.totalAnalysisMs) return this.make('uncertain', 'max-time');
    return null;
  }

  private machineGreetingEnd(beep: Beep | null): 'beep' | 'silence' | 'cap' | null {
    if (beep) return 'beep';
    if (this.nowMs - this.decidedAtMs >= this.opts.maxMachineGreetingMs) return 'cap';
    if (this.openStartMs !== null || this.beeps.toneOn) return null;
    const quietSince = this.lastSpeechEndMs ?? this.decidedAtMs;
    return this.nowMs - quietSince >= this.opts.machineEndSilenceMs ? 'silence' : null;
  }
}

/**
 * A leg's caller audio, its iterator taken once: read frames with a wall-clock limit (a frame
 * still in flight when the limit hits is kept, not lost), then hand the rest of the same stream on.
 */
export class LegAudio {
  private readonly it: AsyncIterator<AudioFrame>;
  private pending: Promise<IteratorResult<AudioFrame>> | null = null;
  private finished = false;

  constructor(source: AsyncIterable<AudioFrame>) {
    this.it = source[Symbol.asyncIterator]();
  }

  get ended(): boolean { return this.finished; }

  /** The next frame, null when the audio ended, 'timeout' when none came within timeoutMs (wall clock). */
  async next(timeoutMs: number): Promise<AudioFrame | null | 'timeout'> {
    if (this.finished) return null;
    const p = this.pending ?? this.it.next();
    this.pending = p;
    let timer: NodeJS.Timeout | undefined;
    const r = await Promise.race([p, new Promise<'timeout'>((res) => { timer = setTimeout(() => res('timeout'), Math.max(0, timeoutMs)); })]);
    clearTimeout(timer);
    if (r === 'timeout') return 'timeout';
    this.pending = null;
    if (r.done) { this.finished = true; return null; }
    return r.value;
  }

  /**
   * The rest of the stream, once, with frame times moved back by `shiftMs` (the pipeline's media
   * clock then starts where it takes over, so its recording and transcript times line up).
   */
  rest(shiftMs = 0): AsyncIterable<AudioFrame> {
    const next = async (): Promise<IteratorResult<AudioFrame>> => {
      if (this.finished) return { done: true, value: undefined };
      const p = this.pending ?? this.it.next();
      this.pending = null;
      const r = await p;
      if (r.done) { this.finished = true; return r; }
      return { done: false, value: shiftMs === 0 ? r.value : { ...r.value, startMs: r.value.startMs - shiftMs } };
    };
    const stop = async (): Promise<IteratorResult<AudioFrame>> => {
      this.finished = true;
      await this.it.return?.();
      return { done: true, value: undefined };
    };
    return { [Symbol.asyncIterator]: () => ({ next, return: stop }) };
  }
}

export interface AmdRun {
  decision: AmdDecision;
  beep: Beep | null;
  /** After 'machine': how its greeting ended (null: the audio ended first). */
  greetingEnd: Extract<AmdEvent, { type: 'greeting-end' }> | null;
  /** Every frame read, in order (the recording keeps them). */
  frames: AudioFrame[];
  /** Media clock of the end of the last frame read, ms (null: none read). */
  endMs: number | null;
}

/**
 * Reads the leg's audio through the VAD into the detector until it is done: a human/uncertain
 * decision, or a machine whose greeting ended, or the audio ended. Wall-clock backstop: with no
 * frame at all for initialSilenceMs (+ slack) before any speech, or no decision by
 * totalAnalysisMs (+ slack), the verdict is 'uncertain' (no RTP from the callee must not hold the call).
 * With `keepListening` false it stops at the decision even for a machine.
 */
export async function runAmd(audio: LegAudio, vad: VadStream, detector: AmdDetector, opts: { keepListening?: boolean; now?: () => number; wallSlackMs?: number } = {}): Promise<AmdRun> {
  const now = opts.now ?? (() => performance.now());
  const slack = opts.wallSlackMs ?? 500;
  const o = detector.opts;
  const t0 = now();
  const frames: AudioFrame[] = [];
  let endMs: number | null = null;
  let greetingEnd: AmdRun['greetingEnd'] = null;
  for (;;) {
    if (detector.done || (detector.result && opts.keepListening === false)) break;
    const decided = detector.result !== null;
    // Until a decision: the media rules' limits plus slack. After 'machine' the media clock caps the
    // greeting; a gap in the frames as long as the end-of-greeting silence ends it too.
    const wait = decided
      ? o.machineEndSilenceMs + slack
      : t0 + (frames.length === 0 ? o.initialSilenceMs : o.totalAnalysisMs) + slack - now();
    const f = await audio.next(wait);
    if (f === null) { detector.hangup(); break; }
    if (f === 'timeout') {
      if (!decided) { detector.noMedia(); continue; }
      greetingEnd = { type: 'greeting-end', via: 'silence', atMs: endMs ?? 0 }; // a machine that sends no more media
      break;
    }
    frames.push(f);
    endMs = f.startMs + (f.samples.length * 1000) / f.sampleRate;
    for (const ev of detector.push(f, vad.push(f))) if (ev.type === 'greeting-end') greetingEnd = ev;
  }
  return { decision: detector.result!, beep: detector.beep, greetingEnd, frames, endMs };
}
