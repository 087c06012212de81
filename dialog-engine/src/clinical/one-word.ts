/**
 * Mandarin words that are one word to the clinical rules: 痛 and 疼 ("pain", "hurt") are used
 * interchangeably by callers (头痛 / 头疼, 痛得要命 / 疼得要命), but each lexicon phrase was written with
 * one of them (108 of 194 phrases named only one). Narratives and every lexicon phrase and cue are
 * read with 痛 as 疼, so a phrase written either way finds both. The rewrite keeps the length of
 * the text, so offsets still point at the caller's words.
 */
const ONE_WORD: ReadonlyArray<readonly [RegExp, string]> = [[/痛/gu, '疼']];

/** Text (a narrative or a regex source) with each synonym written as its one word. Pure. */
export function oneWord(text: string): string {
  let out = text;
  for (const [re, to] of ONE_WORD) out = out.replace(re, to);
  return out;
}

/** A regular expression whose source is read the same way. */
export function oneWordRegExp(re: RegExp): RegExp {
  return new RegExp(oneWord(re.source), re.flags);
}
