/**
 * The pure runner: next(state, input) -> { state, actions }. No I/O, no clocks, no randomness:
 * the same state and input always give the same output, and the state is plain JSON, so a call
 * can be saved mid-way and continued in another process.
 */
import { TzError, type InterruptedAttempt } from '@tingzhen/voice-core';
import type { Lang, LangText } from '../script/common.js';
import { scriptHash } from '../script/hash.js';
import { followingStep } from '../script/lint.js';
import { renderTemplate } from '../script/template.js';
import type { Script } from '../script/types.js';
import { DEFAULT_MIN_CONFIDENCE, repeatAsk } from '../steps/ask.js';
import { dispositionRank, alertAction } from '../steps/effects.js';
import { stepKind } from '../steps/registry.js';
import type { StepContext, StepEffect } from '../steps/types.js';
import type { Interpreter } from './interpreter.js';
import {
  busyPath, confirmRedFlagPrompt, deceasedPath, humanPath, noResponsePath, optOutPath, redFlagPath, transferDone, wrongPersonPath,
} from './interrupts.js';
import { defaultText } from './texts.js';
import { mergedAnswers, startContinuation } from './continuation.js';
import { callbackWhen, reportsDeath } from '../nlu/callback-time.js';
import type { Action, CallContext, CallResult, Input, RunnerState, Step } from './types.js';

export interface RunnerOptions {
  interpreter: Interpreter;
  /** YYYY-MM-DD, for relative dates in answers. */
  callDate?: string;
}

export interface StartOptions {
  lang: Lang;
  /** Patient fields for {{patient.*}} (patient data: never log). */
  patient?: Record<string, string>;
  /** Facts of the call that prompts may say: the hospital's name, whether the call is recorded. */
  context?: CallContext;
  /** This call retries an interrupted one that kept these answers: resumed or restarted as the script declares. */
  interrupted?: InterruptedAttempt;
}

export interface Runner {
  readonly script: Script;
  readonly hash: string;
  initialState(opts: StartOptions): RunnerState;
  next(state: RunnerState, input: Input): { state: RunnerState; actions: Action[] };
  result(state: RunnerState): CallResult;
}

/** Steps visited in one turn before we assume a loop without a question (a script bug). */
const MAX_STEPS_PER_TURN = 500;

