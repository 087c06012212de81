/**
 * Plays one prompt on the leg and can pause, resume and stop it. TTS (or a cached prompt) is
 * resampled to the leg rate and kept as 20 ms frames, so a prompt paused by a backchannel can
 * resume where it was. The playback position is read off the wall clock from the first frame
 * sent, which is also the "first packet out" latency mark.
 */
import { Resampler, type AudioFrame, type CallLeg, type TtsEngine } from '@tingzhen/voice-core';

export interface PromptTimings {
  firstChunkAt?: number;
  firstPacketAt?: number;
  /** Synthesis start and end (wall clock, performance.now), for the engine's real-time factor. */
  synthStartAt?: number;
  synthDoneAt?: number;
}

export class PromptPlayer {
  private readonly frames: Int16Array[] = [];
  private readonly levels: number[] = [];
  private sourceDone = false;
  private wake: (() => void) | null = null;
  private readonly tts = new AbortController();
  private playAbort: AbortController | null = null;
  private startFrame = 0;
  private startedAt: number | null = null;
  private stopped = false;
  readonly timings: PromptTimings = {};
  /** Called once, when the first frame of this prompt goes to the leg. */
  onFirstPacket: ((at: number) => void) | null = null;
  readonly frameSamples: number;

  constructor(private readonly leg: CallLeg, private readonly now: () => number = () => performance.now()) {
    this.frameSamples = Math.round(leg.sampleRate / 50);
  }

  /** Start synthesis in the background; frames accumulate as they come. */
  synthesize(tts: TtsEngine, text: string, language: string): void {
    this.timings.synthStartAt = performance.now();
    void (async () => {
      let resampler: Resampler | null = null;
      let carry: Int16Array = new Int16Array(0);
      try {
        for await (const chunk of tts.synthesize({ text, language, sampleRate: this.leg.sampleRate, signal: this.tts.signal })) {
          this.timings.firstChunkAt ??= this.now();
          let s: Int16Array = chunk.samples;
          if (chunk.sampleRate !== this.leg.sampleRate) {
            resampler ??= new Resampler(chunk.sampleRate, this.leg.sampleRate);
            s = resampler.push(s);
          }
          carry = this.addSamples(carry, s);
          if (this.stopped) break;
        }
        if (resampler) carry = this.addSamples(carry, resampler.flush());
        if (carry.length > 0) {
          const last = new Int16Array(this.frameSamples);
          last.set(carry);
          this.pushFrame(last);
        }
      } catch {
        // aborted or engine failure: play what we have
      }
      if (!this.stopped) this.timings.synthDoneAt = performance.now();
      this.sourceDone = true;
      this.wake?.();
    })();
  }

  private addSamples(carry: Int16Array, s: Int16Array): Int16Array {
    let buf = carry;
    if (s.length > 0) {
      buf = new Int16Array(carry.length + s.length);
      buf.set(carry);
      buf.set(s, carry.length);
    }
    let off = 0;
    while (buf.length - off >= this.frameSamples) {
      this.pushFrame(buf.slice(off, off + this.frameSamples));
      off += this.frameSamples;
    }
    return buf.slice(off);
  }

  private pushFrame(f: Int16Array): void {
    this.frames.push(f);
    let sum = 0;
    for (let i = 0; i < f.length; i++) sum += f[i]! * f[i]!;
    this.levels.push(sum === 0 ? -120 : 10 * Math.log10(sum / f.length / 1073741824));
    this.wake?.();
  }

  private async *source(from: number): AsyncGenerator<AudioFrame> {
    let i = from;
    for (;;) {
      if (this.stopped) return;
      if (i < this.frames.length) {
        yield { samples: this.frames[i]!, sampleRate: this.leg.sampleRate, startMs: i * 20 };
        i++;
        continue;
      }
      if (this.sourceDone) return;
      await new Promise<void>((r) => { this.wake = r; });
      this.wake = null;
    }
  }

  /** Current playback position in frames. */
  position(): number {
    if (this.startedAt === null) return this.startFrame;
    return Math.min(this.frames.length, this.startFrame + Math.floor((this.now() - this.startedAt) / 20));
  }

  /** Loudest bot frame around the current position (the echo we may hear now), dBFS. */
  levelNearNowDb(windowFrames = 15): number {
    if (this.startedAt === null) return -Infinity;
    const p = this.position();
    let peak = -Infinity;
    for (let i = Math.max(0, p - windowFrames); i <= Math.min(this.levels.length - 1, p + 2); i++) peak = Math.max(peak, this.levels[i]!);
    return peak;
  }

  get isPlaying(): boolean {
    return this.startedAt !== null && !this.stopped;
  }

  /** Play from the current position. Resolves true when the prompt finished, false if paused/stopped. */
  async play(): Promise<boolean> {
    if (this.stopped) return false;
    const ac = new AbortController();
    this.playAbort = ac;
    const from = this.startFrame;
    // Mark the start when the leg takes the first frame.
    const stamped = async function* (this: PromptPlayer): AsyncGenerator<AudioFrame> {
      for await (const f of this.source(from)) {
        if (this.startedAt === null) {
          this.startedAt = this.now();
          if (this.timings.firstPacketAt === undefined) {
            this.timings.firstPacketAt = this.startedAt;
            this.onFirstPacket?.(this.startedAt);
          }
        }
        yield f;
      }
    }.bind(this);
    try {
      await this.leg.play(stamped(), ac.signal);
      return !this.stopped && this.playAbort === ac;
    } catch {
      return false;
    }
  }

  /** Stop sending now; remember where we were (rewound by two frames: they were in flight). */
  pause(): void {
    this.startFrame = Math.max(0, this.position() - 2);
    this.startedAt = null;
    this.leg.clearPlayout(); // first: it also tells the peer to drop what it buffered
    this.playAbort?.abort();
    this.playAbort = null;
  }

  /** Stop for good: abort synthesis too. */
  stop(): void {
    this.stopped = true;
    this.tts.abort();
    if (this.startedAt !== null) this.leg.clearPlayout();
    this.playAbort?.abort();
    this.wake?.();
  }

  /**
   * Synthesis time over audio length, once the whole prompt has been synthesised (not when it was
   * stopped early); null otherwise. Wall time: it includes waiting for the engine, which is what
   * decides whether the voice keeps up with playout.
   */
  get ttsRtf(): number | null {
    const { synthStartAt: a, synthDoneAt: b } = this.timings;
    if (a === undefined || b === undefined || this.frames.length === 0) return null;
    return (b - a) / (this.frames.length * 20);
  }

  /** All frames synthesised so far (for the recording). */
  get audio(): readonly Int16Array[] {
    return this.frames;
  }
}
