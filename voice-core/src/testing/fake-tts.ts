/**
 * FakeTts: a TtsEngine that "speaks" a sine tone whose length is proportional to the text
 * (`msPerChar` per non-space character, divided by `speed`), in 20 ms frames at the requested
 * rate, starting at media time 0. Honours AbortSignal between frames (the iterator throws the
 * signal's reason), can delay its first chunk, and can fail on demand. Every request is recorded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AudioFrame } from '../audio/frame.js';
import type { EngineCapabilities, TtsEngine, TtsRequest } from '../engines.js';
import { TzError } from '../errors.js';

export interface FakeTtsOptions {
  /** Default 100 ms per character (Mandarin speaks ~4-5 characters a second). */
  msPerChar?: number;
  /** Default 440 Hz. */
  toneHz?: number;
  /** Tone level, dBFS re full-scale sine. Default -20. */
  levelDbfs?: number;
  languages?: string[];
  /** Native rate reported in capabilities. Default 16000 (output follows the request). */
  sampleRate?: number;
  /** Latency before the first frame, ms (real timer, abortable). Default 0. */
  firstChunkDelayMs?: number;
  /** Throw TZ_ERR_ENGINE after this many frames of a request. */
  failAfterFrames?: number;
  /** Throw TZ_ERR_ENGINE for requests whose text matches. */
  failOnText?: RegExp;
  frameMs?: number;
  /** Report itself as a degraded fallback voice. */
  fallback?: boolean;
}

export class FakeTts implements TtsEngine {
  readonly capabilities: EngineCapabilities;
  readonly requests: TtsRequest[] = [];
  private readonly o: Required<Omit<FakeTtsOptions, 'failAfterFrames' | 'failOnText' | 'languages' | 'fallback'>> & Pick<FakeTtsOptions, 'failAfterFrames' | 'failOnText'>;
  private closed = false;

  constructor(opts: FakeTtsOptions = {}) {
    this.o = {
      msPerChar: opts.msPerChar ?? 100,
      toneHz: opts.toneHz ?? 440,
      levelDbfs: opts.levelDbfs ?? -20,
      sampleRate: opts.sampleRate ?? 16000,
      firstChunkDelayMs: opts.firstChunkDelayMs ?? 0,
      frameMs: opts.frameMs ?? 20,
      failAfterFrames: opts.failAfterFrames,
      failOnText: opts.failOnText,
    };
    this.capabilities = { name: 'fake-tts', languages: opts.languages ?? ['zh', 'en'], sampleRate: this.o.sampleRate, ...(opts.fallback ? { fallback: true } : {}) };
  }

  /** Duration the fake will produce for a text, ms (whole frames). */
  durationMs(text: string, speed = 1): number {
    const chars = [...text].filter((c) => c.trim() !== '').length;
    const raw = (chars * this.o.msPerChar) / speed;
    return Math.ceil(raw / this.o.frameMs) * this.o.frameMs;
  }

  synthesize(req: TtsRequest): AsyncIterable<AudioFrame> {
    this.requests.push(req);
    return this.generate(req);
  }

  close(): void {
    this.closed = true;
  }

  private async *generate(req: TtsRequest): AsyncGenerator<AudioFrame> {
    const { sampleRate, signal } = req;
    if (this.closed) throw new TzError('TZ_ERR_TTS_UNAVAILABLE', { engine: 'fake-tts', reason: 'closed' });
    if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 48000) {
      throw new TzError('TZ_ERR_AUDIO_FORMAT', { reason: 'unsupported sample rate', sampleRate });
    }
    if (!this.capabilities.languages.includes(req.language)) {
      throw new TzError('TZ_ERR_TTS_UNAVAILABLE', { engine: 'fake-tts', language: req.language });
    }
    if (this.o.failOnText?.test(req.text)) throw new TzError('TZ_ERR_ENGINE', { engine: 'fake-tts', reason: 'injected failure' });
    signal?.throwIfAborted();
    if (this.o.firstChunkDelayMs > 0) await sleep(this.o.firstChunkDelayMs, undefined, signal ? { signal } : {});
    const total = Math.round((this.durationMs(req.text, req.speed ?? 1) * sampleRate) / 1000);
    const perFrame = Math.round((sampleRate * this.o.frameMs) / 1000);
    const amp = 32767 * 10 ** (this.o.levelDbfs / 20);
    const w = (2 * Math.PI * this.o.toneHz) / sampleRate;
    let frames = 0;
    for (let n0 = 0; n0 < total; n0 += perFrame) {
      signal?.throwIfAborted();
      if (this.o.failAfterFrames !== undefined && frames >= this.o.failAfterFrames) {
        throw new TzError('TZ_ERR_ENGINE', { engine: 'fake-tts', reason: 'injected failure', frames });
      }
      const samples = new Int16Array(Math.min(perFrame, total - n0));
      for (let i = 0; i < samples.length; i++) samples[i] = Math.round(amp * Math.sin(w * (n0 + i)));
      frames++;
      yield { samples, sampleRate, startMs: (n0 * 1000) / sampleRate };
      // Let timers and abort listeners run between frames, as a real engine's worker would.
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}
