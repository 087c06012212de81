/**
 * LoopbackCallLeg: a CallLeg with no network, the test harness for everything above the legs.
 *
 * The caller side is a script: feedWav / feedSamples / feedSilence / feedFrames / feedDtmf /
 * feedHangup queue items in media order. The leg moves one media clock in steps of `frameMs`;
 * each step delivers one input frame on `audioIn` and plays out one frame of whatever `play()`
 * queued, which is recorded (`played`, `log`) with its media timestamp.
 *
 * Pacing:
 * - fast (default): the clock advances when `audioIn` is read (or `advance()` is called), as
 *   fast as the consumer goes. While input is exhausted but playout is pending, silence frames
 *   keep the clock going; otherwise reading waits for more input, a play() or a hang-up. Playout
 *   waits for the play source (a slow TTS does not create gaps), so results are deterministic.
 * - realtime: a timer advances the clock every `frameMs` of wall time; frames queue up for the
 *   reader like packets from a network; silence fills gaps in input (`fillSilence`).
 *
 * play() resolves when its audio has been played out, also when clearPlayout() dropped it (the
 * cut is in `log`); it rejects when its signal aborts or the leg closes. Marks (`mark(name)`)
 * sit in the playout queue and fire the 'mark' event when reached; clearPlayout() drops them.
 * State machine: the one in call-leg.ts (connecting -> active -> closing -> closed).
 */
import { EventEmitter } from 'node:events';
import type { AudioFrame } from '../audio/frame.js';
import { Resampler, resample } from '../audio/resample.js';
import { readWav } from '../audio/wav.js';
import { assertLegTransition, type CallLeg, type CallLegInfo, type CallLegState, type DtmfEvent, type HangupReason } from '../call-leg.js';
import { generateDtmf } from '../dtmf/tones.js';
import { TzError } from '../errors.js';

export interface LoopbackCallLegOptions {
  /** Leg rate, Hz. Default 8000. */
  sampleRate?: number;
  /** Default 20 ms. */
  frameMs?: number;
  /** Pace in wall-clock time. Default false. */
  realtime?: boolean;
  /** Produce silence when no input is queued. Default: same as realtime. */
  fillSilence?: boolean;
  info?: Partial<CallLegInfo>;
  /** Go active right after construction (on the next microtask). Default true. */
  autoAnswer?: boolean;
}

export interface PlayedFrame {
  startMs: number;
  samples: Int16Array;
}

export type LegLogEntry =
  | { type: 'state'; state: CallLegState; atMs: number }
  | { type: 'play-start'; atMs: number }
  | { type: 'play-end'; atMs: number }
  | { type: 'mark'; name: string; atMs: number }
  | { type: 'cleared'; atMs: number; droppedItems: number }
  | { type: 'dtmf'; digit: string; atMs: number }
  | { type: 'hangup'; reason: HangupReason; atMs: number; by: 'local' | 'remote' };

type InputItem =
  | { kind: 'audio'; samples: Int16Array; offset: number }
  | { kind: 'dtmf'; digit: string; durationMs: number }
  | { kind: 'hangup' };

interface PlayJob {
  kind: 'play';
  it: AsyncIterator<AudioFrame> | Iterator<AudioFrame>;
  buf: Int16Array;
  offset: number;
  done: boolean;
  started: boolean;
  finished: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
  cleanup: () => void;
}
type PlayItem = PlayJob | { kind: 'mark'; name: string };

export class LoopbackCallLeg extends EventEmitter implements CallLeg {
  readonly info: CallLegInfo;
  readonly sampleRate: number;
  readonly frameMs: number;
  readonly realtime: boolean;
  readonly fillSilence: boolean;
  /** Every frame played to the leg, with its media time. */
  readonly played: PlayedFrame[] = [];
  readonly log: LegLogEntry[] = [];
  hangupReason: HangupReason | null = null;

  private _state: CallLegState = 'connecting';
  private readonly input: InputItem[] = [];
  private readonly playout: PlayItem[] = [];
  private frameIndex = 0;
  private readonly samplesPerFrame: number;
  private ticking: Promise<AudioFrame | null> = Promise.resolve(null);
  private waiters: (() => void)[] = [];
  private version = 0;
  private iterating = false;
  /** realtime: frames waiting for the reader. */
  private readonly delivered: AudioFrame[] = [];
  private timer: NodeJS.Timeout | null = null;
  private t0 = 0;

