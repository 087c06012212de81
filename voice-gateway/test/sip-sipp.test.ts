/**
 * Real SIP peers on loopback: SIPp (sip-tester) as caller and as callee, over TCP.
 * Inbound: SIPp calls the gateway, plays a pcap with RFC 4733 digits, and the real dialog runner
 * (DTMF-only follow-up, real Silero VAD, tone TTS) completes and hangs up; BYE from the caller
 * side too. Outbound: the SIP dialer against SIPp UAS answering / busy / 480 / 503 / 603 / no answer.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SileroVadEngine } from '@tingzhen/speech';
import { runCallPipeline, type CallReport } from '../src/index.js';
import { createSipDialer, SipEndpoint, type SipCallLeg } from '../src/sip/index.js';
import { gainDb, loadWav8k, miniDialog, MODELS_DIR, ToneTts } from './helpers.js';
import { quiet, rtpRange, startGateway, type Gateway } from './sip-helpers.js';
import { writeRtpPcap } from './sip-fixtures/pcap.js';
import { runSipp, tempDir, uacXml, uasAnswerXml, uasRejectXml, uasRingXml, writeScenario } from './sip-fixtures/sipp.js';

let vad: SileroVadEngine;
let gw: Gateway;
const dir = tempDir();
const reports: { leg: SipCallLeg; report: CallReport }[] = [];
let nextReport: ((r: { leg: SipCallLeg; report: CallReport }) => void) | null = null;
let sippPort = 25060 + (process.pid % 500) * 4;
const freePort = () => (sippPort += 2);

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger: quiet });
  gw = await startGateway({
    onCall: async (leg) => {
      const report = await runCallPipeline({ leg, dialog: miniDialog([]), engines: { vad, tts: new ToneTts(60) }, logger: quiet });
      const r = { leg, report };
      reports.push(r);
      nextReport?.(r);
    },
  });
});
afterAll(async () => { await gw.ep.stop(); });

const reportPromise = () => new Promise<{ leg: SipCallLeg; report: CallReport }>((r) => { nextReport = r; });

describe('SIPp caller -> tingzhen over TCP', () => {
  it('RFC 4733 digits complete the DTMF-only follow-up; the bot speaks and hangs up (BYE from tingzhen)', async () => {
    const pcap = join(dir, 'digits.pcap');
    // '2' every 1.5 s from 2 s on: each question takes the next digit, extra ones are ignored
    writeRtpPcap(pcap, { durationMs: 20_000, digits: Array.from({ length: 12 }, (_, i) => ({ digit: '2', atMs: 2000 + i * 1500 })) });
    const scen = writeScenario(dir, 'uac-dtmf.xml', uacXml(pcap, null));
    const rep = reportPromise();
    const sipp = runSipp([`127.0.0.1:${gw.ep.port}`, '-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(freePort()), '-mp', String(freePort() + 10000), '-m', '1', '-s', '120']);
    const { leg, report } = await rep;
    expect(report.endReason).toBe('completed');
    expect(leg.info.parameters?.requestUser).toBe('120');
    expect(leg.rtpStats!.packetsSent).toBeGreaterThan(100); // the bot's prompts went out as RTP
    expect(leg.rtpStats!.packetsReceived).toBeGreaterThan(100);
    const { code, stderr } = await sipp.exit;
    expect(code, stderr).toBe(0);
  }, 60_000);

  it('real speech with 5 % loss and reordered packets: concealed, no crash, digits still complete the call', async () => {
    const pcap = join(dir, 'impaired.pcap');
    writeRtpPcap(pcap, {
      durationMs: 20_000, audio: gainDb(loadWav8k(), 15), impair: { dropEvery: 20, swapEvery: 15 },
      digits: Array.from({ length: 12 }, (_, i) => ({ digit: '2', atMs: 2000 + i * 1500 })),
    });
    const scen = writeScenario(dir, 'uac-impaired.xml', uacXml(pcap, null));
    const rep = reportPromise();
    const sipp = runSipp([`127.0.0.1:${gw.ep.port}`, '-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(freePort()), '-mp', String(freePort() + 10000), '-m', '1', '-s', '120']);
    const { leg, report } = await rep;
    expect(report.endReason).toBe('completed');
    const s = leg.rtpStats!;
    expect(s.lost).toBeGreaterThan(0); // the gateway saw the loss (RTCP-style count)
    expect(s.jitter.concealed).toBeGreaterThan(0); // and concealed it
    expect((await sipp.exit).code).toBe(0);
  }, 60_000);

  it('a BYE from the caller ends the call and the pipeline', async () => {
    const pcap = join(dir, 'silence.pcap');
    writeRtpPcap(pcap, { durationMs: 3000, digits: [] });
    const scen = writeScenario(dir, 'uac-bye.xml', uacXml(pcap, 1500));
    const rep = reportPromise();
    const sipp = runSipp([`127.0.0.1:${gw.ep.port}`, '-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(freePort()), '-mp', String(freePort() + 10000), '-m', '1', '-s', '120']);
    const { leg, report } = await rep;
    expect(report.endReason).not.toBe('completed');
    expect(leg.closeCause).toBe('remote-bye');
    expect((await sipp.exit).code).toBe(0);
    expect(gw.ep.activeCalls).toBe(0);
  }, 30_000);
});

describe('tingzhen -> SIPp callee (campaign dial outcomes)', () => {
  let caller: SipEndpoint;
  beforeAll(async () => {
    caller = await SipEndpoint.start({ publicHost: '127.0.0.1', rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet });
  });
  afterAll(async () => { await caller.stop(); });

  async function dialSipp(xml: string, ringTimeoutMs = 5000) {
    const port = freePort();
    const scen = writeScenario(dir, `uas-${port}.xml`, xml);
    const sipp = runSipp(['-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(port), '-mp', String(port + 10000), '-m', '1']);
    await new Promise((r) => setTimeout(r, 600)); // SIPp binds its port (slower when the machine is busy)
    let spoke = 0;
    const dial = createSipDialer({
      endpoint: caller,
      runCall: async (leg) => {
        await leg.play(Array.from({ length: 10 }, (_, i) => ({ samples: new Int16Array(160).fill(1000), sampleRate: 8000, startMs: i * 20 })));
        spoke = leg.rtpStats?.packetsSent ?? 0;
        await leg.hangup('normal');
        return { callId: leg.info.callId } as unknown as CallReport;
      },
    });
    const outcome = await dial({ attemptId: `a-${port}`, target: `sip:+8613800000000@127.0.0.1:${port};transport=tcp`, ringTimeoutMs });
    const exit = await sipp.exit;
    return { outcome, exit, spoke };
  }

  it('answered: runs the call, sends audio, hangs up with BYE', async () => {
    const r = await dialSipp(uasAnswerXml());
    expect(r.outcome.status).toBe('answered');
    expect(r.spoke).toBe(10);
    expect(r.exit.code).toBe(0);
  }, 30_000);

  const cases: [string, string, string, boolean][] = [
    ['486 Busy Here', 'failed', 'busy', false],
    ['480 Temporarily Unavailable', 'no-answer', 'unavailable', false],
    ['503 Service Unavailable', 'failed', 'carrier-congestion', true],
    ['603 Decline', 'failed', 'declined', false],
  ];
  for (const [status, want, reason, carrierFault] of cases) {
    it(`${status} -> ${want} / ${reason}`, async () => {
      const r = await dialSipp(uasRejectXml(status));
      expect(r.outcome).toMatchObject({ status: want, reason, sipStatus: Number(status.slice(0, 3)), carrierFault });
      expect(r.exit.code).toBe(0);
    }, 30_000);
  }

  it('no answer within the ring timeout: CANCEL -> 487 -> no-answer', async () => {
    const r = await dialSipp(uasRingXml(), 3000);
    expect(r.outcome).toMatchObject({ status: 'no-answer', reason: 'no-answer' });
    expect(r.exit.code).toBe(0);
    expect(caller.activeCalls).toBe(0);
    expect(caller.allocator.allocated).toBe(0);
  }, 30_000);

  it('nobody listening: carrier-error, not a callee outcome', async () => {
    const dial = createSipDialer({ endpoint: caller, runCall: () => Promise.reject(new Error('unreachable')) });
    const o = await dial({ attemptId: 'x', target: `sip:1@127.0.0.1:${freePort()};transport=tcp`, ringTimeoutMs: 3000 });
    expect(o).toMatchObject({ status: 'failed', carrierFault: true });
  }, 30_000);
});
