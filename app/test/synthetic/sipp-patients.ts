/**
 * Scripted patients on the phone line, played by SIPp (Debian package sip-tester):
 * - what a patient "does" on an answered call is an RTP pcap: G.711 mu-law audio (silence, a real
 *   Mandarin recording for speech, a voicemail greeting and its beep) and RFC 4733 key presses at
 *   given times from the answer; SIPp replays it to the media address of the platform's SDP;
 * - the trunk is one SIPp UAS for the whole run: the dialled number says which patient picks up
 *   and how (answer and play a pcap, answer a REFER, hang up after a while, busy, never answer);
 * - a hotline caller is a SIPp UAC calling the platform's SIP endpoint with a pcap of key presses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mulawEncode, readWav } from '@tingzhen/voice-core';

const RATE = 8000;
const FRAME = 160;
/** One key press lasts this long on the line, ms (RFC 4733 events, 20 ms apart). */
const KEY_MS = 100;

export interface PatientTrack {
  /** Length of the pcap, ms: longer than the call (the line stays open with silence). */
  durationMs: number;
  /** Key presses, ms from the answer. */
  keys?: { digit: string; atMs: number }[];
  /** Audio the patient's side sends (8 kHz), ms from the answer. */
  sounds?: { samples: Int16Array; atMs: number }[];
}

/** Presses `digits` one after the other from `firstMs`, `gapMs` apart. */
export function keysFrom(digits: string, firstMs: number, gapMs: number): { digit: string; atMs: number }[] {
  return [...digits].map((digit, i) => ({ digit, atMs: firstMs + i * gapMs }));
}

const EVENT_CODE: Record<string, number> = { '*': 10, '#': 11 };

function rtp(pt: number, marker: boolean, seq: number, ts: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(12);
  h[0] = 0x80;
  h[1] = (marker ? 0x80 : 0) | pt;
  h.writeUInt16BE(seq & 0xffff, 2);
  h.writeUInt32BE(ts >>> 0, 4);
  h.writeUInt32BE(0x5eed1234, 8);
  return Buffer.concat([h, payload]);
}

/** RFC 4733 section 2.3: event, E bit + volume, duration in timestamp units. */
function eventPayload(digit: string, durationTs: number, end: boolean): Buffer {
  const b = Buffer.alloc(4);
  b[0] = EVENT_CODE[digit] ?? Number(digit);
  b[1] = (end ? 0x80 : 0) | 10;
  b.writeUInt16BE(durationTs, 2);
  return b;
}

/** Writes a classic pcap (Ethernet / IPv4 / UDP) of the patient's RTP stream for SIPp's play_pcap_audio. */
export function writePatientPcap(path: string, track: PatientTrack): void {
  const total = Math.ceil(track.durationMs / 20) * FRAME;
  const audio = new Int16Array(total);
  for (const s of track.sounds ?? []) audio.set(s.samples.subarray(0, Math.max(0, total - (s.atMs * RATE) / 1000)), (s.atMs * RATE) / 1000);
  const keys = [...(track.keys ?? [])].sort((a, b) => a.atMs - b.atMs);
  const packets: { tMs: number; data: Buffer }[] = [];
  let seq = 1;
  let keyUntilMs = -1;
  for (let i = 0; i * FRAME < total; i++) {
    const tMs = i * 20;
    const k = keys[0];
    if (k && tMs >= k.atMs) {
      keys.shift();
      const ts = i * FRAME;
      // Updates every 20 ms, then the end packet sent three times (RFC 4733 section 2.5.1.4).
      for (let n = 0; n < KEY_MS / 20; n++) packets.push({ tMs: tMs + n * 20, data: rtp(101, n === 0, seq++, ts, eventPayload(k.digit, (n + 1) * FRAME, false)) });
      for (let n = 0; n < 3; n++) packets.push({ tMs: tMs + KEY_MS, data: rtp(101, false, seq++, ts, eventPayload(k.digit, (KEY_MS / 20) * FRAME, true)) });
      keyUntilMs = tMs + KEY_MS;
      continue;
    }
    if (tMs < keyUntilMs) continue;
    packets.push({ tMs, data: rtp(0, i === 0, seq++, i * FRAME, Buffer.from(mulawEncode(audio.subarray(i * FRAME, (i + 1) * FRAME)))) });
  }
  packets.sort((a, b) => a.tMs - b.tMs);
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(65535, 16);
  head.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const records = packets.map(({ tMs, data }) => {
    const frame = Buffer.alloc(14 + 20 + 8 + data.length);
    frame.writeUInt16BE(0x0800, 12);
    frame[14] = 0x45;
    frame.writeUInt16BE(20 + 8 + data.length, 16);
    frame[22] = 64;
    frame[23] = 17;
    frame.set([127, 0, 0, 1], 26);
    frame.set([127, 0, 0, 1], 30);
    frame.writeUInt16BE(6000, 34);
    frame.writeUInt16BE(6002, 36);
    frame.writeUInt16BE(8 + data.length, 38);
    data.copy(frame, 42);
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(1_700_000_000 + Math.floor(tMs / 1000), 0);
    rec.writeUInt32LE((tMs % 1000) * 1000, 4);
    rec.writeUInt32LE(frame.length, 8);
    rec.writeUInt32LE(frame.length, 12);
    return Buffer.concat([rec, frame]);
  });
  writeFileSync(path, Buffer.concat([head, ...records]));
}

