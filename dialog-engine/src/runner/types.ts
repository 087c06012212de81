/**
 * The runner's contract: inputs in, actions out, and a plain JSON state between them, so a call
 * survives a process restart (serialise the state, load it, call next() again).
 */
import type { Disposition, EndpointHints, Expect, Lang } from '../script/common.js';

export type Input =
  | { type: 'start' }
  | { type: 'speech'; text: string; confidence?: number; /** A slot already filled outside the reducer (LLM). */ slot?: Record<string, unknown> }
  | { type: 'dtmf'; digit: string }
  | { type: 'no-input' }
  | { type: 'action-done'; action: 'transfer'; ok: boolean }
  | { type: 'hangup' };

export type AlertPriority = 'urgent' | 'high' | 'normal' | 'low';

export type Action =
  | { type: 'say'; text: string; lang: Lang; bargeIn: boolean; stepId: string }
  | {
      type: 'listen';
      stepId: string;
      expect: Expect;
      timeoutMs: number;
      endpoint: EndpointHints;
      dtmf: { map?: Record<string, string>; maxDigits?: number; terminator?: string; separator?: string };
      /** Only keys are expected now (after the DTMF prompt). */
      dtmfOnly: boolean;
    }
  | { type: 'save-answer'; stepId: string; field: string; value: unknown }
  | { type: 'transfer'; reason: string; disposition?: Disposition }
  | { type: 'alert'; priority: AlertPriority; reason: string; disposition?: Disposition; redFlags?: string[] }
  | { type: 'schedule-callback'; delayMinutes: number; reason: string }
  | { type: 'set-do-not-call' }
  | { type: 'hangup'; reason: string; disposition?: Disposition };

export type Outcome =
  | 'completed'
  | 'red-flag'
  | 'transferred'
  | 'transfer-failed'
  | 'opted-out'
  | 'wrong-person'
  | 'call-later'
  | 'declined'
  | 'no-response'
  | 'caller-hung-up';

export interface Answer {
  expect: Expect;
  /** Typed result (the NLU's shape for this expectation). */
  value: Record<string, unknown>;
  via: 'speech' | 'dtmf' | 'llm';
  /** What the caller said (patient data: never log it). */
  text?: string;
}

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
}

export interface Step {
  id: string;
  kind: string;
  next?: string;
  roles?: string[];
  [k: string]: unknown;
}

export interface CallResult {
  scriptId: string;
  scriptVersion: number;
  scriptHash: string;
  lang: Lang;
  answers: Record<string, Answer>;
  saved: Record<string, unknown>;
  disposition: Disposition | null;
  redFlags: string[];
  department: string | null;
  tags: string[];
  outcome: Outcome | null;
  doNotCall: boolean;
}

export interface StepOutput {
  state: RunnerState;
  actions: Action[];
}
