/**
 * SIP capacity benchmark (issue 7). SIPp ramps the call rate, then the number of concurrent calls,
 * against three set-ups, each call playing RTP that the far end echoes back for the whole hold:
 *
 *   kamailio            SIPp UAC -UDP-> Kamailio -TCP-> SIPp UAS (-rtp_echo)   the reference: the edge alone
 *   kamailio-tingzhen   SIPp UAC -UDP-> Kamailio -TCP-> tingzhen SipEndpoint (this process, RTP echo through jitter buffer + playout)
 *   tingzhen            SIPp UAC -TCP-> tingzhen SipEndpoint (sip.js speaks TCP only)
 *
 * Kamailio runs the repository's sip-config/kamailio/kamailio.cfg unchanged; only its dispatcher
 * list names the one destination. For each step it prints the calls/s asked and answered, failed
 * calls (%), peak concurrent calls, call set-up time (INVITE -> 200) percentiles, CPU per call of
 * the answerer (tingzhen, or the SIPp UAS for the reference), of Kamailio (all its processes) and
 * of the SIPp caller, the RTP jitter and loss the gateway saw (RtpSession stats, sampled every
 * second on every live call) and the gateway's event-loop delay. A ramp stops at the first step
 * with >= --max-failed-pct failed calls, or that answered under 90 % of the asked rate
 * (saturated), or whose calls lost >= --max-loss-pct of their RTP at the gateway (default 1 %).
 * The summary gives, per set-up, the highest calls/s answered and the most
 * concurrent calls at < that failure rate, and their ratio to Kamailio alone.
 *
 * Everything shares one machine (SIPp, Kamailio, the gateway), so the figures are pessimistic and
 * move with whatever else runs. Nothing asserts them.
 *
 *   npm run bench:sip -w load-tests -- [--targets kamailio,kamailio-tingzhen,tingzhen] [--rates 10,20,40,60,80,120,160]
 *     [--step-s 6] [--hold-ms 2000] [--conc 100,200,400] [--conc-rate 25] [--conc-hold-s 4] [--max-failed-pct 0.1] [--max-loss-pct 1]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createLogger } from '@tingzhen/voice-core';
import { SipEndpoint, sipParseCostMs, type SipCallLeg } from '@tingzhen/voice-gateway';
import { freePort, percentile, processTree, procCpuMs, runSippUac, startKamailio, startSippUas, uacXml, writeTonePcap } from './sip-bench-kit.js';

const TARGETS = ['kamailio', 'kamailio-tingzhen', 'tingzhen'] as const;
type Target = (typeof TARGETS)[number];

const { values } = parseArgs({
  options: {
    targets: { type: 'string', default: TARGETS.join(',') },
    rates: { type: 'string', default: '10,20,40,60,80,120,160' },
    'step-s': { type: 'string', default: '6' },
    'hold-ms': { type: 'string', default: '2000' },
    conc: { type: 'string', default: '100,200,400' },
    'conc-rate': { type: 'string', default: '25' },
    'conc-hold-s': { type: 'string', default: '4' },
    'max-failed-pct': { type: 'string', default: '0.1' },
    'max-loss-pct': { type: 'string', default: '1' },
  },
});
const nums = (s: string) => s.split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
const targets = values.targets.split(',').filter((t): t is Target => (TARGETS as readonly string[]).includes(t));
const rates = nums(values.rates);
const stepS = Number(values['step-s']) || 6;
const holdMs = Number(values['hold-ms']) || 2000;
const concLevels = nums(values.conc);
const concRate = Number(values['conc-rate']) || 25;
const concHoldS = Number(values['conc-hold-s']) || 4;
const maxFailedPct = Number(values['max-failed-pct']) || 0.1;
/** RTP loss the gateway may see on a passing step: calls that "succeed" with broken audio do not count. */
const maxLossPct = Number(values['max-loss-pct']) || 1;

const logger = createLogger({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'tz-bench-sip-'));

