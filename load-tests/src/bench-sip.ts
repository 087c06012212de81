/**
 * SIP capacity benchmark: SIPp (sip-tester) places calls over TCP at increasing rates against a
 * tingzhen SipEndpoint in this process. Every call answers (180, 200), echoes the caller's RTP
 * audio back through the jitter buffer and playout (RTP echo), and the caller hangs up after
 * --hold-ms. For each rate it prints calls/s attempted and completed, failed calls (%), peak
 * concurrent calls, gateway CPU per call (ms), RTP jitter and loss as the gateway saw them, and
 * the sip.js parse cost per INVITE. The highest rate with < 0.1 % failed calls is the result.
 * SIPp shares the CPU with the gateway, so the figures are pessimistic. Nothing asserts them.
 *
 *   npx tsx load-tests/src/bench-sip.ts [--rates 5,10,20,40] [--calls-per-rate 200] [--hold-ms 3000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, mulawEncode } from '@tingzhen/voice-core';
import { serializeRtp, SipEndpoint, sipParseCostMs, type SipCallLeg } from '@tingzhen/voice-gateway';

const { values } = parseArgs({ options: { rates: { type: 'string', default: '5,10,20,40' }, 'calls-per-rate': { type: 'string', default: '200' }, 'hold-ms': { type: 'string', default: '3000' } } });
const rates = values.rates.split(',').map(Number).filter((n) => n > 0);
const callsPerRate = Number(values['calls-per-rate']);
const holdMs = Number(values['hold-ms']);
const logger = createLogger({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'tz-bench-sip-'));

/** A pcap of holdMs of a 440 Hz tone as G.711 mu-law RTP (what SIPp plays as the caller's voice). */
function writePcap(path: string, ms: number): void {
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

const pcap = join(dir, 'tone.pcap');
writePcap(pcap, holdMs);
const scenario = join(dir, 'uac.xml');
writeFileSync(scenario, `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="bench">
  <send><![CDATA[
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
  <recv response="200" rrs="true" timeout="10000"/>
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
  <pause milliseconds="${holdMs}"/>
  <send><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" timeout="10000"/>
</scenario>`);

let concurrent = 0;
const answeredAt: number[] = [];
let peak = 0;
const jitterMs: number[] = [];
let lost = 0;
let received = 0;
const ep = await SipEndpoint.start({
  listen: { host: '127.0.0.1', port: 0 }, rtpPorts: { minPort: 30000, maxPort: 39999 }, rtpBindHost: '127.0.0.1', logger,
  onCall: async (leg: SipCallLeg) => {
    answeredAt.push(performance.now());
    concurrent++;
    peak = Math.max(peak, concurrent);
    // RTP echo: the caller's frames go straight back out through playout.
    await leg.play(leg.audioIn).catch(() => {});
    concurrent--;
    const s = leg.rtpStats;
    if (s) { jitterMs.push(s.jitter.jitterMs); lost += s.lost; received += s.packetsReceived; }
  },
});

// sip.js parse cost per INVITE (the library's PEG parser; measured in this process).
const sample = `INVITE sip:120@127.0.0.1:5060;transport=tcp SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:120@127.0.0.1>\r\nCall-ID: x@y\r\nCSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1:5999;transport=tcp>\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n`;
sipParseCostMs(sample, 200); // warm up the JIT
console.log(`sip.js parse: ${sipParseCostMs(sample, 1000).toFixed(2)} ms per INVITE`);

function sipp(rate: number, calls: number): Promise<{ ok: number; failed: number; achievedRate: number }> {
  const stat = join(dir, `stat-${rate}.csv`);
  return new Promise((resolve) => {
    const p = spawn('sipp', [`127.0.0.1:${ep.port}`, '-sf', scenario, '-t', 't1', '-i', '127.0.0.1', '-r', String(rate), '-m', String(calls),
      '-l', String(Math.ceil(rate * (holdMs / 1000 + 2) * 1.5)), '-s', '120', '-nostdin', '-trace_stat', '-stf', stat, '-fd', '1', '-mp', '50000'], { stdio: 'ignore' });
    p.on('exit', () => {
      let ok = 0;
      let failed = calls;
      // calls answered per second between the first and the last answer (SIPp's own CallRate(C) includes the hold time)
      const span = (answeredAt.at(-1)! - answeredAt[0]!) / 1000;
      const achievedRate = answeredAt.length > 1 && span > 0 ? (answeredAt.length - 1) / span : 0;
      try {
        const lines = readFileSync(stat, 'utf8').trim().split('\n');
        const head = lines[0]!.split(';');
        const last = lines.at(-1)!.split(';');
        ok = Number(last[head.indexOf('SuccessfulCall(C)')]);
        failed = Number(last[head.indexOf('FailedCall(C)')]);
      } catch { /* no stats: everything failed */ }
      resolve({ ok, failed, achievedRate });
    });
  });
}

console.log('rate/s  achieved/s  calls  ok  failed%  peak-concurrent  cpu-ms/call  jitter-ms(avg)  rtp-loss%');
let best = 0;
for (const rate of rates) {
  peak = 0; jitterMs.length = 0; lost = 0; received = 0; answeredAt.length = 0;
  const cpu0 = process.cpuUsage();
  const r = await sipp(rate, callsPerRate);
  await new Promise((res) => setTimeout(res, 500));
  const cpu = process.cpuUsage(cpu0);
  const failedPct = (100 * r.failed) / Math.max(1, r.ok + r.failed);
  const cpuPerCall = (cpu.user + cpu.system) / 1000 / Math.max(1, r.ok);
  const jit = jitterMs.length ? jitterMs.reduce((a, b) => a + b, 0) / jitterMs.length : 0;
  console.log(`${String(rate).padStart(6)}  ${r.achievedRate.toFixed(1).padStart(10)}  ${String(callsPerRate).padStart(5)}  ${String(r.ok).padStart(4)}  ${failedPct.toFixed(2).padStart(7)}  ${String(peak).padStart(15)}  ${cpuPerCall.toFixed(1).padStart(11)}  ${jit.toFixed(2).padStart(14)}  ${((100 * lost) / Math.max(1, lost + received)).toFixed(2).padStart(9)}`);
  if (failedPct < 0.1) best = Math.max(best, r.achievedRate);
  else break;
}
console.log(`highest achieved rate with < 0.1 % failed calls: ${best.toFixed(1)} calls/s (hold ${holdMs} ms, direct TCP, SIPp on the same machine)`);
await ep.stop();
process.exit(0);
