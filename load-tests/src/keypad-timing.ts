/**
 * When a scripted patient who cannot listen (SIPp playing a pcap of RFC 4733 key presses, a test
 * caller on a timer) should press each key. The gateway applies a key to a question only once the
 * question's own prompt has started: a key during the greeting, or during a notice before the
 * question, answers nothing unless the script allows type-ahead. So the times come from the call
 * itself: the runner produces the prompts exactly as on a call (the patient's name, the hospital,
 * the recording notice, the notice of a resumed call) and the TTS the platform speaks with gives
 * their lengths.
 *
 * A key comes `gapMs` after the one before when its question is asked at once (the first prompt
 * of the batch the previous key started: the key may cut it, as a patient who knows the menu
 * does); when other prompts come first (the greeting, a notice), it comes `afterPromptMs` after
 * the question has been said in full, so a bot that runs a little late (answering-machine
 * detection, TTS start-up, a loaded machine) still has asked it, and one a little early is still
 * listening (no-input timeouts are 6 s or more).
 */
import { createRunner, loadScript, rulesInterpreter, type Action } from '@tingzhen/dialog-engine';
import { batchQuestion, type InterruptedAttempt, type TtsEngine } from '@tingzhen/voice-core';

/** An outbound call to a patient who says nothing: answering-machine detection says "uncertain" (a person) after this much silence, ms (voice-gateway amd.ts initialSilenceMs). */
export const AMD_SILENT_DECISION_MS = 2500;
/** A key after the question was said in full comes this long after it, ms. */
export const AFTER_PROMPT_MS = 1500;
/** Phone legs: prompts are timed at 8 kHz. */
const RATE = 8000;

export interface KeypadCall {
  scriptId: string;
  lang: 'zh' | 'en';
  /** The engine the platform speaks `lang` with (espeak-ng where no neural voice is provisioned). */
  tts: TtsEngine;
  /**
   * The patient names the call may greet (a pcap shared by several patients: the latest question
   * start of them all counts). Empty or absent: the script's fallback.
   */
  names?: readonly string[];
  hospitalName?: string;
  /** The call is recorded (the greeting carries the recording notice). */
  recorded?: boolean;
  /** The retry of an interrupted call (the script resumes or restarts, with its notice). */
  interrupted?: InterruptedAttempt;
  /** When the bot starts talking, ms from the answer: AMD_SILENT_DECISION_MS on campaign calls, about 0 on inbound ones. */
  botStartsAtMs: number;
  gapMs: number;
  afterPromptMs?: number;
}

export interface TimedKey { digit: string; atMs: number }

const durations = new WeakMap<TtsEngine, Map<string, number>>();

/** How long `tts` takes to say `text`, ms. */
export async function spokenMs(tts: TtsEngine, text: string, lang: string): Promise<number> {
  let cache = durations.get(tts);
  if (!cache) durations.set(tts, (cache = new Map()));
  const key = `${lang}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let samples = 0;
  for await (const f of tts.synthesize({ text, language: lang, sampleRate: RATE })) samples += f.samples.length;
  const ms = (samples * 1000) / RATE;
  cache.set(key, ms);
  return ms;
}

/** When each of `digits` should be pressed, ms from the answer (the latest over `names`). */
export async function keyTimes(call: KeypadCall, digits: string): Promise<TimedKey[]> {
  const names = call.names && call.names.length > 0 ? call.names : [undefined];
  const per = await Promise.all(names.map((name) => keyTimesFor(call, digits, name)));
  return [...digits].map((digit, i) => ({ digit, atMs: Math.ceil(Math.max(...per.map((p) => p[i]!))) }));
}

/** When the first question has been said in full, ms from the answer (the latest over `names`): a speaking patient answers after it. */
export async function firstQuestionEndsAtMs(call: KeypadCall): Promise<number> {
  const names = call.names && call.names.length > 0 ? call.names : [undefined];
  const ends = await Promise.all(names.map(async (name) => {
    const { actions } = start(call, name);
    const q = await questionTiming(call, actions, call.botStartsAtMs);
    return q.endsAtMs;
  }));
  return Math.max(...ends);
}

function start(call: KeypadCall, name: string | undefined) {
  const runner = createRunner(loadScript(call.scriptId), { interpreter: rulesInterpreter() });
  const state = runner.initialState({
    lang: call.lang, patient: name ? { displayName: name, name } : {},
    context: { ...(call.hospitalName ? { hospitalName: call.hospitalName } : {}), recording: call.recorded === true },
    ...(call.interrupted ? { interrupted: call.interrupted } : {}),
  });
  return { runner, ...runner.next(state, { type: 'start' }) };
}

/** When the batch's question starts and ends, given when the batch started; whether prompts come before it. */
async function questionTiming(call: KeypadCall, actions: readonly Action[], batchAtMs: number): Promise<{ startsAtMs: number; endsAtMs: number; promptsBefore: boolean; bargeIn: boolean }> {
  const q = batchQuestion(actions);
  if (!q) throw new Error(`${call.scriptId}: a key is left but the call asks nothing more`);
  let at = batchAtMs;
  let promptsBefore = false;
  for (const a of actions) {
    if (a === q.prompt || a === q.listen) break;
    if (a.type === 'say') { at += await spokenMs(call.tts, a.text, a.lang); promptsBefore = true; }
  }
  const promptMs = q.prompt ? await spokenMs(call.tts, q.prompt.text, q.prompt.lang) : 0;
  return { startsAtMs: at, endsAtMs: at + promptMs, promptsBefore, bargeIn: q.prompt?.bargeIn ?? true };
}

async function keyTimesFor(call: KeypadCall, digits: string, name: string | undefined): Promise<number[]> {
  const after = call.afterPromptMs ?? AFTER_PROMPT_MS;
  const first = start(call, name);
  const { runner } = first;
  let { state, actions } = first;
  let batchAt = call.botStartsAtMs;
  let previous = -Infinity;
  const times: number[] = [];
  for (const digit of digits) {
    const q = await questionTiming(call, actions, batchAt);
    const at = q.promptsBefore ? q.endsAtMs + after : Math.max(previous + call.gapMs, q.startsAtMs);
    times.push(at);
    previous = at;
    const out = runner.next(state, { type: 'dtmf', digit });
    state = out.state;
    // No actions: the same question listens on (a digit of a longer answer).
    if (out.actions.length > 0) {
      actions = out.actions;
      // The next batch starts with the key, or once a prompt that cannot be cut has ended.
      batchAt = q.bargeIn ? at : Math.max(at, q.endsAtMs);
    } else {
      batchAt = at;
      actions = actions.filter((a) => a.type === 'listen');
    }
  }
  return times;
}
