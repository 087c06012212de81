/**
 * Shared plumbing for TTS engines: an async queue from callbacks to an async iterator, and a
 * chunker that turns synthesizer output (float32 at the model rate) into 20 ms PCM16 frames at
 * the leg rate on a clock that starts at 0 for each prompt.
 */
import { PHONE_FRAME_MS, TzError, float32ToPcm16, type AudioFrame } from '@tingzhen/voice-core';
import { StreamResampler } from './resample.js';

export class FrameChunker {
  private resampler: StreamResampler | null = null;
  private pending = new Int16Array(0);
  private emitted = 0;
  private readonly frameSamples: number;

  constructor(private readonly outRate: number, private readonly frameMs = PHONE_FRAME_MS) {
    if (!Number.isInteger(outRate) || outRate < 4000 || outRate > 48000) {
      throw new TzError('TZ_ERR_VALIDATION', { sampleRate: outRate, fix: 'a leg rate between 4000 and 48000 Hz' });
    }
    this.frameSamples = (outRate * frameMs) / 1000;
  }

  /** Feeds model output; returns the whole frames now available. */
  push(samples: Float32Array, rate: number): AudioFrame[] {
    if (this.resampler === null || this.resampler.inputRate !== rate) this.resampler = new StreamResampler(rate, this.outRate);
    return this.take(float32ToPcm16(this.resampler.push(samples)), false);
  }

  /** End of the prompt: the resampler tail and the last partial frame. */
  end(): AudioFrame[] {
    const tail = this.resampler ? float32ToPcm16(this.resampler.flush()) : new Int16Array(0);
    return this.take(tail, true);
  }

  private take(pcm: Int16Array, final: boolean): AudioFrame[] {
    const all = new Int16Array(this.pending.length + pcm.length);
    all.set(this.pending);
    all.set(pcm, this.pending.length);
    const frames: AudioFrame[] = [];
    let off = 0;
    while (all.length - off >= this.frameSamples || (final && all.length - off > 0)) {
      const n = Math.min(this.frameSamples, all.length - off);
      frames.push({ samples: all.slice(off, off + n), sampleRate: this.outRate, startMs: (this.emitted * 1000) / this.outRate });
      this.emitted += n;
      off += n;
    }
    this.pending = all.slice(off);
    return frames;
  }
}

/** Single-consumer async queue fed by callbacks. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private done = false;
  private error: unknown = undefined;
  private wake: (() => void) | null = null;

  push(...items: T[]): void {
    this.items.push(...items);
    this.notify();
  }

  end(err?: unknown): void {
    this.done = true;
    this.error = err;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) { yield this.items.shift()!; continue; }
      if (this.done) {
        if (this.error !== undefined) throw this.error instanceof Error ? this.error : new Error('queue failed', { cause: this.error });
        return;
      }
      await new Promise<void>((r) => { this.wake = r; });
    }
  }
}

export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}
