/**
 * Numbers with units: temperatures (三十九度二 = 39.2 °C, 98.6 °F), weights (斤, kg, lb), counts
 * (两次, 三回), durations (三天, 两个礼拜, 半个月, 一个多月), heart rate, blood sugar, in Chinese
 * and English, with the unit inferred from the question when the answer has none.
 */
import { normalizeUtterance, type Lang } from '../text/index.js';
import { enNumberText, numberSpans, type NumSpan } from './spans.js';
import { parseDate } from './date.js';
import type { NumberResult, Unit } from './types.js';

/** Unit categories recognised in the answer; some map onto the output units after conversion. */
export type UnitCat = 'C' | 'F' | 'T' | 'kg' | 'jin' | 'lb' | 'times' | 'days' | 'weeks' | 'months' | 'years' | 'hours' | 'bpm' | 'mmol' | 'mgdl' | 'score' | 'm' | 'cm' | 'age';

export interface Quantity {
  min: number;
  max: number;
  cat: UnitCat | null;
  start: number;
  end: number;
}

const ZH_UNITS: Array<[RegExp, UnitCat]> = [
  [/^(?:次|下)?(?:\/|每|一)?分钟?/u, 'bpm'], // checked only after 次/下 below
  [/^(?:个)?(?:小时|钟头)/u, 'hours'],
  [/^(?:个)?(?:星期|礼拜|周)/u, 'weeks'],
  [/^个月|^月(?!份|[0-9零〇一二三四五六七八九十]+[号日])/u, 'months'],
  [/^年/u, 'years'],
  [/^(?:天|日(?![期子])|宿|晚上?)/u, 'days'],
  [/^(?:次|回|遍|顿)/u, 'times'],
  [/^华氏度?/u, 'F'],
  [/^(?:摄氏度|度|℃|°c?)/u, 'T'],
  [/^(?:公斤|千克|kg|kilo)/u, 'kg'],
  [/^(?:市)?斤/u, 'jin'],
  [/^(?:磅|lbs?)/u, 'lb'],
  [/^(?:毫摩尔?|mmol)/u, 'mmol'],
  [/^(?:毫克|mg)/u, 'mgdl'],
  [/^分/u, 'score'],
  [/^米/u, 'm'],
  [/^(?:厘米|公分|cm)/u, 'cm'],
  [/^岁/u, 'age'],
  [/^下/u, 'times'],
];

const EN_UNITS: Array<[RegExp, UnitCat]> = [
  [/^\s*(?:beats?|bpm)\b/, 'bpm'],
  [/^\s*(?:times?\s*(?:a|per)\s*min(?:ute)?)\b/, 'bpm'],
  [/^\s*(?:degrees?\s*)?(?:fahrenheit|f)\b/, 'F'],
  [/^\s*(?:degrees?\s*)?(?:celsius|centigrade|c)\b/, 'C'],
  [/^\s*(?:degrees?|°)/, 'T'],
  [/^\s*(?:kgs?|kilos?|kilograms?)\b/, 'kg'],
  [/^\s*(?:lbs?|pounds?)\b/, 'lb'],
  [/^\s*(?:jin)\b/, 'jin'],
  [/^\s*(?:times?|x)\b/, 'times'],
  [/^\s*(?:hours?|hrs?)\b/, 'hours'],
  [/^\s*(?:days?|nights?)\b/, 'days'],
  [/^\s*(?:weeks?|wks?)\b/, 'weeks'],
  [/^\s*(?:months?)\b/, 'months'],
  [/^\s*(?:years?|yrs?)\b/, 'years'],
  [/^\s*(?:mmol|millimoles?)\b/, 'mmol'],
  [/^\s*(?:mg)\b/, 'mgdl'],
  [/^\s*(?:points?|out of 10)\b/, 'score'],
  [/^\s*(?:cm|centimeters?)\b/, 'cm'],
  [/^\s*(?:years? old)\b/, 'age'],
];

/** Read the unit right after a number; returns the category and how many characters it used. */
function readUnit(tail: string, lang: Lang): { cat: UnitCat; len: number } | null {
  if (lang === 'zh') {
    const skipM = /^个?(?:多|来|半)(?=个?[^个])/u.exec(tail);
    const skip = skipM ? skipM[0].length : 0;
    const rest = tail.slice(skip);
    const bpm = /^(?:次|下)(?:\/|每|一)分钟?|^(?:次|下)每分钟?/u.exec(rest);
    if (bpm) return { cat: 'bpm', len: skip + bpm[0].length };
    for (const [re, cat] of ZH_UNITS.slice(1)) {
      const m = re.exec(rest);
      if (m) return { cat, len: skip + m[0].length };
    }
    return null;
  }
  for (const [re, cat] of EN_UNITS) {
    const m = re.exec(tail);
    if (m) return { cat, len: m[0].length };
  }
  return null;
}

