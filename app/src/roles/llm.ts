/**
 * The optional language model (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS): an
 * OpenAI-compatible endpoint the hospital runs itself. When set, calls use it to review the
 * hotline's triage (it may raise, never lower) and to fill answers the rules cannot read; unset,
 * the rules decide alone. One client for the process.
 */
import { createOpenAiClient } from '@tingzhen/dialog-engine';
import type { Config, LlmClient } from '@tingzhen/voice-core';

export interface ConfiguredLlm { client: LlmClient; timeoutMs: number }

export function llmOf(config: Config): ConfiguredLlm | undefined {
  if (!config.llmBaseUrl) return undefined;
  const client = createOpenAiClient({ baseUrl: config.llmBaseUrl, model: config.llmModel, timeoutMs: config.llmTimeoutMs, ...(config.llmApiKey ? { apiKey: config.llmApiKey } : {}) });
  return { client, timeoutMs: config.llmTimeoutMs };
}
