/**
 * The extra lexicons every full clinical reading runs besides the built-in symptom and feature
 * lexicons: the complaint table's `m:` terms (complaints/terms.ts and one file per CEDIS system).
 * Triage and the follow-up red-flag detector read a narrative through the same ones.
 */
import { SYSTEM_TERMS } from './complaints/systems/index.js';
import { EN_MODIFIER_TERMS, ZH_MODIFIER_TERMS } from './complaints/terms.js';
import type { ClinicalLang, Lexicon } from './types.js';

const EXTRA: Record<ClinicalLang, readonly Lexicon[]> = {
  zh: [ZH_MODIFIER_TERMS, SYSTEM_TERMS.zh],
  en: [EN_MODIFIER_TERMS, SYSTEM_TERMS.en],
};

export function modifierLexicons(lang: ClinicalLang): readonly Lexicon[] {
  return EXTRA[lang];
}
