/**
 * The scripted patients: who they are (as a nurse enters them), what their phone does when the
 * platform calls (the trunk's line per number) and, for speech answers, what the recogniser hears.
 *
 * Keys follow dialog-engine/scripts/post-op-followup.yaml: consent (1 yes / 2 no), wound (1/2),
 * [wound-bleeding (1/2) after a wound "yes"], fever (1/2), pain (digits then #), mobility (1/2),
 * calf (1/2), breath (1/2: 1 is a red flag), drain (1/2); 0 at a yes/no question asks for a person.
 * Most patients say nothing when answering, so answering-machine detection says "uncertain" after
 * 2.5 s and the script starts (a person, fail-safe); one says a short hello (AMD: a person). The
 * first key comes after that, then one key every 1.5 s: every question's prompt can be cut by a
 * key, so each key answers the question asked then.
 */
import { join } from 'node:path';
import { createLogger } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { MODELS_DIR } from './harness.js';
import { keysFrom, speechClip, tone, writePatientPcap, type Line } from './sipp-patients.js';
import type { PatientSpec } from './ward.js';

/** First key after the answer, ms (AMD decides after 2.5 s of silence), and the gap between keys. */
export const FIRST_KEY_MS = 5000;
export const KEY_GAP_MS = 1500;
/** The Mandarin patient who is well says a short "hello" (about 1.2 s of speech) when picking up. */
const HELLO_CLIP = 'IT0011W0001_8k_ulaw.wav';
/** When a speaking patient starts talking, ms after the answer (over the bot's greeting: a barge-in). */
export const SPEAKS_AT_MS = 5000;
/** Length of every patient's line recording, ms: longer than any call (the line stays open, silent). */
const LINE_MS = 120_000;

export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];

const person = (mrn: string, lang: Lang, n: number, name: string): PatientSpec => ({
  mrn: `SYN-${mrn}-${lang.toUpperCase()}`, name, phone: `+86139${String(n).padStart(8, '0')}`, language: lang === 'zh' ? 'zh-CN' : 'en',
});
const pair = (mrn: string, n: number, zh: string, en: string): Record<Lang, PatientSpec> => ({ zh: person(mrn, 'zh', n, zh), en: person(mrn, 'en', n + 1, en) });

export const PATIENTS = {
  well: pair('WELL', 101, '王芳', 'Emily Clark'),
  redFlag: pair('REDFLAG', 111, '李建国', 'George Hall'),
  nurse: pair('NURSE', 121, '赵丽', 'Grace Lee'),
  hangsUp: pair('HANGUP', 131, '钱伟', 'Oliver King'),
  optOut: pair('OPTOUT', 141, '孙强', 'Harry Wood'),
  wrongPerson: pair('WRONG', 151, '周敏', 'Alice Moore'),
  callBack: pair('CALLBACK', 161, '吴军', 'Jack Turner'),
  voicemail: person('VOICEMAIL', 'zh', 171, '郑洁'),
  noAnswer: person('NOANSWER', 'zh', 181, '冯涛'),
  busy: person('BUSY', 'zh', 191, '陈静'),
} as const;

/** Keys of the keypad patients. */
export const KEYS = {
  /** Consent, no wound trouble, no fever, pain 2, walks, no calf pain, breathes fine, no drain. */
  well: '1222#1222',
  /** The same until breath: sudden trouble breathing (a red flag, mid-call). */
  redFlag: '1222#121',
  /** Consent, no wound trouble, then 0 at the fever question: a person, please. */
  nurse: '120',
  /** Consent, the wound is red and swollen, not bleeding; then hangs up while the fever question plays. */
  hangsUp: '112',
} as const;
/** The patient who hangs up does so this long after the answer, ms: after the third key, during the next question. */
export const HANGS_UP_AT_MS = FIRST_KEY_MS + KEYS.hangsUp.length * KEY_GAP_MS;

/** What the recogniser hears from the speaking patients (the rule NLU reads the intent). */
export const SAYS: Record<'optOut' | 'wrongPerson' | 'callBack', Record<Lang, string>> = {
  optOut: { zh: '以后别再给我打电话了', en: 'Please stop calling me, take me off your list' },
  wrongPerson: { zh: '你打错了，我不是他', en: 'Sorry, you have the wrong number' },
  callBack: { zh: '我现在在忙，明天下午再打过来吧', en: "I'm busy right now, call me back tomorrow afternoon" },
};

/** A voicemail greeting as an answering machine plays it, then its beep. */
async function voicemailGreeting(): Promise<Int16Array> {
  const espeak = await EspeakTtsEngine.load({ logger: createLogger({ level: 'silent' }) });
  const parts: Int16Array[] = [];
  for await (const f of espeak.synthesize({ text: '您好，我现在不方便接听电话，请在提示音后留言，谢谢。', language: 'zh', sampleRate: 8000 })) parts.push(f.samples);
  parts.push(new Int16Array(8000 * 0.4), tone(1000, 500));
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

/** Writes the patients' line recordings into `dir` and returns the trunk's lines. */
export async function castLines(dir: string, nurseLine: string | undefined): Promise<Line[]> {
  const pcap = (name: string, track: Parameters<typeof writePatientPcap>[1]) => {
    const path = join(dir, `${name}.pcap`);
    writePatientPcap(path, track);
    return path;
  };
  const keys = (digits: string) => pcap(`keys-${digits.replace('#', 'h')}`, { durationMs: LINE_MS, keys: keysFrom(digits, FIRST_KEY_MS, KEY_GAP_MS) });
  const speaks = pcap('speaks', { durationMs: LINE_MS, sounds: [{ samples: speechClip(MODELS_DIR), atMs: SPEAKS_AT_MS }] });
  const machine = pcap('voicemail', { durationMs: 40_000, sounds: [{ samples: await voicemailGreeting(), atMs: 300 }] });
  // "Hello?" on picking up (a short greeting: AMD says a person), then the keys.
  const helloThenKeys = pcap('hello-keys', { durationMs: LINE_MS, keys: keysFrom(KEYS.well, FIRST_KEY_MS, KEY_GAP_MS), sounds: [{ samples: speechClip(MODELS_DIR, HELLO_CLIP), atMs: 300 }] });
  const lines: Line[] = [];
  for (const lang of LANGS) {
    lines.push(
      { phone: PATIENTS.well[lang].phone, behaviour: { kind: 'answer', pcap: lang === 'zh' ? helloThenKeys : keys(KEYS.well) } },
      { phone: PATIENTS.redFlag[lang].phone, behaviour: { kind: 'answer', pcap: keys(KEYS.redFlag) } },
      { phone: PATIENTS.nurse[lang].phone, behaviour: { kind: 'answer', pcap: keys(KEYS.nurse), ...(nurseLine ? { referTo: nurseLine } : {}) } },
      { phone: PATIENTS.hangsUp[lang].phone, behaviour: { kind: 'answer-then-bye', pcap: keys(KEYS.hangsUp), byeAfterMs: HANGS_UP_AT_MS } },
      ...(['optOut', 'wrongPerson', 'callBack'] as const).map((f): Line => ({ phone: PATIENTS[f][lang].phone, behaviour: { kind: 'answer', pcap: speaks } })),
    );
  }
  lines.push(
    { phone: PATIENTS.voicemail.phone, behaviour: { kind: 'answer', pcap: machine } },
    { phone: PATIENTS.noAnswer.phone, behaviour: { kind: 'no-answer' } },
    { phone: PATIENTS.busy.phone, behaviour: { kind: 'busy' } },
  );
  return lines;
}
