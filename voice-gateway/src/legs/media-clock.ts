/**
 * One process-wide playout clock. Every playing leg subscribes; a single drift-free timer wakes
 * them every TICK_MS and each one sends the frames that are due by wall time (catch-up logic),
 * so timer jitter turns into a slightly bigger burst, never into drift. One timer for all calls
 * keeps 100 concurrent calls at 50-100 wakeups per second instead of thousands.
 */
export type ClockListener = (nowMs: number) => void;

/** Wake-up period, ms: half a phone frame, so a due frame waits at most ~10 ms. */
const TICK_MS = 10;

export class MediaClock {
  private readonly listeners = new Set<ClockListener>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly tickMs = TICK_MS) {}

  now(): number {
    return performance.now();
  }

  subscribe(listener: ClockListener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private tick(): void {
    const t = this.now();
    for (const l of [...this.listeners]) {
      try {
        l(t);
      } catch {
        // A listener fault must not stop other calls' playout; listeners report their own errors.
      }
    }
  }
}

export const sharedMediaClock = new MediaClock();
