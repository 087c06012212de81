/**
 * Red flags read clause by clause. The clinical detector reads the whole turn, then the clauses
 * that can carry one together, without the skipped ones (so a denial in one clause no longer
 * hides a red flag in the next: "Chest pain no. But I can't lift my right arm"; an infant's age
 * in one clause, the temperature in another), then, if still nothing, each clause on its own. A clause is skipped when it echoes the question ("Chest pain?"), is
 * hypothetical, denies, is followed by a bare denial ("Trouble breathing? No."), or describes a
 * long-past event ("had a stroke last year"). Lay words are first put into the lexicon's words
 * (lay-words.ts), and a few red-flag classes the lexicon does not yet cover are read here
 * (red-flag-signs.ts). The most urgent flag wins (the clinical order of RED_FLAG_IDS).
 */
import { detectRedFlags, RED_FLAG_IDS } from '../clinical/index.js';
import type { Lang } from '../text/index.js';
import { analyzeClause, rawClauses, type Clause } from './clause.js';
import { layToClinical } from './lay-words.js';
import { redFlagSigns } from './red-flag-signs.js';
import { enNumberText } from './spans.js';

const LONG_PAST = /\blast (?:year|month|summer|winter|spring)\b|\byears? ago\b|\bused to\b|去年|前年|以前|老毛病|早年|几年前/u;

function usable(c: Clause, next: Clause | undefined): boolean {
  if (c.echo || c.hypothetical || c.denial) return false;
  if (LONG_PAST.test(c.text)) return false;
  if (next && next.denial && !c.negated) return false;
  return true;
}

export function readRedFlags(said: string, lang: Lang): string[] {
  // Dialect and recogniser spellings of a denial (胸口痛倒莫得, 冇, 木有) read as 没有.
  const utterance = lang === 'zh' ? said.replace(/莫得|木有|冇得?|没得|么有/gu, '没有') : said;
  const found = new Set<string>(detectRedFlags(utterance, lang));
  const lay = layToClinical(utterance, lang);
  const raws = rawClauses(lay, lang);
  const cls = raws.map((r) => analyzeClause(r.text, lang, r));
  const ok = cls.map((c, i) => usable(c, cls[i + 1]));
  // Spoken numbers as digits ("thirty-eight point two"), clause by clause.
  // A reading with a decimal in the fever range is a temperature ("she's 38.2").
  const texts = cls.map((c) => (lang === 'en' ? enNumberText(c.text.replace(/-/g, ' ')).replace(/\b(is|was|at|hit|reached|of)\s+((?:3[5-9]|4[0-2])\.\d)\b/g, '$1 a temperature of $2') : c.text));
  const kept = texts.filter((_, i) => ok[i]);
  // The usable clauses together: facts spread over clauses (an infant's age, then the
  // temperature); then, only when that finds nothing, each clause on its own (the detector is
  // not cheap: one call per clause only when needed).
  const joined = kept.join(lang === 'zh' ? '，' : ', ');
  if (joined.length > 0) {
    for (const id of detectRedFlags(joined, lang)) found.add(id);
    // The signs read the words as said ("little one" is no number).
    for (const id of redFlagSigns(cls.filter((_, i) => ok[i]).map((c) => c.text).join(', '), lang)) found.add(id);
  }
  if (found.size === 0 && kept.length > 1 && kept.length <= 8) {
    for (const text of kept) for (const id of detectRedFlags(text, lang)) found.add(id);
  }
  return RED_FLAG_IDS.filter((id) => found.has(id));
}
