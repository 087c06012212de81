/**
 * Triage of a free narrative (first or third person): red flags first, then complaint rules,
 * ending in one disposition and, for D4-D6 only, a department.
 */
import { complaintHits, type ComplaintHit } from './complaints/evaluate.js';
import { modifierLexicons } from './modifier-lexicons.js';
import { PEDIATRIC_OVERRIDE, type DepartmentId } from './departments.js';
import { DISPOSITION_LADDER, moreUrgent, redFlagDisposition, type DispositionId } from './dispositions.js';
import { withoutExplained } from './explained-signs.js';
import { findMentions, presentIds } from './mentions.js';
import { ageGroup, vitalModifiers, type ModifierHit } from './modifiers/first-order.js';
import { LEVEL_DISPOSITION } from './modifiers/vital-thresholds.js';
import { extractAge, extractDurationDays, extractTemperatureC } from './quantities.js';
import { extractSystolic } from './modifiers/vitals.js';
import { reconcileFlags, redFlagsFromFacts } from './redflags.js';
import { extractSymptoms, type SymptomResult } from './symptoms.js';
import { TRIAGE_RULES, type TriageFacts } from './triage-rules.js';
import { feverFromC } from './rule-table.js';
import type { RedFlagId } from './types.js';


export interface TriageOptions {
  ageYears?: number;
  ageMonths?: number;
}

/** One modifier found, with the words of the narrative that triggered it (for the nurse's audit). */
export interface TriageModifier {
  id: string;
  words: string[];
  /** China four-level triage level it implies (1 most urgent), when it implies one. */
  level?: number;
  source?: string;
}

export interface TriageResult {
  disposition: DispositionId;
  red_flags: RedFlagId[];
  department: DepartmentId | null;
  symptoms: SymptomResult;
  reasons: string[];
  /** The presenting complaint (CEDIS-style id from complaints/complaints.ts), or null. */
  complaint: string | null;
  /** First-order (vital:) and complaint-specific (complaint id/modifier id) modifiers found. */
  modifiers: TriageModifier[];
  /** What decided the disposition: `red-flag:<id>`, `vital:<id>`, `complaint:<id>/<modifier>`, `rule:<reason>`. */
  rule: string;
}

const level = (d: DispositionId): number => Number(d.slice(1));

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
  const base = baseTriage(narrative, lang, opts);
  const { norm, mentions, present, ageMonths, child } = base.ctx;
  const group = ageGroup(ageMonths, child || present.has('x:small-child') || present.has('x:newborn'));
  const vitals = vitalModifiers(norm, lang, group);
  const withVitals = new Set([...present, ...vitals.map((v) => v.id)]);
  // An age told as a number is an older person for the complaint rows too (they read x:old).
  if (ageMonths !== null && ageMonths >= ELDERLY_YEARS * 12) withVitals.add('x:old');
  const complaints = complaintHits({ norm, mentions, present: withVitals, group });
  return episodeOver(raise(base.result, vitals, complaints, present, group === 'infant', ageMonths), mentions, vitals);
}

/** Flags whose event can pass (a TIA, a faint, a fit) and leave a person who is well now. */
const EPISODE_FLAGS: ReadonlySet<RedFlagId> = new Set<RedFlagId>(['stroke-signs', 'altered-consciousness']);
const EPISODE_SIGNS: ReadonlySet<string> = new Set(['weakness-one-side', 'speech-difficulty', 'facial-droop', 'confusion', 'fainting', 'x:rf-altered', 'x:not-awake', 'x:vision-loss', 'x:balance', 'm:seizure', 'm:syncope', 'x:brief-loc']);

/**
 * A red-flag episode that has passed, told with the person well now and no sign after that
 * ("十来分钟就好了 现在跟没事人一样", "went back to normal, now I'm fine"): CTAS II and stable,
 * so the emergency department now (D2) rather than an ambulance; never below D2, never with an
 * abnormal measured value or another kind of flag.
 */
