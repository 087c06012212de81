/**
 * Chinese numerals: 一百二十, 两百, 三十九点二, 一千零五, colloquial 一百六 (= 160), 一万二 (= 12000),
 * mixed with Arabic digits (3千, 38.5). Also a scanner that finds numeral spans in running text.
 */

const DIGITS: Record<string, number> = {
  '零': 0, '〇': 0, '洞': 0, '一': 1, '壹': 1, '幺': 1, '么': 1, '二': 2, '贰': 2, '两': 2, '俩': 2,
  '三': 3, '叁': 3, '仨': 3, '四': 4, '肆': 4, '五': 5, '伍': 5, '六': 6, '陆': 6, '七': 7, '柒': 7,
  '拐': 7, '八': 8, '捌': 8, '九': 9, '玖': 9, '勾': 9,
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
};
const SMALL_UNITS: Record<string, number> = { '十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000 };
const BIG_UNITS: Record<string, number> = { '万': 10_000, '萬': 10_000, '亿': 100_000_000 };

/** Characters that may appear inside a numeral. 洞/幺/拐/勾 (radio-style digits) only count inside a run. */
export const NUMERAL_CHARS = '零〇一壹幺二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿0-9';
const CORE_CHARS = '零〇一壹二贰两俩三叁仨四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿0-9';

export function isDigitChar(ch: string): boolean {
  return ch in DIGITS;
}

export function digitValue(ch: string): number | undefined {
  return DIGITS[ch];
}

/** Parse an integer numeral without a decimal point. Returns null when it is not a numeral. */
function parseInteger(s: string): number | null {
  if (s.length === 0) return null;
  if (/^\d+$/.test(s)) return Number(s);
  const chars = [...s];
  if (!chars.every((c) => c in DIGITS || c in SMALL_UNITS || c in BIG_UNITS)) return null;
  const hasUnit = chars.some((c) => c in SMALL_UNITS || c in BIG_UNITS);
  if (!hasUnit) {
    // A bare digit string ("一二零", "120") reads digit by digit.
    return Number(chars.map((c) => DIGITS[c]).join(''));
  }
  let total = 0; // completed 万/亿 sections
  let section = 0; // within the current section (< 10000)
  let pending: number | null = null; // digits seen since the last unit (may be multi-digit Arabic)
  let lastUnit = 0; // the last small/big unit value, for the colloquial trailing digit
  let sawZero = false;
  let prevAscii = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const ascii = /\d/.test(c);
    if (c in DIGITS) {
      const d = DIGITS[c]!;
      if (d === 0 && !ascii) {
        sawZero = true;
        pending = null;
        prevAscii = false;
        continue;
      }
      pending = ascii && prevAscii && pending !== null ? pending * 10 + d : d;
      prevAscii = ascii;
      continue;
    }
    prevAscii = false;
    if (c in SMALL_UNITS) {
      const u = SMALL_UNITS[c]!;
      // 十五 = 15: a leading 十 has an implied 一.
      section += (pending ?? 1) * u;
      pending = null;
      lastUnit = u;
      sawZero = false;
      continue;
    }
    const big = BIG_UNITS[c]!;
    total = (total + section + (pending ?? 0)) * big;
    section = 0;
    pending = null;
    lastUnit = big;
    sawZero = false;
  }
  if (pending !== null) {
    // 一百六 = 160, 一千二 = 1200, 两万三 = 23000: a trailing digit right after a unit (no 零) is
    // one order of magnitude below that unit. After 十 (二十五) it is just the ones digit.
    if (!sawZero && lastUnit >= 100 && pending < 10) section += pending * (lastUnit / 10);
    else section += pending;
  }
  return total + section;
}

/**
 * Parse a whole string as a number: Chinese numerals, Arabic digits, or a mix, with an optional
 * decimal part after 点 or '.'. Returns null when the string is not (only) a numeral.
 */
export function parseChineseNumber(text: string): number | null {
  const s = String(text ?? '').replace(/\s+/g, '').normalize('NFKC');
  if (s.length === 0) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(.*?)[点.](.+)$/u.exec(s);
  if (m) {
    const intPart = m[1] === '' ? 0 : parseInteger(m[1]!);
    const frac = [...m[2]!];
    if (intPart === null || !frac.every((c) => c in DIGITS)) return null;
    return Number(`${intPart}.${frac.map((c) => DIGITS[c]).join('')}`);
  }
  return parseInteger(s);
}

export interface NumberSpan {
  /** Index of the first character in the scanned text. */
  start: number;
  /** Index one past the last character. */
  end: number;
  text: string;
  value: number;
}

const SPAN_RE = new RegExp(`[${CORE_CHARS}](?:[${CORE_CHARS}]|[点.](?=[${CORE_CHARS}]))*`, 'gu');

/**
 * Find every numeral span in running text, left to right. 点 counts as a decimal point only
 * between numerals (有点 / 一点 stay words). Spans that do not parse are skipped.
 */
export function findChineseNumbers(text: string): NumberSpan[] {
  const out: NumberSpan[] = [];
  for (const m of text.matchAll(SPAN_RE)) {
    let span = m[0];
    // 千克 / 千米 / 千卡 / 百分之: the unit prefix is not part of the numeral.
    if (/[千百]$/u.test(span) && /^[克米卡瓦焦分]/u.test(text.slice(m.index + span.length)) && span.length > 1) span = span.slice(0, -1);
    const value = parseChineseNumber(span);
    if (value === null || !Number.isFinite(value)) continue;
    out.push({ start: m.index, end: m.index + span.length, text: span, value });
  }
  return out;
}
