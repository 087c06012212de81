/** Hotline calls are filed, and those that need a human land on the nurse worklist at once. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createPool, dropSchema, fileInboundCall, inboundPriority, migrate, type InboundCallReport } from '../src/index.js';
import { DATABASE_URL } from './helpers.js';

const schema = `tzt_inbound_${randomBytes(4).toString('hex')}`;
let pool: pg.Pool;

beforeAll(async () => {
  await migrate(DATABASE_URL, { schema });
  pool = createPool(DATABASE_URL, { schema, max: 4 });
});
afterAll(async () => {
  await pool.end();
  await dropSchema(DATABASE_URL, schema);
});

function report(callId: string, over: Partial<InboundCallReport> = {}): InboundCallReport {
  return {
    callId, dialect: 'twilio', endReason: 'completed', outcome: 'completed', durationMs: 41_250,
    transcript: [{ speaker: 'caller', text: '我胸口压着疼出冷汗', startMs: 1000, endMs: 3000, confidence: 0.8 }],
    turns: [{ turn: 1, gapMs: 320 }], events: [],
    result: { answers: {}, disposition: 'D6', redFlags: [] },
    ...over,
  };
}

describe('inbound (hotline) calls', () => {
  it('files a red-flag call and puts it first on the worklist', async () => {
    const filed = await fileInboundCall(pool, report('CA-red', { result: { answers: {}, disposition: 'D1', redFlags: ['chest-pain-cardiac'] }, events: [{ type: 'alert', priority: 'urgent', reason: 'red-flag' }] }));
    expect(filed.priority).toBe(1);
    const esc = await pool.query('SELECT priority, reason, red_flags, state, patient_id, inbound_call_id::text FROM escalations WHERE id = $1', [filed.escalationId]);
    expect(esc.rows[0]).toMatchObject({ priority: 1, reason: 'hotline_red_flag', red_flags: ['chest-pain-cardiac'], state: 'open', patient_id: null, inbound_call_id: filed.id });
    const call = await pool.query('SELECT disposition, red_flags, transcript, duration_ms FROM inbound_calls WHERE id = $1', [filed.id]);
    expect(call.rows[0]).toMatchObject({ disposition: 'D1', red_flags: ['chest-pain-cardiac'], duration_ms: 41250 });
    expect(call.rows[0].transcript[0].confidence).toBe(0.8);
  });

  it('files a routine call without troubling a nurse', async () => {
    const filed = await fileInboundCall(pool, report('CA-routine'));
    expect(filed.escalationId).toBeNull();
    expect((await pool.query('SELECT count(*)::int AS n FROM escalations WHERE inbound_call_id = $1', [filed.id])).rows[0].n).toBe(0);
  });

  it('escalates a caller who asked for a human, and files each call once', async () => {
    const r = report('CA-human', { endReason: 'transferred', outcome: 'transferred', events: [{ type: 'transfer', reason: 'human' }], result: { answers: {}, disposition: null, redFlags: [] } });
    const first = await fileInboundCall(pool, r);
    const again = await fileInboundCall(pool, r);
    expect(first.priority).toBe(2);
    expect(again).toEqual(first);
    expect((await pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE call_id = 'CA-human'")).rows[0].n).toBe(1);
  });

  it('ranks dispositions and alerts', () => {
    expect(inboundPriority(report('a', { result: { answers: {}, disposition: 'D2' } }))).toBe(1);
    expect(inboundPriority(report('b', { result: { answers: {}, disposition: 'D3' } }))).toBe(2);
    expect(inboundPriority(report('c', { events: [{ type: 'alert', priority: 'normal' }] }))).toBe(3);
    expect(inboundPriority(report('e', { events: [{ type: 'alert', priority: 'high' }] }))).toBe(2);
    expect(inboundPriority(report('d'))).toBeNull();
  });

  it('keeps the patient-or-call rule: an escalation always names who it is about', async () => {
    await expect(pool.query("INSERT INTO escalations (priority, reason) VALUES (2, 'x')")).rejects.toThrow(/escalations_subject/);
  });
});
