/**
 * Real-time playout of bot audio onto a leg: 20 ms frames, sent when due by the media clock,
 * `leadFrames` ahead to cover network and timer jitter (the peer's jitter buffer absorbs them).
 * Items play one after another. `clear()` drops everything at once (barge-in).
 *
 * Underrun: the peer ran dry (a frame was due, not just within the lead) and audio then resumed,
 * i.e. a gap inside a prompt the caller heard. Counted once per gap; the timeline is re-anchored
 * so we do not burst afterwards. Running dry at the very end of a prompt is not a gap.
 */
import { TzError, type AudioFrame } from '@tingzhen/voice-core';
import { MediaClock, sharedMediaClock } from './media-clock.js';

export interface PlayoutSink {
  /** Send exactly one frame of samples (leg rate) to the wire. */
  sendFrame(samples: Int16Array): void;
  /** Called after the last frame of each item (e.g. a Twilio mark). */
  afterItem?(): void;
}

export interface PlayoutOptions {
  sampleRate: number;
  frameMs?: number;
  /** Frames sent ahead of real time, default 2 (40 ms). */
  leadFrames?: number;
  clock?: MediaClock;
}

interface Item {
  chunks: Int16Array[];
  buffered: number;
  sourceDone: boolean;
  started: boolean;
  t0: number;
  sent: number;
  starved: boolean;
  afterItemSent?: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
  abort: () => void;
}

export class Playout {
  readonly frameSamples: number;
  readonly frameMs: number;
  private readonly lead: number;
  private readonly clock: MediaClock;
  private readonly queue: Item[] = [];
  private unsubscribe: (() => void) | null = null;
  underruns = 0;
  framesSent = 0;
  /** Wall time (clock ms) the last frame was sent; used by echo checks. */
  lastSentAt = -Infinity;
  /** Level of recently sent frames for echo comparison (dBFS), with time. */
  readonly recentLevels: { at: number; db: number }[] = [];

  constructor(private readonly sink: PlayoutSink, opts: PlayoutOptions) {
    this.frameMs = opts.frameMs ?? 20;
    this.frameSamples = Math.round((opts.sampleRate * this.frameMs) / 1000);
    this.lead = opts.leadFrames ?? 2;
    this.clock = opts.clock ?? sharedMediaClock;
  }

  /** True while anything is queued or playing. */
  get busy(): boolean {
    return this.queue.length > 0;
  }

  play(frames: AsyncIterable<AudioFrame> | Iterable<AudioFrame>, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new TzError('TZ_ERR_CALL_LEG', { reason: 'aborted' }));
        return;
      }
      const item: Item = {
        chunks: [], buffered: 0, sourceDone: false, started: false, t0: 0, sent: 0, starved: false,
        resolve, reject, abort: () => {},
      };
      const onAbort = () => this.drop(item, new TzError('TZ_ERR_CALL_LEG', { reason: 'aborted' }));
      signal?.addEventListener('abort', onAbort, { once: true });
      let stopped = false;
      item.abort = () => { stopped = true; signal?.removeEventListener('abort', onAbort); };
      const done = item.resolve;
      const fail = item.reject;
      item.resolve = () => { item.abort(); done(); };
      item.reject = (e) => { item.abort(); fail(e); };
      this.queue.push(item);
      this.ensureRunning();
      void (async () => {
        try {
          for await (const f of frames as AsyncIterable<AudioFrame>) {
            if (stopped) break;
            item.chunks.push(f.samples);
            item.buffered += f.samples.length;
          }
        } catch (err) {
          this.drop(item, err);
          return;
        }
        item.sourceDone = true;
      })();
    });
  }

  /** Drop everything queued or playing; pending play() promises reject with reason 'cleared'. */
  clear(): void {
    for (const item of [...this.queue]) this.drop(item, new TzError('TZ_ERR_CALL_LEG', { reason: 'cleared' }));
  }

  close(): void {
    this.clear();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private drop(item: Item, err: unknown): void {
    const i = this.queue.indexOf(item);
    if (i < 0) return;
    this.queue.splice(i, 1);
    item.reject(err);
    if (this.queue.length === 0) this.stopIfIdle();
  }

  private ensureRunning(): void {
    if (!this.unsubscribe) this.unsubscribe = this.clock.subscribe((now) => this.onTick(now));
  }

  private stopIfIdle(): void {
    if (this.queue.length === 0 && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
  }

  private takeFrame(item: Item): Int16Array | null {
    if (item.buffered < this.frameSamples && !(item.sourceDone && item.buffered > 0)) return null;
    const out = new Int16Array(this.frameSamples);
    let filled = 0;
    while (filled < this.frameSamples && item.chunks.length > 0) {
      const c = item.chunks[0]!;
      const n = Math.min(c.length, this.frameSamples - filled);
      out.set(c.subarray(0, n), filled);
      filled += n;
      if (n === c.length) item.chunks.shift();
      else item.chunks[0] = c.subarray(n);
    }
    item.buffered -= filled;
    return out;
  }

  private onTick(now: number): void {
    const item = this.queue[0];
    if (!item) {
      this.stopIfIdle();
      return;
    }
    if (!item.started) {
      if (item.buffered === 0 && !item.sourceDone) return; // waiting for the first TTS chunk
      item.started = true;
      item.t0 = now;
    }
    const due = Math.floor((now - item.t0) / this.frameMs) + 1 + this.lead;
    while (item.sent < due) {
      const frame = this.takeFrame(item);
      if (!frame) break;
      if (item.starved) this.underruns++; // audio resumes after a gap the caller heard
      this.send(frame, now);
      item.sent++;
      item.starved = false;
    }
    const playedAt = item.t0 + item.sent * this.frameMs; // when the peer will have played what we sent
    if (item.sourceDone && item.buffered === 0) {
      if (item.sent > 0 && item.afterItemSent !== true) {
        item.afterItemSent = true;
        this.sink.afterItem?.();
      }
      if (now >= playedAt) {
        this.queue.shift();
        item.resolve();
        if (this.queue.length === 0) this.stopIfIdle();
      }
      return;
    }
    // Source is behind: the peer runs dry at playedAt.
    if (now > playedAt) {
      item.starved = true;
      item.t0 += now - playedAt; // re-anchor: the next frame plays now, not in a burst
    }
  }

  private send(frame: Int16Array, now: number): void {
    this.sink.sendFrame(frame);
    this.framesSent++;
    this.lastSentAt = now;
    let sum = 0;
    for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
    const db = sum === 0 ? -120 : 10 * Math.log10(sum / frame.length / (32768 * 32768));
    this.recentLevels.push({ at: now, db });
    while (this.recentLevels.length > 50) this.recentLevels.shift();
  }

  /** Loudest bot frame sent within the last `windowMs` (dBFS), -Infinity if none. */
  recentPeakDb(now: number, windowMs: number): number {
    let peak = -Infinity;
    for (let i = this.recentLevels.length - 1; i >= 0; i--) {
      const l = this.recentLevels[i]!;
      if (now - l.at > windowMs) break;
      if (l.db > peak) peak = l.db;
    }
    return peak;
  }
}
