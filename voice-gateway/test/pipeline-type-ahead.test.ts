/**
 * Input before a question is asked (issue 20 item 3), on a loopback leg with the real runner: a
 * key pressed while the greeting plays is not applied to the question after it unless the script
 * allows type-ahead (flags.typeAhead or the step's typeAhead); with it, the key answers that
 * question as soon as it is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { createRunner, loadScriptText } from '@tingzhen/dialog-engine';
import { driverFromReducer, runCallPipeline, type CallReport } from '../src/index.js';
import { MODELS_DIR, testInterpreter, ToneTts } from './helpers.js';

const script = (typeAhead: boolean) => `
id: gw-type-ahead
version: 1
title: { zh: 预先按键 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true, typeAhead: ${typeAhead} }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    text: { zh: 您好这里是医院的智能语音助手我是人工智能 }
  - id: consent
    kind: ask
    expect: yes-no
    prompt: { zh: 现在方便吗 }
    dtmfPrompt: { zh: 方便按一不方便按二 }
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

async function run(typeAhead: boolean, feed: (leg: LoopbackCallLeg) => void): Promise<CallReport> {
  const runner = createRunner(loadScriptText(script(typeAhead)), { interpreter: testInterpreter });
  const dialog = driverFromReducer(runner.initialState({ lang: 'zh' }), (s, i) => runner.next(s, i), (s) => runner.result(s));
  const leg = new LoopbackCallLeg({ realtime: false });
  feed(leg);
  return runCallPipeline({ leg, dialog, engines: { vad, tts: new ToneTts(60) }, logger, now: () => leg.mediaMs });
}

const bot = (r: CallReport) => r.transcript.filter((t) => t.speaker === 'bot').map((t) => t.text);

describe('a key pressed during the greeting', () => {
  it('without type-ahead: answers nothing; the question is asked and answered by the next key', async () => {
    // The greeting lasts ~1.2 s (20 characters x 60 ms): '1' at 300 ms is during it.
    const r = await run(false, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(3000).feedDtmf('2').feedSilence(2000));
    expect(bot(r).slice(0, 2)).toEqual(['您好这里是医院的智能语音助手我是人工智能', '现在方便吗']);
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'no' }, via: 'dtmf' });
  });

  it('with type-ahead: the key answers the question as soon as it is asked', async () => {
    const r = await run(true, (l) => l.feedSilence(300).feedDtmf('1').feedSilence(4000));
    expect(r.result?.answers.consent).toMatchObject({ value: { answer: 'yes' }, via: 'dtmf' });
    expect(r.outcome).toBe('completed');
  });

  it('0 (a nurse) still counts at any time, the greeting included', async () => {
    const r = await run(false, (l) => l.feedSilence(300).feedDtmf('0').feedSilence(4000));
    expect(r.result?.answers.consent).toBeUndefined();
    expect(r.outcome).not.toBe('completed');
    expect(bot(r)).not.toContain('现在方便吗');
  });
});
