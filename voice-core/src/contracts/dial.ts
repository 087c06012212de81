/**
 * The one contract between campaigns and the gateway: `dial(request) -> outcome`, in-process and
 * over HTTP (POST /v1/dial validates the request and the worker validates the outcome with these
 * schemas).
 */
import { Type, type Static } from '@sinclair/typebox';
import { CallPatientSchema } from './patient.js';
import { AmdVerdictSchema, CallEventSchema, TranscriptTurnSchema } from './call-report.js';
import { CallbackWhenSchema, ContinuationSchema, DialogAnswerSchema, DispositionCodeSchema, DialogOutcomeSchema, InterruptedAttemptSchema, LanguageSchema, TriageDecisionSchema } from './dialog.js';

/** The dial request as it travels (the in-process form adds an AbortSignal and a progress callback). */
export const DialRequestSchema = Type.Object({
  attemptId: Type.String({ minLength: 1, maxLength: 200 }),
  campaignId: Type.String({ minLength: 1, maxLength: 64 }),
  patient: CallPatientSchema,
  /** E.164; patient data, never logged. */
  phone: Type.String({ minLength: 1, maxLength: 64 }),
  scriptId: Type.String({ minLength: 1, maxLength: 200 }),
  scriptVersion: Type.String({ maxLength: 64 }),
  scriptHash: Type.Union([Type.String(), Type.Null()]),
  callerId: Type.Union([Type.String(), Type.Null()]),
  trunk: Type.String({ minLength: 1, maxLength: 200 }),
  /** What a machine gets: hospital name and a call-back number only, never health information. */
  voicemailMessage: Type.String({ maxLength: 500 }),
  /** The longest the call may last, ms; the gateway hangs up after it. */
  maxCallMs: Type.Integer({ minimum: 1000 }),
  /** Answering-machine detection: default on when there is a voicemail message; false turns it off. */
  amd: Type.Optional(Type.Boolean()),
  /** Record the call (the script then announces it); default true. */
  record: Type.Optional(Type.Boolean()),
  /**
   * This contact's last answered attempt was interrupted (its gateway crashed mid-call) and kept
   * these answers: the script resumes or restarts as it declares (`onInterrupted`).
   */
  interruptedAttempt: Type.Optional(InterruptedAttemptSchema),
}, { additionalProperties: false });
export type DialRequestWire = Static<typeof DialRequestSchema>;

export interface DialRequest extends DialRequestWire {
  signal: AbortSignal;
  /** Progress notes during the call (ringing, answered...), stored as they happen. */
  onEvent?: (kind: string, data?: Record<string, unknown>) => void;
}

/** A transcript turn as filed: the call report's turn, with the caller named as the patient. */
export const ResultTranscriptTurnSchema = Type.Composite([
  Type.Omit(TranscriptTurnSchema, ['speaker']),
  Type.Object({ speaker: Type.Union([Type.Literal('bot'), Type.Literal('patient')]) }),
]);
export type ResultTranscriptTurn = Static<typeof ResultTranscriptTurnSchema>;

/** A typed answer as filed: { stepId: { type, value, via, confidence?, text? } }. */
export const FiledAnswerSchema = Type.Object({
  /** The question's expectation (yes-no, number, scale-0-10...). */
  type: Type.String(),
  value: Type.Unknown(),
  via: Type.Optional(DialogAnswerSchema.properties.via),
  confidence: Type.Optional(Type.Number()),
  text: Type.Optional(Type.String()),
  /** Provenance: the attempt in which the patient gave it, when not this call (carried from an interrupted one). */
  fromAttemptId: Type.Optional(Type.String()),
  /** A triage step's answer: what triage decided from it and which rule (or LLM review) decided. */
  triage: Type.Optional(TriageDecisionSchema),
});
export type FiledAnswer = Static<typeof FiledAnswerSchema>;

export const AlertSchema = Type.Object({
  /** 1 = most urgent ... 5 */
  priority: Type.Integer({ minimum: 1, maximum: 5 }),
  reason: Type.String(),
  redFlags: Type.Optional(Type.Array(Type.String())),
  disposition: Type.Optional(DispositionCodeSchema),
});
export type Alert = Static<typeof AlertSchema>;

export const CallbackRequestSchema = Type.Object({
  reason: Type.String(),
  /** Minutes after the end of the call the script asked for. */
  delayMinutes: Type.Integer({ minimum: 0 }),
  /** What the caller said about when, if anything. */
  when: Type.Optional(CallbackWhenSchema),
});
export type CallbackRequest = Static<typeof CallbackRequestSchema>;

/** Everything an answered call produced, as filed in call_results (and inbound_calls). */
export const CallResultRecordSchema = Type.Object({
  answers: Type.Record(Type.String(), FiledAnswerSchema),
  saved: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  /** D1..D7 as defined by the dialog engine. */
  disposition: Type.Union([DispositionCodeSchema, Type.Null()]),
  redFlags: Type.Array(Type.String()),
  department: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  transcript: Type.Array(ResultTranscriptTurnSchema),
  recordingRef: Type.Union([Type.String({ pattern: '^[\\w.-]+$' }), Type.Null()]),
  durationMs: Type.Number({ minimum: 0 }),
  hangupReason: Type.Union([Type.String(), Type.Null()]),
  /** The runner's outcome; null when no script ran. */
  outcome: Type.Union([DialogOutcomeSchema, Type.Null()]),
  lang: Type.Union([LanguageSchema, Type.Null()]),
  /** The patient asked not to be called again. */
  optOut: Type.Boolean(),
  /** What the script raised for a nurse, in order. */
  alerts: Type.Array(AlertSchema),
  callbacks: Type.Array(CallbackRequestSchema),
  transfer: Type.Union([Type.Object({ reason: Type.String(), ok: Type.Boolean() }), Type.Null()]),
  /** The dialog's other actions (save-answer...), in order. */
  events: Type.Optional(Type.Array(CallEventSchema)),
  scriptHash: Type.Union([Type.String(), Type.Null()]),
  /** A platform fault ended the call early (an engine, the runner). */
  fault: Type.Optional(Type.Object({ code: Type.String(), stage: Type.String() })),
  /** The retry of an interrupted call: resumed from it or restarted after it, and the answers carried. */
  continuation: Type.Optional(ContinuationSchema),
});
export type CallResultRecord = Static<typeof CallResultRecordSchema>;

export const CallOutcomeSchema = Type.Union([
  /**
   * The call was answered and the gateway carries it: it holds the attempt's lease and files the
   * outcome itself when the call ends (the worker files nothing and is free at once).
   */
  Type.Object({ kind: Type.Literal('accepted') }),
  Type.Object({ kind: Type.Literal('answered'), amd: Type.Optional(AmdVerdictSchema), result: CallResultRecordSchema }),
  Type.Object({ kind: Type.Literal('voicemail'), messageLeft: Type.Boolean(), durationMs: Type.Optional(Type.Number()), recordingRef: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
  Type.Object({
    kind: Type.Union([Type.Literal('no_answer'), Type.Literal('busy'), Type.Literal('failed'), Type.Literal('rejected')]),
    reason: Type.Optional(Type.String()),
    sipCode: Type.Optional(Type.Integer()),
    /** `failed` on the carrier's or our side (trunk full, 503, transport): retried soon, not counted against the patient. */
    carrierFault: Type.Optional(Type.Boolean()),
  }),
]);
export type CallOutcome = Static<typeof CallOutcomeSchema>;

export interface Dialer {
  dial(request: DialRequest): Promise<CallOutcome>;
}
