/**
 * End-of-call summary for the nurse (摘要, 结构化提取, 标签). The rules' result is the record; the
 * LLM only writes prose, extra extracted fields and extra tags. It cannot touch the disposition,
 * red flags or outcome: those fields are copied from the rules, and output that tries to set them
 * fails the schema and falls back to the rule summary.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createLogger, isTzError, type LlmClient } from '@tingzhen/voice-core';
import type { CallResult } from '../runner/types.js';

const log = createLogger({ name: 'llm-summary' });

export const SummarySchema = Type.Object(
  {
    summary: Type.String({ minLength: 1, maxLength: 2000 }),
    extraction: Type.Record(Type.String({ pattern: '^[a-z0-9_]+$' }), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
    tags: Type.Array(Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 40 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type LlmSummary = Static<typeof SummarySchema>;

export interface NurseSummary extends LlmSummary {
  source: 'llm' | 'rules';
  disposition: CallResult['disposition'];
  redFlags: string[];
  outcome: CallResult['outcome'];
}

/** A plain summary from the rules, in the call's language. */
export function ruleSummary(result: CallResult): NurseSummary {
  const zh = result.lang === 'zh';
  const parts = [
    `${zh ? '结果' : 'Outcome'}: ${result.outcome ?? 'unknown'}`,
    `${zh ? '处置级别' : 'Disposition'}: ${result.disposition ?? '-'}`,
    result.redFlags.length > 0 ? `${zh ? '危险信号' : 'Red flags'}: ${result.redFlags.join(', ')}` : '',
    result.tags.length > 0 ? `${zh ? '标签' : 'Tags'}: ${result.tags.join(', ')}` : '',
  ].filter(Boolean);
  const extraction: Record<string, string | number | boolean | null> = {};
  for (const [step, a] of Object.entries(result.answers)) {
    const v = a.value;
    const main = v.answer ?? v.value ?? v.choice ?? (typeof v.systolic === 'number' && typeof v.diastolic === 'number' ? `${v.systolic}/${v.diastolic}` : null);
    if (typeof main === 'string' || typeof main === 'number' || typeof main === 'boolean') extraction[step.replace(/-/g, '_')] = main;
  }
  return { summary: parts.join('; '), extraction, tags: [...result.tags], source: 'rules', disposition: result.disposition, redFlags: [...result.redFlags], outcome: result.outcome };
}

export async function summarizeCall(
  client: LlmClient | undefined,
  input: { result: CallResult; transcript: { who: 'bot' | 'caller'; text: string }[] },
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<NurseSummary> {
  const rules = ruleSummary(input.result);
  if (!client) return rules;
  const lang = input.result.lang === 'zh' ? 'Chinese' : 'English';
  try {
    const text = await client.complete({
      messages: [
        {
          role: 'system',
          content: `Write a short factual summary of this patient call for a nurse, in ${lang}. Report what the patient said; no diagnosis, no advice, no medicines or doses. ` +
            'Return JSON: summary (text), extraction (flat snake_case fields from the answers), tags (kebab-case).',
        },
        { role: 'user', content: JSON.stringify({ answers: input.result.answers, tags: input.result.tags, transcript: input.transcript }) },
      ],
      jsonSchema: SummarySchema,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const parsed: unknown = JSON.parse(text.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
    if (!Value.Check(SummarySchema, parsed)) {
      log.warn({ code: 'TZ_ERR_LLM_OUTPUT' }, 'summary failed validation; using rules');
      return rules;
    }
    const tags = [...new Set([...rules.tags, ...parsed.tags])];
    return { ...parsed, extraction: { ...parsed.extraction, ...rules.extraction }, tags, source: 'llm', disposition: rules.disposition, redFlags: rules.redFlags, outcome: rules.outcome };
  } catch (err) {
    log.warn({ code: errorCode(err) }, 'summary failed; using rules');
    return rules;
  }
}

/** Error messages may quote model output (patient words): log only a code. */
function errorCode(err: unknown): string {
  return isTzError(err) ? err.code : err instanceof SyntaxError ? 'TZ_ERR_LLM_OUTPUT' : 'TZ_ERR_LLM';
}
