/**
 * Pieces of the SIP benchmark (bench-sip.ts): SIPp scenarios and the caller's RTP pcap, a SIPp run
 * that reads back its statistics, the Kamailio edge (sip-config/kamailio/kamailio.cfg, unchanged,
 * pointed at one destination through its dispatcher list), and CPU time of other processes from
 * /proc. Linux only (reads /proc).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulawEncode } from '@tingzhen/voice-core';
import { serializeRtp } from '@tingzhen/voice-gateway';

export const KAMAILIO_CFG = resolve(dirname(fileURLToPath(import.meta.url)), '../../sip-config/kamailio/kamailio.cfg');

/** A pcap of `ms` of a 440 Hz tone as G.711 mu-law RTP, 20 ms packets (what SIPp plays as the caller's voice). */
export function writeTonePcap(path: string, ms: number): void {
  const recs: Buffer[] = [];
  for (let i = 0; i < ms / 20; i++) {
    const s = Int16Array.from({ length: 160 }, (_, k) => Math.round(4000 * Math.sin((2 * Math.PI * 440 * (i * 160 + k)) / 8000)));
    const rtp = serializeRtp({ payloadType: 0, marker: i === 0, sequenceNumber: i, timestamp: i * 160, ssrc: 7, payload: Buffer.from(mulawEncode(s)) });
    const f = Buffer.alloc(42 + rtp.length);
    f.writeUInt16BE(0x0800, 12);
    f[14] = 0x45; f.writeUInt16BE(28 + rtp.length, 16); f[22] = 64; f[23] = 17;
    f.set([127, 0, 0, 1], 26); f.set([127, 0, 0, 1], 30);
    f.writeUInt16BE(6000, 34); f.writeUInt16BE(6002, 36); f.writeUInt16BE(8 + rtp.length, 38);
    rtp.copy(f, 42);
    const h = Buffer.alloc(16);
    h.writeUInt32LE(Math.floor((i * 20) / 1000), 0); h.writeUInt32LE(((i * 20) % 1000) * 1000, 4);
    h.writeUInt32LE(f.length, 8); h.writeUInt32LE(f.length, 12);
    recs.push(h, f);
  }
  const g = Buffer.alloc(24);
  g.writeUInt32LE(0xa1b2c3d4, 0); g.writeUInt16LE(2, 4); g.writeUInt16LE(4, 6); g.writeUInt32LE(65535, 16); g.writeUInt32LE(1, 20);
  writeFileSync(path, Buffer.concat([g, ...recs]));
}

/**
 * UAC: INVITE (PCMU + telephone-event), ACK, plays the pcap for holdMs, BYE. The 200's time from
 * the INVITE is SIPp's response time 1 (call setup). With `viaProxy` ACK and BYE carry the route
 * set Kamailio record-routed.
 */
