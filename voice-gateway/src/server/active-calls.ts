/**
 * The calls a gateway process holds, and its drain: once draining, the gateway takes no new call
 * (SIP INVITE -> 503 with Retry-After, a media WebSocket -> closed with 1013 "try again later",
 * /v1/dial -> a carrier-side failure the worker retries soon) while the calls in progress run to
 * their end, up to a limit. Shutdown waits on `drain()`.
 */
export class ActiveCalls {
  private readonly ids = new Set<string>();
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

  add(callId: string): void {
    this.ids.add(callId);
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
}
