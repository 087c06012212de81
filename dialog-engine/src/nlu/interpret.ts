/**
 * One entry point for every expectation: `interpret(request)` dispatches to the parser for the
 * expected answer kind. Symptoms and red flags come from the clinical module (one lexicon for the
 * whole engine).
 */
import { TzError } from '@tingzhen/voice-core';
import { detectRedFlags, extractSymptoms, findMentions } from '../clinical/index.js';
import { normalizeUtterance } from '../text/index.js';
import { readBloodPressure, readNumber, readScale } from './clause-readings.js';
import { matchChoice } from './choice.js';
import { parseDate } from './date.js';
import { detectIntent } from './intent.js';
import { EXPECT_KINDS, type ChoiceOption, type ExpectKind, type NluRequest, type NluResult, type Unit, UNITS } from './types.js';
import { readRedFlags } from './red-flag-reading.js';
import { readSymptoms } from './symptoms-reading.js';
import { yesNoClauses } from './yes-no-clauses.js';
import { yesNoEn } from './yes-no-en.js';
import { affirmQuestion } from './yes-no-question-target.js';
import { repairFromQuestion, yesNoZh } from './yes-no-zh.js';

function expectation(req: NluRequest): { kind: ExpectKind; unit?: Unit; choices: Array<string | ChoiceOption> } {
  const e = req.expect;
  const kind = typeof e === 'string' ? e : e?.kind;
  if (!(EXPECT_KINDS as readonly string[]).includes(kind)) {
    throw new TzError('TZ_ERR_VALIDATION', { field: 'expect', allowed: EXPECT_KINDS });
  }
  const unit = typeof e === 'object' && e.unit && (UNITS as readonly string[]).includes(e.unit) ? e.unit : undefined;
  const choices = (typeof e === 'object' ? e.choices : undefined) ?? req.choices ?? [];
  return unit ? { kind, unit, choices } : { kind, choices };
}

/** Interpret one utterance in the context of the question asked. Throws TZ_ERR_VALIDATION on a bad request. */
export function interpret(req: NluRequest): NluResult {
  if (req === null || typeof req !== 'object') throw new TzError('TZ_ERR_VALIDATION', { field: 'request' });
  if (req.lang !== 'zh' && req.lang !== 'en') throw new TzError('TZ_ERR_VALIDATION', { field: 'lang', allowed: ['zh', 'en'] });
  if (typeof req.utterance !== 'string') throw new TzError('TZ_ERR_VALIDATION', { field: 'utterance' });
  if (req.asked !== undefined && typeof req.asked !== 'string') throw new TzError('TZ_ERR_VALIDATION', { field: 'asked' });
  if (req.callDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(req.callDate))) {
    throw new TzError('TZ_ERR_VALIDATION', { field: 'callDate', expected: 'YYYY-MM-DD' });
  }
  const { kind, unit, choices } = expectation(req);
  const { lang, utterance } = req;
  const asked = req.asked ?? '';
  switch (kind) {
    case 'yes-no':
      return { kind, answer: yesNo(utterance, lang, asked) };
    case 'number':
      return { kind, ...readNumber(utterance, lang, asked, unit) };
    case 'blood-pressure':
      return { kind, ...readBloodPressure(utterance, lang) };
    case 'scale-0-10':
      return { kind, ...readScale(utterance, lang, asked) };
    case 'date':
      return { kind, ...parseDate(utterance, lang, req.callDate, asked) };
    case 'intent':
      return { kind, intent: detectIntent(utterance, lang) };
    case 'choice':
      return { kind, choice: matchChoice(utterance, lang, choices) };
    case 'free-text':
      return { kind, text: normalizeUtterance(utterance, lang) };
    case 'symptoms':
      return { kind, ...symptomsAnswer(utterance, lang, asked) };
    case 'red-flag':
      return { kind, red_flag: redFlagAnswer(utterance, lang, asked) };
  }
}

function yesNo(utterance: string, lang: 'zh' | 'en', asked: string): 'yes' | 'no' | 'unclear' {
  return yesNoClauses(utterance, lang, asked, (u, a) => (lang === 'zh' ? yesNoZh(u, a) : yesNoEn(u, a)));
}

/**
 * Symptoms named in the answer; when the answer names none ("没有", "yes, a little"), the
 * symptoms the question asked about take the answer's polarity (all absent on no; present on yes
 * when the question asked about exactly one).
 */
function symptomsAnswer(utterance: string, lang: 'zh' | 'en', asked: string): { present: string[]; absent: string[] } {
  let s = readSymptoms(utterance, lang);
  if (s.present.length === 0 && s.absent.length === 0 && lang === 'zh') {
    // Recognizer homophones of the question's words (发骚 for 发烧).
    const repaired = repairFromQuestion(normalizeUtterance(utterance, 'zh'), asked);
    if (repaired !== normalizeUtterance(utterance, 'zh')) s = extractSymptoms(repaired, lang);
  }
  // Mentions about someone else (我儿子咳嗽) are an answer too: no fallback to the question.
  const mentioned = s.present.length > 0 || s.absent.length > 0 || findMentions(utterance, lang).mentions.length > 0;
  if (mentioned || asked.length === 0) return { present: [...s.present], absent: [...s.absent] };
  const q = extractSymptoms(asked, lang);
  const ids = [...new Set([...q.present, ...q.absent])];
  const yn = yesNo(utterance, lang, asked);
  if (yn === 'no') return { present: [], absent: ids };
  if (yn === 'yes' && ids.length === 1) return { present: ids, absent: [] };
  return { present: [], absent: [] };
}

/**
 * A red flag in the answer itself, or, when the answer is a plain yes to a screening question
 * ("有没有一侧手脚突然没力气?" "有"), the red flag the question screens for.
 */
function redFlagAnswer(utterance: string, lang: 'zh' | 'en', asked: string): string | null {
  const own = readRedFlags(utterance, lang);
  if (own.length > 0) return own[0]!;
  if (asked.length > 0 && yesNo(utterance, lang, asked) === 'yes') return detectRedFlags(affirmQuestion(asked, lang), lang)[0] ?? null;
  return null;
}
