/**
 * Issue 20 item 2: with no speech recogniser for the call's language (these machines have no ASR
 * model), a caller who speaks hears once, briefly, that only keys work now, and then the short
 * keypad prompt; not the question again word for word, then the keypad prompt, then a transfer.
 * The composed platform, a media WebSocket call, real VAD, real speech (espeak-ng).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { botLines, spoken as speech, until } from './call-helpers.js';
import { OPS, startTestPlatform, type TestPlatform } from './test-platform.js';

const SECRET = 'keypad-only-test-secret-0123456789';
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform('keypadonly', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway' });
}, 60_000);
afterAll(async () => { await t?.dispose(); });

describe('a call with no speech recogniser', () => {
  it('a caller who speaks is told once that only keys work, then gets the keypad prompt at once', async () => {
    // The health says so too (item 1): English has no recogniser.
    const h = (await (await fetch(`${t.platform.url}/health`, OPS)).json()) as { speech: { languages: Record<string, { asr: string }> } };
    expect(h.speech.languages.en!.asr).toBe('missing');

    const ws = t.platform.url.replace('http', 'ws');
    const caller = new TestCaller({ url: `${ws}/media/native?token=${signToken(SECRET, { ttlMs: 60_000 })}`, callId: 'CA-keypad-1', parameters: { tzStats: '1', lang: 'en', script: 'post-op-followup' } });
    await caller.connect();
    const consent = 'Is now a good time for a few minutes to answer some questions about your recovery after surgery?';
    await until(() => botLines(caller).includes(consent), 60_000);
    await until(() => !caller.botSpeaking, 30_000);
    const before = botLines(caller).length;
    await caller.say(await speech('Yes, it is a good time.'));
    await until(() => botLines(caller).length >= before + 2, 30_000);
    const after = botLines(caller).slice(before);
    expect(after.slice(0, 2)).toEqual(['Sorry, I can only take keypad answers right now.', 'Press 1 if now is a good time, or 2 if not.']);
    // The keypad answer goes on with the call, no transfer.
    await until(() => !caller.botSpeaking, 30_000);
    caller.sendDtmf('1');
    const wound = 'First, your wound. Is the skin around it red, swollen or hot, or is fluid or pus coming out of it?';
    await until(() => botLines(caller).includes(wound), 30_000);
    // Speaking again later: no second notice, straight to that question's keypad prompt.
    await until(() => !caller.botSpeaking, 30_000);
    const n = botLines(caller).length;
    await caller.say(await speech('No, it looks fine.'));
    await until(() => botLines(caller).length >= n + 1, 30_000);
    expect(botLines(caller)[n]).not.toContain('keypad answers');
    expect(botLines(caller)[n]).toMatch(/^Press /);
    caller.hangup();
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      for (let i = 0; i < 50; i++) {
        const r = await c.query<{ answers: Record<string, { via: string }> }>("SELECT answers FROM inbound_calls WHERE call_id = 'CA-keypad-1'");
        if (r.rows[0]) { expect(r.rows[0].answers.consent).toMatchObject({ via: 'dtmf' }); return; }
        await new Promise((res) => setTimeout(res, 200));
      }
      throw new Error('call not filed');
    } finally {
      await c.end();
    }
  }, 180_000);
});
