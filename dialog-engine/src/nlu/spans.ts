/**
 * Numeric spans in normalised text, with the colloquial Chinese forms resolved: ranges written
 * as adjacent digits (五六分 = 5-6, 三十七八度 = 37-38, 一百二三十 = 120-130, 一两天 = 1-2), 十几
 * (= 11-19), X多 (八十多 = 80-90), 半 (一个半月 = 1.5, 半个月 = 0.5), explicit ranges (3到4, 3-4,
 * "6 or 7", "between 6 and 7"). English text is first rewritten with digits (enToDigits).
 */
import { digitValue, findChineseNumbers, type Lang } from '../text/index.js';
import { enToDigits } from './en-number.js';

export interface NumSpan {
  min: number;
  max: number;
  start: number;
  end: number;
  /** Set when the span carries an explicit approximation (X多, 十几): the range is derived. */
  approx?: boolean;
}

const SKIP_AFTER_ONE = /^[下直样般些起切会边定共向旦致点块阵]/u;

/** Adjacent Chinese digits read as a range: (a, a+1), plus 一两 / 两三. */
function rangePair(text: string): { min: number; max: number } | null {
  const chars = [...text];
  const intEnd = chars.findIndex((c) => c === '点' || c === '.');
  const limit = intEnd < 0 ? chars.length : intEnd;
  for (let i = 0; i + 1 < limit; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (/\d/.test(a) || /\d/.test(b)) continue;
    const va = digitValue(a);
    const vb = digitValue(b);
    if (va === undefined || vb === undefined || va === 0 || vb !== va + 1) continue;
    const next = chars[i + 2];
    if (next !== undefined && i + 2 < limit && !/[十拾百佰千仟万萬]/u.test(next)) continue;
    const withA = [...chars.slice(0, i), a, ...chars.slice(i + 2, limit)].join('');
    const withB = [...chars.slice(0, i), b, ...chars.slice(i + 2, limit)].join('');
    const lo = parseZh(withA);
    const hi = parseZh(withB);
    if (lo !== null && hi !== null && lo < hi) return { min: lo, max: hi };
  }
  return null;
}

function parseZh(s: string): number | null {
  const spans = findChineseNumbers(s);
  return spans.length === 1 && spans[0]!.text === s ? spans[0]!.value : null;
}

/** Order of magnitude an "X多" adds: 八十多 -> 10, 一百多 -> 100, 三十八度多 / 一个多月 -> 1. */
function approxStep(v: number): number {
  if (!Number.isInteger(v) || v < 10) return 1;
  let step = 1;
  let x = v;
  while (x % 10 === 0 && x >= 10) {
    step *= 10;
    x /= 10;
  }
  return step;
}

function zhSpans(text: string): NumSpan[] {
  const raw = findChineseNumbers(text);
  const out: NumSpan[] = [];
  for (const s of raw) {
    const after = text.slice(s.end);
    const before = text.slice(0, s.start);
    if (s.text === '一' && SKIP_AFTER_ONE.test(after) && !/^点[零一二三四五六七八九]/u.test(after)) continue;
    if (s.text === '万' || s.text === '亿') continue;
    if (/万$/u.test(before) && s.text === '一') continue; // 万一
    const range = rangePair(s.text);
    let span: NumSpan = range ? { ...range, start: s.start, end: s.end } : { min: s.value, max: s.value, start: s.start, end: s.end };
    if (!range && after.startsWith('几') && s.value % 10 === 0 && s.value >= 10) {
      span = { min: s.value + 1, max: s.value + 9, start: s.start, end: s.end + 1, approx: true };
    }
    out.push(span);
  }
  // 半 without a numeral: 半个月, 半天, 半年, 半小时.
  for (const m of text.matchAll(/(?<![零〇一二两三四五六七八九十百千0-9个])半(?=个?(?:月|天|年|小时|钟头|周|星期|礼拜|斤|公斤))/gu)) {
    out.push({ min: 0.5, max: 0.5, start: m.index, end: m.index + 1 });
  }
  return out.sort((a, b) => a.start - b.start);
}

const DECADES: Record<string, number> = { twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90 };

