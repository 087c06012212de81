/**
 * LLM slot filling: only when the rules could not read a free answer. The model must answer in a
 * JSON schema per expectation; the output is validated (TypeBox) and then checked again by the
 * ask step itself. Any failure -> null, and the runner carries on with the rules (a no-match).
 * The caller's words still pass the red-flag and intent checks in the runner first.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createLogger, isTzError, type LlmClient } from '@tingzhen/voice-core';
import type { Expect, Lang } from '../script/common.js';
import type { Script } from '../script/types.js';
import { fromInterpretation, type AskShape } from '../steps/ask-answer.js';
import type { Interpreter } from '../runner/interpreter.js';
import type { Input, RunnerState } from '../runner/types.js';

const log = createLogger({ name: 'llm-slot' });
const N = Type.Union([Type.Number(), Type.Null()]);

export const SLOT_SCHEMAS: Partial<Record<Expect, TSchema>> = {
  'yes-no': Type.Object({ answer: Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unclear')]) }, { additionalProperties: false }),
  number: Type.Object({ value: N, unit: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
  'scale-0-10': Type.Object({ value: N }, { additionalProperties: false }),
  'blood-pressure': Type.Object({ systolic: N, diastolic: N }, { additionalProperties: false }),
  date: Type.Object({ relative_days: N }, { additionalProperties: false }),
  choice: Type.Object({ choice: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
};

export interface SlotRequest { expect: Expect; asked: string; utterance: string; lang: Lang; shape?: AskShape; timeoutMs?: number; signal?: AbortSignal }

export async function fillSlot(client: LlmClient, req: SlotRequest): Promise<Record<string, unknown> | null> {
  const schema = SLOT_SCHEMAS[req.expect];
  if (!schema) return null;
  const choices = req.shape?.choices?.map((c) => c.id).join(', ');
  const system = [
    'You read one answer a patient gave on a phone call and extract it into JSON that matches the schema.',
    'Use null when the answer does not contain the value. Do not guess. Do not give advice.',
    req.expect === 'choice' && choices ? `Allowed choice ids: ${choices}.` : '',
  ].filter(Boolean).join(' ');
  try {
    const text = await client.complete({
      messages: [{ role: 'system', content: system }, { role: 'user', content: JSON.stringify({ question: req.asked, answer: req.utterance, language: req.lang }) }],
      jsonSchema: schema,
      ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    const parsed: unknown = JSON.parse(text.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
    if (!Value.Check(schema, parsed)) {
      log.warn({ expect: req.expect, code: 'TZ_ERR_LLM_OUTPUT' }, 'slot output failed validation; using rules');
      return null;
    }
    return parsed as Record<string, unknown>;
  } catch (err) {
    log.warn({ expect: req.expect, code: errorCode(err) }, 'slot filling failed; using rules');
    return null;
  }
}

/**
 * Turns a recognised utterance into the runner input: when the current question is an ask the
 * rules cannot read (or a yes/no they read as unclear), asks the LLM for the slot. Never throws; without a client it is the plain
 * speech input.
 */
export async function speechInput(
  script: Script, state: RunnerState, text: string, confidence: number | undefined,
  deps: { interpreter: Interpreter; llm?: LlmClient; timeoutMs?: number; signal?: AbortSignal },
): Promise<Input> {
  const plain: Input = { type: 'speech', text, ...(confidence !== undefined ? { confidence } : {}) };
  if (!deps.llm || state.phase !== 'listening' || state.ask === null) return plain;
  const step = script.steps.find((s) => s.id === state.ask!.stepId);
  if (!step || step.kind !== 'ask') return plain;
  const shape = step as unknown as AskShape;
  const rules = deps.interpreter.interpret({ lang: state.lang, expect: shape.expect, utterance: text, asked: state.lastSaid[0] ?? '' });
  // The model reads what the rules could not: no answer at all, or a yes/no they found unclear.
  const ruled = fromInterpretation(shape, rules, text, state.lang);
  if (ruled !== null && !(shape.expect === 'yes-no' && ruled.answer === 'unclear')) return plain;
  const slot = await fillSlot(deps.llm, {
    expect: shape.expect, asked: state.lastSaid[0] ?? '', utterance: text, lang: state.lang, shape,
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}), ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (slot === null) return plain;
  const filled = fromInterpretation(shape, slot, text, state.lang);
  if (filled === null || (ruled !== null && filled.answer === 'unclear')) return plain;
  return { ...plain, slot };
}

/** Error messages may quote model output (patient words): log only a code. */
function errorCode(err: unknown): string {
  return isTzError(err) ? err.code : err instanceof SyntaxError ? 'TZ_ERR_LLM_OUTPUT' : 'TZ_ERR_LLM';
}