/** Prepare text for number extraction: normalised, and for English with digits. */
/**
 * Vague amounts read as ranges, so a caller who says "好几天" or "a few times" still answers the
 * question: 几 = 2-9, 好几 = 3-9, 几十 = 20-90; "a few" = 2-4, "quite a few" = 4-9, "several"
 * = 3-7, "a handful" = 3-5, "a dozen" = 12. Applied only before a unit (zh) so 几乎 / 几点 stay.
 */
const ZH_VAGUE_UNIT = '(?=个?(?:多)?(?:天|日|晚|宿|周|星期|礼拜|月|年|次|回|遍|顿|下|斤|公斤|小时|钟头|分钟?|度))';
function vagueZh(t: string): string {
  return t
    .replace(new RegExp(`(?<![零〇一二两三四五六七八九十百千没])好几十${ZH_VAGUE_UNIT}`, 'gu'), '三十到九十')
    .replace(new RegExp(`(?<![零〇一二两三四五六七八九十百千没])几十${ZH_VAGUE_UNIT}`, 'gu'), '二十到九十')
    .replace(new RegExp(`(?<![零〇一二两三四五六七八九十百千没])好几${ZH_VAGUE_UNIT}`, 'gu'), '三到九')
    .replace(new RegExp(`(?<![零〇一二两三四五六七八九十百千没好])几${ZH_VAGUE_UNIT}`, 'gu'), '二到九');
}
function vagueEn(t: string): string {
  return t
    .replace(/\bquite a few\b/g, ' 4 - 9 ')
    .replace(/\b(?:just )?a few\b/g, ' 2 - 4 ')
    .replace(/\bseveral\b/g, ' 3 - 7 ')
    .replace(/\ba handful of\b/g, ' 3 - 5 ')
    .replace(/\ba dozen\b/g, ' 12 ');
}

export function numberText(utterance: string, lang: Lang): string {
  const t = normalizeUtterance(utterance, lang);
  if (lang === 'en') return enNumberText(vagueEn(t));
  // Recognizer homophones inside numerals: 三是八度 (十), 三十七电五 (点).
  return vagueZh(t)
    .replace(/(?<=[一二三四五六七八九])[是时实石](?=[一二三四五六七八九度斤次天])/gu, '十')
    .replace(/(?<=[零一二三四五六七八九十])[电店](?=[零一二三四五六七八九])/gu, '点')
    // 五 misheard as 无 / 午 / 舞 / 武 right after 度 or 点 (三十七度无 = 三十七度五).
    .replace(/(?<=[零一二三四五六七八九十][度点])[无午舞武捂](?![\u4e00-\u9fff]*[度点])/gu, '五');
}

/** Every quantity in the text: spans with their units and the 度/米 decimal forms folded in. */
export function extractQuantities(text: string, lang: Lang): Quantity[] {
  const spans = numberSpans(text, lang);
  const out: Quantity[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s: NumSpan = spans[i]!;
    const tail = text.slice(s.end);
    const unit = readUnit(tail, lang);
    const q: Quantity = { min: s.min, max: s.max, cat: unit?.cat ?? null, start: s.start, end: s.end + (unit?.len ?? 0) };
    const next = spans[i + 1];
    if (unit && lang === 'zh') {
      const after = text.slice(q.end);
      // 三十九度二 = 39.2; 一米七 = 1.7; 两天半 = 2.5.
      if ((unit.cat === 'T' || unit.cat === 'F' || unit.cat === 'm') && next && next.start === q.end && next.min === next.max && s.min === s.max) {
        const digits = text.slice(next.start, next.end);
        if (/^[零〇一二三四五六七八九0-9]{1,2}$/u.test(digits) && Number.isInteger(next.min) && readUnit(text.slice(next.end), lang)?.cat !== 'days') {
          const frac = Number(`0.${String(next.min).padStart(digits.length, '0')}`);
          q.min += frac;
          q.max += frac;
          q.end = next.end;
          i++;
        } else if (/^[一二三四五六七八]{2}$/u.test(digits) && next.max === next.min + 1 && next.max <= 9) {
          // 三十七度五六 = 37.5-37.6
          q.min += next.min / 10;
          q.max += next.max / 10;
          q.end = next.end;
          i++;
        }
      } else if ((unit.cat === 'T' || unit.cat === 'F') && next && next.start === q.end && next.min !== next.max && s.min === s.max
        && /^[一二三四五六七八]{2}$/u.test(text.slice(next.start, next.end)) && next.max === next.min + 1 && next.max <= 9) {
        q.min += next.min / 10;
        q.max += next.max / 10;
        q.end = next.end;
        i++;
      } else if (/^半/u.test(after)) {
        q.min += 0.5;
        q.max += 0.5;
        q.end += 1;
      } else if (/^出头/u.test(after) && s.min === s.max) {
        // 六十公斤出头 = 60-65 (a little over)
        q.max = q.min + (q.min >= 100 ? 10 : q.min >= 10 ? 5 : 1);
        q.end += 2;
      } else if (/^多/u.test(after) && s.min === s.max) {
        q.max = q.min + 1; // 三十八度多 = 38-39
        q.end += 1;
      }
    }
    // 华氏九十八度 / 摄氏三十八度: a scale named before the number.
    const before = text.slice(Math.max(0, s.start - 4), s.start);
    if (/华氏|fahrenheit/u.test(before) && (q.cat === null || q.cat === 'T')) q.cat = 'F';
    if (/摄氏|celsius/u.test(before) && (q.cat === null || q.cat === 'T')) q.cat = 'C';
    if (lang === 'en' && /\bpulse|heart rate\b/.test(before) && q.cat === null) q.cat = null;
    out.push(q);
  }
  return out;
}

