/**
 * The three ways fuzz cases reach the gateway:
 * - tcp: straight to the gateway's SIP port, a small pool of connections, each carrying a few cases
 *   then closed (a case that breaks the framing spoils only its own connection's next cases);
 * - udp: to the Kamailio edge (sip-config/kamailio/kamailio.cfg), which relays what passes its
 *   checks to the gateway over TCP;
 * - ws: the fuzzer is the WebSocket edge the gateway connects to (RFC 7118), one case per message.
 * Each lane answers what comes back like a UAC (wire.ts) and counts the answers by status class.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isUtf8 } from 'node:buffer';
import net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FuzzTransport } from './corpus.js';
import type { FuzzCase } from './generator.js';
import { peerReplies, StreamReader, type SipMsg } from './wire.js';

/**
 * After a connection's last case, how long it stays open for answers (and our ACK/BYE), ms: long
 * enough for a gateway that answers late, short enough to stay well under the gateway's 100
 * connections per source (stream-limits.ts) at a few hundred cases a second.
 */
const LINGER_MS = 5000;

export interface LaneStats {
  sent: number;
  bytes: number;
  /**
   * Bytes that left this process (TCP: written to the kernel before the connection closed; WS:
   * not still buffered at the end; UDP: sent without error). Below `bytes` when the gateway fell
   * behind: what a closed connection had not written never reached it.
   */
  delivered: number;
  /** Responses from the gateway (or the edge) by status class ('1xx'...), requests from it as 'request'. */
  received: Map<string, number>;
  /** Connections the other side closed before we did (tcp), reconnects of the gateway (ws). */
  closedByPeer: number;
  /** Cases that could not be sent (no connection, send error). */
  notSent: number;
}

export interface Lane {
  readonly transport: FuzzTransport;
  readonly stats: LaneStats;
  send(c: FuzzCase): void;
  /** Messages from the far side that are not the fuzz traffic's own (the probe listens here). */
  onMessage?: (m: SipMsg) => void;
  close(): Promise<void>;
}

const newStats = (): LaneStats => ({ sent: 0, bytes: 0, delivered: 0, received: new Map(), closedByPeer: 0, notSent: 0 });

function count(stats: LaneStats, m: SipMsg): void {
  const k = m.status === null ? 'request' : `${Math.floor(m.status / 100)}xx`;
  stats.received.set(k, (stats.received.get(k) ?? 0) + 1);
}

interface Conn { sock: net.Socket; left: number }

export function tcpLane(o: { port: number; pool: number; casesPerConnection: number; mutateReply: (t: string) => string }): Lane {
  const stats = newStats();
  const conns: (Conn | null)[] = Array.from({ length: o.pool }, () => null);
  const live = new Set<net.Socket>();
  let next = 0;
  const open = (): Conn => {
    const sock = net.connect(o.port, '127.0.0.1');
    sock.setNoDelay(true);
    const reader = new StreamReader();
    let closedByUs = false;
    let replyBytes = 0;
    live.add(sock);
    sock.on('data', (d: Buffer) => {
      for (const m of reader.push(d.toString('latin1'))) {
        count(stats, m);
        for (const r of peerReplies(m, 'tcp', o.mutateReply)) if (!sock.destroyed) { replyBytes += r.length; sock.write(Buffer.from(r, 'latin1')); }
      }
    });
    sock.on('error', () => {});
    sock.on('close', () => { live.delete(sock); stats.delivered += sock.bytesWritten - replyBytes; if (!closedByUs) stats.closedByPeer++; });
    (sock as net.Socket & { retire?: () => void }).retire = () => { setTimeout(() => { closedByUs = true; sock.destroy(); }, LINGER_MS).unref(); };
    return { sock, left: o.casesPerConnection };
  };
  return {
    transport: 'tcp', stats,
    send(c) {
      const slot = next++ % o.pool;
      let conn = conns[slot];
      if (!conn || conn.sock.destroyed) conn = conns[slot] = open();
      const step = c.splitBytes ?? c.bytes.length;
      for (let i = 0; i < c.bytes.length; i += step) conn.sock.write(c.bytes.subarray(i, i + step));
      stats.sent++; stats.bytes += c.bytes.length;
      if (--conn.left <= 0) { (conn.sock as net.Socket & { retire: () => void }).retire(); conns[slot] = null; }
    },
    async close() { for (const s of live) s.destroy(); },
  };
}

export async function udpLane(o: { edgePort: number; mutateReply: (t: string) => string }): Promise<Lane & { sendProbe(text: string): void }> {
  const stats = newStats();
  const sock: UdpSocket = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const lane: Lane & { sendProbe(text: string): void } = {
    transport: 'udp', stats,
    /** The edge's OPTIONS probe, from the same socket (not counted as a case). */
    sendProbe(text) { sock.send(Buffer.from(text, 'latin1'), o.edgePort, '127.0.0.1'); },
    send(c) {
      sock.send(c.bytes, o.edgePort, '127.0.0.1', (err) => { if (err) stats.notSent++; else stats.delivered += c.bytes.length; });
      stats.sent++; stats.bytes += c.bytes.length;
    },
    async close() { await new Promise<void>((r) => sock.close(() => r())); },
  };
  sock.on('message', (d) => {
    for (const m of new StreamReader().push(d.toString('latin1'))) {
      if (m.callId.startsWith('probe-')) { lane.onMessage?.(m); continue; }
      count(stats, m);
      for (const r of peerReplies(m, 'udp', o.mutateReply)) sock.send(Buffer.from(r, 'latin1'), o.edgePort, '127.0.0.1');
    }
  });
  sock.on('error', () => {});
  return lane;
}

export type WsLane = Lane & { connected(): boolean; sendText(t: string): boolean; ready(timeoutMs: number): Promise<void> };

/** The WebSocket edge (attach it before the gateway starts: it connects at once); `ready` waits for the connection. */
export function wsLane(o: { wss: WebSocketServer; mutateReply: (t: string) => string }): WsLane {
  const stats = newStats();
  let conn: WebSocket | null = null;
  let first = true;
  const lane = {
    transport: 'ws' as const, stats,
    onMessage: undefined as ((m: SipMsg) => void) | undefined,
    connected: () => conn !== null && conn.readyState === conn.OPEN,
    sendText(t: string): boolean {
      if (!lane.connected()) return false;
      const b = Buffer.from(t, 'latin1');
      conn!.send(b, { binary: !isUtf8(b) });
      return true;
    },
    send(c: FuzzCase) {
      if (!lane.connected()) { stats.notSent++; return; }
      conn!.send(c.bytes, { binary: !isUtf8(c.bytes) });
      stats.sent++; stats.bytes += c.bytes.length;
    },
    async close() { stats.delivered = stats.bytes - (conn?.bufferedAmount ?? 0); conn?.terminate(); },
    async ready(timeoutMs: number) {
      const t0 = Date.now();
      while (!lane.connected() && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 50));
      if (!lane.connected()) throw new Error(`the gateway did not connect to the WebSocket edge within ${timeoutMs} ms`);
    },
  };
  o.wss.on('connection', (ws) => {
    if (!first) stats.closedByPeer++;
    first = false;
    conn = ws;
    ws.on('message', (data: Buffer) => {
      for (const m of new StreamReader().push(data.toString('latin1'))) {
        if (m.callId.startsWith('probe-')) { lane.onMessage?.(m); continue; }
        count(stats, m);
        for (const r of peerReplies(m, 'ws', o.mutateReply)) lane.sendText(r);
      }
    });
    ws.on('error', () => {});
  });
  return lane;
}
