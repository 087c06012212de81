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
