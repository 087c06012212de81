/**
 * Neural TTS on sherpa-onnx OfflineTts (VITS, Matcha, Kokoro). Loaded once per process; prompts
 * are split into sentences and each sentence is generated with `generateAsync`, whose progress
 * callback hands out audio while the sentence is still being produced: the first frames leave
 * before the prompt is finished. Output is resampled to the leg rate in 20 ms frames.
 * Generation is serialised per engine (one native instance; concurrent use is not documented as
 * safe), sentence by sentence, so calls interleave at sentence boundaries.
 */
import { TzError, createLogger, type AudioFrame, type EngineCapabilities, type Logger, type TtsEngine, type TtsRequest } from '@tingzhen/voice-core';
import { findModel, type CatalogueEntry } from './catalogue.js';
import { requireModelFiles } from './model-files.js';
import { splitSentences } from './sentences.js';
import { sherpa, type SherpaOfflineTts } from './sherpa.js';
import { AsyncQueue, FrameChunker } from './tts-frames.js';

/** A voice of a TTS model (see @tingzhen/tts-voices). */
export interface TtsVoiceSpec {
  id: string;
  language: string;
  /** Speaker id for multi-speaker models. */
  speakerId: number;
  /** Default speed for this voice, 1.0 = normal. */
  speed?: number;
}

export interface SherpaTtsLoadOptions {
  modelsDir: string;
  /** The model cache, searched when the models directory lacks the model. */
  cacheDir?: string;
  model: string;
  voices?: readonly TtsVoiceSpec[];
  numThreads?: number;
  logger?: Logger;
  /** Test seam: builds the native OfflineTts (defaults to sherpa-onnx's createAsync). */
  createTts?: (config: Record<string, unknown>) => Promise<SherpaOfflineTts>;
}

/** sherpa OfflineTts config for a catalogue entry whose files were checked. */
export function ttsConfig(entry: CatalogueEntry, paths: Record<string, string>, numThreads = 1): Record<string, unknown> {
  const p = (role: string) => paths[role] ?? '';
  let model: Record<string, unknown>;
  switch (entry.family) {
    case 'vits':
      model = { vits: { model: p('model'), lexicon: p('lexicon'), tokens: p('tokens'), dataDir: p('dataDir') } };
      break;
    case 'matcha':
      model = { matcha: { acousticModel: p('acousticModel'), vocoder: p('vocoder'), lexicon: p('lexicon'), tokens: p('tokens'), dataDir: p('dataDir') } };
      break;
    case 'kokoro':
      model = { kokoro: { model: p('model'), voices: p('voices'), tokens: p('tokens'), dataDir: p('dataDir'), lexicon: [p('lexiconEn'), p('lexiconZh')].filter(Boolean).join(',') } };
      break;
    default:
      throw new TzError('TZ_ERR_CONFIG_INVALID', { model: entry.name, family: entry.family, fix: 'a tts entry of family vits, matcha or kokoro' });
  }
  return {
    model: { ...model, numThreads, provider: 'cpu', debug: 0 },
    ruleFsts: (entry.ruleFsts ?? []).map(p).join(','),
    ruleFars: (entry.ruleFars ?? []).map(p).join(','),
    maxNumSentences: 1,
  };
}

