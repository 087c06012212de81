/**
 * 痛 and 疼 are one word to the clinical rules (sentences written for this test).
 */
import { describe, expect, it } from 'vitest';
import { findMentions } from '../src/clinical/mentions.js';
import { oneWord } from '../src/clinical/one-word.js';
import { triage } from '../src/clinical/index.js';

describe('痛 and 疼 read as one word', () => {
  it('keeps the length of the text', () => {
    const text = '胸口痛，头也疼，痛得要命';
    expect(oneWord(text)).toHaveLength(text.length);
    expect(oneWord(text)).toBe('胸口疼，头也疼，疼得要命');
  });

  it.each([
    ['从来没这么痛过', '从来没这么疼过'],
    ['胸口压着痛，出冷汗', '胸口压着疼，出冷汗'],
    ['肚子右下边痛得直不起腰', '肚子右下边疼得直不起腰'],
  ])('%s and %s give the same triage', (a, b) => {
    const ra = triage(a, 'zh', { ageYears: 50 });
    const rb = triage(b, 'zh', { ageYears: 50 });
    expect(ra.disposition).toBe(rb.disposition);
    expect(ra.red_flags).toEqual(rb.red_flags);
  });

  it('a worst-ever headache told with 痛 is a stroke sign', () => {
    expect(triage('打麻将的时候头里突然炸开一样，活到四十五岁从来没这么痛过，还想吐', 'zh', { ageYears: 45 }).red_flags).toContain('stroke-signs');
  });

  it('a recogniser homophone repaired to 痛 is read too', () => {
    expect(findMentions('头同恶心', 'zh').mentions.map((m) => m.id)).toContain('headache');
  });
});
