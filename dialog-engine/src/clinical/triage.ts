/**
 * Triage of a free narrative (first or third person): red flags first, then complaint rules,
 * ending in one disposition and, for D4-D6 only, a department.
 */
import { PEDIATRIC_OVERRIDE, type DepartmentId } from './departments.js';
import { DISPOSITION_LADDER, redFlagDisposition, type DispositionId } from './dispositions.js';
import { findMentions, presentIds } from './mentions.js';
import { extractAge, extractDurationDays, extractSystolic, extractTemperatureC } from './quantities.js';
import { redFlagsFromFacts } from './redflags.js';
import { extractSymptoms, type SymptomResult } from './symptoms.js';
import { TRIAGE_RULES, type TriageFacts } from './triage-rules.js';
import type { RedFlagId } from './types.js';

export interface TriageOptions {
  ageYears?: number;
  ageMonths?: number;
}

export interface TriageResult {
  disposition: DispositionId;
  red_flags: RedFlagId[];
  department: DepartmentId | null;
  symptoms: SymptomResult;
  reasons: string[];
}

/** Symptoms that deserve a clinic visit even when they have passed (a faint, chest pain, a TIA). */
const WORTH_A_LOOK: ReadonlySet<string> = new Set([
  'fainting', 'chest-pain', 'weakness-one-side', 'speech-difficulty', 'facial-droop', 'confusion', 'black-stool', 'blood-in-urine',
  'shortness-of-breath', 'palpitations', 'suicidal-thoughts',
]);
/** Adult age from which a narrative counts as an older person (years). */
export const ELDERLY_YEARS = 65;
/** Under this age (years) the pediatric department applies. */
export const CHILD_YEARS = 14;

export function triage(narrative: string, lang: 'zh' | 'en', opts: TriageOptions = {}): TriageResult {
  const { norm, mentions } = findMentions(narrative, lang);
  const present = presentIds(mentions, 'any');
  const temperatureC = extractTemperatureC(norm, lang);
  if (temperatureC !== null && temperatureC >= 37.5 && !mentions.some((m) => m.id === 'fever' && m.status !== 'present')) present.add('fever');
  const age = extractAge(norm, lang);
  let ageMonths = opts.ageMonths ?? (opts.ageYears !== undefined ? opts.ageYears * 12 : null);
  if (ageMonths === null && age) ageMonths = age.months ?? (age.years !== undefined ? age.years * 12 : null);
  const symptoms = extractSymptoms(narrative, lang, { subject: 'any' });
  const red = redFlagsFromFacts({ present, temperatureC, ageMonths });
  const reasons: string[] = [];

  if (red.length > 0) {
    const suicidalAct = present.has('x:suicide-act') || present.has('x:poison') || present.has('x:poison-severe');
    const disposition = redFlagDisposition(red, { suicidalAct });
    for (const flag of red) reasons.push(`red flag: ${flag}`);
    if (red.includes('suicidal')) reasons.push(suicidalAct ? 'suicidal with an act or plan' : 'suicidal thoughts: nurse now');
    return { disposition, red_flags: red, department: null, symptoms, reasons };
  }

  const ageYears = ageMonths !== null ? ageMonths / 12 : null;
  const facts: TriageFacts = {
    present,
    temperatureC,
    ageMonths,
    durationDays: extractDurationDays(norm, lang),
    systolic: extractSystolic(norm, lang),
    child: ageYears !== null ? ageYears < CHILD_YEARS : present.has('x:child'),
    elderly: ageYears !== null ? ageYears >= ELDERLY_YEARS : present.has('x:old'),
  };
  let best: { disposition: DispositionId; department: DepartmentId | null; reason: string } | null = null;
  for (const rule of TRIAGE_RULES) {
    if (!rule.when(facts)) continue;
    reasons.push(rule.reason);
    if (!best || Number(rule.disposition.slice(1)) < Number(best.disposition.slice(1))) best = rule;
  }
  if (!best) {
    // Every symptom told has already gone or was denied ("有点头疼 休息一下就好了"): self-care
    // with the safety net; nothing recognised at all: a routine general clinic.
    const told = mentions.filter((m) => !m.id.startsWith('x:'));
    if (told.length > 0 && told.every((m) => (m.status === 'resolved' || m.status === 'negated') && !(m.status === 'resolved' && WORTH_A_LOOK.has(m.id)))) {
      reasons.push('symptoms already gone or denied: self-care');
      best = { disposition: 'D7', department: null, reason: 'resolved' };
    } else {
      reasons.push('no specific complaint recognised: routine general medicine');
      best = { disposition: 'D6', department: 'general-medicine', reason: 'unrecognised' };
    }
  }
  let department = DISPOSITION_LADDER[best.disposition].allowsDepartment ? best.department : null;
  if (department && facts.child && PEDIATRIC_OVERRIDE.has(department)) department = 'pediatrics';
  return { disposition: best.disposition, red_flags: [], department, symptoms, reasons };
}
