/**
 * The input guard (issue 16 item 5) on the gateway running as its own role (the supervisor's
 * gateway process): its own routes answer bad text with 400 naming the field, as the api role's
 * do, before the dial checks read the database. Before, a NUL in a /v1/dial field reached them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '@tingzhen/voice-gateway';
import { startTestPlatform, type TestPlatform } from './test-platform.js';
import { dialRequestFor, seedDialingAttempt } from './seed-attempt.js';

const SECRET = 'gateway-input-guard-secret-0123456789';
let gw: TestPlatform;
beforeAll(async () => { gw = await startTestPlatform('gwguard', { GATEWAY_AUTH_SECRET: SECRET, TINGZHEN_ROLES: 'gateway' }); }, 120_000);
afterAll(async () => { await gw?.dispose(); });

describe('the gateway as its own role', () => {
  it('answers a NUL in a /v1/dial field with 400 naming the field, before the dial checks', async () => {
    const s = await seedDialingAttempt(gw.platform.services.pool, { phone: '+8613912345690', mrn: 'MRN-GW-GUARD' });
    const body = dialRequestFor(s);
    body.patient.name = 'bad\u0000name';
    const token = signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: s.attemptId });
    const res = await fetch(`${gw.platform.url}/v1/dial`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'TZ_ERR_VALIDATION', details: { problems: [{ field: 'patient.name', in: 'body', problem: 'contains a control character (U+0000)' }] } } });
    // The dial check never ran: it audits every decision it makes (dial or dial-refused).
    expect((await gw.platform.services.pool.query(`SELECT 1 FROM audit_log WHERE entity = 'attempt'`)).rows).toEqual([]);
  });

  it('still refuses a request without a token first (401), and a NUL in a media stream query answers 400', async () => {
    const res = await fetch(`${gw.platform.url}/v1/dial`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ attemptId: 'x\u0000' }) });
    expect(res.status).toBe(401);
    const media = await fetch(`${gw.platform.url}/media/native?token=a%00b`);
    expect(media.status).toBe(400);
    expect(await media.json()).toMatchObject({ error: { code: 'TZ_ERR_VALIDATION', details: { problems: [{ field: 'token', in: 'query' }] } } });
  });
});
