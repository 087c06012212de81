/**
 * The audit trail's API behind the console's audit page (issue 16 item 4): admins only; filters by
 * time, user, action, kind, id and patient; pages back by seq; CSV export with each row's hashes;
 * the chain check; reading and exporting the trail are themselves audited.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '@tingzhen/campaigns';
import { createUser } from '@tingzhen/console';
import { makeConsoleEnv, signIn, type ConsoleEnv } from './console-helpers.js';

let env: ConsoleEnv;
let admin: string;
let nurse: string;
beforeAll(async () => {
  env = await makeConsoleEnv('auditpage');
  const pw = randomBytes(12).toString('hex');
  await createUser(env.pool, { username: 'chief', password: pw, role: 'admin' });
  await createUser(env.pool, { username: 'nurse.a', password: pw, role: 'nurse' });
  admin = await signIn(env.app, 'chief', pw);
  nurse = await signIn(env.app, 'nurse.a', pw);
  for (let i = 1; i <= 5; i++) await audit(env.pool, { actor: 'user:nurse.a', action: 'read', entity: 'patient', entityId: String(i), patientId: String(i) });
  await audit(env.pool, { actor: 'system:gateway', action: 'dial', entity: 'call', entityId: 'c-1', details: { attemptId: '7' } });
});
afterAll(async () => { await env.close(); });

const get = (url: string, cookie: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });

describe('audit API', () => {
  it('is for admins only', async () => {
    expect((await get('/api/audit', nurse)).statusCode).toBe(403);
    expect((await get('/api/audit.csv', nurse)).statusCode).toBe(403);
    expect((await get('/api/audit/verify', nurse)).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });

  it('filters and pages, newest first', async () => {
    const dial = (await get('/api/audit?action=dial', admin)).json();
    expect(dial.items).toEqual([expect.objectContaining({ actor: 'system:gateway', action: 'dial', entity: 'call', entityId: 'c-1', details: { attemptId: '7' } })]);
    const p3 = (await get('/api/audit?patientId=3', admin)).json();
    expect(p3.items.map((r: { entityId: string }) => r.entityId)).toEqual(['3']);
    const reads = (await get('/api/audit?actor=user:nurse.a&entity=patient&limit=2', admin)).json();
    expect(reads.items.map((r: { entityId: string }) => r.entityId)).toEqual(['5', '4']);
    const older = (await get(`/api/audit?actor=user:nurse.a&entity=patient&limit=2&beforeSeq=${reads.nextBeforeSeq}`, admin)).json();
    expect(older.items.map((r: { entityId: string }) => r.entityId)).toEqual(['3', '2']);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await get(`/api/audit?from=${encodeURIComponent(future)}`, admin)).json().items).toEqual([]);
    expect((await get(`/api/audit?to=${encodeURIComponent(future)}&action=dial`, admin)).json().items).toHaveLength(1);
    expect((await get('/api/audit?patientId=abc', admin)).statusCode).toBe(400);
    expect((await get('/api/audit?limit=100000', admin)).statusCode).toBe(400);
  });

  it('exports CSV with the hashes, and checks the chain', async () => {
    const res = await get('/api/audit.csv?entity=patient', admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,entity,entity_id,patient_id,details,prev_hash,hash');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT[^,]+,user:nurse\.a,read,patient,5,5,\{\},[0-9a-f]{64},[0-9a-f]{64}$/);
    const v = (await get('/api/audit/verify', admin)).json();
    expect(v).toMatchObject({ ok: true, problems: [] });
  });

  it('audits reading and exporting the trail', async () => {
    const r = await env.pool.query(`SELECT actor, action, details FROM audit_log WHERE entity = 'audit_log' ORDER BY seq`);
    expect(r.rows).toHaveLength(7); // six reads and one export (the two refused with 400 never reached the database)
    expect(r.rows).toContainEqual({ actor: expect.stringContaining('chief'), action: 'export', details: { format: 'csv', count: 5, filters: ['entity'] } });
    expect(r.rows).toContainEqual({ actor: expect.stringContaining('chief'), action: 'read', details: { count: 1, filters: ['action'] } });
  });
});
