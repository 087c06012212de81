/**
 * The rule NLU's request and result types. The result shapes mirror the `nlu` command's JSON
 * lines, plus a `kind` tag so callers can switch on them; `toWire()` drops the tag.
 */
import type { Lang } from '../text/index.js';

export const EXPECT_KINDS = [
  'yes-no', 'number', 'blood-pressure', 'scale-0-10', 'symptoms', 'red-flag', 'intent', 'date', 'choice', 'free-text',
] as const;
export type ExpectKind = (typeof EXPECT_KINDS)[number];

export const UNITS = ['°C', '°F', 'kg', '斤', 'lb', 'times', 'days', 'weeks', 'months', 'bpm', 'mmol/L'] as const;
export type Unit = (typeof UNITS)[number];

export const INTENTS = ['human', 'opt-out', 'repeat', 'wrong-person', 'busy-call-later', 'emergency', 'none'] as const;
export type IntentId = (typeof INTENTS)[number];

/** One option of a choice question: an id plus the words a caller may use for it. */
export interface ChoiceOption {
  id: string;
  /** Spoken labels and synonyms in any language ("上午", "morning", "早上"). */
  labels?: string[];
}

/** What the step expects: a kind, optionally with the unit it expects or the options. */
export type Expectation = ExpectKind | { kind: ExpectKind; unit?: Unit; choices?: Array<string | ChoiceOption> };

export interface NluRequest {
  lang: Lang;
  /** The prompt that was asked (gives context: units, polarity, the symptom being asked about). */
  asked?: string;
  expect: Expectation;
  utterance: string;
  /** The call date, YYYY-MM-DD, for relative dates. Defaults to today (UTC). */
  callDate?: string;
  /** Options of a choice question (also accepted inside `expect`). */
  choices?: Array<string | ChoiceOption>;
}

export type YesNo = 'yes' | 'no' | 'unclear';

export type NumberResult =
  | { value: number | null; unit?: Unit }
  | { min: number; max: number; unit?: Unit };

export type NluResult =
  | { kind: 'yes-no'; answer: YesNo }
  | ({ kind: 'number' } & NumberResult)
  | { kind: 'blood-pressure'; systolic: number | null; diastolic: number | null }
  | { kind: 'scale-0-10'; value: number | null }
  | { kind: 'scale-0-10'; min: number; max: number }
  | { kind: 'symptoms'; present: string[]; absent: string[] }
  | { kind: 'red-flag'; red_flag: string | null }
  | { kind: 'intent'; intent: IntentId }
  | { kind: 'date'; relative_days: number }
  | { kind: 'date'; date: string }
  | { kind: 'date'; date: null }
  | { kind: 'choice'; choice: string | null }
  | { kind: 'free-text'; text: string };

/** The JSON line the `nlu` command writes: the result without its `kind` tag. */
export function toWire(result: NluResult): Record<string, unknown> {
  const { kind: _kind, ...rest } = result;
  return rest;
}
