/**
 * The slice of sherpa-onnx-node we use, typed by hand (the package ships no .d.ts).
 * Loaded lazily through createRequire so that importing @tingzhen/speech never loads the native
 * addon until an engine is actually built (tests with fakes and the `models` command stay light).
 */
import { createRequire } from 'node:module';
import { TzError } from '@tingzhen/voice-core';

export interface SherpaWave { samples: Float32Array; sampleRate: number }

export interface SherpaVad {
  acceptWaveform(samples: Float32Array): void;
  isEmpty(): boolean;
  isDetected(): boolean;
  front(enableExternalBuffer?: boolean): { start: number; samples: Float32Array };
  pop(): void;
  flush(): void;
  reset(): void;
}

export interface SherpaOnlineStream {
  acceptWaveform(wave: SherpaWave): void;
  inputFinished(): void;
}

export interface SherpaOnlineResult {
  text: string;
  tokens?: string[];
  timestamps?: number[];
  ys_probs?: number[];
  num_trailing_blanks?: number;
  start_time?: number;
  segment?: number;
  is_final?: boolean;
}

export interface SherpaOnlineRecognizer {
  createStream(): SherpaOnlineStream;
  isReady(stream: SherpaOnlineStream): boolean;
  decode(stream: SherpaOnlineStream): void;
  isEndpoint(stream: SherpaOnlineStream): boolean;
  reset(stream: SherpaOnlineStream): void;
  getResult(stream: SherpaOnlineStream): SherpaOnlineResult;
}

export interface SherpaOfflineStream {
  acceptWaveform(wave: SherpaWave): void;
}

export interface SherpaOfflineResult {
  text: string;
  tokens?: string[];
}

export interface SherpaOfflineRecognizer {
  createStream(): SherpaOfflineStream;
  decode(stream: SherpaOfflineStream): void;
  getResult(stream: SherpaOfflineStream): SherpaOfflineResult;
}

export interface SherpaTtsProgress { samples: Float32Array; progress: number }

export interface SherpaOfflineTts {
  readonly numSpeakers: number;
  readonly sampleRate: number;
  generateAsync(req: {
    text: string;
    sid?: number;
    speed?: number;
    enableExternalBuffer?: boolean;
    generationConfig?: Record<string, unknown>;
    onProgress?: (info: SherpaTtsProgress) => number | boolean | void;
  }): Promise<SherpaWave>;
}

export interface SherpaOnlineDenoiser {
  readonly sampleRate: number;
  run(req: { samples: Float32Array; sampleRate: number; enableExternalBuffer?: boolean }): SherpaWave;
  flush(enableExternalBuffer?: boolean): SherpaWave;
  reset(): void;
}

export interface SherpaLinearResampler {
  resample(samples: Float32Array): Float32Array;
  flush(samples: Float32Array): Float32Array;
  reset(): void;
}

export interface SherpaModule {
  Vad: new (config: Record<string, unknown>, bufferSeconds: number) => SherpaVad;
  OnlineRecognizer: new (config: Record<string, unknown>) => SherpaOnlineRecognizer;
  OfflineRecognizer: new (config: Record<string, unknown>) => SherpaOfflineRecognizer;
  OfflineTts: { createAsync(config: Record<string, unknown>): Promise<SherpaOfflineTts> };
  GenerationConfig: new (opts: Record<string, unknown>) => Record<string, unknown>;
  OnlineSpeechDenoiser: new (config: Record<string, unknown>) => SherpaOnlineDenoiser;
  LinearResampler: new (inputRate: number, outputRate: number) => SherpaLinearResampler;
}

let cached: SherpaModule | undefined;

/** The native addon, loaded on first use. */
export function sherpa(): SherpaModule {
  if (cached) return cached;
  try {
    cached = createRequire(import.meta.url)('sherpa-onnx-node') as SherpaModule;
  } catch (err) {
    throw new TzError('TZ_ERR_MODEL_LOAD', { module: 'sherpa-onnx-node', fix: 'run `npm install` so the sherpa-onnx-node native addon is present' }, { cause: err });
  }
  return cached;
}
