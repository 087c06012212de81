/**
 * Numbers a triage rule needs from a narrative: body temperature (°C), age, how long the problem
 * has lasted (days) and systolic blood pressure. Mandarin numerals go through the text module's
 * parser; English accepts digits and simple number words ("a hundred and two", "thirty eight").
 */
import { parseChineseNumber } from '../text/index.js';
import type { ClinicalLang } from './types.js';

const ZH_NUM = '[零〇一二两三四五六七八九十百点\\d.]+';

const EN_UNITS: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const EN_NUM_WORD = `(?:\\d+(?:\\.\\d+)?|(?:a|one) hundred(?: and)?(?: \\w+){0,2}|(?:${Object.keys(EN_TENS).join('|')})(?:[- ](?:${Object.keys(EN_UNITS).join('|')}))?(?: point \\w+)?|${Object.keys(EN_UNITS).join('|')}|a|a couple of|a few|several)`;

/** "a hundred and two" -> 102, "thirty eight point five" -> 38.5, "one oh two" -> 102. */
export function parseEnglishNumber(s: string): number | null {
  const t = s.trim().toLowerCase().replace(/-/g, ' ');
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'a') return 1;
  if (t === 'a couple of') return 2;
  if (t === 'a few') return 3;
  if (t === 'several') return 4;
  const [intPart, frac] = t.split(' point ');
  const words = (intPart ?? '').split(/\s+/).filter((w) => w !== 'and' && w.length > 0);
  if (words.length === 3 && words.every((w) => w in EN_UNITS) && words[0] === 'one' && words[1] === 'oh') return 100 + EN_UNITS[words[2]!]!;
  let total = 0;
  let seen = false;
  for (const w of words) {
    if (w === 'hundred') {
      total = (total === 0 ? 1 : total) * 100;
      seen = true;
    } else if (w in EN_TENS) {
      total += EN_TENS[w]!;
      seen = true;
    } else if (w in EN_UNITS) {
      total += EN_UNITS[w]!;
      seen = true;
    } else if (w !== 'a') return seen ? total : null;
  }
  if (!seen) return null;
  if (frac) {
    const d = EN_UNITS[frac.trim().split(/\s+/)[0] ?? ''];
    if (d !== undefined) total += d / 10;
  }
  return total;
}

function toCelsius(v: number): number | null {
  if (v >= 34 && v <= 43) return v;
  if (v >= 93 && v <= 110) return Math.round(((v - 32) * 5) / 9 * 10) / 10;
  return null;
}

