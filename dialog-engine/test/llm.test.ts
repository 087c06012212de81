/**
 * The LLM client and its two uses against a local HTTP server speaking the chat-completions SSE
 * protocol: normal streaming, a slow server (timeout -> rules), invalid JSON, HTTP errors.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTzError } from '@tingzhen/voice-core';
import {
  createOpenAiClient, createRunner, fillSlot, loadScript, speechInput, summarizeCall, type CallResult,
} from '@tingzhen/dialog-engine';
import { fakeInterpreter } from './fixtures/fake-interpreter.js';

type Mode = 'ok' | 'slow' | 'invalid' | 'error' | 'lower';
let mode: Mode = 'ok';
let reply = '{"answer":"yes"}';
const bodies: Record<string, unknown>[] = [];
let server: Server;
let baseUrl = '';

function sse(res: import('node:http').ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  // Split the reply over several chunks, as real servers do.
  const parts = text.match(/.{1,5}/gs) ?? [];
  for (const p of parts) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: p } }] })}\n\n`);
  res.end('data: [DONE]\n\n');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString(); });
    req.on('end', () => {
      bodies.push(JSON.parse(raw) as Record<string, unknown>);
      if (mode === 'error') { res.writeHead(500).end('boom'); return; }
      if (mode === 'slow') { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write(': waiting\n\n'); setTimeout(() => sse(res, reply), 3000).unref(); return; }
      if (mode === 'invalid') { sse(res, 'sure! the answer is yes'); return; }
      sse(res, reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const client = () => createOpenAiClient({ baseUrl, model: 'test-model', timeoutMs: 300, apiKey: 'k' });

describe('OpenAI-compatible client', () => {
  it('streams with stream:true and a json_schema response format', async () => {
    mode = 'ok'; reply = '{"answer":"no"}';
    const text = await client().complete({ messages: [{ role: 'user', content: 'hi' }], jsonSchema: { type: 'object' } });
    expect(text).toBe('{"answer":"no"}');
    const body = bodies.at(-1)!;
    expect(body).toMatchObject({ model: 'test-model', stream: true, response_format: { type: 'json_schema' } });
  });

  it('times out a slow server with a typed error', async () => {
    mode = 'slow';
    const err = await client().complete({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_TIMEOUT')).toBe(true);
  });

  it('reports HTTP errors as TZ_ERR_LLM', async () => {
    mode = 'error';
    const err = await client().complete({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(isTzError(err, 'TZ_ERR_LLM')).toBe(true);
  });
});

describe('slot filling', () => {
  it('fills a slot the rules could not read', async () => {
    mode = 'ok'; reply = '{"value": 38.5, "unit": "°C"}';
    expect(await fillSlot(client(), { expect: 'number', asked: 'temperature?', utterance: 'a bit under thirty-nine', lang: 'en' })).toEqual({ value: 38.5, unit: '°C' });
  });

  it('falls back (null) on invalid JSON, schema violations, timeouts and errors', async () => {
    for (const [m, r] of [['invalid', ''], ['ok', '{"answer":"maybe"}'], ['ok', '{"answer":"yes","dose":"2 tablets"}'], ['slow', ''], ['error', '']] as const) {
      mode = m; if (r) reply = r;
      expect(await fillSlot(client(), { expect: 'yes-no', asked: 'q', utterance: 'u', lang: 'en' }), `${m} ${r}`).toBeNull();
    }
  });

  it('speechInput adds the slot only when the rules fail, and the runner uses it', async () => {
    const script = loadScript('post-op-followup');
    const runner = createRunner(script, { interpreter: fakeInterpreter });
    let s = runner.initialState({ lang: 'en' });
    s = runner.next(s, { type: 'start' }).state;
    mode = 'ok'; reply = '{"answer":"yes"}';
    const deps = { interpreter: fakeInterpreter, llm: client() };
    const before = bodies.length;
    expect(await speechInput(script, s, 'yes', 0.9, deps)).toEqual({ type: 'speech', text: 'yes', confidence: 0.9 });
    expect(bodies.length).toBe(before); // rules understood: no LLM call
    const input = await speechInput(script, s, 'go ahead then', 0.9, deps);
    expect(input).toMatchObject({ slot: { answer: 'yes' } });
    const out = runner.next(s, input);
    expect(out.state.answers.consent).toMatchObject({ via: 'llm', value: { answer: 'yes' } });
    mode = 'slow';
    expect(await speechInput(script, s, 'go ahead then', 0.9, deps)).toEqual({ type: 'speech', text: 'go ahead then', confidence: 0.9 });
  });

  it('a slot never bypasses the red-flag check', async () => {
    const script = loadScript('post-op-followup');
    const runner = createRunner(script, { interpreter: fakeInterpreter });
    let s = runner.initialState({ lang: 'en' });
    s = runner.next(s, { type: 'start' }).state;
    const out = runner.next(s, { type: 'speech', text: 'I have crushing chest pain', confidence: 0.9, slot: { answer: 'no' } });
    expect(out.state.outcome).toBe('red-flag');
  });
});

describe('end-of-call summary', () => {
  const result: CallResult = {
    scriptId: 'post-op-followup', scriptVersion: 1, scriptHash: 'h', lang: 'zh',
    answers: { wound: { expect: 'yes-no', value: { answer: 'yes' }, via: 'speech', text: '有点红' } },
    saved: {}, disposition: 'D4', redFlags: [], department: null, tags: ['wound-concern'], outcome: 'completed', doNotCall: false,
  };

  it('uses the LLM prose and tags but keeps the rules disposition', async () => {
    mode = 'ok'; reply = JSON.stringify({ summary: '患者伤口发红。', extraction: { wound_red: true }, tags: ['needs-dressing-check'] });
    const s = await summarizeCall(client(), { result, transcript: [{ who: 'caller', text: '有点红' }] });
    expect(s).toMatchObject({ source: 'llm', summary: '患者伤口发红。', disposition: 'D4', outcome: 'completed' });
    expect(s.tags).toEqual(['wound-concern', 'needs-dressing-check']);
  });

  it('output that tries to set a disposition is rejected; the rules summary stands', async () => {
    mode = 'ok'; reply = JSON.stringify({ summary: 'fine', extraction: {}, tags: [], disposition: 'D7' });
    const s = await summarizeCall(client(), { result, transcript: [] });
    expect(s).toMatchObject({ source: 'rules', disposition: 'D4' });
    expect(s.summary).toMatch(/D4/);
  });

  it('falls back to rules on timeout and on invalid JSON, and without a client', async () => {
    for (const m of ['slow', 'invalid'] as const) {
      mode = m;
      expect((await summarizeCall(client(), { result, transcript: [] })).source).toBe('rules');
    }
    expect((await summarizeCall(undefined, { result, transcript: [] })).extraction).toEqual({ wound: 'yes' });
  });
});
