/**
 * A campaign attempt as the worker's claim leaves it (`dialing`, its number chosen), written
 * straight to the tables of a platform's database: what POST /v1/dial checks before it places a
 * call (issue 16 item 1). Each call makes its own patient, campaign, contact and attempt.
 */
import type pg from 'pg';

export interface SeededAttempt { attemptId: string; patientId: string; campaignId: string; phone: string }

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

export async function seedDialingAttempt(pool: pg.Pool, o: {
  phone: string; mrn: string; trunk?: string; consent?: string; doNotCall?: boolean; windows?: Record<string, [string, string][]>; state?: string;
}): Promise<SeededAttempt> {
  const one = async (sql: string, params: unknown[]) => (await pool.query<{ id: string }>(sql, params)).rows[0]!.id;
  const trunk = o.trunk ?? 'default';
  const patientId = await one(`INSERT INTO patients (mrn, name, phones, consent_status, do_not_call) VALUES ($1, '测试患者', ARRAY[$2], $3, $4) RETURNING id::text`,
    [o.mrn, o.phone, o.consent ?? 'granted', o.doNotCall ?? false]);
  // One attempt only, retried never: a refused or unanswered test call leaves nothing queued.
  const campaignId = await one(`INSERT INTO campaigns (name, script_id, script_version, timezone, start_date, windows, retry_delays_minutes, max_attempts, state, trunk)
    VALUES ($1, 'post-op-followup', '1', 'UTC', current_date - 1, $2, '{"busy": 600, "no_answer": 600, "failed": 600, "voicemail": 600}', 1, 'running', $3) RETURNING id::text`,
  [`seeded ${o.mrn}`, JSON.stringify(o.windows ?? ALL_DAY), trunk]);
  const contactId = await one(`INSERT INTO contacts (campaign_id, patient_id, state) VALUES ($1, $2, 'active') RETURNING id::text`, [campaignId, patientId]);
  const attemptId = await one(`INSERT INTO call_attempts (contact_id, campaign_id, patient_id, seq, state, scheduled_for, phone, trunk, started_at)
    VALUES ($1, $2, $3, 1, $4, now(), $5, $6, now()) RETURNING id::text`, [contactId, campaignId, patientId, o.state ?? 'dialing', o.phone, trunk]);
  return { attemptId, patientId, campaignId, phone: o.phone };
}

/** The worker's request for a seeded attempt (what campaigns/src/dialing/worker.ts sends). */
export function dialRequestFor(s: SeededAttempt, o: { trunk?: string; maxCallMs?: number; phone?: string; attemptId?: string } = {}) {
  return {
    attemptId: o.attemptId ?? s.attemptId, campaignId: s.campaignId, phone: o.phone ?? s.phone, scriptId: 'post-op-followup', scriptVersion: '1', scriptHash: null,
    callerId: null, trunk: o.trunk ?? 'default', voicemailMessage: '', maxCallMs: o.maxCallMs ?? 60_000,
    patient: { id: s.patientId, name: '测试患者', language: 'zh-CN', timezone: null, department: null, dischargeDate: null, customFields: {} },
  };
}
