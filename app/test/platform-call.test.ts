/**
 * The composed platform answers a call: a Twilio-dialect caller with a signed token reaches the
 * hotline script, hears the bot (espeak-ng fallback voice), and a caller without a token is refused.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { rmsDbfs } from '@tingzhen/voice-core';
import { startPlatform, type RunningPlatform } from '../src/platform.js';

const MODELS_DIR = process.env.TINGZHEN_MODELS_DIR ?? fileURLToPath(new URL('../../../shared/models', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'platform-call-test-secret-0123456789';
const DB = `tztest_call_${process.pid}`;

let platform: RunningPlatform;
let dataDir: string;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tz-call-'));
  await admin(`CREATE DATABASE ${DB}`);
  const url = new URL(PG_URL);
  url.pathname = `/${DB}`;
  platform = await startPlatform({
    DATABASE_URL: url.toString(), QUEUE_PREFIX: `tzcall${process.pid}`, HTTP_PORT: '0', LOG_LEVEL: 'silent',
    TINGZHEN_MODELS_DIR: MODELS_DIR, TINGZHEN_DATA_DIR: dataDir, GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway',
  });
});

afterAll(async () => {
  await platform?.close();
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the composed platform', () => {
  it('reports the speech engines on /health, with the fallback voice named', async () => {
    const body = (await (await fetch(`${platform.url}/health`)).json()) as { speech: { fallbackInUse: boolean; engines: { kind: string; state: string; engine?: string }[]; languages: Record<string, { asr: string; tts: string }> } };
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
