/**
 * Number, scale and blood-pressure readings through the clause layer: a self-correction
 * replaces what came before ("Four. No, five", "六十五公斤，不对，六十三"); a past clause gives
 * way to a current one ("昨天七分，今天五分"); a question about the worst or the highest takes the
 * largest value said ("平时两三分，晚上能到六分"); "X, maybe Y" with adjacent values is a range.
 */
import type { Lang } from '../text/index.js';
import { parseBloodPressure, type BloodPressure } from './blood-pressure.js';
import { analyzeClause, correctedTail, splitClauses } from './clause.js';
import { parseNumber } from './number.js';
import { parseScale, type ScaleResult } from './scale.js';
import type { NumberResult, Unit } from './types.js';

function hasNumber(r: NumberResult): boolean {
  return 'min' in r || r.value !== null;
}

/** The reading of the last clause (of `text`) that carries one. */
function lastValued<T>(text: string, lang: Lang, parse: (s: string) => T, has: (r: T) => boolean): T | null {
  const parts = splitClauses(text, lang);
  for (let i = parts.length - 1; i >= 0; i--) {
    const r = parse(parts[i]!);
    if (has(r)) return r;
  }
  return null;
}

export function readNumber(utterance: string, lang: Lang, asked: string, unit?: Unit): NumberResult {
  const whole = parseNumber(utterance, lang, asked, unit);
  const tail = correctedTail(utterance, lang, (rest) => hasNumber(parseNumber(rest, lang, asked, unit)));
  if (tail) {
    const fixed = lastValued(tail, lang, (s) => parseNumber(s, lang, asked, unit), hasNumber) ?? parseNumber(tail, lang, asked, unit);
    if (hasNumber(fixed)) {
      if (fixed.unit === undefined && whole.unit !== undefined) return { ...fixed, unit: whole.unit };
      return fixed;
    }
  }
  return whole;
}

const WORST_Q = /最(?:厉害|疼|痛|严重|高|重)|worst|most|highest|at its peak/iu;

/** Homophones of small number words in an English rating ("about a for", "maybe to or three"). */
function scaleHomophones(text: string): string {
  return text
    .replace(/\b(?:to|too)\b(?=\s+(?:or|and|maybe)\s+(?:three|3)\b)/gi, 'two')
    .replace(/\b(?:about|like|maybe|a|around)\s+(?:a\s+)?(?:for|fore)\b(?![a-z])/gi, (m) => m.replace(/(?:for|fore)$/i, 'four'))
    .replace(/\b(?:for|fore)\s*$/i, 'four');
}

function hasScale(r: ScaleResult): boolean {
  return 'min' in r || r.value !== null;
}

export function readScale(utterance: string, lang: Lang, asked: string): ScaleResult {
  let u = lang === 'en' ? scaleHomophones(utterance) : utterance.replace(/十分(?:里面?|之中|当中|里头)|满分十分/gu, ' ').replace(/(?<=[一二三四五六七八九])分半/gu, '点五分');
  const hedgeOnly = lang === 'zh'
    ? /说不上来|说不好|不知道|不好说|讲不清|(?:你|您)说几分就几分|随便(?:吧|打)?/u
    : /\b(?:can'?t say|don'?t know|no idea|hard to say|whatever you (?:say|think)|you decide)\b/;
  const tail = correctedTail(u, lang, (rest) => hasScale(parseScale(rest, lang)) && /\d|[零一二两三四五六七八九十]|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)\b/iu.test(rest));
  if (tail) {
    const fixed = lastValued(tail, lang, (s) => parseScale(s, lang), hasScale);
    if (fixed) return fixed;
  }
  const parts = splitClauses(u, lang);
  const valued = parts.map((p) => ({ clause: analyzeClause(p, lang), r: parseScale(p, lang), digits: /\d|[零一二两三四五六七八九十]|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)\b/iu.test(p) }))
    .filter((x) => x.digits && hasScale(x.r));
  if (valued.length >= 2) {
    const top = (r: ScaleResult): number => ('min' in r ? r.max : r.value ?? 0);
    // "Seven, maybe eight": adjacent values offered together.
    if (lang === 'en' && valued.length === 2 && valued[1]!.clause.uncertain && !('min' in valued[0]!.r) && !('min' in valued[1]!.r)) {
      const a = top(valued[0]!.r);
      const b = top(valued[1]!.r);
      if (Math.abs(a - b) === 1) return { min: Math.min(a, b), max: Math.max(a, b) };
    }
    if (WORST_Q.test(asked)) {
      const best = valued.reduce((m, x) => (top(x.r) > top(m.r) ? x : m));
      return best.r;
    }
    const now = valued.filter((x) => x.clause.time !== 'past' && !/昨天|前天|yesterday|last night/u.test(x.clause.text));
    if (now.length > 0 && now.length < valued.length) return now[now.length - 1]!.r;
  }
  u = u.trim();
  const whole = parseScale(u, lang);
  if (hedgeOnly.test(lang === 'en' ? u.toLowerCase() : u) && !/\d/.test(u) && !(lang === 'zh' && /[零一二两三四五六七八九十]分/u.test(u))) return { value: null };
  return whole;
}

export function readBloodPressure(utterance: string, lang: Lang): BloodPressure {
  const whole = parseBloodPressure(utterance, lang);
  const tail = correctedTail(utterance, lang, (rest) => /\d|[零一二两三四五六七八九十百]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/iu.test(rest));
  if (tail && whole.systolic !== null) {
    const fixed = parseBloodPressure(tail, lang);
    if (fixed.systolic !== null && fixed.diastolic !== null) return fixed;
    // "one fifty over eighty-five, no, eighty-eight": the corrected part is the diastolic.
    const single = parseNumber(tail, lang, '');
    if ('value' in single && single.value !== null && single.value >= 30 && single.value <= 150 && single.value < whole.systolic) {
      return { systolic: whole.systolic, diastolic: single.value };
    }
  }
  return whole;
}