/** What the question asks for, from its text (and an explicit unit if the step declares one). */
export type Quest = 'temperature' | 'weight' | 'bpm' | 'sugar' | 'times' | 'duration' | 'score' | null;

const QUESTS: Array<[RegExp, Quest]> = [
  [/几次|多少次|几回|多少回|次数|漏服|漏吃|几顿|how many times|how often|how many doses|missed/iu, 'times'],
  [/几天|多少天|多久|多长时间|多长|几周|几个星期|几个礼拜|几个月|how long|how many (?:days|weeks|months)|since when/iu, 'duration'],
  [/体温|温度|发烧|发热|烧到|多少度|几度|temperature|fever|degrees/iu, 'temperature'],
  [/体重|多重|几斤|多少斤|公斤|千克|weigh|pounds|kilos/iu, 'weight'],
  [/心率|心跳|脉搏|脉率|heart ?rate|pulse|bpm|beats/iu, 'bpm'],
  [/血糖|sugar|glucose|mmol/iu, 'sugar'],
  [/几分|多少分|打分|评分|scale|score|out of (?:10|ten)/iu, 'score'],
];

export function questOf(asked: string | undefined): Quest {
  if (!asked) return null;
  for (const [re, q] of QUESTS) if (re.test(asked)) return q;
  return null;
}

function questOfUnit(unit: Unit): Quest {
  switch (unit) {
    case '°C': case '°F': return 'temperature';
    case 'kg': case '斤': case 'lb': return 'weight';
    case 'times': return 'times';
    case 'days': case 'weeks': case 'months': return 'duration';
    case 'bpm': return 'bpm';
    case 'mmol/L': return 'sugar';
  }
}

function catQuest(cat: UnitCat): Quest {
  switch (cat) {
    case 'C': case 'F': case 'T': return 'temperature';
    case 'kg': case 'jin': case 'lb': return 'weight';
    case 'times': return 'times';
    case 'days': case 'weeks': case 'months': case 'years': case 'hours': return 'duration';
    case 'bpm': return 'bpm';
    case 'mmol': case 'mgdl': return 'sugar';
    case 'score': return 'score';
    default: return null;
  }
}

/** Plausible bare values per quest, used to pick among unit-less numbers. */
function plausible(q: Quest, v: number): boolean {
  switch (q) {
    case 'temperature': return (v >= 34 && v <= 43) || (v >= 93 && v <= 110);
    case 'weight': return v >= 2 && v <= 500;
    case 'bpm': return v >= 20 && v <= 250;
    case 'sugar': return (v > 0 && v <= 35) || (v >= 40 && v <= 600); // mmol/L, or mg/dL (converted)
    case 'times': return v >= 0 && v <= 100;
    case 'duration': return v >= 0 && v <= 400;
    default: return true;
  }
}

