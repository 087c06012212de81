/**
 * A caller's speech made ready for the runner when an LLM endpoint is configured. The runner is a
 * pure, synchronous reducer; the model is a network call, so this runs before it, in the call:
 *  - on a triage step (the hotline's "what is wrong"), the rules triage the narrative and the model
 *    reviews their result: it may add red flags and raise the disposition, never lower it or take
 *    a flag away (triage-review.ts); the decision rides on the input (`triage`) with its rule;
 *  - on any other question whose answer the rules cannot read, the model fills the slot
 *    (slot-fill.ts), and the ask step checks the value again.
 * Without a client, for input that is not speech, or on any failure of the model, the input goes
 * on exactly as it came, and the rules decide alone.
 */
import type { LlmClient, TriageDecision } from '@tingzhen/voice-core';
import { triage, type TriageResult } from '../clinical/triage.js';
import type { Interpreter } from '../runner/interpreter.js';
import type { Input, RunnerState } from '../runner/types.js';
import type { Script } from '../script/types.js';
import { mergeTriageReview, requestTriageReview } from './triage-review.js';
import { speechInput } from './slot-fill.js';

export interface PrepareDeps {
  interpreter: Interpreter;
  llm?: LlmClient;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The clinical triage's result as the dialog contract's decision. */
export function triageDecision(t: TriageResult, reviewedByLlm: boolean): TriageDecision {
  return {
    disposition: t.disposition, redFlags: [...t.red_flags], department: t.department, rule: t.rule, complaint: t.complaint,
    findings: t.modifiers.map((m) => ({ id: m.id, words: [...m.words] })), ...(reviewedByLlm ? { reviewedByLlm: true } : {}),
  };
}

/** The rules' triage of a narrative, reviewed by the model; `reviewedByLlm` only when a valid review came back. */
export async function reviewedTriage(llm: LlmClient, narrative: string, lang: 'zh' | 'en', opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<TriageDecision> {
  const rules = triage(narrative, lang);
  const review = await requestTriageReview(llm, rules, { narrative, lang, ...opts });
  return review ? triageDecision(mergeTriageReview(rules, review, narrative, lang), true) : triageDecision(rules, false);
}

export async function prepareInput(script: Script, state: RunnerState, input: Input, deps: PrepareDeps): Promise<Input> {
  if (!deps.llm || input.type !== 'speech' || input.unrecognised === true || input.text.trim() === '') return input;
  if (state.phase !== 'listening' || state.ask === null) return input;
  const step = script.steps.find((s) => s.id === state.ask!.stepId);
  if (!step || step.kind !== 'ask') return input;
  const opts = { ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}), ...(deps.signal ? { signal: deps.signal } : {}) };
  if (step.triage === true) return { ...input, triage: await reviewedTriage(deps.llm, input.text, state.lang, opts) };
  const filled = await speechInput(script, state, input.text, input.confidence, { interpreter: deps.interpreter, llm: deps.llm, ...opts });
  return filled.type === 'speech' && filled.slot ? { ...input, slot: filled.slot } : input;
}
