/**
 * Silero VAD (v5) through sherpa-onnx. One sherpa `Vad` per stream (it is stateful), but building
 * one is NOT cheap: it creates an onnxruntime session, ~40-60 ms of blocked event loop and ~12 MB
 * (measured, 2-core VM). At 50 calls arriving within a second that blocking starved every other
 * call's playout (bench-calls: underruns from N=50). So detectors are pooled per option set:
 * a closed stream `reset()`s its detector (model state and buffer, <1 us) and returns it to the
 * pool; `prewarm(n)` builds them at start-up, spread over event-loop turns.
 * Phone audio (8 kHz) is upsampled to 16 kHz, the only rate sherpa's Silero accepts.
 * Timestamps are on the media clock: the first frame's `startMs` plus the samples fed since.
 */
import { TzError, createLogger, pcm16ToFloat32, type AudioFrame, type EngineCapabilities, type VadEngine, type VadEvent, type VadOptions, type VadStream, type Logger } from '@tingzhen/voice-core';
import { findModel, type CatalogueEntry } from './catalogue.js';
import { requireModelFiles } from './model-files.js';
import { StreamResampler } from './resample.js';
import { sherpa, type SherpaVad } from './sherpa.js';

const VAD_RATE = 16_000;
/** Silero v5/v6 at 16 kHz only accept 512-sample windows (32 ms). */
const WINDOW_SAMPLES = 512;
/** A segment longer than this is split (seconds); keeps sherpa's buffer bounded. */
const MAX_SPEECH_S = 20;
/** sherpa's circular buffer, seconds of 16 kHz audio. */
const BUFFER_S = 60;

export interface SileroVadLoadOptions {
  modelsDir: string;
  /** The model cache, searched when the models directory lacks the model. */
  cacheDir?: string;
  /** Catalogue entry name (default silero-vad-v5). */
  model?: string;
  /** Defaults for every stream. */
  defaults?: VadOptions;
  numThreads?: number;
  logger?: Logger;
  /** Most idle detectors kept per option set (default 128; each holds ~12 MB). */
  maxPooled?: number;
}

const DEFAULTS: Required<VadOptions> = { minSilenceMs: 300, minSpeechMs: 250, threshold: 0.5 };

export class SileroVadEngine implements VadEngine {
  readonly capabilities: EngineCapabilities;
  private closed = false;
  /** Idle detectors by option key. */
  private readonly pool = new Map<string, SherpaVad[]>();
  /** Detectors built so far (pool misses plus prewarm), for diagnostics and tests. */
  created = 0;

  private constructor(
    private readonly modelPath: string,
    private readonly defaults: Required<VadOptions>,
    private readonly numThreads: number,
    entry: CatalogueEntry,
    private readonly maxPooled: number,
  ) {
    this.capabilities = { name: entry.name, languages: ['*'], sampleRate: VAD_RATE };
  }

  static async load(opts: SileroVadLoadOptions): Promise<SileroVadEngine> {
    const entry = findModel(opts.model ?? 'silero-vad-v5');
    if (!entry || entry.kind !== 'vad') throw new TzError('TZ_ERR_CONFIG_INVALID', { model: opts.model, fix: 'name a vad entry of the model catalogue' });
    const { model } = requireModelFiles(opts.modelsDir, entry, opts.cacheDir);
    const engine = new SileroVadEngine(model!, { ...DEFAULTS, ...opts.defaults }, opts.numThreads ?? 1, entry, opts.maxPooled ?? 128);
    // Build one detector now so a model sherpa cannot load fails at start-up, not on the first call.
    engine.release(engine.key(engine.defaults), engine.makeVad(engine.defaults));
    (opts.logger ?? createLogger({ name: 'speech' })).info({ model: entry.name }, 'VAD loaded');
    return engine;
  }

  private key(o: Required<VadOptions>): string {
    return `${o.threshold}|${o.minSilenceMs}|${o.minSpeechMs}`;
  }

  private options(opts: VadOptions): Required<VadOptions> {
    const o = { ...this.defaults, ...opts };
    if (!(o.threshold > 0 && o.threshold < 1) || !(o.minSilenceMs > 0) || !(o.minSpeechMs > 0)) {
      throw new TzError('TZ_ERR_VALIDATION', { options: o, fix: 'threshold in (0,1), minSilenceMs and minSpeechMs > 0' });
    }
    return o;
  }

  /** Idle detectors ready for streams with these options. */
  pooled(opts: VadOptions = {}): number {
    return this.pool.get(this.key(this.options(opts)))?.length ?? 0;
  }

