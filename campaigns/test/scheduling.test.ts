import { callResult } from '@tingzhen/voice-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler, startWorker, StubDialer, ANSWERED_OK, updatePatient, campaignProgress, type CallOutcome, type DialRequest } from '../src/index.js';
import { CARRIER_FAULT_LIMIT } from '../src/dialing/lifecycle.js';
import { BACKENDS, makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

const VM = 'This is City Hospital. Please call us back on 12320.';

describe.each(BACKENDS)('scheduling and dialing on %s', (backend) => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv(backend, 'sched'); });
  afterAll(async () => { await env.close(); });

  it('retries per outcome, honours do-not-call set while the job waits, files results and escalations', async () => {
    const { campaignId, patientIds } = await seed(env, 6, { maxAttempts: 3 });
    const [pNoAnswer, pBusy, pDnc, pVoicemail, pRedFlag, pMachine] = patientIds as [string, string, string, string, string, string];
    const byPatient = new Map<string, number>();
    const dialer = new StubDialer({
      outcome: (req: DialRequest): CallOutcome => {
        const n = (byPatient.get(req.patient.id) ?? 0) + 1;
        byPatient.set(req.patient.id, n);
        if (req.patient.id === pNoAnswer) return n === 1 ? { kind: 'no_answer' } : ANSWERED_OK;
        if (req.patient.id === pBusy) return { kind: 'busy' };
        if (req.patient.id === pVoicemail) return n === 1 ? { kind: 'voicemail', messageLeft: true } : ANSWERED_OK;
        // a dialer whose own detection says a machine answered: a voicemail, retried
        if (req.patient.id === pMachine && n === 1 && ANSWERED_OK.kind === 'answered') return { ...ANSWERED_OK, amd: 'machine' };
        if (req.patient.id === pRedFlag) return { kind: 'answered', amd: 'uncertain', result: { ...ANSWERED_OK.kind === 'answered' ? ANSWERED_OK.result : callResult(), redFlags: ['chest_pain'], disposition: 'D5' } };
        return ANSWERED_OK;
      },
    });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    expect(await scheduler.scheduleCampaign(campaignId)).toBe(6);
    // Do-not-call arrives while the job is waiting: the dial-time check must win.
    await updatePatient(env.pool, pDnc, { doNotCall: true, doNotCallReason: 'asked by phone' }, 'nurse-1');
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: VM, dailyCapPerPatient: 10 });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed');
    } finally {
      await worker.close();
      await scheduler.close();
    }
    const contacts = await env.pool.query<{ patient_id: string; state: string; dials_made: number }>('SELECT patient_id::text, state, dials_made FROM contacts WHERE campaign_id = $1', [campaignId]);
    const state = Object.fromEntries(contacts.rows.map((r) => [r.patient_id, [r.state, r.dials_made]]));
    expect(state[pNoAnswer]).toEqual(['completed', 2]);
    expect(state[pBusy]).toEqual(['exhausted', 3]);
    expect(state[pDnc]).toEqual(['opted_out', 0]);
    expect(state[pVoicemail]).toEqual(['completed', 2]);
    expect(state[pRedFlag]).toEqual(['completed', 1]);
    expect(state[pMachine]).toEqual(['completed', 2]);
    expect(dialer.calls.filter((c) => c.patient.id === pDnc)).toHaveLength(0);
    expect(dialer.calls.every((c) => c.voicemailMessage === VM)).toBe(true);
    const attempts = await env.pool.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 GROUP BY state', [campaignId]);
    expect(Object.fromEntries(attempts.rows.map((r) => [r.state, r.n]))).toEqual({ answered: 4, no_answer: 1, busy: 3, voicemail: 2, cancelled: 1 });
    const machine = await env.pool.query<{ reason: string }>("SELECT reason FROM call_attempts WHERE patient_id = $1 AND state = 'voicemail'", [pMachine]);
    expect(machine.rows).toEqual([{ reason: 'no_message' }]);
    const esc = await env.pool.query<{ patient_id: string; priority: number; red_flags: string[] }>('SELECT patient_id::text, priority, red_flags FROM escalations');
    expect(esc.rows).toEqual([{ patient_id: pRedFlag, priority: 1, red_flags: ['chest_pain'] }]);
    const progress = await campaignProgress(env.pool, campaignId);
    expect(progress.contacts).toMatchObject({ pending: 0, active: 0, completed: 4, exhausted: 1, opted_out: 1 });
    expect(progress.attempts).toMatchObject({ queued: 0, dialing: 0, answered: 4, busy: 3 });
  });

  it('a carrier fault is retried without counting against the patient, up to a bound; the callee\'s busy counts', async () => {
    const { campaignId, patientIds } = await seed(env, 3, { maxAttempts: 2 });
    const [pCongested, pDown, pBusy] = patientIds as [string, string, string];
    const byPatient = new Map<string, number>();
    const dialer = new StubDialer({
      outcome: (req: DialRequest): CallOutcome => {
        const n = (byPatient.get(req.patient.id) ?? 0) + 1;
        byPatient.set(req.patient.id, n);
        // 503 from the trunk twice, then the patient answers
        if (req.patient.id === pCongested) return n <= 2 ? { kind: 'failed', reason: 'carrier-congestion', sipCode: 503, carrierFault: true } : ANSWERED_OK;
        // the trunk never works: after CARRIER_FAULT_LIMIT free retries the faults count as dials
        if (req.patient.id === pDown) return { kind: 'failed', reason: 'carrier-error', carrierFault: true };
        return { kind: 'busy', reason: 'busy', sipCode: 486 };
      },
    });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: VM, dailyCapPerPatient: 20 });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed');
    } finally {
      await worker.close();
      await scheduler.close();
    }
    const contacts = await env.pool.query<{ patient_id: string; state: string; dials_made: number; carrier_faults: number }>(
      'SELECT patient_id::text, state, dials_made, carrier_faults FROM contacts WHERE campaign_id = $1', [campaignId]);
    const state = Object.fromEntries(contacts.rows.map((r) => [r.patient_id, [r.state, r.dials_made, r.carrier_faults]]));
    expect(state[pCongested]).toEqual(['completed', 1, 2]);
    expect(state[pDown]).toEqual(['exhausted', 2, CARRIER_FAULT_LIMIT + 2]);
    expect(state[pBusy]).toEqual(['exhausted', 2, 0]);
    expect(byPatient.get(pCongested)).toBe(3);
    expect(byPatient.get(pDown)).toBe(CARRIER_FAULT_LIMIT + 2);
    const events = await env.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM call_events e JOIN call_attempts a ON a.id = e.entity_id WHERE e.entity = 'attempt' AND a.patient_id = $1 AND e.data->>'carrierFault' = 'true'", [pCongested]);
    expect(events.rows[0]!.n).toBe(2);
  });

  it('pauses and resumes: held attempts are not dialled until resume', async () => {
    const { campaignId } = await seed(env, 4);
    const dialer = new StubDialer();
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    await scheduler.pause(campaignId);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: VM, dailyCapPerPatient: 10 });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect(dialer.calls).toHaveLength(0);
      expect((await campaignProgress(env.pool, campaignId)).attempts.held).toBe(4);
      expect(await scheduler.resume(campaignId)).toBe(4);
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed');
      expect(dialer.calls).toHaveLength(4);
    } finally {
      await worker.close();
      await scheduler.close();
    }
  });

  it('two workers share one queue: every attempt dialled once, the campaign concurrency cap holds', async () => {
    const { campaignId } = await seed(env, 12, { concurrency: 2 });
    const dialer = new StubDialer({ callMs: 150 });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    await scheduler.scheduleCampaign(campaignId);
    const opts = { pool: env.pool, connection: env.conn, dialer, voicemailMessage: VM, dailyCapPerPatient: 10, capacityRetryMs: 100 };
    const w1 = startWorker(opts);
    const w2 = startWorker(opts);
    try {
      await waitFor(async () => (await campaignProgress(env.pool, campaignId)).state === 'completed', 40_000);
    } finally {
      await Promise.all([w1.close(), w2.close()]);
      await scheduler.close();
    }
    const ids = dialer.calls.map((c) => c.attemptId);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
    expect(dialer.maxInFlight).toBeLessThanOrEqual(2);
  });
});
