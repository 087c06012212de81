/**
 * An in-process dialer for tests and benchmarks: each call's outcome comes from a function of the
 * request (or a fixed outcome), after an optional simulated call time that honours the abort signal.
 */
import { callResult } from '@tingzhen/voice-core';
import type { CallOutcome, DialRequest, Dialer } from '../dialing/types.js';

export interface StubDialerOptions {
  outcome?: CallOutcome | ((req: DialRequest, callNo: number) => CallOutcome | Promise<CallOutcome>);
  /** Simulated call duration, ms. */
  callMs?: number;
}

export const ANSWERED_OK: CallOutcome = {
  kind: 'answered', amd: 'human',
  result: callResult({ answers: { wellbeing: { type: 'choice', value: 'better' } }, disposition: 'D1', durationMs: 60_000, hangupReason: 'completed', outcome: 'completed' }),
};

export class StubDialer implements Dialer {
  readonly calls: DialRequest[] = [];
  /** Calls in progress right now, and the most at once. */
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly opts: StubDialerOptions = {}) {}

  async dial(req: DialRequest): Promise<CallOutcome> {
    this.calls.push(req);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      req.onEvent?.('ringing');
      if (this.opts.callMs) await sleep(this.opts.callMs, req.signal);
      const o = this.opts.outcome;
      if (typeof o === 'function') return await o(req, this.calls.length);
      return o ?? ANSWERED_OK;
    } finally {
      this.inFlight--;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(new Error('aborted')); return; }
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); reject(new Error('aborted')); }, { once: true });
  });
}
