/**
 * Graceful shutdown: on close (SIGTERM) the gateway takes no new call (a media stream is closed
 * with 1013 "try again later", /v1/dial answers a carrier-side failure, /health says draining)
 * while the call in progress goes on to its own end, is filed, and only then does the platform stop.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import type { RunningPlatform } from '../src/platform.js';
import { startTestPlatform, type TestPlatform } from './test-platform.js';

const SECRET = 'platform-drain-test-secret-0123456789';

let t: TestPlatform;
let platform: RunningPlatform;
let dbUrl: string;

beforeAll(async () => {
  t = await startTestPlatform('drain', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway', DRAIN_TIMEOUT_MS: '60000' });
  platform = t.platform;
  dbUrl = t.databaseUrl;
}, 60_000);

afterAll(async () => {
  await t?.dispose();
});

describe('drain on shutdown', () => {
  it('takes no new call while the call in progress finishes and is filed; then stops', async () => {
    const ws = platform.url.replace('http', 'ws');
    const token = () => signToken(SECRET, { ttlMs: 60_000 });
    const caller = new TestCaller({ url: `${ws}/media/native?token=${token()}`, callId: 'CA-drain-1', parameters: { lang: 'zh' } });
    await caller.connect();
    await caller.waitBotEnd(30_000); // the greeting: the call is up

    const closing = platform.close();
    let closed = false;
    void closing.then(() => { closed = true; });
    await new Promise((r) => setTimeout(r, 300));

    // A new media stream is refused with "try again later".
    const code = await new Promise<number>((resolve) => {
      const s = new WebSocket(`${ws}/media/native?token=${token()}`);
      s.on('close', (c) => resolve(c));
      s.on('error', () => undefined);
    });
    expect(code).toBe(1013);
    // Balancers see it.
    const health = await fetch(`${platform.url}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { status: string }).status).toBe('draining');
    // A campaign dial is a carrier-side failure the worker retries soon, never a call.
    const dial = await fetch(`${platform.url}/v1/dial`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: '1' })}` },
      body: JSON.stringify({
        attemptId: '1', campaignId: '1', phone: '+8613800138000', scriptId: 'post-op-followup', scriptVersion: '1', scriptHash: null, callerId: null, trunk: 'default',
        voicemailMessage: '', maxCallMs: 60_000, patient: { id: '1', name: '张三', language: 'zh-CN', timezone: null, department: null, dischargeDate: null, customFields: {} },
      }),
    });
    expect(await dial.json()).toEqual({ kind: 'failed', reason: 'gateway_draining', carrierFault: true });

    // The call in progress is not cut: the bot is still talking to the caller.
    expect(closed).toBe(false);
    expect(caller.closed).toBe(false);
    caller.sendDtmf('0'); // ask for a nurse: no nurse line -> the fallback, then the bot hangs up
    await caller.waitClosed(60_000);
    await closing;
    // Filed before the platform stopped.
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const r = await c.query<{ outcome: string; transcript: { speaker: string; text: string }[] }>("SELECT outcome, transcript FROM inbound_calls WHERE call_id = 'CA-drain-1'");
      expect(r.rows[0]?.outcome).toBe('transfer-failed');
      expect(r.rows[0]!.transcript.some((t) => t.speaker === 'bot' && /回电/.test(t.text))).toBe(true);
    } finally {
      await c.end();
    }
  }, 120_000);
});
