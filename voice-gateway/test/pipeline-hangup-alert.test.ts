/**
 * A caller who hangs up after answers that are a concern (a disposition of D4 or more urgent)
 * still reaches a nurse: the runner's alert on the hang-up is part of the call's report, so the
 * filed result carries it (and the worklist gets an item).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callResultFromReport, createLogger } from '@tingzhen/voice-core';
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { SileroVadEngine } from '@tingzhen/speech';
import { createRunner, loadScriptText } from '@tingzhen/dialog-engine';
import { driverFromReducer, runCallPipeline } from '../src/index.js';
import { MODELS_DIR, testInterpreter, ToneTts } from './helpers.js';

const SCRIPT = `
id: gw-hangup
version: 1
title: { zh: 挂断 }
languages: [zh]
flags: { recordingNotice: false, bargeIn: true }
steps:
  - id: hello
    kind: say
    roles: [ai-disclosure]
    text: { zh: 机器人 }
  - id: wound
    kind: ask
    expect: yes-no
    prompt: { zh: 伤口红肿吗 }
    dtmfPrompt: { zh: 是按一不是按二 }
    dtmf: { map: { '1': 'yes', '2': 'no' } }
  - id: wound-check
    kind: branch
    cases:
      - when: { answer: wound, eq: 'yes' }
        next: fever
        disposition: D4
    default: fever
  - id: fever
    kind: ask
    expect: yes-no
    prompt: { zh: 最近两天有没有发烧体温到三十八度或者更高呢 }
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

describe('the caller hangs up mid-call', () => {
  it('after a concerning answer: the alert is in the report and the filed result', async () => {
    const runner = createRunner(loadScriptText(SCRIPT), { interpreter: testInterpreter });
    const dialog = driverFromReducer(runner.initialState({ lang: 'zh' }), (s, i) => runner.next(s, i), (s) => runner.result(s));
    const leg = new LoopbackCallLeg();
    leg.feedSilence(500).feedDtmf('1').feedSilence(500).feedHangup();
    const report = await runCallPipeline({ leg, dialog, engines: { vad, tts: new ToneTts(60) }, logger, now: () => leg.mediaMs });
    expect(report.endReason).toBe('dropped');
    expect(report.result).toMatchObject({ outcome: 'caller-hung-up', disposition: 'D4' });
    expect(report.events).toContainEqual(expect.objectContaining({ type: 'alert', reason: 'caller-hung-up' }));
    expect(callResultFromReport(report).alerts).toContainEqual(expect.objectContaining({ reason: 'caller-hung-up' }));
  }, 30_000);
});
