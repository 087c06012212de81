/**
 * Cuts arbitrary-sized PCM chunks into fixed 20 ms AudioFrames stamped on the leg's media clock
 * (sample count since the first sample, so timings never depend on wall clocks or jitter).
 */
import { PHONE_FRAME_MS, type AudioFrame } from '@tingzhen/voice-core';

export class Rechunker {
  private pending = new Int16Array(0);
  private samplesOut = 0;
  readonly frameSamples: number;

  constructor(readonly sampleRate: number, frameMs = PHONE_FRAME_MS) {
    this.frameSamples = Math.round((sampleRate * frameMs) / 1000);
  }

  push(samples: Int16Array): AudioFrame[] {
    let buf = samples;
    if (this.pending.length > 0) {
      buf = new Int16Array(this.pending.length + samples.length);
      buf.set(this.pending);
      buf.set(samples, this.pending.length);
    }
    const out: AudioFrame[] = [];
    let off = 0;
    while (buf.length - off >= this.frameSamples) {
      out.push({ samples: buf.slice(off, off + this.frameSamples), sampleRate: this.sampleRate, startMs: (this.samplesOut * 1000) / this.sampleRate });
      this.samplesOut += this.frameSamples;
      off += this.frameSamples;
    }
    this.pending = buf.slice(off);
    return out;
  }

  /** Pads the last partial frame with silence. */
  flush(): AudioFrame[] {
    if (this.pending.length === 0) return [];
    const s = new Int16Array(this.frameSamples);
    s.set(this.pending);
    this.pending = new Int16Array(0);
    const f = { samples: s, sampleRate: this.sampleRate, startMs: (this.samplesOut * 1000) / this.sampleRate };
    this.samplesOut += this.frameSamples;
    return [f];
  }

  /** Media-clock time of the next sample, ms. */
  get nowMs(): number {
    return ((this.samplesOut + this.pending.length) * 1000) / this.sampleRate;
  }
}
