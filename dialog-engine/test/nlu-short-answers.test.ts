/**
 * Short answers that restate the question's auxiliary or its verb (sentences written for this
 * test, not taken from a blind set): English "she did", "we haven't", and the Mandarin ongoing
 * V着呢 ("用着呢", "还戴着呢"), which answer the question as its yes or no; a contrast after them
 * ("she was, but she stopped") and a good state (好着呢) are not read this way.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';

type Lang = 'zh' | 'en';
const yn = (lang: Lang, asked: string, utterance: string): string => (interpret({ lang, asked, expect: 'yes-no', utterance }) as { answer: string }).answer;

describe('a short answer with the question\'s auxiliary', () => {
  it.each([
    ['Did the physio come out to see you this week?', 'He did, Tuesday morning.', 'yes'],
    ['Has your husband been using the walking frame?', 'He has, around the house anyway.', 'yes'],
    ['Were you able to get the dressings from the chemist?', 'We were, my daughter drove me.', 'yes'],
    ['Has the health visitor been round?', "She hasn't, no one's rung either.", 'no'],
  ])('%s %s', (q, u, want) => {
    expect(yn('en', q, u)).toBe(want);
  });
  it('a contrast after it is read on', () => {
    expect(yn('en', 'Is he still wearing the compression stockings?', 'He was, but he took them off on Sunday, they were too tight.')).not.toBe('yes');
  });
});

describe('Mandarin V着呢: the act goes on', () => {
  it.each([
    ['雾化机您还在用吗？', '用着呢，早晚各一次'],
    ['护腰您现在还戴吗？', '戴着呢，睡觉才摘'],
    ['降压药一直在吃吧？', '一直吃着呢，没断过'],
  ])('%s %s', (q, u) => {
    expect(yn('zh', q, u)).toBe('yes');
  });
  it('a good state is not an act', () => {
    expect(yn('zh', '伤口还疼吗？', '好着呢，一点不疼了')).toBe('no');
  });
});
