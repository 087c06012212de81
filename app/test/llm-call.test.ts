/**
 * Issue 14 item 5, through the composed platform: with LLM_BASE_URL set, a hotline caller's
 * narrative is triaged by the rules and reviewed by the model (a local OpenAI-compatible endpoint
 * that streams Server-Sent Events, as vLLM or Ollama do). The review may raise the disposition and
 * add findings grounded in the caller's words; a failing endpoint leaves the rules' decision and
 * the call goes on. What the nurse opens in the console shows the decision and which rule made it.
 * Media WebSocket calls, real VAD and real speech (espeak-ng) heard by a scripted recogniser.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAsr } from '@tingzhen/voice-core/testing';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { botLines, spoken, until } from './call-helpers.js';
import { startTestPlatform, type TestPlatform } from './test-platform.js';

const SECRET = 'llm-call-test-secret-0123456789';
const PASSWORD = 'llm-call-test-password';
const NARRATIVE = 'My father is seventy and has a cough and is more tired than usual.';
const COMPLAINT = 'Please tell me briefly what the problem is, who it is for, and when it started.';

/** The model's side: what it was asked, and what it answers (per request, by the test). */
interface Asked { model: string; stream: boolean; system: string; user: string; schema: boolean }
const asked: Asked[] = [];
let answer: (a: Asked) => { status: number; content?: string } = () => ({ status: 500 });

