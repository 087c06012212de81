/**
 * Multi-digit key entry (a temperature, a pain score: digits then '#') on a loopback leg with the
 * real runner: the keys after the first one still reach the question, and a pause after some
 * digits ends the entry (the no-input timer), so the call never waits in silence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { createRunner, loadScriptText } from '@tingzhen/dialog-engine';
import { driverFromReducer, runCallPipeline, type CallReport } from '../src/index.js';
import { MODELS_DIR, testInterpreter, ToneTts } from './helpers.js';

const SCRIPT = `
id: gw-digits
version: 1
title: { zh: 按键输入 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    text: { zh: 机器人 }
  - id: pain
    kind: ask
    expect: scale-0-10
    prompt: { zh: 疼痛几分 }
    dtmfPrompt: { zh: 请按分数再按井号 }
    dtmf: { digits: { maxDigits: 2, terminator: '#' } }
  - id: fever
    kind: ask
    expect: yes-no
    prompt: { zh: 发烧吗 }
    dtmfPrompt: { zh: 是按一不是按二 }
    dtmf: { map: { '1': 'yes', '2': 'no' } }
  - id: bye
    kind: hangup
    text: { zh: 再见 }
    outcome: completed
`;

const logger = createLogger({ level: 'silent' });
let vad: SileroVadEngine;
beforeAll(async () => { vad = await SileroVadEngine.load({ modelsDir: MODELS_DIR, logger }); });
afterAll(() => vad.close());

async function run(feed: (leg: LoopbackCallLeg) => void, realtime = false): Promise<CallReport> {
  const runner = createRunner(loadScriptText(SCRIPT), { interpreter: testInterpreter });
  const dialog = driverFromReducer(runner.initialState({ lang: 'zh' }), (s, i) => runner.next(s, i), (s) => runner.result(s));
  const leg = new LoopbackCallLeg({ realtime });
  feed(leg);
  return runCallPipeline({ leg, dialog, engines: { vad, tts: new ToneTts(60) }, logger, now: () => leg.mediaMs });
}

describe('multi-digit key entry', () => {
  it('takes the digits and the terminator pressed one after the other, then goes on', async () => {
    // '2' answers the pain question; '#' 1.5 s later ends the entry; '2' answers the fever question.
    const report = await run((l) => l.feedSilence(300).feedDtmf('2').feedSilence(1500).feedDtmf('#').feedSilence(1500).feedDtmf('2').feedSilence(2000));
    expect(report.result?.answers.pain).toMatchObject({ value: { value: 2 }, via: 'dtmf' });
    expect(report.result?.answers.fever).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
    expect(report.outcome).toBe('completed');
  }, 30_000);

  it('a pause after the digits ends the entry (no terminator needed)', async () => {
    // In real time: the pause is the no-input timer's (6 s of wall time).
    const report = await run((l) => l.feedSilence(300).feedDtmf('7').feedSilence(7500).feedDtmf('1').feedSilence(2000), true);
    expect(report.result?.answers.pain).toMatchObject({ value: { value: 7 } });
    expect(report.result?.answers.fever).toMatchObject({ value: { answer: 'yes' } });
    expect(report.outcome).toBe('completed');
  }, 30_000);
});
