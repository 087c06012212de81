/**
 * The retry of an interrupted call (issue "Crash-safe calls": resumes or starts over as the script
 * declares, never silently). `onInterrupted: resume` skips the questions answered before, except
 * consent, after telling the patient; `restart` (the default) asks everything again and says why.
 * The result merges the earlier answers with the new ones, each keeping the attempt it came from.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRunner, DEFAULT_TEXTS, loadScript, loadScriptText, rulesInterpreter, type Action, type Runner } from '@tingzhen/dialog-engine';
import type { InterruptedAttempt } from '@tingzhen/voice-core';
import { Call } from './fixtures/drive.js';

const postOp = loadScript('post-op-followup');
const postOpText = readFileSync(new URL('../scripts/post-op-followup.yaml', import.meta.url), 'utf8');
const withPolicy = (policy: string) => postOpText.replace(/^flags:/m, `onInterrupted: ${policy}\nflags:`);
const resuming = loadScriptText(withPolicy('resume'), 'post-op-resume.yaml');

/** What the cut call kept: consent, a red and swollen wound, not bleeding (then the gateway died). */
const EARLIER: InterruptedAttempt = {
  attemptId: '41',
  answers: {
    consent: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
    wound: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
    'wound-bleeding': { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
  },
};

function call(runner: Runner, lang: 'zh' | 'en', interrupted?: InterruptedAttempt): Call {
  const c = new Call(runner, lang, { displayName: '王芳' }, { hospitalName: '测试医院', recording: true });
  if (interrupted) c.state = runner.initialState({ lang, patient: { displayName: '王芳' }, context: { hospitalName: '测试医院', recording: true }, interrupted });
  c.send({ type: 'start' });
  return c;
}
const keys = (c: Call, digits: string): Action[] => [...digits].flatMap((d) => c.send({ type: 'dtmf', digit: d }));
const says = (a: Action[]) => a.filter((x): x is Extract<Action, { type: 'say' }> => x.type === 'say');
const asked = (c: Call) => c.listening?.stepId;

describe('retry of an interrupted call: onInterrupted: resume', () => {
  const runner = createRunner(resuming, { interpreter: rulesInterpreter() });

  it('asks consent again, tells the patient the call continues, skips what was answered, and goes on from there', () => {
    const c = call(runner, 'zh', EARLIER);
    expect(asked(c)).toBe('consent');
    expect(c.said().join('')).not.toContain(DEFAULT_TEXTS.resumed.zh);
    const after = keys(c, '1');
    // The notice first (not interruptible by a key), then the first question not answered before.
    expect(says(after).map((s) => s.text)).toEqual([DEFAULT_TEXTS.resumed.zh, expect.stringContaining('发烧')]);
    expect(says(after)[0]).toMatchObject({ bargeIn: false, lang: 'zh' });
    expect(asked(c)).toBe('fever');
    // The skipped answers were saved in the earlier call: no save-answer for them now.
    expect(after.filter((a) => a.type === 'save-answer').map((a) => (a as { stepId: string }).stepId)).toEqual(['consent']);
  });

  it('the branches read the carried answers, and the result merges both calls with their provenance', () => {
    const c = call(runner, 'zh', EARLIER);
    keys(c, '1');
    // fever no, pain 2, walks, no calf pain, breathes fine, no drain.
    keys(c, '22#1222');
    expect(c.state.phase).toBe('ended');
    const r = runner.result(c.state);
    expect(r.outcome).toBe('completed');
    // The wound concern of the earlier call still sets the disposition and reaches the nurse.
    expect(r.disposition).toBe('D4');
    expect(r.tags).toContain('wound-concern');
    expect(c.all).toContainEqual(expect.objectContaining({ type: 'alert', reason: 'follow-up-concern' }));
    expect(r.answers).toEqual({
      consent: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
      wound: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf', fromAttemptId: '41' },
      'wound-bleeding': { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf', fromAttemptId: '41' },
      fever: { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
      pain: { expect: 'scale-0-10', value: { value: 2 }, via: 'dtmf' },
      mobility: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
      calf: { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
      breath: { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
      drain: { expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
    });
    expect(r.continuation).toEqual({ mode: 'resumed', fromAttemptId: '41', carried: ['wound', 'wound-bleeding'] });
  });

  it('speaks the notice in the patient\'s language', () => {
    const c = call(runner, 'en', EARLIER);
    expect(says(keys(c, '1'))[0]!.text).toBe(DEFAULT_TEXTS.resumed.en);
  });

  it('a carried red-flag answer takes the red-flag path again (never skipped past)', () => {
    const c = call(runner, 'zh', { attemptId: '41', answers: { ...EARLIER.answers, 'wound-bleeding': { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } } });
    const after = keys(c, '1');
    expect(after).toContainEqual(expect.objectContaining({ type: 'alert', priority: 'urgent', redFlags: ['severe-bleeding'] }));
    expect(runner.result(c.state)).toMatchObject({ outcome: 'red-flag', redFlags: ['severe-bleeding'] });
  });

  it('a patient who now declines keeps the earlier answers in the result; an answer carried twice keeps its first attempt', () => {
    const c = call(runner, 'zh', { attemptId: '52', answers: { wound: { ...EARLIER.answers.wound!, fromAttemptId: '41' }, fever: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } } });
    keys(c, '2');
    const r = runner.result(c.state);
    expect(r.outcome).toBe('declined');
    expect(c.said().join('')).not.toContain(DEFAULT_TEXTS.resumed.zh);
    expect(r.answers.wound).toMatchObject({ fromAttemptId: '41' });
    expect(r.answers.fever).toMatchObject({ fromAttemptId: '52' });
    expect(r.answers.consent).toEqual({ expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' });
    expect(r.continuation).toEqual({ mode: 'resumed', fromAttemptId: '52', carried: ['wound', 'fever'] });
  });

  it('an answer whose question changed its expectation is asked again', () => {
    const c = call(runner, 'zh', { attemptId: '41', answers: { wound: { expect: 'free-text', value: { text: '有点红' }, via: 'speech', text: '有点红' } } });
    keys(c, '1');
    expect(asked(c)).toBe('wound');
  });
});

describe('retry of an interrupted call: restart (the default)', () => {
  const runner = createRunner(postOp, { interpreter: rulesInterpreter() });

  it('the built-in follow-up scripts do not declare it: they restart', () => {
    expect(postOp.onInterrupted).toBeUndefined();
    expect(loadScriptText(withPolicy('restart')).onInterrupted).toBe('restart');
  });

  it('asks every question again after saying why; new answers replace the earlier ones, those not asked again are kept with their attempt', () => {
    const c = call(runner, 'zh', EARLIER);
    const after = keys(c, '1');
    expect(says(after).map((s) => s.text)).toEqual([DEFAULT_TEXTS.restarted.zh, expect.stringContaining('伤口')]);
    expect(asked(c)).toBe('wound');
    // This time the wound is fine; the patient hangs up at the fever question.
    keys(c, '2');
    expect(asked(c)).toBe('fever');
    c.send({ type: 'hangup' });
    const r = runner.result(c.state);
    expect(r.answers.wound).toEqual({ expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf' });
    expect(r.answers['wound-bleeding']).toEqual({ expect: 'yes-no', value: { answer: 'no' }, via: 'dtmf', fromAttemptId: '41' });
    expect(r.continuation).toEqual({ mode: 'restarted', fromAttemptId: '41', carried: ['wound-bleeding'] });
    // Only this call's answers drive its branches: no wound concern now.
    expect(r.tags).not.toContain('wound-concern');
  });

  it('a call that is not a retry has no notice and no continuation', () => {
    const c = call(runner, 'zh');
    keys(c, '1');
    expect(c.said().join('')).not.toContain(DEFAULT_TEXTS.restarted.zh);
    expect(runner.result(c.state).continuation).toBeUndefined();
  });
});

describe('onInterrupted in the script', () => {
  it('a bad value stops the load with the field and the allowed words', () => {
    expect(() => loadScriptText(withPolicy('continue'), 'bad.yaml')).toThrow(expect.objectContaining({ code: 'TZ_ERR_SCRIPT_INVALID' }));
    try {
      loadScriptText(withPolicy('continue'), 'bad.yaml');
    } catch (err) {
      const issues = (err as { details: { issues: { path: string; message: string; line: number }[] } }).details.issues;
      expect(issues).toEqual([expect.objectContaining({ path: 'onInterrupted', line: 15, message: 'must be one of "restart", "resume" (got "continue")' })]);
    }
  });

  it('an unknown field next to it is still refused by name', () => {
    expect(() => loadScriptText(postOpText.replace(/^flags:/m, 'onInterupted: resume\nflags:'), 'typo.yaml')).toThrow(expect.objectContaining({
      details: expect.objectContaining({ issues: [expect.objectContaining({ code: 'unknown-field', message: 'unknown field "onInterupted"' })] }),
    }));
  });
});
