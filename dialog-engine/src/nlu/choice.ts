/**
 * Match an answer to one of the options of a choice question: by label or synonym contained in
 * the answer, by ordinal ("第二个", "the first one", "选2"), then by folded pinyin similarity
 * (recognizer homophones). Ambiguous or unmatched answers give null.
 */
import { normalizeUtterance, parseChineseNumber, pinyinSimilarity, type Lang } from '../text/index.js';
import type { ChoiceOption } from './types.js';

/** Minimum pinyin similarity for a fuzzy match: one syllable wrong in four still matches. */
const MIN_PINYIN_SIMILARITY = 0.75;

function options(choices: Array<string | ChoiceOption>): ChoiceOption[] {
  return choices.map((c) => (typeof c === 'string' ? { id: c, labels: [c] } : { id: c.id, labels: [c.id, ...(c.labels ?? [])] }));
}

const EN_ORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: -1, one: 1, two: 2, three: 3, four: 4, five: 5 };

function ordinal(text: string, lang: Lang): number | null {
  if (lang === 'zh') {
    const m = /第([一二三四五六七八九十0-9]+)|选(?:项)?([一二三四五六七八九0-9])|([一二三四五六七八九0-9])号(?:选项)?$|^([一二三四五六七八九0-9])$/u.exec(text);
    if (m) return parseChineseNumber(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
    if (/最后一个/u.test(text)) return -1;
    return null;
  }
  const m = /\b(?:the\s+)?(first|second|third|fourth|fifth|last)\b|\b(?:option|number|choice)\s+(one|two|three|four|five|\d)\b|^(\d)$/.exec(text);
  if (!m) return null;
  const w = m[1] ?? m[2] ?? m[3] ?? '';
  return EN_ORD[w] ?? (Number(w) || null);
}

export function matchChoice(utterance: string, lang: Lang, choices: Array<string | ChoiceOption>): string | null {
  const opts = options(choices);
  if (opts.length === 0) return null;
  const text = normalizeUtterance(utterance, lang);
  if (text.length === 0) return null;
  // Exact label containment; the longest matching label wins (下午 over 午).
  let best: { id: string; len: number } | null = null;
  let tie = false;
  for (const o of opts) {
    for (const label of o.labels ?? []) {
      const l = normalizeUtterance(label, lang);
      if (l.length === 0) continue;
      const hit = lang === 'en' ? new RegExp(`\\b${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text) : text.includes(l);
      if (!hit) continue;
      // 不太满意 contains 满意 but means the negative option (不满意) when there is one.
      if (lang === 'zh' && /(?:不太|不是很|不怎么|不大|没那么|不|没)$/u.test(text.slice(0, text.indexOf(l)))) {
        const negative = opts.find((x) => (x.labels ?? []).some((y) => /^(?:不|没)/u.test(y) && y.endsWith(l) && y !== l));
        if (negative) {
          if (!best || l.length + 1 > best.len) best = { id: negative.id, len: l.length + 1 };
          tie = false;
        }
        continue;
      }
      if (!best || l.length > best.len) {
        tie = false;
        best = { id: o.id, len: l.length };
      } else if (l.length === best.len && best.id !== o.id) tie = true;
    }
  }
  if (best && !tie) return best.id;
  const ord = ordinal(text, lang);
  if (ord !== null) {
    const idx = ord === -1 ? opts.length - 1 : ord - 1;
    if (idx >= 0 && idx < opts.length) return opts[idx]!.id;
  }
  if (lang === 'zh') {
    let fuzzy: { id: string; score: number } | null = null;
    for (const o of opts) {
      for (const label of o.labels ?? []) {
        const l = normalizeUtterance(label, 'zh');
        if ([...l].length < 2) continue;
        // Compare the label with every window of the answer of the same length.
        const chars = [...text];
        const n = [...l].length;
        for (let i = 0; i + n <= chars.length; i++) {
          const score = pinyinSimilarity(chars.slice(i, i + n).join(''), l);
          if (score >= MIN_PINYIN_SIMILARITY && (!fuzzy || score > fuzzy.score)) fuzzy = { id: o.id, score };
        }
      }
    }
    if (fuzzy) return fuzzy.id;
  }
  return null;
}