/** Highest plausible body temperature in °C mentioned, or null. */
export function extractTemperatureC(norm: string, lang: ClinicalLang): number | null {
  const found: number[] = [];
  if (lang === 'zh') {
    const re = new RegExp(`(${ZH_NUM})\\s*(?:度|℃|°c?|摄氏度)([一二三四五六七八九\\d])?(半)?`, 'gu');
    for (const m of norm.matchAll(re)) {
      let v = parseChineseNumber(m[1]!);
      if (v === null) continue;
      if (m[2] && Number.isInteger(v)) v += (parseChineseNumber(m[2]) ?? 0) / 10;
      if (m[3]) v += 0.5;
      const c = toCelsius(v);
      if (c !== null) found.push(c);
    }
    const re2 = new RegExp(`(?:体温|腋温|耳温|肛温|口温|烧到|烧了|温度|发烧|发热|量了|\\bt)(?:是|有|到|:|：|\\s)*(${ZH_NUM})`, 'gu');
    for (const m of norm.matchAll(re2)) {
      const v = parseChineseNumber(m[1]!);
      const c = v === null ? null : toCelsius(v);
      if (c !== null) found.push(c);
    }
  } else {
    // "41F" / "68M" in a clinician's shorthand is an age and sex: F counts only in the Fahrenheit range.
    const re = new RegExp(`(${EN_NUM_WORD})\\s*(degrees?|°|f\\b|c\\b|fahrenheit|celsius)`, 'gu');
    const re2 = new RegExp(`(?:\\btemp(?:erature)?|\\bfever|\\btympanic|\\baxillary|\\bcore temp|\\bt)(?: (?:is|was|of|at|reading|reached|hit|up to|around|about|now|today))*:?\\s+(${EN_NUM_WORD})`, 'gu');
    for (const m of [...norm.matchAll(re), ...norm.matchAll(re2)]) {
      const v = parseEnglishNumber(m[1]!);
      if (m[2] === 'f' && (v === null || v < 90)) continue;
      const c = v === null ? null : toCelsius(v);
      if (c !== null) found.push(c);
    }
  }
  if (lang === 'en') {
    // A bare reading in the body-temperature range with one decimal ("had 38.4 this evening",
    // "thirty-eight point four"), when nothing says it is something else (kg, weeks, mmol...).
    const bare = /\b(3[5-9]|4[0-2])\.(\d)\b(?!\s*(?:kg|kilos?|mmol|%|per ?cent|weeks?|cm|mm|mg|ml|lbs?|pounds|years?|days?|hours?|mins?|minutes|\/|over|g\/))/gu;
    for (const m of norm.matchAll(bare)) found.push(Number(`${m[1]}.${m[2]}`));
    const words = new RegExp(`\\b((?:thirty|forty)[- ](?:${Object.keys(EN_UNITS).join('|')}) point (?:${Object.keys(EN_UNITS).join('|')}))\\b(?!\\s*(?:kg|kilos?|mmol|percent|per cent|weeks?|years?))`, 'gu');
    for (const m of norm.matchAll(words)) {
      const v = parseEnglishNumber(m[1]!);
      const c = v === null ? null : toCelsius(v);
      if (c !== null) found.push(c);
    }
  }
  return found.length ? Math.max(...found) : null;
}

export interface Age {
  years?: number;
  months?: number;
}

const ZH_CHILD = '(?:宝宝|孩子|婴儿|小孩|女儿|儿子|娃|孙子|孙女|外孙|宝贝|闺女|老二|老三|二宝|三宝|大宝|小宝|小子|小家伙|孩儿|崽|囡囡?|bb|小朋友|毛毛|幼儿|小儿)';

