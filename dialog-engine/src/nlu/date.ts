/**
 * Dates against the call date: relative expressions (今天, 昨天, 前天, 大后天, 三天前, 两天后,
 * 下周三, 上个礼拜五, "yesterday", "next Monday", "in three days", "a week ago") give
 * `{relative_days}`; expressions naming a calendar day (五月三号, 5月3日, 2026年5月3日, 下个月五号,
 * "May 3rd") give `{date: 'YYYY-MM-DD'}`. Weeks start on Monday (Chinese usage: 下周三 is the
 * Wednesday of next week).
 */
import { normalizeUtterance, parseChineseNumber, type Lang } from '../text/index.js';
import { enNumberText } from './spans.js';

export type DateResult = { relative_days: number } | { date: string } | { date: null };

const DAY_MS = 86_400_000;

function parseIso(d: string | undefined): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d ?? '');
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Monday = 1 ... Sunday = 7. */
function isoWeekday(d: Date): number {
  return d.getUTCDay() === 0 ? 7 : d.getUTCDay();
}

function validDate(y: number, m: number, day: number): Date | null {
  const d = new Date(Date.UTC(y, m - 1, day));
  return d.getUTCMonth() === m - 1 && d.getUTCDate() === day ? d : null;
}

/** A month/day without a year: the occurrence nearest to the call date. */
function nearest(base: Date, m: number, day: number): Date | null {
  const y = base.getUTCFullYear();
  const cands = [y - 1, y, y + 1].map((yy) => validDate(yy, m, day)).filter((d): d is Date => d !== null);
  cands.sort((a, b) => Math.abs(a.getTime() - base.getTime()) - Math.abs(b.getTime() - base.getTime()));
  return cands[0] ?? null;
}

const ZH_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 末: 6 };
const EN_WEEKDAY: Record<string, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };
const EN_MONTH: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const N = '[零〇一二两三四五六七八九十百千0-9]+';

function num(s: string | undefined): number | null {
  return s === undefined ? null : parseChineseNumber(s);
}

function weekdayOffset(base: Date, weekShift: number, weekday: number, pastBias: boolean, explicitWeek: boolean): number {
  const today = isoWeekday(base);
  let off = weekShift * 7 + (weekday - today);
  if (!explicitWeek) {
    // A bare weekday: the coming one (or the last one when the question is about the past).
    if (pastBias && off > 0) off -= 7;
    if (!pastBias && off < 0) off += 7;
  }
  return off;
}

const PAST_Q = /什么时候开始|哪天开始|从哪天|多久了|以来|上次|最后一次|when did|since when|last time|started|begin|began/iu;
/** Questions about a day still to come (an appointment, a visit): a bare day of the month is the next one. */
const FUTURE_Q = /方便|预约|复查|复诊|来医院|过来|安排|什么时候来|哪天来|打算|计划|when (?:can|could|would|will|are) you|come in|appointment|available|book|schedule|next visit/iu;

/**
 * A bare day of the month (十五号, "the 3rd"): this month's, unless that day has already passed
 * and the question looks ahead (then next month's), or it is still to come and the question looks
 * back (then last month's). With no question, this month's.
 */
function monthDay(base: Date, day: number, pastBias: boolean, futureBias: boolean): Date | null {
  const y = base.getUTCFullYear();
  const mo = base.getUTCMonth() + 1;
  const today = base.getUTCDate();
  if (futureBias && day < today) return validDate(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, day) ?? validDate(y, mo, day);
  if (pastBias && day > today) return validDate(mo === 1 ? y - 1 : y, mo === 1 ? 12 : mo - 1, day) ?? validDate(y, mo, day);
  return validDate(y, mo, day);
}

