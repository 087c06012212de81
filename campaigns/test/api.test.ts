import { callResult } from '@tingzhen/voice-core';
import Fastify, { type FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignsApi, startScheduler, startWorker, StubDialer, health, type Scheduler } from '../src/index.js';
import { ALWAYS_OPEN, makeEnv, waitFor, type TestEnv } from './helpers.js';

describe('campaigns API (fastify inject, real PostgreSQL, PostgreSQL queue backend)', () => {
  let env: TestEnv;
  let app: FastifyInstance;
  let scheduler: Scheduler;
  beforeAll(async () => {
    env = await makeEnv('postgres', 'api');
    scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    app = Fastify();
    await app.register(campaignsApi, { pool: env.pool, scheduler, prefix: '/api' } as never);
    await app.ready();
  });
  afterAll(async () => { await app.close(); await scheduler.close(); await env.close(); });

  it('rejects bad input with typed 400s and serves the OpenAPI document', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/patients', payload: { mrn: 'X1', phones: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('TZ_ERR_VALIDATION');
    const badPhone = await app.inject({ method: 'POST', url: '/api/patients', payload: { mrn: 'X1', name: 'A', phones: ['12345'] } });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.details.problems[0].field).toBe('phones');
    const badWindow = await app.inject({ method: 'POST', url: '/api/campaigns', payload: { name: 'c', scriptId: 's', scriptVersion: '1', timezone: 'Asia/Shanghai', startDate: '2025-01-01', windows: { mon: [['12:00', '09:00']] } } });
    expect(badWindow.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/patients/999999' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/patients/abc' })).statusCode).toBe(400);
    const doc = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/patients', '/api/campaigns/{id}/pause', '/api/results/{id}/fhir']));
  });

  it('imports CSV with bad rows: valid rows in, bad rows listed, dry run writes nothing', async () => {
    const csv = 'mrn,name,phone,timezone,consent_status,favourite_colour\nA1,Wang Fang,+8613800138000,Asia/Shanghai,granted,red\nA2,Li Lei,12345,,granted,\nA1,Dup,+8613800138001,,granted,\nA3,Zhao,13800138002,,granted,\n';
    const dry = await app.inject({ method: 'POST', url: '/api/patients/import?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 4, valid: 2, invalid: 2, imported: 0 });
    expect((await env.pool.query('SELECT count(*)::int AS n FROM patients')).rows[0].n).toBe(0);
    const real = await app.inject({ method: 'POST', url: '/api/patients/import', headers: { 'content-type': 'text/csv' }, payload: csv });
    const report = real.json();
    expect(report).toMatchObject({ dryRun: false, imported: 2, invalid: 2 });
    expect(report.errors).toEqual([
      { row: 3, column: 'phones', problem: 'not a valid phone number' },
      { row: 4, column: 'mrn', problem: 'duplicate MRN (same as row 2)' },
    ]);
    // The unknown column is a warning that says its values are not imported (the rows still are).
    expect(report.warnings).toEqual([expect.objectContaining({ row: 1, column: 'favourite_colour', code: 'unknown_column', params: { n: 1 } })]);
    const phones = await env.pool.query<{ phones: string[] }>('SELECT phones FROM patients ORDER BY mrn');
    expect(phones.rows.map((r) => r.phones)).toEqual([['+8613800138000'], ['+8613800138002']]);
    // Importing again: every row is now a duplicate of the database.
    const again = await app.inject({ method: 'POST', url: '/api/patients/import', headers: { 'content-type': 'text/csv' }, payload: 'mrn,name,phone\nA1,W,+8613800138000\n' });
    expect(again.json()).toMatchObject({ imported: 0, invalid: 1, errors: [{ row: 2, column: 'mrn', problem: 'duplicate MRN (already in the database)' }] });
  });

  it('imports XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('patients');
    ws.addRow(['MRN', 'Name', 'Phone', 'Discharge Date']);
    ws.addRow(['X9', 'Sun Li', '+8613900139000', '2025-03-01']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await app.inject({ method: 'POST', url: '/api/patients/import', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: buf });
    expect(res.json()).toMatchObject({ imported: 1, invalid: 0 });
  });

  it('runs a campaign end to end through the API: schedule, results, CSV and FHIR export, escalation worklist', async () => {
    const ids = (await env.pool.query<{ id: string }>("SELECT id::text FROM patients WHERE mrn IN ('A1', 'A3') ORDER BY mrn")).rows.map((r) => r.id);
    const c = await app.inject({ method: 'POST', url: '/api/campaigns', payload: { name: 'Post-discharge', scriptId: 'post-discharge', scriptVersion: '1', timezone: 'UTC', startDate: '2000-01-01', windows: ALWAYS_OPEN, retryDelaysMinutes: { no_answer: 0 } } });
    expect(c.statusCode).toBe(201);
    const cid = c.json().id as string;
    expect((await app.inject({ method: 'POST', url: `/api/campaigns/${cid}/contacts`, payload: { patientIds: ids } })).json()).toEqual({ added: 2 });
    expect((await app.inject({ method: 'POST', url: `/api/campaigns/${cid}/resume` })).statusCode).toBe(409);
    const sched = await app.inject({ method: 'POST', url: `/api/campaigns/${cid}/schedule` });
    expect(sched.json()).toMatchObject({ state: 'scheduled', enqueued: 2 });
    const dialer = new StubDialer({ outcome: (req) => ({ kind: 'answered', result: callResult({
      answers: { pain: { type: 'number', value: 7 }, fever: { type: 'boolean', value: true } }, disposition: 'D3', redFlags: req.patient.name === 'Wang Fang' ? ['fever'] : [], durationMs: 42_000,
    }) }) });
    const worker = startWorker({ pool: env.pool, connection: env.conn, dialer, voicemailMessage: 'x', dailyCapPerPatient: 3 });
    try {
      await waitFor(async () => (await app.inject({ method: 'GET', url: `/api/campaigns/${cid}/progress` })).json().state === 'completed');
    } finally { await worker.close(); }
    const list = (await app.inject({ method: 'GET', url: `/api/results?campaignId=${cid}&disposition=D3` })).json();
    expect(list.items).toHaveLength(2);
    const csv = await app.inject({ method: 'GET', url: `/api/results.csv?campaignId=${cid}` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('disposition');
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);
    const fhir = (await app.inject({ method: 'GET', url: `/api/results/${list.items[0].id}/fhir` })).json();
    expect(fhir).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed' });
    expect(fhir.item).toEqual(expect.arrayContaining([{ linkId: 'pain', answer: [{ valueInteger: 7 }] }, { linkId: 'fever', answer: [{ valueBoolean: true }] }]));
    const esc = (await app.inject({ method: 'GET', url: '/api/escalations?state=open' })).json().items;
    expect(esc).toHaveLength(1);
    const claim = await app.inject({ method: 'POST', url: `/api/escalations/${esc[0].id}/claim`, headers: { 'x-actor': 'nurse-7' }, payload: {} });
    expect(claim.json()).toMatchObject({ state: 'claimed', claimedBy: 'nurse-7' });
    expect((await app.inject({ method: 'POST', url: `/api/escalations/${esc[0].id}/claim`, payload: {} })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: `/api/escalations/${esc[0].id}/resolve`, payload: {} })).statusCode).toBe(400);
    const res = await app.inject({ method: 'POST', url: `/api/escalations/${esc[0].id}/resolve`, headers: { 'x-actor': 'nurse-7' }, payload: { note: 'called back, advised clinic visit' } });
    expect(res.json()).toMatchObject({ state: 'resolved', resolvedBy: 'nurse-7' });
    const audit = await env.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'escalation' AND entity_id = $1 ORDER BY id", [esc[0].id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'claim', 'resolve']);
    expect(await health(env.pool, env.conn)).toMatchObject({ ok: true, queue: { backend: 'postgres' } });
  });
});