/** Rewrite English for numbers: once/twice, halves, "a couple of", then number words. */
export function enNumberText(text: string): string {
  let t = ` ${text.toLowerCase()} `;
  t = t.replace(/\bonce\b/g, ' 1 times ').replace(/\btwice\b/g, ' 2 times ').replace(/\bthrice\b/g, ' 3 times ');
  t = t.replace(/\ba couple(?: of)?\b/g, ' 2 ').replace(/\b(?:a |one )?fortnight\b/g, ' 2 weeks ');
  t = t.replace(/\b(?:in )?the (twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/g, (_, d: string) => ` ${DECADES[d]} to ${DECADES[d]! + 9} `);
  t = t.replace(/\b(?:a|an|one) (day|week|month|year|hour|pound|kilo)s? and a half\b/g, ' 1.5 $1 ');
  t = t.replace(/\bhalf (?:a |an )?(day|week|month|year|hour)\b/g, ' 0.5 $1 ');
  t = enToDigits(t.trim());
  t = t.replace(/\b(\d+) and a half\b/g, (_, n: string) => `${Number(n) + 0.5}`);
  t = t.replace(/\b(?:a|an) (day|week|month|year|hour)s?\b(?! ago)/g, (m, u: string, off: number, all: string) => {
    // "twice a day" is a rate, not a duration: leave it.
    return /\btimes\s*$/.test(all.slice(0, off)) ? m : `1 ${u}`;
  });
  t = t.replace(/\b(?:a|an) (day|week|month|year)s? ago\b/g, '1 $1 ago');
  // "a day or two" -> "1 or 2 days"
  t = t.replace(/\b(\d+) (day|week|month|year|hour)s? or (\d+)\b(?! \w*(?:day|week|month|year|hour))/g, '$1 or $3 $2s');
  return t;
}

function enSpans(text: string): NumSpan[] {
  const out: NumSpan[] = [];
  for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) {
    const v = Number(m[0]);
    out.push({ min: v, max: v, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const RANGE_JOIN_ZH = /^(?:到|至|-|~|或者|或|、|,)$/u;
const RANGE_JOIN_EN = /^\s*(?:to|-|~|or|and)\s*$/;

/**
 * All numeric spans with ranges merged. `text` must be normalised; for English it must already
 * be rewritten by `enNumberText` (the offsets refer to that string).
 */
export function numberSpans(text: string, lang: Lang): NumSpan[] {
  const spans = lang === 'zh' ? zhSpans(text) : enSpans(text);
  const merged: NumSpan[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = { ...spans[i]! };
    const next = spans[i + 1];
    if (next) {
      const gap = text.slice(s.end, next.start);
      // 3到4 / 五到六 / "6 or 7": only when the second is the larger and not wildly so.
      const joins = lang === 'zh' ? RANGE_JOIN_ZH.test(gap) : RANGE_JOIN_EN.test(gap) && !/\bbetween\b.*\band\b/.test(gap);
      const between = lang === 'en' && /^\s*and\s*$/.test(gap) && /\bbetween\s*$/.test(text.slice(0, s.start));
      // "five six times": two consecutive small whole numbers said back to back are a range.
      const adjacent = lang === 'en' && /^\s+$/.test(gap) && s.min === s.max && next.min === next.max && Number.isInteger(s.max) && next.min === s.max + 1 && next.max <= 20;
      // 3天到5天, and 九分十分 / 三天四天 (two adjacent values with the same unit).
      const unitGap = lang === 'zh' && (/^[天周次回分度斤个]到$/u.test(gap) || (/^[天次回分度斤]$/u.test(gap) && next.min === s.max + 1 && text.slice(next.end).startsWith(gap)));
      if ((joins && (lang === 'zh' || !/^\s*and\s*$/.test(gap))) || between || unitGap || adjacent) {
        if (next.max > s.max && next.min <= s.max * 5 + 10) {
          merged.push({ min: s.min, max: next.max, start: s.start, end: next.end });
          i++;
          continue;
        }
      }
    }
    // X多 / X来 (approximately X-and-more).
    const after = text.slice(s.end);
    if (s.min === s.max && /^出头/u.test(after) && lang === 'zh') {
      const step = approxStep(s.min);
      s.max = s.min + (step >= 100 ? step / 10 : step >= 10 ? step / 2 : 1); // 一百出头 = 100-110
      s.approx = true;
    } else if (s.min === s.max && /^点(?:多|几)/u.test(after) && lang === 'zh') {
      s.max = s.min + 1; // 八点多 = 8.x
      s.approx = true;
    } else if (s.min === s.max && /^(?:个)?多/u.test(after) && lang === 'zh') {
      const step = approxStep(s.min);
      s.max = s.min + step;
      s.approx = true;
    }
    // 一个半月 / 两天半 / 1斤半: add a half.
    if (lang === 'zh' && s.min === s.max) {
      if (/^个?半/u.test(after)) {
        s.min += 0.5;
        s.max += 0.5;
      }
    }
    merged.push(s);
  }
  return merged;
}
