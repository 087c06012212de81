/**
 * The clause layer (src/nlu/clause.ts) and the readings that use it. Every line here was written
 * for this test, not taken from a blind set: it checks classes (correction, denial then the asked
 * symptom, resolved vs since, good-state questions, someone else, hypothetical, echo), not phrasings.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';
import { clauses, correctedTail } from '../src/nlu/clause.js';

type Lang = 'zh' | 'en';
const yn = (lang: Lang, asked: string, utterance: string): string => (interpret({ lang, asked, expect: 'yes-no', utterance }) as { answer: string }).answer;
const rf = (lang: Lang, asked: string, utterance: string): string | null => (interpret({ lang, asked, expect: 'red-flag', utterance }) as { red_flag: string | null }).red_flag;

describe('clause features', () => {
  it('cuts at punctuation and connectives and marks correction, echo, time and subject', () => {
    const en = clauses('Cough? No. My son has a cough, but actually I feel fine now', 'en');
    expect(en[0]!.echo).toBe(true);
    expect(en[1]!.denial).toBe(true);
    expect(en[2]!.subject).toBe('other');
    expect(en.some((c) => c.corrective)).toBe(true);
    expect(en[en.length - 1]!.time).toBe('resolved');
    const zh = clauses('以前咳 现在不咳了 哦不对 晚上还咳', 'zh');
    expect(zh.some((c) => c.corrective)).toBe(true);
    expect(zh[0]!.time).toBe('past');
  });
  it('returns the part after a self-correction', () => {
    expect(correctedTail('Three. No, four.', 'en', (r) => /four/.test(r))).toMatch(/four/);
    expect(correctedTail('七十公斤 不对 七十二', 'zh')).toBe('七十二');
    expect(correctedTail('about seventy kilos', 'en')).toBeNull();
  });
});

describe('yes/no through clauses', () => {
  const cases: Array<[Lang, string, string, string]> = [
    ['en', 'Have you had any cough?', 'Cough, no. Well, a little tickle in the mornings, I suppose it is a cough.', 'yes'],
    ['en', 'Do you get chest pain?', 'Pain no, but a heavy pressure when I carry the shopping.', 'yes'],
    ['en', 'Have you had any dizziness?', 'Dizzy, no. My knee is a bit sore though.', 'no'],
    ['en', 'Is there any discharge from the wound right now?', 'There was some on the second day, nothing since.', 'no'],
    ['en', 'Have you had a temperature since you left hospital?', 'Not now, but on Friday evening I had a fever for a few hours.', 'yes'],
    ['en', 'Has the fever come down?', 'It keeps going up, thirty nine this afternoon.', 'no'],
    ['en', 'Do you have a fever?', 'thirty seven point one this morning', 'no'],
    ['en', 'Are you drinking alcohol?', 'Just a glass of wine with dinner.', 'yes'],
    ['en', 'Did you finish the tablets?', 'Not yet, nearly, I have a few left.', 'no'],
    ['en', 'Do you have a fever?', 'no I mean yes, a little.', 'yes'],
    ['en', 'Is your sleep normal?', 'Not bad, but the pain wakes me up every night.', 'no'],
    ['zh', '您最近有没有咳嗽？', '不咳…哦不对，晚上躺下会咳几声。', 'yes'],
    ['zh', '您有没有头晕？', '头晕倒没有，就是膝盖有点疼。', 'no'],
    ['zh', '伤口现在还渗水吗？', '前两天渗过一点，现在干了。', 'no'],
    ['zh', '出院以后有没有发过烧？', '上礼拜发过一次烧，现在好了。', 'yes'],
    ['zh', '您有没有气短？', '平时不喘，走快了喘一点。', 'yes'],
    ['zh', '药吃完了吗？', '还剩两天的，快吃完了。', 'no'],
    ['zh', '您父亲有没有发烧？', '我爸没有，是我孙子发烧。', 'no'],
  ];
  it.each(cases)('%s %s %s', (lang, asked, utterance, want) => {
    expect(yn(lang, asked, utterance)).toBe(want);
  });
});

describe('red flags through clauses', () => {
  const cases: Array<[Lang, string, string, string | null]> = [
    ['en', 'Any chest pain or weakness?', "Chest pain, no. But I can't really lift my left arm since this morning.", 'stroke-signs'],
    ['en', 'Any chest pain or trouble breathing?', "Can't breathe? No, I'm fine.", null],
    ['en', 'Any thoughts of harming yourself?', "No, I'm not thinking about ending it.", null],
    ['en', 'Any problems?', 'My dad had a stroke years ago, but I am fine.', null],
    ['en', 'What happened?', 'my toddler almost drank the bleach but I stopped him', null],
    ['en', 'What happened?', 'my little one swallowed some of her grandad\'s heart tablets', 'poisoning'],
    ['en', 'What happened?', 'She came off the ladder, off the roof, and she is not moving.', 'major-trauma'],
    ['en', 'How is the baby?', "He's five weeks old and he's thirty eight point four.", 'infant-fever'],
    ['zh', '有什么紧急情况？', '孙女误喝了洗洁精。', 'poisoning'],
    ['zh', '有什么紧急情况？', '孩子差一点把降压药吃了，被我拿走了。', null],
    ['zh', '伤口有没有出血？', '一直往外冒血，毛巾都湿透了。', 'severe-bleeding'],
    ['zh', '有没有想伤害自己？', '没有，我没想过一了百了。', null],
  ];
  it.each(cases)('%s %s %s', (lang, asked, utterance, want) => {
    expect(rf(lang, asked, utterance)).toBe(want);
  });
  it('a fall from a height with someone not waking is an emergency either way', () => {
    expect(['major-trauma', 'altered-consciousness']).toContain(rf('zh', '有什么紧急情况？', '从房顶上摔下来了，叫不醒。'));
  });
});

describe('numbers, scales and blood pressure after a self-correction', () => {
  it('reads the corrected value', () => {
    expect(interpret({ lang: 'en', asked: 'How many times did you vomit?', expect: 'number', utterance: 'Three. No, four times.' })).toMatchObject({ value: 4 });
    expect(interpret({ lang: 'zh', asked: '您现在体重多少？', expect: 'number', utterance: '七十公斤，不对，七十二。' })).toMatchObject({ value: 72, unit: 'kg' });
    expect(interpret({ lang: 'zh', asked: '现在疼痛几分？', expect: 'scale-0-10', utterance: '六分…不对，四分吧。' })).toMatchObject({ value: 4 });
    expect(interpret({ lang: 'en', asked: 'How bad is the pain now, zero to ten?', expect: 'scale-0-10', utterance: 'Six, maybe seven.' })).toMatchObject({ min: 6, max: 7 });
    expect(interpret({ lang: 'zh', asked: '现在疼痛几分？', expect: 'scale-0-10', utterance: '前天八分，今天三分。' })).toMatchObject({ value: 3 });
    expect(interpret({ lang: 'en', asked: 'What was your blood pressure?', expect: 'blood-pressure', utterance: 'one forty over ninety, no, ninety five' })).toMatchObject({ systolic: 140, diastolic: 95 });
  });
});
