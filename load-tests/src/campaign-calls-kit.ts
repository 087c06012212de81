/**
 * Pieces of the campaign-calls benchmark (bench-campaign-calls.ts): the patients' line recordings
 * (RTP pcaps of RFC 4733 key presses in mu-law silence, for SIPp's play_pcap_audio), the SIPp UAS
 * that stands in for the carrier trunk (the dialled number picks the recording), the count of
 * INVITEs per number from SIPp's <log> file, and the free ports the set-up needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serializeRtp } from '@tingzhen/voice-gateway';

/** One RTP packet of G.711 audio: 20 ms at 8 kHz. */
const FRAME_MS = 20;
const FRAME_SAMPLES = 160;
/** mu-law code of a zero sample (silence on the line). */
const MULAW_SILENCE = 0xff;
const PT_PCMU = 0;
/** telephone-event payload type we answer with (the gateway offers 101 too). */
export const PT_EVENT = 101;
/** One key press on the line, ms: updates every 20 ms for this long, then the end packet three times (RFC 4733 section 2.5.1.4). */
const KEY_MS = 100;
const EVENT_CODE: Record<string, number> = { '*': 10, '#': 11 };

export interface KeyTrack {
  /**
   * The keys and when each is pressed, ms after the answer: each once its question has been asked
   * (a key during the greeting answers nothing), as keypad-timing.ts works them out.
   */
  keys: readonly { digit: string; atMs: number }[];
  /** Length of the recording, ms: longer than the call, so the bot hangs up first. */
  durationMs: number;
}

/** RFC 4733 section 2.3 payload: event, E bit + volume 10, duration in timestamp units. */
function eventPayload(digit: string, durationTs: number, end: boolean): Buffer {
  const b = Buffer.alloc(4);
  b[0] = EVENT_CODE[digit] ?? Number(digit);
  b[1] = (end ? 0x80 : 0) | 10;
  b.writeUInt16BE(durationTs, 2);
  return b;
}

/** An Ethernet/IPv4/UDP frame around an RTP packet, as a classic pcap record at `tMs`. */
function pcapRecord(tMs: number, rtp: Buffer): Buffer {
  const f = Buffer.alloc(42 + rtp.length);
  f.writeUInt16BE(0x0800, 12);
  f[14] = 0x45; f.writeUInt16BE(28 + rtp.length, 16); f[22] = 64; f[23] = 17;
  f.set([127, 0, 0, 1], 26); f.set([127, 0, 0, 1], 30);
  f.writeUInt16BE(6000, 34); f.writeUInt16BE(6002, 36); f.writeUInt16BE(8 + rtp.length, 38);
  rtp.copy(f, 42);
  const h = Buffer.alloc(16);
  h.writeUInt32LE(1_700_000_000 + Math.floor(tMs / 1000), 0); h.writeUInt32LE((tMs % 1000) * 1000, 4);
  h.writeUInt32LE(f.length, 8); h.writeUInt32LE(f.length, 12);
  return Buffer.concat([h, f]);
}

/**
 * Writes the patient's side of a call as a pcap SIPp replays: mu-law silence every 20 ms, and each
 * key as telephone-events in place of the audio packets (marker on the first, same timestamp on all).
 */
