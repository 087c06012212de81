/**
 * The progress hub's LISTEN connection, cut by the server (as a PostgreSQL restart does), is
 * opened again and progress flows on; before, the dead client's 'error' had no listener and the
 * api process that held the hub exited (crash matrix, PostgreSQL restart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProgressHub, transition, withTx, type Progress } from '../src/index.js';
import { DATABASE_URL, makeEnv, seed, waitFor, type TestEnv } from './helpers.js';

describe('progress hub across a lost LISTEN connection', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'hubre'); });
  afterAll(async () => { await env.close(); });

  it('survives its connection being terminated, listens again and emits progress', async () => {
    const hub = await startProgressHub(env.pool, DATABASE_URL, env.schema, { reconnectMs: 100 });
    const seen: Progress[] = [];
    hub.on('progress', (p: Progress) => seen.push(p));
    const channel = `tz_progress_${env.schema}`;
    const listener = async () => (await env.pool.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()', [`LISTEN ${channel}`])).rows[0]?.pid;
    try {
      const first = await waitFor(listener);
      const { campaignId } = await seed(env, 2);
      await waitFor(async () => seen.some((p) => p.campaignId === campaignId && p.contacts.pending === 2));
      // The server ends the hub's session, as a restart does.
      await env.pool.query('SELECT pg_terminate_backend($1)', [first]);
      const second = await waitFor(async () => { const p = await listener(); return p !== undefined && p !== first ? p : undefined; }, 10_000);
      expect(second).not.toBe(first);
      const contactId = (await env.pool.query<{ id: string }>('SELECT id::text FROM contacts WHERE campaign_id = $1 LIMIT 1', [campaignId])).rows[0]!.id;
      await withTx(env.pool, (c) => transition(c, 'contact', contactId, 'pending', 'cancelled'));
      await waitFor(async () => seen.some((p) => p.campaignId === campaignId && p.contacts.cancelled === 1), 10_000);
    } finally {
      await hub.close();
    }
  });
});
