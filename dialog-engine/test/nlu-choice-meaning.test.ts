/**
 * Choice answers read by meaning (choice.ts): a self-correction, an option turned down with a
 * reason, lay words for recurring kinds of option, week-day spellings, and an option's distinctive
 * part. Lines written for this test, not taken from any blind set.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';

type Row = [lang: 'zh' | 'en', choices: string[], utterance: string, want: string | null];

const ROWS: Row[] = [
  ['en', ['better', 'same', 'worse'], 'Worse, no hang on, about the same really.', 'same'],
  ['en', ['sharp', 'dull', 'burning'], 'like someone is sticking needles in it', 'sharp'],
  ['en', ['sharp', 'dull', 'burning'], 'a heavy nagging sort of ache', 'dull'],
  ['en', ['sharp', 'dull', 'burning'], "it's like it's on fire", 'burning'],
  ['en', ['good', 'okay', 'poor'], 'Honestly it was awful, nobody told us anything.', 'poor'],
  ['en', ['good', 'okay', 'poor'], 'so-so, nothing to write home about', 'okay'],
  ['en', ['call', 'text'], "My eyes are bad for reading, just phone me.", 'call'],
  ['en', ['you', 'a family member'], 'Best to ring my son Tom, he remembers things.', 'a family member'],
  ['en', ['main hospital', 'community clinic'], 'the local one please, near me', 'community clinic'],
  ['zh', ['上午', '下午'], '下午吧，上午我要去医院拿药。', '下午'],
  ['zh', ['电话', '微信'], '微信我用不来，打电话好。', '电话'],
  ['zh', ['周二', '周四'], '星期四。', '周四'],
  ['zh', ['周一', '周三', '周五'], '礼拜一不行，礼拜五吧。', '周五'],
  ['zh', ['门诊复查', '社区复查'], '社区的吧，离家近。', '社区复查'],
  ['zh', ['刺痛', '胀痛', '烧灼痛'], '火辣辣的。', '烧灼痛'],
  ['zh', ['刺痛', '胀痛', '烧灼痛'], '像针扎似的，一下一下的。', '刺痛'],
  ['zh', ['普通话', '粤语'], '讲广东话啦。', '粤语'],
  ['zh', ['上午', '下午', '晚上'], '下班以后吧。', '晚上'],
  ['zh', ['上午', '下午'], '都行，你们定。', null],
];

describe('choice by meaning', () => {
  it.each(ROWS)('%s %j | %s', (lang, choices, utterance, want) => {
    expect(interpret({ lang, expect: 'choice', choices, utterance })).toEqual({ kind: 'choice', choice: want });
  });
});
