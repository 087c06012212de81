/**
 * The LLM's slot in triage (optional, only when an endpoint is configured): the model reads the
 * narrative and the rules' result and may ADD findings and red flags and RAISE the disposition,
 * never lower it or take a flag away. Its output must match a JSON schema (validated with
 * TypeBox) and every finding must quote words that are in the narrative; anything else is
 * dropped. Any failure (timeout, bad JSON, schema) leaves the rules' result untouched.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createLogger, isTzError, type LlmClient } from '@tingzhen/voice-core';
import { DISPOSITION_IDS, moreUrgent, redFlagDisposition, type DispositionId } from '../clinical/dispositions.js';
import { normalizeNarrative } from '../clinical/narrative-text.js';
import type { TriageModifier, TriageResult } from '../clinical/triage.js';
import { RED_FLAG_IDS, type RedFlagId } from '../clinical/types.js';

const log = createLogger({ name: 'llm-triage' });

export const TriageReviewSchema = Type.Object({
  disposition: Type.Union(DISPOSITION_IDS.map((d) => Type.Literal(d))),
  red_flags: Type.Array(Type.Union(RED_FLAG_IDS.map((f) => Type.Literal(f))), { maxItems: RED_FLAG_IDS.length }),
  findings: Type.Array(Type.Object({
    id: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }),
    words: Type.String({ minLength: 1, maxLength: 200 }),
  }, { additionalProperties: false }), { maxItems: 12 }),
  reason: Type.String({ maxLength: 300 }),
}, { additionalProperties: false });
export type TriageReview = Static<typeof TriageReviewSchema>;

export interface TriageReviewRequest {
  narrative: string;
  lang: 'zh' | 'en';
  timeoutMs?: number;
  signal?: AbortSignal;
}

const SYSTEM = [
  'You review a telephone triage decision made by rules for a hospital hotline.',
  'Read the caller narrative and the rules\' result. Answer in JSON matching the schema:',
  'disposition (D1 call 120 now, D2 emergency department now, D3 nurse now, D4 today, D5 within 1-3 days, D6 routine, D7 self-care),',
  'red_flags (from the allowed ids), findings (each an id in kebab-case and the exact words of the narrative that show it),',
  'and a one-line reason. Only report what the narrative says. Do not give advice to the caller.',
].join(' ');

/**
 * Merges a validated review into the rules' result: red flags are the union, the disposition is
 * the more urgent of the rules', the review's and what any new flag requires; a finding is kept
 * only when its words are in the narrative. The rules' department stays unless the result became
 * one that takes none. Pure: the rules' result is not changed.
 */
export function mergeTriageReview(rules: TriageResult, review: TriageReview, narrative: string, lang: 'zh' | 'en'): TriageResult {
  const norm = normalizeNarrative(narrative, lang);
  const grounded = review.findings.filter((f) => norm.includes(normalizeNarrative(f.words, lang)));
  const added = review.red_flags.filter((f) => !rules.red_flags.includes(f));
  const red_flags: RedFlagId[] = RED_FLAG_IDS.filter((f) => rules.red_flags.includes(f) || review.red_flags.includes(f));
  let disposition: DispositionId = moreUrgent(rules.disposition, review.disposition);
  if (added.length > 0) disposition = moreUrgent(disposition, redFlagDisposition(added, { suicidalAct: false }));
  const raised = disposition !== rules.disposition;
  const modifiers: TriageModifier[] = [...rules.modifiers, ...grounded.map((f) => ({ id: `llm:${f.id}`, words: [f.words] }))];
  const reasons = [...rules.reasons];
  if (raised || added.length > 0) reasons.push(`LLM review: ${review.reason || 'raised'}`);
  const department = raised && Number(disposition.slice(1)) <= 3 ? null : rules.department;
  return {
    ...rules,
    disposition,
    red_flags,
    department,
    modifiers,
    reasons,
    rule: raised ? `llm:${added[0] ? `red-flag:${added[0]}` : review.disposition}` : rules.rule,
  };
}

/** Asks the model for a review; null on any failure (the caller keeps the rules' result). */
export async function requestTriageReview(client: LlmClient, rules: TriageResult, req: TriageReviewRequest): Promise<TriageReview | null> {
  try {
    const text = await client.complete({
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: JSON.stringify({ language: req.lang, narrative: req.narrative, rules: { disposition: rules.disposition, red_flags: rules.red_flags, complaint: rules.complaint } }) },
      ],
      jsonSchema: TriageReviewSchema,
      ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
    } catch {
      log.warn({ code: 'TZ_ERR_LLM_OUTPUT' }, 'triage review is not JSON; keeping the rules');
      return null;
    }
    if (!Value.Check(TriageReviewSchema, parsed)) {
      log.warn({ code: 'TZ_ERR_LLM_OUTPUT' }, 'triage review failed validation; keeping the rules');
      return null;
    }
    return parsed;
  } catch (err) {
    log.warn({ code: isTzError(err) ? err.code : 'TZ_ERR_LLM' }, 'triage review failed; keeping the rules');
    return null;
  }
}

/** The rules' result, raised by the model's review when one is configured and valid. */
export async function reviewTriage(client: LlmClient, rules: TriageResult, req: TriageReviewRequest): Promise<TriageResult> {
  const review = await requestTriageReview(client, rules, req);
  return review ? mergeTriageReview(rules, review, req.narrative, req.lang) : rules;
}
