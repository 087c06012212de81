/**
 * The calls a gateway process holds, and its drain: once draining, the gateway takes no new call
 * (SIP INVITE -> 503 with Retry-After, a media WebSocket -> closed with 1013 "try again later",
 * /v1/dial -> a carrier-side failure the worker retries soon) while the calls in progress run to
 * their end, up to a limit. Shutdown waits on `drain()`.
 */
export class ActiveCalls {
  private readonly ids = new Map<string, AbortController>();
  private idleWaiters: (() => void)[] = [];
  private _draining = false;

  get draining(): boolean {
    return this._draining;
  }

  get size(): number {
    return this.ids.size;
  }

  /** Whether a new call may start now. */
  accepting(): boolean {
    return !this._draining;
  }

  /** A call started; its signal aborts (reason 'platform-shutdown') when the platform cuts it (`endAll`). */
  add(callId: string): AbortSignal {
    const c = new AbortController();
    this.ids.set(callId, c);
    return c.signal;
  }

  delete(callId: string): void {
    this.ids.delete(callId);
    if (this.ids.size === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  /**
   * Stop taking calls and wait for the ones in progress to end, at most `timeoutMs`.
   * Resolves with how many were still up when the wait ended (0: all finished on their own).
   */
  async drain(timeoutMs: number): Promise<number> {
    this._draining = true;
    if (this.ids.size === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((r) => this.idleWaiters.push(r)),
      new Promise<void>((r) => { timer = setTimeout(r, timeoutMs); }),
    ]);
    clearTimeout(timer);
    return this.ids.size;
  }

  /**
   * The drain limit was reached: end every call still up as cut by the platform (each is filed as
   * `platform-shutdown`, not as a caller who hung up), and wait up to `timeoutMs` for them to end.
   */
  async endAll(timeoutMs: number): Promise<number> {
    this._draining = true;
    for (const c of this.ids.values()) c.abort('platform-shutdown');
    return this.drain(timeoutMs);
  }
}
