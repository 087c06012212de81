/**
 * OpenAI-compatible chat-completions client (GLM-4, Qwen, DeepSeek, vLLM, Ollama...): streamed
 * with Server-Sent Events (`stream: true`, lines `data: {...}` ending with `data: [DONE]`), a
 * timeout through AbortSignal, and typed errors. Callers fall back to rules on any error.
 */
import { TzError, type LlmClient, type LlmRequest } from '@tingzhen/voice-core';

export interface OpenAiClientOptions {
  /** Base URL ending in /v1 (…/chat/completions is appended). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Whole-request timeout, ms (connect + every streamed chunk). */
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface ChunkShape { choices?: { delta?: { content?: string | null } }[] }

/** Reads an SSE body and returns the concatenated delta contents. */
async function readSse(body: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    // Events are separated by a blank line (WHATWG HTML, server-sent events).
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      for (const line of event.split(/\r?\n/)) {
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') return text;
        let chunk: ChunkShape;
        try {
          chunk = JSON.parse(data) as ChunkShape;
        } catch (cause) {
          throw new TzError('TZ_ERR_LLM', { problem: 'malformed stream chunk' }, { cause });
        }
        text += chunk.choices?.[0]?.delta?.content ?? '';
      }
    }
  }
  return text;
}

export function createOpenAiClient(opts: OpenAiClientOptions): LlmClient {
  const doFetch = opts.fetch ?? fetch;
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async complete(req: LlmRequest): Promise<string> {
      const timeoutMs = req.timeoutMs ?? opts.timeoutMs;
      const signals = [AbortSignal.timeout(timeoutMs), ...(req.signal ? [req.signal] : [])];
      const signal = AbortSignal.any(signals);
      const body: Record<string, unknown> = { model: opts.model, messages: req.messages, stream: true, temperature: 0 };
      if (req.jsonSchema) body.response_format = { type: 'json_schema', json_schema: { name: 'answer', schema: req.jsonSchema, strict: true } };
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal,
        });
        if (!res.ok || !res.body) {
          await res.body?.cancel();
          throw new TzError('TZ_ERR_LLM', { status: res.status }, { retryable: res.status >= 500 || res.status === 429 });
        }
        return await readSse(res.body);
      } catch (err) {
        if (err instanceof TzError) throw err;
        if (signal.aborted && signals[0]!.aborted) throw new TzError('TZ_ERR_TIMEOUT', { timeoutMs, what: 'llm' }, { cause: err });
        throw new TzError('TZ_ERR_LLM', { problem: 'request failed' }, { cause: err });
      }
    },
  };
}
