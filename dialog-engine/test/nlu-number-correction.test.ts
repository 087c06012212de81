/**
 * A number corrected in the same breath: the corrected value is the answer (sentences written for
 * this test, not taken from a blind set).
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';

const num = (asked: string, utterance: string): unknown => {
  const r = interpret({ lang: 'zh', asked, expect: 'number', utterance }) as { value?: number };
  return r.value;
};

describe('a Mandarin number corrected with 哦不, 不不 or 看错了', () => {
  it.each([
    ['早上量的体温多少', '三十八度二 哦不 三十八度七', 38.7],
    ['体重现在多少公斤', '七十二公斤 呃不 七十公斤', 70],
    ['心率多少', '九十，不不，八十九', 89],
    ['血糖多少', '十一点二，我看错了，是七点二', 7.2],
  ])('%s %s', (q, u, want) => {
    expect(num(q, u)).toBe(want);
  });
  it('a 不 that is not a correction changes nothing', () => {
    expect(num('一天吃几次药', '三次，不多')).toBe(3);
  });
});
