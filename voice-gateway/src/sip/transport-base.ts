/**
 * What our sip.js transports (tcp-transport.ts, ws-transport.ts) share: the sip.js `Transport`
 * state surface, per-call / per-transaction routes to the connection a message came in on, and
 * the receive path: guard (guard.ts) -> 400 back or drop -> parsed message to the user-agent core
 * through `deliver` (one parse, not two). A subclass supplies the connection type `C` and how to
 * write octets to one.
 */
import { Core, EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';
import type { Logger } from '@tingzhen/voice-core';
import { buildStatelessResponse, guardMessage } from './guard.js';

export type DeliverFn = (message: Core.IncomingRequestMessage | Core.IncomingResponseMessage, remote: { address: string; port: number }) => void;

export interface TransportStats {
  connections: number;
  messagesIn: number;
  rejected400: number;
  dropped: number;
  /** Stream connections closed by the partial-message or idle timer. */
  timedOut: number;
  /** Inbound stream connections closed at accept: over the per-source cap. */
  refusedConnections: number;
}

/** Routing entries live this long after their last use, ms (64*T1, the transaction lifetime, times 2). */
export const ROUTE_TTL_MS = 64_000;

export interface Route<C> { conn: C; at: number }

export abstract class SipTransportBase<C> implements Transport {
  private _state = TransportState.Disconnected;
  private readonly _stateChange = new EmitterImpl<TransportState>();
  get stateChange(): Emitter<TransportState> {
    return this._stateChange;
  }
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  /** Set by SipEndpoint: parsed messages go here instead of onMessage (avoids parsing twice). */
  deliver: DeliverFn | undefined;
  /** Set by SipEndpoint: Call-IDs of calls still up (their routes are kept). */
  liveCallIds: ((callId: string) => boolean) | undefined;
  readonly stats: TransportStats = { connections: 0, messagesIn: 0, rejected400: 0, dropped: 0, timedOut: 0, refusedConnections: 0 };
  /** Port we accept SIP on (0: not listening, e.g. a WebSocket client). */
  listenPort = 0;
  protected readonly byBranch = new Map<string, Route<C>>();
  protected readonly byCallId = new Map<string, Route<C>>();
  private sweepTimer: NodeJS.Timeout | null = null;

  protected constructor(protected readonly log: Logger) {}

  abstract get protocol(): string;
  abstract connect(): Promise<void>;
  abstract disconnect(): Promise<void>;
  abstract send(message: string): Promise<void>;
  /** The connection can still carry octets. */
  protected abstract isOpen(conn: C): boolean;
  protected abstract write(conn: C, bytes: Buffer): void;
  protected abstract remoteOfConn(conn: C): { address: string; port: number } | null;

  get state(): TransportState {
    return this._state;
  }

  isConnected(): boolean {
    return this._state === TransportState.Connected;
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this._stateChange.removeAllListeners();
  }

  /** Remote address of the connection a call runs on (for logs and allow-lists). */
  remoteOf(callId: string): { address: string; port: number } | null {
    const r = this.byCallId.get(callId);
    return r ? this.remoteOfConn(r.conn) : null;
  }

  /** Number of routing entries (tests check that nothing leaks). */
  get routeEntries(): number {
    return this.byBranch.size + this.byCallId.size;
  }

  /** Forget routes of a finished call now (the sweep would do it later). */
  forgetCall(callId: string): void {
    this.byCallId.delete(callId);
  }

  protected setState(s: TransportState): void {
    if (this._state === s) return;
    this._state = s;
    this._stateChange.emit(s);
  }

  protected startSweep(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => this.sweep(), ROUTE_TTL_MS / 4);
    this.sweepTimer.unref();
  }

  protected stopRoutes(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.byBranch.clear();
    this.byCallId.clear();
  }

  private sweep(): void {
    const cutoff = Date.now() - ROUTE_TTL_MS;
    for (const [k, r] of this.byBranch) if (r.at < cutoff || !this.isOpen(r.conn)) this.byBranch.delete(k);
    for (const [k, r] of this.byCallId) if (!this.isOpen(r.conn) || (r.at < cutoff && !this.liveCallIds?.(k))) this.byCallId.delete(k);
  }

  /**
   * The connection a response goes back on (RFC 3261 section 18.2.2): by its request's transaction
   * (top Via branch + sent-by + CSeq method, section 17.2.3: another host or method may reuse a
   * branch), else Call-ID.
   */
  protected responseRoute(head: string): C | null {
    const key = transactionRouteKey(headerValue(head, 'via', 'v'), /^\s*\d+\s+(\S+)/.exec(headerValue(head, 'cseq', 'cseq') ?? '')?.[1]);
    const callId = headerValue(head, 'call-id', 'i');
    const r = (key ? this.byBranch.get(key) : undefined) ?? (callId ? this.byCallId.get(callId) : undefined);
    return r && this.isOpen(r.conn) ? r.conn : null;
  }

  /** An open connection already carrying this Call-ID (refreshed), if any. */
  protected callRoute(callId: string | undefined): C | null {
    const known = callId ? this.byCallId.get(callId) : undefined;
    if (!known || !this.isOpen(known.conn)) return null;
    known.at = Date.now();
    return known.conn;
  }

  protected rememberCall(callId: string | undefined, conn: C): void {
    if (callId) this.byCallId.set(callId, { conn, at: Date.now() });
  }

  /** A framing error: 400 back when the header block is a request that can be answered. */
  protected answerFramingError(conn: C, problem: string, headerText: string | undefined): boolean {
    const reply = headerText ? buildStatelessResponse(`${headerText}\r\n\r\n`, 400, problem) : null;
    if (reply) {
      this.stats.rejected400++;
      this.write(conn, Buffer.from(reply, 'latin1'));
    } else this.stats.dropped++;
    return reply !== null;
  }

  /**
   * One complete message (latin1 text, octets 1:1) from `conn`: guard, remember its routes,
   * hand it to the user-agent core. Malformed requests get a 400 where possible; nothing throws.
   */
  protected receive(conn: C, text: string, remote: { address: string; port: number }): void {
    this.stats.messagesIn++;
    const g = guardMessage(text);
    if (!g.ok) {
      if (g.reply) {
        this.stats.rejected400++;
        this.write(conn, Buffer.from(g.reply, 'latin1'));
      } else this.stats.dropped++;
      this.log.info({ problem: g.problem, remote: remote.address, answered: g.reply !== null }, 'malformed sip message');
      return;
    }
    const m = g.message;
    const now = Date.now();
    if (m instanceof Core.IncomingRequestMessage) {
      const key = transactionRouteKey(m.getHeader('via'), m.method);
      if (key) this.byBranch.set(key, { conn, at: now });
      const r = this.byCallId.get(m.callId);
      if (!r || !this.isOpen(r.conn)) this.byCallId.set(m.callId, { conn, at: now });
      else r.at = now;
    }
    try {
      if (this.deliver) this.deliver(m, remote);
      else this.onMessage?.(text);
    } catch (err) {
      // sip.js threw on a message the guard let through: answer what we can, never crash.
      this.stats.dropped++;
      this.log.error({ err: err instanceof Error ? err.message : 'unknown', remote: remote.address }, 'sip message handling failed');
      if (m instanceof Core.IncomingRequestMessage) {
        const reply = buildStatelessResponse(text, 400, 'unprocessable');
        if (reply && this.isOpen(conn)) this.write(conn, Buffer.from(reply, 'latin1'));
      }
    }
  }
}

