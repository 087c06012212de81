/**
 * The runner's contract: inputs in, actions out, and a plain JSON state between them, so a call
 * survives a process restart (serialise the state, load it, call next() again).
 */
import type { AlertPriority as ContractAlertPriority, DialogAction, DialogAnswer, DialogInput, DialogOutcome, DialogResult } from '@tingzhen/voice-core';
import type { Disposition, Lang } from '../script/common.js';

/** The runner's inputs, actions, answers and result are the shared dialog contract (voice-core contracts/dialog.ts). */
export type Input = DialogInput;
export type AlertPriority = ContractAlertPriority;
export type Action = DialogAction;
export type Outcome = DialogOutcome;
export type Answer = DialogAnswer;

export interface AskProgress {
  stepId: string;
  noInput: number;
  noMatch: number;
  dtmfOnly: boolean;
  digits: string;
}

export interface TriageSnapshot {
  disposition: Disposition;
  red_flags: string[];
  department?: string | null;
  /** What decided (the clinical triage's `rule`), for the nurse's audit. */
  rule?: string;
  complaint?: string | null;
  /** The modifiers found and the words that showed them. */
  findings?: { id: string; words: string[] }[];
}

export interface RunnerState {
  v: 1;
  scriptId: string;
  scriptVersion: number;
  scriptHash: string;
  lang: Lang;
  patient: Record<string, string>;
  /** 'idle' before start; 'listening' on an ask; 'confirm-red-flag'; 'transferring'; 'ended'. */
  phase: 'idle' | 'listening' | 'confirm-red-flag' | 'transferring' | 'ended';
  stepId: string | null;
  ask: AskProgress | null;
  answers: Record<string, Answer>;
  saved: Record<string, unknown>;
  disposition: Disposition | null;
  redFlags: string[];
  department: string | null;
  tags: string[];
  outcome: Outcome | null;
  doNotCall: boolean;
  /** An alert already went to the nurse worklist (so the end of call does not add another). */
  alerted: boolean;
  /** Transfer in progress: why (clinical transfers fall back to D2 when nobody answers). */
  transfer: { reason: string; clinical: boolean } | null;
  pendingRedFlags: string[];
  /** The last prompts said, replayed on "repeat". */
  lastSaid: string[];
  turns: number;
  /** Facts of the call prompts may say (absent in states saved before it existed). */
  context?: { hospitalName: string | null; recording: boolean };
  /** This call retries an interrupted one (absent otherwise). */
  continuation?: ContinuationState;
  /** The caller has been told this call can only take keypad answers (no recogniser): said once. */
  keypadNoticeGiven?: boolean;
}

/** The retry of an interrupted call: resumed or restarted (the script's onInterrupted), with the earlier answers. */
export interface ContinuationState {
  mode: 'resumed' | 'restarted';
  fromAttemptId: string;
  /** The earlier call's answers, each with the attempt it was given in. */
  carried: Record<string, Answer>;
  /** The patient has been told (once, before the first question past consent). */
  announced: boolean;
}

export interface CallContext {
  hospitalName?: string;
  /** The call is recorded (the campaign or hotline records and the script announces it). */
  recording?: boolean;
}

export interface Step {
  id: string;
  kind: string;
  next?: string;
  roles?: string[];
  [k: string]: unknown;
}

export type CallResult = DialogResult;

export interface StepOutput {
  state: RunnerState;
  actions: Action[];
}
