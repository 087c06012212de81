/**
 * Blood pressure: 高压一百六低压一百, 一百六十/一百, 160/100, 一百四十九十 (systolic then
 * diastolic run together), 收缩压…舒张压…, "one-sixty over a hundred", "140 over 90".
 * Only one given -> the other is null.
 */
import { findChineseNumbers, normalizeUtterance, parseChineseNumber, type Lang } from '../text/index.js';
import { enNumberText } from './spans.js';

export interface BloodPressure {
  systolic: number | null;
  diastolic: number | null;
}

const SYS_RANGE = [60, 300] as const; // mmHg, what a home cuff can show
const DIA_RANGE = [30, 200] as const;

function plausibleSys(v: number): boolean {
  return v >= SYS_RANGE[0] && v <= SYS_RANGE[1];
}
function plausibleDia(v: number): boolean {
  return v >= DIA_RANGE[0] && v <= DIA_RANGE[1];
}

/** A Chinese numeral below 10000 written the standard or colloquial way (一百六 counts). */
const WELL_FORMED = /^(?:[一二两三四五六七八九幺]千)?(?:零?[一二两三四五六七八九幺]百)?(?:零?[一二两三四五六七八九幺]?十)?(?:零?[一二三四五六七八九幺])?$/u;

function wellFormed(run: string): boolean {
  return run.length > 0 && (/^\d+$/.test(run) || WELL_FORMED.test(run));
}

/**
 * Split one run of Chinese numerals into two readings (一百四十九十 -> 140, 90) when it does not
 * read as one plausible pressure. Returns null when no split gives systolic > diastolic.
 */
function splitRun(run: string): [number, number] | null {
  const chars = [...run];
  let best: [number, number] | null = null;
  for (let i = 1; i < chars.length; i++) {
    const a = chars.slice(0, i).join('');
    const b = chars.slice(i).join('');
    if (/^[十百千]/u.test(b) && !/^十/u.test(b)) continue;
    const va = parseChineseNumber(a);
    const vb = parseChineseNumber(b);
    if (va === null || vb === null) continue;
    if (!wellFormed(a) || !wellFormed(b)) continue;
    if (plausibleSys(va) && plausibleDia(vb) && va > vb) {
      // Prefer the split with the longest first part that still leaves a plausible diastolic.
      best = [va, vb];
    }
  }
  return best;
}

const SYS_KEY = /高压|收缩压|上压|上面|高的|systolic|top|upper/u;
const DIA_KEY = /低压|舒张压|下压|下面|低的|diastolic|bottom|lower/u;

export function parseBloodPressure(utterance: string, lang: Lang): BloodPressure {
  // Keep the separator the caller or recognizer used ("/", 比, over) as a marker that survives
  // normalisation.
  const marked = utterance
    .replace(/[/／]|\bover\b|比/giu, ' 斜 ')
    // A pause between two spoken numbers (幺四零 九零) separates them: keep it as a marker.
    .replace(/(?<=[零〇一二两三四五六七八九十百幺洞])\s+(?=[零〇一二两三四五六七八九十百幺洞])/gu, ' 斜 ')
    // Radio-style 幺 (= 1) opening a digit string: 幺四零 = 140.
    .replace(/幺(?=[零〇一二三四五六七八九洞幺拐]{2})/gu, '一');
  let text = normalizeUtterance(marked, lang);
  // "the top one was 150": that "one" is a pronoun, not a number.
  if (lang === 'en') text = enNumberText(text.replace(/\b(top|bottom|upper|lower|first|second|higher|lower) ones?\b/g, '$1 number')).replace(/斜/g, ' / ');
  const nums: Array<{ v: number; start: number; end: number; run: string }> = [];
  if (lang === 'zh') {
    for (const s of findChineseNumbers(text)) nums.push({ v: s.value, start: s.start, end: s.end, run: s.text });
  } else {
    for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) nums.push({ v: Number(m[0]), start: m.index, end: m.index + m[0].length, run: m[0] });
  }
  let systolic: number | null = null;
  let diastolic: number | null = null;
  // Labelled values first: the number right after 高压 / 低压.
  for (const n of nums) {
    const before = text.slice(Math.max(0, n.start - (lang === 'zh' ? 6 : 24)), n.start);
    const lastSys = before.search(SYS_KEY);
    const lastDia = before.search(DIA_KEY);
    if (lastSys >= 0 && (lastDia < 0 || lastSys > lastDia) && systolic === null) systolic = n.v;
    else if (lastDia >= 0 && diastolic === null) diastolic = n.v;
  }
  if (systolic !== null || diastolic !== null) return { systolic, diastolic };
  const usable = nums.filter((n) => (n.v >= 30 && n.v <= 300) || /[十百]/u.test(n.run) || /^[零〇一二三四五六七八九幺洞]{5,6}$/u.test(n.run));
  if (usable.length >= 2) {
    const [a, b] = [usable[0]!, usable[1]!];
    if (plausibleSys(a.v) && plausibleDia(b.v)) return { systolic: a.v, diastolic: b.v };
  }
  if (usable.length === 1) {
    const only = usable[0]!;
    // 一七零一一零: read digit by digit, three then two or three digits.
    if (lang === 'zh' && /^[零〇一二三四五六七八九幺洞]{5,6}$/u.test(only.run)) {
      const sys = parseChineseNumber(only.run.slice(0, 3));
      const dia = parseChineseNumber(only.run.slice(3));
      if (sys !== null && dia !== null && plausibleSys(sys) && plausibleDia(dia)) return { systolic: sys, diastolic: dia };
    }
    if (lang === 'zh' && !wellFormed(only.run)) {
      const split = splitRun(only.run);
      if (split) return { systolic: split[0], diastolic: split[1] };
      return { systolic: null, diastolic: null };
    }
    if (plausibleSys(only.v) && only.v >= 80) return { systolic: only.v, diastolic: null };
    if (plausibleDia(only.v)) return { systolic: null, diastolic: only.v };
  }
  if (usable.length >= 2) {
    const a = usable[0]!;
    return plausibleSys(a.v) ? { systolic: a.v, diastolic: null } : { systolic: null, diastolic: null };
  }
  return { systolic: null, diastolic: null };
}
