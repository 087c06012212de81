/**
 * Adaptive jitter buffer for one G.711 stream (8 kHz, 20 ms frames). Pure: the caller gives the
 * arrival time on push and the current time on pull, so tests drive it with a virtual clock.
 *
 * Timeline: the first packet of a talk spurt plays `delayMs` after it arrived; every later
 * timestamp plays at the same offset. Each pull returns the frames whose play time has come:
 * the packet when it is there, concealment (G711Plc) when it is missing, silence once the
 * concealment has faded out. Packets that arrive after their slot was played are "late".
 *
 * Adaptation (delay kept within minDelayMs..maxDelayMs, in 20 ms steps):
 * - a late packet grows the delay by one frame at once (the next slot waits one frame longer);
 * - once a second, if the interarrival jitter (RFC 3550 appendix A.8) says a smaller delay is
 *   enough and nothing was late for 2 s, the delay shrinks by one frame (the next pull plays one
 *   extra frame: no audio is dropped).
 * A timestamp jump beyond the buffer (new talk spurt after silence suppression, or a sender that
 * restarted its clock) re-anchors the timeline. SSRC changes are handled by the caller (reset()).
 */
import { G711Plc } from './plc.js';
import { tsDiff } from './packet.js';

export interface JitterBufferOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Delay the first talk spurt starts with, ms. */
  initialDelayMs?: number;
}

export interface JitterFrame {
  samples: Int16Array;
  kind: 'audio' | 'concealed' | 'silence';
}

export interface JitterStats {
  received: number;
  late: number;
  duplicates: number;
  concealed: number;
  /** Interarrival jitter estimate, ms (RFC 3550 appendix A.8). */
  jitterMs: number;
  delayMs: number;
}

const FRAME_MS = 20;
const FRAME_TS = 160; // timestamp units per frame at 8 kHz
const TS_PER_MS = 8;
/** Concealment frames before switching to silence (Appendix I: 60 ms). */
const MAX_CONCEAL_FRAMES = 3;
const ADAPT_EVERY_FRAMES = 50; // 1 s
const SHRINK_QUIET_MS = 2000;

export class JitterBuffer {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  private delayMs: number;
  private readonly slots = new Map<number, Int16Array>();
  private plc = new G711Plc();
  /** Timeline anchor: timestamp `anchorTs` plays at `anchorMs`. */
  private anchorTs = 0;
  private anchorMs = 0;
  private nextTs = 0;
  private started = false;
  private concealRun = 0;
  private framesOut = 0;
  private lastLateMs = -Infinity;
  private prevTransit: number | null = null;
  private jitterTs = 0;
  readonly stats: JitterStats = { received: 0, late: 0, duplicates: 0, concealed: 0, jitterMs: 0, delayMs: 0 };

  constructor(opts: JitterBufferOptions = {}) {
    this.minDelayMs = opts.minDelayMs ?? 20;
    this.maxDelayMs = opts.maxDelayMs ?? 200;
    this.delayMs = clamp(opts.initialDelayMs ?? 40, this.minDelayMs, this.maxDelayMs);
    this.stats.delayMs = this.delayMs;
  }

  get currentDelayMs(): number {
    return this.delayMs;
  }

  /** Forget the stream (SSRC change): the next packet starts a new timeline. */
  reset(): void {
    this.slots.clear();
    this.started = false;
    this.prevTransit = null;
    this.concealRun = 0;
  }

  push(timestamp: number, samples: Int16Array, arrivalMs: number): void {
    this.stats.received++;
    this.updateJitter(timestamp, arrivalMs);
    if (!this.started) {
      this.anchor(timestamp, arrivalMs);
      this.started = true;
    }
    const ahead = tsDiff(timestamp, this.nextTs);
    const horizonTs = (this.maxDelayMs + 1000) * TS_PER_MS;
    if (ahead < -horizonTs || ahead > horizonTs) {
      // New talk spurt or clock jump: re-anchor so this packet plays after the current delay.
      this.slots.clear();
      this.anchor(timestamp, arrivalMs);
    } else if (ahead < 0) {
      this.stats.late++;
      this.lastLateMs = arrivalMs;
      if (this.delayMs + FRAME_MS <= this.maxDelayMs) {
        this.delayMs += FRAME_MS;
        this.anchorMs += FRAME_MS;
        this.stats.delayMs = this.delayMs;
      }
      return;
    }
    if (this.slots.has(timestamp)) {
      this.stats.duplicates++;
      return;
    }
    // Split packets longer than one frame (ptime 30/40) into 20 ms slots.
    for (let off = 0; off < samples.length; off += FRAME_TS) {
      const part = samples.subarray(off, Math.min(samples.length, off + FRAME_TS));
      const slot = part.length === FRAME_TS ? part : padTo(part, FRAME_TS);
      this.slots.set((timestamp + off) >>> 0, slot);
    }
  }

  /** Frames due by `nowMs`, in play order. */
  pull(nowMs: number): JitterFrame[] {
    const out: JitterFrame[] = [];
    if (!this.started) return out;
    while (this.playTimeMs(this.nextTs) <= nowMs) {
      out.push(this.nextFrame());
      if (++this.framesOut % ADAPT_EVERY_FRAMES === 0) this.maybeShrink(nowMs);
      if (out.length > this.maxDelayMs / FRAME_MS + 50) break; // stalled consumer: never spin
    }
    return out;
  }

  private nextFrame(): JitterFrame {
    const ts = this.nextTs;
    this.nextTs = (this.nextTs + FRAME_TS) >>> 0;
    const got = this.slots.get(ts);
    if (got) {
      this.slots.delete(ts);
      this.concealRun = 0;
      return { samples: this.plc.good(got), kind: 'audio' };
    }
    this.concealRun++;
    if (this.concealRun <= MAX_CONCEAL_FRAMES) {
      this.stats.concealed++;
      return { samples: this.plc.conceal(FRAME_TS), kind: 'concealed' };
    }
    return { samples: new Int16Array(FRAME_TS), kind: 'silence' };
  }

  private playTimeMs(ts: number): number {
    return this.anchorMs + tsDiff(ts, this.anchorTs) / TS_PER_MS;
  }

  private anchor(ts: number, arrivalMs: number): void {
    this.anchorTs = ts;
    this.anchorMs = arrivalMs + this.delayMs;
    this.nextTs = ts;
    this.concealRun = 0;
  }

  private updateJitter(ts: number, arrivalMs: number): void {
    const transit = arrivalMs * TS_PER_MS - ts;
    if (this.prevTransit !== null) {
      const d = Math.abs(transit - this.prevTransit);
      if (d < 8000) this.jitterTs += (d - this.jitterTs) / 16; // ignore >1 s jumps (new spurt)
    }
    this.prevTransit = transit;
    this.stats.jitterMs = this.jitterTs / TS_PER_MS;
  }

  private maybeShrink(nowMs: number): void {
    const wantedMs = clamp(Math.ceil((FRAME_MS + 3 * this.stats.jitterMs) / FRAME_MS) * FRAME_MS, this.minDelayMs, this.maxDelayMs);
    if (this.delayMs - FRAME_MS >= wantedMs && nowMs - this.lastLateMs > SHRINK_QUIET_MS) {
      this.delayMs -= FRAME_MS;
      this.anchorMs -= FRAME_MS;
      this.stats.delayMs = this.delayMs;
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

function padTo(s: Int16Array, n: number): Int16Array {
  const out = new Int16Array(n);
  out.set(s);
  return out;
}
