/**
 * The scripted patients: who they are (as a nurse enters them), what their phone does when the
 * platform calls (the trunk's line per number) and, for speech answers, what the recogniser hears.
 *
 * Keys follow dialog-engine/scripts/post-op-followup.yaml: consent (1 yes / 2 no), wound (1/2),
 * [wound-bleeding (1/2) after a wound "yes"], fever (1/2), pain (digits then #), mobility (1/2),
 * calf (1/2), breath (1/2: 1 is a red flag), drain (1/2); 0 at a yes/no question asks for a person.
 * Most patients say nothing when answering, so answering-machine detection says "uncertain" after
 * 2.5 s and the script starts (a person, fail-safe); one says a short hello (AMD: a person). A key
 * pressed during the greeting answers nothing (the consent question has not been asked), so the
 * first key, or the first words, come once the consent question has been said (timed from the
 * greeting as the runner words it for that patient and the platform's voice says it: keypad-timing
 * in load-tests); then one key every 1.5 s: every later question's prompt can be cut by a key, so
 * each key answers the question asked then.
 */
import { join } from 'node:path';
import { createLogger } from '@tingzhen/voice-core';
import { EspeakTtsEngine } from '@tingzhen/speech';
import { AMD_SILENT_DECISION_MS, firstQuestionEndsAtMs, keyTimes, type KeypadCall } from '@tingzhen/load-tests/keypad-timing';
import { HOSPITAL, MODELS_DIR } from './harness.js';
import { speechClip, tone, writePatientPcap, type Line } from './sipp-patients.js';
import type { PatientSpec } from './ward.js';

/** The gap between keys once the first question has been answered, ms. */
export const KEY_GAP_MS = 1500;
/** The script the campaigns call with. */
const SCRIPT = 'post-op-followup';
/** The Mandarin patient who is well says a short "hello" (about 1.2 s of speech) when picking up. */
const HELLO_CLIP = 'IT0011W0001_8k_ulaw.wav';
/** A speaking patient starts talking this long after the consent question has been said, ms. */
const SPEAKS_AFTER_QUESTION_MS = 1500;
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
/** The patient who hangs up does so this long after the third key, ms: during the next question. */
const HANGS_UP_AFTER_LAST_KEY_MS = KEY_GAP_MS;

/** What the recogniser hears from the speaking patients (the rule NLU reads the intent). */
export const SAYS: Record<'optOut' | 'wrongPerson' | 'callBack', Record<Lang, string>> = {
  optOut: { zh: '以后别再给我打电话了', en: 'Please stop calling me, take me off your list' },
  wrongPerson: { zh: '你打错了，我不是他', en: 'Sorry, you have the wrong number' },
  callBack: { zh: '我现在在忙，明天下午再打过来吧', en: "I'm busy right now, call me back tomorrow afternoon" },
};

/** A voicemail greeting as an answering machine plays it, then its beep. */
async function voicemailGreeting(espeak: EspeakTtsEngine): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const f of espeak.synthesize({ text: '您好，我现在不方便接听电话，请在提示音后留言，谢谢。', language: 'zh', sampleRate: 8000 })) parts.push(f.samples);
  parts.push(new Int16Array(8000 * 0.4), tone(1000, 500));
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

/** Writes the patients' line recordings into `dir` and returns the trunk's lines. */
/**
 * Writes the patients' line recordings into `dir` and returns the trunk's lines. The platform
 * speaks with espeak-ng here (no neural voice is provisioned on these machines; the harness checks
 * it), so the greetings are timed with it.
 */
export async function castLines(dir: string, nurseLine: string | undefined): Promise<Line[]> {
  const espeak = await EspeakTtsEngine.load({ logger: createLogger({ level: 'silent' }) });
  const pcap = (name: string, track: Parameters<typeof writePatientPcap>[1]) => {
    const path = join(dir, `${name}.pcap`);
    writePatientPcap(path, track);
    return path;
  };
  // Every campaign records but the red-flag patients' one.
  const call = (lang: Lang, names: string[], recorded = true): KeypadCall => ({
    scriptId: SCRIPT, lang, tts: espeak, names, hospitalName: HOSPITAL, recorded, botStartsAtMs: AMD_SILENT_DECISION_MS, gapMs: KEY_GAP_MS,
  });
  const machine = pcap('voicemail', { durationMs: 40_000, sounds: [{ samples: await voicemailGreeting(espeak), atMs: 300 }] });
  const lines: Line[] = [];
  for (const lang of LANGS) {
    const keys = async (who: 'well' | 'redFlag' | 'nurse' | 'hangsUp', recorded = true) => {
      const timed = await keyTimes(call(lang, [PATIENTS[who][lang].name], recorded), KEYS[who]);
      return { timed, pcap: pcap(`keys-${who}-${lang}`, { durationMs: LINE_MS, keys: timed }) };
    };
    const speaking = ['optOut', 'wrongPerson', 'callBack'] as const;
    const speaksAt = (await firstQuestionEndsAtMs(call(lang, speaking.map((f) => PATIENTS[f][lang].name)))) + SPEAKS_AFTER_QUESTION_MS;
    const speaks = pcap(`speaks-${lang}`, { durationMs: LINE_MS, sounds: [{ samples: speechClip(MODELS_DIR), atMs: Math.ceil(speaksAt / 20) * 20 }] });
    const well = lang === 'zh'
      // "Hello?" on picking up (a short greeting: AMD says a person), then the keys.
      ? pcap('hello-keys-zh', { durationMs: LINE_MS, keys: await keyTimes(call(lang, [PATIENTS.well.zh.name]), KEYS.well), sounds: [{ samples: speechClip(MODELS_DIR, HELLO_CLIP), atMs: 300 }] })
      : (await keys('well')).pcap;
    const hangsUp = await keys('hangsUp');
    lines.push(
      { phone: PATIENTS.well[lang].phone, behaviour: { kind: 'answer', pcap: well } },
      { phone: PATIENTS.redFlag[lang].phone, behaviour: { kind: 'answer', pcap: (await keys('redFlag', false)).pcap } },
      { phone: PATIENTS.nurse[lang].phone, behaviour: { kind: 'answer', pcap: (await keys('nurse')).pcap, ...(nurseLine ? { referTo: nurseLine } : {}) } },
      { phone: PATIENTS.hangsUp[lang].phone, behaviour: { kind: 'answer-then-bye', pcap: hangsUp.pcap, byeAfterMs: Math.round(hangsUp.timed.at(-1)!.atMs + HANGS_UP_AFTER_LAST_KEY_MS) } },
      ...speaking.map((f): Line => ({ phone: PATIENTS[f][lang].phone, behaviour: { kind: 'answer', pcap: speaks } })),
    );
  }
  lines.push(
    { phone: PATIENTS.voicemail.phone, behaviour: { kind: 'answer', pcap: machine } },
    { phone: PATIENTS.noAnswer.phone, behaviour: { kind: 'no-answer' } },
    { phone: PATIENTS.busy.phone, behaviour: { kind: 'busy' } },
  );
  return lines;
}
