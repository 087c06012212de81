import { describe, expect, it } from 'vitest';
import { detectRedFlags, extractSymptoms, triage } from '../src/clinical/index.js';
import { repairHomophones } from '../src/clinical/homophones.js';
import { interpret, toWire } from '../src/nlu/index.js';
import { pinyinRepair } from '../src/text/index.js';

describe('pinyinRepair', () => {
  it('rewrites homophone runs to the keyword, keeping the length', () => {
    expect(pinyinRepair('我有点发骚', ['发烧'])).toBe('我有点发烧');
    expect(pinyinRepair('上口有点红', ['伤口'])).toBe('伤口有点红');
    expect(pinyinRepair('发烧了', ['发烧'])).toBe('发烧了');
    expect(pinyinRepair('abc 头云 12', ['头晕'])).toBe('abc 头晕 12');
  });
  it('leaves blocked contexts and one-character keywords alone', () => {
    expect(pinyinRepair('放在最外面', ['嘴歪'], { block: /最外/u })).toBe('放在最外面');
    expect(pinyinRepair('我有点烧', ['骚'])).toBe('我有点烧');
  });
});

describe('clinical homophone fallback', () => {
  it.each([
    ['我有点发骚', '我有点发烧'],
    ['头云得厉害', '头晕得厉害'],
    ['我爸嘴外了', '我爸嘴歪了'],
    ['出了一身冷汉', '出了一身冷汗'],
    ['老伴突然混迷了', '老伴突然昏迷了'],
  ])('%s -> %s', (heard, meant) => {
    expect(repairHomophones(heard)).toBe(meant);
  });

  it.each([
    '我儿子在国外留学', '我独自在家', '孩子抽出时间来看我', '东西放在最外面', '头发少', '他轻声说话', '我心急',
    '我在水中游泳', '今天下初雪了', '打麻将摸到红中', '孩子在附中上学', '他在看传奇', '信口开河', '紫砂壶', '火车道口',
  ])('everyday words stay: %s', (s) => {
    expect(repairHomophones(s)).toBe(s);
    expect(detectRedFlags(s, 'zh')).toEqual([]);
  });

  it('finds symptoms and red flags through homophones', () => {
    expect(extractSymptoms('上口流农了', 'zh').present).toContain('wound-discharge');
    expect(detectRedFlags('我爸突然嘴外了说话不清楚', 'zh')).toContain('stroke-signs');
    expect(detectRedFlags('胸口压着疼出了一身冷汉', 'zh')).toContain('chest-pain-cardiac');
    expect(detectRedFlags('我不想活了想自沙', 'zh')).toContain('suicidal');
    expect(triage('我妈混迷了叫不醒', 'zh').disposition).toBe('D1');
  });

  it('reaches the NLU symptoms and red-flag answers without the question', () => {
    expect(toWire(interpret({ lang: 'zh', expect: 'symptoms', utterance: '这两天有点头云' }))).toEqual({ present: ['dizziness'], absent: [] });
    expect(toWire(interpret({ lang: 'zh', expect: 'red-flag', utterance: '他嘴外了' }))).toEqual({ red_flag: 'stroke-signs' });
  });
});
