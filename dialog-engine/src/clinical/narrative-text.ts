/**
 * The text of a narrative as the clinical rules read it. `normalizeNarrative` is the plain
 * normalisation (lower case, half-width, zh: regional words as Mandarin; en: fillers and stutters
 * dropped, spoken numbers as digits). `narrativeAsRead` adds what the lexicons are compiled for:
 * recogniser homophones repaired (发骚 -> 发烧, "my chess" -> "my chest") and, in Mandarin,
 * one-word synonyms (痛 as 疼, after the repair: 头同 -> 头痛 -> 头疼). Every step keeps offsets
 * meaningful for the words shown to a nurse.
 */
import { mandarinFromDialect } from '../text/index.js';
import { repairEnglish, repairHomophones } from './homophones.js';
import { oneWord } from './one-word.js';
import { spokenNumeralsToDigits } from './spoken-numerals.js';
import type { ClinicalLang } from './types.js';

/** Lower-case, full-width to half-width; zh: join CJK characters split by recognizer spaces. */
export function normalizeNarrative(text: string, lang: ClinicalLang): string {
  let s = String(text ?? '').normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  // Regional words (冇, 唔, 勿, 佢 ...) read as their Mandarin equivalents.
  if (lang === 'zh') s = mandarinFromDialect(s.replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/gu, ''));
  else {
    // Spoken English: fillers, hedges and stutters carry no clinical meaning ("his his face is
    // like kinda drooping" = "his face is drooping"); "feels like a weight" keeps its "like".
    s = s
      .replace(/\b(?:um+|uh+|erm+|er|uhm+|ah+|hmm+|you know|i mean)\b,?/g, ' ')
      .replace(/\b(is|was|are|were|'s|am|just|it's|really|so) like\b,?/g, '$1')
      .replace(/\b(?:kinda|sorta|kind of|sort of)\b(?= \w)/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/\b([a-z']+)(?: \1\b)+/g, '$1');
    s = spokenNumeralsToDigits(s);
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** The narrative as the lexicons and cues read it (see the module comment). */
export function narrativeAsRead(text: string, lang: ClinicalLang): string {
  const norm = normalizeNarrative(text, lang);
  return lang === 'zh' ? oneWord(repairHomophones(norm)) : repairEnglish(norm);
}