export function writeKeysPcap(path: string, t: KeyTrack): void {
  const keys = [...t.keys].sort((a, b) => a.atMs - b.atMs);
  const silence = Buffer.alloc(FRAME_SAMPLES, MULAW_SILENCE);
  const packets: { tMs: number; rtp: Buffer }[] = [];
  let seq = 1;
  let keyUntilMs = -1;
  for (let i = 0; i * FRAME_MS < t.durationMs; i++) {
    const tMs = i * FRAME_MS;
    const ts = i * FRAME_SAMPLES;
    const k = keys[0];
    if (k && tMs >= k.atMs) {
      keys.shift();
      for (let n = 0; n < KEY_MS / FRAME_MS; n++) {
        packets.push({ tMs: tMs + n * FRAME_MS, rtp: serializeRtp({ payloadType: PT_EVENT, marker: n === 0, sequenceNumber: seq++, timestamp: ts, ssrc: 0x5eed1234, payload: eventPayload(k.digit, (n + 1) * FRAME_SAMPLES, false) }) });
      }
      for (let n = 0; n < 3; n++) {
        packets.push({ tMs: tMs + KEY_MS, rtp: serializeRtp({ payloadType: PT_EVENT, marker: false, sequenceNumber: seq++, timestamp: ts, ssrc: 0x5eed1234, payload: eventPayload(k.digit, (KEY_MS / FRAME_MS) * FRAME_SAMPLES, true) }) });
      }
      keyUntilMs = tMs + KEY_MS;
      continue;
    }
    if (tMs < keyUntilMs) continue;
    packets.push({ tMs, rtp: serializeRtp({ payloadType: PT_PCMU, marker: i === 0, sequenceNumber: seq++, timestamp: ts, ssrc: 0x5eed1234, payload: silence }) });
  }
  packets.sort((a, b) => a.tMs - b.tMs);
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0); head.writeUInt16LE(2, 4); head.writeUInt16LE(4, 6); head.writeUInt32LE(65535, 16);
  head.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  writeFileSync(path, Buffer.concat([head, ...packets.map((p) => pcapRecord(p.tMs, p.rtp))]));
}

const reply = (status: string, toTag: boolean, sdp: boolean, recordRoute = false) => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]${recordRoute ? '\n[last_Record-Route:]' : ''}
[last_From:]
[last_To:]${toTag ? ';tag=[pid]SIPpTag01[call_number]' : ''}
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:patient@[local_ip]:[local_port];transport=[transport]>
${sdp ? `Content-Type: application/sdp
Content-Length: [len]

v=0
o=patient 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 8 ${PT_EVENT}
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:${PT_EVENT} telephone-event/8000
a=fmtp:${PT_EVENT} 0-15
` : 'Content-Length: 0\n'}
]]>`;

/**
 * The trunk: one SIPp UAS for the whole run. Every INVITE is logged (dialled number and Call-ID,
 * SIPp -trace_logs), answered 180 then 200 with SDP; after the ACK the patient's recording plays:
 * `redFlagPcap` when the dialled user part matches `redFlagUser` (a regular expression on the
 * digits before '@'), `wellPcap` otherwise. The platform's BYE gets a 200. With `logStages`, the
 * answer (the ACK) and the platform's BYE are logged too ("ANSWERED <number> <call-id>", "BYE ..."),
 * in the order they happen, so a number rung again after an answer can be read off the log. With
 * `recordRoute` the answers copy the INVITE's Record-Route (RFC 3261 12.1.1), as a carrier behind
 * a proxy does: the ACK and BYE then come back through it (the Kamailio edge).
 */
export function trunkScenario(o: { wellPcap: string; redFlagPcap: string; redFlagUser: string; byeTimeoutMs: number; logStages?: boolean; recordRoute?: boolean }): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="campaign trunk">
  <recv request="INVITE">
    <action>
      <ereg regexp="^INVITE sip:([^@;>]+)@" search_in="msg" check_it="true" assign_to="ruri,dialled"/>
      <ereg regexp="^INVITE sip:${o.redFlagUser}@" search_in="msg" assign_to="redflag"/>
      <log message="INVITE [$dialled] [call_id]"/>
    </action>
  </recv>
  <send>${reply('180 Ringing', true, false, o.recordRoute)}</send>
  <send>${reply('200 OK', true, true, o.recordRoute)}</send>
  <recv request="ACK" timeout="10000">${o.logStages ? '<action><log message="ANSWERED [$dialled] [call_id]"/></action>' : ''}</recv>
  <nop test="redflag" next="red"/>
  <nop next="bye"><action><exec play_pcap_audio="${o.wellPcap}"/></action></nop>
  <label id="red"/>
  <nop><action><exec play_pcap_audio="${o.redFlagPcap}"/></action></nop>
  <label id="bye"/>
  <recv request="BYE" timeout="${o.byeTimeoutMs}">${o.logStages ? '<action><log message="BYE [$dialled] [call_id]"/></action>' : ''}</recv>
  <send>${reply('200 OK', false, false)}</send>
  <Reference variables="ruri"/>
</scenario>`;
}

