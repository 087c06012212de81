/**
 * A sip.js Transport over TCP for Node: one listener for inbound connections plus outbound
 * connections on demand, all behind one UserAgent. sip.js's `send(message)` has no destination,
 * so we route from the message itself (RFC 3261 section 18):
 * - a response goes back on the connection its request came in on (section 18.2.2), found by the
 *   top Via branch (or, failing that, the Call-ID);
 * - a request inside a known call reuses that call's connection; otherwise we connect to the
 *   first Route (loose routing, RFC 3261 section 16.12) or the Request-URI host:port.
 * Incoming bytes are framed by Content-Length (framing.ts) and checked by the guard (guard.ts),
 * which answers 400 for malformed requests instead of letting sip.js drop them silently. Parsed
 * messages go straight to the user-agent core through `deliver` (no second parse). Routes, the
 * guard path and the sip.js state surface are shared with the WebSocket transport (transport-base.ts).
 */
import net from 'node:net';
import tls from 'node:tls';
import { Core, TransportState } from 'sip.js';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import { SipStreamFramer, toWire, type FrameEvent } from './framing.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';
import { headerValue, headOf, requestTarget, SipTransportBase, stripV4Mapped } from './transport-base.js';

export type { DeliverFn, TransportStats } from './transport-base.js';

/** After a framing error, close the connection this much later, ms (answers to earlier messages drain first). */
const FRAMING_CLOSE_DELAY_MS = 100;

export interface TcpTransportOptions {
  /** Listen for inbound SIP on this address (omit to only dial out). */
  listen?: { host: string; port: number };
  connectTimeoutMs?: number;
  /** Refuse connections from addresses that are not allowed (peer allow-list). */
  allowRemote?: (address: string) => boolean;
  /** SIP over TLS (RFC 3261 section 26.2) instead of TCP: server key/cert, and trust for outbound. */
  tls?: { key?: string | Buffer; cert?: string | Buffer; ca?: string | Buffer; rejectUnauthorized?: boolean };
  /** Partial-message and idle timers, per-source connection cap (stream-limits.ts; defaults there). */
  streams?: Partial<StreamLimits>;
  logger?: Logger;
}

/** Per-connection timer state. */
interface ConnState {
  framer: SipStreamFramer;
  lastActivityMs: number;
  idleTimer: NodeJS.Timeout | null;
  partialTimer: NodeJS.Timeout | null;
  remote: { address: string; port: number };
}

export class TcpSipTransport extends SipTransportBase<net.Socket> {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly byAddr = new Map<string, net.Socket>();
  private readonly pendingConnects = new Map<string, Promise<net.Socket>>();
  private readonly opts: TcpTransportOptions;
  readonly limits: StreamLimits;
  private readonly conns = new Map<net.Socket, ConnState>();
  /** Inbound connections open per source address (the cap). */
  private readonly perSource = new Map<string, number>();

  constructor(_logger: unknown, options: TcpTransportOptions) {
    super(options?.logger ?? createLogger({ name: 'sip-tcp' }));
    this.opts = options ?? {};
    this.limits = resolveStreamLimits(this.opts.streams);
  }

  get protocol(): string {
    return this.opts.tls ? 'TLS' : 'TCP';
  }

  async connect(): Promise<void> {
    if (this.state === TransportState.Connected) return;
    this.setState(TransportState.Connecting);
    if (this.opts.listen) {
      const t = this.opts.tls;
      // A stalled TLS handshake is a partial message too.
      const server = t ? tls.createServer({ key: t.key, cert: t.cert, handshakeTimeout: this.limits.partialMessageTimeoutMs }) : net.createServer();
      // The cap is applied on the raw connection, before a TLS handshake costs anything.
      server.prependListener('connection', (raw: net.Socket) => this.admit(raw));
      server.on(t ? 'secureConnection' : 'connection', (s: net.Socket) => { if (!s.destroyed) this.adopt(s); });
      if (t) server.on('tlsClientError', () => {}); // failed handshakes: nothing to answer
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.opts.listen!.port, this.opts.listen!.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.on('error', (err) => this.log.error({ code: (err as NodeJS.ErrnoException).code }, 'sip listener error'));
      this.server = server;
      this.listenPort = (server.address() as net.AddressInfo).port;
    }
    this.startSweep();
    this.setState(TransportState.Connected);
    this.onConnect?.();
  }

