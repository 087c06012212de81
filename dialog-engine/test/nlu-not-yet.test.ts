/**
 * "Has it been done?" answered with a plan (sentences written for this test, not taken from a blind
 * set): a question whether something is done by now (have you / did you / has the … been, 了吗 after
 * an act, 有没有去) answered with not-yet, a future verb or a day to come is a no; an answer that
 * also says it is done (already, this morning, 昨天, 拆了) is not; a state question (好一些了吗) and
 * "not yet" inside another word (还没劲) are not plans.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';

type Lang = 'zh' | 'en';
const yn = (lang: Lang, asked: string, utterance: string): string => (interpret({ lang, asked, expect: 'yes-no', utterance }) as { answer: string }).answer;

describe('not done yet is a no', () => {
  it.each([
    ['Have you booked your follow-up appointment?', "I'm going to ring them on Monday, I kept forgetting."],
    ['Did you pick up the new prescription?', 'My husband will collect it tomorrow after work.'],
    ['Have you had the drain taken out?', 'Not yet, the nurse is coming next week for it.'],
    ['Has your son changed the dressing?', "He'll do it tonight when he's back from work."],
    ['Have you started the iron tablets?', 'Supposed to start on Friday, once the other course ends.'],
    ['Did you get the X-ray done?', 'Booked for next Tuesday, love.'],
    ['Have you taken the evening dose?', "Haven't yet, I take it with my supper."],
  ])('%s %s', (q, u) => {
    expect(yn('en', q, u)).toBe('no');
  });
  it.each([
    ['复查的片子拍了吗？', '还没去呢，打算下礼拜二去'],
    ['药房的药取了吗？', '还没顾得上，明天让闺女去拿'],
    ['伤口拆线了吗？', '医生说后天再拆'],
    ['您有没有去社区换药？', '等我儿子周末回来再陪我去'],
    ['康复科预约了吗？', '到时候出院满一个月再约'],
  ])('%s %s', (q, u) => {
    expect(yn('zh', q, u)).toBe('no');
  });
});

describe('what is done, or not a plan, is not read as one', () => {
  it('done, with more to come', () => {
    expect(yn('en', 'Have you taken your tablets today?', 'Yes, took them this morning, will take the next lot tonight.')).toBe('yes');
    expect(yn('en', 'Did you go to the pharmacy?', "Yes, I went on Monday, they'll have the rest ready next week.")).toBe('yes');
  });
  it('a promise to ask is not a plan of the act', () => {
    expect(yn('en', 'Have you made the appointment with the clinic?', "My wife sorts all that, I'll have to check with her.")).not.toBe('no');
    expect(yn('zh', '复查的号挂了吗？', '这个我得问问我女儿，都是她弄的')).not.toBe('no');
    expect(yn('zh', '伤口拆线了吗？', '拆了，昨天拆的，过几天再去复查')).toBe('yes');
  });
  it('a state question, and 还没 inside another word', () => {
    expect(yn('zh', '您觉得比出院的时候好一些了吗？', '好一些，就是腿还没劲')).toBe('yes');
    expect(yn('en', 'Have you been feeling better since you got home?', "Much better, I'll be back at the allotment next week.")).toBe('yes');
  });
});
