/**
 * Signs that a benign context explains, as data: a baby cutting a tooth drools and chews, which
 * is not "cannot swallow saliva" (the epiglottitis / quinsy sign). When the context is told, the
 * mentions made of those words are dropped before any rule reads them; every other sign stays.
 */
import type { ClinicalLang, Mention } from './types.js';

interface Explained {
  /** The context (a feature id) that explains the sign. */
  context: string;
  /** The words of the sign the context explains (the mention's own text). */
  words: Record<ClinicalLang, RegExp>;
  /** Only under this age in months (unknown age counts as within). */
  maxAgeMonths: number;
  source: string;
}

export const EXPLAINED_SIGNS: readonly Explained[] = [
  {
    context: 'm:ped-teething',
    words: { en: /\bdrool\w*|\bdribbl\w*/, zh: /流口水|口水(?:多|直流|一直流)/u },
    maxAgeMonths: 36,
    source: 'NHS "Baby teething symptoms" (dribbling, chewing, a flushed cheek, a slightly raised temperature); AAP HealthyChildren "Teething: 4 to 7 months"',
  },
];

/** The mentions without the signs their told context explains. */
export function withoutExplained(mentions: readonly Mention[], norm: string, lang: ClinicalLang, ageMonths: number | null): Mention[] {
  const told = new Set(mentions.filter((m) => m.status === 'present').map((m) => m.id));
  const rules = EXPLAINED_SIGNS.filter((e) => told.has(e.context) && (ageMonths === null || ageMonths < e.maxAgeMonths));
  if (rules.length === 0) return [...mentions];
  return mentions.filter((m) => !rules.some((e) => e.words[lang].test(norm.slice(m.start, m.end))));
}
