import { describe, expect, it } from 'vitest';
import { interpret, toWire } from '../src/nlu/index.js';

// The symptom and red-flag lexicons belong to the clinical module (tested there); these cases
// test the NLU dispatch and how the question's context is used when the answer is a bare yes/no.
describe('symptoms through interpret()', () => {
  it.each([
    ['zh', '哪里不舒服', '我头疼 还有点恶心 但是不发烧', { present: ['headache', 'nausea-vomiting'], absent: ['fever'] }],
    ['zh', '有没有发烧', '没有', { present: [], absent: ['fever'] }],
    ['zh', '有没有发烧', '有', { present: ['fever'], absent: [] }],
    ['zh', '还发烧吗', '发骚', { present: ['fever'], absent: [] }],
    ['zh', '有没有咳嗽', '我儿子咳嗽', { present: [], absent: [] }],
    ['en', 'any symptoms', 'i have a headache but no fever', { present: ['headache'], absent: ['fever'] }],
    ['en', 'do you have a fever', 'nope', { present: [], absent: ['fever'] }],
  ] as const)('%s asked %s: %s', (lang, asked, utterance, expected) => {
    const r = toWire(interpret({ lang, asked, expect: 'symptoms', utterance }));
    expect({ present: [...(r.present as string[])].sort(), absent: [...(r.absent as string[])].sort() }).toEqual({
      present: [...expected.present].sort(),
      absent: [...expected.absent].sort(),
    });
  });
});

describe('red flags through interpret()', () => {
  it.each([
    ['zh', '', '胸口像压了块大石头 出冷汗', 'chest-pain-cardiac'],
    ['zh', '', '我不想活了', 'suicidal'],
    ['zh', '有没有突然一侧手脚没力气或者说话不清楚', '有', 'stroke-signs'],
    ['zh', '有没有突然一侧手脚没力气或者说话不清楚', '没有', null],
    ['zh', '有没有突然一侧手脚没力气或者说话不清楚', '不知道', null],
    ['en', '', 'my face is drooping and i cannot speak properly', 'stroke-signs'],
    ['en', 'do you have sudden weakness on one side of your body', 'yes', 'stroke-signs'],
    ['en', 'are you thinking about hurting yourself', 'yes', 'suicidal'],
    ['en', 'any chest pain', 'no', null],
  ] as const)('%s asked %s: %s -> %s', (lang, asked, utterance, flag) => {
    expect(toWire(interpret({ lang, asked, expect: 'red-flag', utterance }))).toEqual({ red_flag: flag });
  });
});
