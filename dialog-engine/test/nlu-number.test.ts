import { describe, expect, it } from 'vitest';
import { interpret, parseBloodPressure, parseNumber, parseScale, toWire, type NumberResult } from '../src/nlu/index.js';

type NumCase = [utterance: string, asked: string, expected: NumberResult];

const ZH: NumCase[] = [
  // temperatures
  ['三十九度二', '您的体温是多少', { value: 39.2, unit: '°C' }], ['三十八度五', '体温多少', { value: 38.5, unit: '°C' }],
  ['三十七点八', '体温多少度', { value: 37.8, unit: '°C' }], ['三十七度八', '', { value: 37.8, unit: '°C' }],
  ['九十八点六华氏度', '体温多少', { value: 98.6, unit: '°F' }], ['华氏一百零一度', '体温多少', { value: 101, unit: '°F' }],
  ['38.5度', '体温多少', { value: 38.5, unit: '°C' }], ['38度5', '体温多少', { value: 38.5, unit: '°C' }],
  ['三十八', '您量的体温是多少', { value: 38, unit: '°C' }], ['呃 那个 大概三十八度多吧', '体温', { min: 38, max: 39, unit: '°C' }],
  ['三十七八度', '体温多少', { min: 37, max: 38, unit: '°C' }], ['刚量了一下三十九度', '体温多少', { value: 39, unit: '°C' }],
  ['昨天三十九度今天三十七度五', '现在体温多少', { value: 37.5, unit: '°C' }], ['１０１', '体温多少', { value: 101, unit: '°F' }],
  ['三十八度', '', { value: 38, unit: '°C' }], ['三十六度五左右', '体温', { value: 36.5, unit: '°C' }],
  // weights
  ['一百二十斤', '您现在体重多少', { value: 120, unit: '斤' }], ['一百二', '体重多少斤', { value: 120, unit: '斤' }],
  ['六十公斤', '体重多少', { value: 60, unit: 'kg' }], ['六十五千克', '体重多少', { value: 65, unit: 'kg' }],
  ['一百五十磅', '体重多少', { value: 150, unit: 'lb' }], ['七八斤', '体重涨了多少', { min: 7, max: 8, unit: '斤' }],
  ['涨了两斤', '这周体重涨了多少', { value: 2, unit: '斤' }], ['一百三十多斤', '体重多少', { min: 130, max: 140, unit: '斤' }],
  ['六十', '体重多少公斤', { value: 60, unit: 'kg' }], ['一斤半', '涨了多少', { value: 1.5, unit: '斤' }],
  ['两百斤', '体重多少', { value: 200, unit: '斤' }], ['62.5公斤', '体重', { value: 62.5, unit: 'kg' }],
  // counts
  ['两次', '这周漏服了几次', { value: 2, unit: 'times' }], ['三回', '吐了几次', { value: 3, unit: 'times' }],
  ['一次', '漏服了几次', { value: 1, unit: 'times' }], ['没有', '这周漏服了几次', { value: 0, unit: 'times' }],
  ['一次都没漏', '这周漏服了几次', { value: 0, unit: 'times' }], ['四五次', '拉了几次', { min: 4, max: 5, unit: 'times' }],
  ['三', '一天吃几次药', { value: 3, unit: 'times' }], ['五六回吧', '吐了几回', { min: 5, max: 6, unit: 'times' }],
  // durations
  ['三天', '发烧几天了', { value: 3, unit: 'days' }], ['三四天', '几天了', { min: 3, max: 4, unit: 'days' }],
  ['两个礼拜', '多久了', { value: 2, unit: 'weeks' }], ['两个星期', '多久了', { value: 2, unit: 'weeks' }],
  ['一周', '多久了', { value: 1, unit: 'weeks' }], ['半个月', '多长时间了', { value: 0.5, unit: 'months' }],
  ['一个多月', '多长时间了', { min: 1, max: 2, unit: 'months' }], ['一个半月', '多久了', { value: 1.5, unit: 'months' }],
  ['两天半', '多久了', { value: 2.5, unit: 'days' }], ['一年了', '多久了', { value: 12, unit: 'months' }],
  ['十几天', '多久了', { min: 11, max: 19, unit: 'days' }], ['一两天', '多久了', { min: 1, max: 2, unit: 'days' }],
  ['五天', '', { value: 5, unit: 'days' }], ['三', '发烧几天了', { value: 3, unit: 'days' }],
  ['两三个月', '多久了', { min: 2, max: 3, unit: 'months' }], ['三到五天', '多久了', { min: 3, max: 5, unit: 'days' }],
  // heart rate, blood sugar
  ['八十多', '心率多少', { min: 80, max: 90, unit: 'bpm' }], ['七十二', '心率多少', { value: 72, unit: 'bpm' }],
  ['心跳一百一', '', { value: 110, unit: 'bpm' }], ['九十次每分钟', '', { value: 90, unit: 'bpm' }],
  ['七点八', '空腹血糖多少', { value: 7.8, unit: 'mmol/L' }], ['血糖七点八', '', { value: 7.8, unit: 'mmol/L' }],
  ['十一点二', '血糖多少', { value: 11.2, unit: 'mmol/L' }], ['6.5', '血糖多少', { value: 6.5, unit: 'mmol/L' }],
  // nothing usable
  ['不知道', '体温多少', { value: null }], ['没量', '体温多少', { value: null }], ['忘了', '体重多少', { value: null }],
  ['', '体温多少', { value: null }],
];

