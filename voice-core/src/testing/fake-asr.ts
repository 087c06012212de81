/**
 * FakeAsr: a scripted streaming recogniser behind the AsrEngine contract.
 *
 * It does not listen to words: it detects speech by energy and, for each utterance it hears
 * (speech followed by `silenceAfterSpeechMs` of silence, `maxUtteranceMs` of speech, or a
 * `finish()` call), returns the next scripted utterance: partials while speech goes on (one
 * every `partialEveryMs`), then a final. The script is shared by all streams of one engine, so
 * a test scripts a whole conversation. An empty script yields finals with empty text.
 * Failures can be injected at load, on the n-th push, or in place of a given utterance.
 */
import type { AudioFrame } from '../audio/frame.js';
import { frameDurationMs } from '../audio/frame.js';
import { rmsDbfs } from '../audio/pcm.js';
import type { AsrEngine, AsrResult, AsrStream, AsrStreamOptions, EndpointRules, EngineCapabilities } from '../engines.js';
import { TzError } from '../errors.js';

export interface FakeUtterance {
  text: string;
  /** Defaults to the engine's confidence. */
  confidence?: number;
  /** Partials to emit before the final; default: growing prefixes of the text. */
  partials?: string[];
  /** Throw this instead of returning the final (an engine failure mid-call). */
  error?: Error;
}

export interface FakeAsrOptions {
  utterances?: (string | FakeUtterance)[];
  /** Default 0.9. */
  confidence?: number;
  languages?: string[];
  /** Frames louder than this count as speech, dBFS. Default -40. */
  speechThresholdDbfs?: number;
  endpoint?: Partial<EndpointRules>;
  /** Default 200 ms of speech between partials. */
  partialEveryMs?: number;
  /** `load()` rejects (with this error, or TZ_ERR_MODEL_LOAD). */
  failOnLoad?: boolean | Error;
  /** Every stream throws TZ_ERR_ENGINE on its n-th push (1-based). */
  failOnPush?: number;
}

const DEFAULT_ENDPOINT: EndpointRules = { silenceNoSpeechMs: Infinity, silenceAfterSpeechMs: 600, maxUtteranceMs: 20_000 };

export class FakeAsrStream implements AsrStream {
  private rules: EndpointRules;
  private inSpeech = false;
  private heardSpeech = false;
  private uttStartMs = 0;
  private speechEndMs = 0;
  private silenceMs = 0;
  private idleMs = 0;
  private sinceLastPartialMs = 0;
  private partialIndex = 0;
  private closed = false;
  pushes = 0;
  finishCalls = 0;