  constructor(opts: LoopbackCallLegOptions = {}) {
    super();
    this.sampleRate = opts.sampleRate ?? 8000;
    this.frameMs = opts.frameMs ?? 20;
    this.realtime = opts.realtime ?? false;
    this.fillSilence = opts.fillSilence ?? this.realtime;
    this.samplesPerFrame = Math.round((this.sampleRate * this.frameMs) / 1000);
    if (!Number.isInteger(this.sampleRate) || this.sampleRate < 8000 || this.samplesPerFrame < 1) {
      throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'bad leg rate or frame size', sampleRate: this.sampleRate, frameMs: this.frameMs });
    }
    this.info = { callId: `loopback-${Math.random().toString(36).slice(2, 10)}`, direction: 'inbound', ...opts.info };
    if (opts.autoAnswer ?? true) queueMicrotask(() => { if (this._state === 'connecting') this.answer(); });
  }

  get state(): CallLegState {
    return this._state;
  }

  /** Current media time, ms (start of the next frame). */
  get mediaMs(): number {
    return this.frameIndex * this.frameMs;
  }

  // ---- state machine ------------------------------------------------------------------------
  private transition(to: CallLegState): void {
    assertLegTransition(this._state, to);
    this._state = to;
    this.log.push({ type: 'state', state: to, atMs: this.mediaMs });
    this.emit('state', to);
    if (to === 'active' && this.realtime) this.startTimer();
    if (to === 'closed') this.shutdown();
    this.wake();
  }

  answer(): void {
    this.transition('active');
  }

  /** The call failed before media (connecting -> closed). */
  fail(): void {
    this.transition('closed');
  }

  async hangup(reason: HangupReason): Promise<void> {
    if (this._state === 'closed' || this._state === 'closing') return;
    this.hangupReason = reason;
    this.log.push({ type: 'hangup', reason, atMs: this.mediaMs, by: 'local' });
    if (this._state === 'active') this.transition('closing');
    this.transition('closed');
  }

  /** The far end hangs up now (active -> closed). */
  remoteHangup(): void {
    if (this._state === 'closed') return;
    this.hangupReason = 'remote';
    this.log.push({ type: 'hangup', reason: 'remote', atMs: this.mediaMs, by: 'remote' });
    this.transition('closed');
  }

  private shutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const err = new TzError('TZ_ERR_CALL_LEG', { reason: 'leg closed' });
    for (const item of this.playout.splice(0)) if (item.kind === 'play') this.settle(item, err);
  }

  // ---- caller side script -------------------------------------------------------------------
  feedSamples(samples: Int16Array, sampleRate = this.sampleRate): this {
    const s = sampleRate === this.sampleRate ? samples : resample(samples, sampleRate, this.sampleRate);
    this.input.push({ kind: 'audio', samples: s, offset: 0 });
    this.wake();
    return this;
  }

  /** Queue a WAV file (any rate, mono mixdown, resampled to the leg rate). */
  feedWav(buf: Buffer): this {
    const w = readWav(buf);
    return this.feedSamples(w.mono, w.sampleRate);
  }

  feedSilence(ms: number): this {
    return this.feedSamples(new Int16Array(Math.round((this.sampleRate * ms) / 1000)));
  }

  feedFrames(frames: Iterable<AudioFrame>): this {
    const r = new Map<number, Resampler>();
    for (const f of frames) {
      if (f.sampleRate === this.sampleRate) this.feedSamples(f.samples);
      else {
        if (!r.has(f.sampleRate)) r.set(f.sampleRate, new Resampler(f.sampleRate, this.sampleRate));
        this.feedSamples(r.get(f.sampleRate)!.push(f.samples));
      }
    }
    for (const rs of r.values()) this.feedSamples(rs.flush());
    return this;
  }

  /**
   * Queue a key press. Out-of-band (default): a 'dtmf' event (source rfc4733) when the clock
   * reaches it, plus `durationMs` of silence. In-band: the tones themselves, no event.
   */
  feedDtmf(digit: string, opts: { durationMs?: number; inband?: boolean; levelDbfs?: number } = {}): this {
    const durationMs = opts.durationMs ?? 100;
    if (opts.inband) {
      return this.feedSamples(generateDtmf(digit, { sampleRate: this.sampleRate, durationMs, levelDbfs: opts.levelDbfs ?? -10 }));
    }
    generateDtmf(digit, { sampleRate: 8000, durationMs: 0 }); // validates the digit
    this.input.push({ kind: 'dtmf', digit, durationMs });
    return this.feedSilence(durationMs);
  }

  /** Emit a DTMF event now, at the current media time. */
  injectDtmf(digit: string, source: DtmfEvent['source'] = 'rfc4733', durationMs?: number): void {
    const ev: DtmfEvent = { digit, atMs: this.mediaMs, source, ...(durationMs === undefined ? {} : { durationMs }) };
    this.log.push({ type: 'dtmf', digit, atMs: ev.atMs });
    this.emit('dtmf', ev);
  }

  /** The caller hangs up once the input queued before this is consumed. */
  feedHangup(): this {
    this.input.push({ kind: 'hangup' });
    this.wake();
    return this;
  }

  // ---- bot side -----------------------------------------------------------------------------
  play(frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>, signal?: AbortSignal): Promise<void> {
    if (this._state !== 'active') return Promise.reject(new TzError('TZ_ERR_CALL_LEG', { reason: 'leg not active', state: this._state }));
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const it = Symbol.asyncIterator in frames ? frames[Symbol.asyncIterator]() : frames[Symbol.iterator]();
      const onAbort = (): void => {
        const i = this.playout.indexOf(job);
        if (i >= 0) this.playout.splice(i, 1);
        this.settle(job, signal!.reason);
      };
      const job: PlayJob = {
        kind: 'play', it, buf: new Int16Array(0), offset: 0, done: false, started: false, finished: false, resolve, reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.playout.push(job);
      this.wake();
    });
  }

  /** Queue a named mark after what is queued now; 'mark' fires when playout reaches it. */
  mark(name: string): void {
    this.playout.push({ kind: 'mark', name });
    this.wake();
  }

  clearPlayout(): void {
    const dropped = this.playout.splice(0);
    this.log.push({ type: 'cleared', atMs: this.mediaMs, droppedItems: dropped.length });
    for (const item of dropped) if (item.kind === 'play') this.settle(item, null);
  }

  /** All audio played to the leg, concatenated. */
  playedSamples(): Int16Array {
    const out = new Int16Array(this.played.reduce((n, f) => n + f.samples.length, 0));
    let o = 0;
    for (const f of this.played) { out.set(f.samples, o); o += f.samples.length; }
    return out;
  }

  get isPlaying(): boolean {
    return this.playout.some((i) => i.kind === 'play');
  }

  private settle(job: PlayJob, err: unknown): void {
    if (job.finished) return;
    job.finished = true;
    job.cleanup();
    if (!job.done) {
      // Stop the producer (e.g. a TTS generator); its own errors no longer matter.
      Promise.resolve(job.it.return?.()).catch(() => undefined);
    }
    if (err === null) job.resolve();
    else job.reject(err);
  }

  // ---- the clock ----------------------------------------------------------------------------
  readonly audioIn: AsyncIterable<AudioFrame> = {
    [Symbol.asyncIterator]: () => {
      if (this.iterating) throw new TzError('TZ_ERR_CALL_LEG', { reason: 'audioIn is already being read' });
      this.iterating = true;
      return { next: () => this.nextIn(), return: async () => ({ done: true, value: undefined }) };
    },
  };

  /** Fast mode: advance the clock by `ms` (reading input frames), e.g. to let playout run. */
  async advance(ms: number): Promise<AudioFrame[]> {
    const out: AudioFrame[] = [];
    const end = this.mediaMs + ms;
    while (this.mediaMs < end && this._state !== 'closed') {
      const f = await this.step(true);
      if (!f) break;
      out.push(f);
    }
    return out;
  }

  private async nextIn(): Promise<IteratorResult<AudioFrame>> {
    for (;;) {
      // Anything that wakes us while we look (a feed, play, hang-up) must not be lost.
      const version = this.version;
      if (this.realtime) {
        const f = this.delivered.shift();
        if (f) return { done: false, value: f };
        if (this._state === 'closed') return { done: true, value: undefined };
      } else {
        if (this._state === 'closed') return { done: true, value: undefined };
        if (this._state === 'active') {
          const f = await this.step(false);
          if (f) return { done: false, value: f };
        }
      }
      if (version !== this.version) continue;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  private wake(): void {
    this.version++;
    const w = this.waiters.splice(0);
    for (const r of w) r();
  }

  private step(force: boolean): Promise<AudioFrame | null> {
    // Serialise ticks: playout may await a slow producer.
    const next = this.ticking.then(() => this.tick(force));
    this.ticking = next.catch(() => null);
    return next;
  }

  private hasInputAudio(): boolean {
    return this.input.length > 0;
  }

  /** One frame of media time. Returns the input frame, or null when nothing could advance. */
  private async tick(force: boolean): Promise<AudioFrame | null> {
    if (this._state !== 'active' && this._state !== 'closing') return null;
    const startMs = this.mediaMs;
    // Events queued at the head of input happen at this frame's start.
    while (this.input[0] && this.input[0].kind !== 'audio') {
      const item = this.input.shift()!;
      if (item.kind === 'dtmf') this.injectDtmf(item.digit, 'rfc4733', item.durationMs);
      else {
        this.remoteHangup();
        return null;
      }
    }
    const hadInput = this.hasInputAudio();
    const canRun = force || hadInput || this.isPlaying || this.fillSilence;
    if (!canRun) return null;
    const samples = new Int16Array(this.samplesPerFrame);
    let filled = 0;
    while (filled < samples.length && this.input[0]?.kind === 'audio') {
      const a = this.input[0];
      const n = Math.min(samples.length - filled, a.samples.length - a.offset);
      samples.set(a.samples.subarray(a.offset, a.offset + n), filled);
      filled += n;
      a.offset += n;
      if (a.offset >= a.samples.length) this.input.shift();
    }
    await this.playOneFrame(startMs);
    this.frameIndex++;
    const frame: AudioFrame = { samples, sampleRate: this.sampleRate, startMs };
    if (this.realtime && (hadInput || this.fillSilence)) {
      this.delivered.push(frame);
      this.wake();
    }
    return frame;
  }

  private async playOneFrame(startMs: number): Promise<void> {
    const out = new Int16Array(this.samplesPerFrame);
    let filled = 0;
    const msPerSample = 1000 / this.sampleRate;
    while (filled < out.length && this.playout.length > 0) {
      const head = this.playout[0]!;
      if (head.kind === 'mark') {
        this.playout.shift();
        const atMs = startMs + filled * msPerSample;
        this.log.push({ type: 'mark', name: head.name, atMs });
        this.emit('mark', head.name);
        continue;
      }
      if (!head.started) {
        head.started = true;
        this.log.push({ type: 'play-start', atMs: startMs + filled * msPerSample });
      }
      if (head.offset >= head.buf.length && !head.done) {
        let r: IteratorResult<AudioFrame>;
        try {
          r = await head.it.next();
        } catch (e) {
          if (this.playout[0] === head) this.playout.shift();
          this.settle(head, e);
          continue;
        }
        if (head.finished) continue; // cleared or aborted while we waited
        if (r.done) head.done = true;
        else if (r.value.sampleRate !== this.sampleRate) {
          this.playout.shift();
          this.settle(head, new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'played frame rate differs from leg rate', sampleRate: r.value.sampleRate, expected: this.sampleRate }));
          continue;
        } else {
          head.buf = r.value.samples;
          head.offset = 0;
        }
      }
      if (head.offset < head.buf.length) {
        const n = Math.min(out.length - filled, head.buf.length - head.offset);
        out.set(head.buf.subarray(head.offset, head.offset + n), filled);
        filled += n;
        head.offset += n;
      }
      if (head.done && head.offset >= head.buf.length) {
        this.playout.shift();
        this.log.push({ type: 'play-end', atMs: startMs + filled * msPerSample });
        this.settle(head, null);
      }
    }
    if (filled > 0) this.played.push({ startMs, samples: out.subarray(0, filled) });
  }

  private startTimer(): void {
    this.t0 = performance.now();
    const loop = (): void => {
      if (this._state === 'closed') return;
      // Wall time passes whether or not there is input: the clock always advances.
      this.step(true).catch(() => undefined).finally(() => {
        if (this._state === 'closed') return;
        // Drift-free schedule: the next frame is due at t0 + (frames + 1) * frameMs.
        const due = this.t0 + (this.frameIndex + 1) * this.frameMs;
        this.timer = setTimeout(loop, Math.max(0, due - performance.now()));
      });
    };
    this.timer = setTimeout(loop, this.frameMs);
  }
}
