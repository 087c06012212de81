/**
 * Pinyin helpers for recognizer homophones: a streaming recognizer may write 发骚 for 发烧 or 上口
 * for 伤口. Matching on toneless pinyin, with the usual southern-Mandarin confusions folded
 * (zh/z, ch/c, sh/s, n/l, an/ang, en/eng, in/ing), recovers those keywords. It is a fallback:
 * callers try exact matches first, and only keywords of two or more syllables are matched fuzzily
 * (one syllable has too many homophones to be safe).
 */
import { pinyin } from 'pinyin-pro';

const HAN_RE = /[\u4e00-\u9fff]/u;

/** Toneless pinyin, one entry per character of the input (non-Han characters pass through). */
export function toPinyin(text: string): string[] {
  if (text.length === 0) return [];
  return pinyin(text, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase());
}

/** Fold one toneless syllable to its confusion class. */
export function foldSyllable(syllable: string): string {
  let s = syllable.toLowerCase().replace(/ü/g, 'v');
  s = s.replace(/^zh/, 'z').replace(/^ch/, 'c').replace(/^sh/, 's').replace(/^l(?=[aeiouv])/, 'n');
  s = s.replace(/ang$/, 'an').replace(/eng$/, 'en').replace(/ing$/, 'in');
  return s;
}

export interface PinyinMatch {
  /** Index (in characters of the text) where the matched run starts. */
  start: number;
  end: number;
  /** The characters of the text that matched. */
  text: string;
  /** True when the match needed folding (not an exact toneless-pinyin match). */
  fuzzy: boolean;
}

export interface PinyinMatchOptions {
  /** Allow zh/z, n/l, an/ang... folding (default true). With false only exact toneless pinyin. */
  fold?: boolean;
  /** Minimum keyword length in syllables for a fuzzy match (default 2). */
  minSyllables?: number;
}

/**
 * Find `keyword` in `text` by pinyin. Returns the first match or null. Exact substring matches
 * are reported with fuzzy=false and win.
 */
export function pinyinFind(text: string, keyword: string, opts: PinyinMatchOptions = {}): PinyinMatch | null {
  const exact = text.indexOf(keyword);
  if (exact >= 0) return { start: exact, end: exact + keyword.length, text: keyword, fuzzy: false };
  const kwChars = [...keyword];
  if (kwChars.length < (opts.minSyllables ?? 2) || !kwChars.every((c) => HAN_RE.test(c))) return null;
  const fold = opts.fold ?? true;
  const chars = [...text];
  const textPy = toPinyin(text);
  const kwPy = toPinyin(keyword);
  if (textPy.length !== chars.length) return null; // pinyin-pro kept a multi-char token together
  const norm = (s: string): string => (fold ? foldSyllable(s) : s);
  const kwN = kwPy.map(norm);
  for (let i = 0; i + kwN.length <= chars.length; i++) {
    let ok = true;
    for (let j = 0; j < kwN.length; j++) {
      const ch = chars[i + j]!;
      if (!HAN_RE.test(ch) || norm(textPy[i + j]!) !== kwN[j]) {
        ok = false;
        break;
      }
    }
    if (ok) {
      const start = chars.slice(0, i).join('').length;
      const run = chars.slice(i, i + kwN.length).join('');
      return { start, end: start + run.length, text: run, fuzzy: true };
    }
  }
  return null;
}

/** True when any keyword occurs in the text exactly or, failing that, by pinyin. */
export function pinyinIncludesAny(text: string, keywords: readonly string[], opts: PinyinMatchOptions = {}): boolean {
  if (keywords.some((k) => text.includes(k))) return true;
  return keywords.some((k) => pinyinFind(text, k, opts) !== null);
}

/**
 * Similarity of two short strings in [0, 1] on folded pinyin syllables (for matching an answer to
 * a list of spoken choices). 1 means the same folded pinyin.
 */
export function pinyinSimilarity(a: string, b: string): number {
  const pa = toPinyin(a).map(foldSyllable).filter((s) => s.trim().length > 0);
  const pb = toPinyin(b).map(foldSyllable).filter((s) => s.trim().length > 0);
  if (pa.length === 0 || pb.length === 0) return 0;
  const d = editDistance(pa, pb);
  return 1 - d / Math.max(pa.length, pb.length);
}

/** Levenshtein distance over token arrays. */
export function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export interface PinyinRepairOptions {
  /** Contexts that are real words and must never be rewritten (最外面, 留学, 抽出时间). */
  block?: RegExp;
  /** Allow zh/z, n/l, an/ang... folding (default true). */
  fold?: boolean;
}

const KEYWORD_PINYIN = new Map<string, string[]>();
/** Keyword pinyin, cached: keyword lists are fixed and asked for on every narrative. */
function keywordPinyin(kw: string): string[] {
  let py = KEYWORD_PINYIN.get(kw);
  if (!py) {
    py = toPinyin(kw);
    if (KEYWORD_PINYIN.size < 10_000) KEYWORD_PINYIN.set(kw, py);
  }
  return py;
}

/** Toneless pinyin per character, Han characters only ('' for the others). */
function perCharPinyin(chars: string[], text: string): string[] {
  const whole = toPinyin(text);
  if (whole.length === chars.length) return chars.map((c, i) => (HAN_RE.test(c) ? whole[i]! : ''));
  return chars.map((c) => (HAN_RE.test(c) ? (toPinyin(c)[0] ?? '') : ''));
}

/**
 * Rewrite recognizer homophones of the keywords back to the keywords (上口 -> 伤口, 发骚 ->
 * 发烧): every run of Han characters whose (folded) toneless pinyin equals a keyword's, and that
 * is not the keyword already, is replaced by it. Keywords shorter than two characters are ignored
 * (one syllable has too many homophones). The replacement has the same length, so offsets into
 * the text stay valid. Runs overlapping a `block` match are left alone.
 */
export function pinyinRepair(text: string, keywords: readonly string[], opts: PinyinRepairOptions = {}): string {
  const chars = [...text];
  if (!chars.some((c) => HAN_RE.test(c))) return text;
  const py = perCharPinyin(chars, text);
  const fold = opts.fold ?? true;
  const norm = (s: string): string => (fold ? foldSyllable(s) : s);
  const folded = py.map(norm);
  // Blocked character positions (in code points).
  const blocked = new Array<boolean>(chars.length).fill(false);
  if (opts.block) {
    const re = new RegExp(opts.block.source, opts.block.flags.includes('g') ? opts.block.flags : `${opts.block.flags}g`);
    for (const m of text.matchAll(re)) {
      const from = [...text.slice(0, m.index)].length;
      const len = [...m[0]].length;
      for (let k = from; k < from + len; k++) blocked[k] = true;
    }
  }
  const out = [...chars];
  for (const kw of keywords) {
    const kwChars = [...kw];
    if (kwChars.length < 2 || !kwChars.every((c) => HAN_RE.test(c))) continue;
    const kwN = keywordPinyin(kw).map(norm);
    if (kwN.length !== kwChars.length) continue;
    for (let i = 0; i + kwChars.length <= chars.length; i++) {
      let same = true;
      let ok = true;
      for (let j = 0; j < kwChars.length; j++) {
        const k = i + j;
        if (blocked[k] || py[k] === '' || folded[k] !== kwN[j]) {
          ok = false;
          break;
        }
        if (out[k] !== kwChars[j]) same = false;
      }
      if (!ok || same) continue;
      for (let j = 0; j < kwChars.length; j++) out[i + j] = kwChars[j]!;
    }
  }
  return out.join('');
}
