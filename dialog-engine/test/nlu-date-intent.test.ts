import { describe, expect, it } from 'vitest';
import { detectIntent, interpret, matchChoice, parseDate, type DateResult, type IntentId } from '../src/nlu/index.js';

// 2026-05-20 is a Wednesday.
const CALL_DATE = '2026-05-20';

type DateCase = [utterance: string, expected: DateResult, asked?: string];

const DATE_ZH: DateCase[] = [
  ['今天', { relative_days: 0 }], ['昨天', { relative_days: -1 }], ['前天', { relative_days: -2 }], ['大前天', { relative_days: -3 }],
  ['明天', { relative_days: 1 }], ['后天', { relative_days: 2 }], ['大后天', { relative_days: 3 }], ['昨天晚上', { relative_days: -1 }],
  ['下周三', { relative_days: 7 }], ['下个星期一', { relative_days: 5 }], ['上个礼拜五', { relative_days: -5 }], ['上周一', { relative_days: -9 }],
  ['这周五', { relative_days: 2 }], ['本周日', { relative_days: 4 }], ['周五', { relative_days: 2 }], ['礼拜一', { relative_days: -2 }, '什么时候开始疼的'],
  ['三天前', { relative_days: -3 }], ['三天之前', { relative_days: -3 }], ['两天后', { relative_days: 2 }], ['一个星期前', { relative_days: -7 }],
  ['两个礼拜以前', { relative_days: -14 }], ['半个月前', { relative_days: -15 }], ['一个月前', { relative_days: -30 }], ['十天以后', { relative_days: 10 }],
  ['下个月五号', { date: '2026-06-05' }], ['五月三号', { date: '2026-05-03' }], ['5月3日', { date: '2026-05-03' }],
  ['2026年5月3日', { date: '2026-05-03' }], ['二零二六年六月一号', { date: '2026-06-01' }], ['六月十五号', { date: '2026-06-15' }],
  ['十五号', { date: '2026-05-15' }], ['呃 就是那个 前天吧', { relative_days: -2 }], ['不记得了', { date: null }], ['2026-06-01', { date: '2026-06-01' }],
];
const DATE_EN: DateCase[] = [
  ['today', { relative_days: 0 }], ['yesterday', { relative_days: -1 }], ['last night', { relative_days: -1 }], ['tomorrow', { relative_days: 1 }],
  ['the day before yesterday', { relative_days: -2 }], ['the day after tomorrow', { relative_days: 2 }], ['next monday', { relative_days: 5 }],
  ['last friday', { relative_days: -5 }], ['this friday', { relative_days: 2 }], ['in three days', { relative_days: 3 }],
  ['three days ago', { relative_days: -3 }], ['a week ago', { relative_days: -7 }], ['two weeks from now', { relative_days: 14 }],
  ['May 3rd', { date: '2026-05-03' }], ['the third of june', { date: '2026-06-03' }], ['june 1st 2026', { date: '2026-06-01' }],
  ['on the fifth', { date: '2026-05-05' }], ['2026-06-01', { date: '2026-06-01' }], ['june twenty third', { date: '2026-06-23' }],
  ['um maybe monday', { relative_days: -2 }, 'when did the pain start'], ['i have no idea', { date: null }],
];

describe('dates', () => {
  it.each(DATE_ZH)('zh %s', (u, r, asked) => {
    expect(parseDate(u, 'zh', CALL_DATE, asked)).toEqual(r);
  });
  it.each(DATE_EN)('en %s', (u, r, asked) => {
    expect(parseDate(u, 'en', CALL_DATE, asked)).toEqual(r);
  });
  it('handles a month boundary and a year boundary', () => {
    expect(parseDate('下个月五号', 'zh', '2026-12-20')).toEqual({ date: '2027-01-05' });
    expect(parseDate('一月三号', 'zh', '2026-12-28')).toEqual({ date: '2027-01-03' });
    expect(parseDate('明天', 'zh', '2026-12-31')).toEqual({ relative_days: 1 });
  });
  it('rejects a bad callDate through interpret()', () => {
    expect(() => interpret({ lang: 'zh', expect: 'date', utterance: '明天', callDate: '20260520' })).toThrow(expect.objectContaining({ code: 'TZ_ERR_VALIDATION' }));
  });
});