// ---- tingzhen: a SipEndpoint in this process, every call echoes the caller's audio back ----
const live = new Set<SipCallLeg>();
const gw = { peak: 0, jitterSamples: [] as number[], lost: 0, received: 0 };
// Ports on 127.0.0.1 (below the kernel's ephemeral range; the voice-gateway tests use 41000+):
// Kamailio 8000+, SIPp UAS 8600+, its echo 9000/9002, SIPp caller RTP 10000-19999, tingzhen RTP 20000-29999.
const ep = await SipEndpoint.start({
  listen: { host: '127.0.0.1', port: 0 }, rtpPorts: { minPort: 20000, maxPort: 29999 }, rtpBindHost: '127.0.0.1', logger,
  onCall: async (leg: SipCallLeg) => {
    live.add(leg);
    gw.peak = Math.max(gw.peak, live.size);
    // RTP echo: the caller's frames go back out through the jitter buffer and playout.
    await leg.play(leg.audioIn).catch(() => {});
    live.delete(leg);
    const s = leg.rtpStats;
    if (s) { gw.lost += s.lost; gw.received += s.packetsReceived; }
  },
});
// Jitter as the gateway's RtpSession estimates it (RFC 3550), every second on every call receiving audio.
const sampler = setInterval(() => {
  for (const leg of live) {
    const s = leg.rtpStats;
    if (s && s.packetsReceived > 10) gw.jitterSamples.push(s.jitter.jitterMs);
  }
}, 1000);
const eld = monitorEventLoopDelay({ resolution: 10 });
eld.enable();

// sip.js parse cost per INVITE (the library's PEG parser; measured in this process).
const sample = `INVITE sip:120@127.0.0.1:5060;transport=tcp SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:120@127.0.0.1>\r\nCall-ID: x@y\r\nCSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1:5999;transport=tcp>\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n`;
sipParseCostMs(sample, 200); // warm up the JIT
const parseMs = sipParseCostMs(sample, 1000);

// ---- scenarios: one pcap and two UAC scenarios (direct / via Kamailio's route set) per hold ----
const scenarios = new Map<string, string>();
function scenario(hold: number, viaProxy: boolean): string {
  const key = `${hold}-${viaProxy}`;
  let path = scenarios.get(key);
  if (!path) {
    const pcap = join(dir, `tone-${hold}.pcap`);
    writeTonePcap(pcap, hold);
    path = join(dir, `uac-${key}.xml`);
    writeFileSync(path, uacXml(pcap, hold, viaProxy));
    scenarios.set(key, path);
  }
  return path;
}

interface Row {
  target: Target; phase: 'cps' | 'conc'; rate: number; answeredRate: number; calls: number; holdS: number; ok: number; failedPct: number;
  peak: number; gwPeak: number | null; setupP50: number; setupP95: number; answererCpu: number; kamCpu: number | null; sippCpu: number;
  jitP50: number | null; jitP95: number | null; jitMax: number | null; lossPct: number | null; loopP99: number | null; pass: boolean;
  /** a cps step answered under 90 % of the asked rate: the set-up no longer keeps up */
  saturated: boolean;
}

const f1 = (n: number | null) => (n === null || !Number.isFinite(n) ? '-' : n.toFixed(1));
const f2 = (n: number | null) => (n === null || !Number.isFinite(n) ? '-' : n.toFixed(2));
const HEAD = ['set-up', 'step', 'cps asked', 'cps answered', 'calls', 'hold s', 'failed %', 'peak concurrent', 'gw live legs', 'setup p50/p95 ms',
  'answerer cpu ms/call', 'kamailio cpu ms/call', 'sipp caller cpu ms/call', 'gw jitter p50/p95/max ms', 'gw rtp loss %', 'gw loop delay p99 ms'];
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const rowCells = (r: Row) => [r.target, r.saturated ? `${r.phase} (saturated)` : r.phase, String(r.rate), f1(r.answeredRate), String(r.calls), f1(r.holdS), f2(r.failedPct), String(r.peak),
  r.gwPeak === null ? '-' : String(r.gwPeak), `${f1(r.setupP50)} / ${f1(r.setupP95)}`, f2(r.answererCpu), f2(r.kamCpu), f2(r.sippCpu),
  r.jitP50 === null ? '-' : `${f2(r.jitP50)} / ${f2(r.jitP95)} / ${f2(r.jitMax)}`, r.lossPct === null ? '-' : r.lossPct.toFixed(3), f1(r.loopP99)];

const rows: Row[] = [];

