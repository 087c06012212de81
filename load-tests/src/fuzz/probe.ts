/**
 * The liveness probe: an OPTIONS every `intervalMs` to one target (the TCP gateway on its own
 * connection, the WebSocket gateway on the edge connection, the Kamailio edge over UDP), each with
 * its own Call-ID; its answer time is the latency. A probe not answered within `hangMs` is a hang:
 * the report names when it was sent and the fuzz cases sent in the second before and after it.
 */
import net from 'node:net';
import type { FuzzTransport } from './corpus.js';
import { optionsPing, StreamReader, type SipMsg } from './wire.js';

/**
 * One hang: consecutive probes of a target that were answered late or not at all, from the first
 * one's send time; `latencyMs` is the slowest answer among them, `unanswered` how many never got one.
 */
export interface Hang { target: string; sentAtMs: number; probes: number; latencyMs: number | null; unanswered: number; casesInFlight: number[] }

export interface ProbeStats {
  target: string;
  sent: number;
  answered: number;
  latenciesMs: number[];
  hangs: Hang[];
}

/** Recently sent case indices with their send time, for naming the cases around a hang. */
export class InFlight {
  private readonly ring: { index: number; atMs: number }[] = [];
  constructor(private readonly max = 20_000) {}
  add(index: number, atMs: number): void {
    this.ring.push({ index, atMs });
    if (this.ring.length > this.max) this.ring.splice(0, this.ring.length - this.max);
  }
  /** Indices sent in [fromMs, toMs] that `keep` accepts (the transports that reach one target). */
  between(fromMs: number, toMs: number, keep: (index: number) => boolean, limit = 60): number[] {
    return this.ring.filter((e) => e.atMs >= fromMs && e.atMs <= toMs && keep(e.index)).slice(-limit).map((e) => e.index);
  }
}

export interface Probe { readonly stats: ProbeStats; take(m: SipMsg): void; stop(): Promise<void> }

export function startProbe(o: { target: string; transport: FuzzTransport; send: (text: string) => void; intervalMs: number; hangMs: number; inFlight: InFlight; keep: (index: number) => boolean; t0: number }): Probe {
  const stats: ProbeStats = { target: o.target, sent: 0, answered: 0, latenciesMs: [], hangs: [] };
  const outstanding = new Map<string, { sentAt: number; hang: Hang | null }>();
  let n = 0;
  /** The hang the last late probe belonged to, and that probe's number: the next late one in a row joins it. */
  let open: { hang: Hang; lastN: number } | null = null;
  const flag = (sentAt: number, latencyMs: number | null, probeN: number): Hang => {
    const cases = o.inFlight.between(sentAt - o.hangMs, sentAt + (latencyMs ?? o.hangMs), o.keep);
    if (open && probeN === open.lastN + 1) {
      const h = open.hang;
      h.probes++;
      if (latencyMs !== null) h.latencyMs = Math.max(h.latencyMs ?? 0, latencyMs);
      h.casesInFlight = [...new Set([...h.casesInFlight, ...cases])].slice(-120);
      open.lastN = probeN;
      return h;
    }
    const h: Hang = { target: o.target, sentAtMs: sentAt - o.t0, probes: 1, latencyMs, unanswered: 0, casesInFlight: cases };
    stats.hangs.push(h);
    open = { hang: h, lastN: probeN };
    return h;
  };
  const numberOf = (callId: string) => Number(callId.slice(callId.lastIndexOf('-') + 1));
  const tick = setInterval(() => {
    const now = Date.now();
    for (const [id, p] of outstanding) if (!p.hang && now - p.sentAt > o.hangMs) p.hang = flag(p.sentAt, null, numberOf(id));
    const callId = `probe-${o.target}-${++n}`;
    outstanding.set(callId, { sentAt: now, hang: null });
    stats.sent++;
    try { o.send(optionsPing(o.transport, callId)); } catch { /* counted as unanswered */ }
  }, o.intervalMs);
  return {
    stats,
    take(m) {
      const p = outstanding.get(m.callId);
      if (!p || m.status === null || m.status < 200) return;
      outstanding.delete(m.callId);
      const latency = Date.now() - p.sentAt;
      stats.answered++;
      stats.latenciesMs.push(latency);
      if (p.hang) p.hang.latencyMs = Math.max(p.hang.latencyMs ?? 0, latency);
      else if (latency > o.hangMs) flag(p.sentAt, latency, numberOf(m.callId));
    },
    async stop() {
      clearInterval(tick);
      // The last probes get their full time to answer.
      const t = Date.now();
      while (outstanding.size && Date.now() - t < o.hangMs + 200) await new Promise((r) => setTimeout(r, 50));
      for (const [id, p] of outstanding) {
        if (!p.hang && Date.now() - p.sentAt > o.hangMs) p.hang = flag(p.sentAt, null, numberOf(id));
        if (p.hang) p.hang.unanswered++;
      }
    },
  };
}

/** A TCP connection of its own for the probe (reconnected if the gateway closes it). */
export function tcpProbeChannel(port: number, onMessage: (m: SipMsg) => void): { send(t: string): void; close(): void } {
  let sock: net.Socket | null = null;
  let closed = false;
  const open = () => {
    const s = net.connect(port, '127.0.0.1');
    s.setNoDelay(true);
    const reader = new StreamReader();
    s.on('data', (d: Buffer) => { for (const m of reader.push(d.toString('latin1'))) onMessage(m); });
    s.on('error', () => {});
    s.on('close', () => { if (sock === s) sock = null; });
    return s;
  };
  return {
    send(t) { if (closed) return; sock ??= open(); sock.write(Buffer.from(t, 'latin1')); },
    close() { closed = true; sock?.destroy(); },
  };
}
