/**
 * Normalisation of what a streaming recognizer (or a typed chat line) produces, before any rule
 * looks at it: full-width to half-width, punctuation to spaces, hesitation fillers removed,
 * stutters collapsed. Recognizer output has no punctuation and many fillers; the rules downstream
 * should not have to care.
 */
import { mandarinFromDialect } from './dialect.js';

export type Lang = 'zh' | 'en';

export interface NormalizeOptions {
  /**
   * Drop hesitation fillers (default true). 嗯 / "mm" are kept even then: as a whole answer they
   * mean "yes", so only the yes-no parser may decide what they are.
   */
  dropFillers?: boolean;
}

/**
 * Chinese fillers, longest first. 就是 and 那个 are fillers only in the sense of "um, like": the
 * rules never need them as content words (就是 = "exactly" is handled by the yes-no lexicon on the
 * raw text before normalisation drops it).
 */
const ZH_FILLERS = ['就是说', '怎么说呢', '那个那个', '这个这个', '那个', '这个', '就是', '然后', '呃', '额', '噢', '唉', '哎', '欸', '诶', '嘛', '呐', '哈'];

/** English fillers as whole words (the regex adds word boundaries). */
const EN_FILLERS = ['um+', 'uh+', 'umm+', 'erm+', 'er', 'ah+', 'hmm+', 'you know', 'i mean', 'like(?! to\\b)'];
const EN_FILLER_RE = new RegExp(`\\b(?:${EN_FILLERS.join('|')})\\b|^(?:well|so|okay so)\\b`, 'g');

/** Recognizers often drop the apostrophe ("i cant", "dont"); restore the common ones. */
const CONTRACTIONS: Record<string, string> = {
  dont: "don't", cant: "can't", didnt: "didn't", doesnt: "doesn't", isnt: "isn't", wasnt: "wasn't", werent: "weren't",
  arent: "aren't", havent: "haven't", hasnt: "hasn't", hadnt: "hadn't", wont: "won't", wouldnt: "wouldn't",
  couldnt: "couldn't", shouldnt: "shouldn't", im: "i'm", ive: "i've", its: "it's", thats: "that's", theres: "there's",
  youre: "you're", hes: "he's", whats: "what's", aint: "ain't",
};
const CONTRACTION_RE = new RegExp(`\\b(?:${Object.keys(CONTRACTIONS).join('|')})\\b`, 'g');

/** Full-width ASCII (U+FF01..U+FF5E) and the ideographic space map to plain ASCII via NFKC. */
function toHalfWidth(text: string): string {
  return text.normalize('NFKC');
}

/** Punctuation of every kind the recognizer or a typist may produce (except . / - handled below). */
const PUNCT_RE = /[\s,!?;:，。！？；：、…~～"“”‘()（）【】[\]<>《》·—_|]+/gu;

/** Keep '.', '/' and '-' between digits (38.5, 140/90, 3-4); elsewhere they become spaces. */
function stripPunctuation(text: string): string {
  return text
    .replace(/[’`]/g, "'")
    .replace(/(?<![a-zA-Z])'|'(?![a-zA-Z])/g, ' ') // apostrophes survive only inside words (don't)
    .replace(/(?<!\d)[./-]|[./-](?!\d)/g, ' ')
    .replace(PUNCT_RE, ' ');
}

/**
 * Collapse stutters: a run of 2-4 characters repeated back to back ("发烧发烧" -> "发烧",
 * "没有没有" -> "没有") and a few single-character stutters of function words ("我我我" -> "我").
 * True reduplications (谢谢, 慢慢, 刚刚, 嗯嗯) are left alone.
 */
function collapseZhRepeats(text: string): string {
  let out = text.replace(/([\u4e00-\u9fff]{2,4})\1+/g, '$1');
  out = out.replace(/([我你他她就是那这])\1+/g, '$1');
  return out;
}

function collapseEnRepeats(text: string): string {
  return text.replace(/\b(\w+)(?:\s+\1\b)+/g, '$1');
}

/** Normalise one utterance. Pure, total: never throws, returns '' for blank input. */
export function normalizeUtterance(text: string, lang: Lang, opts: NormalizeOptions = {}): string {
  const dropFillers = opts.dropFillers ?? true;
  let s = stripPunctuation(toHalfWidth(String(text ?? '')));
  if (lang === 'zh') {
    s = mandarinFromDialect(s.toLowerCase().replace(/'/g, ' '));
    if (dropFillers) for (const f of ZH_FILLERS) s = s.split(f).join(' ');
    s = collapseZhRepeats(s.replace(/\s+/g, ' ').trim());
    // Chinese needs no spaces between characters; keep one only between two latin/digit tokens.
    s = s.replace(/(?<=[^\sa-z0-9.])\s+|\s+(?=[^\sa-z0-9.])/g, '');
    return s.trim();
  }
  s = s.toLowerCase().replace(/\buh\s*huh\b|\bmm+\s*hmm+\b|\bum\s*hum\b/g, 'mhm').replace(/\bnuh\s*uh\b|\buh-uh\b/g, 'nope');
  s = s.replace(CONTRACTION_RE, (w) => CONTRACTIONS[w] ?? w);
  if (dropFillers) s = s.replace(EN_FILLER_RE, ' ');
  s = collapseEnRepeats(s.replace(/\s+/g, ' ').trim());
  return s.trim();
}

/** Split English text into word tokens (after normalisation). */
export function enWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}