/** A real Mandarin recording (8 kHz, G.711 round-tripped) at phone speech level (-20 dBFS over its active frames). */
export function speechClip(modelsDir: string, name = 'TEST_NET_Y0000000000_-KTKHdZ2fb8_S00000_8k_ulaw.wav'): Int16Array {
  const s = readWav(readFileSync(join(modelsDir, 'test-wavs-zh', name))).mono;
  let sum = 0;
  let n = 0;
  for (let i = 0; i + FRAME <= s.length; i += FRAME) {
    let q = 0;
    for (let k = 0; k < FRAME; k++) q += s[i + k]! * s[i + k]!;
    if (q / FRAME / 1073741824 > 1e-5) { sum += q; n += FRAME; }
  }
  const gain = 10 ** ((-20 - 10 * Math.log10(sum / Math.max(1, n) / 1073741824)) / 20);
  return s.map((v) => Math.max(-32768, Math.min(32767, Math.round(v * gain))));
}

/** A steady tone (a voicemail beep), dBFS peak. */
export function tone(hz: number, ms: number, dbfs = -12): Int16Array {
  const a = 32767 * 10 ** (dbfs / 20);
  return Int16Array.from({ length: (ms * RATE) / 1000 }, (_, i) => Math.round(a * Math.sin((2 * Math.PI * hz * i) / RATE)));
}

/** What the patient behind a number does when the platform calls. */
export type LineBehaviour =
  /** Answers and plays `pcap`; waits for the platform's BYE (accepting a REFER to `referTo` on the way, then BYE). */
  | { kind: 'answer'; pcap: string; referTo?: string }
  /** Answers, plays `pcap`, and hangs up after `byeAfterMs`. */
  | { kind: 'answer-then-bye'; pcap: string; byeAfterMs: number }
  | { kind: 'busy' }
  /** Rings until the platform gives up (CANCEL). */
  | { kind: 'no-answer' };

export interface Line { phone: string; behaviour: LineBehaviour }

const reply = (status: string, toTag: boolean, sdp = false) => `<![CDATA[
SIP/2.0 ${status}
[last_Via:]
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
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
` : 'Content-Length: 0\n'}
]]>`;

/** A request of ours inside the call the platform placed (we are its UAS: From is the INVITE's To, with our tag). */
const inDialog = (method: string, cseq: number, headers = '', body = '') => `<![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [$callee];tag=[pid]SIPpTag01[call_number]
To: [$caller]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: <sip:patient@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
${headers}Content-Length: ${body ? '[len]' : '0'}
${body ? `\n${body}` : ''}
]]>`;

function answered(pcap: string): string {
  return `<send>${reply('200 OK', true, true)}</send>
  <recv request="ACK" timeout="10000"/>
  <nop><action><exec play_pcap_audio="${pcap}"/></action></nop>`;
}

function branch(n: number, b: LineBehaviour): string {
  const bye = `<recv request="BYE" timeout="240000"/>
  <send>${reply('200 OK', false)}</send>`;
  switch (b.kind) {
    case 'busy':
      return `<send>${reply('486 Busy Here', true)}</send>
  <recv request="ACK" timeout="10000"/>`;
    case 'no-answer':
      return `<recv request="CANCEL" timeout="60000"/>
  <send>${reply('200 OK', false)}</send>
  <send><![CDATA[
SIP/2.0 487 Request Terminated
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
CSeq: [$inviteCseq] INVITE
Content-Length: 0

]]></send>
  <recv request="ACK" timeout="10000"/>`;
    case 'answer-then-bye':
      return `${answered(b.pcap)}
  <pause milliseconds="${b.byeAfterMs}"/>
  <send>${inDialog('BYE', 1)}</send>
  <recv response="200" timeout="10000"/>`;
    case 'answer': {
      if (!b.referTo) return `${answered(b.pcap)}
  ${bye}`;
      // A REFER (the nurse line) is accepted the way a PBX does it: 202, then NOTIFYs saying the
      // nurse answered (RFC 3515); the platform then ends its dialog with BYE. Without a REFER the
      // platform hangs up itself.
      const refer = b.referTo.replace(/[.+?*()[\]\\^$|]/g, '\\$&');
      return `${answered(b.pcap)}
  <recv request="REFER" optional="true" next="refer${n}">
    <action><ereg regexp="Refer-To: *&lt;?${refer}" search_in="msg" check_it="true" assign_to="referto${n}"/></action>
  </recv>
  ${bye}
  <nop next="end"/>
  <label id="refer${n}"/>
  <send>${reply('202 Accepted', false)}</send>
  <send>${inDialog('NOTIFY', 2, 'Event: refer\nSubscription-State: active;expires=60\nContent-Type: message/sipfrag;version=2.0\n', 'SIP/2.0 100 Trying')}</send>
  <recv response="200" timeout="10000"/>
  <send>${inDialog('NOTIFY', 3, 'Event: refer\nSubscription-State: terminated;reason=noresource\nContent-Type: message/sipfrag;version=2.0\n', 'SIP/2.0 200 OK')}</send>
  <recv response="200" timeout="10000"/>
  ${bye}`;
    }
  }
}

/** The trunk: one UAS scenario; the number dialled picks the patient's branch (an unknown number gets 404). */
export function trunkScenario(lines: Line[]): string {
  const digits = (phone: string) => phone.replace(/^\+/, '');
  const matches = lines.map((l, i) => `<ereg regexp="^INVITE sip:[^@]*${digits(l.phone)}@" search_in="msg" assign_to="line${i}"/>`).join('\n      ');
  const jumps = lines.map((_, i) => `<nop test="line${i}" next="b${i}"/>`).join('\n  ');
  const branches = lines.map((l, i) => `<label id="b${i}"/>
  ${branch(i, l.behaviour)}
  <nop next="end"/>`).join('\n  ');
  const refs = lines.flatMap((l, i) => (l.behaviour.kind === 'answer' && l.behaviour.referTo ? [`referto${i}`] : []));
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="patients">
  <recv request="INVITE" timeout="600000" rrs="true">
    <action>
      ${matches}
      <ereg regexp=".*" search_in="hdr" header="From:" assign_to="caller"/>
      <ereg regexp=".*" search_in="hdr" header="To:" assign_to="callee"/>
      <ereg regexp="CSeq: ([0-9]+)" search_in="msg" assign_to="cseqAll,inviteCseq"/>
    </action>
  </recv>
  <send>${reply('180 Ringing', true)}</send>
  ${jumps}
  <send>${reply('404 Not Found', true)}</send>
  <recv request="ACK" timeout="10000" next="end"/>
  ${branches}
  <label id="end"/>
  <Reference variables="caller,callee,cseqAll,inviteCseq${refs.map((r) => `,${r}`).join('')}"/>
</scenario>`;
}