type IntentCase = [utterance: string, intent: IntentId];
const INTENT_ZH: IntentCase[] = [
  ['转人工', 'human'], ['我要转人工', 'human'], ['帮我转人工服务', 'human'], ['我要找护士', 'human'], ['叫医生接电话', 'human'],
  ['我要和人说话', 'human'], ['我想跟真人讲', 'human'], ['让护士给我回个电话', 'human'], ['转人公', 'human'],
  ['我不需要人工', 'none'], ['不用转人工', 'none'], ['不用找护士', 'none'],
  ['别再给我打电话了', 'opt-out'], ['不要再打了', 'opt-out'], ['以后别打了', 'opt-out'], ['拉黑', 'opt-out'], ['取消随访', 'opt-out'],
  ['我不想再接这种电话', 'opt-out'], ['别联系我了', 'opt-out'], ['以后不要再给我打这种电话了', 'opt-out'], ['别给我打这类电话了', 'opt-out'],
  ['再说一遍', 'repeat'], ['没听清', 'repeat'], ['你说什么', 'repeat'], ['能不能重复一下', 'repeat'], ['没听清楚你再说一次', 'repeat'],
  ['不用再说一遍', 'none'], ['不用重复了', 'none'],
  ['打错了', 'wrong-person'], ['你打错电话了', 'wrong-person'], ['我不是他', 'wrong-person'], ['他不在', 'wrong-person'],
  ['我不是张先生', 'wrong-person'], ['没有这个人', 'wrong-person'],
  ['我在开车', 'busy-call-later'], ['在忙', 'busy-call-later'], ['等会再打', 'busy-call-later'], ['晚点打过来', 'busy-call-later'],
  ['我现在不方便', 'busy-call-later'], ['在开会 你过会儿再打吧', 'busy-call-later'],
  ['救命', 'emergency'], ['快不行了', 'emergency'], ['叫救护车', 'emergency'], ['快帮我打120', 'emergency'],
  ['我要投诉', 'human'], ['叫你们护士来', 'human'], ['不要机器人', 'human'], ['请医生给我打个电话', 'human'],
  ['我是他女儿', 'wrong-person'], ['他住院了不在家', 'wrong-person'], ['他已经去世了', 'wrong-person'],
  ['回头再说吧', 'busy-call-later'], ['我现在在上班不方便', 'busy-call-later'], ['帮帮我', 'emergency'], ['我爸晕倒了', 'emergency'],
  ['什么', 'repeat'], ['你说慢一点', 'repeat'],
  ['上周去找医生看了', 'none'], ['医生说没事', 'none'], ['让医生看了一下', 'none'], ['我找医生开了药', 'none'], ['我听得清', 'none'],
  ['我挺好的', 'none'], ['是的', 'none'], ['三十八度五', 'none'], ['不是很清楚', 'none'], ['', 'none'],
];
const INTENT_EN: IntentCase[] = [
  ['talk to a real person', 'human'], ['operator', 'human'], ['can i speak to a nurse', 'human'], ['i want a human', 'human'],
  ['transfer me please', 'human'], ["no i don't need an operator", 'none'],
  ['stop calling me', 'opt-out'], ['remove me from the list', 'opt-out'], ["don't call me again", 'opt-out'], ['take me off your list', 'opt-out'],
  ['say that again', 'repeat'], ['pardon', 'repeat'], ['sorry what', 'repeat'], ["i didn't catch that", 'repeat'], ['could you repeat the question', 'repeat'],
  ['wrong number', 'wrong-person'], ["this isn't him", 'wrong-person'], ["she's not home", 'wrong-person'],
  ['call me back later', 'busy-call-later'], ["i'm driving", 'busy-call-later'], ["i'm at work can you call tomorrow", 'busy-call-later'],
  ['help me', 'emergency'], ['call an ambulance', 'emergency'], ["i can't breathe", 'emergency'],
  ["i don't want to talk to a robot", 'human'], ['i asked you not to call', 'opt-out'], ['sorry i missed that', 'repeat'],
  ["she's in the hospital", 'wrong-person'], ['this is his daughter', 'wrong-person'], ['my wife collapsed', 'emergency'],
  ["i don't want to talk to a person", 'none'], ['i saw my doctor last week', 'none'],
  ['i feel fine', 'none'], ['yes', 'none'], ["i'm not sure", 'none'], ['about a seven', 'none'],
];

describe('intents', () => {
  it.each(INTENT_ZH)('zh %s -> %s', (u, i) => {
    expect(detectIntent(u, 'zh')).toBe(i);
  });
  it.each(INTENT_EN)('en %s -> %s', (u, i) => {
    expect(detectIntent(u, 'en')).toBe(i);
  });
});

