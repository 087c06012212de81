/**
 * Streaming ASR on sherpa-onnx OnlineRecognizer (transducer, zipformer2-CTC, paraformer).
 * One recognizer per process serves many per-call streams.
 *
 * Endpointing is done here, not by sherpa: sherpa's endpoint rules live in the recognizer config
 * (one per process) and default to 1.2 s of trailing silence after speech, far too long for a
 * conversation. We read sherpa's `num_trailing_blanks` (decoder output frames of blank after the
 * last token) per decode and apply `EndpointRules` in ms, which each stream can change per
 * question (`setEndpoint`). The three rules mirror sherpa's rule1/rule2/rule3.
 *
 * Hotwords: the Node addon cannot create a stream with its own hotwords, so hotwords are given at
 * load time (recognizer-wide, modified_beam_search). A stream asking for phrases outside that list
 * gets them ignored with a warning (counts only in the log).
 */
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TzError, createLogger, pcm16ToFloat32, type AsrEngine, type AsrResult, type AsrStream, type AsrStreamOptions, type AudioFrame, type EndpointRules, type EngineCapabilities, type Logger } from '@tingzhen/voice-core';
import { findModel, type CatalogueEntry } from './catalogue.js';
import { modelDir, requireModelFiles } from './model-files.js';
import { sherpa, type SherpaOnlineRecognizer, type SherpaOnlineResult, type SherpaOnlineStream } from './sherpa.js';

export const DEFAULT_ENDPOINT: EndpointRules = { silenceNoSpeechMs: 2400, silenceAfterSpeechMs: 600, maxUtteranceMs: 20_000 };

export interface SherpaAsrLoadOptions {
  modelsDir: string;
  /** The model cache, searched when the models directory lacks the model. */
  cacheDir?: string;
  model: string;
  /** Default endpoint rules of every stream. */
  endpoint?: Partial<EndpointRules>;
  /** Phrases to boost (drug and department names); needs a transducer with a modeling unit. */
  hotwords?: readonly string[];
  /** Boost per hotword token (sherpa's hotwordsScore). */
  hotwordsScore?: number;
  numThreads?: number;
  logger?: Logger;
  /** Test seam: builds the native recognizer. */
  createRecognizer?: (config: Record<string, unknown>) => SherpaOnlineRecognizer;
}

function validateRules(r: EndpointRules): EndpointRules {
  for (const [k, v] of Object.entries(r)) {
    if (!Number.isFinite(v) || v < 50 || v > 120_000) throw new TzError('TZ_ERR_VALIDATION', { field: k, value: v, fix: 'endpoint rules in ms between 50 and 120000' });
  }
  return r;
}

/** sherpa OnlineRecognizer config for a catalogue entry whose files were checked. */
export function asrConfig(entry: CatalogueEntry, paths: Record<string, string>, opts: { numThreads?: number; hotwordsFile?: string; hotwordsScore?: number; bpeVocab?: string } = {}): Record<string, unknown> {
  const p = (role: string) => paths[role] ?? '';
  let family: Record<string, unknown>;
  switch (entry.family) {
    case 'transducer': family = { transducer: { encoder: p('encoder'), decoder: p('decoder'), joiner: p('joiner') } }; break;
    case 'zipformer2-ctc': family = { zipformer2Ctc: { model: p('model') } }; break;
    case 'paraformer': family = { paraformer: { encoder: p('encoder'), decoder: p('decoder') } }; break;
    default: throw new TzError('TZ_ERR_CONFIG_INVALID', { model: entry.name, family: entry.family, fix: 'an asr entry of family transducer, zipformer2-ctc or paraformer' });
  }
  const hot = opts.hotwordsFile !== undefined;
  return {
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig: {
      ...family, tokens: p('tokens'), numThreads: opts.numThreads ?? 1, provider: 'cpu', debug: 0,
      ...(hot && entry.modelingUnit ? { modelingUnit: entry.modelingUnit, bpeVocab: opts.bpeVocab ?? '' } : {}),
    },
    decodingMethod: hot ? 'modified_beam_search' : 'greedy_search',
    maxActivePaths: 4,
    // sherpa's own rules are only a backstop; streams apply EndpointRules themselves (see above).
    enableEndpoint: 1, rule1MinTrailingSilence: 10, rule2MinTrailingSilence: 10, rule3MinUtteranceLength: 120,
    ...(hot ? { hotwordsFile: opts.hotwordsFile, hotwordsScore: opts.hotwordsScore ?? 1.5 } : {}),
  };
}

