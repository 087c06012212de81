import { describe, expect, it } from 'vitest';
import {
  editDistance,
  findChineseNumbers,
  foldSyllable,
  normalizeUtterance,
  parseChineseNumber,
  pinyinFind,
  pinyinIncludesAny,
  pinyinSimilarity,
  toPinyin,
} from '../src/text/index.js';

describe('parseChineseNumber', () => {
  const cases: Array<[string, number | null]> = [
    ['一百二十', 120], ['两百', 200], ['三十九点二', 39.2], ['一千零五', 1005], ['一百六', 160],
    ['十五', 15], ['一万二', 12000], ['3千', 3000], ['38.5', 38.5], ['一二零', 120], ['二十', 20],
    ['一百零六', 106], ['两万三千五', 23500], ['十', 10], ['零', 0], ['九十八点六', 98.6],
    ['三十七点八', 37.8], ['一百四十五', 145], ['二百五十', 250], ['一千二', 1200], ['四十', 40],
    ['１２０', 120], ['七点八', 7.8], ['幺二零', 120], ['俩', 2], ['两', 2], ['一百一', 110],
    ['', null], ['发烧', null], ['一百块', null],
  ];
  it.each(cases)('%s -> %s', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });
});

describe('findChineseNumbers', () => {
  it('finds spans and keeps 有点 / 一点 as words', () => {
    const spans = findChineseNumbers('体温三十九点二有点烧');
    expect(spans.map((s) => s.value)).toEqual([39.2]);
    expect(spans[0]).toMatchObject({ start: 2, end: 7 });
  });
  it('finds mixed Arabic and Chinese numerals', () => {
    expect(findChineseNumbers('高压160低压一百').map((s) => s.value)).toEqual([160, 100]);
  });
});

describe('normalizeUtterance', () => {
  it('drops Chinese fillers, punctuation and stutters', () => {
    expect(normalizeUtterance('呃，那个，我我我发烧发烧了。', 'zh')).toBe('我发烧了');
  });
  it('keeps 嗯 (it can mean yes)', () => {
    expect(normalizeUtterance('嗯嗯', 'zh')).toBe('嗯嗯');
  });
  it('maps full-width characters to ASCII', () => {
    expect(normalizeUtterance('体温３８．５度', 'zh')).toBe('体温38.5度');
  });
  it('lower-cases English and drops um/uh/like', () => {
    expect(normalizeUtterance('Um, I I think, like, yeah', 'en')).toBe('i think yeah');
  });
  it('keeps decimals and slashes between digits', () => {
    expect(normalizeUtterance('140/90, 38.5', 'en')).toBe('140/90 38.5');
  });
  it('is total on blank input', () => {
    expect(normalizeUtterance('', 'zh')).toBe('');
    expect(normalizeUtterance('  ，。 ', 'en')).toBe('');
  });
});

describe('pinyin helpers', () => {
  it('gives toneless syllables per character', () => {
    expect(toPinyin('发烧')).toEqual(['fa', 'shao']);
  });
  it('folds common confusions', () => {
    expect(foldSyllable('zhang')).toBe('zan');
    expect(foldSyllable('ling')).toBe('nin');
  });
  it('finds recognizer homophones', () => {
    expect(pinyinFind('我有点发骚', '发烧')).toMatchObject({ text: '发骚', fuzzy: true });
    expect(pinyinFind('上口有点红', '伤口')).toMatchObject({ text: '上口', fuzzy: true });
    expect(pinyinFind('伤口有点红', '伤口')).toMatchObject({ fuzzy: false, start: 0 });
  });
  it('does not fuzzy-match single syllables or unrelated words', () => {
    expect(pinyinFind('我很好', '耗')).toBeNull();
    expect(pinyinFind('今天天气不错', '发烧')).toBeNull();
    expect(pinyinIncludesAny('没什么事', ['胸痛', '发烧'])).toBe(false);
  });
  it('scores similarity', () => {
    expect(pinyinSimilarity('上午', '上午')).toBe(1);
    expect(pinyinSimilarity('商务', '上午')).toBe(1);
    expect(pinyinSimilarity('下午', '上午')).toBeLessThan(1);
    expect(editDistance(['a', 'b'], ['a', 'c'])).toBe(1);
  });
});
