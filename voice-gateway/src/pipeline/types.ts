/**
 * What the pipeline needs from the dialog engine and the engines. The shapes that cross packages
 * (dialog input/action/result, the call report) are the shared contracts in voice-core
 * (src/contracts/); this file only adds the gateway's own wrappers around them.
 */
import type {
  AsrEngine, CallReport, DenoiserEngine, DialogAction, DialogInput, DialogResult, TtsEngine, VadEngine,
} from '@tingzhen/voice-core';

export type {
  AmdReport, CallEndReason, CallReport, DialogAction, DialogInput, DialogResult, TranscriptTurn, TurnTiming,
} from '@tingzhen/voice-core';

/** The pure runner `next(state, input)` with its state kept between calls. */
export interface DialogDriver {
  next(input: DialogInput): { actions: readonly DialogAction[] };
  /** The dialog's result so far (answers, disposition, red flags, outcome...): read at the end of the call, and after faults. */
  result(): DialogResult;
  /**
   * Whether this call's script announces that it is recorded: the pipeline records exactly when
   * true (and recording is configured); false never records; unset leaves it to the options.
   */
  recorded?: boolean;
  /**
   * Reads the caller's words before the runner does (an LLM filling a slot or reviewing a triage,
   * when one is configured). Resolves to the input the runner gets: never rejects in use, but a
   * rejection delivers the input unchanged. The signal aborts when the call ends.
   */
  prepare?(input: DialogInput, signal: AbortSignal): Promise<DialogInput>;
}

/** Wraps a pure reducer `next(state, input) -> {state, actions}` and its `result(state)` into a DialogDriver. */
export function driverFromReducer<S>(
  initial: S, next: (state: S, input: DialogInput) => { state: S; actions: readonly DialogAction[] }, result: (s: S) => DialogResult,
  prepare?: (state: S, input: DialogInput, signal: AbortSignal) => Promise<DialogInput>,
): DialogDriver {
  let state = initial;
  return {
    next(input) {
      const out = next(state, input);
      state = out.state;
      return out;
    },
    result: () => result(state),
    ...(prepare ? { prepare: (input: DialogInput, signal: AbortSignal) => prepare(state, input, signal) } : {}),
  };
}

export interface PipelineEngines {
  vad: VadEngine;
  /**
   * The recogniser for a call's language; absent (or returning undefined) when no ASR model is
   * installed for it: speech becomes no-match and the caller is led to DTMF.
   */
  asr?: AsrEngine | ((language: string) => AsrEngine | undefined);
  tts: TtsEngine;
  denoiser?: DenoiserEngine;
}

/** Where call reports go: the hotline's filing in PostgreSQL, a file sink in tests. */
export interface CallSink {
  write(report: CallReport): Promise<void>;
}
