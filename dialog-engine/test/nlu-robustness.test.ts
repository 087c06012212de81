import { describe, expect, it } from 'vitest';
import { EXPECT_KINDS, interpret, toWire } from '../src/nlu/index.js';

/** Small deterministic PRNG (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ...'一二三四五六七八九十百千万零两点度斤次天周月年号前后上下个多半几不没有是对好嗯啊疼咳烧/.-~ 0123456789，。！？😀',
  'over', 'point', 'hundred', 'and', 'a', 'the', 'next', 'last', 'ago', 'in', 'days', 'weeks', 'no', 'yes', 'not', ' ',
];

describe('robustness: random recognizer-like garbage never throws or yields non-finite numbers', () => {
  it('holds for 600 random utterances across every expectation and language', () => {
    const next = rng(20260520);
    for (let i = 0; i < 600; i++) {
      const len = Math.floor(next() * 25);
      let u = '';
      for (let j = 0; j < len; j++) u += PIECES[Math.floor(next() * PIECES.length)];
      for (const expectKind of EXPECT_KINDS) {
        for (const lang of ['zh', 'en'] as const) {
          const wire = toWire(interpret({ lang, expect: expectKind, utterance: u, asked: u.slice(0, 4), callDate: '2026-05-20', choices: ['上午', '下午'] }));
          for (const v of Object.values(wire)) {
            if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
          }
          if (expectKind === 'scale-0-10' && typeof wire.value === 'number') expect(wire.value).toBeGreaterThanOrEqual(0);
          if (expectKind === 'scale-0-10' && typeof wire.value === 'number') expect(wire.value).toBeLessThanOrEqual(10);
        }
      }
    }
  });

  it('keeps very long input bounded', () => {
    const long = '呃那个就是有一点点疼'.repeat(500);
    expect(interpret({ lang: 'zh', asked: '伤口疼吗', expect: 'yes-no', utterance: long })).toEqual({ kind: 'yes-no', answer: 'yes' });
  });
});
