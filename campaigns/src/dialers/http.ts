/**
 * The Dialer contract over HTTP: POST <gatewayUrl>/v1/dial with the request as JSON, the outcome
 * comes back as JSON when the call ends. A transport failure is a failed call (retried per the
 * campaign's policy), never an exception that would make bullmq re-run a call.
 */
import { Value } from '@sinclair/typebox/value';
import { Agent, fetch as undiciFetch } from 'undici';
import { CallOutcomeSchema, TzError } from '@tingzhen/voice-core';
import type { CallOutcome, DialRequest, Dialer } from '../dialing/types.js';

export interface HttpDialerOptions {
  gatewayUrl: string;
  /**
   * Bearer token the gateway expects: a function signs a fresh, short-lived one per request (the
   * worker's dial token names the one attempt it dials); a string is sent as it is.
   */
  token?: string | ((req: { attemptId: string }) => string);
  fetchImpl?: typeof fetch;
}

/**
 * The outcome comes back when the call ends, which can be many minutes: Node's global fetch gives
 * up waiting for response headers after 300 s. This agent waits as long as the call lasts (the
 * worker's AbortSignal ends it after maxCallMs).
 */
const longCallAgent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
const longCallFetch = ((url: URL, init: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher: longCallAgent })) as unknown as typeof fetch;

export class HttpDialer implements Dialer {
  constructor(private readonly opts: HttpDialerOptions) {
    if (!/^https?:\/\//.test(opts.gatewayUrl)) throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'gatewayUrl' });
  }

  async dial(req: DialRequest): Promise<CallOutcome> {
    const { signal, onEvent: _onEvent, ...body } = req;
    const f = this.opts.fetchImpl ?? longCallFetch;
    const token = typeof this.opts.token === 'function' ? this.opts.token({ attemptId: req.attemptId }) : this.opts.token;
    let res: Response;
    try {
      res = await f(new URL('/v1/dial', this.opts.gatewayUrl), {
        method: 'POST', signal,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    } catch {
      // Aborted by the worker (call too long, or the worker is shutting down) or no gateway at all.
      return { kind: 'failed', reason: signal.aborted ? 'call_aborted' : 'gateway_unreachable', carrierFault: true };
    }
    if (!res.ok) return { kind: 'failed', reason: `gateway_http_${res.status}`, carrierFault: true };
    const json: unknown = await res.json().catch(() => null);
    if (!Value.Check(CallOutcomeSchema, json)) return { kind: 'failed', reason: 'gateway_bad_outcome' };
    return json;
  }
}