function zhDate(t: string, base: Date, pastBias: boolean, futureBias = false): DateResult | null {
  let m = new RegExp(`(${N})年(${N})月(${N})[日号]?`, 'u').exec(t);
  if (m) {
    let y = num(m[1]);
    if (y !== null && y < 100) y += 2000;
    const d = y === null ? null : validDate(y, num(m[2]) ?? 0, num(m[3]) ?? 0);
    if (d) return { date: iso(d) };
  }
  m = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return { date: iso(d) };
  }
  m = new RegExp(`(下下?|上上?|这|本)?个?月(${N})[日号]`, 'u').exec(t);
  if (m && !new RegExp(`${N}$`, 'u').test(t.slice(0, m.index))) {
    const shift = m[1] === '下' ? 1 : m[1] === '下下' ? 2 : m[1] === '上' ? -1 : m[1] === '上上' ? -2 : 0;
    const day = num(m[2]) ?? 0;
    const d = validDate(base.getUTCFullYear(), base.getUTCMonth() + 1 + shift > 12 ? base.getUTCMonth() + 1 + shift - 12 : base.getUTCMonth() + 1 + shift < 1 ? base.getUTCMonth() + 1 + shift + 12 : base.getUTCMonth() + 1 + shift, day);
    if (d) {
      const monthIdx = base.getUTCMonth() + shift;
      const real = new Date(Date.UTC(base.getUTCFullYear() + Math.floor(monthIdx / 12), ((monthIdx % 12) + 12) % 12, day));
      return { date: iso(real) };
    }
  }
  m = new RegExp(`(${N})月(${N})[日号]?`, 'u').exec(t);
  if (m) {
    const d = nearest(base, num(m[1]) ?? 0, num(m[2]) ?? 0);
    if (d) return { date: iso(d) };
  }
  m = /(\d{1,2})\/(\d{1,2})(?!\/)/.exec(t);
  if (m) {
    const d = nearest(base, Number(m[1]), Number(m[2]));
    if (d) return { date: iso(d) };
  }
  // 下周三 / 上个礼拜五 / 这周五 / 周三
  m = /(下下|上上|下|上|这|本)?个?(?:周|星期|礼拜)([一二三四五六日天末1-7])/u.exec(t);
  if (m) {
    const shift = { 下下: 2, 上上: -2, 下: 1, 上: -1, 这: 0, 本: 0 }[m[1] ?? ''] ?? 0;
    const wd = /\d/.test(m[2]!) ? Number(m[2]) : ZH_WEEKDAY[m[2]!]!;
    return { relative_days: weekdayOffset(base, shift, wd, pastBias, m[1] !== undefined) };
  }
  // N天前 / N天后 / N个星期前 / N个月后 / 半个月前
  m = new RegExp(`(${N}|半)(?:个)?(多)?(天|日|周|星期|礼拜|月|年)(?:之|以)?(前|后|过后)`, 'u').exec(t);
  if (m) {
    const n = m[1] === '半' ? 0.5 : num(m[1]) ?? 0;
    const sign = m[4] === '前' ? -1 : 1;
    const unit = m[3]!;
    if (unit === '月' || unit === '年') {
      const months = (unit === '年' ? 12 : 1) * n;
      if (Number.isInteger(months)) {
        const target = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + sign * months, base.getUTCDate()));
        return { relative_days: Math.round((target.getTime() - base.getTime()) / DAY_MS) };
      }
      return { relative_days: sign * Math.round(months * 30) };
    }
    const days = unit === '天' || unit === '日' ? n : n * 7;
    return { relative_days: sign * Math.round(days) };
  }
  // 过两天 / 过几天 = in a couple of days.
  m = new RegExp(`过(${N})天`, 'u').exec(t);
  if (m) {
    const n = num(m[1]);
    if (n !== null && n > 0) return { relative_days: n };
  }
  m = new RegExp(`^前(${N})天`, 'u').exec(t) ?? new RegExp(`[^大]前(${N})天`, 'u').exec(t);
  if (m) {
    const n = num(m[1]);
    if (n !== null && n > 1) return { relative_days: -n }; // 前两天 = a couple of days ago
  }
  const words: Array<[RegExp, number]> = [
    [/大前天/u, -3], [/大后天/u, 3], [/前天|前日|前儿/u, -2], [/后天|后日|后儿/u, 2], [/昨天|昨日|昨晚|昨儿|昨个|夜里|昨夜/u, -1],
    [/明天|明日|明早|明晚|明儿/u, 1], [/今天|今日|今早|今晚|今儿|刚才|刚刚|现在|早上|上午|中午|下午|晚上|这会/u, 0],
    [/上周|上个?星期|上个?礼拜/u, -7], [/下周|下个?星期|下个?礼拜/u, 7], [/上个月/u, -30], [/下个月/u, 30],
  ];
  for (const [re, d] of words) if (re.test(t)) return { relative_days: d };
  // A bare day of month: 五号 / 十五号.
  m = new RegExp(`(${N})[号日]`, 'u').exec(t);
  if (m) {
    const d = monthDay(base, num(m[1]) ?? 0, pastBias, futureBias);
    if (d) return { date: iso(d) };
  }
  return null;
}

