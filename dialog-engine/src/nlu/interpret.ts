/**
 * One entry point for every expectation: `interpret(request)` dispatches to the parser for the
 * expected answer kind. Symptoms and red flags come from the clinical module (one lexicon for the
 * whole engine).
 */
import { TzError } from '@tingzhen/voice-core';
import * as clinical from '../clinical/index.js';
import { normalizeUtterance } from '../text/index.js';
import { parseBloodPressure } from './blood-pressure.js';
import { matchChoice } from './choice.js';
import { parseDate } from './date.js';
import { detectIntent } from './intent.js';
import { parseNumber } from './number.js';
import { parseScale } from './scale.js';
import { EXPECT_KINDS, type ChoiceOption, type ExpectKind, type NluRequest, type NluResult, type Unit, UNITS } from './types.js';
import { yesNoEn } from './yes-no-en.js';
import { yesNoZh } from './yes-no-zh.js';

/** The clinical module's contract (symptom and red-flag lexicons live there, not here). */
interface ClinicalApi {
  extractSymptoms(text: string, lang: 'zh' | 'en'): { present: string[]; absent: string[] };
  detectRedFlags(text: string, lang: 'zh' | 'en'): string[];
}

/** Resolved at call time, so the NLU works (and reports clearly) while clinical is being built. */
function clinicalApi(): ClinicalApi {
  const c = clinical as unknown as Partial<ClinicalApi>;
  if (typeof c.extractSymptoms !== 'function' || typeof c.detectRedFlags !== 'function') {
    throw new TzError('TZ_ERR_INTERNAL', { missing: 'clinical extractSymptoms/detectRedFlags' });
  }
  return c as ClinicalApi;
}

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
      return { kind, answer: lang === 'zh' ? yesNoZh(utterance, asked) : yesNoEn(utterance, asked) };
    case 'number':
      return { kind, ...parseNumber(utterance, lang, asked, unit) };
    case 'blood-pressure':
      return { kind, ...parseBloodPressure(utterance, lang) };
    case 'scale-0-10':
      return { kind, ...parseScale(utterance, lang) };
    case 'date':
      return { kind, ...parseDate(utterance, lang, req.callDate, asked) };
    case 'intent':
      return { kind, intent: detectIntent(utterance, lang) };
    case 'choice':
      return { kind, choice: matchChoice(utterance, lang, choices) };
    case 'free-text':
      return { kind, text: normalizeUtterance(utterance, lang) };
    case 'symptoms': {
      const s = clinicalApi().extractSymptoms(utterance, lang);
      return { kind, present: [...s.present], absent: [...s.absent] };
    }
    case 'red-flag': {
      const flags = clinicalApi().detectRedFlags(utterance, lang);
      return { kind, red_flag: flags[0] ?? null };
    }
  }
}