async function runStep(t: Target, ctx: { sipTarget: string; transport: 't1' | 'u1'; kamPid: number | null; uasPid: number | null }, phase: Row['phase'], rate: number, calls: number, hold: number, limit: number): Promise<Row> {
  const usesGw = t !== 'kamailio';
  gw.peak = 0; gw.jitterSamples.length = 0; gw.lost = 0; gw.received = 0;
  eld.reset();
  const kamPids = ctx.kamPid ? processTree(ctx.kamPid) : [];
  const kam0 = procCpuMs(kamPids);
  const uas0 = ctx.uasPid ? procCpuMs([ctx.uasPid]) : 0;
  const cpu0 = process.cpuUsage();
  const r = await runSippUac({ dir, tag: `${t}-${phase}-${rate}-${calls}`, scenario: scenario(hold, t !== 'tingzhen'), target: ctx.sipTarget, transport: ctx.transport,
    rate, calls, limit, mediaPort: 10000, deadlineMs: (calls / rate) * 1000 + hold + 30_000 });
  for (let i = 0; i < 20 && live.size; i++) await new Promise((res) => setTimeout(res, 100)); // last BYEs reach the legs
  const cpu = process.cpuUsage(cpu0);
  const answererCpu = ctx.uasPid ? procCpuMs([ctx.uasPid]) - uas0 : (cpu.user + cpu.system) / 1000;
  const kamCpu = ctx.kamPid ? procCpuMs(kamPids) - kam0 : null;
  const per = (ms: number) => ms / Math.max(1, r.ok);
  const failedPct = (100 * r.failed) / Math.max(1, calls);
  const row: Row = {
    target: t, phase, rate, answeredRate: r.answeredRate, calls, holdS: hold / 1000, ok: r.ok, failedPct, peak: r.peakCurrent, gwPeak: usesGw ? gw.peak : null,
    setupP50: percentile(r.setupMs, 50), setupP95: percentile(r.setupMs, 95), answererCpu: per(answererCpu), kamCpu: kamCpu === null ? null : per(kamCpu), sippCpu: per(r.cpuMs),
    jitP50: usesGw ? percentile(gw.jitterSamples, 50) : null, jitP95: usesGw ? percentile(gw.jitterSamples, 95) : null, jitMax: usesGw ? percentile(gw.jitterSamples, 100) : null,
    lossPct: usesGw ? (100 * gw.lost) / Math.max(1, gw.lost + gw.received) : null, loopP99: usesGw ? eld.percentile(99) / 1e6 : null,
    pass: failedPct < maxFailedPct && (!usesGw || (100 * gw.lost) / Math.max(1, gw.lost + gw.received) < maxLossPct), saturated: phase === 'cps' && r.answeredRate < 0.9 * rate,
  };
  console.log(line(rowCells(row)));
  if (usesGw && r.ok > 0 && gw.peak === 0) console.log(`(warning: SIPp counted ${r.ok} calls but the gateway handed none to onCall: no echo ran)`);
  rows.push(row);
  return row;
}

async function runTarget(t: Target): Promise<void> {
  let kam: Awaited<ReturnType<typeof startKamailio>> | null = null;
  let uas: ReturnType<typeof startSippUas> | null = null;
  try {
    let sipTarget = `127.0.0.1:${ep.port}`;
    let transport: 't1' | 'u1' = 't1';
    if (t !== 'tingzhen') {
      let destination = `sip:127.0.0.1:${ep.port};transport=tcp`;
      if (t === 'kamailio') {
        const uasPort = await freePort(8600);
        const maxHold = Math.max(holdMs, ...concLevels.map((n) => (n / concRate) * 1000 + concHoldS * 1000));
        uas = startSippUas({ dir, port: uasPort, mediaPort: 9000, byeTimeoutMs: maxHold + 30_000 });
        destination = `sip:127.0.0.1:${uasPort};transport=tcp`;
        await new Promise((res) => setTimeout(res, 500));
      }
      const edge = await freePort(8000);
      kam = await startKamailio({ dir, port: edge, destination });
      sipTarget = `127.0.0.1:${edge}`;
      transport = 'u1'; // the trunk side of the edge
    }
    const ctx = { sipTarget, transport, kamPid: kam?.proc.pid ?? null, uasPid: uas?.pid ?? null };
    let best = 0;
    for (const rate of rates) {
      const r = await runStep(t, ctx, 'cps', rate, Math.ceil(rate * stepS), holdMs, Math.ceil(rate * (holdMs / 1000 + 2) * 2));
      if (!r.pass) break;
      best = rate;
      if (r.saturated) break;
    }
    if (!best) return;
    const rate = Math.min(concRate, best);
    for (const n of concLevels) {
      const hold = Math.round((n / rate) * 1000 + concHoldS * 1000); // every call is still up when the last one is answered
      const r = await runStep(t, ctx, 'conc', rate, n, hold, n + 10);
      if (!r.pass) break;
    }
  } finally {
    if (kam) await kam.stop();
    if (uas && uas.exitCode === null) { const u = uas; await new Promise((res) => { u.once('exit', res); u.kill('SIGTERM'); }); }
  }
}

