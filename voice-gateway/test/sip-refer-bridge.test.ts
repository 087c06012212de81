/**
 * Blind transfer with the bridged fallback (issue 7), real peers on loopback:
 * - baresip calls in and refuses REFER (call_transfer=no); the real pipeline transfers to a nurse
 *   line: tingzhen calls a second baresip (auto-answer) and bridges the two. Each phone hears the
 *   other's tone (Goertzel on what baresip decoded), the nurse hangs up when her WAV ends and the
 *   caller gets our BYE; the pipeline reports the call transferred.
 * - SIPp callers refusing REFER (501) or accepting it (202) and then NOTIFYing 503: bridged to the
 *   nurse the same way; SIPp's tone reaches her.
 * - the nurse line busy (SIPp 486): transfer fails, the caller stays with the bot (it speaks the
 *   "nobody available" prompt and hangs up).
 * - a REFER that works (202, NOTIFY 200): no bridge, we end our dialog with BYE.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SileroVadEngine } from '@tingzhen/speech';
import { createRunner, loadScriptText } from '@tingzhen/dialog-engine';
import { driverFromReducer, runCallPipeline, type CallReport } from '../src/index.js';
import type { SipBridge, SipCallLeg } from '../src/sip/index.js';
import { MODELS_DIR, testInterpreter, ToneTts } from './helpers.js';
import { quiet, startGateway, type Gateway } from './sip-helpers.js';
import { framesWithTone, startBaresip, tone } from './sip-fixtures/baresip.js';
import { writeRtpPcap } from './sip-fixtures/pcap.js';
import { uacReferXml, type ReferAnswer } from './sip-fixtures/refer.js';
import { runSipp, tempDir, uasRejectXml, writeScenario } from './sip-fixtures/sipp.js';

const TRANSFER_SCRIPT = `
id: gw-transfer
version: 1
title: { zh: 转接 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    text: { zh: 您好这里是医院的随访机器人 }
  - id: nurse
    kind: transfer
    reason: patient-request
    text: { zh: 正在为您转接护士 }
`;

const CALLER_HZ = 1400;
const NURSE_HZ = 2000;
const dir = tempDir();
const base = 30000 + (process.pid % 300) * 40;
let vad: SileroVadEngine;
let gw: Gateway;
let nurseTarget = '';
interface Done { leg: SipCallLeg; report: CallReport; bridge: SipBridge | null; transferError: unknown }
let nextDone: ((d: Done) => void) | null = null;

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger: quiet });
  gw = await startGateway({
    onCall: async (leg) => {
      let bridge: SipBridge | null = null;
      let transferError: unknown = null;
      // watch what the endpoint's fallback does (the bridge it returns), keep its behaviour
      const fallback = leg.referFallback!;
      leg.referFallback = async (t) => { bridge = await fallback(t) as SipBridge; return bridge; };
      const transfer = leg.transfer.bind(leg);
      leg.transfer = async (t) => { try { await transfer(t); } catch (err) { transferError = err; throw err; } };
      const runner = createRunner(loadScriptText(TRANSFER_SCRIPT), { interpreter: testInterpreter });
      const dialog = driverFromReducer(runner.initialState({ lang: 'zh' }), (s, i) => runner.next(s, i), (s) => runner.result(s));
      const report = await runCallPipeline({ leg, dialog, engines: { vad, tts: new ToneTts(40) }, logger: quiet, transferTargetFor: () => nurseTarget });
      nextDone?.({ leg, report, bridge, transferError });
    },
  });
});
afterAll(async () => { await gw.ep.stop(); });

const done = () => new Promise<Done>((r) => { nextDone = r; });

function nursePhone(n: number, speakMs: number) {
  const sipPort = base + 10 + n * 2;
  nurseTarget = `sip:nurse@127.0.0.1:${sipPort};transport=tcp`;
  return startBaresip({ user: 'nurse', sipPort, rtpPorts: [base + 2000 + n * 100, base + 2099 + n * 100], speak: tone(NURSE_HZ, speakMs), autoAnswer: true, quitAfterS: 25 });
}

it('baresip refuses REFER: tingzhen bridges a nurse (baresip) in; each hears the other; the nurse hangs up, the caller gets BYE', async () => {
  const nurse = nursePhone(0, 4000);
  await new Promise((r) => setTimeout(r, 500)); // baresip binds its port
  const d = done();
  const caller = startBaresip({
    user: 'caller', sipPort: base, rtpPorts: [base + 1000, base + 1099], speak: tone(CALLER_HZ, 20_000), refuseTransfer: true,
    dial: `sip:120@127.0.0.1:${gw.ep.port}`, quitAfterS: 20,
  });
  const { leg, report, bridge, transferError } = await d;
  await stopPhones(caller, nurse);
  const callerLog = caller.log();
  expect(transferError).toBeNull();
  expect(report.outcome).toBe('transferred'); // action-done ok: true
  expect(leg.closeCause).toBe('transferred');
  // baresip refused the REFER (501 even with call_transfer=no)
  expect(callerLog).toMatch(/REFER sip:caller[\s\S]*SIP\/2\.0 501 Not Implemented\r?\nVia: SIP\/2\.0\/TCP 127\.0\.0\.1:\d+;branch=z9hG4bK\d+\r?\nTo: <sip:caller@127\.0\.0\.1>;tag=\w+\r?\nFrom: <sip:120@[^\n]*\r?\nCSeq: \d+ REFER/);
  expect(bridge!.frames.aToB).toBeGreaterThan(150);
  expect(bridge!.frames.bToA).toBeGreaterThan(150);
  // audio each way through the bridge, checked on what each phone decoded: 20 ms frames where
  // the other phone's tone dominates (the nurse spoke 4 s, the caller all along)
  const nurseHeard = nurse.heard();
  const callerHeard = caller.heard();
  expect(framesWithTone(nurseHeard, CALLER_HZ)).toBeGreaterThan(150);
  expect(framesWithTone(callerHeard, NURSE_HZ)).toBeGreaterThan(150);
  expect(framesWithTone(callerHeard, CALLER_HZ)).toBe(0); // no echo of itself
  // the nurse's BYE (her WAV ended) -> ours to the caller
  expect(nurse.log()).toMatch(/BYE sip:tingzhen@/);
  expect(callerLog).toMatch(/BYE sip:caller[^\n]*\r?\n[\s\S]*SIP\/2\.0 200 OK\r?\nVia: SIP\/2\.0\/TCP 127\.0\.0\.1:\d+;branch=z9hG4bK\d+\r?\nTo: <sip:caller@127\.0\.0\.1>;tag=\w+\r?\nFrom: <sip:120@[^\n]*\r?\nCSeq: \d+ BYE/);
  expect(gw.ep.activeCalls).toBe(0);
}, 40_000);

it('bridged, the caller hangs up first: tingzhen hangs up the nurse (BYE)', async () => {
  const nurse = nursePhone(3, 20_000);
  await new Promise((r) => setTimeout(r, 500));
  const d = done();
  const caller = startBaresip({
    user: 'caller', sipPort: base + 2, rtpPorts: [base + 1100, base + 1199], speak: tone(CALLER_HZ, 5000), refuseTransfer: true,
    dial: `sip:120@127.0.0.1:${gw.ep.port}`, quitAfterS: 20,
  });
  const { leg, report, bridge } = await d;
  await bridge!.ended;
  await stopPhones(caller, nurse);
  expect(report.outcome).toBe('transferred');
  expect(leg.closeCause).toBe('remote-bye');
  expect(bridge!.b.closeCause).toBe('transferred');
  expect(nurse.log()).toMatch(/BYE sip:nurse[^\n]*\r?\n[\s\S]*SIP\/2\.0 200 OK\r?\nVia: SIP\/2\.0\/TCP 127\.0\.0\.1:\d+;branch=z9hG4bK\d+/);
  expect(framesWithTone(nurse.heard(), CALLER_HZ)).toBeGreaterThan(50);
  expect(gw.ep.activeCalls).toBe(0);
}, 40_000);

async function stopPhones(...phones: ReturnType<typeof startBaresip>[]): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  for (const p of phones) p.proc.kill('SIGTERM');
  await Promise.all(phones.map((p) => p.exit));
}

let sippPort = base + 30;
async function sippCaller(name: string, answer: ReferAnswer) {
  const pcap = join(dir, `${name}.pcap`);
  writeRtpPcap(pcap, { durationMs: 15_000, digits: [], audio: tone(CALLER_HZ, 1000) });
  const scen = writeScenario(dir, `${name}.xml`, uacReferXml(pcap, answer));
  sippPort += 4;
  const sipp = runSipp([`127.0.0.1:${gw.ep.port}`, '-sf', scen, '-t', 't1', '-i', '127.0.0.1', '-p', String(sippPort), '-mp', String(sippPort + 2), '-m', '1', '-s', '120']);
  return sipp;
}

for (const [n, label, answer] of [
  [1, 'SIPp refuses REFER with 501', { refuse: '501 Not Implemented' }],
  [2, 'SIPp accepts REFER (202) and NOTIFYs 503', { notify: '503 Service Unavailable' }],
] as const) {
  it(`${label}: the nurse is bridged in and hears the caller; her BYE ends the caller's call`, async () => {
    const nurse = nursePhone(n, 3000);
    await new Promise((r) => setTimeout(r, 500));
    const d = done();
    const sipp = await sippCaller(`refer-${n}`, answer);
    const { leg, report, bridge, transferError } = await d;
    const { code, stderr } = await sipp.exit; // the scenario ends with our BYE
    await stopPhones(nurse);
    expect(code, stderr).toBe(0);
    expect(transferError).toBeNull();
    expect(report.outcome).toBe('transferred');
    expect(leg.closeCause).toBe('transferred');
    expect(bridge!.frames.aToB).toBeGreaterThan(100);
    expect(framesWithTone(nurse.heard(), CALLER_HZ)).toBeGreaterThan(100);
  }, 40_000);
}

it('nurse line busy (SIPp 486): transfer fails, the caller stays with the bot, which speaks and hangs up', async () => {
  const nursePort = base + 26;
  nurseTarget = `sip:nurse@127.0.0.1:${nursePort};transport=tcp`;
  const busy = runSipp(['-sf', writeScenario(dir, 'busy.xml', uasRejectXml('486 Busy Here')), '-t', 't1', '-i', '127.0.0.1', '-p', String(nursePort), '-mp', String(nursePort + 1000), '-m', '1']);
  await new Promise((r) => setTimeout(r, 300));
  const d = done();
  const sipp = await sippCaller('refer-busy', { refuse: '405 Method Not Allowed' });
  const { leg, report, bridge, transferError } = await d;
  const { code, stderr } = await sipp.exit; // the bot's BYE ends the scenario
  expect(code, stderr).toBe(0);
  expect((await busy.exit).code).toBe(0);
  expect(bridge).toBeNull();
  expect(transferError).toMatchObject({ code: 'TZ_ERR_SIP_REJECTED', details: { method: 'REFER', status: 405, reason: 'rejected', fallback: 'busy', fallbackStatus: 486 } });
  expect(report.outcome).toBe('transfer-failed');
  expect(report.endReason).toBe('completed'); // the bot hung up after its "nobody available" prompt
  expect(leg.closeCause).toBe('hangup');
  const botAfter = report.transcript.filter((t) => t.speaker === 'bot');
  expect(botAfter.length).toBe(3); // hello, "transferring", then the prompt after the failure
  expect(botAfter[2]!.endMs - botAfter[2]!.startMs).toBeGreaterThan(200); // it was played to the caller
  expect(leg.bridged).toBe(false);
}, 40_000);

it('SIPp accepts REFER and NOTIFYs 200 (it reached the nurse): transferred without a bridge, tingzhen ends its dialog (BYE)', async () => {
  const d = done();
  const sipp = await sippCaller('refer-ok', { notify: '200 OK' });
  const { leg, report, bridge, transferError } = await d;
  const { code, stderr } = await sipp.exit; // the scenario ends with our BYE
  expect(code, stderr).toBe(0);
  expect(transferError).toBeNull();
  expect(bridge).toBeNull();
  expect(report.outcome).toBe('transferred');
  expect(leg.closeCause).toBe('transferred');
}, 30_000);
