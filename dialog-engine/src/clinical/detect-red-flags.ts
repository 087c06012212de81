/**
 * Red flags of one utterance for a follow-up call, found exactly as the hotline triage finds them:
 * the red-flag rules (redflags.ts), then the first-order modifiers (measured values: "血氧88",
 * "BP 80/50") and the complaint table's second-order modifiers that carry a red flag. A follow-up
 * call and a triage call of the same words raise the same flags.
 */
import { complaintHits } from './complaints/evaluate.js';
import { findMentions } from './mentions.js';
import { modifierLexicons } from './modifier-lexicons.js';
import { ageGroup, vitalModifiers } from './modifiers/first-order.js';
import { readFacts, reconcileFlags, redFlagsFromFacts, type RedFlagContext } from './redflags.js';
import type { ClinicalLang, RedFlagId } from './types.js';

/** Under this age (months) a person counts as a child for the age-specific thresholds. */
const CHILD_MONTHS = 14 * 12;

export function detectRedFlags(text: string, lang: ClinicalLang, ctx: RedFlagContext = {}): RedFlagId[] {
  const { norm, mentions } = findMentions(text, lang, modifierLexicons(lang));
  const facts = readFacts(norm, mentions, lang, ctx);
  const flags = new Set<RedFlagId>(redFlagsFromFacts(facts));
  const { present, ageMonths } = facts;
  const child = ageMonths !== null ? ageMonths < CHILD_MONTHS : present.has('x:child') || present.has('x:small-child') || present.has('x:newborn');
  const group = ageGroup(ageMonths, child);
  const vitals = vitalModifiers(norm, lang, group);
  for (const v of vitals) if (v.redFlag) flags.add(v.redFlag);
  const subjectMentions = ctx.subject === 'patient' ? mentions.filter((m) => m.subject === 'patient') : mentions;
  const withVitals = new Set([...present, ...vitals.map((v) => v.id)]);
  for (const hit of complaintHits({ norm, mentions: subjectMentions, present: withVitals, group })) if (hit.redFlag) flags.add(hit.redFlag);
  return reconcileFlags(flags, facts);
}
