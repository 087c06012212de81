/**
 * Shared schema pieces of the call-script format (TypeBox). Step kinds add their own fields in
 * src/steps/<kind>.ts; this file holds what several kinds use: per-language text, conditions,
 * DTMF mappings, no-input / no-match policies and ASR endpoint hints.
 */
import { Type, type Static } from '@sinclair/typebox';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LangSchema = Type.Union([Type.Literal('zh'), Type.Literal('en')]);

/** One text per declared language; lint reports a declared language that is missing. */
export const LangText = Type.Object(
  { zh: Type.Optional(Type.String({ minLength: 1 })), en: Type.Optional(Type.String({ minLength: 1 })) },
  { additionalProperties: false },
);
export type LangText = Static<typeof LangText>;

export const StepId = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$', minLength: 1, maxLength: 64 });

export const DISPOSITIONS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DispositionSchema = Type.Union(DISPOSITIONS.map((d) => Type.Literal(d)));

export const EXPECTS = ['yes-no', 'number', 'blood-pressure', 'scale-0-10', 'symptoms', 'red-flag', 'intent', 'date', 'choice', 'free-text'] as const;
export type Expect = (typeof EXPECTS)[number];
export const ExpectSchema = Type.Union(EXPECTS.map((e) => Type.Literal(e)));

/**
 * A condition on the call so far. `answer` names an ask step; `path` picks a field of its typed
 * answer (default: the main value: answer / value / choice / present / text). `disposition`
 * compares against the current disposition (D1 is the most urgent, so `lte: D3` means D1-D3).
 */
export interface Condition {
  answer?: string;
  path?: string;
  disposition?: boolean;
  eq?: string | number | boolean;
  ne?: string | number | boolean;
  gt?: number;
  gte?: number | string;
  lt?: number;
  lte?: number | string;
  has?: string;
  hasAny?: string[];
  missing?: boolean;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
export const ConditionSchema = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        answer: Type.Optional(StepId),
        path: Type.Optional(Type.String({ minLength: 1 })),
        disposition: Type.Optional(Type.Boolean()),
        eq: Type.Optional(Scalar),
        ne: Type.Optional(Scalar),
        gt: Type.Optional(Type.Number()),
        gte: Type.Optional(Type.Union([Type.Number(), DispositionSchema])),
        lt: Type.Optional(Type.Number()),
        lte: Type.Optional(Type.Union([Type.Number(), DispositionSchema])),
        has: Type.Optional(Type.String()),
        hasAny: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
        missing: Type.Optional(Type.Boolean()),
        all: Type.Optional(Type.Array(Self, { minItems: 1 })),
        any: Type.Optional(Type.Array(Self, { minItems: 1 })),
        not: Type.Optional(Self),
      },
      { additionalProperties: false },
    ),
  { $id: 'Condition' },
);

/**
 * DTMF on an ask. `map`: one key -> one answer value (yes-no: "yes"/"no"; choice: the choice id;
 * symptoms: a symptom id or "none"; scale: "0".."10"). `digits`: the caller keys a number and
 * ends it with the terminator; blood pressure uses the separator between systolic and diastolic.
 */
export const DtmfSchema = Type.Object(
  {
    map: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9*#]$' }), Type.String({ minLength: 1 }))),
    digits: Type.Optional(
      Type.Object(
        {
          maxDigits: Type.Integer({ minimum: 1, maximum: 8 }),
          terminator: Type.Optional(Type.Literal('#')),
          separator: Type.Optional(Type.Literal('*')),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DtmfSpec = Static<typeof DtmfSchema>;

/** What to do when the caller says nothing / says something we cannot use. */
export const PolicySchema = Type.Object(
  {
    /** No-input only: how long to wait for speech to start, ms. */
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 60000 })),
    /** Spoken reprompts before switching to the DTMF prompt. */
    reprompts: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
    /** DTMF prompts before the final action. */
    dtmfPrompts: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
    /** Final action: a human, skip the question (answer stays missing), or end the call. */
    then: Type.Optional(Type.Union([Type.Literal('human'), Type.Literal('skip'), Type.Literal('hangup')])),
  },
  { additionalProperties: false },
);
export type Policy = Static<typeof PolicySchema>;
export type ResolvedPolicy = Required<Policy>;

/** ASR endpoint hints for one question (see voice-core EndpointRules); all ms. */
export const EndpointSchema = Type.Object(
  {
    silenceNoSpeechMs: Type.Optional(Type.Integer({ minimum: 200, maximum: 30000 })),
    silenceAfterSpeechMs: Type.Optional(Type.Integer({ minimum: 200, maximum: 10000 })),
    maxUtteranceMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 120000 })),
  },
  { additionalProperties: false },
);
export type EndpointHints = Static<typeof EndpointSchema>;

/** `consent` and `identity` questions are asked again on every call, even one that resumes an interrupted call. */
export const ROLES = ['ai-disclosure', 'recording-notice', 'consent', 'identity', 'summary'] as const;
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

/** Fields every step has. */
export const baseStepFields = {
  id: StepId,
  /** Next step; omitted = the step listed after this one. */
  next: Type.Optional(StepId),
  roles: Type.Optional(Type.Array(RoleSchema, { uniqueItems: true })),
  description: Type.Optional(Type.String()),
};
