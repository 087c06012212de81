/**
 * The top level of a call script. Steps are validated one by one against the schema of their
 * kind (src/steps/registry.ts) so an error names the step's own field, not a union mismatch.
 */
import { Type, type Static } from '@sinclair/typebox';
import { InterruptedPolicySchema } from '@tingzhen/voice-core';
import { EndpointSchema, LangSchema, LangText, PolicySchema, StepId } from './common.js';

export const InterruptTexts = Type.Object(
  {
    human: Type.Optional(LangText),
    humanUnavailable: Type.Optional(LangText),
    optOut: Type.Optional(LangText),
    wrongPerson: Type.Optional(LangText),
    deceased: Type.Optional(LangText),
    busy: Type.Optional(LangText),
    redFlagD1: Type.Optional(LangText),
    redFlagD2: Type.Optional(LangText),
    confirmRedFlag: Type.Optional(LangText),
    noResponse: Type.Optional(LangText),
    /** Said where a prompt has {{call.recordingNotice}} and the call is recorded. */
    recordingNotice: Type.Optional(LangText),
    /** Said before the first question of a call that resumes an interrupted one (onInterrupted: resume). */
    resumed: Type.Optional(LangText),
    /** Said before the first question of a call that starts over after an interrupted one (onInterrupted: restart). */
    restarted: Type.Optional(LangText),
    /** Said once, the first time a caller speaks on a call that has no speech recogniser, before the keypad prompt. */
    keypadOnly: Type.Optional(LangText),
  },
  { additionalProperties: false },
);

export const ScriptHeaderSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', minLength: 1, maxLength: 64 }),
    version: Type.Integer({ minimum: 1 }),
    title: LangText,
    languages: Type.Array(LangSchema, { minItems: 1, uniqueItems: true }),
    /** Patient fields prompts may use as {{patient.<name>}}; fallback is spoken when a call lacks one. */
    patientFields: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$' }), Type.Object({ fallback: Type.Optional(LangText) }, { additionalProperties: false })),
    ),
    flags: Type.Object(
      {
        /**
         * The script announces recording ({{call.recordingNotice}} in a step with role
         * recording-notice, before the first question): only such a script's calls are recorded,
         * and only when the campaign or hotline records.
         */
        recordingNotice: Type.Boolean(),
        /** Barge-in default for every step (a step may override). */
        bargeIn: Type.Optional(Type.Boolean()),
        /**
         * Type-ahead default for every question (a step may override). Off (the default): keys or
         * speech that come before a question's own prompt starts (during a greeting or a notice
         * before it) are not applied to it, since the caller has not heard it. On: keys typed ahead
         * are kept for the question and answer it as soon as it is asked.
         */
        typeAhead: Type.Optional(Type.Boolean()),
        /** ASR confidence below this (0..1) counts as no-match. */
        minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      },
      { additionalProperties: false },
    ),
    defaults: Type.Optional(
      Type.Object(
        { noInput: Type.Optional(PolicySchema), noMatch: Type.Optional(PolicySchema), endpoint: Type.Optional(EndpointSchema) },
        { additionalProperties: false },
      ),
    ),
    interrupts: Type.Optional(InterruptTexts),
    /**
     * The retry of a call cut by a crash (answers kept): `restart` (default) asks everything again;
     * `resume` skips the questions already answered, never consent or identity, and says first
     * that the call continues the earlier one. Either way the result says which it was.
     */
    onInterrupted: Type.Optional(InterruptedPolicySchema),
    start: Type.Optional(StepId),
    steps: Type.Array(Type.Object({ id: Type.Unknown(), kind: Type.String() }), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type ScriptHeader = Static<typeof ScriptHeaderSchema>;
export type InterruptTexts = Static<typeof InterruptTexts>;