function episodeOver(r: TriageResult, mentions: ReturnType<typeof findMentions>['mentions'], vitals: ModifierHit[]): TriageResult {
  if (r.disposition !== 'D1' || r.red_flags.length === 0 || !r.red_flags.every((f) => EPISODE_FLAGS.has(f))) return r;
  if (vitals.some((v) => v.level <= 2)) return r;
  const well = mentions.filter((m) => m.id === 'x:now-well' && m.status === 'present').at(-1);
  if (!well) return r;
  const signAfter = mentions.some((m) => m.start > well.end && m.status === 'present' && EPISODE_SIGNS.has(m.id));
  if (signAfter) return r;
  return { ...r, disposition: 'D2', rule: `episode-over:${r.red_flags[0]}`, reasons: [...r.reasons, 'the episode has passed and the person is well now: emergency department now (CTAS II, stable)'] };
}

interface BaseContext {
  norm: string;
  mentions: ReturnType<typeof findMentions>['mentions'];
  present: Set<string>;
  ageMonths: number | null;
  child: boolean;
}

/**
 * Raise-only layer: first-order modifiers (measured values) and complaint-specific modifiers can
 * make the disposition more urgent and add red flags; they never lower what the red flags and
 * complaint rules decided (normal vitals do not lower a red flag). Ties go to the more urgent.
 */
function raise(r: TriageResult, vitals: ModifierHit[], complaints: ComplaintHit[], present: Set<string>, infant: boolean, ageMonths: number | null): TriageResult {
  const modifiers: TriageModifier[] = [];
  let best: { d: DispositionId; rule: string; department: DepartmentId | null } = { d: r.disposition, rule: r.rule, department: r.department };
  const flags = new Set<RedFlagId>(r.red_flags);
  for (const v of vitals) {
    modifiers.push({ id: v.id, words: [v.words], level: v.level, source: v.source });
    if (v.redFlag) flags.add(v.redFlag);
    const d = v.disposition ?? LEVEL_DISPOSITION[v.level];
    if (d && level(d) < level(best.d)) best = { d, rule: v.id, department: null };
    if (d) r.reasons.push(`${v.label} (${v.words}): China level ${v.level}`);
  }
  const main = [...complaints].sort((a, b) => (a.level ?? 5) - (b.level ?? 5))[0] ?? null;
  for (const c of complaints) {
    const id = c.modifier ? `${c.complaint.id}/${c.modifier.id}` : c.complaint.id;
    modifiers.push({ id, words: c.words, ...(c.level !== null ? { level: c.level } : {}), ...(c.modifier ? { source: c.modifier.source } : {}) });
    if (c.redFlag) flags.add(c.redFlag);
    if (c.disposition && level(c.disposition) < level(best.d)) {
      best = { d: c.disposition, rule: `complaint:${id}`, department: c.modifier ? null : c.complaint.department };
      r.reasons.push(`${c.complaint.label.en}${c.modifier ? ` with ${c.modifier.id}` : ''}: ${c.disposition}`);
    }
  }
  // A familiar minor complaint with nothing else found: self-care (never below D5 from a rule
  // about something more serious, never with a red flag, an abnormal value or an infant).
  const benign = complaints.find((c) => c.complaint.benign && c.disposition);
  const alarms = flags.size > 0 || vitals.some((v) => v.level <= 3) || complaints.some((c) => !c.complaint.benign && c.disposition && level(c.disposition) <= 4);
  // Never from D4 (tried: a child's earache with fever and a toddler's diarrhoea with less urine came down to self-care).
  if (benign?.disposition && !alarms && best.d === r.disposition && level(r.disposition) >= 5 && level(benign.disposition) > level(best.d) && (!infant || (benign.complaint.infantsToo === true && ageMonths !== null && ageMonths >= 3))) {
    best = { d: benign.disposition, rule: `complaint:${benign.complaint.id}`, department: benign.complaint.department };
    r.reasons.push(`${benign.complaint.label.en} without alarm features: ${benign.disposition} (CTAS V / China level 4)`);
  }
  const red = reconcileFlags(flags, { present, temperatureC: null, ageMonths });
  let disposition = best.d;
  if (red.length > r.red_flags.length) {
    const suicidalAct = present.has('x:suicide-act') || present.has('x:poison') || present.has('x:poison-severe') || present.has('m:suicide-means');
    disposition = moreUrgent(disposition, redFlagDisposition(red, { suicidalAct, critical: critical(present) }));
    for (const f of red) if (!r.red_flags.includes(f)) r.reasons.push(`red flag: ${f} (from a modifier)`);
  }
  const rule = disposition === best.d ? best.rule : `red-flag:${red.find((f) => !r.red_flags.includes(f)) ?? red[0]}`;
  let department = DISPOSITION_LADDER[disposition].allowsDepartment ? (disposition === r.disposition ? r.department : best.department) : null;
  if (department === null && DISPOSITION_LADDER[disposition].allowsDepartment && level(disposition) <= level(r.disposition)) department = r.department;
  // The presenting complaint's own department beats the general one (a cataract: ophthalmology).
  if (DISPOSITION_LADDER[disposition].allowsDepartment && (department === null || department === 'general-medicine') && main?.complaint.department) department = main.complaint.department;
  return { ...r, disposition, red_flags: red, department, complaint: main?.complaint.id ?? null, modifiers, rule };
}

