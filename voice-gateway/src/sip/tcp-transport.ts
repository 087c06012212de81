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
  logger?: Logger;
}

export class TcpSipTransport extends SipTransportBase<net.Socket> {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly byAddr = new Map<string, net.Socket>();
  private readonly pendingConnects = new Map<string, Promise<net.Socket>>();
  private readonly opts: TcpTransportOptions;

  constructor(_logger: unknown, options: TcpTransportOptions) {
    super(options?.logger ?? createLogger({ name: 'sip-tcp' }));
    this.opts = options ?? {};
  }

  get protocol(): string {
    return this.opts.tls ? 'TLS' : 'TCP';
  }

  async connect(): Promise<void> {
    if (this.state === TransportState.Connected) return;
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
    this.startSweep();
    this.setState(TransportState.Connected);
    this.onConnect?.();
  }

  async disconnect(): Promise<void> {
    if (this.state === TransportState.Disconnected) return;
    this.setState(TransportState.Disconnecting);
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
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
    socket.write(toWire(out));
  }

  protected isOpen(s: net.Socket): boolean {
    return !s.destroyed;
  }

  protected write(s: net.Socket, bytes: Buffer): void {
    if (!s.destroyed) s.write(bytes);
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
