import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callResult } from '@tingzhen/voice-core';
import { HttpDialer, startProgressHub, transition, withTx, type DialRequest, type Progress } from '../src/index.js';
import { DATABASE_URL, makeEnv, seed, type TestEnv } from './helpers.js';

describe('progress hub (LISTEN/NOTIFY on the real PostgreSQL)', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'hub'); });
  afterAll(async () => { await env.close(); });

  it('emits coalesced progress with the counters after each committed change, and nothing for rolled-back ones', async () => {
    const hub = await startProgressHub(env.pool, DATABASE_URL, env.schema);
    const seen: Progress[] = [];
    hub.on('progress', (p: Progress) => seen.push(p));
    try {
      const { campaignId } = await seed(env, 3);
      await waitUntil(() => seen.some((p) => p.campaignId === campaignId && p.contacts.pending === 3));
      const contactId = (await env.pool.query<{ id: string }>('SELECT id::text FROM contacts WHERE campaign_id = $1 LIMIT 1', [campaignId])).rows[0]!.id;
      // A rolled-back move sends nothing (NOTIFY is delivered at commit only).
      await withTx(env.pool, async (c) => {
        await transition(c, 'contact', contactId, 'pending', 'skipped');
        throw new Error('roll back');
      }).catch(() => undefined);
      await withTx(env.pool, (c) => transition(c, 'contact', contactId, 'pending', 'cancelled'));
      await waitUntil(() => seen.some((p) => p.contacts.cancelled === 1));
      const last = seen.at(-1)!;
      expect(last).toMatchObject({ campaignId, state: 'draft', contacts: { pending: 2, cancelled: 1 } });
      expect(seen.some((p) => (p.contacts.skipped ?? 0) > 0)).toBe(false);
    } finally {
      await hub.close();
    }
  });
});

describe('HttpDialer against a local HTTP server standing in for the gateway', () => {
  let server: Server;
  let url: string;
  let reply: (req: IncomingMessage, body: string) => { status: number; body: string; delayMs?: number };
  const got: { path?: string; method?: string; auth?: string; body?: Record<string, unknown> } = {};
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => { body += d.toString('utf8'); });
      req.on('end', () => {
        got.path = req.url; got.method = req.method; got.auth = req.headers.authorization; got.body = JSON.parse(body) as Record<string, unknown>;
        const r = reply(req, body);
        setTimeout(() => { res.statusCode = r.status; res.setHeader('content-type', 'application/json'); res.end(r.body); }, r.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

  const request = (signal = new AbortController().signal): DialRequest => ({
    attemptId: '7', campaignId: '3', phone: '+8613800138000', scriptId: 'post-op-followup', scriptVersion: '1', scriptHash: null, callerId: null,
    trunk: 'default', voicemailMessage: 'City Hospital, 12320', maxCallMs: 60_000, signal, onEvent: () => undefined,
    patient: { id: '9', name: 'Wang', language: 'zh-CN', timezone: null, department: null, diagnosis: null, dischargeDate: null, customFields: {} },
  });

  it('refuses an outcome that is not the contract (a result without its fields) as a failed call', async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ kind: 'answered', result: { answers: {} } }) });
    expect(await new HttpDialer({ gatewayUrl: url, token: 't0k' }).dial(request())).toEqual({ kind: 'failed', reason: 'gateway_bad_outcome' });
  });

  it('POSTs the request to /v1/dial with the bearer token and returns the outcome', async () => {
    const result = callResult({ answers: { q: { type: 'yes-no', value: true } }, disposition: 'D6' });
    reply = () => ({ status: 200, body: JSON.stringify({ kind: 'answered', amd: 'uncertain', result }) });
    const out = await new HttpDialer({ gatewayUrl: url, token: 't0k' }).dial(request());
    expect(out).toEqual({ kind: 'answered', amd: 'uncertain', result });
    expect(got).toMatchObject({ path: '/v1/dial', method: 'POST', auth: 'Bearer t0k' });
    expect(got.body).toMatchObject({ attemptId: '7', phone: '+8613800138000', voicemailMessage: 'City Hospital, 12320', patient: { id: '9' } });
    expect(got.body).not.toHaveProperty('signal');
    expect(got.body).not.toHaveProperty('onEvent');
  });

  it('turns gateway errors, malformed outcomes, an unreachable gateway and an abort into failed calls', async () => {
    reply = () => ({ status: 503, body: '{}' });
    expect(await new HttpDialer({ gatewayUrl: url }).dial(request())).toEqual({ kind: 'failed', reason: 'gateway_http_503', carrierFault: true });
    reply = () => ({ status: 200, body: JSON.stringify({ kind: 'teleported' }) });
    expect(await new HttpDialer({ gatewayUrl: url }).dial(request())).toEqual({ kind: 'failed', reason: 'gateway_bad_outcome' });
    reply = () => ({ status: 200, body: 'not json' });
    expect(await new HttpDialer({ gatewayUrl: url }).dial(request())).toEqual({ kind: 'failed', reason: 'gateway_bad_outcome' });
    reply = () => ({ status: 200, body: JSON.stringify({ kind: 'busy', sipCode: 486 }) });
    expect(await new HttpDialer({ gatewayUrl: url }).dial(request())).toEqual({ kind: 'busy', sipCode: 486 });
    // A port nobody listens on.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    expect(await new HttpDialer({ gatewayUrl: deadUrl }).dial(request())).toEqual({ kind: 'failed', reason: 'gateway_unreachable', carrierFault: true });
    // The worker aborts a call that outlives maxCallMs.
    reply = () => ({ status: 200, body: JSON.stringify({ kind: 'no_answer' }), delayMs: 2000 });
    const ac = new AbortController();
    const pending = new HttpDialer({ gatewayUrl: url }).dial(request(ac.signal));
    setTimeout(() => ac.abort(), 100);
    expect(await pending).toEqual({ kind: 'failed', reason: 'call_aborted', carrierFault: true });
    expect(() => new HttpDialer({ gatewayUrl: 'ftp://x' })).toThrow(expect.objectContaining({ code: 'TZ_ERR_CONFIG_INVALID' }));
  });
});

async function waitUntil(fn: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error('waitUntil timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