console.log(`SIP benchmark ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), sip.js parse ${parseMs.toFixed(2)} ms per INVITE`);
console.log(`cps steps ${rates.join(',')} x ${stepS} s, hold ${holdMs} ms; concurrency steps ${concLevels.join(',')} at <= ${concRate} cps, hold until all are up + ${concHoldS} s; pass < ${maxFailedPct} % failed and < ${maxLossPct} % RTP loss at the gateway\n`);
console.log(line(HEAD));
console.log(line(HEAD.map(() => '---')));
for (const t of targets) await runTarget(t);

// ---- summary: best passing figures per set-up and their ratio to Kamailio alone ----
interface Summary { t: Target; cps: number; answered: number; conc: number; concCapped: boolean; cpsCapped: boolean; at: Row | undefined; jitP95: number | null; lossPct: number | null }
const summaries: Summary[] = targets.map((t) => {
  const mine = rows.filter((r) => r.target === t);
  const pass = mine.filter((r) => r.pass);
  const cpsPass = pass.filter((r) => r.phase === 'cps');
  const at = cpsPass.reduce<Row | undefined>((m, r) => (!m || r.answeredRate > m.answeredRate ? r : m), undefined);
  const gwRows = pass.filter((r) => r.jitP95 !== null);
  return {
    // most concurrent: from the concurrency steps (a saturated cps step's backlog is not capacity)
    t, cps: at?.rate ?? 0, answered: at?.answeredRate ?? 0, conc: Math.max(0, ...pass.filter((r) => r.phase === 'conc' || !r.saturated).map((r) => r.peak)), at,
    // every step passed and kept up: the limit lies above the largest step tried
    cpsCapped: mine.filter((r) => r.phase === 'cps').every((r) => r.pass && !r.saturated) && at?.rate === Math.max(...rates),
    concCapped: mine.some((r) => r.phase === 'conc') && mine.filter((r) => r.phase === 'conc').every((r) => r.pass),
    jitP95: gwRows.length ? Math.max(...gwRows.map((r) => r.jitP95!)) : null,
    lossPct: gwRows.length ? Math.max(...gwRows.map((r) => r.lossPct!)) : null,
  };
});
const ref = summaries.find((s) => s.t === 'kamailio');
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}x` : '-');
/** Kamailio-alone's Kamailio CPU per call at the same cps step: what the edge costs per call. */
const refKamCpu = (rate: number) => rows.find((r) => r.target === 'kamailio' && r.phase === 'cps' && r.rate === rate && r.pass)?.kamCpu ?? null;
const SHEAD = ['set-up', `highest cps answered (< ${maxFailedPct} % failed)`, 'at cps asked', 'most concurrent', 'vs Kamailio alone (cps / concurrent)',
  'setup p95 ms', 'answerer cpu ms/call', 'kamailio cpu ms/call', 'answerer cpu / Kamailio-alone cpu', 'gw jitter p95 ms (worst step)', 'gw rtp loss % (worst step)'];
console.log(`\nsummary (cpu and setup at the passing cps step that answered the most, hold ${holdMs} ms; >= : every step passed, the limit is higher)\n`);
console.log(line(SHEAD));
console.log(line(SHEAD.map(() => '---')));
for (const s of summaries) {
  const a = s.at;
  const refCpu = a && s.t !== 'kamailio' ? refKamCpu(a.rate) : null;
  console.log(line([s.t, `${s.cpsCapped ? '>= ' : ''}${f1(s.answered)}`, String(s.cps), `${s.concCapped ? '>= ' : ''}${s.conc}`, `${ratio(s.answered, ref?.answered)} / ${ratio(s.conc, ref?.conc)}`,
    f1(a?.setupP95 ?? null), f2(a?.answererCpu ?? null), f2(a?.kamCpu ?? null), a && refCpu ? `${(a.answererCpu / refCpu).toFixed(1)}x` : '-', f2(s.jitP95),
    s.lossPct === null ? '-' : s.lossPct.toFixed(3)]));
}
console.log('\n(answerer = tingzhen in this process, or the SIPp UAS with -rtp_echo for the reference; peak concurrent = SIPp\'s CurrentCall, sampled each second;');
console.log(' setup = INVITE -> 200 at the caller, SIPp clock ticks of about 4 ms; cpu per call = the process CPU during the step / completed calls)');
clearInterval(sampler);
await ep.stop();
process.exit(0);
