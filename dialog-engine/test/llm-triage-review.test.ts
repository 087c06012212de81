/**
 * The LLM's slot in triage against a local server speaking the chat-completions SSE protocol: it
 * may add findings and red flags and raise the disposition, never lower it or drop a flag; its
 * output is validated and its findings must quote the narrative; any failure keeps the rules.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiClient, reviewTriage, triage } from '@tingzhen/dialog-engine';

let reply = '';
let status = 200;
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (status !== 200) { res.writeHead(status).end('no'); return; }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const p of reply.match(/.{1,7}/gs) ?? []) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: p } }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const client = () => createOpenAiClient({ baseUrl, model: 'test', timeoutMs: 2000 });
const answer = (o: unknown) => { status = 200; reply = JSON.stringify(o); };

describe('LLM triage review', () => {
  const narrative = 'my dad is 70, had a sore throat for two days and now his voice is muffled and he is drooling a bit';

  it('raises the disposition and adds a grounded finding with a red flag', async () => {
    const rules = triage('a bit of a sore throat for two days, no fever', 'en');
    answer({ disposition: 'D2', red_flags: ['severe-breathing'], findings: [{ id: 'sore-throat', words: 'sore throat' }, { id: 'invented', words: 'blue lips' }], reason: 'airway' });
    const r = await reviewTriage(client(), rules, { narrative: 'a bit of a sore throat for two days, no fever', lang: 'en' });
    expect(r.red_flags).toContain('severe-breathing');
    expect(r.disposition).toBe('D1');
    expect(r.rule).toBe('llm:red-flag:severe-breathing');
    expect(r.department).toBeNull();
    expect(r.modifiers.map((m) => m.id)).toContain('llm:sore-throat');
    expect(r.modifiers.map((m) => m.id)).not.toContain('llm:invented');
  });

  it('never lowers the rules or removes their flags', async () => {
    const text = '胸口压着疼 出冷汗 往左胳膊窜';
    const rules = triage(text, 'zh');
    expect(rules.disposition).toBe('D1');
    answer({ disposition: 'D7', red_flags: [], findings: [], reason: 'looks benign' });
    const r = await reviewTriage(client(), rules, { narrative: text, lang: 'zh' });
    expect(r.disposition).toBe('D1');
    expect(r.red_flags).toEqual(rules.red_flags);
    expect(r.rule).toBe(rules.rule);
  });

  it('keeps the rules when the model answers outside the schema, not JSON, or an HTTP error', async () => {
    const rules = triage(narrative, 'en');
    for (const bad of [
      () => answer({ disposition: 'D0', red_flags: [], findings: [], reason: '' }),
      () => answer({ disposition: 'D1', red_flags: ['made-up-flag'], findings: [], reason: '' }),
      () => answer({ disposition: 'D1', red_flags: [], findings: [], reason: '', extra: true }),
      () => { status = 200; reply = 'I think it is serious'; },
      () => { status = 503; },
    ]) {
      bad();
      const r = await reviewTriage(client(), rules, { narrative, lang: 'en' });
      expect(r).toEqual(rules);
    }
  });
});
