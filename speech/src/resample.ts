/**
 * Streaming rate conversion for engine input/output. Uses sherpa-onnx's LinearResampler (the one
 * MODELS.md measured with Silero on 8 kHz mu-law speech); identity when the rates match.
 */
import { TzError } from '@tingzhen/voice-core';
import { sherpa, type SherpaLinearResampler } from './sherpa.js';

export class StreamResampler {
  private readonly inner: SherpaLinearResampler | null;

  constructor(readonly inputRate: number, readonly outputRate: number) {
    if (!Number.isInteger(inputRate) || !Number.isInteger(outputRate) || inputRate <= 0 || outputRate <= 0) {
      throw new TzError('TZ_ERR_AUDIO_FORMAT', { inputRate, outputRate });
    }
    this.inner = inputRate === outputRate ? null : new (sherpa().LinearResampler)(inputRate, outputRate);
  }

  push(samples: Float32Array): Float32Array {
    return this.inner ? this.inner.resample(samples) : samples;
  }

  /** Last chunk: emits what the resampler holds back. */
  flush(samples: Float32Array = new Float32Array(0)): Float32Array {
    return this.inner ? this.inner.flush(samples) : samples;
  }
}