const EN: NumCase[] = [
  ['one hundred and twenty', 'what is your weight in pounds', { value: 120, unit: 'lb' }],
  ['thirty-eight point five', 'what is your temperature', { value: 38.5, unit: '°C' }],
  ['a hundred and one degrees', 'what is your temperature', { value: 101, unit: '°F' }],
  ['about 98.6', "what's your temperature", { value: 98.6, unit: '°F' }], ['38.5 celsius', '', { value: 38.5, unit: '°C' }],
  ['one hundred two fahrenheit', '', { value: 102, unit: '°F' }], ['thirty seven', 'temperature', { value: 37, unit: '°C' }],
  ['no idea', 'what is your temperature', { value: null }], ['i did not check', 'what is your temperature', { value: null }],
  ['150 pounds', 'how much do you weigh', { value: 150, unit: 'lb' }], ['seventy kilos', 'how much do you weigh', { value: 70, unit: 'kg' }],
  ['about 80 kg', '', { value: 80, unit: 'kg' }], ['two pounds', 'how much weight did you gain', { value: 2, unit: 'lb' }],
  ['twice', 'how many times did you miss a dose', { value: 2, unit: 'times' }], ['once', 'how many times', { value: 1, unit: 'times' }],
  ['three times', '', { value: 3, unit: 'times' }], ['never', 'how many doses did you miss', { value: 0, unit: 'times' }],
  ['three days', 'how long have you had it', { value: 3, unit: 'days' }], ['a couple of weeks', 'how long', { value: 2, unit: 'weeks' }],
  ['a month and a half', 'how long', { value: 1.5, unit: 'months' }], ['two and a half weeks', 'how long', { value: 2.5, unit: 'weeks' }],
  ['a week', 'how long', { value: 1, unit: 'weeks' }], ['half a day', 'how long', { value: 0.5, unit: 'days' }],
  ['three or four days', 'how long', { min: 3, max: 4, unit: 'days' }], ['about five', 'how many days', { value: 5, unit: 'days' }],
  ['um like eighty five', 'what is your heart rate', { value: 85, unit: 'bpm' }], ['72 beats per minute', '', { value: 72, unit: 'bpm' }],
  ['my sugar was 7.8', '', { value: 7.8, unit: 'mmol/L' }], ['seven point eight', 'what was your blood sugar', { value: 7.8, unit: 'mmol/L' }],
  ['140', 'what was your blood sugar in mg', { value: 7.8, unit: 'mmol/L' }],
  ['six or seven', '', { min: 6, max: 7 }], ['', 'how long', { value: null }],
];

describe('numbers, Mandarin', () => {
  it.each(ZH)('%s (asked %s)', (utterance, asked, expected) => {
    expect(parseNumber(utterance, 'zh', asked)).toEqual(expected);
  });
});

describe('numbers, English', () => {
  it.each(EN)('%s (asked %s)', (utterance, asked, expected) => {
    expect(parseNumber(utterance, 'en', asked)).toEqual(expected);
  });
});

describe('numbers with a declared unit', () => {
  it('takes the unit from the expectation when the answer has none', () => {
    expect(interpret({ lang: 'zh', expect: { kind: 'number', unit: 'kg' }, utterance: '七十' })).toEqual({ kind: 'number', value: 70, unit: 'kg' });
    expect(interpret({ lang: 'en', expect: { kind: 'number', unit: 'weeks' }, utterance: 'three' })).toEqual({ kind: 'number', value: 3, unit: 'weeks' });
  });
  it('an explicit unit in the answer wins over the declared one', () => {
    expect(interpret({ lang: 'zh', expect: { kind: 'number', unit: 'kg' }, utterance: '一百二十斤' })).toMatchObject({ value: 120, unit: '斤' });
  });
  it('wire form drops the kind tag', () => {
    expect(toWire(interpret({ lang: 'zh', asked: '体温', expect: 'number', utterance: '三十九度二' }))).toEqual({ value: 39.2, unit: '°C' });
  });
});