  constructor(
    private readonly engine: FakeAsr,
    readonly options: AsrStreamOptions,
  ) {
    this.rules = { ...engine.endpoint, ...options.endpoint };
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  push(frame: AudioFrame): AsrResult[] {
    if (this.closed) return [];
    this.pushes++;
    if (this.engine.failOnPush !== undefined && this.pushes === this.engine.failOnPush) {
      throw new TzError('TZ_ERR_ENGINE', { engine: 'fake-asr', reason: 'injected push failure', push: this.pushes });
    }
    const dur = frameDurationMs(frame);
    const endMs = frame.startMs + dur;
    const speech = rmsDbfs(frame.samples) > this.engine.speechThresholdDbfs;
    const out: AsrResult[] = [];
    if (speech) {
      if (!this.inSpeech && !this.heardSpeech) {
        this.uttStartMs = frame.startMs;
        this.sinceLastPartialMs = 0;
        this.partialIndex = 0;
      }
      this.inSpeech = true;
      this.heardSpeech = true;
      this.silenceMs = 0;
      this.idleMs = 0;
      this.speechEndMs = endMs;
      this.sinceLastPartialMs += dur;
      if (this.sinceLastPartialMs >= this.engine.partialEveryMs) {
        this.sinceLastPartialMs = 0;
        const p = this.partial();
        if (p) out.push(p);
      }
      if (endMs - this.uttStartMs >= this.rules.maxUtteranceMs) out.push(this.final());
    } else if (this.heardSpeech) {
      this.inSpeech = false;
      this.silenceMs += dur;
      if (this.silenceMs >= this.rules.silenceAfterSpeechMs) out.push(this.final());
    } else {
      this.idleMs += dur;
      if (this.idleMs >= this.rules.silenceNoSpeechMs) {
        this.idleMs = 0;
        out.push({ text: '', isFinal: true, confidence: 0, startMs: frame.startMs, endMs });
      }
    }
    return out;
  }

  setEndpoint(rules: Partial<EndpointRules>): void {
    this.rules = { ...this.rules, ...rules };
  }

  /** Final for the speech heard since the last final, or null when nothing was heard. */
  finish(): AsrResult | null {
    this.finishCalls++;
    if (this.closed || !this.heardSpeech) return null;
    return this.final();
  }

  reset(): void {
    this.inSpeech = false;
    this.heardSpeech = false;
    this.silenceMs = 0;
    this.idleMs = 0;
  }

  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private partial(): AsrResult | null {
    const u = this.engine.peek();
    if (!u || !u.text) return null;
    const chars = [...u.text];
    this.partialIndex++;
    let text: string | undefined;
    if (u.partials) text = u.partials[this.partialIndex - 1];
    else if (this.partialIndex < 3) text = chars.slice(0, Math.ceil((chars.length * this.partialIndex) / 3)).join('');
    if (text === undefined || text === u.text) return null;
    return { text, isFinal: false, startMs: this.uttStartMs, endMs: this.speechEndMs };
  }

  private final(): AsrResult {
    const u = this.engine.next();
    const startMs = this.uttStartMs;
    const endMs = this.speechEndMs;
    this.reset();
    if (u.error) throw u.error;
    return { text: u.text, isFinal: true, confidence: u.confidence ?? this.engine.confidence, startMs, endMs };
  }
}

export class FakeAsr implements AsrEngine {
  readonly capabilities: EngineCapabilities & { hotwords: boolean; confidence: boolean };
  readonly streams: FakeAsrStream[] = [];
  readonly confidence: number;
  readonly speechThresholdDbfs: number;
  readonly partialEveryMs: number;
  readonly failOnPush: number | undefined;
  readonly endpoint: EndpointRules;
  private readonly script: FakeUtterance[];
  /** Utterances returned so far (finals). */
  readonly delivered: FakeUtterance[] = [];

  constructor(opts: FakeAsrOptions = {}) {
    this.script = (opts.utterances ?? []).map((u) => (typeof u === 'string' ? { text: u } : u));
    this.confidence = opts.confidence ?? 0.9;
    this.speechThresholdDbfs = opts.speechThresholdDbfs ?? -40;
    this.partialEveryMs = opts.partialEveryMs ?? 200;
    this.failOnPush = opts.failOnPush;
    this.endpoint = { ...DEFAULT_ENDPOINT, ...opts.endpoint };
    this.capabilities = { name: 'fake-asr', languages: opts.languages ?? ['zh', 'en'], sampleRate: 16000, hotwords: true, confidence: true };
  }

  /** Mirrors the real engines' slow one-time load; honours `failOnLoad`. */
  static async load(opts: FakeAsrOptions = {}): Promise<FakeAsr> {
    if (opts.failOnLoad) {
      throw opts.failOnLoad instanceof Error ? opts.failOnLoad : new TzError('TZ_ERR_MODEL_LOAD', { engine: 'fake-asr', reason: 'injected load failure' });
    }
    return new FakeAsr(opts);
  }

  /** Append utterances to the script. */
  enqueue(...utterances: (string | FakeUtterance)[]): void {
    this.script.push(...utterances.map((u) => (typeof u === 'string' ? { text: u } : u)));
  }

  get remaining(): number {
    return this.script.length;
  }

  peek(): FakeUtterance | undefined {
    return this.script[0];
  }

  next(): FakeUtterance {
    const u = this.script.shift() ?? { text: '' };
    this.delivered.push(u);
    return u;
  }

  stream(opts: AsrStreamOptions = {}): FakeAsrStream {
    const s = new FakeAsrStream(this, opts);
    this.streams.push(s);
    return s;
  }

  close(): void {
    for (const s of this.streams) s.close();
  }
}
