/**
 * ASR on an offline (whole-utterance) sherpa-onnx recogniser, Moonshine, behind the streaming
 * `AsrEngine` interface the call pipeline uses. The model cannot decode as audio arrives, so each
 * stream runs its own VAD stream (the engine the process already has: Silero, or the energy
 * fallback) and decodes a speech segment as soon as the VAD closes it. The text so far comes out
 * as a partial; after `silenceAfterSpeechMs` of silence following the last segment it comes out as
 * the final result, like the streaming recogniser's endpoint. `finish()` decodes a segment still
 * open (the pipeline ended the turn first).
 *
 * Decoding is synchronous: it holds the event loop for RTF x segment length (Moonshine base on one
 * thread: about 0.3 x). bench:calls measures what that costs concurrent calls.
 */
import { TzError, createLogger, pcm16ToFloat32, resample, type AsrEngine, type AsrResult, type AsrStream, type AsrStreamOptions, type AudioFrame, type EndpointRules, type EngineCapabilities, type Logger, type VadEngine, type VadStream } from '@tingzhen/voice-core';
import { findModel, type CatalogueEntry } from './catalogue.js';
import { requireModelFiles } from './model-files.js';
import { sherpa, type SherpaOfflineRecognizer } from './sherpa.js';
import { DEFAULT_ENDPOINT } from './asr.js';

const MODEL_RATE = 16_000;
/** Audio kept before the VAD's segment start (its onset estimate is a window late), ms. */
const PREROLL_MS = 200;
/** Audio kept after the segment end, ms (word endings the VAD calls silence). */
const TAIL_MS = 100;
/** The segmenting VAD closes a segment after this much silence, ms (shorter than the pipeline's 300 ms, so the text is there when the pipeline's VAD reports the end of speech). */
const SEGMENT_SILENCE_MS = 250;
/** Shorter segments are clicks and breaths; Moonshine invents words for them, ms. */
const MIN_SEGMENT_MS = 120;

export interface OfflineAsrLoadOptions {
  modelsDir: string;
  /** The model cache, searched when the models directory lacks the model. */
  cacheDir?: string;
  model: string;
  /** Segments each stream's audio. */
  vad: VadEngine;
  endpoint?: Partial<EndpointRules>;
  numThreads?: number;
  logger?: Logger;
  /** Test seam: builds the native recogniser. */
  createRecognizer?: (config: Record<string, unknown>) => SherpaOfflineRecognizer;
}

/** sherpa OfflineRecognizer config for a catalogue entry whose files were checked. */
export function offlineAsrConfig(entry: CatalogueEntry, paths: Record<string, string>, numThreads = 1): Record<string, unknown> {
  if (entry.family !== 'moonshine') throw new TzError('TZ_ERR_CONFIG_INVALID', { model: entry.name, family: entry.family, fix: 'an offline asr entry of family moonshine' });
  return {
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: { moonshine: { encoder: paths.encoder ?? '', mergedDecoder: paths.mergedDecoder ?? '' }, tokens: paths.tokens ?? '', numThreads, provider: 'cpu', debug: 0 },
  };
}

export class OfflineAsrEngine implements AsrEngine {
  readonly capabilities: EngineCapabilities & { hotwords: boolean; confidence: boolean; streaming: false };
  private closed = false;

  private constructor(
    private readonly recognizer: SherpaOfflineRecognizer,
    private readonly entry: CatalogueEntry,
    private readonly vad: VadEngine,
    private readonly defaults: EndpointRules,
  ) {
    this.capabilities = { name: entry.name, languages: entry.languages, sampleRate: entry.sampleRate, hotwords: false, confidence: false, streaming: false };
  }

  static async load(opts: OfflineAsrLoadOptions): Promise<OfflineAsrEngine> {
    const entry = findModel(opts.model);
    if (!entry || entry.kind !== 'asr' || entry.streaming !== false) throw new TzError('TZ_ERR_CONFIG_INVALID', { model: opts.model, fix: 'name an offline asr entry of the model catalogue (`npx tingzhen models list`)' });
    const paths = requireModelFiles(opts.modelsDir, entry, opts.cacheDir);
    let recognizer: SherpaOfflineRecognizer;
    try {
      recognizer = (opts.createRecognizer ?? ((c) => new (sherpa().OfflineRecognizer)(c)))(offlineAsrConfig(entry, paths, opts.numThreads));
    } catch (err) {
      throw new TzError('TZ_ERR_MODEL_LOAD', { model: entry.name, fix: `re-download it: \`npx tingzhen models download ${entry.name}\`` }, { cause: err });
    }
    (opts.logger ?? createLogger({ name: 'speech' })).info({ model: entry.name, family: entry.family, vad: opts.vad.capabilities.name }, 'ASR loaded (offline, VAD-segmented)');
    return new OfflineAsrEngine(recognizer, entry, opts.vad, { ...DEFAULT_ENDPOINT, ...opts.endpoint });
  }

