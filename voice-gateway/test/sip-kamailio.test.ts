/**
 * The Kamailio edge (sip-config/kamailio/kamailio.cfg, unchanged; the dispatcher list names the
 * gateway) between SIPp on UDP and tingzhen on TCP:
 * - inbound: SIPp's RFC 4733 digits complete the DTMF-only follow-up through the real pipeline
 *   (Silero VAD, espeak-ng speaking); the bot's recording has speech where the script speaks; the
 *   bot's BYE travels back through Kamailio's record-route; a BYE from the caller ends the call too.
 * - outbound: tingzhen dials with a loose Route to the edge (sip.yaml gateway.edge); Kamailio knows
 *   the gateway from its dispatcher list and relays to the UDP trunk (a SIPp UAS) in the
 *   Request-URI: answered, busy, 480, 503 and an unanswered call each map to their outcome.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EspeakTtsEngine, SileroVadEngine } from '@tingzhen/speech';
import { readWav } from '@tingzhen/voice-core';
import { runCallPipeline, type CallReport } from '../src/index.js';
import { createSipDialer, type SipCallLeg } from '../src/sip/index.js';
import { miniDialog, MODELS_DIR } from './helpers.js';
import { freePort, quiet, startEdgeBefore, startGateway, type Gateway, type Kamailio } from './sip-helpers.js';
import { writeRtpPcap } from './sip-fixtures/pcap.js';
import { runSipp, tempDir, uacXml, uasAnswerXml, uasRejectXml, uasRingXml, writeScenario } from './sip-fixtures/sipp.js';

const dir = tempDir();
let gw: Gateway;
let kam: Kamailio;
let edgePort: number;
let vad: SileroVadEngine;
let done: ((r: { leg: SipCallLeg; report: CallReport }) => void) | null = null;

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger: quiet });
  const tts = await EspeakTtsEngine.load({ logger: quiet });
  gw = await startGateway({
    onCall: async (leg) => {
      const report = await runCallPipeline({
        leg, dialog: miniDialog([]), engines: { vad, tts }, logger: quiet,
        recording: { dir, layout: 'stereo', retentionDays: 1 },
      });
      done?.({ leg, report });
    },
  });
  ({ kam, edgePort } = await startEdgeBefore(dir, gw.ep.port));
}, 30_000);

afterAll(async () => {
  await kam?.stop();
  await gw?.ep.stop();
});

const nextReport = () => new Promise<{ leg: SipCallLeg; report: CallReport }>((r) => { done = r; });

/** Speech regions (ms) Silero finds in a 8 kHz channel. */
function speechRegions(samples: Int16Array): { startMs: number; endMs: number }[] {
  const s = vad.stream({ minSilenceMs: 300 });
  const out: { startMs: number; endMs: number }[] = [];
  const take = (events: ReturnType<typeof s.push>) => { for (const e of events) if (e.type === 'speech-end') out.push({ startMs: e.startMs, endMs: e.endMs }); };
  for (let o = 0; o + 160 <= samples.length; o += 160) take(s.push({ samples: samples.subarray(o, o + 160), sampleRate: 8000, startMs: o / 8 }));
  take(s.flush());
  s.close();
  return out;
}

