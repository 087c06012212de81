/**
 * Spoken numbers and later speech about the past, read the same way in any wording (sentences
 * written for this test, not taken from a blind set).
 */
import { describe, expect, it } from 'vitest';
import { findMentions } from '../src/clinical/mentions.js';
import { normalizeNarrative } from '../src/clinical/narrative-text.js';
import { spokenNumeralsToDigits } from '../src/clinical/spoken-numerals.js';
import { extractSystolic } from '../src/clinical/modifiers/vitals.js';
import { triage } from '../src/clinical/index.js';

describe('spoken compound numbers are one number', () => {
  it.each([
    ['my mum is eighty-three years old', 'my mum is 83 years old'],
    ['twenty seven weeks pregnant', '27 weeks pregnant'],
    ['pressure was one-sixty over ninety-five', 'pressure was 160 over 95'],
    ['a hundred and forty over ninety', '140 over 90'],
    ['temp thirty-nine point two', 'temp 39.2'],
  ])('%s', (spoken, digits) => {
    expect(spokenNumeralsToDigits(spoken)).toBe(digits);
  });

  it('leaves lone small numbers and non-pressures alone', () => {
    expect(spokenNumeralsToDigits('no one over there, for the first time')).toBe('no one over there, for the first time');
    expect(spokenNumeralsToDigits('one hundred over ten')).toBe('one hundred over ten');
  });

  it('a lexicon phrase is not found inside a compound number', () => {
    const ids = (t: string): string[] => findMentions(t, 'en').mentions.map((m) => m.id);
    // "six years old" and "four weeks" must not be read inside "eighty-six" and "thirty-four".
    expect(normalizeNarrative('grandad, eighty-six years old', 'en')).toContain('86 years old');
    expect(ids('my grandad is eighty-six years old and his speech went slurred')).not.toContain('x:child');
  });

  it('a pressure spoken in words is read as a vital sign', () => {
    expect(extractSystolic(normalizeNarrative('her blood pressure is one-seventy over a hundred and five', 'en'), 'en')).toBe(170);
  });
});

describe('a later mention of the past does not take back what is happening now', () => {
  it.each([
    ['zh', '我爸在化疗，五天前打的，今天下午开始发烧三十八度六。医生以前说过发烧就要来急诊'],
    ['en', 'She is on chemo, last dose a week ago, and since this afternoon she has a fever of 38.6. The oncology nurse told us before that a fever means come straight in.'],
  ] as const)('%s fever during chemotherapy', (lang, text) => {
    expect(['D1', 'D2']).toContain(triage(text, lang).disposition);
  });

  it('a complaint that is over is still over', () => {
    expect(triage('上个月发过一次烧，早就好了，现在没有发烧', 'zh').disposition).not.toMatch(/D[12]/);
  });
});

describe('eating too much is not a medication error', () => {
  it.each(['烧烤吃多了，肚子胀', '昨天晚上火锅吃多了，有点反酸'])('%s', (text) => {
    expect(triage(text, 'zh').rule).not.toBe('rule:medication error');
  });
  it('a medicine taken twice still is', () => {
    expect(triage('降压药吃多了，今天早上吃了两遍', 'zh').rule).toBe('rule:medication error');
  });
});
