/**
 * Issue 20 item 3: a key pressed during the greeting must not answer the question after it (the
 * consent question) before the caller has heard it. The composed platform, the built-in follow-up
 * script (no type-ahead), a media WebSocket call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { startTestPlatform, type TestPlatform } from './test-platform.js';

const SECRET = 'type-ahead-test-secret-0123456789';
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform('typeahead', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway' });
}, 60_000);
afterAll(async () => { await t?.dispose(); });

const botLines = (c: TestCaller) => c.transcript.filter((e) => e.speaker === 'bot').map((e) => String(e.text));

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('input before a question is asked', () => {
  it('a key during the greeting does not answer the consent question the caller has not heard', async () => {
    const ws = t.platform.url.replace('http', 'ws');
    const caller = new TestCaller({ url: `${ws}/media/native?token=${signToken(SECRET, { ttlMs: 60_000 })}`, callId: 'CA-typeahead-1', parameters: { tzStats: '1', lang: 'en', script: 'post-op-followup' } });
    await caller.connect();
    await caller.waitBotStart(30_000); // the greeting is playing
    await new Promise((r) => setTimeout(r, 500));
    caller.sendDtmf('2'); // "2" would be "not now" to the consent question
    const consent = 'Is now a good time for a few minutes to answer some questions about your recovery after surgery?';
    await until(() => botLines(caller).includes(consent) || caller.closed, 60_000);
    expect(caller.closed).toBe(false);
    expect(botLines(caller)[0]).toMatch(/^Hello /);
    expect(botLines(caller)).toContain(consent);
    await until(() => !caller.botSpeaking, 30_000);
    caller.sendDtmf('1');
    await until(() => botLines(caller).some((l) => l.startsWith('First, your wound.')), 30_000);
    caller.hangup();
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      for (let i = 0; i < 50; i++) {
        const r = await c.query<{ answers: Record<string, { value: unknown; via: string }> }>("SELECT answers FROM inbound_calls WHERE call_id = 'CA-typeahead-1'");
        if (r.rows[0]) { expect(r.rows[0].answers.consent).toMatchObject({ via: 'dtmf', value: { answer: 'yes' } }); return; }
        await new Promise((res) => setTimeout(res, 200));
      }
      throw new Error('call not filed');
    } finally {
      await c.end();
    }
  }, 180_000);
});
