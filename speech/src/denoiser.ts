/**
 * GTCRN streaming speech enhancement through sherpa-onnx's OnlineSpeechDenoiser.
 * One sherpa denoiser per stream (it keeps conv/attention caches per call). Input at any rate
 * (sherpa resamples internally), output at 16 kHz, in 256-sample hops: a push may return nothing.
 * Output frames are stamped by counting output samples from the first input frame's startMs, so the
 * enhanced audio stays on the caller's media clock (the model's algorithmic delay only makes
 * frames arrive later, it does not shift their content).
 */
import { TzError, createLogger, float32ToPcm16, pcm16ToFloat32, type AudioFrame, type DenoiserEngine, type DenoiserStream, type EngineCapabilities, type Logger } from '@tingzhen/voice-core';
import { findModel } from './catalogue.js';
import { requireModelFiles } from './model-files.js';
import { sherpa, type SherpaOnlineDenoiser, type SherpaWave } from './sherpa.js';

export interface GtcrnDenoiserLoadOptions {
  modelsDir: string;
  /** The model cache, searched when the models directory lacks the model. */
  cacheDir?: string;
  model?: string;
  numThreads?: number;
  logger?: Logger;
}

export class GtcrnDenoiserEngine implements DenoiserEngine {
  readonly capabilities: EngineCapabilities;

  private constructor(private readonly config: Record<string, unknown>, name: string, sampleRate: number) {
    this.capabilities = { name, languages: ['*'], sampleRate };
  }

  static async load(opts: GtcrnDenoiserLoadOptions): Promise<GtcrnDenoiserEngine> {
    const entry = findModel(opts.model ?? 'gtcrn-speech-denoiser');
    if (!entry || entry.kind !== 'denoiser') throw new TzError('TZ_ERR_CONFIG_INVALID', { model: opts.model, fix: 'name a denoiser entry of the model catalogue' });
    const { model } = requireModelFiles(opts.modelsDir, entry, opts.cacheDir);
    const config = { model: { gtcrn: { model } }, numThreads: opts.numThreads ?? 1, debug: 0, provider: 'cpu' };
    const engine = new GtcrnDenoiserEngine(config, entry.name, entry.sampleRate);
    engine.create(); // fail at start-up on a model sherpa cannot load
    (opts.logger ?? createLogger({ name: 'speech' })).info({ model: entry.name }, 'denoiser loaded');
    return engine;
  }

  private create(): SherpaOnlineDenoiser {
    try {
      return new (sherpa().OnlineSpeechDenoiser)(this.config);
    } catch (err) {
      throw new TzError('TZ_ERR_MODEL_LOAD', { model: this.capabilities.name, fix: 'run `npx tingzhen models download gtcrn-speech-denoiser`' }, { cause: err });
    }
  }

  stream(): DenoiserStream {
    return new GtcrnStream(this.create());
  }

  close(): void {}
}

class GtcrnStream implements DenoiserStream {
  private baseMs: number | null = null;
  private outSamples = 0;
  private closed = false;

  constructor(private readonly dn: SherpaOnlineDenoiser) {}

  private toFrame(out: SherpaWave): AudioFrame | null {
    if (out.samples.length === 0 || this.baseMs === null) return null;
    const frame: AudioFrame = {
      samples: float32ToPcm16(out.samples),
      sampleRate: out.sampleRate,
      startMs: this.baseMs + (this.outSamples * 1000) / out.sampleRate,
    };
    this.outSamples += out.samples.length;
    return frame;
  }

  push(frame: AudioFrame): AudioFrame | null {
    if (this.closed) return null;
    this.baseMs ??= frame.startMs;
    if (frame.samples.length === 0) return null;
    return this.toFrame(this.dn.run({ samples: pcm16ToFloat32(frame.samples), sampleRate: frame.sampleRate, enableExternalBuffer: false }));
  }

  flush(): AudioFrame | null {
    if (this.closed) return null;
    return this.toFrame(this.dn.flush(false));
  }

  close(): void {
    this.closed = true;
  }
}