describe('choice', () => {
  const slots = [
    { id: 'morning', labels: ['上午', '早上', 'morning'] },
    { id: 'afternoon', labels: ['下午', 'afternoon'] },
    { id: 'evening', labels: ['晚上', 'evening', 'night'] },
  ];
  it.each([
    ['上午吧', 'morning'], ['下午', 'afternoon'], ['早上比较好', 'morning'], ['晚上', 'evening'], ['第二个', 'afternoon'],
    ['商务', 'morning'], ['都不行', null], ['', null],
  ] as const)('zh %s -> %s', (u, id) => {
    expect(matchChoice(u, 'zh', slots)).toBe(id);
  });
  it.each([
    ['in the morning please', 'morning'], ['afternoon', 'afternoon'], ['the last one', 'evening'], ['the first one', 'morning'],
    ['at night', 'evening'], ['none of them', null],
  ] as const)('en %s -> %s', (u, id) => {
    expect(matchChoice(u, 'en', slots)).toBe(id);
  });
  it('accepts plain string choices through interpret()', () => {
    expect(interpret({ lang: 'zh', expect: 'choice', choices: ['门诊', '住院'], utterance: '门诊' })).toEqual({ kind: 'choice', choice: '门诊' });
    expect(interpret({ lang: 'zh', expect: { kind: 'choice', choices: ['门诊', '住院'] }, utterance: '住院吧' })).toEqual({ kind: 'choice', choice: '住院' });
  });
});

describe('free text and bad requests', () => {
  it('cleans free text', () => {
    expect(interpret({ lang: 'zh', expect: 'free-text', utterance: '呃，那个，我我我胸口有点闷。' })).toEqual({ kind: 'free-text', text: '我胸口有点闷' });
  });
  it('rejects an unknown expectation with a typed error', () => {
    expect(() => interpret({ lang: 'zh', expect: 'colour' as never, utterance: 'x' })).toThrow(expect.objectContaining({ code: 'TZ_ERR_VALIDATION' }));
  });
  it('rejects an unknown language with a typed error', () => {
    expect(() => interpret({ lang: 'fr' as never, expect: 'yes-no', utterance: 'oui' })).toThrow(expect.objectContaining({ code: 'TZ_ERR_VALIDATION' }));
  });
});

describe('dates, more forms', () => {
  it.each([
    ['zh', '前两天', { relative_days: -2 }], ['zh', '下下周一', { relative_days: 12 }], ['zh', '上个月十号', { date: '2026-04-10' }],
    ['zh', '这个月二十号', { date: '2026-05-20' }], ['zh', '半个月以后', { relative_days: 15 }], ['zh', '两个星期之后', { relative_days: 14 }],
    ['en', 'the fifth of next month', { date: '2026-06-05' }], ['en', 'next month on the 5th', { date: '2026-06-05' }],
    ['en', 'in a week', { relative_days: 7 }], ['en', 'a month ago', { relative_days: -30 }], ['en', '5/3', { date: '2026-05-03' }],
    ['en', 'this coming friday', { relative_days: 2 }],
  ] as const)('%s %s', (lang, u, r) => {
    expect(parseDate(u, lang, CALL_DATE)).toEqual(r);
  });
});

describe('choice, departments and ratings', () => {
  const dept = [
    { id: 'cardiology', labels: ['心内科', '心血管内科', 'cardiology', 'heart'] },
    { id: 'neurology', labels: ['神经内科', 'neurology'] },
    { id: 'orthopedics', labels: ['骨科', 'orthopedics', 'bones'] },
  ];
  it.each([
    ['zh', '我想挂神经内科', 'neurology'], ['zh', '新内科', 'cardiology'], ['zh', '神精内科', 'neurology'], ['zh', '第三个', 'orthopedics'],
    ['zh', '都行', null], ['en', 'the heart one', 'cardiology'], ['en', 'number two', 'neurology'], ['en', 'option 3', 'orthopedics'],
    ['en', 'whatever', null],
  ] as const)('%s %s -> %s', (lang, u, id) => {
    expect(matchChoice(u, lang, dept)).toBe(id);
  });
  it.each([
    ['非常满意', '非常满意'], ['挺满意的', '满意'], ['不太满意', '不满意'], ['不满意', '不满意'], ['还行一般吧', '一般'],
  ])('rating %s -> %s', (u, id) => {
    expect(matchChoice(u, 'zh', ['非常满意', '满意', '一般', '不满意'])).toBe(id);
  });
});
