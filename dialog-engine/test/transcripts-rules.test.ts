/**
 * The same built-in scripts through the real rule NLU and clinical red-flag detector (no fakes):
 * a calm caller completes each script; a red flag in natural words ends any question with 120.
 */
import { describe, expect, it } from 'vitest';
import { createRunner, listScripts, loadScript, rulesInterpreter, type Action } from '@tingzhen/dialog-engine';
import { Call } from './fixtures/drive.js';

type Listen = Extract<Action, { type: 'listen' }>;
const interpreter = rulesInterpreter();

const CALM: Record<'zh' | 'en', (l: Listen) => string> = {
  zh: (l) => l.expect === 'yes-no' ? (['consent', 'attend'].includes(l.stepId) ? '可以的你说吧' : '那倒没有') : l.expect === 'scale-0-10' ? (l.stepId === 'overall' ? '九分吧' : '两分') :
    l.expect === 'number' ? (l.stepId === 'glucose' ? '六点二' : '三十七度二') : l.expect === 'blood-pressure' ? '高压一百二十八低压八十二' : l.expect === 'choice' ? '还可以' : '咳嗽两天了，有点流鼻涕',
  en: (l) => l.expect === 'yes-no' ? (['consent', 'attend'].includes(l.stepId) ? 'yes go ahead' : 'no not really') : l.expect === 'scale-0-10' ? (l.stepId === 'overall' ? 'nine' : 'two') :
    l.expect === 'number' ? (l.stepId === 'glucose' ? 'six point two' : 'thirty seven') : l.expect === 'blood-pressure' ? 'one twenty eight over eighty two' : l.expect === 'choice' ? 'it was okay' : 'I have had a cough and a runny nose for two days',
};
const RED = { zh: '我现在胸口压着疼，还一直出冷汗', en: 'I have crushing chest pain and I am sweating a lot' };

for (const info of listScripts()) {
  const runner = createRunner(loadScript(info.id), { interpreter, callDate: '2025-03-01' });
  for (const lang of ['zh', 'en'] as const) {
    describe(`${info.id} (${lang}, rule NLU)`, () => {
      it('a calm caller completes the script', () => {
        const c = new Call(runner, lang);
        c.send({ type: 'start' });
        for (let i = 0; i < 40 && c.listening; i++) c.send({ type: 'speech', text: CALM[lang](c.listening), confidence: 0.9 });
        expect(runner.result(c.state).outcome, c.transcript()).toBe('completed');
        expect(runner.result(c.state).redFlags).toEqual([]);
      });

      it('a red flag in natural words at the first question ends the call with 120', () => {
        const c = new Call(runner, lang);
        c.send({ type: 'start' });
        const a = c.send({ type: 'speech', text: RED[lang], confidence: 0.9 });
        expect(a.at(-1), c.transcript()).toMatchObject({ type: 'hangup', disposition: 'D1' });
        expect(runner.result(c.state).redFlags).toContain('chest-pain-cardiac');
      });
    });
  }
}
