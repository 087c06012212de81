import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler, startWorker, StubDialer, ANSWERED_OK, campaignProgress, updatePatient } from '../src/index.js';
import { BACKENDS, makeEnv, seed, testClock, waitFor, type TestEnv } from './helpers.js';

describe.each(BACKENDS)('a window that closes mid-queue on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'wclose'); });
  afterAll(async () => { await env.close(); });

  it('dials inside the window, then expires the rest and plans them for the next window in the patient zone', async () => {
    // Tuesday 2025-03-04 09:00 in Shanghai = 01:00Z. Window 09:00-10:00 local on weekdays.
    const clock = testClock('2025-03-04T01:00:00Z');
    const windows = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '10:00']]]));
    const { campaignId, patientIds } = await seed(env, 5, { windows: windows, timezone: 'Asia/Shanghai', concurrency: 1 }, { timezone: null });
    // One patient lives in New York: windows follow the patient's zone (09:00 EST = 14:00Z).
    await updatePatient(env.pool, patientIds[4]!, { timezone: 'America/New_York' }, 'test');
    // Each call takes 25 simulated minutes: calls at 09:00, 09:25, 09:50; the fourth would start at 10:15.
    const dialer = new StubDialer({ outcome: () => { clock.advance(25 * 60_000); return ANSWERED_OK; } });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, now: clock.now, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, now: clock.now, concurrency: 1, voicemailMessage: 'x', dailyCapPerPatient: 5 });
    try {
      await waitFor(async () => {
        const p = await campaignProgress(env.pool, campaignId);
        return (p.attempts.answered ?? 0) === 3 && (p.attempts.expired ?? 0) === 1;
      });
    } finally {
      await worker.close();
      await scheduler.close();
    }
    expect(dialer.calls).toHaveLength(3);
    const rows = await env.pool.query<{ state: string; reason: string | null; scheduled_for: Date; seq: number; patient_id: string }>(
      'SELECT state, reason, scheduled_for, seq, patient_id::text FROM call_attempts WHERE campaign_id = $1 ORDER BY id', [campaignId]);
    const expired = rows.rows.filter((r) => r.state === 'expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.reason).toBe('window_missed');
    const queued = rows.rows.filter((r) => r.state === 'queued');
    // The expired Shanghai patient goes to Wednesday 09:00 local; the New York patient waits for 09:00 EST Tuesday.
    expect(queued.map((r) => r.scheduled_for.toISOString()).sort()).toEqual(['2025-03-04T14:00:00.000Z', '2025-03-05T01:00:00.000Z']);
    expect(queued.find((r) => r.scheduled_for.toISOString() === '2025-03-05T01:00:00.000Z')!.seq).toBe(2);
  });
});
