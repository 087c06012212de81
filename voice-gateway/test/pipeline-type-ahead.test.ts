/**
 * Input before a question is asked (issue 20 item 3), on a loopback leg with the real runner: a
 * key (or speech) that comes while the greeting plays is not applied to the question after it
 * unless the script allows type-ahead (flags.typeAhead or the step's typeAhead); with it, a key
 * answers that question as soon as it is asked. 0 (a nurse) counts at any time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type InterruptedAttempt } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { createRunner, loadScriptText } from '@tingzhen/dialog-engine';
import { driverFromReducer, runCallPipeline, type CallReport } from '../src/index.js';
import { gainDb, loadWav8k, MODELS_DIR, ScriptedAsr, speechOnsetMs, testInterpreter, ToneTts } from './helpers.js';

interface Opts { flag?: boolean; step?: boolean; greetingBargeIn?: boolean }

const script = ({ flag, step, greetingBargeIn }: Opts) => `
id: gw-type-ahead
version: 1
title: { zh: 预先按键 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true${flag === undefined ? '' : `, typeAhead: ${flag}`} }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    ${greetingBargeIn === false ? 'bargeIn: false' : ''}
    text: { zh: 您好这里是医院的智能语音助手我是人工智能 }
  - id: consent
    kind: ask
    roles: [consent]
    expect: yes-no
    ${step === undefined ? '' : `typeAhead: ${step}`}
    prompt: { zh: 现在方便吗 }
    dtmfPrompt: { zh: 方便按一不方便按二 }
    dtmf: { map: { '1': 'yes', '2': 'no' } }
  - id: pain
    kind: ask
    expect: yes-no
    prompt: { zh: 伤口疼吗 }
    dtmfPrompt: { zh: 疼按一不疼按二 }
    dtmf: { map: { '1': 'yes', '2': 'no' } }
  - id: bye
    kind: hangup
    text: { zh: 再见 }
    outcome: completed
`;

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
let speech: Int16Array;
beforeAll(async () => {
  vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger });
  speech = gainDb(loadWav8k(), 12);
});
afterAll(() => vad.close());

interface RunOpts extends Opts { interrupted?: InterruptedAttempt; asr?: ScriptedAsr; msPerChar?: number }

async function run(o: RunOpts, feed: (leg: LoopbackCallLeg) => void): Promise<CallReport> {
  const runner = createRunner(loadScriptText(script(o)), { interpreter: testInterpreter });
  const dialog = driverFromReducer(runner.initialState({ lang: 'zh', ...(o.interrupted ? { interrupted: o.interrupted } : {}) }), (s, i) => runner.next(s, i), (s) => runner.result(s));
  const leg = new LoopbackCallLeg({ realtime: false });
  feed(leg);
  leg.feedHangup(); // the caller hangs up when the feed runs out
  return runCallPipeline({ leg, dialog, engines: { vad, tts: new ToneTts(o.msPerChar ?? 60), ...(o.asr ? { asr: o.asr } : {}) }, logger, now: () => leg.mediaMs });
}

const bot = (r: CallReport) => r.transcript.filter((t) => t.speaker === 'bot').map((t) => t.text);
const GREETING = '您好这里是医院的智能语音助手我是人工智能';

// The greeting lasts ~1.2 s (20 characters x 60 ms) and the consent question ~0.3 s after it:
// '1' at 300 ms is during the greeting.
describe('a key pressed during the greeting', () => {
  it('without type-ahead (the default): answers nothing; the question is asked and answered by the next key', async () => {
    const r = await run({}, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(3000).feedDtmf('2').feedSilence(2000));
    expect(bot(r).slice(0, 2)).toEqual([GREETING, '现在方便吗']);
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });

  it('typeAhead: false in the script is the same', async () => {
    const r = await run({ flag: false }, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(3000).feedDtmf('2').feedSilence(2000));
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });

  it('a greeting that cannot be interrupted does not keep the key for the question either', async () => {
    // Before the guard, such a key was held and answered the question when it started listening.
    const r = await run({ greetingBargeIn: false }, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(3000).feedDtmf('2').feedSilence(2000));
    expect(bot(r).slice(0, 2)).toEqual([GREETING, '现在方便吗']);
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });

  it('with type-ahead (flags.typeAhead): the key answers the question as soon as it is asked', async () => {
    const r = await run({ flag: true }, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(3000).feedDtmf('2').feedSilence(2000));
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'yes' }, via: 'dtmf' });
    expect(r.result?.answers.pain).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
    expect(r.outcome).toBe('completed');
  });

  it("with type-ahead on the ask step only: the step's setting wins over the script's", async () => {
    const on = await run({ flag: false, step: true }, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(3000));
    expect(on.result?.answers.consent).toMatchObject({ value: { answer: 'yes' }, via: 'dtmf' });
    const off = await run({ flag: true, step: false }, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(3000).feedDtmf('2').feedSilence(2000));
    expect(off.result?.answers.consent).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });

  it('0 (a nurse) still counts at any time, the greeting included', async () => {
    const r = await run({}, (l) => l.feedSilence(300).feedDtmf('0').feedSilence(4000));
    expect(r.result?.answers.consent).toBeUndefined();
    expect(r.outcome).not.toBe('completed');
    expect(bot(r)).not.toContain('现在方便吗');
  });

  it('a key during the question itself still cuts it and answers it (barge-in)', async () => {
    // The question starts at ~1.2 s; '1' at 1.35 s is during it.
    const r = await run({}, (l) => l.feedSilence(1350).feedDtmf('1').feedSilence(3000).feedDtmf('2').feedSilence(2000));
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'yes' }, via: 'dtmf' });
    expect(r.result?.answers.pain).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });
});

describe('a notice before a question (the retry of an interrupted call)', () => {
  it("a key during 'we are starting again' does not answer the question after it", async () => {
    // consent (~1.5 s in) is answered at 2 s; then the restart notice (not interruptible, same
    // step as the pain question) and the pain question. '1' at 2.5 s is during the notice.
    const interrupted: InterruptedAttempt = { attemptId: 'attempt-earlier', answers: {} };
    const r = await run({ interrupted }, (l) => l.feedSilence(2000).feedDtmf('1').feedSilence(500).feedDtmf('1').feedSilence(8000).feedDtmf('2').feedSilence(2000));
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'yes' }, via: 'dtmf' });
    expect(bot(r)).toContain('伤口疼吗');
    expect(r.result?.answers.pain).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });
});

describe('speech during the greeting', () => {
  // A slower voice (200 ms a character): the greeting lasts 4 s and the question 1 s after it;
  // ~1.5 s of speech starts at 500 ms; keys at 8 s and 10 s.
  const feed = (l: LoopbackCallLeg) => {
    const cut = speech.subarray(0, Math.round(speechOnsetMs(speech) * 8) + 12_000);
    l.feedSilence(500).feedSamples(cut).feedSilence(8000 - 500 - cut.length / 8).feedDtmf('2').feedSilence(2000).feedDtmf('2').feedSilence(2000);
  };

  it('without type-ahead: does not cut the greeting or answer the question', async () => {
    const r = await run({ msPerChar: 200, asr: new ScriptedAsr(['是的']) }, feed);
    expect(r.bargeIns).toHaveLength(0);
    expect(bot(r).slice(0, 2)).toEqual([GREETING, '现在方便吗']);
    // The question was answered by the key after it, not by the words during the greeting.
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });

  it('with type-ahead: cuts the greeting and answers the question', async () => {
    const r = await run({ flag: true, msPerChar: 200, asr: new ScriptedAsr(['是的']) }, feed);
    expect(r.bargeIns.length).toBeGreaterThan(0);
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'yes' }, via: 'speech' });
  });
});
