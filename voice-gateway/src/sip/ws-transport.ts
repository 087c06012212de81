/**
 * A sip.js Transport over one WebSocket client connection (RFC 7118, SIP over WebSocket,
 * subprotocol "sip") toward an edge proxy (Kamailio's websocket module): the gateway connects
 * out, registers its AOR over the connection, and the proxy sends calls for that AOR back on it
 * (the proxy never opens WebSocket connections itself). Every request and response we send goes
 * on that connection: the proxy is our first hop for everything.
 *
 * - One SIP message per WebSocket message, text or binary frames accepted (section 5.2); octets
 *   kept 1:1 as latin1 (framing.ts `frameMessage`); we send text frames unless the octets are not
 *   UTF-8 (a binary body), then a binary frame, as section 5.2 asks.
 * - Malformed messages go through the guard like on TCP (transport-base.ts): 400 back when
 *   possible, dropped otherwise; the connection stays up (message boundaries survive an error).
 * - A dropped connection is logged and reopened with exponential backoff (no crash); `onReconnect`
 *   tells SipEndpoint to REGISTER again. Sends while reconnecting wait up to `sendWaitMs`.
 * - WebSocket pings detect a dead peer (no pong within keepAliveMs: the connection is dropped).
 */
import { isUtf8 } from 'node:buffer';
import { Core, TransportState } from 'sip.js';
import WebSocket from 'ws';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import { frameMessage, MAX_BODY_BYTES, MAX_HEADER_BYTES, toWire } from './framing.js';
import { headerValue, headOf, SipTransportBase, stripV4Mapped } from './transport-base.js';

export interface WsTransportOptions {
  /** ws://host:port/path or wss://host:port/path of the edge proxy. */
  url: string;
  /** Trust for wss:// (the proxy's CA), as for SIP over TLS. */
  tls?: { ca?: string | Buffer; rejectUnauthorized?: boolean };
  /** Opening handshake timeout per attempt, ms (default 5000). */
  connectTimeoutMs?: number;
  /** How long the first `connect()` keeps trying before it fails, ms (default 10000). */
  startTimeoutMs?: number;
  /** Reconnect backoff: first delay and ceiling, ms (default 250 .. 10000, doubling, +-20 % jitter). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** A send while the connection is down waits this long for it to come back, ms (default 3000). */
  sendWaitMs?: number;
  /** WebSocket ping interval; a connection without a pong by the next ping is dropped, ms (default 20000). */
  keepAliveMs?: number;
  logger?: Logger;
}

export class WsSipTransport extends SipTransportBase<WebSocket> {
  /** Set by SipEndpoint: called after a dropped connection is open again (re-REGISTER). */
  onReconnect: (() => void) | undefined;
  /** Connections opened so far (the first one included). */
  opened = 0;
  private ws: WebSocket | null = null;
  private readonly opts: WsTransportOptions;
  private readonly url: URL;
  private stopping = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private waiters: (() => void)[] = [];

  constructor(_logger: unknown, options: WsTransportOptions) {
    super(options?.logger ?? createLogger({ name: 'sip-ws' }));
    this.opts = options;
    this.url = new URL(options.url);
    if (this.url.protocol !== 'ws:' && this.url.protocol !== 'wss:') throw new Core.TransportError('websocket url must be ws:// or wss://');
  }

  get protocol(): string {
    return this.url.protocol === 'wss:' ? 'WSS' : 'WS';
  }

  /** Opens the connection; resolves once open, rejects when none opened within startTimeoutMs. */
  async connect(): Promise<void> {
    if (this.state === TransportState.Connected) return;
    this.stopping = false;
    this.setState(TransportState.Connecting);
    this.startSweep();
    const opened = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.open();
    const limit = this.opts.startTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([opened.then(() => true), new Promise<boolean>((r) => { timer = setTimeout(() => r(false), limit); })]);
    clearTimeout(timer);
    if (!ok) {
      await this.disconnect();
      throw new Core.TransportError(`websocket ${this.url.host} not reachable within ${limit} ms`);
    }
  }

