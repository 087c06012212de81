/**
 * What the runner needs from language understanding, as an injected interface: the rule NLU and
 * clinical red-flag detector in production (see rules.ts), a tiny fake in tests.
 */
import type { Expect, Lang } from '../script/common.js';
import type { TriageSnapshot } from './types.js';

export interface InterpretRequest {
  lang: Lang;
  /** The question as asked (helps "yes" to "no fever?" style questions). */
  asked?: string;
  expect: Expect;
  utterance: string;
  /** YYYY-MM-DD, for relative dates. */
  callDate?: string;
  choices?: { id: string; synonyms: string[] }[];
}

export interface Interpreter {
  /** Rules only, synchronous: the runner is a pure reducer. */
  interpret(req: InterpretRequest): Record<string, unknown>;
  detectRedFlags(text: string, lang: Lang): string[];
  /** Triage of a free narrative (the triage hotline's chief complaint). */
  triage?(narrative: string, lang: Lang): TriageSnapshot;
}
