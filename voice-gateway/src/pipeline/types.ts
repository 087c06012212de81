/**
 * What the pipeline needs from the dialog engine, stated structurally so the gateway depends
 * only on the runner's contract (dialog-engine runner/types.ts): inputs in, actions out.
 * `DialogDriver` keeps the runner's state between calls of the pure `next(state, input)`.
 */
import type { AsrEngine, DenoiserEngine, TtsEngine, VadEngine } from '@tingzhen/voice-core';

export type DialogInput =
  | { type: 'start' }
  | { type: 'speech'; text: string; confidence?: number }
  | { type: 'dtmf'; digit: string }
  | { type: 'no-input' }
  | { type: 'action-done'; action: 'transfer'; ok: boolean }
  | { type: 'hangup' };

export interface EndpointHintsLike {
  silenceNoSpeechMs?: number;
  silenceAfterSpeechMs?: number;
  maxUtteranceMs?: number;
}

export type DialogAction =
  | { type: 'say'; text: string; lang: string; bargeIn: boolean; stepId: string }
  | { type: 'listen'; stepId: string; expect: string; timeoutMs: number; endpoint: EndpointHintsLike; dtmfOnly: boolean; dtmf?: unknown }
  | { type: 'transfer'; reason: string }
  | { type: 'hangup'; reason: string }
  | { type: string; [k: string]: unknown };

export interface DialogDriver {
  next(input: DialogInput): { actions: readonly DialogAction[] };
  /** The runner's outcome when the call ends (for the call record), if it has one. */
  outcome?(): string | null;
  /** Answers and disposition at the end of the call (for the call record), if the runner keeps them. */
  result?(): CallResult;
}

export interface CallResult {
  answers: Record<string, unknown>;
  disposition?: string | null;
  redFlags?: string[];
}

/** Wraps a pure reducer `next(state, input) -> {state, actions}` into a DialogDriver. */
export function driverFromReducer<S>(initial: S, next: (state: S, input: DialogInput) => { state: S; actions: readonly DialogAction[] }, outcome?: (s: S) => string | null, result?: (s: S) => CallResult): DialogDriver {
  let state = initial;
  return {
    next(input) {
      const out = next(state, input);
      state = out.state;
      return out;
    },
    outcome: outcome ? () => outcome(state) : undefined,
    result: result ? () => result(state) : undefined,
  };
}

export interface PipelineEngines {
  vad: VadEngine;
  /** Absent when no ASR model is installed: speech becomes no-match and the caller is led to DTMF. */
  asr?: AsrEngine;
  tts: TtsEngine;
  denoiser?: DenoiserEngine;
}

/** Per-turn latency marks, wall-clock ms (performance.now()). */
export interface TurnTiming {
  turn: number;
  endOfSpeechAt?: number;
  asrFinalAt?: number;
  decisionAt?: number;
  firstTtsChunkAt?: number;
  firstPacketAt?: number;
  /** firstPacketAt - endOfSpeechAt, ms. */
  gapMs?: number;
  via: 'speech' | 'dtmf' | 'no-input' | 'start';
}

export interface TranscriptTurn {
  speaker: 'caller' | 'bot';
  text: string;
  /** Media-clock span on the caller leg, ms. */
  startMs: number;
  endMs: number;
  confidence?: number;
  /** For caller turns: how it was heard. */
  via?: 'speech' | 'dtmf';
}

export type CallEndReason = 'completed' | 'dropped' | 'timeout' | 'error' | 'transferred';

export interface CallReport {
  callId: string;
  dialect?: string;
  endReason: CallEndReason;
  outcome: string | null;
  durationMs: number;
  turns: TurnTiming[];
  transcript: TranscriptTurn[];
  bargeIns: { stopDelayMs: number; atMs: number }[];
  underruns: number;
  recordingFile?: string;
  /** The runner's answers and disposition, when the dialog driver reports them. */
  result?: CallResult;
  /** Non-say/listen actions the runner asked for (alert, save-answer, ...), in order. */
  events: { type: string; [k: string]: unknown }[];
  /** Answering-machine detection, when it ran (outbound calls that asked for it). */
  amd?: AmdReport;
  /** A machine answered: whether the voicemail message was spoken to its end before the line dropped. */
  voicemail?: { messageLeft: boolean };
}

/** What answering-machine detection decided, and on what (pipeline/amd.ts). */
export interface AmdReport {
  verdict: 'human' | 'machine' | 'uncertain';
  reason: string;
  /** Media time from the answer to the verdict, ms. */
  decidedAfterMs: number;
  /** The greeting heard, first word to last, ms (0: none). */
  greetingMs: number;
  /** Frequency of the voicemail beep, when one was heard, Hz. */
  beepHz?: number;
}

/** Where call results go: the campaigns store later, a file sink now. */
export interface CallSink {
  write(report: CallReport): Promise<void>;
}