export function uacXml(pcap: string, holdMs: number, viaProxy: boolean): string {
  const routes = viaProxy ? '\n[routes]' : '';
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="bench uac">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [auto_media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" rrs="true" timeout="10000"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]${routes}
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <nop><action><exec play_pcap_audio="${pcap}"/></action></nop>
  <pause milliseconds="${holdMs}"/>
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]${routes}
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" timeout="10000"/>
</scenario>`;
}

const RESP = (status: string, body = '') => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:]${status.startsWith('100') ? '' : ';tag=[pid]SIPpTag01[call_number]'}
[last_Call-ID:]
[last_CSeq:]
[last_Record-Route:]
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
${body ? 'Content-Type: application/sdp\nContent-Length: [len]\n\n' + body : 'Content-Length: 0\n\n'}]]>`;

/**
 * UAS standing in for tingzhen behind Kamailio (the reference): 180, 200 with PCMU on the media
 * port that SIPp's -rtp_echo echoes, waits for the BYE. Kamailio's dispatcher pings it with
 * OPTIONS every 10 s; those get a 200 (an unanswered ping would take the destination out).
 */
export function uasEchoXml(byeTimeoutMs: number): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="bench uas echo">
  <recv request="OPTIONS" optional="true" next="options"/>
  <recv request="INVITE"/>
  <send>${RESP('180 Ringing')}</send>
  <send>${RESP('200 OK', `v=0
o=sipp 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
`)}</send>
  <recv request="ACK" timeout="10000"/>
  <recv request="BYE" timeout="${byeTimeoutMs}"/>
  <send next="end">${RESP('200 OK')}</send>
  <label id="options"/>
  <send>${RESP('200 OK')}</send>
  <label id="end"/>
</scenario>`;
}

export interface SippResult {
  ok: number;
  failed: number;
  /** highest CurrentCall SIPp saw (sampled once a second) */
  peakCurrent: number;
  /** INVITE -> 200 per successful call, ms */
  setupMs: number[];
  /** answered calls per second between the first and the last 200 */
  answeredRate: number;
  /** CPU of this SIPp process (user + system), ms */
  cpuMs: number;
}

/**
 * Runs a SIPp UAC to completion and reads its -trace_stat and -trace_rtt files. A run that does
 * not finish by `deadlineMs` is killed; the calls it did not complete count as failed.
 */
export function runSippUac(opts: { dir: string; tag: string; scenario: string; target: string; transport: 't1' | 'u1'; rate: number; calls: number; limit: number; mediaPort: number; deadlineMs: number }): Promise<SippResult> {
  const stat = join(opts.dir, `stat-${opts.tag}.csv`);
  const rttBase = opts.scenario.replace(/\.xml$/, '');
  return new Promise((resolvePromise) => {
    const p = spawn('sipp', [opts.target, '-sf', opts.scenario, '-t', opts.transport, '-i', '127.0.0.1', '-r', String(opts.rate), '-m', String(opts.calls),
      '-l', String(opts.limit), '-s', '120', '-nostdin', '-trace_stat', '-stf', stat, '-fd', '1', '-trace_rtt', '-rtt_freq', '1', '-mp', String(opts.mediaPort),
      '-max_socket', '2000'], { stdio: 'ignore', cwd: opts.dir });
    let cpuMs = 0;
    const sample = setInterval(() => { cpuMs = procCpuMs([p.pid!]) || cpuMs; }, 200);
    const kill = setTimeout(() => p.kill('SIGKILL'), opts.deadlineMs);
    p.on('exit', () => {
      clearInterval(sample); clearTimeout(kill);
      const r: SippResult = { ok: 0, failed: opts.calls, peakCurrent: 0, setupMs: [], answeredRate: 0, cpuMs };
      try {
        const lines = readFileSync(stat, 'utf8').trim().split('\n');
        const head = lines[0]!.split(';');
        const col = (l: string, name: string) => Number(l.split(';')[head.indexOf(name)]);
        const last = lines.at(-1)!;
        r.ok = col(last, 'SuccessfulCall(C)');
        r.failed = opts.calls - r.ok; // failed, aborted and never completed alike
        r.peakCurrent = Math.max(0, ...lines.slice(1).map((l) => col(l, 'CurrentCall')));
      } catch { /* no stats: everything failed */ }
      try {
        const rtt = readdirSync(opts.dir).find((f) => f.startsWith(`${rttBase.split('/').at(-1)}_${p.pid}_rtt`));
        if (rtt) {
          const rows = readFileSync(join(opts.dir, rtt), 'utf8').trim().split('\n').slice(1).map((l) => l.split(';').map(Number));
          const at = rows.map((c) => c[0]!).sort((a, b) => a - b);
          r.setupMs = rows.map((c) => c[1]!);
          const span = (at.at(-1)! - at[0]!) / 1000;
          r.answeredRate = at.length > 1 && span > 0 ? (at.length - 1) / span : 0;
        }
      } catch { /* no response times */ }
      resolvePromise(r);
    });
  });
}

/** SIPp UAS with -rtp_echo on `mediaPort` (and +2), TCP on `port`. */
export function startSippUas(opts: { dir: string; port: number; mediaPort: number; byeTimeoutMs: number }): ChildProcess {
  const scen = join(opts.dir, 'uas-echo.xml');
  writeFileSync(scen, uasEchoXml(opts.byeTimeoutMs));
  return spawn('sipp', ['-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(opts.port), '-mp', String(opts.mediaPort), '-rtp_echo',
    '-nostdin', '-max_socket', '2000'], { stdio: 'ignore', cwd: opts.dir });
}

/** Kamailio with the repository's edge config; its dispatcher set 1 is the one `destination` (a TCP SIP URI). */
export async function startKamailio(opts: { dir: string; port: number; destination: string }): Promise<{ proc: ChildProcess; log: () => string; stop: () => Promise<void> }> {
  const list = join(opts.dir, `dispatcher-${opts.port}.list`);
  writeFileSync(list, `1 ${opts.destination} 0 0\n`);
  const proc = spawn('kamailio', ['-DD', '-E', '-f', KAMAILIO_CFG, '-A', `LISTEN_PORT=${opts.port}`, '-A', `DISPATCHER_LIST="${list}"`,
    '-A', `RUNDIR="${opts.dir}"`, '-A', `CTL_SOCKET="unix:${opts.dir}/ctl-${opts.port}"`, '-w', opts.dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-20_000); });
  for (let i = 0; i < 100 && !/listening on/i.test(log) && proc.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500));
  if (proc.exitCode !== null) throw new Error(`kamailio exited: ${log.slice(-2000)}`);
  return {
    proc,
    log: () => log,
    stop: () => new Promise<void>((r) => { if (proc.exitCode !== null) r(); else { proc.once('exit', () => r()); proc.kill('SIGTERM'); } }),
  };
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

function statFields(pid: number): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' '); // [0] = field 3 (state)
  } catch { return null; }
}

/** The pid and all its live descendants (Kamailio forks its workers). */
export function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const f = statFields(Number(e));
    if (f) parent.set(Number(e), Number(f[1]));
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, pp] of parent) if (pp === out[i]) out.push(pid);
  return out;
}

/** User + system CPU of these processes so far, ms (fields 14 and 15 of /proc/PID/stat). */
export function procCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const f = statFields(pid);
    if (f) ticks += Number(f[11]) + Number(f[12]);
  }
  return (ticks * 1000) / CLK_TCK;
}

/** A port free on 127.0.0.1 for both TCP and UDP (Kamailio listens on both), from `from` upward. */
export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 1000; port += 2) {
    const ok = await new Promise<boolean>((r) => {
      const t = createServer();
      t.once('error', () => r(false));
      t.listen(port, '127.0.0.1', () => {
        const u = createSocket('udp4');
        u.once('error', () => { t.close(); r(false); });
        u.bind(port, '127.0.0.1', () => { u.close(); t.close(() => r(true)); });
      });
    });
    if (ok) return port;
  }
  throw new Error(`no free port from ${from}`);
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