type BpCase = [utterance: string, systolic: number | null, diastolic: number | null];
const BP_ZH: BpCase[] = [
  ['高压一百六低压一百', 160, 100], ['一百六十/一百', 160, 100], ['160/100', 160, 100], ['一百四十九十', 140, 90],
  ['收缩压一百三舒张压八十五', 130, 85], ['一百三八十', 130, 80], ['一百六十一百', 160, 100], ['一百二十八十', 120, 80],
  ['一百四比九十', 140, 90], ['高压一百五', 150, null], ['低压九十', null, 90], ['一百五', 150, null], ['135 85', 135, 85],
  ['低压八十高压一百二', 120, 80], ['呃 高压是一百四十五 低压是九十二', 145, 92], ['上面一百三下面八十', 130, 80],
  ['一百一十七十', 110, 70], ['不知道', null, null], ['没量', null, null], ['140／90', 140, 90],
];
const BP_EN: BpCase[] = [
  ['one-sixty over a hundred', 160, 100], ['140 over 90', 140, 90], ['um it was like one forty five over ninety two', 145, 92],
  ['the top number was 150', 150, null], ['one twenty over eighty', 120, 80], ['130/85', 130, 85],
  ['systolic 150 diastolic 95', 150, 95], ['the bottom number was ninety', null, 90], ['i did not measure it', null, null],
  ['a hundred and forty over ninety', 140, 90],
];

describe('blood pressure', () => {
  it.each(BP_ZH)('zh %s', (u, s, d) => {
    expect(parseBloodPressure(u, 'zh')).toEqual({ systolic: s, diastolic: d });
  });
  it.each(BP_EN)('en %s', (u, s, d) => {
    expect(parseBloodPressure(u, 'en')).toEqual({ systolic: s, diastolic: d });
  });
});

type ScaleCase = [utterance: string, expected: ReturnType<typeof parseScale>];
const SCALE_ZH: ScaleCase[] = [
  ['五分', { value: 5 }], ['五六分', { min: 5, max: 6 }], ['七八分吧', { min: 7, max: 8 }], ['不怎么疼', { min: 1, max: 3 }],
  ['满分', { value: 10 }], ['十分', { value: 10 }], ['一点都不疼', { value: 0 }], ['满分十分的话我打七分', { value: 7 }],
  ['三分左右', { value: 3 }], ['零分', { value: 0 }], ['不疼', { value: 0 }], ['疼死了', { value: 10 }], ['八', { value: 8 }],
  ['呃 大概六分吧', { value: 6 }], ['十分疼', { min: 7, max: 10 }], ['有一点疼', { min: 1, max: 3 }], ['不知道', { value: null }],
];
const SCALE_EN: ScaleCase[] = [
  ['about a seven', { value: 7 }], ['six or seven', { min: 6, max: 7 }], ['7 out of 10', { value: 7 }], ['no pain', { value: 0 }],
  ['the worst', { value: 10 }], ['a four', { value: 4 }], ['maybe a five', { value: 5 }], ['ten', { value: 10 }], ['zero', { value: 0 }],
  ['like a three or four', { min: 3, max: 4 }], ['mild', { min: 1, max: 3 }], ['severe', { min: 7, max: 10 }], ["i don't know", { value: null }],
];

describe('0-10 scale', () => {
  it.each(SCALE_ZH)('zh %s', (u, r) => {
    expect(parseScale(u, 'zh')).toEqual(r);
  });
  it.each(SCALE_EN)('en %s', (u, r) => {
    expect(parseScale(u, 'en')).toEqual(r);
  });
});

