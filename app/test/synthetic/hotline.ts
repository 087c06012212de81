/**
 * Callers of the triage hotline: in Mandarin over SIP (SIPp calling the platform's SIP endpoint
 * from the hospital PBX's address) and in English over the media WebSocket (a Twilio-dialect test
 * caller with a signed token). Each presses keys on the bot's questions; keys follow
 * dialog-engine/scripts/triage-hotline.yaml: consent (1), complaint (1 chest, 5 fever...), the
 * emergency screen (2 no), then the complaint's questions. The first key comes once the consent
 * question has been said (a key during the greeting answers nothing), timed from the greeting as
 * the platform's voice (espeak-ng here) says it; then one key every 1.5 s.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createLogger } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { keyTimes, type TimedKey } from '@tingzhen/load-tests/keypad-timing';
import { HOSPITAL, SECRET, type SyntheticPlatform } from './harness.js';
import { freePort, hotlineCallerScenario, mediaPort, startSipp, writePatientPcap } from './sipp-patients.js';
import type { Lang } from './cast.js';

const KEY_GAP_MS = 1500;
/** Chest pain that is crushing: a cardiac red flag. */
const RED_FLAG_KEYS = '1121';
/** A fever, none of the warning signs: self-care. */
const NON_URGENT_KEYS = '152222';

export interface HotlineCall { lang: Lang; callerNumber?: string; callId?: string }

export interface InboundCallDto {
  id: string; call_id: string; caller_number: string | null; outcome: string | null; disposition: string | null; red_flags: string[]; lang: string | null;
  answers: Record<string, unknown>; transcript: { speaker: string; text: string; startMs: number; endMs: number; via?: string }[];
  is_test: boolean; has_recording: boolean;
  escalation: { id: string; priority: number; reason: string } | null;
  escalations: { id: string; priority: number; reason: string; state: string }[];
}

export interface HotlineCalls {
  redFlag: HotlineCall[];
  nonUrgent: HotlineCall[];
  /** All calls over (hung up by the bot) and filed. */
  done: Promise<void>;
  /** The call as the nurse opens it in the console. */
  detail(call: HotlineCall): Promise<InboundCallDto>;
}

/** When a hotline caller presses `keys` (the hotline records: its greeting says so), ms from the answer. */
async function timedKeys(lang: Lang, keys: string): Promise<TimedKey[]> {
  const tts = await EspeakTtsEngine.load({ logger: createLogger({ level: 'silent' }) });
  return keyTimes({ scriptId: 'triage-hotline', lang, tts, hospitalName: HOSPITAL, recorded: true, botStartsAtMs: 0, gapMs: KEY_GAP_MS }, keys);
}

async function sipCaller(s: SyntheticPlatform, name: string, number: string, keys: string): Promise<void> {
  const pcap = join(s.dir, `${name}.pcap`);
  writePatientPcap(pcap, { durationMs: 90_000, keys: await timedKeys('zh', keys) });
  const xml = join(s.dir, `${name}.xml`);
  writeFileSync(xml, hotlineCallerScenario(pcap));
  const run = startSipp(s.dir, name, [`127.0.0.1:${s.sipPort}`, '-sf', xml, '-s', number, '-t', 't1', '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await mediaPort()), '-m', '1']);
  const { code, stderr } = await run.exit;
  if (code !== 0) throw new Error(`hotline caller ${name}: sipp exited ${code}: ${stderr} ${run.errors()}`);
}

async function wsCaller(s: SyntheticPlatform, callId: string, keys: string): Promise<void> {
  const token = signToken(SECRET, { ttlMs: 60_000 });
  const caller = new TestCaller({ url: `${s.platform.url.replace(/^http/, 'ws')}/media/native?token=${token}`, callId, parameters: { lang: 'en' } });
  const timed = await timedKeys('en', keys);
  await caller.connect();
  const timers = timed.map((k) => setTimeout(() => caller.sendDtmf(k.digit), k.atMs));
  try {
    await caller.waitClosed(120_000);
  } finally {
    for (const t of timers) clearTimeout(t);
  }
}

export async function startHotlineCalls(s: SyntheticPlatform): Promise<HotlineCalls> {
  const tag = s.backend;
  const redFlag: HotlineCall[] = [{ lang: 'zh', callerNumber: '13800138001' }, { lang: 'en', callId: `CA-${tag}-redflag-en` }];
  const nonUrgent: HotlineCall[] = [{ lang: 'zh', callerNumber: '13800138002' }, { lang: 'en', callId: `CA-${tag}-fever-en` }];
  const done = Promise.all([
    sipCaller(s, 'hotline-redflag', redFlag[0]!.callerNumber!, RED_FLAG_KEYS),
    sipCaller(s, 'hotline-fever', nonUrgent[0]!.callerNumber!, NON_URGENT_KEYS),
    wsCaller(s, redFlag[1]!.callId!, RED_FLAG_KEYS),
    wsCaller(s, nonUrgent[1]!.callId!, NON_URGENT_KEYS),
  ]).then(() => undefined);
  const find = async (call: HotlineCall) => {
    const { items } = await s.nurse.get<{ items: InboundCallDto[] }>('/api/inbound-calls?limit=100');
    return items.find((i) => (call.callerNumber ? i.caller_number?.includes(call.callerNumber) : i.call_id === call.callId));
  };
  return {
    redFlag, nonUrgent, done,
    async detail(call) {
      const listed = await find(call);
      if (!listed) throw new Error(`hotline call not filed: ${JSON.stringify(call)}`);
      return s.nurse.get<InboundCallDto>(`/api/inbound-calls/${listed.id}`);
    },
  };
}
