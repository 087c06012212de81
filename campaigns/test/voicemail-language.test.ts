/** The voicemail message is chosen per patient (their language), never health information. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignProgress, startScheduler, startWorker, StubDialer } from '../src/index.js';
import { makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

describe('voicemail message per patient', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'vmlang'); });
  afterAll(async () => { await env.close(); });

  it('an English patient gets the English message, a Mandarin one the Mandarin message', async () => {
    const zh = await seed(env, 1, {}, { language: 'zh-CN' });
    const en = await seed(env, 1, {}, { language: 'en-GB' });
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 0 });
    await scheduler.scheduleCampaign(zh.campaignId);
    await scheduler.scheduleCampaign(en.campaignId);
    const dialer = new StubDialer();
    const worker = startWorker({
      pool: env.pool, connection: env.conn, dialer, dailyCapPerPatient: 10,
      voicemailMessage: (p) => (p.language.startsWith('en') ? 'City Hospital, please call back.' : '市医院来电，请回电。'),
    });
    try {
      await waitFor(async () => (await campaignProgress(env.pool, zh.campaignId)).state === 'completed' && (await campaignProgress(env.pool, en.campaignId)).state === 'completed');
      const byPatient = Object.fromEntries(dialer.calls.map((c) => [c.patient.id, c.voicemailMessage]));
      expect(byPatient[zh.patientIds[0]!]).toBe('市医院来电，请回电。');
      expect(byPatient[en.patientIds[0]!]).toBe('City Hospital, please call back.');
    } finally {
      await worker.close();
      await scheduler.close();
    }
  });
});
