/**
 * SIPp (UDP) -> Kamailio edge (sip-config/kamailio/kamailio.cfg, dispatcher) -> tingzhen (TCP):
 * an inbound call whose RFC 4733 digits complete the DTMF-only follow-up through the real
 * pipeline; the bot's BYE travels back through Kamailio's record-route.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SileroVadEngine } from '@tingzhen/speech';
import { runCallPipeline, type CallReport } from '../src/index.js';
import type { SipCallLeg } from '../src/sip/index.js';
import { miniDialog, MODELS_DIR, ToneTts } from './helpers.js';
import { quiet, startGateway, type Gateway } from './sip-helpers.js';
import { writeRtpPcap } from './sip-fixtures/pcap.js';
import { runSipp, tempDir, uacXml, writeScenario } from './sip-fixtures/sipp.js';

const CFG = resolve(dirname(fileURLToPath(import.meta.url)), '../../sip-config/kamailio/kamailio.cfg');
const dir = tempDir();
const edgePort = 35060 + (process.pid % 400) * 4;
let gw: Gateway;
let kam: ChildProcess;
let kamLog = '';
let vad: SileroVadEngine;
let done: ((r: { leg: SipCallLeg; report: CallReport }) => void) | null = null;

beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger: quiet });
  gw = await startGateway({
    onCall: async (leg) => {
      const report = await runCallPipeline({ leg, dialog: miniDialog([]), engines: { vad, tts: new ToneTts(60) }, logger: quiet });
      done?.({ leg, report });
    },
  });
  const list = join(dir, 'dispatcher.list');
  writeFileSync(list, `1 sip:127.0.0.1:${gw.ep.port};transport=tcp 0 0\n`);
  kam = spawn('kamailio', ['-DD', '-E', '-f', CFG, '-A', `LISTEN_PORT=${edgePort}`, '-A', `DISPATCHER_LIST="${list}"`,
    '-A', `RUNDIR="${dir}"`, '-A', `CTL_SOCKET="unix:${dir}/ctl"`, '-w', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  kam.stderr!.on('data', (d: Buffer) => { kamLog += d.toString(); });
  for (let i = 0; i < 50 && !/listening on/i.test(kamLog); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500));
}, 30_000);

afterAll(async () => {
  kam?.kill('SIGTERM');
  await gw.ep.stop();
});

it('SIPp over UDP through Kamailio reaches tingzhen over TCP; RFC 4733 digits complete the follow-up', async () => {
  const pcap = join(dir, 'digits.pcap');
  writeRtpPcap(pcap, { durationMs: 20_000, digits: Array.from({ length: 12 }, (_, i) => ({ digit: '2', atMs: 2000 + i * 1500 })) });
  const scen = writeScenario(dir, 'uac-kam.xml', uacXml(pcap, null, true));
  const rep = new Promise<{ leg: SipCallLeg; report: CallReport }>((r) => { done = r; });
  const sipp = runSipp([`127.0.0.1:${edgePort}`, '-sf', scen, '-t', 'u1', '-i', '127.0.0.1', '-p', String(edgePort + 2), '-mp', String(edgePort + 10002), '-m', '1', '-s', '120']);
  const { leg, report } = await rep;
  expect(report.endReason).toBe('completed');
  expect(leg.rtpStats!.packetsSent).toBeGreaterThan(100);
  const { code, stderr } = await sipp.exit;
  expect(code, `${stderr}\n${kamLog.slice(-2000)}`).toBe(0);
}, 60_000);
