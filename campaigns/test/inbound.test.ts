/** Hotline calls are filed, and those that need a human land on the nurse worklist at once. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { callResultFromReport, type DialogResult } from '@tingzhen/voice-core';
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

function dialog(over: Partial<DialogResult> = {}): DialogResult {
  return {
    scriptId: 'triage-hotline', scriptVersion: 1, scriptHash: 'h', lang: 'zh', answers: {}, saved: {}, disposition: 'D6', redFlags: [],
    department: null, tags: [], outcome: 'completed', doNotCall: false, ...over,
  };
}

function report(callId: string, over: Partial<InboundCallReport> = {}): InboundCallReport {
  return {
    callId, dialect: 'twilio', endReason: 'completed', outcome: 'completed', durationMs: 41_250,
    transcript: [{ speaker: 'caller', text: '我胸口压着疼出冷汗', startMs: 1000, endMs: 3000, confidence: 0.8 }],
    turns: [{ turn: 1, gapMs: 320, via: 'speech' }], bargeIns: [], underruns: 0, events: [], test: false, callerNumber: '+8613800138000',
    result: dialog(),
    ...over,
  };
}

const ranked = (over: Partial<InboundCallReport>) => inboundPriority(callResultFromReport(report('x', over)));

describe('inbound (hotline) calls', () => {
  it('files a red-flag call with the caller number, answers and disposition, and puts it first on the worklist', async () => {
    const filed = await fileInboundCall(pool, report('CA-red', {
      result: dialog({ disposition: 'D1', redFlags: ['chest-pain-cardiac'], outcome: 'red-flag', answers: { chest: { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } } }),
      events: [{ type: 'alert', priority: 'urgent', reason: 'red-flag' }],
    }));
    expect(filed.priority).toBe(1);
    const esc = await pool.query('SELECT priority, reason, red_flags, state, patient_id, inbound_call_id::text, details FROM escalations WHERE id = $1', [filed.escalationId]);
    expect(esc.rows[0]).toMatchObject({ priority: 1, reason: 'hotline_red_flag', red_flags: ['chest-pain-cardiac'], state: 'open', patient_id: null, inbound_call_id: filed.id, details: { disposition: 'D1', outcome: 'red-flag' } });
    const call = await pool.query('SELECT disposition, red_flags, transcript, duration_ms, caller_number, answers, outcome, is_test, script_id, lang FROM inbound_calls WHERE id = $1', [filed.id]);
    expect(call.rows[0]).toMatchObject({ disposition: 'D1', red_flags: ['chest-pain-cardiac'], duration_ms: 41250, caller_number: '+8613800138000', outcome: 'red-flag', is_test: false, script_id: 'triage-hotline', lang: 'zh' });
    expect(call.rows[0].answers).toEqual({ chest: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } });
    expect(call.rows[0].transcript[0]).toMatchObject({ speaker: 'patient', confidence: 0.8 });
  });

  it('files a routine call without troubling a nurse', async () => {
    const filed = await fileInboundCall(pool, report('CA-routine'));
    expect(filed.escalationId).toBeNull();
    expect((await pool.query('SELECT count(*)::int AS n FROM escalations WHERE inbound_call_id = $1', [filed.id])).rows[0].n).toBe(0);
  });

  it('escalates a caller who asked for a human, and files the same call once', async () => {
    const r = report('CA-human', { endReason: 'transferred', outcome: 'transfer-failed', transfer: { reason: 'caller-request', ok: false }, events: [{ type: 'transfer', reason: 'caller-request' }], result: dialog({ disposition: null, outcome: 'transfer-failed' }) });
    const first = await fileInboundCall(pool, r);
    const again = await fileInboundCall(pool, r);
    expect(first.priority).toBe(2);
    expect(again).toEqual(first);
    expect((await pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE call_id = 'CA-human'")).rows[0].n).toBe(1);
    expect((await pool.query('SELECT reason FROM escalations WHERE id = $1', [first.escalationId])).rows[0].reason).toBe('hotline_human_requested');
  });

  it('keeps a second call that reuses a call id, under a fresh id, with its own worklist item', async () => {
    const first = await fileInboundCall(pool, report('CA-reused', { result: dialog({ redFlags: ['stroke'], disposition: 'D1' }) }));
    const second = await fileInboundCall(pool, report('CA-reused', { durationMs: 9_000, result: dialog({ redFlags: ['anaphylaxis'], disposition: 'D1' }) }));
    expect(second.id).not.toBe(first.id);
    expect(second.callId).toBe('CA-reused~2');
    expect(second.escalationId).not.toBeNull();
    expect((await pool.query("SELECT count(*)::int AS n FROM inbound_calls WHERE call_id LIKE 'CA-reused%'")).rows[0].n).toBe(2);
  });

  it('files a console test call marked as a test, never on the worklist', async () => {
    const filed = await fileInboundCall(pool, report('CA-test', { test: true, result: dialog({ redFlags: ['stroke'], disposition: 'D1' }) }));
    expect(filed.escalationId).toBeNull();
    expect((await pool.query('SELECT is_test FROM inbound_calls WHERE id = $1', [filed.id])).rows[0].is_test).toBe(true);
  });

  it('ranks dispositions, alerts and call-back promises', () => {
    expect(ranked({ result: dialog({ disposition: 'D2' }) })).toBe(1);
    expect(ranked({ result: dialog({ disposition: 'D3' }) })).toBe(2);
    expect(ranked({ events: [{ type: 'alert', priority: 'normal', reason: 'x' }] })).toBe(3);
    expect(ranked({ events: [{ type: 'alert', priority: 'high', reason: 'x' }] })).toBe(2);
    expect(ranked({ events: [{ type: 'schedule-callback', delayMinutes: 30, reason: 'human-requested' }] })).toBe(3);
    expect(ranked({ endReason: 'error', fault: { code: 'TZ_ERR_TTS', stage: 'action' } })).toBe(2);
    expect(ranked({})).toBeNull();
  });

  it('keeps the patient-or-call rule: an escalation always names who it is about', async () => {
    await expect(pool.query("INSERT INTO escalations (priority, reason) VALUES (2, 'x')")).rejects.toThrow(/escalations_subject/);
  });
});
