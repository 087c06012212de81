/**
 * The call report: what the gateway knows of one call when it ends (the transcript, latency marks,
 * the dialog's result, the recording, answering-machine detection). Hotline calls are filed from
 * it; campaign calls turn it into a call outcome (dial.ts).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DialogActionSchema, DialogResultSchema } from './dialog.js';

export const TranscriptTurnSchema = Type.Object({
  speaker: Type.Union([Type.Literal('caller'), Type.Literal('bot')]),
  /** Patient data for caller turns: never logged. */
  text: Type.String(),
  /** Media-clock span on the caller leg, ms. */
  startMs: Type.Number(),
  endMs: Type.Number(),
  confidence: Type.Optional(Type.Number()),
  /** For caller turns: how it was heard. */
  via: Type.Optional(Type.Union([Type.Literal('speech'), Type.Literal('dtmf')])),
});
export type TranscriptTurn = Static<typeof TranscriptTurnSchema>;

/** Per-turn latency marks, wall-clock ms (performance.now()). */
export const TurnTimingSchema = Type.Object({
  turn: Type.Integer(),
  endOfSpeechAt: Type.Optional(Type.Number()),
  asrFinalAt: Type.Optional(Type.Number()),
  decisionAt: Type.Optional(Type.Number()),
  firstTtsChunkAt: Type.Optional(Type.Number()),
  firstPacketAt: Type.Optional(Type.Number()),
  /** firstPacketAt - endOfSpeechAt, ms. */
  gapMs: Type.Optional(Type.Number()),
  via: Type.Union([Type.Literal('speech'), Type.Literal('dtmf'), Type.Literal('no-input'), Type.Literal('start')]),
});
export type TurnTiming = Static<typeof TurnTimingSchema>;

export const AmdVerdictSchema = Type.Union([Type.Literal('human'), Type.Literal('machine'), Type.Literal('uncertain')]);
export type AmdVerdict = Static<typeof AmdVerdictSchema>;

/** Answering-machine detection fails safe: only a confident "machine" is a machine. */
export function treatAsMachine(verdict: AmdVerdict | undefined): boolean {
  return verdict === 'machine';
}

/** What answering-machine detection decided, and on what. */
export const AmdReportSchema = Type.Object({
  verdict: AmdVerdictSchema,
  reason: Type.String(),
  /** Media time from the answer to the verdict, ms. */
  decidedAfterMs: Type.Number(),
  /** The greeting heard, first word to last, ms (0: none). */
  greetingMs: Type.Number(),
  /** Frequency of the voicemail beep, when one was heard, Hz. */
  beepHz: Type.Optional(Type.Number()),
});
export type AmdReport = Static<typeof AmdReportSchema>;

/** How a call ended; `shutdown`: the platform stopped and cut it (its drain limit was reached). */
export const CALL_END_REASONS = ['completed', 'dropped', 'timeout', 'error', 'transferred', 'shutdown'] as const;
export const CallEndReasonSchema = Type.Union(CALL_END_REASONS.map((r) => Type.Literal(r)));
export type CallEndReason = Static<typeof CallEndReasonSchema>;

/** The dialog's non-speech actions, in order (alert, transfer, schedule-callback, set-do-not-call, save-answer). */
export const CallEventSchema = DialogActionSchema;
export type CallEvent = Static<typeof CallEventSchema>;

export const CallReportSchema = Type.Object({
  callId: Type.String(),
  dialect: Type.Optional(Type.String()),
  endReason: CallEndReasonSchema,
  /** The runner's outcome (completed, red-flag...), null when no script ran (a voicemail). */
  outcome: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Number(),
  turns: Type.Array(TurnTimingSchema),
  transcript: Type.Array(TranscriptTurnSchema),
  bargeIns: Type.Array(Type.Object({ stopDelayMs: Type.Number(), atMs: Type.Number() })),
  underruns: Type.Number(),
  /** Bare file name of the recording inside the recordings directory. */
  recordingFile: Type.Optional(Type.String()),
  /** The dialog's result; null only when no script ran (a machine got the voicemail message). */
  result: Type.Union([DialogResultSchema, Type.Null()]),
  events: Type.Array(CallEventSchema),
  /** A transfer the dialog asked for, and whether it connected. */
  transfer: Type.Optional(Type.Object({ reason: Type.String(), ok: Type.Boolean(), target: Type.Optional(Type.String()) })),
  amd: Type.Optional(AmdReportSchema),
  /** A machine answered: whether the voicemail message was spoken to its end before the line dropped. */
  voicemail: Type.Optional(Type.Object({ messageLeft: Type.Boolean() })),
  /** The caller's and the called number as the leg knows them (patient data: never logged). */
  callerNumber: Type.Optional(Type.String()),
  calledNumber: Type.Optional(Type.String()),
  /** A console test call: never filed on the real worklist or in statistics. */
  test: Type.Boolean(),
  /** The campaign attempt this call belongs to (outbound calls). */
  attemptId: Type.Optional(Type.String()),
  /** A fault inside the platform ended or degraded the call (an engine, the runner). */
  fault: Type.Optional(Type.Object({ code: Type.String(), stage: Type.String() })),
});
export type CallReport = Static<typeof CallReportSchema>;
