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
  if (lang === 'zh') s = colloquialZh(mandarinFromDialect(s.replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/gu, '')));
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

/**
 * Spoken Mandarin forms the lexicons are not written in:
 *  - 俩 / 仨 before a unit of age or time are 两 / 三 (孩子才俩月 = 两个月);
 *  - "not really" before answering or waking is not answering or waking, for safety (叫她都不咋应,
 *    不怎么醒 read as 不应, 不醒); elsewhere the softener stays (不太疼 is mild pain);
 *  - Cantonese "V极都" (however much one Vs: 叫极都唔醒) is V都;
 *  - 少 before a temperature is the recogniser's 烧 (少到三十八度五).
 */
function colloquialZh(s: string): string {
  return s
    .replace(/俩(?=个?(?:月|岁|礼拜|星期|周|天|小时))/gu, '两').replace(/仨(?=个?(?:月|岁|礼拜|星期|周|天|小时))/gu, '三')
    .replace(/不(?:咋|怎么|怎|太|大)(?=(?:答应|应|醒|理人|理|搭理|认人|睁眼|吭声))/gu, '不')
    .replace(/([叫喊摇推拍])极都/gu, '$1都')
    .replace(/(?<![减缩])少(?=(?:到|了|得)?(?:[三四]十[一二三四五六七八九]?(?:度|点)|[34]\d(?:\.\d)?度))/gu, '烧');
}

/** The narrative as the lexicons and cues read it (see the module comment). */
export function narrativeAsRead(text: string, lang: ClinicalLang): string {
  const norm = normalizeNarrative(text, lang);
  return lang === 'zh' ? oneWord(repairHomophones(norm)) : repairEnglish(norm);
}