  async disconnect(): Promise<void> {
    if (this.state === TransportState.Disconnected) return;
    this.setState(TransportState.Disconnecting);
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    for (const c of this.conns.values()) this.clearTimers(c);
    this.conns.clear();
    this.perSource.clear();
    this.byAddr.clear();
    this.stopRoutes();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
    this.setState(TransportState.Disconnected);
  }

  async send(message: string): Promise<void> {
    const socket = await this.route(message);
    if (!socket || socket.destroyed) throw new Core.TransportError('no connection for this message');
    let out = message;
    if (!message.startsWith('SIP/2.0 ')) {
      if (this.opts.tls) out = out.replace(/\r\n(Via|v)([ \t]*:[ \t]*SIP\/2\.0\/)TCP/i, '\r\n$1$2TLS'); // sip.js only knows WSS / TCP
      if (this.listenPort) out = addViaPort(out, this.listenPort);
    }
    this.touch(socket);
    socket.write(toWire(out));
  }

  protected isOpen(s: net.Socket): boolean {
    return !s.destroyed;
  }

  protected write(s: net.Socket, bytes: Buffer): void {
    if (s.destroyed) return;
    this.touch(s);
    s.write(bytes);
  }

  protected remoteOfConn(s: net.Socket): { address: string; port: number } | null {
    return s.remoteAddress ? { address: stripV4Mapped(s.remoteAddress), port: s.remotePort ?? 0 } : null;
  }

  private async route(message: string): Promise<net.Socket | null> {
    const head = headOf(message);
    if (message.startsWith('SIP/2.0 ')) return this.responseRoute(head);
    const callId = headerValue(head, 'call-id', 'i');
    const known = this.callRoute(callId);
    if (known) return known;
    const target = requestTarget(head);
    if (!target) return null;
    const socket = await this.connectTo(target.host, target.port);
    this.rememberCall(callId, socket);
    return socket;
  }

