/**
 * Issue 20 item 10: a call still up when the drain limit is reached is cut by the platform, and is
 * filed so: outcome `platform-shutdown`, end reason `shutdown`, on the nurse worklist; never as a
 * caller who hung up. The composed platform, a real media WebSocket call, a real shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { TestCaller, signToken } from '@tingzhen/voice-gateway';
import { startTestPlatform, type TestPlatform } from './test-platform.js';

const SECRET = 'platform-drain-cut-secret-0123456789';
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform('draincut', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'api,gateway', DRAIN_TIMEOUT_MS: '500' });
}, 60_000);
afterAll(async () => { await t?.dispose(); });

describe('a call cut by a shutdown', () => {
  it('is filed as platform-shutdown and put on the worklist', async () => {
    const ws = t.platform.url.replace('http', 'ws');
    const caller = new TestCaller({ url: `${ws}/media/native?token=${signToken(SECRET, { ttlMs: 60_000 })}`, callId: 'CA-cut-1', parameters: { lang: 'zh' } });
    await caller.connect();
    await caller.waitBotEnd(30_000); // the greeting is over: the bot waits for the caller
    // The caller stays on the line; the platform stops with a 0.5 s drain limit.
    await t.platform.close();
    await caller.waitClosed(10_000);
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      const r = await c.query<{ outcome: string; end_reason: string; hangup_reason: string; reason: string | null }>(
        "SELECT i.outcome, i.end_reason, i.hangup_reason, e.reason FROM inbound_calls i LEFT JOIN escalations e ON e.inbound_call_id = i.id WHERE i.call_id = 'CA-cut-1'");
      expect(r.rows).toHaveLength(1);
      expect(r.rows[0]).toMatchObject({ outcome: 'platform-shutdown', end_reason: 'shutdown', hangup_reason: 'shutdown' });
      expect(r.rows[0]!.reason).toBe('hotline_platform_shutdown');
    } finally {
      await c.end();
    }
  }, 90_000);
});
