/**
 * Symptoms in lay, dialect and recogniser words (lay-words.ts) and reported by someone else about
 * the patient (symptoms-reading.ts). Lines written for this test, not taken from any blind set.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../src/nlu/index.js';

type Row = [lang: 'zh' | 'en', utterance: string, present: string[], absent: string[]];

const ROWS: Row[] = [
  ['en', "My daughter says I'm muddled in the evenings.", ['confusion'], []],
  ['en', "Last night the words wouldn't come out for a minute.", ['speech-difficulty'], []],
  ['en', 'There was blood in my wee this morning.', ['blood-in-urine'], []],
  ['zh', '脑壳昏得很。', ['dizziness'], []],
  ['zh', '就是拉杜子，一天三回。', ['diarrhea'], []],
  ['zh', '咳嗽，冇发烧。', ['cough'], ['fever']],
];

describe('symptoms in lay and dialect words', () => {
  it.each(ROWS)('%s %s', (lang, utterance, present, absent) => {
    const r = interpret({ lang, asked: lang === 'zh' ? '您最近有哪些不舒服？' : 'What symptoms have you had?', expect: 'symptoms', utterance });
    expect(r).toMatchObject({ kind: 'symptoms' });
    if (r.kind !== 'symptoms') return;
    expect([...r.present].sort()).toEqual([...present].sort());
    expect([...r.absent].sort()).toEqual([...absent].sort());
  });
});
