/**
 * When a caller asks to be called back ("明天下午再打", "call me tomorrow morning", "三点以后打过来",
 * "at 4 pm"): the day (against the call date), the part of the day and a clock time, as far as the
 * words say them. Nothing said -> an empty result (the script's default delay applies). Also: a
 * relative's report that the patient has died, which ends a follow-up differently from a wrong number.
 */
import type { CallbackWhen } from '@tingzhen/voice-core';
import { normalizeUtterance, parseChineseNumber, type Lang } from '../text/index.js';
import { parseDate } from './date.js';

const DAY_MS = 86_400_000;

function addDays(callDate: string, days: number): string {
  const [y, m, d] = callDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

const ZH_PART: [CallbackWhen['partOfDay'], RegExp][] = [
  ['morning', /上午|早上|早晨|明早|一早|早点/], ['noon', /中午|午饭/], ['afternoon', /下午|午后/], ['evening', /晚上|傍晚|今晚|明晚|晚饭后|夜里/],
];
const EN_PART: [CallbackWhen['partOfDay'], RegExp][] = [
  ['morning', /\bmorning\b/], ['noon', /\b(?:noon|lunch ?time|midday)\b/], ['afternoon', /\bafternoon\b/], ['evening', /\b(?:evening|tonight)\b/],
];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function zhTime(t: string, part: CallbackWhen['partOfDay']): string | undefined {
  const m = /([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点|时)(半|[0-9]{1,2}分?|[一二三四五]十分?)?/.exec(t);
  if (!m) return undefined;
  let h = /^[0-9]+$/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!);
  if (h === null || !Number.isFinite(h) || h > 24) return undefined;
  const minPart = m[2] ?? '';
  let min = 0;
  if (minPart === '半') min = 30;
  else if (minPart) { const v = /^[0-9]/.test(minPart) ? Number.parseInt(minPart, 10) : parseChineseNumber(minPart.replace('分', '')); min = v !== null && v >= 0 && v < 60 ? v : 0; }
  if ((part === 'afternoon' || part === 'evening') && h < 12) h += 12;
  if (part === undefined && h >= 1 && h <= 6) h += 12; // "三点" on a call-back means the afternoon
  return h < 24 ? `${pad(h)}:${pad(min)}` : undefined;
}

function enTime(t: string, part: CallbackWhen['partOfDay']): string | undefined {
  const m = /\b(?:at|after|around|about|by)\s+(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'?clock)?/.exec(t) ?? /\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)/.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const ampm = (m[3] ?? '').replace(/\./g, '');
  if (h > 24 || min > 59) return undefined;
  if (ampm === 'pm' && h < 12) h += 12;
  else if (ampm === 'am' && h === 12) h = 0;
  else if (!ampm.startsWith('a') && (part === 'afternoon' || part === 'evening' || (part === undefined && h >= 1 && h <= 6)) && h < 12) h += 12;
  return h < 24 ? `${pad(h)}:${pad(min)}` : undefined;
}

export function callbackWhen(utterance: string, lang: Lang, callDate?: string): CallbackWhen {
  const t = normalizeUtterance(utterance, lang);
  const out: CallbackWhen = {};
  const part = (lang === 'zh' ? ZH_PART : EN_PART).find(([, re]) => re.test(t))?.[0];
  if (part) out.partOfDay = part;
  if (callDate) {
    const d = parseDate(t, lang, callDate, lang === 'zh' ? '什么时候再打' : 'when should we call');
    if ('relative_days' in d && d.relative_days > 0) out.date = addDays(callDate, d.relative_days);
    else if ('date' in d && d.date !== null && d.date > callDate) out.date = d.date;
    else if (lang === 'zh' ? /明早|明晚/.test(t) : false) out.date = addDays(callDate, 1);
  }
  const time = lang === 'zh' ? zhTime(t, part) : enTime(t, part);
  if (time) out.time = time;
  return out;
}

/** Someone else speaking of the patient: he / she / my father... (never "I": "我差点死了" is a red flag, not a death). */
const ZH_OTHER = '(?:他|她|老人家?|病人|患者|本人|(?:我|俺)(?:的)?(?:爸爸?|妈妈?|父亲|母亲|老伴|爱人|丈夫|妻子|老公|老婆|媳妇|爷爷|奶奶|外公|外婆|姥姥|姥爷|儿子|女儿|哥哥?|姐姐?|弟弟?|妹妹?|家里人|婆婆|公公|岳父|岳母))';
const EN_OTHER = "(?:he|she|they|him|her|the patient|my (?:father|dad|mother|mom|mum|husband|wife|partner|son|daughter|brother|sister|grandfather|grandmother|grandpa|grandma))";

const DECEASED: Record<Lang, RegExp> = {
  zh: new RegExp(`${ZH_OTHER}.{0,12}?(?:去世|过世|逝世|离世|病故|病逝|不在了|已经走了|(?:上个?月|前[几两]?天|去年|上周|昨天|今年)走了|人没了|已经没了|死了)`),
  en: new RegExp(`\\b${EN_OTHER}\\b.{0,30}?\\b(?:passed away|passed on|has died|had died|died|is dead|was dead|is deceased|is no longer with us)\\b|\\b(?:passed away|deceased)\\b`),
};

/** Whether a relative (or anyone but the caller about themself) says the patient has died ("他上个月已经去世了", "she passed away"). */
export function reportsDeath(utterance: string, lang: Lang): boolean {
  const t = normalizeUtterance(utterance, lang);
  if (lang === 'zh' && /没(?:有)?(?:去世|过世|死)|不会死|差点死|快死|要死/.test(t)) return false;
  if (lang === 'en' && /\b(?:not|never|nearly|almost) (?:dead|died|passed away)\b/.test(t)) return false;
  return DECEASED[lang].test(t);
}