export class SherpaTtsEngine implements TtsEngine {
  readonly capabilities: EngineCapabilities;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly tts: SherpaOfflineTts,
    private readonly entry: CatalogueEntry,
    private readonly voices: readonly TtsVoiceSpec[],
  ) {
    this.capabilities = { name: entry.name, languages: entry.languages, sampleRate: tts.sampleRate };
  }

  static async load(opts: SherpaTtsLoadOptions): Promise<SherpaTtsEngine> {
    const entry = findModel(opts.model);
    if (!entry || entry.kind !== 'tts') throw new TzError('TZ_ERR_CONFIG_INVALID', { model: opts.model, fix: 'name a tts entry of the model catalogue (`npx tingzhen models list`)' });
    const paths = requireModelFiles(opts.modelsDir, entry, opts.cacheDir);
    const config = ttsConfig(entry, paths, opts.numThreads ?? 1);
    let tts: SherpaOfflineTts;
    try {
      tts = await (opts.createTts ?? ((c) => sherpa().OfflineTts.createAsync(c)))(config);
    } catch (err) {
      throw new TzError('TZ_ERR_MODEL_LOAD', { model: entry.name, fix: `re-download it: \`npx tingzhen models download ${entry.name}\`` }, { cause: err });
    }
    (opts.logger ?? createLogger({ name: 'speech' })).info({ model: entry.name, sampleRate: tts.sampleRate, speakers: tts.numSpeakers }, 'TTS loaded');
    return new SherpaTtsEngine(tts, entry, opts.voices ?? []);
  }

  private pickVoice(req: TtsRequest): TtsVoiceSpec {
    const lang = req.language.toLowerCase().split('-')[0]!;
    if (!this.entry.languages.includes(lang)) {
      throw new TzError('TZ_ERR_VALIDATION', { language: req.language, model: this.entry.name, fix: `this model speaks ${this.entry.languages.join(', ')}` });
    }
    if (req.voice !== undefined) {
      const v = this.voices.find((x) => x.id === req.voice);
      if (!v) throw new TzError('TZ_ERR_VALIDATION', { voice: req.voice, fix: `one of ${this.voices.map((x) => x.id).join(', ') || '(no voices declared)'}` });
      return v;
    }
    return this.voices.find((x) => x.language === lang) ?? { id: 'default', language: lang, speakerId: 0 };
  }

  /** Runs `fn` after every earlier sentence of every call. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.then(() => undefined, () => undefined);
    return run;
  }

  /** Stops quietly (no more frames) when `req.signal` aborts. */
  async *synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    if (this.closed) throw new TzError('TZ_ERR_ENGINE', { engine: this.entry.name, problem: 'engine closed' }, { retryable: false });
    const voice = this.pickVoice(req);
    const speed = req.speed ?? voice.speed ?? 1;
    if (!(speed >= 0.5 && speed <= 2)) throw new TzError('TZ_ERR_VALIDATION', { speed, fix: 'speed between 0.5 and 2' });
    const chunker = new FrameChunker(req.sampleRate);
    const signal = req.signal;
    for (const sentence of splitSentences(req.text)) {
      if (signal?.aborted) return;
      const q = new AsyncQueue<Float32Array>();
      let chunks = 0;
      const generationConfig = new (this.sherpaGenerationConfig())({ sid: voice.speakerId, speed });
      this.serial(() => this.tts.generateAsync({
        text: sentence, enableExternalBuffer: false, generationConfig,
        onProgress: (info) => {
          if (signal?.aborted) { q.end(); return 0; }
          chunks++;
          q.push(new Float32Array(info.samples));
          return 1;
        },
      })).then((all) => {
        if (chunks === 0 && !signal?.aborted) q.push(all.samples);
        q.end();
      }, (err: unknown) => q.end(signal?.aborted ? undefined : new TzError('TZ_ERR_ENGINE', { engine: this.entry.name }, { cause: err })));
      for await (const samples of q) {
        if (signal?.aborted) return;
        for (const f of chunker.push(samples, this.tts.sampleRate)) yield f;
      }
    }
    if (signal?.aborted) return;
    for (const f of chunker.end()) yield f;
  }

  private sherpaGenerationConfig(): new (o: Record<string, unknown>) => Record<string, unknown> {
    return this.generationConfigCtor ??= resolveGenerationConfig();
  }

  private generationConfigCtor: (new (o: Record<string, unknown>) => Record<string, unknown>) | undefined;

  close(): void {
    this.closed = true;
  }
}

/** sherpa's GenerationConfig is a plain holder; fall back to a plain object if the addon is absent (fakes). */
function resolveGenerationConfig(): new (o: Record<string, unknown>) => Record<string, unknown> {
  try {
    return sherpa().GenerationConfig;
  } catch {
    return class { constructor(o: Record<string, unknown>) { Object.assign(this, o); } } as new (o: Record<string, unknown>) => Record<string, unknown>;
  }
}