function toResult(q: Quantity, quest: Quest, lang: Lang, asked: string, declared: Unit | undefined): NumberResult {
  let { min, max } = q;
  let unit: Unit | undefined;
  const cat = q.cat ?? null;
  const effective: Quest = cat ? catQuest(cat) ?? quest : quest;
  switch (effective) {
    case 'temperature':
      if (cat === 'F') unit = '°F';
      else if (cat === 'C') unit = '°C';
      else unit = max > 45 ? '°F' : declared === '°F' && max > 45 ? '°F' : '°C'; // body temps above 45 are Fahrenheit
      break;
    case 'weight':
      if (cat === 'kg') unit = 'kg';
      else if (cat === 'jin') unit = '斤';
      else if (cat === 'lb') unit = 'lb';
      else if (declared === 'kg' || declared === '斤' || declared === 'lb') unit = declared;
      else if (/斤/u.test(asked) && !/公斤/u.test(asked)) unit = '斤';
      else if (/公斤|千克|kg|kilo/iu.test(asked)) unit = 'kg';
      else if (/pound|lb/iu.test(asked)) unit = 'lb';
      else if (lang === 'zh') unit = max >= 90 ? '斤' : 'kg';
      else unit = max >= 90 ? 'lb' : 'kg';
      break;
    case 'bpm': unit = 'bpm'; break;
    case 'times':
      unit = quest === 'bpm' ? 'bpm' : 'times'; // 每分钟八十五次 answers a heart-rate question
      break;
    case 'sugar':
      unit = 'mmol/L';
      if (cat === 'mgdl' || (cat === null && min > 35)) {
        min = Math.round((min / 18) * 10) / 10; // mg/dL -> mmol/L (glucose, 18 mg/dL per mmol/L)
        max = Math.round((max / 18) * 10) / 10;
      }
      break;
    case 'duration':
      if (cat === 'weeks') unit = 'weeks';
      else if (cat === 'months') unit = 'months';
      else if (cat === 'years') {
        unit = 'months';
        min *= 12;
        max *= 12;
      } else if (cat === 'hours') {
        unit = 'days';
        min = Math.round((min / 24) * 100) / 100;
        max = Math.round((max / 24) * 100) / 100;
      } else if (cat === 'days') unit = 'days';
      else if (declared === 'weeks' || declared === 'months' || declared === 'days') unit = declared;
      else if (/周|星期|礼拜|week/iu.test(asked)) unit = 'weeks';
      else if (/月|month/iu.test(asked)) unit = 'months';
      else unit = 'days';
      break;
    default:
      unit = declared;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { value: null };
  const r = min === max ? { value: round(min) } : { min: round(min), max: round(max) };
  return unit ? { ...r, unit } : r;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

const NO_CHANGE_ZH = /没涨|没变|没有变|没增加|没长|没重|一样|没什么变化|没有变化|没减/u;
const NO_CHANGE_EN = /\b(?:no change|not changed|hasn'?t changed|same|haven'?t gained|didn'?t gain|none|nothing|not at all)\b/;
const NONE_ZH = /没有|没漏|没忘|一次也没|一次都没|从来没|从没|零次|都按时|没吃过|一直都|从不/u;
const NONE_EN = /\b(?:never|none|not once|zero|no times?|didn'?t miss|haven'?t missed|not at all)\b/;

/** Someone else than the caller (我老伴, 我儿子, 他, "my wife"), and the caller themself. */
const OTHER_ZH = /(?:我|俺)?(?:家)?(?:老伴儿?|爱人|老公|老婆|媳妇|丈夫|妻子|儿子|女儿|闺女|孩子|孙子|孙女|外孙|妈妈?|爸爸?|母亲|父亲|老头|老太太?|家里人|家人)|(?<!其)[他她]/gu;
const SELF_ZH = /[我俺](?!家|老伴|爱人|老公|老婆|媳妇|丈夫|妻子|儿子|女儿|闺女|孩子|孙|外孙|妈|爸|母亲|父亲|老头|老太)|本人|自己/gu;
const OTHER_EN = /\b(?:my (?:wife|husband|son|daughter|kids?|child|children|mother|mom|mum|father|dad|partner|grandson|granddaughter)|he|she|his|her)\b/g;
const SELF_EN = /\b(?:i|i'm|me|mine|myself)\b/g;

/**
 * When the answer gives a figure for someone else and one for the caller ("我老伴三十八度 我是
 * 三十七度二"), keep the caller's: each quantity belongs to the person named last before it.
 */
function callersOwn(text: string, qs: Quantity[], lang: Lang): Quantity[] {
  const marks = [
    ...[...text.matchAll(lang === 'zh' ? OTHER_ZH : OTHER_EN)].map((m) => ({ at: m.index, other: true })),
    ...[...text.matchAll(lang === 'zh' ? SELF_ZH : SELF_EN)].map((m) => ({ at: m.index, other: false })),
  ].sort((a, b) => a.at - b.at || Number(a.other) - Number(b.other));
  if (!marks.some((m) => m.other)) return qs;
  const owner = (q: Quantity): boolean | null => {
    let who: boolean | null = null;
    for (const m of marks) if (m.at < q.start) who = m.other;
    return who;
  };
  const own = qs.filter((q) => owner(q) !== true);
  return own.length > 0 && own.length < qs.length && own.some((q) => owner(q) === false) ? own : qs;
}

/** The verb a count question asks about: 吐了几次 -> 吐, "how many times did you vomit" -> vomit. */
function countedVerb(asked: string, lang: Lang): string | null {
  if (lang === 'zh') return /([\u4e00-\u9fff])(?:了|过)?(?:几|多少)(?:次|回)/u.exec(asked)?.[1] ?? null;
  return /\bhow many times (?:did|have|has|do) (?:you|he|she) (?:have |get |go |had |been )?(\w{3,})/.exec(asked.toLowerCase())?.[1] ?? null;
}

/** Parse a number answer. `{value: null}` when the caller gives no usable number. */
export function parseNumber(utterance: string, lang: Lang, asked = '', declared?: Unit): NumberResult {
  const text = numberText(utterance, lang);
  const quest = declared ? questOfUnit(declared) : questOf(asked) ?? questOf(text);
  const qs = callersOwn(text, extractQuantities(text, lang).filter((q) => q.cat !== 'age' && q.cat !== 'cm'), lang);
  if (quest === 'times' && (lang === 'zh' ? /一次(?:都|也)(?:没|不)|从来没|从没/u : /\bnot (?:even )?once\b/).test(text)) return { value: 0, unit: 'times' };
  if (qs.length === 0) {
    if (quest === 'times' && (lang === 'zh' ? NONE_ZH : NONE_EN).test(text)) return { value: 0, unit: 'times' };
    // 吐了几次 -> 没吐 / "didn't vomit": the counted thing did not happen.
    const verb = quest === 'times' ? countedVerb(asked, lang) : null;
    if (verb && (lang === 'zh'
      ? new RegExp(`(?:没有?|未|不)(?:再|怎么)?[\\u4e00-\\u9fff]?${verb}`, 'u').test(text) && !/不(?:知道|记得|清楚)|没(?:数|注意|留意|算)/u.test(text)
      : new RegExp(`\\b(?:didn't|did not|haven't|have not|hasn't|never|no|not)\\b(?: \\w+){0,2} ${verb.replace(/(?:ed|ing|e|s)$/, '')}`).test(text))) {
      return { value: 0, unit: 'times' };
    }
    if (quest === 'weight' && (lang === 'zh' ? NO_CHANGE_ZH : NO_CHANGE_EN).test(text)) {
      return toResult({ min: 0, max: 0, cat: null, start: 0, end: 0 }, quest, lang, asked, declared);
    }
    if (quest === 'duration') {
      // 从上周开始 / "since last week": a duration from a date expression.
      const d = parseDate(utterance, lang, undefined, asked);
      if ('relative_days' in d && d.relative_days < 0) return { value: -d.relative_days, unit: 'days' };
    }
    return { value: null };
  }
  const matches = (q: Quantity): boolean => q.cat !== null && catQuest(q.cat) === quest;
  const bare = (q: Quantity): boolean => q.cat === null && plausible(quest, q.max);
  const nowIdx = text.search(/现在|目前|今天|刚才|刚量|now|currently|today|this morning/u);
  const pick = (list: Quantity[]): Quantity | undefined => {
    if (list.length === 0) return undefined;
    if (nowIdx >= 0) {
      const after = list.find((q) => q.start > nowIdx);
      if (after) return after;
    }
    return list[0];
  };
  let chosen: Quantity | undefined;
  if (quest) chosen = pick(qs.filter(matches)) ?? pick(qs.filter(bare));
  // Another unit than the question's is still an answer (asked days, said "两个礼拜"); a bare
  // number that cannot be what was asked (体温 "一") is not.
  chosen ??= pick(qs.filter((q) => q.cat !== null && q.cat !== 'score')) ?? (quest === null ? pick(qs) : undefined);
  if (!chosen) return { value: null };
  // A measurement question (体温, 体重, 血糖) is not answered by a duration or a count ("这一两天都
  // 没量"); a count per minute still answers a heart-rate question.
  const measured: Quest[] = ['temperature', 'weight', 'sugar'];
  if (chosen.cat !== null && quest !== null && measured.includes(quest) && catQuest(chosen.cat) !== quest && ['duration', 'times'].includes(catQuest(chosen.cat) ?? '')) return { value: null };
  return toResult(chosen, quest, lang, asked, declared);
}