export function createRunner(script: Script, opts: RunnerOptions): Runner {
  const hash = scriptHash(script);
  const byId = new Map(script.steps.map((s) => [s.id, s] as const));
  const fallbacks = Object.fromEntries(Object.entries(script.patientFields ?? {}).map(([k, v]) => [k, v.fallback]));

  const ctxFor = (lang: Lang): StepContext => ({
    script,
    interpreter: opts.interpreter,
    lang,
    ...(opts.callDate ? { callDate: opts.callDate } : {}),
    render: (text: LangText | undefined, state: RunnerState) =>
      renderTemplate(text?.[lang] ?? '', lang, {
        patient: state.patient, fallbacks, department: state.department, hospitalName: state.context?.hospitalName ?? null,
        // Only a recorded call hears the recording notice (and only a script that announces it records).
        recordingNotice: state.context?.recording && script.flags.recordingNotice ? defaultText('recordingNotice', script.interrupts?.recordingNotice, lang) : '',
      }),
    following: (step: Step) => followingStep(script, step),
  });

  function step(id: string): Step {
    const s = byId.get(id);
    if (!s) throw new TzError('TZ_ERR_SCRIPT_INVALID', { scriptId: script.id, stepId: id, problem: 'unknown step' });
    return s;
  }

  function handleEffect(ctx: StepContext, state: RunnerState, effect: StepEffect, actions: Action[]): void {
    actions.push(...effect.actions);
    if (effect.escalate) {
      const e = effect.escalate;
      if (e.kind === 'red-flag') actions.push(...redFlagPath(script, state, e.redFlags, 'red-flag'));
      else if (e.kind === 'human') actions.push(...humanPath(script, state, e.reason));
      else actions.push(...noResponsePath(script, state));
      return;
    }
    if (effect.wait) return;
    if (effect.goto === undefined || effect.goto === null) {
      const end = stepKind('hangup')!.enter(ctx, { id: state.stepId ?? 'end', kind: 'hangup' }, state);
      actions.push(...end.actions);
      return;
    }
    runFrom(ctx, state, effect.goto, actions);
  }

  function runFrom(ctx: StepContext, state: RunnerState, id: string, actions: Action[]): void {
    let current: string | null = id;
    for (let n = 0; current !== null; n++) {
      if (n > MAX_STEPS_PER_TURN) throw new TzError('TZ_ERR_SCRIPT_INVALID', { scriptId: script.id, stepId: current, problem: 'loop without a question' });
      const s = step(current);
      state.stepId = s.id;
      const effect = stepKind(s.kind)!.enter(ctx, s, state);
      actions.push(...effect.actions);
      if (effect.escalate || effect.wait || effect.goto === undefined || effect.goto === null) {
        handleEffect(ctx, state, { ...effect, actions: [] }, actions);
        return;
      }
      current = effect.goto;
    }
  }

  function onListeningInput(ctx: StepContext, state: RunnerState, input: Input, actions: Action[]): void {
    const s = step(state.stepId!);
    const ask = state.ask;
    if (input.type === 'speech') {
      const minConfidence = script.flags.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
      const lowConfidence = input.confidence !== undefined && input.confidence < minConfidence;
      const flags = opts.interpreter.detectRedFlags(input.text, state.lang);
      if (flags.length > 0) {
        actions.push(...(lowConfidence ? confirmRedFlagPrompt(script, state, flags) : redFlagPath(script, state, flags, 'red-flag')));
        return;
      }
      if (!lowConfidence && reportsDeath(input.text, state.lang)) { actions.push(...deceasedPath(script, state)); return; }
      if (!lowConfidence && s.expect !== 'intent') {
        const r = opts.interpreter.interpret({ lang: state.lang, expect: 'intent', utterance: input.text });
        switch (r.intent) {
          case 'emergency': actions.push(...redFlagPath(script, state, [], 'emergency')); return;
          case 'human': actions.push(...humanPath(script, state, 'caller-request')); return;
          case 'opt-out': actions.push(...optOutPath(script, state)); return;
          case 'wrong-person': actions.push(...wrongPersonPath(script, state)); return;
          case 'busy-call-later': actions.push(...busyPath(script, state, callbackWhen(input.text, state.lang, opts.callDate))); return;
          case 'repeat': actions.push(...repeatAsk(ctx, s, state)); return;
          default: break;
        }
      }
    }
    if (input.type === 'dtmf' && ask && ask.digits.length === 0) {
      const dtmf = s.dtmf as { map?: Record<string, string>; digits?: unknown };
      const mapped = dtmf.map?.[input.digit] !== undefined;
      if (!mapped && input.digit === '0' && !dtmf.digits) { actions.push(...humanPath(script, state, 'caller-request')); return; }
      if (!mapped && input.digit === '*') { actions.push(...repeatAsk(ctx, s, state)); return; }
    }
    handleEffect(ctx, state, stepKind(s.kind)!.onInput!(ctx, s, state, input), actions);
  }

  function onConfirmInput(ctx: StepContext, state: RunnerState, input: Input, actions: Action[]): void {
    let answer = 'yes';
    if (input.type === 'dtmf') answer = input.digit === '2' ? 'no' : 'yes';
    if (input.type === 'speech') {
      const a = opts.interpreter.interpret({ lang: state.lang, expect: 'yes-no', utterance: input.text }).answer;
      answer = typeof a === 'string' ? a : 'unclear';
    }
    const flags = state.pendingRedFlags;
    state.pendingRedFlags = [];
    if (answer === 'no') {
      // The caller says it was not urgent: back to the question we were on.
      state.phase = 'listening';
      actions.push(...repeatAsk(ctx, step(state.stepId!), state));
      return;
    }
    // Yes, unclear or silence: the safe side.
    actions.push(...redFlagPath(script, state, flags, 'red-flag'));
  }

  function validate(input: Input): void {
    const bad = (problem: string): never => { throw new TzError('TZ_ERR_VALIDATION', { problem, inputType: (input as { type?: unknown }).type }); };
    if (input === null || typeof input !== 'object') bad('input is not an object');
    if (input.type === 'dtmf' && !(typeof input.digit === 'string' && /^[0-9*#]$/.test(input.digit))) bad('dtmf digit must be one of 0-9 * #');
    if (input.type === 'speech' && typeof input.text !== 'string') bad('speech text must be a string');
    if (input.type === 'speech' && input.confidence !== undefined && !(input.confidence >= 0 && input.confidence <= 1)) bad('confidence must be within 0..1');
    if (!['start', 'speech', 'dtmf', 'no-input', 'action-done', 'hangup'].includes(input.type)) bad('unknown input type');
  }

  return {
    script,
    hash,
    initialState({ lang, patient = {}, context, interrupted }) {
      if (!script.languages.includes(lang)) throw new TzError('TZ_ERR_VALIDATION', { scriptId: script.id, lang, problem: 'language not in script' });
      for (const [field, def] of Object.entries(script.patientFields ?? {})) {
        if (patient[field] === undefined && def.fallback?.[lang] === undefined) throw new TzError('TZ_ERR_VALIDATION', { scriptId: script.id, field, problem: 'missing patient field' });
      }
      return {
        v: 1, scriptId: script.id, scriptVersion: script.version, scriptHash: hash, lang, patient: { ...patient },
        phase: 'idle', stepId: null, ask: null, answers: {}, saved: {}, disposition: null, redFlags: [], department: null,
        tags: [], outcome: null, doNotCall: false, alerted: false, transfer: null, pendingRedFlags: [], lastSaid: [], turns: 0,
        context: { hospitalName: context?.hospitalName ?? null, recording: context?.recording === true },
        ...(interrupted ? { continuation: startContinuation(script, interrupted) } : {}),
      };
    },
    next(prev, input) {
      validate(input);
      if (prev.scriptHash !== hash) throw new TzError('TZ_ERR_DIALOG_STATE', { scriptId: script.id, problem: 'state belongs to another script version' });
      const state = structuredClone(prev);
      const ctx = ctxFor(state.lang);
      const actions: Action[] = [];
      state.turns++;
      const illegal = (): never => { throw new TzError('TZ_ERR_DIALOG_STATE', { phase: state.phase, inputType: input.type }); };
      switch (input.type) {
        case 'start':
          if (state.phase !== 'idle') illegal();
          runFrom(ctx, state, script.start ?? script.steps[0]!.id, actions);
          break;
        case 'hangup': {
          if (state.phase === 'ended') break;
          // A call the platform cut (a shutdown) is never the caller's doing, and a nurse hears of it.
          const shutdown = input.reason === 'platform-shutdown';
          if (shutdown && !state.transfer) actions.push(alertAction(state, 'platform-shutdown', state.disposition !== null && dispositionRank(state.disposition) <= 4 ? undefined : 'normal'));
          else if (!state.alerted && state.disposition !== null && dispositionRank(state.disposition) <= 4) actions.push(alertAction(state, 'caller-hung-up'));
          state.phase = 'ended';
          state.ask = null;
          state.outcome ??= state.transfer ? 'transferred' : shutdown ? 'platform-shutdown' : 'caller-hung-up';
          break;
        }
        case 'action-done':
          if (state.phase !== 'transferring') illegal();
          actions.push(...transferDone(script, state, input.ok));
          break;
        default:
          if (state.phase === 'transferring') break; // the caller is waiting for a human
          if (state.phase === 'listening') onListeningInput(ctx, state, input, actions);
          else if (state.phase === 'confirm-red-flag') onConfirmInput(ctx, state, input, actions);
          else illegal();
      }
      return { state, actions };
    },
    result(state) {
      const { answers, continuation } = mergedAnswers(state);
      return {
        scriptId: state.scriptId, scriptVersion: state.scriptVersion, scriptHash: state.scriptHash, lang: state.lang,
        answers, saved: state.saved, disposition: state.disposition, redFlags: state.redFlags,
        department: state.department, tags: state.tags, outcome: state.outcome, doNotCall: state.doNotCall,
        ...(continuation ? { continuation } : {}),
      };
    },
  };
}
