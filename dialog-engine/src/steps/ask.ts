/**
 * ask: a question with an expectation, a DTMF mapping, endpoint hints and no-input / no-match
 * policies (reprompt, then the DTMF prompt, then a human by default). Interrupts (red flags,
 * "a human please", opt-out...) are checked by the runner before the answer reaches this step.
 */
import { Type } from '@sinclair/typebox';
import {
  DtmfSchema, EndpointSchema, ExpectSchema, LangText, PolicySchema, baseStepFields,
  type EndpointHints, type Expect, type Policy, type ResolvedPolicy,
} from '../script/common.js';
import type { TriageDecision } from '@tingzhen/voice-core';
import type { Action, Answer, Input, RunnerState, Step } from '../runner/types.js';
import { choiceSynonyms, fromDigits, fromDtmfValue, fromInterpretation, type AskShape } from './ask-answer.js';
import { raiseDisposition } from './effects.js';
import { defaultText } from '../runner/texts.js';
import { carriedAnswer, continuationNotice } from '../runner/continuation.js';
import type { StepContext, StepEffect, StepKind } from './types.js';

const ChoiceSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$' }),
    label: LangText,
    synonyms: Type.Optional(Type.Object({ zh: Type.Optional(Type.Array(Type.String())), en: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/** Endpoint defaults per expectation, ms: short answers end sooner, stories get time. */
const ENDPOINT_BY_EXPECT: Record<Expect, EndpointHints> = {
  'yes-no': { silenceAfterSpeechMs: 600, maxUtteranceMs: 8000 },
  number: { silenceAfterSpeechMs: 900, maxUtteranceMs: 10000 },
  'blood-pressure': { silenceAfterSpeechMs: 1000, maxUtteranceMs: 12000 },
  'scale-0-10': { silenceAfterSpeechMs: 800, maxUtteranceMs: 8000 },
  symptoms: { silenceAfterSpeechMs: 1500, maxUtteranceMs: 20000 },
  'red-flag': { silenceAfterSpeechMs: 1200, maxUtteranceMs: 15000 },
  intent: { silenceAfterSpeechMs: 800, maxUtteranceMs: 8000 },
  date: { silenceAfterSpeechMs: 1000, maxUtteranceMs: 10000 },
  choice: { silenceAfterSpeechMs: 800, maxUtteranceMs: 10000 },
  'free-text': { silenceAfterSpeechMs: 1500, maxUtteranceMs: 30000 },
};
/** Wait for speech to start, ms (a free story gets longer to begin). */
const NO_INPUT_TIMEOUT_MS = 6000;
const NO_INPUT_TIMEOUT_FREE_TEXT_MS = 8000;
const DEFAULT_POLICY: Omit<ResolvedPolicy, 'timeoutMs'> = { reprompts: 1, dtmfPrompts: 1, then: 'human' };
/** Below this ASR confidence (0..1) an answer counts as no-match. */
export const DEFAULT_MIN_CONFIDENCE = 0.45;

function policy(ctx: StepContext, step: Step, which: 'noInput' | 'noMatch'): ResolvedPolicy {
  const expect = step.expect as Expect;
  const timeoutMs = expect === 'free-text' || expect === 'symptoms' ? NO_INPUT_TIMEOUT_FREE_TEXT_MS : NO_INPUT_TIMEOUT_MS;
  return { timeoutMs, ...DEFAULT_POLICY, ...ctx.script.defaults?.[which], ...(step[which] as Policy | undefined) };
}

function prompt(ctx: StepContext, step: Step, state: RunnerState, mode: 'prompt' | 'reprompt' | 'dtmf'): Action[] {
  const key = mode === 'dtmf' ? 'dtmfPrompt' : mode === 'reprompt' && step.reprompt ? 'reprompt' : 'prompt';
  const text = ctx.render(step[key] as LangText, state);
  const dtmfOnly = mode === 'dtmf';
  state.lastSaid = [text];
  state.ask = { stepId: step.id, noInput: state.ask?.noInput ?? 0, noMatch: state.ask?.noMatch ?? 0, dtmfOnly, digits: '' };
  state.phase = 'listening';
  const dtmf = step.dtmf as AskShape['dtmf'];
  const bargeIn = (step.bargeIn as boolean | undefined) ?? ctx.script.flags.bargeIn ?? true;
  const expect = step.expect as Expect;
  return [
    { type: 'say', text, lang: ctx.lang, bargeIn, stepId: step.id },
    {
      type: 'listen', stepId: step.id, expect, dtmfOnly,
      typeAhead: (step.typeAhead as boolean | undefined) ?? ctx.script.flags.typeAhead ?? false,
      timeoutMs: policy(ctx, step, 'noInput').timeoutMs,
      endpoint: { ...ENDPOINT_BY_EXPECT[expect], ...ctx.script.defaults?.endpoint, ...(step.endpoint as EndpointHints | undefined) },
      dtmf: { ...(dtmf.map ? { map: dtmf.map } : {}), ...(dtmf.digits ? { maxDigits: dtmf.digits.maxDigits, terminator: dtmf.digits.terminator ?? '#', ...(dtmf.digits.separator ? { separator: dtmf.digits.separator } : {}) } : {}) },
    },
  ];
}

/** Reprompt, then the DTMF prompt, then the policy's final action. */
function escalate(ctx: StepContext, step: Step, state: RunnerState, which: 'noInput' | 'noMatch'): StepEffect {
  const ask = state.ask!;
  const count = which === 'noInput' ? ++ask.noInput : ++ask.noMatch;
  const p = policy(ctx, step, which);
  if (count <= p.reprompts) return { actions: prompt(ctx, step, state, 'reprompt'), wait: true };
  if (count <= p.reprompts + p.dtmfPrompts) return { actions: prompt(ctx, step, state, 'dtmf'), wait: true };
  state.ask = null;
  if (p.then === 'skip') return { actions: [], goto: ctx.following(step) };
  if (p.then === 'hangup') return { actions: [], escalate: { kind: 'no-response' } };
  return { actions: [], escalate: { kind: 'human', reason: which === 'noInput' ? 'no-input' : 'no-match' } };
}

/**
 * The caller spoke but nothing can recognise speech on this call: no point repeating the question.
 * Said once per call, briefly, that only keys work now, then straight to the keypad prompt; speech
 * again after the keypad prompt counts as a no-match (then the policy's final action).
 */
function keypadOnly(ctx: StepContext, step: Step, state: RunnerState): StepEffect {
  const ask = state.ask!;
  if (ask.dtmfOnly) return escalate(ctx, step, state, 'noMatch');
  const p = policy(ctx, step, 'noMatch');
  if (p.dtmfPrompts === 0) return escalate(ctx, step, state, 'noMatch');
  // The spoken reprompts are skipped: the keypad prompt is the next step.
  ask.noMatch = Math.max(ask.noMatch, p.reprompts);
  const notice: Action[] = state.keypadNoticeGiven === true ? [] : [{ type: 'say', text: defaultText('keypadOnly', ctx.script.interrupts?.keypadOnly, ctx.lang), lang: ctx.lang, bargeIn: false, stepId: step.id }];
  state.keypadNoticeGiven = true;
  const effect = escalate(ctx, step, state, 'noMatch');
  return { ...effect, actions: [...notice, ...effect.actions] };
}

/** Takes an answer; one carried from an interrupted call was saved in that call (no save-answer again). */
function accept(ctx: StepContext, step: Step, state: RunnerState, answer: Answer, carried = false, triaged?: TriageDecision): StepEffect {
  state.ask = null;
  const field = (step.field as string | undefined) ?? step.id;
  const actions: Action[] = carried ? [] : [{ type: 'save-answer', stepId: step.id, field, value: answer.value }];
  // A triage step's narrative: triaged outside the reducer (the rules raised by an LLM review) or here by the rules.
  const t = step.triage === true && answer.text ? triaged ?? answer.triage ?? triageHere(ctx, answer.text) : undefined;
  state.answers[step.id] = t ? { ...answer, triage: t } : answer;
  if (t) {
    if (t.redFlags.length > 0) return { actions, escalate: { kind: 'red-flag', redFlags: t.redFlags } };
    raiseDisposition(state, t.disposition);
    if (t.department) state.department = t.department;
  }
  if (step.expect === 'red-flag' && typeof answer.value.red_flag === 'string') {
    return { actions, escalate: { kind: 'red-flag', redFlags: [answer.value.red_flag] } };
  }
  return { actions, goto: ctx.following(step) };
}

function triageHere(ctx: StepContext, text: string): TriageDecision | undefined {
  if (!ctx.interpreter.triage) return undefined;
  const t = ctx.interpreter.triage(text, ctx.lang);
  return {
    disposition: t.disposition, redFlags: t.red_flags, department: t.department ?? null, ...(t.rule ? { rule: t.rule } : {}),
    ...(t.complaint !== undefined ? { complaint: t.complaint } : {}), ...(t.findings ? { findings: t.findings } : {}),
  };
}

function shapeOf(step: Step): AskShape {
  return step as unknown as AskShape;
}

export const askStep: StepKind = {
  kind: 'ask',
  schema: Type.Object(
    {
      ...baseStepFields,
      kind: Type.Literal('ask'),
      expect: ExpectSchema,
      prompt: LangText,
      reprompt: Type.Optional(LangText),
      /** Spoken after speech failed: which keys to press. */
      dtmfPrompt: LangText,
      dtmf: DtmfSchema,
      choices: Type.Optional(Type.Array(ChoiceSchema, { minItems: 2 })),
      unit: Type.Optional(Type.String()),
      range: Type.Optional(Type.Object({ min: Type.Number(), max: Type.Number() }, { additionalProperties: false })),
      noInput: Type.Optional(PolicySchema),
      noMatch: Type.Optional(PolicySchema),
      endpoint: Type.Optional(EndpointSchema),
      bargeIn: Type.Optional(Type.Boolean()),
      /** Input that comes before this question is asked answers it (see flags.typeAhead). */
      typeAhead: Type.Optional(Type.Boolean()),
      /** Name of the saved field (default: the step id). */
      field: Type.Optional(Type.String({ pattern: '^[a-z0-9_]+$' })),
      /** Run clinical triage on the free answer (triage hotline chief complaint). */
      triage: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  targets: () => [],
  texts: (step) => {
    const out = [{ path: 'prompt', text: step.prompt as LangText }, { path: 'dtmfPrompt', text: step.dtmfPrompt as LangText }];
    if (step.reprompt) out.push({ path: 'reprompt', text: step.reprompt });
    (shapeOf(step).choices ?? []).forEach((c, i) => out.push({ path: `choices/${i}/label`, text: c.label }));
    return out;
  },
  needsNext: true,
  enter(ctx, step, state) {
    state.ask = null;
    // The retry of an interrupted call: told first; a question answered then is skipped when resuming.
    const notice = continuationNotice(ctx, state, step);
    const earlier = carriedAnswer(state, step);
    if (earlier) {
      const effect = accept(ctx, step, state, earlier, true);
      return { ...effect, actions: [...notice, ...effect.actions] };
    }
    return { actions: [...notice, ...prompt(ctx, step, state, 'prompt')], wait: true };
  },
  onInput(ctx, step, state, input: Input) {
    const shape = shapeOf(step);
    const ask = state.ask!;
    if (input.type === 'no-input') {
      if (ask.digits.length > 0) return finishDigits(ctx, step, state);
      return escalate(ctx, step, state, 'noInput');
    }
    if (input.type === 'dtmf') {
      const mapped = shape.dtmf.map?.[input.digit];
      if (mapped !== undefined) {
        const v = fromDtmfValue(shape, mapped);
        return v ? accept(ctx, step, state, { expect: shape.expect, value: v, via: 'dtmf' }) : escalate(ctx, step, state, 'noMatch');
      }
      const d = shape.dtmf.digits;
      if (d && /^[0-9]$/.test(input.digit)) {
        ask.digits += input.digit;
        const count = ask.digits.replace(/\*/g, '').length;
        const limit = shape.expect === 'blood-pressure' ? d.maxDigits * 2 : d.maxDigits;
        return count >= limit ? finishDigits(ctx, step, state) : { actions: [], wait: true };
      }
      if (d && input.digit === '*' && d.separator === '*' && ask.digits.length > 0) {
        ask.digits += '*';
        return { actions: [], wait: true };
      }
      if (d && input.digit === '#' && ask.digits.length > 0) return finishDigits(ctx, step, state);
      return escalate(ctx, step, state, 'noMatch');
    }
    if (input.type !== 'speech') return { actions: [], wait: true };
    if (input.unrecognised === true) return keypadOnly(ctx, step, state);
    const min = ctx.script.flags.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    if (input.confidence !== undefined && input.confidence < min) return escalate(ctx, step, state, 'noMatch');
    const choices = shape.choices?.map((c) => ({ id: c.id, synonyms: choiceSynonyms(c, ctx.lang) }));
    const raw = input.slot ?? ctx.interpreter.interpret({
      lang: ctx.lang, asked: state.lastSaid[0], expect: shape.expect, utterance: input.text,
      ...(ctx.callDate ? { callDate: ctx.callDate } : {}), ...(choices ? { choices } : {}),
    });
    const value = fromInterpretation(shape, raw, input.text, ctx.lang);
    if (value === null) return escalate(ctx, step, state, 'noMatch');
    return accept(ctx, step, state, { expect: shape.expect, value, via: input.slot ? 'llm' : 'speech', text: input.text }, false, input.triage);
  },
};

function finishDigits(ctx: StepContext, step: Step, state: RunnerState): StepEffect {
  const shape = shapeOf(step);
  const v = fromDigits(shape, state.ask!.digits);
  state.ask!.digits = '';
  return v ? accept(ctx, step, state, { expect: shape.expect, value: v, via: 'dtmf' }) : escalate(ctx, step, state, 'noMatch');
}

/** For the LLM slot filler: what the current ask expects. */
export function askShape(step: Step): AskShape {
  return shapeOf(step);
}

/** Say the current question again ("repeat that", or after a declined red-flag check). */
export function repeatAsk(ctx: StepContext, step: Step, state: RunnerState): Action[] {
  return prompt(ctx, step, state, state.ask?.dtmfOnly ? 'dtmf' : 'prompt');
}