function enDate(t: string, base: Date, pastBias: boolean, futureBias = false): DateResult | null {
  let m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return { date: iso(d) };
  }
  const monthNames = Object.keys(EN_MONTH).join('|');
  m = new RegExp(`\\b(${monthNames})\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b(?:\\s*,?\\s*(\\d{4}))?`).exec(t)
    ?? null;
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  if (m) {
    month = EN_MONTH[m[1]!];
    day = Number(m[2]);
    year = m[3] ? Number(m[3]) : undefined;
  } else {
    m = new RegExp(`\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthNames})\\b(?:\\s*,?\\s*(\\d{4}))?`).exec(t);
    if (m) {
      month = EN_MONTH[m[2]!];
      day = Number(m[1]);
      year = m[3] ? Number(m[3]) : undefined;
    }
  }
  if (month !== undefined && day !== undefined) {
    const d = year !== undefined ? validDate(year, month, day) : nearest(base, month, day);
    if (d) return { date: iso(d) };
  }
  m = /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?next month\b/.exec(t) ?? /\bnext month\s+(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b/.exec(t);
  if (m) {
    const d = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + 1, Number(m[1])));
    if (d.getUTCDate() === Number(m[1])) return { date: iso(d) };
  }
  m = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/.exec(t);
  if (m) {
    let y = m[3] ? Number(m[3]) : undefined;
    if (y !== undefined && y < 100) y += 2000;
    const d = y !== undefined ? validDate(y, Number(m[1]), Number(m[2])) : nearest(base, Number(m[1]), Number(m[2]));
    if (d) return { date: iso(d) };
  }
  m = /\b(?:(next|last|this|coming|past)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/.exec(t);
  if (m) {
    const shift = m[1] === 'next' ? 1 : m[1] === 'last' || m[1] === 'past' ? -1 : 0;
    const explicit = m[1] === 'next' || m[1] === 'last' || m[1] === 'past';
    const bias = m[1] === 'this' || m[1] === 'coming' ? false : pastBias;
    return { relative_days: weekdayOffset(base, shift, EN_WEEKDAY[m[2]!]!, bias || (!explicit && /\b(?:on|since)\b/.test(t) && pastBias), explicit) };
  }
  m = /\b(\d+(?:\.\d+)?)\s*(days?|weeks?|months?|years?)\s+(ago|from now|from today|later|before|after)\b/.exec(t)
    ?? /\b(in)\s+(\d+(?:\.\d+)?)\s*(days?|weeks?|months?|years?)\b/.exec(t);
  if (m) {
    const inForm = m[1] === 'in';
    const n = Number(inForm ? m[2] : m[1]);
    const unit = (inForm ? m[3] : m[2])!;
    const sign = inForm ? 1 : m[3] === 'ago' || m[3] === 'before' ? -1 : 1;
    if (/month|year/.test(unit)) {
      const months = (/year/.test(unit) ? 12 : 1) * n;
      const target = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + sign * Math.round(months), base.getUTCDate()));
      return { relative_days: Math.round((target.getTime() - base.getTime()) / DAY_MS) };
    }
    return { relative_days: sign * Math.round(n * (/week/.test(unit) ? 7 : 1)) };
  }
  const words: Array<[RegExp, number]> = [
    [/\bday before yesterday\b/, -2], [/\bday after tomorrow\b/, 2], [/\byesterday\b|\blast night\b/, -1], [/\btomorrow\b|\btmrw?\b|\btomoz\b|\b2moro\b/, 1],
    [/\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\bjust now\b|\bright now\b/, 0],
    [/\blast week\b/, -7], [/\bnext week\b/, 7], [/\blast month\b/, -30], [/\bnext month\b/, 30],
  ];
  for (const [re, d] of words) if (re.test(t)) return { relative_days: d };
  m = /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b/.exec(t);
  if (m) {
    const d = monthDay(base, Number(m[1]), pastBias, futureBias);
    if (d) return { date: iso(d) };
  }
  return null;
}

export function parseDate(utterance: string, lang: Lang, callDate?: string, asked?: string): DateResult {
  const base = parseIso(callDate);
  const pastBias = PAST_Q.test(asked ?? '');
  const futureBias = !pastBias && FUTURE_Q.test(asked ?? '');
  if (lang === 'zh') return zhDate(normalizeUtterance(utterance, 'zh'), base, pastBias, futureBias) ?? { date: null };
  const t = enNumberText(normalizeUtterance(utterance, 'en')).replace(/\b(\d+)th\b/g, '$1th');
  return enDate(t, base, pastBias, futureBias) ?? { date: null };
}
