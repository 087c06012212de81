/**
 * The dialog contract: what the call pipeline hands the runner (inputs), what the runner asks for
 * (actions) and what a call produced (the dialog result). Declared once here; the dialog engine's
 * runner, the gateway's pipeline and the campaigns filing all use these types.
 */
import { Type, type Static } from '@sinclair/typebox';

export const LANGUAGES = ['zh', 'en'] as const;
export const LanguageSchema = Type.Union([Type.Literal('zh'), Type.Literal('en')]);
export type Language = Static<typeof LanguageSchema>;

/** D1 (ring 120 now) ... D7 (self-care), the dialog engine's care levels. */
export const DISPOSITION_CODES = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'] as const;
export const DispositionCodeSchema = Type.Union(DISPOSITION_CODES.map((d) => Type.Literal(d)));
export type DispositionCode = Static<typeof DispositionCodeSchema>;

/**
 * What triage decided for a narrative, and by which rule (a nurse audits every disposition):
 * `rule` names the rule that decided (`llm:...` when an LLM review raised it), `findings` the
 * modifiers found with the words that showed them.
 */
export const TriageDecisionSchema = Type.Object({
  disposition: DispositionCodeSchema,
  redFlags: Type.Array(Type.String()),
  department: Type.Union([Type.String(), Type.Null()]),
  rule: Type.Optional(Type.String()),
  reviewedByLlm: Type.Optional(Type.Boolean()),
  /** The presenting complaint (CEDIS-style id), when one was recognised. */
  complaint: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The modifiers found and the caller's words that showed each (`llm:` ones from the review, grounded in the words). Patient data: never log. */
  findings: Type.Optional(Type.Array(Type.Object({ id: Type.String(), words: Type.Array(Type.String()) }))),
});
export type TriageDecision = Static<typeof TriageDecisionSchema>;

export const DialogInputSchema = Type.Union([
  Type.Object({ type: Type.Literal('start') }),
  Type.Object({
    type: Type.Literal('speech'), text: Type.String(), confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** A slot already filled outside the reducer (LLM). */
    slot: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** A triage step's narrative already triaged outside the reducer (the rules, raised by an LLM review). */
    triage: Type.Optional(TriageDecisionSchema),
    /** The caller spoke but there is no recogniser for the call's language: only keys can answer (text is empty). */
    unrecognised: Type.Optional(Type.Boolean()),
  }),
  Type.Object({ type: Type.Literal('dtmf'), digit: Type.String({ pattern: '^[0-9*#]$' }) }),
  Type.Object({ type: Type.Literal('no-input') }),
  Type.Object({ type: Type.Literal('action-done'), action: Type.Literal('transfer'), ok: Type.Boolean() }),
  /** The call ended: the caller hung up, or (`reason`) the platform cut it (a shutdown past its drain limit). */
  Type.Object({ type: Type.Literal('hangup'), reason: Type.Optional(Type.Literal('platform-shutdown')) }),
]);
export type DialogInput = Static<typeof DialogInputSchema>;

export const AlertPrioritySchema = Type.Union([Type.Literal('urgent'), Type.Literal('high'), Type.Literal('normal'), Type.Literal('low')]);
export type AlertPriority = Static<typeof AlertPrioritySchema>;