  /**
   * Build detectors ahead of the calls that will need them (expected concurrent calls), one per
   * event-loop turn so a running call's playout is delayed by at most one build.
   */
  async prewarm(count: number, opts: VadOptions = {}): Promise<void> {
    const o = this.options(opts);
    const k = this.key(o);
    const target = Math.min(count, this.maxPooled);
    while (!this.closed && (this.pool.get(k)?.length ?? 0) < target) {
      this.release(k, this.makeVad(o));
      await new Promise((r) => setImmediate(r));
    }
  }

  private acquire(o: Required<VadOptions>): { key: string; vad: SherpaVad } {
    const key = this.key(o);
    const vad = this.pool.get(key)?.pop() ?? this.makeVad(o);
    return { key, vad };
  }

  /** @internal A stream is done with its detector: clear its state and keep it for the next call. */
  release(key: string, vad: SherpaVad): void {
    if (this.closed) return;
    let idle = this.pool.get(key);
    if (!idle) this.pool.set(key, (idle = []));
    if (idle.length >= this.maxPooled) return; // dropped: the addon frees it when collected
    vad.reset();
    idle.push(vad);
  }

  /** @internal */
  makeVad(o: Required<VadOptions>): SherpaVad {
    this.created++;
    try {
      return new (sherpa().Vad)({
        sileroVad: {
          model: this.modelPath, threshold: o.threshold, minSilenceDuration: o.minSilenceMs / 1000,
          minSpeechDuration: o.minSpeechMs / 1000, maxSpeechDuration: MAX_SPEECH_S, windowSize: WINDOW_SAMPLES,
        },
        sampleRate: VAD_RATE, numThreads: this.numThreads, provider: 'cpu', debug: false,
      }, BUFFER_S);
    } catch (err) {
      throw new TzError('TZ_ERR_MODEL_LOAD', { file: this.modelPath, fix: 'run `npx tingzhen models download silero-vad-v5`' }, { cause: err });
    }
  }

  stream(opts: VadOptions = {}): VadStream {
    if (this.closed) throw new TzError('TZ_ERR_ENGINE', { engine: this.capabilities.name, problem: 'engine closed' }, { retryable: false });
    const o = this.options(opts);
    const { key, vad } = this.acquire(o);
    return new SileroVadStream(vad, o, () => this.release(key, vad));
  }

  close(): void {
    this.closed = true;
    this.pool.clear();
  }
}

class SileroVadStream implements VadStream {
  private resampler: StreamResampler | null = null;
  private inputRate = 0;
  private baseMs = 0;
  /** 16 kHz samples fed so far. */
  private fed = 0;
  private open = false;
  private openStartMs = 0;
  private closed = false;

  constructor(private readonly vad: SherpaVad, private readonly opts: Required<VadOptions>, private readonly onClose: () => void) {}

  get speaking(): boolean {
    return this.open;
  }

  private ms(samples16k: number): number {
    return this.baseMs + (samples16k * 1000) / VAD_RATE;
  }

  push(frame: AudioFrame): VadEvent[] {
    if (this.closed) return [];
    if (this.resampler === null) {
      this.inputRate = frame.sampleRate;
      this.baseMs = frame.startMs;
      this.resampler = new StreamResampler(frame.sampleRate, VAD_RATE);
    } else if (frame.sampleRate !== this.inputRate) {
      throw new TzError('TZ_ERR_AUDIO_FORMAT', { expectedRate: this.inputRate, gotRate: frame.sampleRate });
    }
    const samples = this.resampler.push(pcm16ToFloat32(frame.samples));
    if (samples.length === 0) return [];
    this.vad.acceptWaveform(samples);
    this.fed += samples.length;
    return this.collect();
  }

  private collect(detect = true): VadEvent[] {
    const events: VadEvent[] = [];
    while (!this.vad.isEmpty()) {
      const seg = this.vad.front(false);
      const startMs = this.ms(seg.start);
      if (!this.open) events.push({ type: 'speech-start', startMs });
      events.push({ type: 'speech-end', startMs, endMs: this.ms(seg.start + seg.samples.length) });
      this.vad.pop();
      this.open = false;
    }
    if (detect && !this.open && this.vad.isDetected()) {
      this.open = true;
      // sherpa reports detection once `minSpeechMs` of speech has been seen (plus one window).
      this.openStartMs = Math.max(this.baseMs, this.ms(this.fed) - this.opts.minSpeechMs - (WINDOW_SAMPLES * 1000) / VAD_RATE);
      events.push({ type: 'speech-start', startMs: this.openStartMs });
    }
    return events;
  }

  flush(): VadEvent[] {
    if (this.closed) return [];
    const tail = this.resampler?.flush();
    if (tail && tail.length > 0) {
      this.vad.acceptWaveform(tail);
      this.fed += tail.length;
    }
    this.vad.flush();
    const events = this.collect(false);
    if (this.open) events.push({ type: 'speech-end', startMs: this.openStartMs, endMs: this.ms(this.fed) });
    this.open = false;
    return events;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.onClose();
  }
}