  stream(opts: AsrStreamOptions = {}): AsrStream {
    if (this.closed) throw new TzError('TZ_ERR_ENGINE', { engine: this.entry.name, problem: 'engine closed' }, { retryable: false });
    const lang = opts.language?.toLowerCase().split('-')[0];
    if (lang !== undefined && !this.entry.languages.includes(lang)) {
      throw new TzError('TZ_ERR_VALIDATION', { language: opts.language, model: this.entry.name, fix: `this model recognises ${this.entry.languages.join(', ')}` });
    }
    const s = new OfflineAsrStream(this.recognizer, this.vad.stream({ minSilenceMs: SEGMENT_SILENCE_MS, minSpeechMs: MIN_SEGMENT_MS }), { ...this.defaults, ...opts.endpoint });
    opts.signal?.addEventListener('abort', () => s.close(), { once: true });
    return s;
  }

  close(): void {
    this.closed = true;
  }
}

class OfflineAsrStream implements AsrStream {
  /** Caller audio not yet decoded (trimmed to the pre-roll while nobody speaks). */
  private frames: AudioFrame[] = [];
  private texts: string[] = [];
  private inSpeech = false;
  private segStartMs = 0;
  private uttStartMs: number | null = null;
  private lastEndMs = 0;
  private fedMs = 0;
  /** Audio before this (a reset) belongs to an earlier turn. */
  private floorMs = -Infinity;
  private closed = false;

  constructor(private readonly rec: SherpaOfflineRecognizer, private readonly vad: VadStream, private rules: EndpointRules) {}

  push(frame: AudioFrame): AsrResult[] {
    if (this.closed) return [];
    this.fedMs = frame.startMs + (frame.samples.length * 1000) / frame.sampleRate;
    this.frames.push(frame);
    const out: AsrResult[] = [];
    for (const ev of this.vad.push(frame)) {
      if (ev.type === 'speech-start') {
        this.inSpeech = true;
        this.segStartMs = Math.max(ev.startMs, this.floorMs);
        this.uttStartMs ??= this.segStartMs;
      } else {
        this.inSpeech = false;
        if (this.decodeSegment(Math.max(ev.startMs, this.floorMs), ev.endMs)) out.push(this.result(false));
      }
    }
    if (this.inSpeech && this.fedMs - (this.uttStartMs ?? this.segStartMs) >= this.rules.maxUtteranceMs) {
      this.decodeSegment(this.segStartMs, this.fedMs);
      this.segStartMs = this.fedMs;
      const r = this.texts.length > 0 ? this.result(true) : null;
      this.resetUtterance();
      return r ? [r] : [];
    }
    if (!this.inSpeech && this.texts.length > 0 && this.fedMs - this.lastEndMs >= this.rules.silenceAfterSpeechMs) {
      out.push(this.result(true));
      this.resetUtterance();
    }
    if (!this.inSpeech) this.trim(this.fedMs - PREROLL_MS);
    return out;
  }

  /** Decodes the audio of [startMs, endMs] (with pre-roll and tail); true when it said something. */
  private decodeSegment(startMs: number, endMs: number): boolean {
    const from = Math.max(startMs - PREROLL_MS, this.floorMs);
    const to = endMs + TAIL_MS;
    const parts = this.frames.filter((f) => f.startMs + (f.samples.length * 1000) / f.sampleRate > from && f.startMs < to);
    this.trim(endMs);
    if (parts.length === 0 || endMs - startMs < MIN_SEGMENT_MS) return false;
    const rate = parts[0]!.sampleRate;
    const n = parts.reduce((a, f) => a + f.samples.length, 0);
    const pcm = new Int16Array(n);
    let off = 0;
    for (const f of parts) { pcm.set(f.samples, off); off += f.samples.length; }
    const stream = this.rec.createStream();
    // Resampled here, once per segment: sherpa would build (and log) a resampler per stream.
    stream.acceptWaveform({ samples: pcm16ToFloat32(rate === MODEL_RATE ? pcm : resample(pcm, rate, MODEL_RATE)), sampleRate: MODEL_RATE });
    this.rec.decode(stream);
    const text = this.rec.getResult(stream).text.trim();
    if (text === '') return false;
    this.texts.push(text);
    this.uttStartMs ??= startMs;
    this.lastEndMs = endMs;
    return true;
  }

  /** Drops frames that end before `ms`. */
  private trim(ms: number): void {
    let i = 0;
    while (i < this.frames.length && this.frames[i]!.startMs + (this.frames[i]!.samples.length * 1000) / this.frames[i]!.sampleRate < ms) i++;
    if (i > 0) this.frames.splice(0, i);
  }

  private result(isFinal: boolean): AsrResult {
    return { text: this.texts.join(' '), isFinal, startMs: this.uttStartMs ?? this.lastEndMs, endMs: this.lastEndMs };
  }

  private resetUtterance(): void {
    this.texts = [];
    this.uttStartMs = this.inSpeech ? this.segStartMs : null;
  }

  setEndpoint(rules: Partial<EndpointRules>): void {
    this.rules = { ...this.rules, ...rules };
  }

  finish(): AsrResult | null {
    if (this.closed) return null;
    if (this.inSpeech) {
      this.decodeSegment(this.segStartMs, this.fedMs);
      this.segStartMs = this.fedMs;
    }
    const r = this.texts.length > 0 ? this.result(true) : null;
    this.resetUtterance();
    return r;
  }

  reset(): void {
    if (this.closed) return;
    this.texts = [];
    this.uttStartMs = null;
    this.floorMs = this.fedMs;
    this.segStartMs = this.fedMs;
    this.trim(this.fedMs);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.frames = [];
    this.vad.close();
  }
}