describe('SIPp (UDP) -> Kamailio -> tingzhen (TCP)', () => {
  it('RFC 4733 digits complete the follow-up; the bot\'s recording has speech where the script speaks; the bot\'s BYE reaches the caller', async () => {
    const pcap = join(dir, 'digits.pcap');
    // '2' (no) once each question has been asked in full (espeak-ng: the disclosure and the fever
    // question take about 7 s), then again every 3 s in case a prompt runs longer.
    writeRtpPcap(pcap, { durationMs: 40_000, digits: Array.from({ length: 10 }, (_, i) => ({ digit: '2', atMs: 9000 + i * 3000 })) });
    const scen = writeScenario(dir, 'uac-kam.xml', uacXml(pcap, null, true));
    const rep = nextReport();
    const sipp = runSipp([`127.0.0.1:${edgePort}`, '-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freePort()), '-m', '1', '-s', '120']);
    const { leg, report } = await rep;
    expect(report.endReason).toBe('completed');
    expect(report.result?.answers).toMatchObject({ fever: { value: { answer: 'no' }, via: 'dtmf' }, pain: { value: { answer: 'no' }, via: 'dtmf' } });
    expect(leg.rtpStats!.packetsSent).toBeGreaterThan(100);
    const { code, stderr } = await sipp.exit;
    expect(code, `${stderr}\n${kam.log().slice(-2000)}`).toBe(0);

    // The bot channel (right) of the recording: speech inside every prompt the transcript lists,
    // and (nearly) nothing outside them.
    const wav = readWav(await readFile(join(dir, report.recordingFile!)));
    const bot = wav.channel(1);
    const regions = speechRegions(bot);
    const prompts = report.transcript.filter((t) => t.speaker === 'bot');
    expect(prompts.map((p) => p.text)).toEqual(expect.arrayContaining(['您好这里是医院的随访机器人', '伤口疼吗', '谢谢再见']));
    expect(prompts.length).toBeGreaterThanOrEqual(4); // and the fever question
    for (const p of prompts) {
      const overlap = regions.some((r) => r.startMs < p.endMs && r.endMs > p.startMs);
      expect(overlap, `no speech in the recording for the prompt at ${p.startMs}-${p.endMs} ms`).toBe(true);
    }
    const inPrompt = (r: { startMs: number; endMs: number }) => prompts.some((p) => r.startMs < p.endMs + 400 && r.endMs > p.startMs - 400);
    expect(regions.filter((r) => !inPrompt(r))).toEqual([]);
  }, 90_000);

  it('a BYE from the caller through the edge ends the call and the pipeline', async () => {
    const pcap = join(dir, 'quiet.pcap');
    writeRtpPcap(pcap, { durationMs: 6000, digits: [] });
    const scen = writeScenario(dir, 'uac-kam-bye.xml', uacXml(pcap, 2500, true));
    const rep = nextReport();
    const sipp = runSipp([`127.0.0.1:${edgePort}`, '-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freePort()), '-m', '1']);
    const { leg, report } = await rep;
    expect(report.endReason).toBe('dropped'); // the caller left before the script's end
    expect(leg.state).toBe('closed');
    const { code, stderr } = await sipp.exit;
    expect(code, `${stderr}\n${kam.log().slice(-2000)}`).toBe(0);
    await expect.poll(() => gw.ep.activeCalls).toBe(0);
  }, 30_000);
});

describe('tingzhen (TCP) -> Kamailio -> SIPp trunk (UDP): campaign dial outcomes', () => {
  async function dialThroughEdge(xml: string, ringTimeoutMs = 5000) {
    const port = await freePort();
    const scen = writeScenario(dir, `uas-edge-${port}.xml`, xml);
    const sipp = runSipp(['-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(port), '-mp', String(await freePort()), '-m', '1']);
    await new Promise((r) => setTimeout(r, 600)); // SIPp binds its port (slower when the machine is busy)
    let sent = 0;
    const dial = createSipDialer({
      endpoint: gw.ep,
      runCall: async (leg) => {
        await leg.play(Array.from({ length: 10 }, (_, i) => ({ samples: new Int16Array(160).fill(1000), sampleRate: 8000, startMs: i * 20 })));
        sent = leg.rtpStats?.packetsSent ?? 0;
        await leg.hangup('normal');
        return { callId: leg.info.callId } as unknown as CallReport;
      },
    });
    // What app/src/roles/sip-routes.ts builds for a UDP trunk behind gateway.edge.
    const outcome = await dial({
      attemptId: `edge-${port}`, target: `sip:08613800000000@127.0.0.1:${port};user=phone`, ringTimeoutMs,
      extraHeaders: [`Route: <sip:127.0.0.1:${edgePort};transport=tcp;lr>`],
    });
    const exit = await sipp.exit;
    return { outcome, exit, sent };
  }

  it('answered: audio flows, tingzhen\'s BYE goes through the edge to the trunk', async () => {
    const r = await dialThroughEdge(uasAnswerXml());
    expect(r.outcome.status).toBe('answered');
    expect(r.sent).toBe(10);
    expect(r.exit.code, `${r.exit.stderr}\n${kam.log().slice(-2000)}`).toBe(0);
    await expect.poll(() => gw.ep.activeCalls).toBe(0);
  }, 30_000);

  const cases: [string, object][] = [
    ['486 Busy Here', { status: 'failed', reason: 'busy', sipStatus: 486, carrierFault: false }],
    ['600 Busy Everywhere', { status: 'failed', reason: 'busy', sipStatus: 600, carrierFault: false }],
    ['480 Temporarily Unavailable', { status: 'no-answer', reason: 'unavailable', sipStatus: 480, carrierFault: false }],
    // A proxy may turn a downstream 503 into 500 (RFC 3261 section 16.7): congestion either way.
    ['503 Service Unavailable', { status: 'failed', reason: 'carrier-congestion', carrierFault: true }],
  ];
  for (const [status, want] of cases) {
    it(`${status} from the trunk -> ${JSON.stringify(want)}`, async () => {
      const r = await dialThroughEdge(uasRejectXml(status));
      expect(r.outcome).toMatchObject(want);
      if (status.startsWith('503')) expect([500, 503]).toContain((r.outcome as { sipStatus: number }).sipStatus);
      expect(r.exit.code, r.exit.stderr).toBe(0);
    }, 30_000);
  }

  it('no answer within the ring timeout: our CANCEL crosses the edge, 487, no-answer; nothing leaks', async () => {
    const r = await dialThroughEdge(uasRingXml(), 3000);
    expect(r.outcome).toMatchObject({ status: 'no-answer', reason: 'no-answer', carrierFault: false });
    expect(r.exit.code, r.exit.stderr).toBe(0);
    await expect.poll(() => gw.ep.activeCalls).toBe(0);
  }, 30_000);
});