/** Signs that an infection is failing the circulation or the brain (see RedFlagDispositionOptions.critical). */
function critical(present: Set<string>): boolean {
  const has = (id: string): boolean => present.has(id);
  if ((has('x:non-blanching-rash') || has('m:non-blanching')) && has('fever')) return true;
  const signs = [has('confusion') || has('x:rf-altered'), has('x:fast-breathing'), has('x:mottled')].filter(Boolean).length;
  return signs >= 2;
}

function baseTriage(narrative: string, lang: 'zh' | 'en', opts: TriageOptions): { result: TriageResult; ctx: BaseContext } {
  const found = findMentions(narrative, lang, modifierLexicons(lang));
  const norm = found.norm;
  const age = extractAge(norm, lang);
  let ageMonths = opts.ageMonths ?? (opts.ageYears !== undefined ? opts.ageYears * 12 : null);
  if (ageMonths === null && age) ageMonths = age.months ?? (age.years !== undefined ? age.years * 12 : null);
  // Signs a told benign context explains (a teething baby's drooling) are not read as signs.
  const mentions = withoutExplained(found.mentions, norm, lang, ageMonths);
  const present = presentIds(mentions, 'any', norm);
  const temperatureC = extractTemperatureC(norm, lang);
  // A measured fever counts unless the fever is denied or said to be over (a rule about fever told in the past, 医生交代过发烧要马上去, does not undo a reading).
  if (temperatureC !== null && temperatureC >= feverFromC(ageMonths) && !mentions.some((m) => m.id === 'fever' && (m.status === 'negated' || m.status === 'resolved'))) present.add('fever');
  const symptoms = extractSymptoms(narrative, lang, { subject: 'any' });
  const red = redFlagsFromFacts({ present, temperatureC, ageMonths });
  const reasons: string[] = [];

  if (red.length > 0) {
    const suicidalAct = present.has('x:suicide-act') || present.has('x:poison') || present.has('x:poison-severe');
    const disposition = redFlagDisposition(red, { suicidalAct, critical: critical(present) });
    for (const flag of red) reasons.push(`red flag: ${flag}`);
    if (red.includes('suicidal')) reasons.push(suicidalAct ? 'suicidal with an act or plan' : 'suicidal thoughts: nurse now');
    return { result: { disposition, red_flags: red, department: null, symptoms, reasons, complaint: null, modifiers: [], rule: `red-flag:${red[0]}` }, ctx: { norm, mentions, present, ageMonths, child: ageMonths !== null ? ageMonths < CHILD_YEARS * 12 : present.has('x:child') } };
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
    if (!TRIAGE_RULES.applies(rule, facts)) continue;
    reasons.push(rule.reason);
    if (!best || Number(rule.disposition.slice(1)) < Number(best.disposition.slice(1))) best = rule;
  }
  if (!best) {
    // Every symptom told has already gone or was denied ("有点头疼 休息一下就好了"): self-care
    // with the safety net; nothing recognised at all: a routine general clinic.
    const told = mentions.filter((m) => !/^[a-z]+:/.test(m.id));
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
  return { result: { disposition: best.disposition, red_flags: [], department, symptoms, reasons, complaint: null, modifiers: [], rule: `rule:${best.reason}` }, ctx: { norm, mentions, present, ageMonths, child: facts.child } };
}