/** A hotline caller: INVITE to the platform, plays `pcap` (key presses), waits for the bot's BYE. */
export function hotlineCallerScenario(pcap: string): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="hotline caller">
  <send><![CDATA[
INVITE sip:12320@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:[service]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:12320@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=caller 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" rrs="true" timeout="15000"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <nop><action><exec play_pcap_audio="${pcap}"/></action></nop>
  <recv request="BYE" timeout="180000"/>
  <send>${reply('200 OK', false)}</send>
</scenario>`;
}

export interface SippProcess {
  readonly proc: ChildProcess;
  /** Exit code and what SIPp printed on stderr. */
  readonly exit: Promise<{ code: number | null; stderr: string }>;
  /** SIPp's error log (unexpected messages, timeouts), for failure messages. */
  errors(): string;
  stop(): Promise<void>;
}

export function startSipp(dir: string, name: string, args: string[]): SippProcess {
  const errorFile = join(dir, `${name}-errors.log`);
  const proc = spawn('sipp', [...args, '-nostdin', '-trace_err', '-error_file', errorFile], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => proc.on('exit', (code) => resolve({ code, stderr })));
  return {
    proc, exit,
    errors: () => { try { return readFileSync(errorFile, 'utf8'); } catch { return ''; } },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exit;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** A UDP-free even port pair for SIPp's media (RTP on p, RTCP p+1): picked from TCP's free ports, good enough on loopback. */
export async function mediaPort(): Promise<number> {
  const p = await freePort();
  return p % 2 === 0 ? p : p - 1;
}

/**
 * The gateway's SIP file for a synthetic ward: listening on `sipPort` (TCP), RTP in
 * [rtpBase, rtpBase + rtpSpan], one TCP trunk `trunkId` at the SIPp trunk, and optionally the
 * caller id and the hotline peer.
 */
export function writeWardSipYaml(dir: string, o: { sipPort: number; rtpBase: number; rtpSpan: number; trunkId: string; trunkPort: number; callerId?: string; hotlinePeer?: boolean }): string {
  const file = join(dir, 'sip.yaml');
  writeFileSync(file, `
gateway:
  listen: { host: 127.0.0.1, port: ${o.sipPort} }
  rtpPorts: { minPort: ${o.rtpBase}, maxPort: ${o.rtpBase + o.rtpSpan} }
  codecs: [PCMU, PCMA]
  ringTimeoutMs: 4000
trunks:
  - id: ${o.trunkId}
    host: 127.0.0.1
    port: ${o.trunkPort}
    transport: tcp
${o.callerId ? `    callerId: "${o.callerId}"\n` : ''}${o.hotlinePeer ? `peers:
  - id: hospital-pbx
    addresses: [127.0.0.1]
    script: triage-hotline
` : ''}`);
  return file;
}