describe('numbers, more colloquial forms', () => {
  it.each([
    ['zh', '心率多少', '每分钟八十五次', { value: 85, unit: 'bpm' }],
    ['zh', '心率多少', '六十几', { min: 61, max: 69, unit: 'bpm' }],
    ['zh', '空腹血糖多少', '八点多', { min: 8, max: 9, unit: 'mmol/L' }],
    ['zh', '血糖多少', '空腹六点五 餐后九点八', { value: 6.5, unit: 'mmol/L' }],
    ['zh', '咳嗽多久了', '从上周开始', { value: 7, unit: 'days' }],
    ['zh', '咳嗽多久了', '大半年了', { value: 6, unit: 'months' }],
    ['zh', '咳嗽多久了', '三个多星期', { min: 3, max: 4, unit: 'weeks' }],
    ['zh', '咳嗽多久了', '十来天', { value: 10, unit: 'days' }],
    ['zh', '体重比上周涨了多少', '没涨', { value: 0, unit: 'kg' }],
    ['zh', '体温多少', '没发烧 三十六度八', { value: 36.8, unit: '°C' }],
    ['zh', '体温多少', '一百零二华氏度', { value: 102, unit: '°F' }],
    ['zh', '多大年纪', '七十五岁', { value: null }],
    ['en', 'what is your temperature', '99 point 5 f', { value: 99.5, unit: '°F' }],
    ['en', 'what was your blood sugar', '6 point 2', { value: 6.2, unit: 'mmol/L' }],
    ['en', 'how long have you had the cough', 'since last week', { value: 7, unit: 'days' }],
    ['en', 'how long have you had the cough', 'over a year', { value: 12, unit: 'months' }],
    ['en', 'how much do you weigh', 'one eighty', { value: 180, unit: 'lb' }],
    ['en', 'what is your pulse', 'seventy two', { value: 72, unit: 'bpm' }],
  ] as const)('%s asked %s: %s', (lang, asked, utterance, expected) => {
    expect(parseNumber(utterance, lang, asked)).toEqual(expected);
  });
  it('reads blood pressure said digit by digit and scale ranges said with units', () => {
    expect(parseBloodPressure('一七零一一零', 'zh')).toEqual({ systolic: 170, diastolic: 110 });
    expect(parseScale('九分十分的样子', 'zh')).toEqual({ min: 9, max: 10 });
    expect(parseScale('一分都没有', 'zh')).toEqual({ value: 0 });
  });
});

describe('numbers with recognizer homophones and implausible values', () => {
  it('repairs 十 and 点 misheard inside numerals', () => {
    expect(parseNumber('三是八度五', 'zh', '体温多少')).toEqual({ value: 38.5, unit: '°C' });
    expect(parseNumber('三十七电五', 'zh', '体温多少')).toEqual({ value: 37.5, unit: '°C' });
  });
  it('gives null for a bare number that cannot answer the question', () => {
    expect(parseNumber('一是', 'zh', '体温多少')).toEqual({ value: null });
    expect(parseNumber('five', 'en', 'what is your temperature')).toEqual({ value: null });
  });
  it('keeps an answer in another unit of the same kind of question', () => {
    expect(parseNumber('两个礼拜', 'zh', '发烧几天了')).toEqual({ value: 2, unit: 'weeks' });
  });
});

describe('numbers, approximate and vague forms', () => {
  it.each([
    ['en', 'how long', 'a fortnight', { value: 2, unit: 'weeks' }],
    ['en', 'how long', 'a day or two', { min: 1, max: 2, unit: 'days' }],
    ['en', 'what is your heart rate', 'in the nineties', { min: 90, max: 99, unit: 'bpm' }],
    ['en', 'how long', 'since yesterday', { value: 1, unit: 'days' }],
    ['en', 'how many times', 'a few times', { min: 2, max: 4, unit: 'times' }],
    ['en', 'how many times', 'several times', { min: 3, max: 7, unit: 'times' }],
    ['en', 'how many times', 'quite a few times', { min: 4, max: 9, unit: 'times' }],
    ['en', 'how long', 'a few days', { min: 2, max: 4, unit: 'days' }],
    ['en', 'how many times', 'a dozen times', { value: 12, unit: 'times' }],
    ['zh', '心率多少', '一百出头', { min: 100, max: 110, unit: 'bpm' }],
    ['zh', '血糖多少', '七点几', { min: 7, max: 8, unit: 'mmol/L' }],
    ['zh', '体重多少', '七十多公斤', { min: 70, max: 80, unit: 'kg' }],
    ['zh', '多久了', '昨天开始的', { value: 1, unit: 'days' }],
    ['zh', '多久了', '好几天了', { min: 3, max: 9, unit: 'days' }],
    ['zh', '一天吐几次', '好几次', { min: 3, max: 9, unit: 'times' }],
    ['zh', '多久了', '前几天开始的', { min: 2, max: 9, unit: 'days' }],
    ['zh', '多久了', '几个月了', { min: 2, max: 9, unit: 'months' }],
    ['zh', '多久了', '几十天', { min: 20, max: 90, unit: 'days' }],
    ['zh', '多久了', '十几天', { min: 11, max: 19, unit: 'days' }],
    ['zh', '咳嗽几天了', '几乎没咳', { value: null }],
    ['zh', '体温', '三十七度五六', { min: 37.5, max: 37.6, unit: '°C' }],
    ['zh', '体温', '三十八度到三十九度', { min: 38, max: 39, unit: '°C' }],
  ] as const)('%s asked %s: %s', (lang, asked, u, r) => {
    expect(parseNumber(u, lang, asked)).toEqual(r);
  });
});
