/**
 * The retry of an interrupted call (its gateway crashed mid-call; the answers given were kept):
 * the script's `onInterrupted` says whether the call resumes (a question answered before is not
 * asked again, except consent and identity) or restarts (every question asked again). Never
 * silent: before its first question past consent the patient hears which it is, and the result
 * says it too, every answer from the earlier call keeping the attempt it was given in.
 */
import type { Continuation, InterruptedAttempt } from '@tingzhen/voice-core';
import type { Script } from '../script/types.js';
import type { StepContext } from '../steps/types.js';
import { defaultText } from './texts.js';
import type { Action, Answer, ContinuationState, RunnerState, Step } from './types.js';

/** Roles of questions asked on every call, even one that resumes: the patient agrees again, and is who we think. */
const ALWAYS_ASKED = ['consent', 'identity'];

/** Safe by default: `restart` re-asks everything (a symptom may have changed since the cut call). */
export const DEFAULT_ON_INTERRUPTED = 'restart';

export function startContinuation(script: Script, interrupted: InterruptedAttempt): ContinuationState {
  const carried: Record<string, Answer> = {};
  for (const [stepId, a] of Object.entries(interrupted.answers)) carried[stepId] = { ...a, fromAttemptId: a.fromAttemptId ?? interrupted.attemptId };
  return { mode: (script.onInterrupted ?? DEFAULT_ON_INTERRUPTED) === 'resume' ? 'resumed' : 'restarted', fromAttemptId: interrupted.attemptId, carried, announced: false };
}

function alwaysAsked(step: Step): boolean {
  return step.roles?.some((r) => ALWAYS_ASKED.includes(r)) ?? false;
}

/**
 * Said once, on entering the first question that is not consent or identity: that this call
 * continues the earlier one, or starts it over. Not interruptible, so a key cannot skip it.
 */
export function continuationNotice(ctx: StepContext, state: RunnerState, step: Step): Action[] {
  const c = state.continuation;
  if (!c || c.announced || alwaysAsked(step)) return [];
  c.announced = true;
  const key = c.mode === 'resumed' ? 'resumed' : 'restarted';
  return [{ type: 'say', text: defaultText(key, ctx.script.interrupts?.[key], ctx.lang), lang: ctx.lang, bargeIn: false, stepId: step.id }];
}

/** The earlier answer to this question when the call resumes and the question may be skipped (same expectation). */
export function carriedAnswer(state: RunnerState, step: Step): Answer | null {
  const c = state.continuation;
  if (c?.mode !== 'resumed' || alwaysAsked(step)) return null;
  const a = c.carried[step.id];
  return a && a.expect === step.expect ? a : null;
}

/** This call's answers with the earlier ones it did not replace (each with its attempt), and the continuation. */
export function mergedAnswers(state: RunnerState): { answers: Record<string, Answer>; continuation?: Continuation } {
  const c = state.continuation;
  if (!c) return { answers: state.answers };
  const answers: Record<string, Answer> = { ...c.carried, ...state.answers };
  const carried = Object.entries(answers).filter(([, a]) => a.fromAttemptId !== undefined).map(([id]) => id);
  return { answers, continuation: { mode: c.mode, fromAttemptId: c.fromAttemptId, carried } };
}
