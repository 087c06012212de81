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
 * messages go straight to the user-agent core through `deliver` (no second parse).
 */
import net from 'node:net';
import tls from 'node:tls';
import { Core, EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import { SipStreamFramer, toWire, type FrameEvent } from './framing.js';
import { buildStatelessResponse, guardMessage } from './guard.js';

export interface TcpTransportOptions {
  /** Listen for inbound SIP on this address (omit to only dial out). */
  listen?: { host: string; port: number };
  connectTimeoutMs?: number;
  /** Refuse connections from addresses that are not allowed (peer allow-list). */
  allowRemote?: (address: string) => boolean;
  /** SIP over TLS (RFC 3261 section 26.2) instead of TCP: server key/cert, and trust for outbound. */
  tls?: { key?: string | Buffer; cert?: string | Buffer; ca?: string | Buffer; rejectUnauthorized?: boolean };
  logger?: Logger;
}

export type DeliverFn = (message: Core.IncomingRequestMessage | Core.IncomingResponseMessage, remote: { address: string; port: number }) => void;

export interface TransportStats {
  connections: number;
  messagesIn: number;
  rejected400: number;
  dropped: number;
}

/** Routing entries live this long after their last use, ms (64*T1, the transaction lifetime, times 2). */
const ROUTE_TTL_MS = 64_000;

interface Route { socket: net.Socket; at: number }

export class TcpSipTransport implements Transport {
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
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly byAddr = new Map<string, net.Socket>();
  private readonly pendingConnects = new Map<string, Promise<net.Socket>>();
  private readonly byBranch = new Map<string, Route>();
  private readonly byCallId = new Map<string, Route>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly log: Logger;
  private readonly opts: TcpTransportOptions;
  readonly stats: TransportStats = { connections: 0, messagesIn: 0, rejected400: 0, dropped: 0 };
  listenPort = 0;

  constructor(_logger: unknown, options: TcpTransportOptions) {
    this.opts = options ?? {};
    this.log = this.opts.logger ?? createLogger({ name: 'sip-tcp' });
  }

  get protocol(): string {
    return this.opts.tls ? 'TLS' : 'TCP';
  }

  get state(): TransportState {
    return this._state;
  }

  isConnected(): boolean {
    return this._state === TransportState.Connected;
  }

  async connect(): Promise<void> {
    if (this._state === TransportState.Connected) return;
    this.setState(TransportState.Connecting);
    if (this.opts.listen) {
      const t = this.opts.tls;
      const server = t ? tls.createServer({ key: t.key, cert: t.cert }, (s) => this.adopt(s)) : net.createServer((s) => this.adopt(s));
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
    this.sweepTimer = setInterval(() => this.sweep(), ROUTE_TTL_MS / 4);
    this.sweepTimer.unref();
    this.setState(TransportState.Connected);
    this.onConnect?.();
  }

  async disconnect(): Promise<void> {
    if (this._state === TransportState.Disconnected) return;
    this.setState(TransportState.Disconnecting);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.byAddr.clear();
    this.byBranch.clear();
    this.byCallId.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
    this.setState(TransportState.Disconnected);
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this._stateChange.removeAllListeners();
  }

  /** Remote address of the connection a call runs on (for logs and allow-lists). */
  remoteOf(callId: string): { address: string; port: number } | null {
    const s = this.byCallId.get(callId)?.socket;
    return s && s.remoteAddress ? { address: stripV4Mapped(s.remoteAddress), port: s.remotePort ?? 0 } : null;
  }

  async send(message: string): Promise<void> {
    const socket = await this.route(message);
    if (!socket || socket.destroyed) throw new Core.TransportError('no connection for this message');
    let out = message;
    if (!message.startsWith('SIP/2.0 ')) {
      if (this.opts.tls) out = out.replace(/\r\n(Via|v)([ \t]*:[ \t]*SIP\/2\.0\/)TCP/i, '\r\n$1$2TLS'); // sip.js only knows WSS / TCP
      if (this.listenPort) out = addViaPort(out, this.listenPort);
    }
    socket.write(toWire(out));
  }

  private async route(message: string): Promise<net.Socket | null> {
    const head = message.slice(0, message.indexOf('\r\n\r\n') >>> 0);
    const callId = headerValue(head, 'call-id', 'i');
    if (message.startsWith('SIP/2.0 ')) {
      const branch = /;\s*branch=([^;,\s]+)/i.exec(headerValue(head, 'via', 'v') ?? '')?.[1];
      const r = (branch ? this.byBranch.get(branch) : undefined) ?? (callId ? this.byCallId.get(callId) : undefined);
      return r && !r.socket.destroyed ? r.socket : null;
    }
    const known = callId ? this.byCallId.get(callId) : undefined;
    if (known && !known.socket.destroyed) {
      known.at = Date.now();
      return known.socket;
    }
    const target = requestTarget(head);
    if (!target) return null;
    const socket = await this.connectTo(target.host, target.port);
    if (callId) this.byCallId.set(callId, { socket, at: Date.now() });
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
    s.on('data', (chunk: Buffer) => {
      for (const ev of framer.push(chunk)) this.onFrame(s, ev, { address, port });
    });
    s.on('error', () => s.destroy());
    s.on('close', () => {
      this.sockets.delete(s);
      if (this.byAddr.get(`${address}:${port}`) === s) this.byAddr.delete(`${address}:${port}`);
    });
  }

  private onFrame(s: net.Socket, ev: FrameEvent, remote: { address: string; port: number }): void {
    if (ev.kind === 'ping') {
      s.write('\r\n'); // RFC 5626 section 4.4.1 pong
      return;
    }
    if (ev.kind === 'error') {
      this.stats.rejected400++;
      const reply = ev.headerText ? buildStatelessResponse(`${ev.headerText}\r\n\r\n`, 400, ev.problem) : null;
      this.log.warn({ problem: ev.problem, remote: remote.address }, 'sip stream framing error, closing connection');
      if (reply) s.end(Buffer.from(reply, 'latin1'));
      else s.destroy();
      return;
    }
    this.stats.messagesIn++;
    const g = guardMessage(ev.text);
    if (!g.ok) {
      if (g.reply) {
        this.stats.rejected400++;
        s.write(Buffer.from(g.reply, 'latin1'));
      } else this.stats.dropped++;
      this.log.info({ problem: g.problem, remote: remote.address, answered: g.reply !== null }, 'malformed sip message');
      return;
    }
    const m = g.message;
    const now = Date.now();
    if (m instanceof Core.IncomingRequestMessage) {
      const branch = /;\s*branch=([^;,\s]+)/i.exec(m.getHeader('via') ?? '')?.[1];
      if (branch) this.byBranch.set(branch, { socket: s, at: now });
      if (!this.byCallId.has(m.callId) || this.byCallId.get(m.callId)!.socket.destroyed) this.byCallId.set(m.callId, { socket: s, at: now });
      else this.byCallId.get(m.callId)!.at = now;
    }
    try {
      if (this.deliver) this.deliver(m, remote);
      else this.onMessage?.(ev.text);
    } catch (err) {
      // sip.js threw on a message the guard let through: answer what we can, never crash.
      this.stats.dropped++;
      this.log.error({ err: err instanceof Error ? err.message : 'unknown', remote: remote.address }, 'sip message handling failed');
      if (m instanceof Core.IncomingRequestMessage) {
        const reply = buildStatelessResponse(ev.text, 400, 'unprocessable');
        if (reply) s.write(Buffer.from(reply, 'latin1'));
      }
    }
  }

  private sweep(): void {
    const cutoff = Date.now() - ROUTE_TTL_MS;
    for (const [k, r] of this.byBranch) if (r.at < cutoff || r.socket.destroyed) this.byBranch.delete(k);
    for (const [k, r] of this.byCallId) if (r.socket.destroyed || (r.at < cutoff && !this.liveCallIds?.(k))) this.byCallId.delete(k);
  }

  /** Set by SipEndpoint: Call-IDs of calls still up (their routes are kept). */
  liveCallIds: ((callId: string) => boolean) | undefined;

  /** Number of routing entries (tests check that nothing leaks). */
  get routeEntries(): number {
    return this.byBranch.size + this.byCallId.size;
  }

  /** Forget routes of a finished call now (the sweep would do it later). */
  forgetCall(callId: string): void {
    this.byCallId.delete(callId);
  }

  private setState(s: TransportState): void {
    this._state = s;
    this._stateChange.emit(s);
  }
}

function stripV4Mapped(a: string): string {
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

function headerValue(head: string, long: string, short: string): string | undefined {
  const m = new RegExp(`\\r\\n(?:${long}|${short})[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i').exec(head);
  return m?.[1];
}

/** Where a request goes: the first Route if present, else the Request-URI (default port 5060). */
function requestTarget(head: string): { host: string; port: number } | null {
  const route = headerValue(head, 'route', 'route');
  let uri: string | undefined;
  if (route) uri = /<([^>]+)>/.exec(route)?.[1];
  uri ??= /^\S+ (\S+) SIP\/2\.0/.exec(head)?.[1];
  if (!uri) return null;
  const m = /^sips?:(?:[^@;]*@)?(\[[^\]]+\]|[^:;>?]+)(?::(\d+))?/i.exec(uri);
  if (!m) return null;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 5060 };
}

/**
 * sip.js writes its Via sent-by without a port; peers that answer to the sent-by (RFC 3261
 * section 18.2.2 when the connection is gone, and some that always do, e.g. baresip) would use
 * 5060. Our requests carry the port we listen on.
 */
function addViaPort(message: string, port: number): string {
  return message.replace(/\r\n(Via|v)([ \t]*:[ \t]*SIP\/2\.0\/[A-Za-z]+[ \t]+)([^;:\s,]+)(?=[;\s,])/i, `\r\n$1$2$3:${port}`);
}
