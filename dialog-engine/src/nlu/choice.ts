/**
 * Match an answer to one of the options of a choice question: by label or synonym contained in
 * the answer, by ordinal ("第二个", "the first one", "选2"), then by folded pinyin similarity
 * (recognizer homophones). Ambiguous or unmatched answers give null.
 */
import { normalizeUtterance, parseChineseNumber, pinyinSimilarity, type Lang } from '../text/index.js';
import { correctedTail, rawClauses } from './clause.js';
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
  '晚上': ['夜里', '傍晚', '晚点儿', '天黑', '晚饭后', '晚饭以后', '吃了晚饭', '吃完晚饭', '下班后', '下班以后'],
  '中午': ['晌午', '午饭时'],
  morning: ['am', 'a m', 'early', 'before noon', 'before lunch', 'mornings'],
  afternoon: ['pm', 'p m', 'after lunch', 'afternoons', 'after noon'],
  evening: ['night', 'evenings', 'after work', 'tonight', 'after dinner', 'after tea'],
};

/**
 * Lay words for kinds of option that recur across scripts (pain quality, change, rating,
 * contact channel, who to call, language), matched when the option's label contains the key:
 * "like a knife" picks the option labelled sharp/刺痛, "no change" the same, "ring me" call.
 */
const KIND_WORDS: Array<{ key: RegExp; words: RegExp }> = [
  { key: /sharp|stabbing|刺/u, words: /\b(?:stab\w*|knife|knives|needles?|pins|shooting|piercing|sharp)\b|针扎|针刺|扎着|刀割|刀扎|一跳一跳|刺/u },
  { key: /dull|ache|aching|钝|隐/u, words: /\b(?:ache|aching|achy|nagging|dull|heavy|sore|throbbing)\b|隐隐|钝|酸/u },
  { key: /burn|灼|烧/u, words: /\b(?:burn\w*|on fire|hot|scald\w*|stinging)\b|火辣辣|烧|灼|辣/u },
  { key: /胀/u, words: /胀|撑|鼓/u },
  { key: /^(?:the )?same$|一样|没变/u, words: /\b(?:same|no (?:real )?change|no different|unchanged|about the same|as before)\b|一样|没变|老样子|差不多|还那样|就那样/u },
  { key: /^better$|好转|好些|好点/u, words: /\b(?:better|improv\w*|easier)\b|好(?:点|些|多了|转)|轻了|减轻/u },
  { key: /^worse$|加重|更重|严重/u, words: /\b(?:worse|getting bad|bad(?:der)?)\b|加重|更(?:厉害|重|疼)|重了/u },
  { key: /^(?:poor|bad)$|差/u, words: /\b(?:poor|bad|terrible|awful|horrible|dreadful|rubbish|shocking|a nightmare)\b|差|糟|不好|太慢|乱/u },
  { key: /^(?:okay|ok|fair|average)$|一般/u, words: /\b(?:alright|all right|ok|okay|so-so|so so|fine|nothing special|average|not bad)\b|一般|还行|凑合|马马虎虎|还可以/u },
  { key: /^(?:good|great|excellent)$|好|满意/u, words: /\b(?:good|great|excellent|brilliant|fantastic|smooth|perfect|lovely)\b|很好|挺好|不错|满意/u },
  { key: /\b(?:call|phone|ring)\b|电话/u, words: /\b(?:call|ring|phone|rang)\b|打电话|电话/u },
  { key: /\b(?:text|message|sms)\b|短信|微信/u, words: /\b(?:text|message|sms|whatsapp)\b/u },
  { key: /family|relative|家属|家人/u, words: /\b(?:my (?:daughter|son|wife|husband|partner|niece|nephew|sister|brother)|daughter|son|wife|husband)\b|女儿|儿子|老伴|闺女|家里人|家属/u },
  { key: /spanish|西班牙/u, words: /\b(?:espa[nñ]ol|spanish|castellano)\b/u },
  { key: /粤语|广东话|cantonese/u, words: /粤语|广东话|白话|广府话|cantonese/u },
  { key: /普通话|国语|mandarin/u, words: /普通话|国语|mandarin/u },
  { key: /上门|来家|家访|home visit/u, words: /你们来|到家里|上门|来我家|来家里|\bcome (?:to me|here|round)\b/u },
  { key: /community|社区/u, words: /\b(?:community|local|little one|nearer|closer|near (?:me|home))\b|社区|离家近|近的那个|近点/u },
  { key: /黄/u, words: /黄/u },
  { key: /血/u, words: /血|红的|粉的/u },
  { key: /清/u, words: /清|透明|像水/u },
];

/** Week-day words in one form (礼拜三, 星期三 -> 周三). */
function weekdays(text: string): string {
  return text.replace(/(?:礼拜|星期)(?=[一二三四五六日天])/gu, '周').replace(/周天/gu, '周日');
}

function options(choices: Array<string | ChoiceOption>): ChoiceOption[] {
  return choices.map((c) => {
    const o = typeof c === 'string' ? { id: c, labels: [c] } : { id: c.id, labels: [c.id, ...(c.labels ?? [])] };
    const extra = o.labels.flatMap((l) => SYNONYMS[l.toLowerCase()] ?? []);
    return { id: o.id, labels: [...new Set([...o.labels, ...extra])] };
  });
}