export class SherpaAsrEngine implements AsrEngine {
  readonly capabilities: EngineCapabilities & { hotwords: boolean; confidence: boolean };
  private closed = false;
  private warnedHotwords = false;

  private constructor(
    private readonly recognizer: SherpaOnlineRecognizer,
    private readonly entry: CatalogueEntry,
    private readonly defaults: EndpointRules,
    private readonly hotwords: ReadonlySet<string>,
    private readonly logger: Logger,
  ) {
    this.capabilities = {
      name: entry.name, languages: entry.languages, sampleRate: entry.sampleRate,
      hotwords: hotwords.size > 0, confidence: entry.family === 'transducer',
    };
  }

  static async load(opts: SherpaAsrLoadOptions): Promise<SherpaAsrEngine> {
    const logger = opts.logger ?? createLogger({ name: 'speech' });
    const entry = findModel(opts.model);
    if (!entry || entry.kind !== 'asr') throw new TzError('TZ_ERR_CONFIG_INVALID', { model: opts.model, fix: 'name an asr entry of the model catalogue (`npx tingzhen models list`)' });
    const paths = requireModelFiles(opts.modelsDir, entry, opts.cacheDir);
    const defaults = validateRules({ ...DEFAULT_ENDPOINT, ...opts.endpoint });
    const phrases = [...new Set((opts.hotwords ?? []).map((h) => h.trim()).filter(Boolean))];
    let hotwordsFile: string | undefined;
    let bpeVocab: string | undefined;
    if (phrases.length > 0) {
      const needsBpe = entry.modelingUnit?.includes('bpe') ?? false;
      bpeVocab = entry.bpeVocab ? join(modelDir(opts.modelsDir, entry), entry.bpeVocab) : undefined;
      if (!entry.hotwords || !entry.modelingUnit || (needsBpe && !(bpeVocab && existsSync(bpeVocab)))) {
        logger.warn({ model: entry.name, hotwords: phrases.length }, 'this ASR model cannot use hotwords; they are ignored');
        phrases.length = 0;
      } else {
        hotwordsFile = join(mkdtempSync(join(tmpdir(), 'tz-hotwords-')), 'hotwords.txt');
        writeFileSync(hotwordsFile, `${phrases.join('\n')}\n`);
      }
    }
    const config = asrConfig(entry, paths, { numThreads: opts.numThreads, hotwordsFile, hotwordsScore: opts.hotwordsScore, bpeVocab });
    let recognizer: SherpaOnlineRecognizer;
    try {
      recognizer = (opts.createRecognizer ?? ((c) => new (sherpa().OnlineRecognizer)(c)))(config);
    } catch (err) {
      throw new TzError('TZ_ERR_MODEL_LOAD', { model: entry.name, fix: `re-download it: \`npx tingzhen models download ${entry.name}\`` }, { cause: err });
    }
    logger.info({ model: entry.name, family: entry.family, hotwords: phrases.length }, 'ASR loaded');
    return new SherpaAsrEngine(recognizer, entry, defaults, new Set(phrases), logger);
  }

  stream(opts: AsrStreamOptions = {}): AsrStream {
    if (this.closed) throw new TzError('TZ_ERR_ENGINE', { engine: this.entry.name, problem: 'engine closed' }, { retryable: false });
    const lang = opts.language?.toLowerCase().split('-')[0];
    if (lang !== undefined && !this.entry.languages.includes(lang)) {
      throw new TzError('TZ_ERR_VALIDATION', { language: opts.language, model: this.entry.name, fix: `this model recognises ${this.entry.languages.join(', ')}` });
    }
    const unknown = (opts.hotwords ?? []).filter((h) => !this.hotwords.has(h.trim()));
    if (unknown.length > 0 && !this.warnedHotwords) {
      this.warnedHotwords = true;
      this.logger.warn({ model: this.entry.name, ignored: unknown.length }, 'per-call hotwords outside the load-time list are ignored (sherpa-onnx-node has no per-stream hotwords)');
    }
    const rules = validateRules({ ...this.defaults, ...opts.endpoint });
    const s = new SherpaAsrStream(this.recognizer, this.recognizer.createStream(), rules, this.entry.outputFrameMs ?? 40, this.capabilities.confidence);
    opts.signal?.addEventListener('abort', () => s.close(), { once: true });
    return s;
  }

