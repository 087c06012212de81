/**
 * Match an answer to one of the options of a choice question: by label or synonym contained in
 * the answer, by ordinal ("第二个", "the first one", "选2"), then by folded pinyin similarity
 * (recognizer homophones). Ambiguous or unmatched answers give null.
 */
import { normalizeUtterance, parseChineseNumber, pinyinSimilarity, type Lang } from '../text/index.js';
import type { ChoiceOption } from './types.js';

/** Minimum pinyin similarity for a fuzzy match: one syllable wrong in four still matches. */
const MIN_PINYIN_SIMILARITY = 0.75;

/**
 * Everyday words for common option labels, so a plain string option also catches them
 * (早上 for 上午, "pm" for afternoon). Keys are labels; values are extra labels.
 */
const SYNONYMS: Record<string, string[]> = {
  '上午': ['早上', '早晨', '早点', '上半天', '一早', '大早上', '早上头'],
  '下午': ['午后', '下半天', '过了中午', '吃完午饭', '后半天', '晌午后'],
  '晚上': ['夜里', '傍晚', '晚点儿', '天黑'],
  '中午': ['晌午', '午饭时'],
  morning: ['am', 'a m', 'early', 'before noon', 'before lunch', 'mornings'],
  afternoon: ['pm', 'p m', 'after lunch', 'afternoons', 'after noon'],
  evening: ['night', 'evenings', 'after work', 'tonight'],
};

function options(choices: Array<string | ChoiceOption>): ChoiceOption[] {
  return choices.map((c) => {
    const o = typeof c === 'string' ? { id: c, labels: [c] } : { id: c.id, labels: [c.id, ...(c.labels ?? [])] };
    const extra = o.labels.flatMap((l) => SYNONYMS[l.toLowerCase()] ?? []);
    return { id: o.id, labels: [...new Set([...o.labels, ...extra])] };
  });
}

/** An option named and turned down: 上午不行, 上午要上班, 不要上午, "not in the morning", "mornings don't work". */
const ZH_REJECT_AFTER = /^(?:的话)?(?:不行|不可以|不方便|不合适|不太行|不好|够呛|没空|没时间|有事|要上班|上班|来不了|去不了|不了|就算了|算了|肯定不行|恐怕不行|可能不行)/u;
const ZH_REJECT_BEFORE = /(?:不要|别|不是|不选|不能|不想|除了)$/u;
const EN_REJECT_AFTER = /^(?:s)?\s*(?:is|are)?\s*(?:no good|not good|bad|difficult|hard|impossible|out|not (?:possible|ok|okay|great)|(?:doesn'?t|don'?t|won'?t) work|i (?:can'?t|work|am busy|'m busy))\b/;
const EN_REJECT_BEFORE = /\b(?:not|no|never|can'?t do|cannot do|anything but|except|rather not)(?: \w+){0,2}\s*$/;
/** Negative counterparts of an option label: 不满意 for 满意, "unsatisfied" / "not satisfied" for satisfied. */
function isNegativeOf(neg: string, label: string): boolean {
  const n = neg.toLowerCase();
  const l = label.toLowerCase();
  return n !== l && (/^(?:不|没)/u.test(n) ? n.endsWith(l) : /^(?:un|dis|in|not |non ?)/.test(n) && n.endsWith(l.replace(/^(?:un|dis|in|not |non ?)/, '')) && !/^(?:un|dis|in|not |non ?)/.test(l));
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
  const rejected = new Set<string>();
  for (const o of opts) {
    for (const label of o.labels ?? []) {
      const l = normalizeUtterance(label, lang);
      if (l.length === 0) continue;
      const at = lang === 'en' ? text.search(new RegExp(`\\b${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)) : text.indexOf(l);
      if (at < 0) continue;
      const before = text.slice(0, at);
      // A longer label of another option covers this one (不满意 covers 满意): leave it to that one.
      if (opts.some((x) => x.id !== o.id && (x.labels ?? []).some((y) => {
        const ny = normalizeUtterance(y, lang);
        const k = ny.indexOf(l);
        return ny.length > l.length && k >= 0 && text.slice(at - k, at - k + ny.length) === ny;
      }))) continue;
      // 不太满意 / "not satisfied" name the negative option (不满意, unsatisfied) when there is one.
      const negated = lang === 'zh' ? /(?:不太|不是很|不怎么|不大|没那么|不|没)$/u.test(before) : /\b(?:not|not very|not really|not too|not that|never)\s*$/.test(before);
      const negative = negated ? opts.find((x) => x.id !== o.id && (x.labels ?? []).some((y) => isNegativeOf(y, label))) : undefined;
      if (negative) {
        if (!best || l.length + 1 > best.len) best = { id: negative.id, len: l.length + 1 };
        tie = false;
        continue;
      }
      const after = text.slice(at + l.length);
      if (negated || (lang === 'zh' ? ZH_REJECT_AFTER.test(after) || ZH_REJECT_BEFORE.test(before) : EN_REJECT_AFTER.test(after) || EN_REJECT_BEFORE.test(before))) {
        rejected.add(o.id);
        continue;
      }
      if (!best || l.length > best.len) {
        tie = false;
        best = { id: o.id, len: l.length };
      } else if (l.length === best.len && best.id !== o.id) tie = true;
    }
  }
  if (best && !tie && !rejected.has(best.id)) return best.id;
  // One option turned down and nothing else chosen: with two options, the other one.
  if (!best && rejected.size === 1 && opts.length === 2) return opts.find((o) => !rejected.has(o.id))!.id;
  if (rejected.size > 0 && !best) return null;
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
