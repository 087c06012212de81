/** Regional words read as Mandarin (text/dialect.ts): same length, context kept where the character is also Mandarin. */
import { describe, expect, it } from 'vitest';
import { mandarinFromDialect, normalizeUtterance } from '../src/text/index.js';
import { detectRedFlags, extractSymptoms } from '../src/clinical/index.js';

describe('regional words', () => {
  it.each([
    ['冇发烧，佢食咗药', '没发烧，他吃了药'],
    ['唔痛，系有少少痒', '不痛，是有一点痒'],
    ['伊讲勿痛了，有眼痒', '他讲不痛了，有点痒'],
    ['莫得，啥子都好', '没有，什么都好'],
    ['唔该晒', '谢谢晒'],
    ['喉咙好痕', '喉咙好痒'],
  ])('%s -> %s', (said, want) => {
    expect(mandarinFromDialect(said)).toBe(want);
    expect(mandarinFromDialect(said)).toHaveLength(said.length);
  });

  it.each(['心口好似有大石压住', '手上有一道疤痕', '伤痕累累', '没有留下痕迹', '神经系统有问题', '去过伊拉克', '饮食清淡', '手术后眼睛有眼屎', '关系不错'])('keeps Mandarin words: %s', (text) => {
    expect(mandarinFromDialect(text)).toBe(text);
  });

  it('a red-flag screen answered in Cantonese: a simile is no hedge, a denial with a cough is no flag', async () => {
    const { interpret } = await import('../src/nlu/index.js');
    const asked = '有没有胸痛、呼吸困难、说话不清楚这些情况？';
    expect(interpret({ lang: 'zh', asked, expect: 'red-flag', utterance: '心口好似有块石头顶住，痛到成身出汗，成个钟都唔停。' })).toEqual({ kind: 'red-flag', red_flag: 'chest-pain-cardiac' });
    expect(interpret({ lang: 'zh', asked, expect: 'red-flag', utterance: '冇噶，就系有啲咳，喉咙好痕。' })).toEqual({ kind: 'red-flag', red_flag: null });
  });

  it('normalisation and the clinical reading see the Mandarin words', () => {
    expect(normalizeUtterance('冇事，唔使担心', 'zh')).toBe('没事不用担心');
    expect(extractSymptoms('冇发烧，但系胸口好痛', 'zh').present).toContain('chest-pain');
    expect(extractSymptoms('佢冇发烧', 'zh').present).not.toContain('fever');
    expect(detectRedFlags('佢突然半边身冇力，讲嘢唔清楚', 'zh').length).toBeGreaterThan(0);
  });
});
