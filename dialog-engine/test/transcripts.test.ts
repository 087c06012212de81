/**
 * Text-mode transcripts for every built-in script in both languages: happy path, a red flag at
 * every question, opt-out, no-input and no-match escalation, and a caller who only presses keys.
 */
import { describe, expect, it } from 'vitest';
import { createRunner, listScripts, loadScript, type Action, type Runner } from '@tingzhen/dialog-engine';
import { fakeInterpreter } from './fixtures/fake-interpreter.js';
import { Call } from './fixtures/drive.js';

type Listen = Extract<Action, { type: 'listen' }>;
const LANGS = ['zh', 'en'] as const;

/** A calm, benign spoken answer for a question. */
function speak(l: Listen, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  if (l.expect === 'yes-no') return ['consent', 'attend'].includes(l.stepId) ? (zh ? '可以的' : 'yes sure') : zh ? '没有' : 'no';
  if (l.expect === 'scale-0-10') return l.stepId === 'overall' ? '9' : '2';
  if (l.expect === 'number') return l.stepId === 'glucose' ? '6' : '37';
  if (l.expect === 'blood-pressure') return '128 82';
  if (l.expect === 'choice') return zh ? '还可以吧' : 'it was okay';
  return zh ? '我有点咳嗽两天了' : 'I have had a cough for two days';
}

/** The same caller, keys only. */
function key(l: Listen): string[] {
  if (l.dtmf.map) {
    const entries = Object.entries(l.dtmf.map);
    if (l.expect === 'yes-no') return [['consent', 'attend'].includes(l.stepId) ? '1' : '2'];
    return [entries[1]?.[0] ?? entries[0]![0]];
  }
  if (l.expect === 'blood-pressure') return [...'128*82#'];
  if (l.expect === 'number') return [...(l.stepId === 'glucose' ? '6#' : '37#')];
  return [...'2#'];
}

function start(runner: Runner, lang: 'zh' | 'en', recording = true): Call {
  const call = new Call(runner, lang, { displayName: lang === 'zh' ? '张阿姨' : 'Ms Smith' }, { hospitalName: lang === 'zh' ? '协和医院' : 'Union Hospital', recording });
  call.send({ type: 'start' });
  return call;
}

function runHappy(runner: Runner, lang: 'zh' | 'en', stopAt?: string): Call {
  const call = start(runner, lang);
  for (let i = 0; i < 60 && call.listening && call.listening.stepId !== stopAt; i++) {
    call.send({ type: 'speech', text: speak(call.listening, lang), confidence: 0.9 });
  }
  return call;
}

const RED_FLAG = { zh: '我现在胸口剧痛', en: 'I have crushing chest pain right now' };
const OPT_OUT = { zh: '以后别再打来了', en: "please don't call me again" };

