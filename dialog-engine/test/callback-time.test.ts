/** Call-back times in the caller's words, and a relative's report of a death. */
import { describe, expect, it } from 'vitest';
import { callbackWhen, reportsDeath } from '../src/nlu/index.js';

const DAY = '2026-12-07';

describe('callbackWhen', () => {
  it.each([
    ['明天下午再打吧', 'zh', { date: '2026-12-08', partOfDay: 'afternoon' }],
    ['我在开车，你明天上午十点打过来', 'zh', { date: '2026-12-08', partOfDay: 'morning', time: '10:00' }],
    ['现在不方便，晚上再说', 'zh', { partOfDay: 'evening' }],
    ['三点以后再打', 'zh', { time: '15:00' }],
    ['下午四点半打给我', 'zh', { partOfDay: 'afternoon', time: '16:30' }],
    ['后天吧', 'zh', { date: '2026-12-09' }],
    ['在忙', 'zh', {}],
    ['call me back tomorrow afternoon', 'en', { date: '2026-12-08', partOfDay: 'afternoon' }],
    ["I'm driving, call me at 4 pm", 'en', { time: '16:00' }],
    ['can you call back this evening', 'en', { partOfDay: 'evening' }],
    ['busy right now', 'en', {}],
  ] as const)('%s', (text, lang, want) => {
    expect(callbackWhen(text, lang, DAY)).toEqual(want);
  });
});

describe('reportsDeath', () => {
  it.each([
    ['他上个月已经去世了', 'zh', true],
    ['我爸爸前几天走了', 'zh', true],
    ['老人家已经不在了', 'zh', true],
    ['我差点死了', 'zh', false],
    ['疼死我了', 'zh', false],
    ['他不在家', 'zh', false],
    ['他没有去世，只是住院了', 'zh', false],
    ['she passed away last week', 'en', true],
    ['my father died in November', 'en', true],
    ['I nearly died', 'en', false],
    ["he's not here right now", 'en', false],
  ] as const)('%s', (text, lang, want) => {
    expect(reportsDeath(text, lang)).toBe(want);
  });
});