  private connectTo(host: string, port: number): Promise<net.Socket> {
    const key = `${host}:${port}`;
    const open = this.byAddr.get(key);
    if (open && !open.destroyed) return Promise.resolve(open);
    const pending = this.pendingConnects.get(key);
    if (pending) return pending;
    const p = new Promise<net.Socket>((resolve, reject) => {
      const t = this.opts.tls;
      const s = t
        ? tls.connect({ host, port, ca: t.ca, rejectUnauthorized: t.rejectUnauthorized ?? true, ...(net.isIP(host) ? {} : { servername: host }) })
        : net.connect({ host, port });
      const timer = setTimeout(() => s.destroy(new Error('connect timeout')), this.opts.connectTimeoutMs ?? 5000);
      s.once(t ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        this.adopt(s);
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(new Core.TransportError(err.message));
      });
    }).finally(() => this.pendingConnects.delete(key));
    this.pendingConnects.set(key, p);
    return p;
  }

  /**
   * A new inbound connection, before anything else: over the per-source cap it is closed at
   * once. Returns whether it may stay.
   */
  private admit(raw: net.Socket): boolean {
    const address = stripV4Mapped(raw.remoteAddress ?? '');
    const open = this.perSource.get(address) ?? 0;
    if (open >= this.limits.maxConnectionsPerSource) {
      this.stats.refusedConnections++;
      // One line per refused connection would itself be a flood: the first, then every 100th.
      if (this.stats.refusedConnections % 100 === 1) this.log.warn({ remote: address, open, refused: this.stats.refusedConnections }, 'sip connection over the per-source cap, closed');
      raw.destroy();
      return false;
    }
    this.perSource.set(address, open + 1);
    raw.once('close', () => {
      const n = (this.perSource.get(address) ?? 1) - 1;
      if (n <= 0) this.perSource.delete(address);
      else this.perSource.set(address, n);
    });
    return true;
  }

  /** Octets went in or out on `s`: the idle clock starts again. */
  private touch(s: net.Socket): void {
    const c = this.conns.get(s);
    if (c) c.lastActivityMs = Date.now();
  }

  private clearTimers(c: ConnState): void {
    if (c.idleTimer) clearTimeout(c.idleTimer);
    if (c.partialTimer) clearTimeout(c.partialTimer);
    c.idleTimer = null;
    c.partialTimer = null;
  }

  /** Whether a call still up was routed on this connection (its BYE must not lose the way back). */
  private carriesLiveCall(s: net.Socket): boolean {
    for (const [callId, r] of this.byCallId) if (r.conn === s && this.liveCallIds?.(callId)) return true;
    return false;
  }

  private armIdle(s: net.Socket, c: ConnState, delayMs: number): void {
    c.idleTimer = setTimeout(() => {
      c.idleTimer = null;
      if (s.destroyed) return;
      const left = c.lastActivityMs + this.limits.idleTimeoutMs - Date.now();
      if (left > 0) return this.armIdle(s, c, left);
      if (this.carriesLiveCall(s)) return this.armIdle(s, c, this.limits.idleTimeoutMs);
      this.stats.timedOut++;
      this.log.info({ remote: c.remote.address, idleMs: this.limits.idleTimeoutMs }, 'idle sip connection closed');
      s.destroy();
    }, delayMs);
    c.idleTimer.unref();
  }

  /** After each chunk: a message left incomplete starts the partial-message timer; a complete one stops it. */
  private checkPartial(s: net.Socket, c: ConnState): void {
    if (c.framer.pendingOctets === 0) {
      if (c.partialTimer) clearTimeout(c.partialTimer);
      c.partialTimer = null;
      return;
    }
    if (c.partialTimer) return;
    c.partialTimer = setTimeout(() => {
      c.partialTimer = null;
      if (s.destroyed || c.framer.pendingOctets === 0) return;
      this.stats.timedOut++;
      const headerText = c.framer.pendingHeaderText();
      c.framer.stop();
      this.onFrame(s, { kind: 'error', problem: 'partial-message-timeout', ...(headerText !== undefined ? { headerText } : {}) }, c.remote);
    }, this.limits.partialMessageTimeoutMs);
    c.partialTimer.unref();
  }

  private adopt(s: net.Socket): void {
    const address = stripV4Mapped(s.remoteAddress ?? '');
    const port = s.remotePort ?? 0;
    if (this.opts.allowRemote && !this.opts.allowRemote(address)) {
      this.log.warn({ remote: address }, 'sip connection from a peer not in the allow-list, closed');
      s.destroy();
      return;
    }
    s.setNoDelay(true);
    s.setKeepAlive(true, 30_000);
    this.sockets.add(s);
    this.stats.connections++;
    this.byAddr.set(`${address}:${port}`, s);
    const framer = new SipStreamFramer();
    const conn: ConnState = { framer, lastActivityMs: Date.now(), idleTimer: null, partialTimer: null, remote: { address, port } };
    this.conns.set(s, conn);
    this.armIdle(s, conn, this.limits.idleTimeoutMs);
    s.on('data', (chunk: Buffer) => {
      conn.lastActivityMs = Date.now();
      for (const ev of framer.push(chunk)) this.onFrame(s, ev, { address, port });
      this.checkPartial(s, conn);
    });
    s.on('error', () => s.destroy());
    s.on('close', () => {
      this.clearTimers(conn);
      this.conns.delete(s);
      this.sockets.delete(s);
      if (this.byAddr.get(`${address}:${port}`) === s) this.byAddr.delete(`${address}:${port}`);
    });
  }

  private onFrame(s: net.Socket, ev: FrameEvent, remote: { address: string; port: number }): void {
    if (ev.kind === 'ping') {
      this.write(s, Buffer.from('\r\n')); // RFC 5626 section 4.4.1 pong
      return;
    }
    if (ev.kind === 'error') {
      // A byte stream cannot be resynchronised: answer if we can, then close.
      this.log.warn({ problem: ev.problem, remote: remote.address }, 'sip stream framing error, closing connection');
      // Close a moment later: answers sip.js is still writing to earlier messages of the same
      // chunk (its send is asynchronous) go out first; the framer ignores anything further.
      this.answerFramingError(s, ev.problem, ev.headerText);
      setTimeout(() => s.end(), FRAMING_CLOSE_DELAY_MS).unref();
      setTimeout(() => s.destroy(), FRAMING_CLOSE_DELAY_MS + 2000).unref();
      return;
    }
    this.receive(s, ev.text, remote);
  }
}

/**
 * sip.js writes its Via sent-by without a port; peers that answer to the sent-by (RFC 3261
 * section 18.2.2 when the connection is gone, and some that always do, e.g. baresip) would use
 * 5060. Our requests carry the port we listen on.
 */
function addViaPort(message: string, port: number): string {
  return message.replace(/\r\n(Via|v)([ \t]*:[ \t]*SIP\/2\.0\/[A-Za-z]+[ \t]+)([^;:\s,]+)(?=[;\s,])/i, `\r\n$1$2$3:${port}`);
}
