/**
 * EnergyVad: an energy-threshold VAD behind the VadEngine contract. It is the fallback when the
 * Silero model is missing (the platform then still hears that the caller speaks, for no-match and
 * DTMF guidance), and, as FakeVad in voice-core/testing, the VAD of tests around a VAD. A frame is speech when its RMS level is above `thresholdDbfs`.
 * speech-start comes once `minSpeechMs` of consecutive speech frames were seen (stamped at the
 * first of them); speech-end after `minSilenceMs` of non-speech (stamped at the end of the last
 * speech frame). All times are the frames' media-clock `startMs`.
 */
import type { AudioFrame } from './frame.js';
import { frameDurationMs } from './frame.js';
import { rmsDbfs } from './pcm.js';
import type { EngineCapabilities, VadEngine, VadEvent, VadOptions, VadStream } from '../engines.js';

export interface EnergyVadOptions {
  /** Frames louder than this are speech, dBFS. Default -40. */
  thresholdDbfs?: number;
  /** Default 300 ms (VadOptions.minSilenceMs overrides per stream). */
  minSilenceMs?: number;
  /** Default 60 ms (VadOptions.minSpeechMs overrides per stream). */
  minSpeechMs?: number;
}

export class EnergyVadStream implements VadStream {
  private inSpeech = false;
  private candidateStartMs: number | null = null;
  private candidateMs = 0;
  private segStartMs = 0;
  private lastSpeechEndMs = 0;
  private silenceMs = 0;
  private closed = false;
  /** Frames pushed so far (tests assert on it). */
  framesPushed = 0;

  constructor(
    private readonly thresholdDbfs: number,
    private readonly minSilenceMs: number,
    private readonly minSpeechMs: number,
  ) {}

  get speaking(): boolean {
    return this.inSpeech;
  }

  push(frame: AudioFrame): VadEvent[] {
    if (this.closed) return [];
    this.framesPushed++;
    const dur = frameDurationMs(frame);
    const endMs = frame.startMs + dur;
    const isSpeech = rmsDbfs(frame.samples) > this.thresholdDbfs;
    const events: VadEvent[] = [];
    if (!this.inSpeech) {
      if (isSpeech) {
        this.candidateStartMs ??= frame.startMs;
        this.candidateMs += dur;
        if (this.candidateMs >= this.minSpeechMs) {
          this.inSpeech = true;
          this.segStartMs = this.candidateStartMs;
          this.lastSpeechEndMs = endMs;
          this.silenceMs = 0;
          events.push({ type: 'speech-start', startMs: this.segStartMs });
        }
      } else {
        this.candidateStartMs = null;
        this.candidateMs = 0;
      }
    } else if (isSpeech) {
      this.silenceMs = 0;
      this.lastSpeechEndMs = endMs;
    } else {
      this.silenceMs += dur;
      if (this.silenceMs >= this.minSilenceMs) events.push(this.end());
    }
    return events;
  }

  flush(): VadEvent[] {
    return this.inSpeech ? [this.end()] : [];
  }

  close(): void {
    this.closed = true;
  }

  private end(): VadEvent {
    this.inSpeech = false;
    this.candidateStartMs = null;
    this.candidateMs = 0;
    return { type: 'speech-end', startMs: this.segStartMs, endMs: this.lastSpeechEndMs };
  }
}

export class EnergyVad implements VadEngine {
  readonly capabilities: EngineCapabilities = { name: 'energy-vad', languages: [], sampleRate: 16000, fallback: true };
  protected readonly o: Required<EnergyVadOptions>;

  constructor(opts: EnergyVadOptions = {}) {
    this.o = { thresholdDbfs: opts.thresholdDbfs ?? -40, minSilenceMs: opts.minSilenceMs ?? 300, minSpeechMs: opts.minSpeechMs ?? 60 };
  }

  /** VadOptions.threshold (a model probability) has no meaning here and is ignored. */
  stream(opts: VadOptions = {}): EnergyVadStream {
    return new EnergyVadStream(this.o.thresholdDbfs, opts.minSilenceMs ?? this.o.minSilenceMs, opts.minSpeechMs ?? this.o.minSpeechMs);
  }

  close(): void {}
}
