/**
 * One fuzzing run: starts the gateway processes (one listening on TCP, which the Kamailio edge
 * also relays UDP to; one connected to the fuzzer's WebSocket edge), sends the cases of `seed`
 * from `firstIndex` at `ratePerS` over the chosen transports until `cases` are sent or
 * `maxSeconds` pass, probes every target with OPTIONS meanwhile, lets the gateways settle, and
 * reports cases per transport, crashes, hangs, RSS and open descriptors before and after.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { freeTcpPort, freeUdpRange } from '../campaign-calls-kit.js';
import { freePort, startKamailio } from '../sip-bench-kit.js';
import { TRANSPORTS, type FuzzTransport } from './corpus.js';
import { fuzzCase, replyMutator, transportOf, type FuzzCase } from './generator.js';
import { startGateway, type GatewayProcess, type ProcStats } from './gateway-process.js';
import { tcpLane, udpLane, wsLane, type Lane, type LaneStats, type WsLane } from './lanes.js';
import { InFlight, startProbe, tcpProbeChannel, type Probe, type ProbeStats } from './probe.js';

export interface FuzzOptions {
  seed: number;
  /** Cases in all (spread evenly over the transports). */
  cases: number;
  /** Cases per second, all transports together. */
  ratePerS: number;
  /** Stop sending after this long even if not all cases went, s. */
  maxSeconds: number;
  transports: FuzzTransport[];
  /** After the last case, wait this long before reading RSS and descriptors, s. */
  settleSeconds: number;
  databaseUrl: string;
  modelsDir: string;
  probeIntervalMs?: number;
  hangMs?: number;
  /** Share of our responses to the gateway's own requests that get a grammar mutation. */
  replyMutationShare?: number;
  /** Progress lines (every progressEveryS seconds). */
  log?: (line: string) => void;
  progressEveryS?: number;
  keepFiles?: boolean;
  /** Send exactly these cases (a replay) instead of the run's sequence; `cases` is then ignored. */
  indices?: number[];
  /** Cases not to send (known open issues, known-issues.ts): counted per transport as held back. */
  holdBack?: (c: FuzzCase) => string | null;
  /** Stop sending early (Ctrl-C): the run settles and reports what it sent. */
  signal?: AbortSignal;
  /** Stop sending when a gateway's RSS passes this, MB (the machine is shared; default 4096). */
  rssLimitMb?: number;
}

export interface EdgeCrash { atS: number; exit: string; casesInFlight: number[] }

export interface GatewayFigures {
  name: string;
  pid: number;
  before: ProcStats | null;
  after: ProcStats | null;
  peakRssKb: number;
  crash: { code: number | null; signal: string | null; atS: number; tail: string } | null;
  warnings: [string, number][];
}

