/** The pure runner: serialisable state, confidence, interrupts, transfers, typed errors. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRunner, loadScript, loadScriptText, type Action } from '@tingzhen/dialog-engine';
import { isTzError } from '@tingzhen/voice-core';
import { fakeInterpreter } from './fixtures/fake-interpreter.js';
import { Call } from './fixtures/drive.js';

const minimal = loadScriptText(readFileSync(fileURLToPath(new URL('./fixtures/good/minimal.yaml', import.meta.url)), 'utf8'), 'minimal.yaml');
const runner = createRunner(minimal, { interpreter: fakeInterpreter });

function started(lang: 'zh' | 'en' = 'en', r = runner): Call {
  const c = new Call(r, lang, { displayName: 'Ana' }, { recording: true });
  c.send({ type: 'start' });
  return c;
}
const types = (a: Action[]): string[] => a.map((x) => x.type);

describe('runner', () => {
  it('start: disclosure, question, listen with endpoint hints and the DTMF map', () => {
    const c = started();
    const a = c.all;
    expect(types(a)).toEqual(['say', 'say', 'listen']);
    expect(a[0]).toMatchObject({ text: 'Hello Ana, I am an AI assistant. This call is recorded, only for your care and quality review.', lang: 'en', stepId: 'intro' });
    expect(a[2]).toMatchObject({ expect: 'yes-no', timeoutMs: 5000, endpoint: { silenceAfterSpeechMs: 600 }, dtmf: { map: { 1: 'yes', 2: 'no' } } });
  });

  it('the patient-field fallback fills a missing name', () => {
    const c = new Call(runner, 'zh');
    c.send({ type: 'start' });
    expect(c.said()[0]).toMatch(/^您好/);
  });

  it('state survives a JSON round trip mid-call', () => {
    const c = started();
    const restored = JSON.parse(JSON.stringify(c.state)) as typeof c.state;
    const fresh = createRunner(loadScriptText(readFileSync(fileURLToPath(new URL('./fixtures/good/minimal.yaml', import.meta.url)), 'utf8')), { interpreter: fakeInterpreter });
    const a = fresh.next(restored, { type: 'speech', text: 'no', confidence: 0.9 });
    const b = runner.next(c.state, { type: 'speech', text: 'no', confidence: 0.9 });
    expect(a).toEqual(b);
    expect(a.actions.at(-1)).toMatchObject({ type: 'transfer', reason: 'unwell', disposition: 'D3' });
  });

  it('never mutates the state it is given', () => {
    const c = started();
    const frozen = JSON.stringify(c.state);
    runner.next(c.state, { type: 'speech', text: 'yes', confidence: 0.9 });
    expect(JSON.stringify(c.state)).toBe(frozen);
  });

  it('low-confidence speech is a no-match', () => {
    const c = started();
    const a = c.send({ type: 'speech', text: 'yes', confidence: 0.2 });
    expect(a.at(-1)).toMatchObject({ type: 'listen', stepId: 'q1' });
    expect(c.state.answers.q1).toBeUndefined();
    expect(c.state.ask?.noMatch).toBe(1);
  });

  it('a low-confidence red flag is confirmed: "no" resumes, silence takes the safe side', () => {
    const c = started();
    const a = c.send({ type: 'speech', text: "I can't breathe", confidence: 0.3 });
    expect(c.state.phase).toBe('confirm-red-flag');
    expect(a.at(-1)).toMatchObject({ type: 'listen', expect: 'yes-no' });
    c.send({ type: 'dtmf', digit: '2' });
    expect(c.state.phase).toBe('listening');
    c.send({ type: 'speech', text: "I can't breathe", confidence: 0.3 });
    const end = c.send({ type: 'no-input' });
    expect(end.at(-1)).toMatchObject({ type: 'hangup', disposition: 'D1' });
    expect(c.state.redFlags).toEqual(['severe-breathing']);
  });

  it('a clinical transfer nobody answers falls back to D2 with an urgent alert', () => {
    const c = started();
    c.send({ type: 'speech', text: 'no', confidence: 0.9 });
    const a = c.send({ type: 'action-done', action: 'transfer', ok: false });
    expect(types(a)).toEqual(['say', 'alert', 'hangup']);
    expect(a[1]).toMatchObject({ priority: 'urgent' });
    expect(runner.result(c.state)).toMatchObject({ disposition: 'D2', outcome: 'transfer-failed' });
  });

  it('speech while waiting for a transfer is ignored; after the end, input is a typed error', () => {
    const c = started();
    c.send({ type: 'speech', text: 'no', confidence: 0.9 });
    expect(c.send({ type: 'speech', text: 'hello?', confidence: 0.9 })).toEqual([]);
    c.send({ type: 'action-done', action: 'transfer', ok: true });
    expect(runner.result(c.state).outcome).toBe('transferred');
    expect(() => c.send({ type: 'speech', text: 'x' })).toThrow(expect.objectContaining({ code: 'TZ_ERR_DIALOG_STATE' }));
  });

  it('rejects bad input and foreign state with typed errors', () => {
    const c = started();
    for (const bad of [{ type: 'dtmf', digit: '12' }, { type: 'speech', text: 'x', confidence: 7 }, { type: 'teleport' }]) {
      try { runner.next(c.state, bad as never); expect.unreachable(); } catch (err) { expect(isTzError(err, 'TZ_ERR_VALIDATION')).toBe(true); }
    }
    expect(() => runner.next({ ...c.state, scriptHash: 'other' }, { type: 'no-input' })).toThrow(expect.objectContaining({ code: 'TZ_ERR_DIALOG_STATE' }));
    expect(() => runner.next(c.state, { type: 'start' })).toThrow(expect.objectContaining({ code: 'TZ_ERR_DIALOG_STATE' }));
    expect(() => runner.initialState({ lang: 'fr' as never })).toThrow(expect.objectContaining({ code: 'TZ_ERR_VALIDATION' }));
  });

  it('interrupts: repeat, human (key 0), wrong person, busy, emergency', () => {
    let c = started();
    const rep = c.send({ type: 'speech', text: 'can you repeat that', confidence: 0.9 });
    expect(rep[0]).toMatchObject({ type: 'say', text: 'Are you feeling well today?' });
    expect(c.state.ask?.noMatch).toBe(0);
    expect(c.send({ type: 'dtmf', digit: '*' })[0]).toMatchObject({ text: 'Are you feeling well today?' });
    expect(c.send({ type: 'dtmf', digit: '0' }).at(-1)).toMatchObject({ type: 'transfer', reason: 'caller-request' });
    c = started();
    expect(types(c.send({ type: 'speech', text: 'wrong number', confidence: 0.9 }))).toEqual(['say', 'hangup']);
    expect(c.state.outcome).toBe('wrong-person');
    c = started();
    const busy = c.send({ type: 'speech', text: "I'm busy, call me later", confidence: 0.9 });
    expect(busy).toContainEqual(expect.objectContaining({ type: 'schedule-callback', reason: 'caller-busy' }));
    expect(c.state.outcome).toBe('call-later');
    c = started('zh');
    const sos = c.send({ type: 'speech', text: '救命', confidence: 0.9 });
    expect(sos.at(-1)).toMatchObject({ type: 'hangup', disposition: 'D1' });
  });

  it('a caller who hangs up after an urgent answer still reaches the worklist', () => {
    const script = loadScript('post-op-followup');
    const r = createRunner(script, { interpreter: fakeInterpreter });
    const c = started('en', r);
    c.send({ type: 'speech', text: 'yes', confidence: 0.9 });
    c.send({ type: 'speech', text: 'yes', confidence: 0.9 }); // wound red
    c.send({ type: 'speech', text: 'no', confidence: 0.9 }); // not bleeding
    expect(c.state.disposition).toBe('D4');
    const a = c.send({ type: 'hangup' });
    expect(a).toEqual([expect.objectContaining({ type: 'alert', priority: 'high', reason: 'caller-hung-up' })]);
    expect(r.result(c.state)).toMatchObject({ outcome: 'caller-hung-up', tags: ['wound-concern'] });
  });

  it('keyed numbers: blood pressure with * and #, a 0 score is not "a human"', () => {
    const r = createRunner(loadScript('bp-diabetes-adherence'), { interpreter: fakeInterpreter });
    const c = started('en', r);
    c.send({ type: 'dtmf', digit: '1' });
    c.send({ type: 'dtmf', digit: '1' });
    for (const d of '185*95#') c.send({ type: 'dtmf', digit: d });
    expect(c.state.answers.bp).toMatchObject({ via: 'dtmf', value: { systolic: 185, diastolic: 95 } });
    expect(c.state.disposition).toBe('D4');
    const s = createRunner(loadScript('satisfaction-survey'), { interpreter: fakeInterpreter });
    const c2 = started('en', s);
    c2.send({ type: 'dtmf', digit: '1' });
    c2.send({ type: 'dtmf', digit: '0' });
    c2.send({ type: 'no-input' }); // the interdigit pause ends the number
    expect(c2.state.answers.overall).toMatchObject({ value: { value: 0 } });
    expect(c2.state.tags).toContain('dissatisfied');
  });

  it('a later calm answer never lowers the disposition', () => {
    const r = createRunner(loadScript('heart-failure-followup'), { interpreter: fakeInterpreter });
    const c = started('en', r);
    for (const t of ['yes', 'no', 'no', 'yes', 'no', 'no', 'no', 'no']) c.send({ type: 'speech', text: t, confidence: 0.9 });
    expect(r.result(c.state)).toMatchObject({ disposition: 'D4', outcome: 'completed', tags: ['weight-gain'] });
    expect(c.all).toContainEqual(expect.objectContaining({ type: 'alert', reason: 'follow-up-concern' }));
  });
});
