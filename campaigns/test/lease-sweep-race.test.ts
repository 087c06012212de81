/**
 * The lease sweep re-reads a lapsed lease under the row lock: a renewal that commits while the
 * sweep waits for the lock keeps the call. Before, the sweep closed the call as lost on what it had
 * read before the lock (on a loaded machine, live calls were closed in batches and only filed late),
 * and one locked row held up the renewal of every other call of the gateway.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLeaseKeeper, startScheduler, transition, withTx } from '../src/index.js';
import { DATABASE_URL, makeEnv, seed, type TestEnv } from './helpers.js';

async function dialingAttempts(env: TestEnv, n: number): Promise<string[]> {
  const { campaignId } = await seed(env, n, { maxAttempts: 3 });
  const contacts = (await env.pool.query<{ id: string; patient_id: string }>('SELECT id::text, patient_id::text FROM contacts WHERE campaign_id = $1 ORDER BY id', [campaignId])).rows;
  return withTx(env.pool, async (c) => {
    const ids: string[] = [];
    for (const ct of contacts) {
      await transition(c, 'contact', ct.id, 'pending', 'active');
      const a = await c.query<{ id: string }>(`INSERT INTO call_attempts (contact_id, campaign_id, patient_id, seq, scheduled_for, trunk) VALUES ($1, $2, $3, 1, now(), 'default') RETURNING id::text`,
        [ct.id, campaignId, ct.patient_id]);
      await c.query("UPDATE call_attempts SET state = 'dialing', run_token = 'r', started_at = now(), phone = '+8613800000000', lease_until = now() - interval '1 second', lease_holder = 'gw' WHERE id = $1", [a.rows[0]!.id]);
      ids.push(a.rows[0]!.id);
    }
    return ids;
  });
}

describe('lease sweep and renewal under row locks', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'leaserace'); });
  afterAll(async () => { await env.close(); });

  it('a renewal that commits while the sweep waits for the row keeps the call', async () => {
    const [id] = await dialingAttempts(env, 1);
    const renewer = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${env.schema}` });
    await renewer.connect();
    const scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0, leaseSweepIntervalMs: 100 });
    try {
      // The holder's renewal is under way (row locked, not committed): the sweep reads the lapsed lease and waits.
      await renewer.query('BEGIN');
      await renewer.query("UPDATE call_attempts SET lease_until = now() + interval '15 seconds' WHERE id = $1", [id]);
      await new Promise((r) => setTimeout(r, 600));
      await renewer.query('COMMIT');
      await new Promise((r) => setTimeout(r, 600));
      const a = await env.pool.query<{ state: string }>('SELECT state FROM call_attempts WHERE id = $1', [id]);
      expect(a.rows[0]!.state).toBe('dialing');
    } finally {
      await scheduler.close();
      await renewer.end();
    }
  });

  it('one locked row does not hold up the renewal of the others', async () => {
    const ids = await dialingAttempts(env, 2);
    const locker = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${env.schema}` });
    await locker.connect();
    const keeper = startLeaseKeeper(env.pool, 'gw', { leaseMs: 15_000, renewMs: 200 });
    const leaseOf = async (id: string) => (await env.pool.query<{ t: Date }>('SELECT lease_until AS t FROM call_attempts WHERE id = $1', [id])).rows[0]!.t.getTime();
    try {
      expect(await keeper.hold(ids[0]!)).toBe(true);
      expect(await keeper.hold(ids[1]!)).toBe(true);
      // The first call is being filed (its row locked, slowly); the second call's lease must still move on.
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM call_attempts WHERE id = $1 FOR UPDATE', [ids[0]]);
      const before = await leaseOf(ids[1]!);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await leaseOf(ids[1]!)).toBeGreaterThan(before);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      keeper.close();
    }
  });
});
