/**
 * The worklist and hotline-call API (fastify inject, real PostgreSQL): a hotline item carries its
 * caller's number and call, a campaign item its call result and patient; reads are audited with
 * the actor; console test calls never reach the worklist or the default hotline list.
 */
import { callResult, type DialogResult } from '@tingzhen/voice-core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignsApi, fileInboundCall, startScheduler, startWorker, StubDialer, type InboundCallReport, type Scheduler } from '../src/index.js';
import { makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

function dialog(over: Partial<DialogResult> = {}): DialogResult {
  return {
    scriptId: 'triage-hotline', scriptVersion: 1, scriptHash: 'h', lang: 'zh', answers: {}, saved: {}, disposition: 'D6', redFlags: [],
    department: null, tags: [], outcome: 'completed', doNotCall: false, ...over,
  };
}

function report(callId: string, over: Partial<InboundCallReport> = {}): InboundCallReport {
  return {
    callId, dialect: 'twilio', endReason: 'completed', outcome: 'completed', durationMs: 41_250,
    transcript: [
      { speaker: 'bot', text: '胸痛是不是压榨样？', startMs: 0, endMs: 2000 },
      { speaker: 'caller', text: '1', startMs: 2600, endMs: 2600, via: 'dtmf' },
    ],
    turns: [{ turn: 1, gapMs: 320, via: 'dtmf' }], bargeIns: [], underruns: 0, events: [], test: false, callerNumber: '+8613800138000',
    result: dialog(), ...over,
  };
}

const RED_FLAG_CALL = (callId: string, over: Partial<InboundCallReport> = {}) => report(callId, {
  recordingFile: `${callId}.wav`,
  result: dialog({ disposition: 'D1', redFlags: ['chest-pain-cardiac'], outcome: 'red-flag', answers: { 'chest-1': { expect: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } } }),
  events: [{ type: 'alert', priority: 'urgent', reason: 'red-flag' }],
  ...over,
});

/** A worklist item as JSON (checked field by field with toMatchObject). */
type Item = Record<string, unknown> & { kind: string; call: { at: string }; callback_at: string | null };

describe('worklist and hotline calls API (fastify inject, real PostgreSQL)', () => {
  let env: TestEnv;
  let app: FastifyInstance;
  let scheduler: Scheduler;
  let red: Awaited<ReturnType<typeof fileInboundCall>>;
  let testCall: Awaited<ReturnType<typeof fileInboundCall>>;
  let routine: Awaited<ReturnType<typeof fileInboundCall>>;
  const get = (url: string, actor = 'nurse-3') => app.inject({ method: 'GET', url, headers: { 'x-actor': actor } });
  const json = async (url: string) => (await get(url)).json();

  beforeAll(async () => {
    env = await makeEnv('postgres', 'worklist');
    scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    app = Fastify();
    await app.register(campaignsApi, { pool: env.pool, scheduler, prefix: '/api' } as never);
    await app.ready();
    red = await fileInboundCall(env.pool, RED_FLAG_CALL('CA-wl-red'));
    routine = await fileInboundCall(env.pool, report('CA-wl-routine', { callerNumber: '+8613900139000' }));
    testCall = await fileInboundCall(env.pool, RED_FLAG_CALL('CA-wl-test', { test: true, callerNumber: '+8613700137000' }));
  });
  afterAll(async () => { await app.close(); await scheduler.close(); await env.close(); });

  it('lists a hotline item with the caller number, its call and details, never "null" for a patient', async () => {
    const res = await get('/api/escalations?state=open');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({
      id: red.escalationId, kind: 'hotline', inbound_call_id: red.id, patient_id: null, patient: null, call_result_id: null, priority: 1, reason: 'hotline_red_flag',
      red_flags: ['chest-pain-cardiac'], state: 'open', callback_at: null, details: { disposition: 'D1', outcome: 'red-flag', alerts: [{ priority: 1, reason: 'red-flag' }] },
      call: { kind: 'hotline', id: red.id, caller_number: '+8613800138000', disposition: 'D1', red_flags: ['chest-pain-cardiac'], outcome: 'red-flag', lang: 'zh',
        duration_ms: 41_250, has_recording: true, recording_deleted_at: null },
    });
    expect(Date.parse(item.call.at)).not.toBeNaN();
    const audit = await env.pool.query("SELECT actor, details FROM audit_log WHERE entity = 'escalation_list' ORDER BY id DESC LIMIT 1");
    expect(audit.rows[0]).toEqual({ actor: 'nurse-3', details: { count: 1 } });
  });

  it('keeps console test calls off the worklist, even an escalation filed for one by mistake', async () => {
    expect(testCall.escalationId).toBeNull();
    // There should be none; a stray one (an old gateway, a hand-made row) is still never shown.
    await env.pool.query("INSERT INTO escalations (inbound_call_id, priority, reason, red_flags) VALUES ($1, 1, 'hotline_red_flag', '{stroke-signs}')", [testCall.id]);
    const items = (await json('/api/escalations?limit=500')).items as { inbound_call_id: string | null }[];
    expect(items.map((x) => x.inbound_call_id)).not.toContain(testCall.id);
    expect(items.map((x) => x.inbound_call_id)).toContain(red.id);
  });

  it('lists recent hotline calls without test calls unless asked, audited', async () => {
    const def = await get('/api/inbound-calls');
    expect(def.statusCode).toBe(200);
    const ids = (def.json().items as { id: string }[]).map((x) => x.id);
    expect(ids).toEqual([routine.id, red.id]); // most recent first
    const first = def.json().items[1];
    expect(first).toMatchObject({ caller_number: '+8613800138000', disposition: 'D1', is_test: false, has_recording: true, escalation: { id: red.escalationId, state: 'open', priority: 1, reason: 'hotline_red_flag' } });
    expect(first.transcript).toBeUndefined();
    const all = (await json('/api/inbound-calls?includeTests=true')).items as { id: string; is_test: boolean }[];
    expect(all.map((x) => x.id)).toEqual([testCall.id, routine.id, red.id]);
    expect(all[0]!.is_test).toBe(true);
    expect((await json('/api/inbound-calls?disposition=D1')).items.map((x: { id: string }) => x.id)).toEqual([red.id]);
    expect((await json('/api/inbound-calls?redFlag=chest-pain-cardiac&includeTests=true')).items).toHaveLength(2);
    const audit = await env.pool.query("SELECT actor, details FROM audit_log WHERE entity = 'inbound_call_list' ORDER BY id");
    expect(audit.rows[0]).toEqual({ actor: 'nurse-3', details: { count: 2, includeTests: false } });
    expect(audit.rows[1]).toEqual({ actor: 'nurse-3', details: { count: 3, includeTests: true } });
  });

  it('returns one hotline call with transcript, answers and its worklist item, and audits the read with the actor', async () => {
    const res = await get(`/api/inbound-calls/${red.id}`, 'nurse-9');
    expect(res.statusCode).toBe(200);
    const call = res.json();
    expect(call).toMatchObject({
      id: red.id, call_id: 'CA-wl-red', caller_number: '+8613800138000', disposition: 'D1', red_flags: ['chest-pain-cardiac'], outcome: 'red-flag', lang: 'zh',
      script_id: 'triage-hotline', recording_ref: 'CA-wl-red.wav', has_recording: true, is_test: false,
      answers: { 'chest-1': { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' } },
      escalations: [{ id: red.escalationId, state: 'open', priority: 1, reason: 'hotline_red_flag', callback_at: null }],
    });
    expect(call.transcript).toEqual([
      { speaker: 'bot', text: '胸痛是不是压榨样？', startMs: 0, endMs: 2000 },
      { speaker: 'patient', text: '1', startMs: 2600, endMs: 2600, via: 'dtmf' },
    ]);
    const audit = await env.pool.query("SELECT actor, action, entity_id, patient_id FROM audit_log WHERE entity = 'inbound_call'");
    expect(audit.rows).toEqual([{ actor: 'nurse-9', action: 'read', entity_id: red.id, patient_id: null }]);
  });

  it('answers a bad id with 400 and an unknown one with 404, never 500', async () => {
    for (const url of ['/api/inbound-calls/abc', '/api/inbound-calls/0', '/api/inbound-calls/-1', '/api/inbound-calls/1.5', '/api/inbound-calls/99999999999999999999',
      '/api/inbound-calls?limit=0', '/api/inbound-calls?includeTests=maybe', '/api/inbound-calls?disposition=D9', '/api/escalations?state=gone', '/api/escalations/null/claim']) {
      const r = url.endsWith('/claim') ? await app.inject({ method: 'POST', url, payload: {} }) : await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.code, url).toBe('TZ_ERR_VALIDATION');
    }
    const missing = await get('/api/inbound-calls/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TZ_ERR_NOT_FOUND');
  });

  it('shows a recording deleted by retention as deleted, not playable', async () => {
    const old = await fileInboundCall(env.pool, RED_FLAG_CALL('CA-wl-old'));
    await env.pool.query('UPDATE inbound_calls SET recording_deleted_at = now() WHERE id = $1', [old.id]);
    const item = ((await json('/api/escalations')).items as { id: string; call: { has_recording: boolean; recording_deleted_at: string | null } }[]).find((x) => x.id === old.escalationId)!;
    expect(item.call.has_recording).toBe(false);
    expect(item.call.recording_deleted_at).not.toBeNull();
    const call = (await get(`/api/inbound-calls/${old.id}`)).json();
    expect(call).toMatchObject({ has_recording: false, recording_ref: 'CA-wl-old.wav' });
    expect(call.recording_deleted_at).not.toBeNull();
  });

  it('claims and resolves a hotline item (no patient): audited with the call, not a "null" patient', async () => {
    const claim = await app.inject({ method: 'POST', url: `/api/escalations/${red.escalationId}/claim`, headers: { 'x-actor': 'nurse-3' }, payload: {} });
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toMatchObject({ state: 'claimed', claimedBy: 'nurse-3' });
    const res = await app.inject({ method: 'POST', url: `/api/escalations/${red.escalationId}/resolve`, headers: { 'x-actor': 'nurse-3' }, payload: { note: '已回电，已叫120' } });
    expect(res.statusCode).toBe(200);
    const audit = await env.pool.query("SELECT action, patient_id, details FROM audit_log WHERE entity = 'escalation' AND entity_id = $1 ORDER BY id", [red.escalationId]);
    expect(audit.rows).toEqual([
      { action: 'create', patient_id: null, details: { inboundCallId: red.id, priority: 1 } },
      { action: 'claim', patient_id: null, details: { inboundCallId: red.id } },
      { action: 'resolve', patient_id: null, details: { inboundCallId: red.id, noteLength: 9 } },
    ]);
    expect((await app.inject({ method: 'POST', url: '/api/escalations/999999/claim', payload: {} })).statusCode).toBe(404);
  });

  it('lists a campaign item with its patient, the number dialled, its call result and the call-back time', async () => {
    const { campaignId, patientIds } = await seed(env, 1, {}, { name: '王芳', phones: ['+8613600136000'] });
    const dialer = new StubDialer({ outcome: () => ({ kind: 'answered', amd: 'human', result: callResult({
      disposition: 'D4', redFlags: ['sepsis-signs'], durationMs: 65_000, outcome: 'completed', lang: 'zh', recordingRef: 'call-wf.wav',
      callbacks: [{ reason: 'human-requested', delayMinutes: 30 }],
      transcript: [{ speaker: 'patient', text: '我有点发烧', startMs: 3600, endMs: 5200, confidence: 0.91 }],
    }) }) });
    expect((await app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/schedule` })).statusCode).toBe(200);
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 3 });
    let item: Item | undefined;
    try {
      item = await waitFor(async () => ((await json('/api/escalations?state=open')).items as Item[]).find((x) => x.kind === 'campaign'));
    } finally { await worker.close(); }
    const resultId = (await env.pool.query<{ id: string }>('SELECT id::text FROM call_results WHERE patient_id = $1', [patientIds[0]])).rows[0]!.id;
    expect(item).toMatchObject({
      kind: 'campaign', patient_id: patientIds[0], campaign_id: campaignId, call_result_id: resultId, inbound_call_id: null, reason: 'red_flag', priority: 1,
      patient: { id: patientIds[0], name: '王芳' }, details: { disposition: 'D4', outcome: 'completed', callback: { reason: 'human-requested' } },
      call: { kind: 'campaign', id: resultId, caller_number: '+8613600136000', disposition: 'D4', red_flags: ['sepsis-signs'], outcome: 'completed', lang: 'zh',
        duration_ms: 65_000, has_recording: true, recording_deleted_at: null },
    });
    expect(Date.parse(String(item?.callback_at))).toBeGreaterThan(Date.now());
    // The call result carries the new columns too (the call page reads them).
    const r = (await get(`/api/results/${resultId}`)).json();
    expect(r).toMatchObject({ outcome: 'completed', lang: 'zh', amd: 'human', recording_deleted_at: null, recording_ref: 'call-wf.wav' });
  });

  it('leaves test calls out of every listing (none of the API statistics counts inbound calls otherwise)', async () => {
    const open = (await json('/api/escalations?limit=500')).items as { inbound_call_id: string | null }[];
    const testIds = (await env.pool.query<{ id: string }>('SELECT id::text FROM inbound_calls WHERE is_test')).rows.map((x) => x.id);
    expect(testIds).toHaveLength(1);
    expect(open.filter((x) => x.inbound_call_id !== null && testIds.includes(x.inbound_call_id))).toEqual([]);
    const listed = (await json('/api/inbound-calls?limit=500')).items as { is_test: boolean }[];
    expect(listed.every((x) => !x.is_test)).toBe(true);
  });
});