export interface FuzzReport {
  seed: number;
  wallS: number;
  sendS: number;
  lanes: Record<string, LaneStats>;
  /** Cases held back by `holdBack`, by reason. */
  heldBack: Record<string, number>;
  probes: ProbeStats[];
  gateways: GatewayFigures[];
  /** The Kamailio edge (UDP lane): each time it died during the run (it is started again), and its lines about it. */
  edge: { crashes: EdgeCrash[]; deathLines: string } | null;
  /** The fuzzer's own event-loop delay while sending (a late probe answer can be the fuzzer's). */
  fuzzerLoopP99Ms: number;
  fuzzerLoopMaxMs: number;
  crashes: number;
  hangs: number;
  /** Why sending stopped before all cases went (time limit, Ctrl-C, RSS limit), or null. */
  stoppedEarly: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Restarts of a crashed Kamailio edge in one run before the UDP lane is given up. */
const MAX_EDGE_RESTARTS = 200;

/** Kamailio's lines about workers that died (one crashed worker takes the edge down: "child process N exited by a signal 11"). */
function edgeDeath(file: string): string {
  let text = '';
  try { text = readFileSync(file, 'latin1'); } catch { return ''; }
  return text.split('\n').filter((l) => /exited by a signal|core was generated|terminating due to|CRITICAL|BUG:/.test(l)).slice(-40).join('\n');
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const probeIntervalMs = o.probeIntervalMs ?? 200;
  const hangMs = o.hangMs ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'tz-fuzz-'));
  const tag = `${process.pid}_${Date.now() % 100000}`;
  const t0 = Date.now();
  const cleanups: (() => Promise<unknown>)[] = [];
  const mutateReply = replyMutator(o.seed, o.replyMutationShare ?? 0.3);
  const want = new Set(o.transports);
  try {
    // ---- the gateways (started side by side) and the edge ----
    const needTcp = want.has('tcp') || want.has('udp');
    const rtpBase = await freeUdpRange(33_000 + (process.pid % 50) * 400, 400);
    let wss: WebSocketServer | null = null;
    let ws: WsLane | null = null;
    if (want.has('ws')) {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (ps) => (ps.has('sip') ? 'sip' : false) });
      await new Promise<void>((r) => wss!.once('listening', () => r()));
      const w = wss;
      cleanups.push(() => new Promise<void>((r) => { for (const c of w.clients) c.terminate(); w.close(() => r()); }));
      ws = wsLane({ wss, mutateReply });
    }
    const sipPort = needTcp ? await freeTcpPort() : 0;
    const starts: Promise<[string, GatewayProcess]>[] = [];
    const common = { dir, databaseUrl: o.databaseUrl, modelsDir: o.modelsDir };
    if (needTcp) starts.push(freeTcpPort().then((httpPort) => startGateway({ ...common, tag: `${tag}_tcp`, httpPort, rtpPorts: { minPort: rtpBase, maxPort: rtpBase + 199 }, sip: { listenPort: sipPort } })).then((g) => ['tcp gateway', g]));
    if (wss) {
      const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
      starts.push(freeTcpPort().then((httpPort) => startGateway({ ...common, tag: `${tag}_ws`, httpPort, rtpPorts: { minPort: rtpBase + 200, maxPort: rtpBase + 399 }, sip: { edgeWebSocket: url } })).then((g) => ['ws gateway', g]));
    }
    const settled = await Promise.allSettled(starts);
    const gateways = new Map<string, GatewayProcess>();
    for (const s of settled) if (s.status === 'fulfilled') { gateways.set(s.value[0], s.value[1]); cleanups.push(() => s.value[1].stop()); }
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const inFlight = new InFlight();
    let kam: Awaited<ReturnType<typeof startKamailio>> | null = null;
    let edgePort = 0;
    let edgeStopping = false;
    const edgeCrashes: EdgeCrash[] = [];
    // its whole log, across restarts, for the signal it died with (kam.log() keeps only the last 20 KB)
    const edgeLog = want.has('udp') ? createWriteStream(join(dir, 'kamailio.log')) : null;
    const edgeDied = (exit: string) => {
      // A crashed edge is counted with the UDP cases sent in the 2 s before, and started again.
      const now = Date.now();
      edgeCrashes.push({ atS: (now - t0) / 1000, exit, casesInFlight: inFlight.between(now - 2000, now, (i) => transportOf(i) === 'udp') });
      if (edgeCrashes.length > MAX_EDGE_RESTARTS) { log(`the Kamailio edge died ${edgeCrashes.length} times: not starting it again`); return; }
      log(`the Kamailio edge exited (${exit}); starting it again`);
      setTimeout(() => { startEdge().catch((err: unknown) => edgeDied(`died while starting: ${(err as Error).message.split('\n')[0]}`)); }, 500);
    };
    const startEdge = async (): Promise<void> => {
      if (edgeStopping) return;
      const k = await startKamailio({ dir, port: edgePort, destination: `sip:127.0.0.1:${sipPort};transport=tcp` });
      kam = k;
      k.proc.stderr?.pipe(edgeLog!, { end: false });
      k.proc.once('exit', (code, signal) => { if (!edgeStopping) edgeDied(`exit ${code ?? signal}`); });
    };
    if (want.has('udp')) {
      edgePort = await freePort(8000 + (process.pid % 200) * 2);
      await startEdge();
      cleanups.push(async () => { edgeStopping = true; await kam?.stop(); edgeLog?.end(); });
    }
    log(`gateways up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${[...gateways].map(([n, g]) => `${n} pid ${g.pid}`).join(', ')}${edgePort ? `, Kamailio edge UDP ${edgePort}` : ''}`);

    // ---- lanes and probes ----
    const lanes = new Map<FuzzTransport, Lane>();
    if (want.has('tcp')) lanes.set('tcp', tcpLane({ port: sipPort, pool: 8, casesPerConnection: 5, mutateReply }));
    const udp = want.has('udp') ? await udpLane({ edgePort, mutateReply }) : null;
    if (udp) lanes.set('udp', udp);
    if (ws) { await ws.ready(30_000); lanes.set('ws', ws); }
    for (const l of lanes.values()) cleanups.push(() => l.close());
    await sleep(2000); // start-up work done (REGISTER over WebSocket, the edge's first dispatcher ping)
    const before = new Map([...gateways].map(([n, g]) => [n, g.stats()] as const));
    const peak = new Map([...gateways].map(([n, g]) => [n, g.stats()?.rssKb ?? 0] as const));

    const probes: Probe[] = [];
    if (needTcp) {
      let p: Probe | null = null;
      const ch = tcpProbeChannel(sipPort, (m) => p?.take(m));
      p = startProbe({ target: 'tcp-gateway', transport: 'tcp', send: (t) => ch.send(t), intervalMs: probeIntervalMs, hangMs, inFlight, keep: (i) => transportOf(i) !== 'ws', t0 });
      probes.push(p);
      cleanups.push(async () => ch.close());
    }
    if (ws) {
      const p = startProbe({ target: 'ws-gateway', transport: 'ws', send: (t) => { ws.sendText(t); }, intervalMs: probeIntervalMs, hangMs, inFlight, keep: (i) => transportOf(i) === 'ws', t0 });
      ws.onMessage = (m) => p.take(m);
      probes.push(p);
    }
    if (udp) {
      const p = startProbe({ target: 'kamailio-edge', transport: 'udp', send: (t) => udp.sendProbe(t.replace('sip:120@127.0.0.1', `sip:127.0.0.1:${edgePort}`)), intervalMs: probeIntervalMs, hangMs, inFlight, keep: (i) => transportOf(i) === 'udp', t0 });
      udp.onMessage = (m) => p.take(m);
      probes.push(p);
    }

    // ---- send: lane k takes the indices k, k+3, k+6... (transportOf), paced per lane ----
    const order = [...lanes.keys()];
    const listed = o.indices ? new Map(order.map((t) => [t, o.indices!.filter((i) => transportOf(i) === t)] as const)) : null;
    const perLaneOf = (t: FuzzTransport) => listed ? listed.get(t)!.length : Math.ceil(o.cases / order.length);
    const laneRate = o.ratePerS / order.length;
    const nextIndex = new Map<FuzzTransport, number>(order.map((t) => [t, TRANSPORTS.indexOf(t)]));
    const sentBy = new Map<FuzzTransport, number>(order.map((t) => [t, 0]));
    const eld = monitorEventLoopDelay({ resolution: 10 });
    eld.enable();
    const heldBack: Record<string, number> = {};
    let stoppedEarly: string | null = null;
    const sendStart = Date.now();
    let lastProgress = sendStart;
    const crashed = () => [...gateways.values()].some((g) => g.exit() !== null);
    await new Promise<void>((done) => {
      const tick = setInterval(() => {
        const now = Date.now();
        const elapsedS = (now - sendStart) / 1000;
        for (const [n, g] of gateways) { const s = g.stats(); if (s) peak.set(n, Math.max(peak.get(n) ?? 0, s.rssKb)); }
        let finished = true;
        for (const t of order) {
          const lane = lanes.get(t)!;
          const sent = sentBy.get(t)!;
          // at most 200 ms worth at once: a stalled tick does not become a burst
          const perLane = perLaneOf(t);
          const due = Math.min(perLane, Math.floor(elapsedS * laneRate)) - sent;
          const n = Math.min(due, Math.ceil(laneRate / 5) + 1);
          for (let i = 0; i < n; i++) {
            const idx = listed ? listed.get(t)![sent + i]! : nextIndex.get(t)!;
            nextIndex.set(t, idx + TRANSPORTS.length);
            const c = fuzzCase(o.seed, idx);
            const why = o.holdBack?.(c);
            if (why) { heldBack[why] = (heldBack[why] ?? 0) + 1; continue; }
            lane.send(c);
            inFlight.add(idx, now);
          }
          sentBy.set(t, sent + Math.max(0, n));
          if (sentBy.get(t)! < perLane) finished = false;
        }
        if (o.progressEveryS && now - lastProgress >= o.progressEveryS * 1000) {
          lastProgress = now;
          const stats = [...gateways].map(([name, g]) => { const s = g.stats(); return `${name} ${s ? `${(s.rssKb / 1024).toFixed(0)} MB ${s.fds} fds` : 'gone'}`; }).join(', ');
          const worst = probes.map((p) => `${p.stats.target} max ${Math.max(0, ...p.stats.latenciesMs)} ms, ${p.stats.hangs.length} hangs`).join('; ');
          log(`${elapsedS.toFixed(0)} s: sent ${order.map((t) => `${t} ${sentBy.get(t)}`).join(', ')}; ${stats}; ${worst}`);
        }
        const rssLimitKb = (o.rssLimitMb ?? 4096) * 1024;
        if (!finished && !stoppedEarly) {
          if (elapsedS > o.maxSeconds) stoppedEarly = `time limit ${o.maxSeconds} s`;
          else if (o.signal?.aborted) stoppedEarly = 'interrupted';
          else if ([...peak.values()].some((kb) => kb > rssLimitKb)) stoppedEarly = `a gateway passed ${o.rssLimitMb ?? 4096} MB RSS`;
          else if (crashed()) stoppedEarly = 'a gateway crashed';
        }
        if (finished || stoppedEarly) { clearInterval(tick); done(); }
      }, 20);
    });
    eld.disable();
    const sendS = (Date.now() - sendStart) / 1000;
    for (const p of probes) await p.stop();
    log(`sending done in ${sendS.toFixed(1)} s; settling ${o.settleSeconds} s`);
    await sleep(o.settleSeconds * 1000);
    const figures: GatewayFigures[] = [...gateways].map(([name, g]) => {
      const exit = g.exit();
      return {
        name, pid: g.pid, before: before.get(name) ?? null, after: exit ? null : g.stats(), peakRssKb: peak.get(name) ?? 0,
        crash: exit ? { code: exit.code, signal: exit.signal, atS: (exit.atMs - sendStart) / 1000, tail: g.tail().slice(-6000) } : null,
        warnings: [...g.warnings()].sort((a, b) => b[1] - a[1]).slice(0, 8),
      };
    });
    const probeStats = probes.map((p) => p.stats);
    return {
      seed: o.seed, wallS: (Date.now() - t0) / 1000, sendS,
      lanes: Object.fromEntries([...lanes].map(([t, l]) => [t, l.stats])), heldBack,
      probes: probeStats, gateways: figures,
      edge: edgePort ? { crashes: edgeCrashes, deathLines: edgeCrashes.length ? edgeDeath(join(dir, 'kamailio.log')) : '' } : null,
      fuzzerLoopP99Ms: eld.percentile(99) / 1e6, fuzzerLoopMaxMs: eld.max / 1e6,
      crashes: figures.filter((g) => g.crash).length + edgeCrashes.length,
      hangs: probeStats.reduce((n, p) => n + p.hangs.length, 0),
      stoppedEarly,
    };
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    if (!o.keepFiles) rmSync(dir, { recursive: true, force: true });
  }
}