/** An option named and turned down: 上午不行, 上午要上班, 不要上午, "not in the morning", "mornings don't work". */
const ZH_REJECT_AFTER = /^(?:的话)?(?:(?:我)?(?:要|得)(?!的)[\u4e00-\u9fff]{1,2}|我?(?:不会|唔会|唔好|弄不来|用不来|搞不懂)|不行|不可以|不方便|不合适|不太行|不好|够呛|没空|没时间|有事|要上班|上班|来不了|去不了|不了|就算了|算了|肯定不行|恐怕不行|可能不行)/u;
const ZH_REJECT_BEFORE = /(?:不要|别|不是|不选|不能|不想|除了)$/u;
const EN_REJECT_AFTER = /^(?:s)?\s*(?:is|are)?\s*(?:not (?:so |very |that |too |really )?(?:good|great)|no good|not good|bad|difficult|hard|impossible|out|not (?:possible|ok|okay|great)|(?:doesn'?t|don'?t|won'?t) work|i (?:can'?t|work|am busy|'m busy))\b/;
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
  // "A bit worse... no, the same": what follows the last self-correction that names an option.
  const tail = correctedTail(utterance, lang, (rest) => matchOnce(rest, lang, opts) !== null);
  if (tail) {
    const fixed = matchOnce(tail, lang, opts);
    if (fixed) return fixed;
  }
  return matchOnce(utterance, lang, opts);
}

/** An option's words that no other option has (社区 in 社区复查 against 门诊复查). */
function distinctive(o: ChoiceOption, opts: ChoiceOption[], lang: Lang): string[] {
  const others = opts.filter((x) => x.id !== o.id).flatMap((x) => x.labels ?? []).map((l) => normalizeUtterance(l, lang));
  const out: string[] = [];
  for (const label of o.labels ?? []) {
    const l = normalizeUtterance(label, lang);
    if (lang === 'zh') {
      const chars = [...l];
      for (let n = 2; n >= 1; n--) {
        for (let i = 0; i + n <= chars.length; i++) {
          const w = chars.slice(i, i + n).join('');
          if (/[的了是还]/u.test(w) || others.some((x) => x.includes(w))) continue;
          if (n === 1 && out.some((x) => x.includes(w))) continue;
          out.push(w);
        }
      }
    } else {
      for (const w of l.split(' ')) if (w.length > 3 && !/^(?:the|with|from|your|have|would|like)$/.test(w) && !others.some((x) => x.split(' ').includes(w))) out.push(w);
    }
  }
  return out;
}

/** The options an answer points to by lay words or distinctive parts, outside rejected clauses. */
function byMeaning(text: string, lang: Lang, opts: ChoiceOption[]): string | null {
  const hits = new Set<string>();
  for (const o of opts) {
    const labels = (o.labels ?? []).map((l) => l.toLowerCase());
    const kinds = KIND_WORDS.filter((k) => labels.some((l) => k.key.test(l)));
    const used = kinds.filter((k) => !opts.some((x) => x.id !== o.id && (x.labels ?? []).some((l) => k.key.test(l.toLowerCase()))));
    if (used.some((k) => k.words.test(text))) hits.add(o.id);
    else if (distinctive(o, opts, lang).some((w) => (lang === 'en' ? new RegExp(`\\b${w}\\b`).test(text) : text.includes(w)))) hits.add(o.id);
  }
  return hits.size === 1 ? [...hits][0]! : null;
}

function matchOnce(utterance: string, lang: Lang, opts: ChoiceOption[]): string | null {
  const direct = matchLabels(utterance, lang, opts);
  if (direct !== undefined) return direct;
  // Clauses that turn an option down ("微信我不会弄", "I can't read the little letters") do not choose it.
  const parts = rawClauses(utterance, lang).map((r) => (lang === 'zh' ? weekdays(r.text) : r.text));
  const kept = parts.filter((p) => !(lang === 'zh' ? /不会|不行|唔好|不好使|弄不来|看不清|不方便|没空/u : /\b(?:can'?t|cannot|don'?t|won'?t|no good|not good)\b/).test(p) || byMeaning(p, lang, opts) === null);
  const fromKept = byMeaning(kept.join(' '), lang, opts);
  if (fromKept) return fromKept;
  const rejected = parts.filter((p) => !kept.includes(p)).map((p) => byMeaning(p, lang, opts)).filter((x): x is string => x !== null);
  if (rejected.length === 1 && opts.length === 2 && kept.every((p) => byMeaning(p, lang, opts) === null)) return opts.find((o) => o.id !== rejected[0])!.id;
  // Words normalisation folds ("so-so" -> "so"), read as said.
  if (rejected.length === 0) {
    const said = byMeaning(lang === 'en' ? utterance.toLowerCase() : utterance, lang, opts);
    if (said) return said;
  }
  return fuzzyMatch(utterance, lang, opts);
}

/** Labels said in the answer (undefined when nothing was found, so lay words may still decide). */
function matchLabels(utterance: string, lang: Lang, opts: ChoiceOption[]): string | null | undefined {
  const text = lang === 'zh' ? weekdays(normalizeUtterance(utterance, lang)) : normalizeUtterance(utterance, lang);
  if (text.length === 0) return null;
  // Exact label containment; the longest matching label wins (下午 over 午).
  let best: { id: string; len: number } | null = null;
  let tie = false;
  const rejected = new Set<string>();
  for (const o of opts) {
    for (const label of o.labels ?? []) {
      const l = lang === 'zh' ? weekdays(normalizeUtterance(label, lang)) : normalizeUtterance(label, lang);
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
  return undefined;
}

/** Folded pinyin similarity of a label with a window of the answer (recogniser homophones). */
function fuzzyMatch(utterance: string, lang: Lang, opts: ChoiceOption[]): string | null {
  const text = normalizeUtterance(utterance, lang);
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