export function stripV4Mapped(a: string): string {
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** First value of a header (long or compact name) in a header block that starts with the start line. */
export function headerValue(head: string, long: string, short: string): string | undefined {
  const m = new RegExp(`\\r\\n(?:${long}|${short})[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i').exec(head);
  return m?.[1];
}

export function viaBranch(via: string | undefined): string | undefined {
  return /;\s*branch=([^;,\s]+)/i.exec(via ?? '')?.[1];
}

/**
 * Routing key of a server transaction (RFC 3261 section 17.2.3): top Via branch, sent-by
 * (lower-cased, spaces dropped) and method; undefined without a branch.
 */
export function transactionRouteKey(via: string | undefined, method: string | undefined): string | undefined {
  const branch = viaBranch(via);
  if (!branch || !method) return undefined;
  const sentBy = /^\s*SIP\s*\/\s*[^/\s]+\s*\/\s*\S+\s+([^;,]+)/i.exec(via ?? '')?.[1]?.replace(/\s+/g, '').toLowerCase() ?? '';
  return `${branch}\n${sentBy}\n${method}`;
}

/** The header block of a message (up to, not including, the blank line). */
export function headOf(message: string): string {
  return message.slice(0, message.indexOf('\r\n\r\n') >>> 0);
}

/** Where a request goes: the first Route if present, else the Request-URI (default port 5060). */
export function requestTarget(head: string): { host: string; port: number } | null {
  const route = headerValue(head, 'route', 'route');
  let uri: string | undefined;
  if (route) uri = /<([^>]+)>/.exec(route)?.[1];
  uri ??= /^\S+ (\S+) SIP\/2\.0/.exec(head)?.[1];
  if (!uri) return null;
  const m = /^sips?:(?:[^@;]*@)?(\[[^\]]+\]|[^:;>?]+)(?::(\d+))?/i.exec(uri);
  if (!m) return null;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 5060 };
}