/** ASR end-of-turn hints for one question, ms. */
export const EndpointHintsSchema = Type.Object({
  silenceNoSpeechMs: Type.Optional(Type.Integer({ minimum: 0 })),
  silenceAfterSpeechMs: Type.Optional(Type.Integer({ minimum: 0 })),
  maxUtteranceMs: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type EndpointHints = Static<typeof EndpointHintsSchema>;

/** When a caller asked to be called back, as far as their words said it (read in the hospital's timezone). */
export const CallbackWhenSchema = Type.Object({
  /** YYYY-MM-DD */
  date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  partOfDay: Type.Optional(Type.Union([Type.Literal('morning'), Type.Literal('noon'), Type.Literal('afternoon'), Type.Literal('evening')])),
  /** HH:MM, 24 h */
  time: Type.Optional(Type.String({ pattern: '^\\d{2}:\\d{2}$' })),
});
export type CallbackWhen = Static<typeof CallbackWhenSchema>;

export const DialogActionSchema = Type.Union([
  Type.Object({ type: Type.Literal('say'), text: Type.String(), lang: LanguageSchema, bargeIn: Type.Boolean(), stepId: Type.String() }),
  Type.Object({
    type: Type.Literal('listen'), stepId: Type.String(), expect: Type.String(), timeoutMs: Type.Integer({ minimum: 0 }), endpoint: EndpointHintsSchema,
    dtmf: Type.Object({
      map: Type.Optional(Type.Record(Type.String(), Type.String())), maxDigits: Type.Optional(Type.Integer()),
      terminator: Type.Optional(Type.String()), separator: Type.Optional(Type.String()),
    }),
    /** Only keys are expected now (after the DTMF prompt). */
    dtmfOnly: Type.Boolean(),
    /**
     * Type-ahead: input that comes before this question is asked (while earlier prompts of the
     * batch play, such as a greeting) answers it. Absent or false: such input is not applied to a
     * question the caller has not heard. The question counts as asked once its own prompt (the
     * batch's last say of the same stepId before this listen) starts, or once it has been asked
     * earlier in the call; 0 (a nurse) and * (repeat) count at any time when the question does
     * not use them.
     */
    typeAhead: Type.Optional(Type.Boolean()),
  }),
  Type.Object({ type: Type.Literal('save-answer'), stepId: Type.String(), field: Type.String(), value: Type.Unknown() }),
  Type.Object({ type: Type.Literal('transfer'), reason: Type.String(), disposition: Type.Optional(DispositionCodeSchema) }),
  Type.Object({
    type: Type.Literal('alert'), priority: AlertPrioritySchema, reason: Type.String(),
    disposition: Type.Optional(DispositionCodeSchema), redFlags: Type.Optional(Type.Array(Type.String())),
  }),
  Type.Object({ type: Type.Literal('schedule-callback'), delayMinutes: Type.Integer({ minimum: 0 }), reason: Type.String(), when: Type.Optional(CallbackWhenSchema) }),
  Type.Object({ type: Type.Literal('set-do-not-call') }),
  Type.Object({ type: Type.Literal('hangup'), reason: Type.String(), disposition: Type.Optional(DispositionCodeSchema) }),
]);
export type DialogAction = Static<typeof DialogActionSchema>;
export type DialogActionOf<T extends DialogAction['type']> = Extract<DialogAction, { type: T }>;

/**
 * The question a batch of actions asks: its listen, and the say that asks it (the last say before
 * the listen, when it belongs to the listen's step; an earlier say of the same step, such as a
 * notice, is not the question). The gateway applies input to the question only once that say has
 * started (unless the listen allows type-ahead); scripted test callers time their keys by it.
 */
export function batchQuestion(actions: readonly DialogAction[]): { listen: DialogActionOf<'listen'>; prompt: DialogActionOf<'say'> | null } | null {
  const at = actions.findIndex((a) => a.type === 'listen');
  if (at < 0) return null;
  const listen = actions[at] as DialogActionOf<'listen'>;
  for (let i = at - 1; i >= 0; i--) {
    const a = actions[i]!;
    if (a.type === 'say') return { listen, prompt: a.stepId === listen.stepId ? a : null };
  }
  return { listen, prompt: null };
}

/** How a call's dialog ended (the runner's outcome). */
export const DIALOG_OUTCOMES = [
  'completed', 'red-flag', 'transferred', 'transfer-failed', 'opted-out', 'wrong-person', 'patient-deceased', 'call-later', 'declined', 'no-response', 'caller-hung-up', 'platform-shutdown',
] as const;
export const DialogOutcomeSchema = Type.Union(DIALOG_OUTCOMES.map((o) => Type.Literal(o)));
export type DialogOutcome = Static<typeof DialogOutcomeSchema>;

/** One typed answer: the NLU's shape for the question's expectation. */
export const DialogAnswerSchema = Type.Object({
  expect: Type.String(),
  /** Typed result (the NLU's shape for this expectation). */
  value: Type.Record(Type.String(), Type.Unknown()),
  via: Type.Union([Type.Literal('speech'), Type.Literal('dtmf'), Type.Literal('llm')]),
  /** What the caller said (patient data: never log it). */
  text: Type.Optional(Type.String()),
  confidence: Type.Optional(Type.Number()),
  /** A triage step's answer: what triage decided from these words, and which rule decided. */
  triage: Type.Optional(TriageDecisionSchema),
  /** Provenance: the campaign attempt in which the patient gave this answer; absent = this call. */
  fromAttemptId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type DialogAnswer = Static<typeof DialogAnswerSchema>;

/**
 * What a script does when a call is the retry of an interrupted one (its gateway crashed mid-call
 * and the answers given were kept): `restart` asks everything again, `resume` skips the questions
 * already answered (never consent or identity) after telling the patient the call continues.
 */
export const INTERRUPTED_POLICIES = ['restart', 'resume'] as const;
export const InterruptedPolicySchema = Type.Union(INTERRUPTED_POLICIES.map((p) => Type.Literal(p)));
export type InterruptedPolicy = Static<typeof InterruptedPolicySchema>;

/** The answers an interrupted earlier attempt of the same contact kept, carried to its retry. Patient data: never logged. */
export const InterruptedAttemptSchema = Type.Object({
  attemptId: Type.String({ minLength: 1, maxLength: 200 }),
  answers: Type.Record(Type.String(), DialogAnswerSchema),
}, { additionalProperties: false });
export type InterruptedAttempt = Static<typeof InterruptedAttemptSchema>;

/** How a retry of an interrupted call went on: resumed from it or restarted after it, and which answers came from it. */
export const ContinuationSchema = Type.Object({
  mode: Type.Union([Type.Literal('resumed'), Type.Literal('restarted')]),
  /** The interrupted attempt. */
  fromAttemptId: Type.String(),
  /** Step ids whose answer in this result was given in an earlier attempt (not asked again in this call). */
  carried: Type.Array(Type.String()),
});
export type Continuation = Static<typeof ContinuationSchema>;

/** What the dialog produced for one call: always present in a call report. */
export const DialogResultSchema = Type.Object({
  scriptId: Type.String(),
  scriptVersion: Type.Integer(),
  scriptHash: Type.String(),
  lang: LanguageSchema,
  answers: Type.Record(Type.String(), DialogAnswerSchema),
  saved: Type.Record(Type.String(), Type.Unknown()),
  disposition: Type.Union([DispositionCodeSchema, Type.Null()]),
  redFlags: Type.Array(Type.String()),
  department: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  outcome: Type.Union([DialogOutcomeSchema, Type.Null()]),
  doNotCall: Type.Boolean(),
  /** The call retried an interrupted one: resumed or restarted, as the script declares (never silently). */
  continuation: Type.Optional(ContinuationSchema),
});
export type DialogResult = Static<typeof DialogResultSchema>;
