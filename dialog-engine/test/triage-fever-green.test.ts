/**
 * Fever in a child who is acting well (NICE NG143 green) and a cold with a fever for a couple of
 * days are self-care; the same fever with an amber sign is not (sentences written for this test).
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../src/clinical/index.js';

const level = (d: string): number => Number(d.slice(1));

describe('a febrile child acting well is not sent to a same-day clinic by the number alone', () => {
  it.each([
    ['en', 'My daughter is three, she had thirty-nine point two last night, after ibuprofen she is racing around the garden, drinking fine, plenty of wet nappies', 36],
    ['zh', '儿子四岁，昨晚烧到三十九度三，吃了退烧药，现在满屋子跑，能吃能玩，尿也不少', 48],
  ] as const)('%s %s', (lang, text, ageMonths) => {
    expect(level(triage(text, lang, { ageMonths }).disposition)).toBeGreaterThanOrEqual(5);
  });
  it('with an amber sign it still is', () => {
    expect(level(triage('My daughter is three, thirty-nine point two, she is floppy and hardly drinking', 'en', { ageMonths: 36 }).disposition)).toBeLessThanOrEqual(4);
    expect(level(triage('儿子四岁，烧到三十九度三，蔫蔫的，一直睡，叫他也不太理', 'zh', { ageMonths: 48 }).disposition)).toBeLessThanOrEqual(4);
  });
  it('37.6 in a teething baby is not a fever', () => {
    expect(triage('宝宝八个月，这几天老流口水啃手，量了三十七度六，吃奶跟平时一样', 'zh', { ageMonths: 8 }).disposition).not.toMatch(/D[1-4]/);
  });
  it('a baby under three months with 38 still goes in', () => {
    expect(level(triage('my son is seven weeks old and his temperature is 38.2, he is feeding ok', 'en', { ageMonths: 2 }).disposition)).toBeLessThanOrEqual(2);
  });
});

describe('a cold or sore throat with a low fever for two days is self-care', () => {
  it.each([
    ['en', 'Sore throat and a runny nose for two days, temperature 37.9, eating and drinking fine', 30],
    ['zh', '感冒两天了，嗓子疼，流鼻涕，体温三十七度八，吃喝都正常', 35],
  ] as const)('%s %s', (lang, text, ageYears) => {
    expect(triage(text, lang, { ageYears }).disposition).toBe('D7');
  });
  it('a fever for two days without a cold still gets a visit', () => {
    expect(level(triage('I have had a fever of 38.5 for two days, no cold symptoms, just aching all over', 'en', { ageYears: 40 }).disposition)).toBeLessThanOrEqual(5);
  });
});