  close(): void {
    this.closed = true;
  }
}

class SherpaAsrStream implements AsrStream {
  private baseMs: number | null = null;
  /** Media ms fed so far (end of the last frame). */
  private fedMs = 0;
  /** Media ms where the current segment began. */
  private segStartMs = 0;
  private lastText = '';
  private closed = false;

  constructor(
    private readonly rec: SherpaOnlineRecognizer,
    private readonly stream: SherpaOnlineStream,
    private rules: EndpointRules,
    private readonly outputFrameMs: number,
    private readonly withConfidence: boolean,
  ) {}

  push(frame: AudioFrame): AsrResult[] {
    if (this.closed) return [];
    if (this.baseMs === null) { this.baseMs = frame.startMs; this.segStartMs = frame.startMs; this.fedMs = frame.startMs; }
    this.stream.acceptWaveform({ samples: pcm16ToFloat32(frame.samples), sampleRate: frame.sampleRate });
    this.fedMs = frame.startMs + (frame.samples.length * 1000) / frame.sampleRate;
    while (this.rec.isReady(this.stream)) this.rec.decode(this.stream);
    const r = this.rec.getResult(this.stream);
    const text = r.text.trim();
    const out: AsrResult[] = [];
    if (this.isEndpoint(r, text)) {
      if (text !== '') out.push(this.toResult(r, text, true));
      this.resetSegment();
    } else if (text !== this.lastText) {
      this.lastText = text;
      if (text !== '') out.push(this.toResult(r, text, false));
    }
    return out;
  }

  private isEndpoint(r: SherpaOnlineResult, text: string): boolean {
    const utteranceMs = this.fedMs - this.segStartMs;
    if (utteranceMs >= this.rules.maxUtteranceMs) return true;
    const trailingMs = this.trailingSilenceMs(r, text);
    return text === '' ? trailingMs >= this.rules.silenceNoSpeechMs : trailingMs >= this.rules.silenceAfterSpeechMs;
  }

  private trailingSilenceMs(r: SherpaOnlineResult, text: string): number {
    if (r.num_trailing_blanks !== undefined) return r.num_trailing_blanks * this.outputFrameMs;
    // Families without blank counts: time since the last token (or since the segment start).
    const ts = r.timestamps ?? [];
    const last = text === '' || ts.length === 0 ? 0 : ts[ts.length - 1]! * 1000 + this.outputFrameMs;
    return this.fedMs - this.segStartMs - last;
  }

  private toResult(r: SherpaOnlineResult, text: string, isFinal: boolean): AsrResult {
    const ts = r.timestamps ?? [];
    const tokens = (r.tokens ?? []).map((t, i) => ({ text: t, startMs: this.segStartMs + (ts[i] ?? 0) * 1000 }));
    const res: AsrResult = {
      text, isFinal,
      startMs: tokens[0]?.startMs ?? this.segStartMs,
      endMs: tokens.length > 0 ? tokens[tokens.length - 1]!.startMs + this.outputFrameMs : this.fedMs,
    };
    if (tokens.length > 0) res.tokens = tokens;
    const probs = r.ys_probs ?? [];
    if (this.withConfidence && probs.length > 0) {
      // ys_probs are per-token log-probabilities: geometric mean probability.
      res.confidence = Math.min(1, Math.max(0, Math.exp(probs.reduce((a, b) => a + b, 0) / probs.length)));
    }
    return res;
  }

  private resetSegment(): void {
    this.rec.reset(this.stream);
    this.segStartMs = this.fedMs;
    this.lastText = '';
  }

  setEndpoint(rules: Partial<EndpointRules>): void {
    this.rules = validateRules({ ...this.rules, ...rules });
  }

  finish(): AsrResult | null {
    if (this.closed) return null;
    while (this.rec.isReady(this.stream)) this.rec.decode(this.stream);
    const r = this.rec.getResult(this.stream);
    const text = r.text.trim();
    const res = text === '' ? null : this.toResult(r, text, true);
    this.resetSegment();
    return res;
  }

  reset(): void {
    if (!this.closed) this.resetSegment();
  }

  close(): void {
    this.closed = true;
  }
}
