/**
 * The composed platform answers a call: a Twilio-dialect caller with a signed token reaches the
 * hotline script, hears the bot (espeak-ng fallback voice), and a caller without a token is refused.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { rmsDbfs } from '@tingzhen/voice-core';
import type { RunningPlatform } from '../src/platform.js';
import { OPS, startTestPlatform, type TestPlatform } from './test-platform.js';

const SECRET = 'platform-call-test-secret-0123456789';

let t: TestPlatform;
let platform: RunningPlatform;

beforeAll(async () => {
  t = await startTestPlatform('call', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway' });
  platform = t.platform;
});

afterAll(async () => {
  await t?.dispose();
});

describe('the composed platform', () => {
  it('reports the speech engines on /health, with the fallback voice named', async () => {
    const body = (await (await fetch(`${platform.url}/health`, OPS)).json()) as { speech: { fallbackInUse: boolean; engines: { kind: string; state: string; engine?: string }[]; languages: Record<string, { asr: string; tts: string }> } };
    expect(body.speech.fallbackInUse).toBe(true);
    // Per language: no ASR model on this machine, the espeak-ng voice for both.
    expect(body.speech.languages).toEqual({ zh: { asr: 'missing', tts: 'fallback' }, en: { asr: 'missing', tts: 'fallback' } });
    expect(body.speech.engines).toContainEqual(expect.objectContaining({ kind: 'vad', state: 'real' }));
    expect(body.speech.engines).toContainEqual(expect.objectContaining({ kind: 'tts', state: 'fallback', engine: 'espeak-ng' }));
  });

  it('answers a caller with a signed token on the hotline script and speaks', async () => {
    const token = signToken(SECRET, { ttlMs: 60_000 });
    const caller = new TestCaller({ url: `${platform.url.replace('http', 'ws')}/media/native?token=${token}`, callId: 'CA-platform-1', parameters: { lang: 'zh' } });
    await caller.connect();
    const first = await caller.waitBotEnd(30_000);
    const audio = Int16Array.from(first.samples.flatMap((s) => Array.from(s)));
    expect(audio.length / 8000).toBeGreaterThan(1); // the disclosure is more than a second long
    expect(rmsDbfs(audio)).toBeGreaterThan(-40);
    caller.hangup();
    await caller.waitClosed(10_000);
    // The call was filed in PostgreSQL once the pipeline wound down.
    await expect.poll(async () => (await platform.services.pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE call_id = 'CA-platform-1'")).rows[0].n, { timeout: 10_000 }).toBe(1);
  });

  it('serves the console API behind sign-in, with a one-time setup token for the first admin', async () => {
    expect(platform.setupToken).toMatch(/\S{16,}/);
    const setup = (await (await fetch(`${platform.url}/api/auth/setup`)).json()) as { needed: boolean };
    expect(setup.needed).toBe(true);
    expect((await fetch(`${platform.url}/api/campaigns`)).status).toBe(401);
  });

  it('refuses a caller without a token', async () => {
    const caller = new TestCaller({ url: `${platform.url.replace('http', 'ws')}/media/native`, callId: 'CA-platform-2' });
    await caller.connect().catch(() => undefined);
    const reason = await caller.waitClosed(10_000);
    expect(String(reason)).toMatch(/auth|token|credential|unauthori/i);
  });
});