/** Age of the person described. Months only for explicit infant ages. */
export function extractAge(norm: string, lang: ClinicalLang): Age | null {
  if (lang === 'zh') {
    // 一个半月 is a month and a half.
    const months = new RegExp(`(?:${ZH_CHILD}(?:才|刚|今年|现在|刚刚|已经|刚满|才满|满)?(${ZH_NUM})(?:个)?(半|多)?(月|周|星期|礼拜|天))|(?:(${ZH_NUM})(?:个)?(半|多)?(月|周|天)(?:大|的宝宝|的孩子|的婴儿|的小孩))|(?:(?:出生|生下来|生出来)(?:才|刚|刚刚)?(${ZH_NUM})(?:个)?(半|多)?(天|周|星期|礼拜|月))`, 'u').exec(norm);
    if (months) {
      const counted = parseChineseNumber(months[1] ?? months[4] ?? months[7] ?? '');
      const n = counted === null ? null : counted + ((months[2] ?? months[5] ?? months[8]) === '半' ? 0.5 : 0);
      const unit = months[3] ?? months[6] ?? months[9] ?? '';
      // 两个月零十天: the extra days count too.
      const extra = unit === '月' ? /^零?([零〇一二两三四五六七八九十\d]+)天/u.exec(norm.slice(months.index + months[0].length)) : null;
      const extraDays = extra ? parseChineseNumber(extra[1]!) ?? 0 : 0;
      if (n !== null) return { months: unit === '月' ? n + extraDays / 30 : unit === '天' ? n / 30 : (n * 7) / 30, years: 0 };
    }
    if (/新生儿(?!科|病房|监护|室|重症)|刚出生|没满月|月子里/u.test(norm)) return { months: 0.5, years: 0 };
    const years = new RegExp(`(${ZH_NUM})(?:多)?(?:周)?岁`, 'u').exec(norm);
    if (years) {
      const n = parseChineseNumber(years[1]!);
      if (n !== null && n < 130) return { years: n, months: n * 12 };
    }
    return null;
  }
  const m = new RegExp(`\\b(${EN_NUM_WORD})[- ](year|month|week|day)s?[- ]old\\b`, 'u').exec(norm) ??
    new RegExp(`\\b(?:aged?|is|turned) (${EN_NUM_WORD})(?: (year|month|week)s?)?\\b(?! (?:minutes|hours|days|times|degrees|pounds|kg))`, 'u').exec(norm);
  if (m) {
    const n = parseEnglishNumber(m[1]!);
    const unit = m[2] ?? 'year';
    if (n !== null && (m[2] || (n >= 1 && n < 120 && /\b(?:aged?|turned)\b/.test(m[0])))) {
      if (unit === 'year') return { years: n, months: n * 12 };
      const months = unit === 'month' ? n : unit === 'week' ? (n * 7) / 30 : n / 30;
      return { years: Math.floor(months / 12), months };
    }
  }
  // "I'm eighty-three", "my dad is seventy-one", "he's 90", clinical "31F", "68 yo": years.
  const said = new RegExp(`\\b(?:i'?m|im|i am|(?:he|she)(?:'s| is)|(?:my )?(?:mum|mom|mother|dad|father|gran\\w*|nan|nana|husband|wife|partner|son|daughter|brother|sister|uncle|aunt)(?:'s| is)) (${EN_NUM_WORD})\\b(?!\\s*(?:minutes?|hours?|days?|weeks?|months?|times?|degrees?|pounds?|kg|kilos?|stone|lbs?|cm|mm|%|percent|per cent|point|out of|over|/))`, 'u').exec(norm)
    ?? /\b(\d{1,3}) ?(?:f|yo|y\/o|yrs?)\b/u.exec(norm);
  if (said) {
    const n = parseEnglishNumber(said[1]!);
    if (n !== null && Number.isInteger(n) && n >= 1 && n < 120) return { years: n, months: n * 12 };
  }
  if (/\bnewborn\b|\bjust born\b/u.test(norm)) return { months: 0.5, years: 0 };
  return null;
}

/** Longest duration mentioned, in days (hours count as fractions). */
export function extractDurationDays(norm: string, lang: ClinicalLang): number | null {
  const found: number[] = [];
  if (lang === 'zh') {
    if (/好几天|几天了|好多天/u.test(norm)) found.push(4);
    if (/一个多(?:星期|礼拜|周)/u.test(norm)) found.push(8);
    if (/半个月/u.test(norm)) found.push(15);
    const re = new RegExp(`(${ZH_NUM})(?:个)?(?:多)?(天|日|周|星期|礼拜|月|年|小时|钟头)`, 'gu');
    for (const m of norm.matchAll(re)) {
      // 三四天 is a range: take the upper end.
      const raw = /^[一二两三四五六七八九]{2}$/u.test(m[1]!) ? m[1]!.slice(1) : m[1]!;
      const n = parseChineseNumber(raw);
      if (n === null) continue;
      const unit = m[2]!;
      const after = norm.slice(m.index + m[0].length, m.index + m[0].length + 3);
      if (unit === '月' && /^(?:大|的宝|的孩|的婴)/u.test(after)) continue;
      if (/^(?:前|以前|之前)/u.test(after)) continue;
      const days = unit === '天' || unit === '日' ? n : unit === '月' ? n * 30 : unit === '年' ? n * 365 : unit === '小时' || unit === '钟头' ? n / 24 : n * 7;
      found.push(days);
    }
  } else {
    const re = new RegExp(`\\b(${EN_NUM_WORD}) (hour|day|week|month|year)s?\\b(?![- ]old| ago)`, 'gu');
    for (const m of norm.matchAll(re)) {
      const n = parseEnglishNumber(m[1]!);
      if (n === null) continue;
      const u = m[2]!;
      found.push(u === 'day' ? n : u === 'week' ? n * 7 : u === 'month' ? n * 30 : u === 'year' ? n * 365 : n / 24);
    }
    if (/\bsince last week\b/.test(norm)) found.push(7);
  }
  return found.length ? Math.max(...found) : null;
}