/** INVITEs per dialled number from the trunk's <log> file (lines "INVITE <number> <call-id>"). */
export function invitesPerNumber(logText: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of logText.matchAll(/^INVITE (\S+) (\S+)/gm)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + 1);
  return out;
}

export interface Sipp {
  readonly proc: ChildProcess;
  readonly logFile: string;
  readonly errorFile: string;
  /** SIPp's stderr so far (start-up failures). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** The trunk UAS: TCP (one socket per peer), on `port`, media on `mediaPort`, logging INVITEs into `dir`. */
export function startTrunk(o: { dir: string; scenarioFile: string; port: number; mediaPort: number }): Sipp {
  const logFile = join(o.dir, 'trunk-invites.log');
  const errorFile = join(o.dir, 'trunk-errors.log');
  const proc = spawn('sipp', ['-sf', o.scenarioFile, '-t', 't1', '-i', '127.0.0.1', '-p', String(o.port), '-mp', String(o.mediaPort),
    '-trace_logs', '-log_file', logFile, '-trace_err', '-error_file', errorFile, '-nostdin', '-max_socket', '2000'],
  { stdio: ['ignore', 'ignore', 'pipe'], cwd: o.dir });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-10_000); });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    proc, logFile, errorFile,
    stderr: () => err,
    async stop(graceMs = 5000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
}

export function readText(path: string): string {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}

/** A TCP port free on 127.0.0.1 (the kernel's pick). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((r) => {
    const u = createSocket('udp4');
    u.once('error', () => { u.close(); r(false); });
    u.bind(port, '127.0.0.1', () => u.close(() => r(true)));
  });
}

/** `count` consecutive UDP ports, all free now, starting at an even port at or above `from`. */
export async function freeUdpRange(from: number, count: number): Promise<number> {
  for (let base = from - (from % 2); base + count < 65_000; base += count + (count % 2)) {
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await udpFree(p);
    if (ok) return base;
  }
  throw new Error(`no ${count} free UDP ports from ${from}`);
}

const CLK_TCK = 100;

/**
 * CPU time of a process and of the children it has reaped (espeak-ng runs as one child per prompt),
 * user + system, ms: fields 14-17 of /proc/PID/stat (Linux; USER_HZ is 100 there). 0 when it is gone.
 */
export function cpuWithChildrenMs(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Percentiles of a Prometheus histogram from its cumulative buckets (upper bound of the bucket that holds the rank). */
export function histogramQuantiles(metricsText: string, name: string, qs: number[]): { count: number; sum: number; q: Record<number, number> } {
  const buckets: { le: number; n: number }[] = [];
  for (const m of metricsText.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\S+)`, 'gm'))) {
    buckets.push({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), n: Number(m[2]) });
  }
  const count = Number(new RegExp(`^${name}_count(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(metricsText)?.[1] ?? 0);
  const sum = Number(new RegExp(`^${name}_sum(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(metricsText)?.[1] ?? 0);
  buckets.sort((a, b) => a.le - b.le);
  const q: Record<number, number> = {};
  for (const p of qs) q[p] = buckets.find((b) => b.n >= p * count)?.le ?? NaN;
  return { count, sum, q };
}

/**
 * The gateway's SIP file of a campaign bench: SIP on TCP `sipPort`, RTP in [rtpBase, rtpBase +
 * rtpCount), one TCP trunk at the SIPp UAS with room for `concurrency` calls (at 80 % use) and 5
 * calls a second. Returns its path.
 */
export function writeBenchSipYaml(dir: string, o: { sipPort: number; rtpBase: number; rtpCount: number; trunkId: string; trunkPort: number; concurrency: number }): string {
  const file = join(dir, 'sip.yaml');
  writeFileSync(file, `gateway:
  listen: { host: 127.0.0.1, port: ${o.sipPort} }
  rtpPorts: { minPort: ${o.rtpBase}, maxPort: ${o.rtpBase + o.rtpCount - 1} }
  codecs: [PCMU, PCMA]
  ringTimeoutMs: 15000
trunks:
  - id: ${o.trunkId}
    host: 127.0.0.1
    port: ${o.trunkPort}
    transport: tcp
    callerId: "+861088888888"
    maxConcurrentCalls: ${Math.ceil(o.concurrency / 0.8) + 2}
    maxCallsPerSecond: 5
`);
  return file;
}
