/**
 * Paths every script shares and the caller can trigger at any question: red flags, a human,
 * opt-out, wrong person, busy / call later, emergency, no response. Each returns the actions and
 * leaves the state ended or transferring.
 */
import type { CallbackWhen } from '@tingzhen/voice-core';
import type { Disposition, Lang } from '../script/common.js';
import type { Script } from '../script/types.js';
import { alertAction, dispositionRank, endCall, raiseDisposition } from '../steps/effects.js';
import { RED_FLAG_INSTRUCTION, redFlagDisposition as clinicalRedFlagDisposition } from '../clinical/index.js';
import { DEFAULT_TEXTS, defaultText } from './texts.js';
import type { Action, RunnerState } from './types.js';

/** Minutes until the callback when the caller is busy (the dialer applies calling windows). */
export const BUSY_CALLBACK_DELAY_MINUTES = 120;
/** Minutes until a nurse calls back when a transfer found nobody. */
export const HUMAN_CALLBACK_DELAY_MINUTES = 30;

function say(text: string, lang: Lang, stepId: string): Action {
  return { type: 'say', text, lang, bargeIn: false, stepId };
}

/**
 * The clinical table decides; a call's red-flag path ends the call without a warm transfer and
 * cannot ask about an act or plan, so suicidal stays on the safe side (D1) and the result is D1
 * or D2.
 */
export function callRedFlagDisposition(ids: readonly string[]): Disposition {
  if (ids.length === 0 || ids.includes('unspecified')) return 'D1';
  const d = clinicalRedFlagDisposition(ids, { suicidalAct: 'unknown' });
  return d === 'D1' ? 'D1' : 'D2';
}

/** Stop the questionnaire: one short instruction at most, 120 or the ED, an alert, the end. */
export function redFlagPath(script: Script, state: RunnerState, ids: readonly string[], reason: string): Action[] {
  for (const id of ids) if (id !== 'unspecified' && !state.redFlags.includes(id)) state.redFlags.push(id);
  raiseDisposition(state, callRedFlagDisposition(ids));
  const stepId = state.stepId ?? 'red-flag';
  const actions: Action[] = [];
  const instruction = ids.map((id) => (RED_FLAG_INSTRUCTION as Record<string, { zh: string; en: string } | undefined>)[id]).find((t) => t !== undefined);
  if (instruction) actions.push(say(instruction[state.lang], state.lang, stepId));
  const d1 = dispositionRank(state.disposition!) <= 1;
  actions.push(say(defaultText(d1 ? 'redFlagD1' : 'redFlagD2', script.interrupts?.[d1 ? 'redFlagD1' : 'redFlagD2'], state.lang), state.lang, stepId));
  actions.push(alertAction(state, reason, 'urgent'));
  state.outcome = 'red-flag';
  actions.push(...endCall(state, reason, 'red-flag'));
  return actions;
}

export function humanPath(script: Script, state: RunnerState, reason: string): Action[] {
  const clinical = state.disposition !== null && dispositionRank(state.disposition) <= 3;
  state.transfer = { reason, clinical };
  state.phase = 'transferring';
  state.ask = null;
  const t: Action = { type: 'transfer', reason };
  if (state.disposition) t.disposition = state.disposition;
  return [say(defaultText('human', script.interrupts?.human, state.lang), state.lang, state.stepId ?? 'human'), t];
}

/** The transfer ended: connected (we are done) or nobody answered. */
export function transferDone(script: Script, state: RunnerState, ok: boolean): Action[] {
  const transfer = state.transfer;
  state.transfer = null;
  if (ok) {
    state.phase = 'ended';
    state.outcome ??= 'transferred';
    return [];
  }
  state.outcome = 'transfer-failed';
  if (transfer?.clinical) {
    // D3 "nurse now" with no nurse: fall back to D2 (emergency department now).
    raiseDisposition(state, 'D2');
    const stepId = state.stepId ?? 'transfer';
    return [
      say(defaultText('redFlagD2', script.interrupts?.redFlagD2, state.lang), state.lang, stepId),
      alertAction(state, 'transfer-failed', 'urgent'),
      ...endCall(state, 'transfer-failed', 'transfer-failed'),
    ];
  }
  return [
    say(defaultText('humanUnavailable', script.interrupts?.humanUnavailable, state.lang), state.lang, state.stepId ?? 'transfer'),
    alertAction(state, transfer?.reason ?? 'callback-requested'),
    { type: 'schedule-callback', delayMinutes: HUMAN_CALLBACK_DELAY_MINUTES, reason: 'human-requested' },
    ...endCall(state, 'transfer-failed', 'transfer-failed'),
  ];
}

export function optOutPath(script: Script, state: RunnerState): Action[] {
  state.doNotCall = true;
  return [
    say(defaultText('optOut', script.interrupts?.optOut, state.lang), state.lang, state.stepId ?? 'opt-out'),
    { type: 'set-do-not-call' },
    ...endCall(state, 'opt-out', 'opted-out'),
  ];
}

/** A relative says the patient has died: condolences, the end, and the contact closed with that reason. */
export function deceasedPath(script: Script, state: RunnerState): Action[] {
  return [say(defaultText('deceased', script.interrupts?.deceased, state.lang), state.lang, state.stepId ?? 'deceased'), ...endCall(state, 'patient-deceased', 'patient-deceased')];
}

export function wrongPersonPath(script: Script, state: RunnerState): Action[] {
  return [say(defaultText('wrongPerson', script.interrupts?.wrongPerson, state.lang), state.lang, state.stepId ?? 'wrong-person'), ...endCall(state, 'wrong-person', 'wrong-person')];
}

/** The caller is busy: call back later, at the time they said when they said one. */
export function busyPath(script: Script, state: RunnerState, when: CallbackWhen = {}): Action[] {
  const asked = when.date !== undefined || when.partOfDay !== undefined || when.time !== undefined;
  return [
    say(defaultText('busy', script.interrupts?.busy, state.lang), state.lang, state.stepId ?? 'busy'),
    { type: 'schedule-callback', delayMinutes: BUSY_CALLBACK_DELAY_MINUTES, reason: 'caller-busy', ...(asked ? { when } : {}) },
    ...endCall(state, 'call-later', 'call-later'),
  ];
}

export function noResponsePath(script: Script, state: RunnerState): Action[] {
  return [say(defaultText('noResponse', script.interrupts?.noResponse, state.lang), state.lang, state.stepId ?? 'no-response'), ...endCall(state, 'no-response', 'no-response')];
}

export function confirmRedFlagPrompt(script: Script, state: RunnerState, ids: string[]): Action[] {
  state.pendingRedFlags = ids;
  state.phase = 'confirm-red-flag';
  const stepId = state.stepId ?? 'confirm';
  return [
    say(defaultText('confirmRedFlag', script.interrupts?.confirmRedFlag, state.lang), state.lang, stepId),
    { type: 'listen', stepId, expect: 'yes-no', timeoutMs: 6000, endpoint: { silenceAfterSpeechMs: 600, maxUtteranceMs: 8000 }, dtmf: { map: { '1': 'yes', '2': 'no' } }, dtmfOnly: false },
  ];
}

export { DEFAULT_TEXTS };