function startModel(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const b = JSON.parse(body) as { model: string; stream: boolean; messages: { role: string; content: string }[]; response_format?: unknown };
      const a: Asked = { model: b.model, stream: b.stream, system: b.messages[0]!.content, user: b.messages[1]!.content, schema: b.response_format !== undefined };
      asked.push(a);
      if (req.url !== '/v1/chat/completions') { res.writeHead(404).end(); return; }
      const r = answer(a);
      if (r.status !== 200 || r.content === undefined) { res.writeHead(r.status).end('{"error":"down"}'); return; }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Streamed in small pieces, as a real server does.
      for (let i = 0; i < r.content.length; i += 16) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: r.content.slice(i, i + 16) } }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1` });
  }));
}

let model: { server: Server; url: string };
let t: TestPlatform;
const recognisers: FakeAsr[] = [];

beforeAll(async () => {
  model = await startModel();
  t = await startTestPlatform('llmcall', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway', LLM_BASE_URL: model.url, LLM_MODEL: 'hospital-qwen', LLM_TIMEOUT_MS: '5000' }, {
    // Each call hears the narrative for the first thing the caller says (no ASR model here).
    asrFor: (lang) => {
      const asr = new FakeAsr({ utterances: [NARRATIVE], languages: [lang], endpoint: { silenceAfterSpeechMs: 60_000, maxUtteranceMs: 60_000 } });
      recognisers.push(asr);
      return asr;
    },
  });
}, 60_000);
afterAll(async () => {
  await t?.dispose();
  await new Promise((r) => model?.server.close(r));
});

/** A hotline caller who agrees to start (key 1), tells the narrative, hears the next question and hangs up. */
async function hotlineCall(callId: string): Promise<string[]> {
  const caller = new TestCaller({ url: `${t.platform.url.replace('http', 'ws')}/media/native?token=${signToken(SECRET, { ttlMs: 60_000 })}`, callId, parameters: { tzStats: '1', lang: 'en' } });
  await caller.connect();
  await until(() => botLines(caller).some((l) => l.startsWith('I will ask a few questions')), 60_000, `the consent question (heard: ${JSON.stringify(botLines(caller))})`);
  await until(() => !caller.botSpeaking, 30_000);
  caller.sendDtmf('1');
  await until(() => botLines(caller).includes(COMPLAINT), 30_000, 'the complaint question');
  await until(() => !caller.botSpeaking, 30_000);
  const n = botLines(caller).length;
  await caller.say(await spoken('It is my father, he has a cough.'));
  await until(() => botLines(caller).length > n, 30_000, 'the question after the narrative');
  const lines = botLines(caller).slice(n);
  caller.hangup();
  await caller.waitClosed(10_000).catch(() => undefined);
  return lines;
}

interface InboundCallDto { id: string; call_id: string; disposition: string | null; red_flags: string[]; answers: Record<string, { via?: string; text?: string; triage?: { disposition: string; redFlags: string[]; department: string | null; rule?: string; reviewedByLlm?: boolean; complaint?: string | null; findings?: { id: string; words: string[] }[] } }> }

let cookie = '';
async function nurse<T>(path: string): Promise<T> {
  if (!cookie) {
    const setup = await fetch(`${t.platform.url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: t.platform.setupToken, username: 'admin', password: PASSWORD }) });
    expect(setup.status).toBe(201);
    const login = await fetch(`${t.platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
  }
  const res = await fetch(`${t.platform.url}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** The hotline call as the nurse opens it in the console, once it is filed. */
async function filed(callId: string): Promise<InboundCallDto> {
  let row: { id: string } | undefined;
  await until(async () => {
    row = (await t.platform.services.pool.query<{ id: string }>('SELECT id::text FROM inbound_calls WHERE call_id = $1', [callId])).rows[0];
    return row !== undefined;
  }, 15_000);
  return nurse<InboundCallDto>(`/api/inbound-calls/${row!.id}`);
}

describe('the configured LLM in hotline calls', () => {
  it('reviews the rules\' triage of a narrative and raises it, with the words that show why; the nurse sees which rule decided', async () => {
    answer = (a) => a.system.includes('review a telephone triage')
      ? { status: 200, content: JSON.stringify({ disposition: 'D3', red_flags: [], findings: [{ id: 'older-person-declining', words: 'more tired than usual' }, { id: 'made-up', words: 'coughing up blood' }], reason: 'an older person with a new decline' }) }
      : { status: 500 };
    asked.length = 0;
    await hotlineCall('CA-llm-raise');
    // The model was asked once, for the triage step, with the caller's narrative and the rules' result.
    const reviews = asked.filter((a) => a.system.includes('review a telephone triage'));
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ model: 'hospital-qwen', stream: true, schema: true });
    const sent = JSON.parse(reviews[0]!.user) as { narrative: string; rules: { disposition: string } };
    expect(sent.narrative).toBe(NARRATIVE);
    expect(sent.rules.disposition).toBe('D6');

    const call = await filed('CA-llm-raise');
    expect(call.disposition).toBe('D3');
    expect(call.answers.complaint).toMatchObject({ via: 'speech', text: NARRATIVE });
    expect(call.answers.complaint!.triage).toMatchObject({ disposition: 'D3', rule: 'llm:D3', reviewedByLlm: true, department: null, complaint: 'gen-tiredness-long' });
    // The review's finding is kept with the caller's words; one whose words the caller never said is dropped.
    const findings = call.answers.complaint!.triage!.findings!;
    expect(findings).toContainEqual({ id: 'llm:older-person-declining', words: ['more tired than usual'] });
    expect(findings.map((f) => f.id)).not.toContain('llm:made-up');
  }, 150_000);

  it('keeps the rules\' decision when the endpoint fails, and the call goes on to its next question', async () => {
    answer = () => ({ status: 503 });
    asked.length = 0;
    const next = await hotlineCall('CA-llm-down');
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(next.length).toBeGreaterThan(0); // the bot went on (no silence while the model failed)
    const call = await filed('CA-llm-down');
    expect(call.disposition).toBe('D6');
    expect(call.answers.complaint!.triage).toMatchObject({ disposition: 'D6', rule: 'rule:general aches in an older person' });
    expect(call.answers.complaint!.triage!.reviewedByLlm).toBeUndefined();
  }, 150_000);

  it('never lowers the rules: a review that says self-care leaves the rules\' level', async () => {
    answer = (a) => a.system.includes('review a telephone triage')
      ? { status: 200, content: JSON.stringify({ disposition: 'D7', red_flags: [], findings: [], reason: 'just a cold' }) }
      : { status: 500 };
    await hotlineCall('CA-llm-lower');
    const call = await filed('CA-llm-lower');
    expect(call.disposition).toBe('D6');
    expect(call.answers.complaint!.triage).toMatchObject({ disposition: 'D6', reviewedByLlm: true, rule: 'rule:general aches in an older person' });
  }, 150_000);
});
