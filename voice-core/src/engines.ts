/**
 * Engine contracts: VAD, streaming ASR, TTS, denoiser, LLM.
 * Engines load once per process (`load()` is slow: model files), open one stream per call,
 * and take an AbortSignal on everything that can outlive a turn.
 */
import type { AudioFrame } from './audio/frame.js';

export interface EngineCapabilities {
  /** Engine name for logs and metrics, e.g. "silero-vad-v5", "espeak-ng". */
  readonly name: string;
  /** Languages it handles, BCP-47 primary tags ("zh", "en"). */
  readonly languages: readonly string[];
  /** The sample rate the model works at, in Hz. */
  readonly sampleRate: number;
  /** True when this engine is a degraded fallback (e.g. espeak-ng instead of a neural voice). */
  readonly fallback?: boolean;
}

// ---- VAD -------------------------------------------------------------------------------------
export type VadEvent =
  | { type: 'speech-start'; startMs: number }
  | { type: 'speech-end'; startMs: number; endMs: number };

export interface VadStream {
  /** Feed one frame; returns the events it completed (possibly none). */
  push(frame: AudioFrame): VadEvent[];
  /** Flush at hang-up: closes an open segment. */
  flush(): VadEvent[];
  readonly speaking: boolean;
  close(): void;
}

export interface VadOptions {
  /** Silence that ends a segment, in ms. */
  minSilenceMs?: number;
  /** Shortest speech that counts, in ms. */
  minSpeechMs?: number;
  /** Speech probability threshold, 0..1. */
  threshold?: number;
}

export interface VadEngine {
  readonly capabilities: EngineCapabilities;
  stream(opts?: VadOptions): VadStream;
  close(): void;
}

// ---- ASR -------------------------------------------------------------------------------------
export interface AsrResult {
  text: string;
  isFinal: boolean;
  /** 0..1 where the model gives one. */
  confidence?: number;
  /** Media-clock span of the recognised speech, ms. */
  startMs: number;
  endMs: number;
  /** Per-token timestamps (ms, media clock) where the model gives them. */
  tokens?: { text: string; startMs: number }[];
}

export interface EndpointRules {
  /** Trailing silence (ms) that ends an utterance when nothing was decoded. */
  silenceNoSpeechMs: number;
  /** Trailing silence (ms) that ends an utterance after speech was decoded. */
  silenceAfterSpeechMs: number;
  /** Longest utterance (ms) before an endpoint is forced. */
  maxUtteranceMs: number;
}

export interface AsrStreamOptions {
  language?: string;
  endpoint?: Partial<EndpointRules>;
  /** Phrases to boost (drug names, departments) where the model supports it. */
  hotwords?: readonly string[];
  signal?: AbortSignal;
}

export interface AsrStream {
  push(frame: AudioFrame): AsrResult[];
  /** Change endpoint rules for the next question. */
  setEndpoint(rules: Partial<EndpointRules>): void;
  /** Force a final result now (e.g. VAD said the turn ended). */
  finish(): AsrResult | null;
  reset(): void;
  close(): void;
}

export interface AsrEngine {
  readonly capabilities: EngineCapabilities & { hotwords: boolean; confidence: boolean };
  stream(opts?: AsrStreamOptions): AsrStream;
  close(): void;
}

// ---- TTS -------------------------------------------------------------------------------------
export interface TtsRequest {
  text: string;
  language: string;
  /** 1.0 = normal. */
  speed?: number;
  /** Rate the caller wants the audio at (the leg rate), Hz. */
  sampleRate: number;
  voice?: string;
  signal?: AbortSignal;
}

export interface TtsEngine {
  readonly capabilities: EngineCapabilities;
  /** Streams audio in chunks; the first chunk comes before the whole prompt is synthesised. */
  synthesize(req: TtsRequest): AsyncIterable<AudioFrame>;
  close(): void;
}

// ---- Denoiser --------------------------------------------------------------------------------
export interface DenoiserStream {
  /** Returns enhanced audio (16 kHz), possibly empty while the model fills its window. */
  push(frame: AudioFrame): AudioFrame | null;
  flush(): AudioFrame | null;
  close(): void;
}

export interface DenoiserEngine {
  readonly capabilities: EngineCapabilities;
  stream(): DenoiserStream;
  close(): void;
}

// ---- LLM -------------------------------------------------------------------------------------
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  messages: ChatMessage[];
  /** JSON schema the answer must follow (response_format json_schema). */
  jsonSchema?: Record<string, unknown>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LlmClient {
  /** Streams the completion text; resolves the full text. */
  complete(req: LlmRequest): Promise<string>;
}
