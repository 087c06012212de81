import { callResult } from '@tingzhen/voice-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startScheduler, startWorker, StubDialer, campaignProgress, insertCampaign, addContacts, withTx } from '../src/index.js';
import { ALWAYS_OPEN, BACKENDS, makeEnv, seed, testClock, waitFor, type TestEnv } from './helpers.js';

const VM = 'City Hospital, please call 12320.';

async function secondCampaign(env: TestEnv, patientIds: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const c = await insertCampaign(env.pool, {
    name: `Other ${randomBytes(2).toString('hex')}`, scriptId: 'post-discharge', scriptVersion: '1', timezone: 'UTC', startDate: '2000-01-01', windows: ALWAYS_OPEN,
    retryDelaysMinutes: { no_answer: 0, busy: 0, failed: 0, voicemail: 0 }, concurrency: 4, callsPerSecond: 100, ...extra,
  }, 'test');
  await withTx(env.pool, (cl) => addContacts(cl, c.id, patientIds));
  return c.id;
}

describe.each(BACKENDS)('caps across campaigns and trunks on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'caps'); });
  afterAll(async () => { await env.close(); });

  it('per-patient daily cap across campaigns: the second call waits for the next local midnight', async () => {
    // 11:00 in Shanghai on Tuesday 4 March 2025; the patient lives in Shanghai, windows follow the patient.
    const clock = testClock('2025-03-04T03:00:00Z');
    const { campaignId: a, patientIds } = await seed(env, 1, {}, { timezone: 'Asia/Shanghai' });
    const b = await secondCampaign(env, patientIds);
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, now: clock.now, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(a);
    await scheduler.scheduleCampaign(b);
    const dialer = new StubDialer();
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, now: clock.now, voicemailMessage: VM, dailyCapPerPatient: 1, concurrency: 1 });
    try {
      await waitFor(async () => {
        const r = await env.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM call_attempts WHERE reason = 'daily_cap'");
        return (r.rows[0]?.n ?? 0) === 1 && dialer.calls.length === 1;
      });
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await worker.close();
      await scheduler.close();
    }
    expect(dialer.calls).toHaveLength(1);
    const rows = await env.pool.query<{ campaign_id: string; state: string; reason: string | null; scheduled_for: Date; seq: number }>(
      'SELECT campaign_id::text, state, reason, scheduled_for, seq FROM call_attempts WHERE campaign_id = ANY($1::bigint[]) ORDER BY id', [[a, b]]);
    const capped = rows.rows.find((r) => r.reason === 'daily_cap')!;
    const next = rows.rows.find((r) => r.state === 'queued')!;
    expect(capped.state).toBe('expired');
    expect(next.campaign_id).toBe(capped.campaign_id);
    expect(next.seq).toBe(2);
    // Midnight of Wednesday in Shanghai is 16:00Z on Tuesday.
    expect(next.scheduled_for.toISOString()).toBe('2025-03-04T16:00:00.000Z');
  });

  it('keeps the inbound hotline share of the trunk free, and yields to inbound calls in progress', async () => {
    // 5 channels, 40 % reserved for inbound: 3 outbound at most, whatever the campaign allows.
    const trunks = { default: { channels: 5, callsPerSecond: 100, inboundReservedShare: 0.4 } };
    const { campaignId } = await seed(env, 8, { concurrency: 10 });
    const dialer = new StubDialer({ callMs: 300 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, trunks, concurrency: 8, voicemailMessage: VM, dailyCapPerPatient: 10, capacityRetryMs: 50 });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 40_000);
    } finally {
      await worker.close();
    }
    expect(dialer.calls).toHaveLength(8);
    expect(dialer.maxInFlight).toBe(3);

    // Four inbound calls in progress leave one channel for outbound.
    const { campaignId: c2 } = await seed(env, 4, { concurrency: 10 });
    const dialer2 = new StubDialer({ callMs: 200 });
    await scheduler.scheduleCampaign(c2);
    const worker2 = startWorker({ pool: env.pool, connection: env.conn, dialer: dialer2, trunks, concurrency: 8, voicemailMessage: VM, dailyCapPerPatient: 10, capacityRetryMs: 50, inboundInUse: () => 4 });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, c2)).state === 'completed', 40_000);
    } finally {
      await worker2.close();
      await scheduler.close();
    }
    expect(dialer2.calls).toHaveLength(4);
    expect(dialer2.maxInFlight).toBe(1);
    // Every slot was given back.
    const held = await env.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dial_slots WHERE attempt_id IS NOT NULL');
    expect(held.rows[0]!.n).toBe(0);
  });

  it('a patient on a call from another campaign is retried later, never dialled twice at once', async () => {
    const { campaignId: a, patientIds } = await seed(env, 1);
    const b = await secondCampaign(env, patientIds);
    let overlap = 0;
    let inCall = 0;
    const dialer = new StubDialer({ callMs: 800, outcome: () => ({ kind: 'answered', amd: 'human', result: callResult() }) });
    const wrapped = { dial: async (req: Parameters<StubDialer['dial']>[0]) => {
      inCall++;
      overlap = Math.max(overlap, inCall);
      try { return await dialer.dial(req); } finally { inCall--; }
    } };
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(a);
    await scheduler.scheduleCampaign(b);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer: wrapped, concurrency: 4, voicemailMessage: VM, dailyCapPerPatient: 10, patientBusyRetryMs: 200 });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, a)).state === 'completed' && (await campaignProgress(env.pool, b)).state === 'completed', 30_000);
    } finally {
      await worker.close();
      await scheduler.close();
    }
    expect(dialer.calls.map((c) => c.campaignId).sort()).toEqual([a, b].sort());
    expect(overlap).toBe(1);
    const started = await env.pool.query<{ started_at: Date; ended_at: Date }>(
      "SELECT started_at, ended_at FROM call_attempts WHERE patient_id = $1 AND state = 'answered' ORDER BY started_at", [patientIds[0]]);
    expect(started.rows).toHaveLength(2);
    expect(started.rows[1]!.started_at.getTime()).toBeGreaterThanOrEqual(started.rows[0]!.ended_at.getTime());
  });

  it('the campaign calls-per-second cap spaces dials across two workers', async () => {
    // The trunk allows 1000/s, the campaign 5/s: ten dials need at least 9 gaps of 200 ms.
    const trunks = { default: { channels: 30, callsPerSecond: 1000, inboundReservedShare: 0 } };
    const { campaignId } = await seed(env, 10, { concurrency: 10, callsPerSecond: 5 });
    const dialer = new StubDialer();
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const opts = { pool: env.pool, connection: env.conn, dialer, trunks, concurrency: 5, voicemailMessage: VM, dailyCapPerPatient: 10 };
    const w1 = startWorker(opts);
    const w2 = startWorker(opts);
    try {
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 30_000);
    } finally {
      await Promise.all([w1.close(), w2.close()]);
      await scheduler.close();
    }
    const r = await env.pool.query<{ span_ms: number; n: number }>(
      'SELECT extract(epoch FROM max(started_at) - min(started_at)) * 1000 AS span_ms, count(*)::int AS n FROM call_attempts WHERE campaign_id = $1', [campaignId]);
    expect(r.rows[0]!.n).toBe(10);
    expect(Number(r.rows[0]!.span_ms)).toBeGreaterThanOrEqual(1700);
  });
});