  async disconnect(): Promise<void> {
    if (this.state === TransportState.Disconnected) return;
    this.stopping = true;
    this.setState(TransportState.Disconnecting);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopPing();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      await new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        const t = setTimeout(() => { ws.terminate(); resolve(); }, 1000);
        ws.once('close', () => { clearTimeout(t); resolve(); });
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000);
      });
    }
    this.stopRoutes();
    this.wake();
    this.setState(TransportState.Disconnected);
  }

  async send(message: string): Promise<void> {
    const ws = await this.current();
    if (!ws) throw new Core.TransportError('websocket not connected');
    if (!message.startsWith('SIP/2.0 ')) this.rememberCall(headerValue(headOf(message), 'call-id', 'i'), ws);
    const bytes = toWire(message);
    await new Promise<void>((resolve, reject) => {
      ws.send(bytes, { binary: !isUtf8(bytes) }, (err) => (err ? reject(new Core.TransportError(err.message)) : resolve()));
    });
  }

  protected isOpen(ws: WebSocket): boolean {
    return ws.readyState === WebSocket.OPEN;
  }

  protected write(ws: WebSocket, bytes: Buffer): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: !isUtf8(bytes) }, () => {});
  }

  protected remoteOfConn(ws: WebSocket): { address: string; port: number } | null {
    const s = (ws as unknown as { _socket?: { remoteAddress?: string; remotePort?: number } })._socket;
    return s?.remoteAddress ? { address: stripV4Mapped(s.remoteAddress), port: s.remotePort ?? 0 } : null;
  }

  /** The open connection, waiting up to sendWaitMs while a reconnect is under way. */
  private async current(): Promise<WebSocket | null> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return this.ws;
    if (this.stopping || this.state === TransportState.Disconnected) return null;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((r) => this.waiters.push(r)),
      new Promise<void>((r) => { timer = setTimeout(r, this.opts.sendWaitMs ?? 3000); }),
    ]);
    clearTimeout(timer);
    return this.ws && this.ws.readyState === WebSocket.OPEN ? this.ws : null;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private open(): void {
    if (this.stopping) return;
    const t = this.opts.tls;
    const ws = new WebSocket(this.url, 'sip', {
      handshakeTimeout: this.opts.connectTimeoutMs ?? 5000,
      maxPayload: MAX_HEADER_BYTES + MAX_BODY_BYTES,
      perMessageDeflate: false,
      ...(this.url.protocol === 'wss:' ? { ca: t?.ca, rejectUnauthorized: t?.rejectUnauthorized ?? true } : {}),
    });
    this.ws = ws;
    let wasOpen = false;
    ws.on('open', () => {
      if (ws.protocol !== 'sip') {
        // RFC 7118 section 4.1: the server must agree on "sip"; anything else is not a SIP peer.
        this.log.error({ remote: this.url.host }, 'websocket peer did not accept the sip subprotocol');
        ws.terminate();
        return;
      }
      wasOpen = true;
      const again = this.opened > 0;
      this.opened++;
      this.stats.connections++;
      this.attempt = 0;
      this.startPing(ws);
      this.setState(TransportState.Connected);
      if (again) this.log.info({ remote: this.url.host }, 'sip websocket reconnected');
      this.wake();
      this.onConnect?.();
      if (again) {
        try {
          this.onReconnect?.();
        } catch (err) {
          this.log.error({ err: err instanceof Error ? err.message : 'unknown' }, 'sip websocket reconnect hook failed');
        }
      }
    });
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      void isBinary; // text and binary frames are treated alike (octets 1:1)
      const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      this.onData(ws, buf);
    });
    ws.on('pong', () => { (ws as unknown as { tzAlive: boolean }).tzAlive = true; });
    ws.on('error', (err) => {
      // 'close' follows; the reason is logged there (a refused connection is not worth two lines).
      (ws as unknown as { tzError: string }).tzError = (err as NodeJS.ErrnoException).code ?? err.message;
    });
    ws.on('close', (code: number) => {
      if (this.ws === ws) this.ws = null;
      this.stopPing();
      if (this.stopping) return;
      const reason = (ws as unknown as { tzError?: string }).tzError;
      if (wasOpen) {
        this.log.warn({ remote: this.url.host, code, reason }, 'sip websocket dropped, reconnecting');
        this.setState(TransportState.Connecting);
        this.onDisconnect?.(new Core.TransportError('websocket closed'));
      } else if (this.attempt === 0 || this.attempt % 10 === 0) {
        this.log.warn({ remote: this.url.host, code, reason, attempt: this.attempt }, 'sip websocket connect failed, retrying');
      }
      this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    if (this.stopping || this.retryTimer) return;
    const initial = this.opts.backoff?.initialMs ?? 250;
    const max = this.opts.backoff?.maxMs ?? 10_000;
    const base = Math.min(max, initial * 2 ** Math.min(this.attempt, 20));
    const delay = Math.round(base * (0.8 + 0.4 * Math.random()));
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
    this.retryTimer.unref();
  }

  private startPing(ws: WebSocket): void {
    this.stopPing();
    const every = this.opts.keepAliveMs ?? 20_000;
    const w = ws as unknown as { tzAlive: boolean };
    w.tzAlive = true;
    this.pingTimer = setInterval(() => {
      if (!w.tzAlive) {
        this.log.warn({ remote: this.url.host }, 'sip websocket peer stopped answering pings');
        ws.terminate();
        return;
      }
      w.tzAlive = false;
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    }, every);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private onData(ws: WebSocket, data: Buffer): void {
    const remote = this.remoteOfConn(ws) ?? { address: this.url.hostname, port: Number(this.url.port) || 0 };
    const ev = frameMessage(data);
    if (!ev) return; // keep-alive whitespace
    if (ev.kind === 'error') {
      const answered = this.answerFramingError(ws, ev.problem, ev.headerText);
      this.log.info({ problem: ev.problem, remote: remote.address, answered }, 'malformed sip message');
      return;
    }
    this.receive(ws, ev.text, remote);
  }
}
