/**
 * One chunk of call audio. Mono, signed 16-bit PCM.
 * `startMs` is on the leg's media clock (0 = first sample the leg produced), so turn timings
 * can be read off any call without wall clocks.
 */
export interface AudioFrame {
  /** Mono PCM16 samples. */
  readonly samples: Int16Array;
  /** Samples per second: 8000 for phone legs, 16000 for the engines. */
  readonly sampleRate: number;
  /** Start of the first sample on the leg's media clock, in milliseconds. */
  readonly startMs: number;
}

/** Duration of a frame in milliseconds. */
export function frameDurationMs(frame: Pick<AudioFrame, 'samples' | 'sampleRate'>): number {
  return (frame.samples.length * 1000) / frame.sampleRate;
}

/** Phone legs move 20 ms frames (RFC 3551 default packetisation for G.711). */
export const PHONE_FRAME_MS = 20;