for (const info of listScripts()) {
  const script = loadScript(info.id);
  const runner = createRunner(script, { interpreter: fakeInterpreter, callDate: '2025-03-01' });
  for (const lang of LANGS) {
    describe(`${info.id} (${lang})`, () => {
      it('happy path: disclosure first, a summary, then hang up', () => {
        const call = runHappy(runner, lang);
        const r = runner.result(call.state);
        expect(r.outcome, call.transcript()).toBe('completed');
        const says = call.all.filter((a) => a.type === 'say');
        expect(says[0]!.stepId).toBe('intro');
        expect(says[0]!.text).toMatch(lang === 'zh' ? /人工智能/ : /\bAI\b/);
        expect(says[0]!.text).toMatch(lang === 'zh' ? /录音/ : /recorded/);
        expect(says[0]!.text).toContain(lang === 'zh' ? '协和医院' : 'Union Hospital');
        const summaryIds = script.steps.filter((s) => s.roles?.includes('summary')).map((s) => s.id);
        expect(says.some((s) => summaryIds.includes(s.stepId))).toBe(true);
        expect(call.all.at(-1)!.type).toBe('hangup');
        expect(r.scriptHash).toBe(runner.hash);
        expect(Object.keys(r.answers).length).toBeGreaterThan(1);
        for (const s of call.said()) expect(s).not.toMatch(/\{\{|undefined/);
        if (lang === 'en') for (const s of call.said()) expect(s).not.toMatch(/[\u4e00-\u9fff]/);
      });

      it('a call that is not recorded never says it is', () => {
        const call = start(runner, lang, false);
        const intro = call.all.find((a) => a.type === 'say')!;
        expect(intro.type === 'say' && intro.text).not.toMatch(/录音|recorded|recording/i);
        expect(intro.type === 'say' && intro.text).toMatch(lang === 'zh' ? /人工智能/ : /\bAI\b/);
      });

      it('a red flag at every question stops the call with 120, an alert and hang-up', () => {
        const asked = runHappy(runner, lang).turns.flatMap((t) => t.actions).filter((a): a is Listen => a.type === 'listen').map((a) => a.stepId);
        expect(asked.length).toBeGreaterThan(1);
        for (const stepId of new Set(asked)) {
          const call = runHappy(runner, lang, stepId);
          expect(call.listening?.stepId).toBe(stepId);
          const actions = call.send({ type: 'speech', text: RED_FLAG[lang], confidence: 0.9 });
          const text = actions.filter((a) => a.type === 'say').map((a) => a.text).join(' ');
          expect(text, stepId).toMatch(/120/);
          expect(actions.filter((a) => a.type === 'say').length).toBeLessThanOrEqual(2);
          expect(actions).toContainEqual(expect.objectContaining({ type: 'alert', priority: 'urgent' }));
          expect(actions.at(-1)).toMatchObject({ type: 'hangup', disposition: 'D1' });
          const r = runner.result(call.state);
          expect(r.outcome).toBe('red-flag');
          expect(r.redFlags).toContain('chest-pain-cardiac');
        }
      });

      it('opt-out sets do-not-call and ends politely', () => {
        const call = start(runner, lang);
        const actions = call.send({ type: 'speech', text: OPT_OUT[lang], confidence: 0.9 });
        expect(actions.map((a) => a.type)).toEqual(['say', 'set-do-not-call', 'hangup']);
        expect(runner.result(call.state)).toMatchObject({ outcome: 'opted-out', doNotCall: true });
      });

      it('no-input: reprompt, then the DTMF prompt, then a human; nobody answers -> callback', () => {
        const call = start(runner, lang);
        const first = call.listening!;
        const a1 = call.send({ type: 'no-input' });
        expect(a1.at(-1)).toMatchObject({ type: 'listen', stepId: first.stepId, dtmfOnly: false });
        const a2 = call.send({ type: 'no-input' });
        expect(a2.at(-1)).toMatchObject({ type: 'listen', dtmfOnly: true });
        expect(a2[0]).toMatchObject({ type: 'say' });
        expect((a2[0] as { text: string }).text).toMatch(/1/);
        const a3 = call.send({ type: 'no-input' });
        expect(a3.at(-1)).toMatchObject({ type: 'transfer', reason: 'no-input' });
        const a4 = call.send({ type: 'action-done', action: 'transfer', ok: false });
        expect(a4.map((a) => a.type)).toEqual(['say', 'alert', 'schedule-callback', 'hangup']);
        expect(runner.result(call.state).outcome).toBe('transfer-failed');
      });

      it('no-match: reprompt, then the DTMF prompt, then a human', () => {
        const call = start(runner, lang);
        const nonsense = lang === 'zh' ? '香蕉苹果' : 'banana apple';
        expect(call.send({ type: 'speech', text: nonsense, confidence: 0.9 }).at(-1)).toMatchObject({ type: 'listen', dtmfOnly: false });
        expect(call.send({ type: 'speech', text: nonsense, confidence: 0.9 }).at(-1)).toMatchObject({ type: 'listen', dtmfOnly: true });
        expect(call.send({ type: 'speech', text: nonsense, confidence: 0.9 }).at(-1)).toMatchObject({ type: 'transfer', reason: 'no-match' });
        call.send({ type: 'action-done', action: 'transfer', ok: true });
        expect(runner.result(call.state).outcome).toBe('transferred');
      });

      it('a caller who only presses keys gets through the whole script', () => {
        const call = start(runner, lang);
        for (let i = 0; i < 60 && call.listening; i++) for (const d of key(call.listening)) call.send({ type: 'dtmf', digit: d });
        const r = runner.result(call.state);
        expect(r.outcome, call.transcript()).toBe('completed');
        expect(Object.values(r.answers).every((a) => a.via === 'dtmf')).toBe(true);
      });
    });
  }
}
