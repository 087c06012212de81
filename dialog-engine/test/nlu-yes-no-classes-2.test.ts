/**
 * Yes/no classes read whole (sentences written for this test, not taken from a blind set): the
 * Mandarin concession "V是V了", a rhetorical question that denies, a question passed on to someone
 * else, and regional negators (Xiang 冒得, Hokkien 袂, Henan 不中, Cantonese 屙唔出).
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';

type Lang = 'zh' | 'en';
const yn = (lang: Lang, asked: string, utterance: string): string => (interpret({ lang, asked, expect: 'yes-no', utterance }) as { answer: string }).answer;

describe('a concession affirms the act', () => {
  it.each([
    ['每天都量血压了吗？', '量是量了，就是有时候晚上忘了'],
    ['还在吃止痛药吗？', '吃还是吃的，比以前少多了'],
    ['伤口还痒吗？', '痒倒是痒，比前几天好点'],
  ])('%s %s', (q, u) => {
    expect(yn('zh', q, u)).toBe('yes');
  });
  it('unless what follows takes it back', () => {
    expect(yn('zh', '最近有没有咳嗽？', '咳是咳过，那是住院之前了')).not.toBe('yes');
    expect(yn('zh', '用药的注意事项听明白了吗？', '听是听了，没太明白')).not.toBe('yes');
  });
});

describe('a rhetorical question denies', () => {
  it.each([
    ['zh', '每天下楼散步了吗？', '外面下这么大雪，哪敢下楼啊'],
    ['zh', '晚上睡得好吗？', '哪睡得着啊，腿一直抽筋'],
    ['en', 'are you eating well', 'where got eat well, no appetite at all'],
  ] as const)('%s %s', (lang, q, u) => {
    expect(yn(lang, q, u)).toBe('no');
  });
  it('哪有不吃的 affirms', () => {
    expect(yn('zh', '降压药按时吃了吗？', '哪有不吃的，天天按时吃')).toBe('yes');
  });
});

describe('a question passed on to someone else is unclear', () => {
  it.each([
    ['zh', '老人这几天有没有发烧？', '这个我不晓得，你问他女儿吧'],
    ['en', 'Has your father been short of breath?', 'I only visit on Saturdays, my sister would know better'],
    ['en', 'Is the wound leaking?', "I couldn't tell you, I haven't looked under the dressing"],
  ] as const)('%s %s', (lang, q, u) => {
    expect(yn(lang, q, u)).toBe('unclear');
  });
});

describe('regional negators', () => {
  it.each([
    ['有没有发烧？', '冒得，冒发烧'],
    ['伤口还疼吗？', '袂疼了'],
    ['后天上午来复查行吗？', '不中，后天要去赶集'],
    ['大便通畅吗？', '屙唔出，两日都冇屙'],
  ])('%s %s', (q, u) => {
    expect(yn('zh', q, u)).toBe('no');
  });
  it('中 alone still agrees and 中医 is not a negator', () => {
    expect(yn('zh', '后天上午来复查行吗？', '中，中')).toBe('yes');
    expect(yn('zh', '有没有去看中医？', '不，没去看中医')).toBe('no');
  });
});

describe('a blockage answers a good-state question no', () => {
  it.each([
    ['大便通畅吗？', '便秘，好几天拉不出来'],
    ['小便顺畅吗？', '尿不出来，憋得慌'],
    ['大便正常吗？', '解不干净，老想上厕所'],
  ])('%s %s', (q, u) => {
    expect(yn('zh', q, u)).toBe('no');
  });
  it('and a good state is yes', () => {
    expect(yn('zh', '大便通畅吗？', '挺通畅的，每天一次')).toBe('yes');
  });
});
