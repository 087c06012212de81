/**
 * A pooled client checked out in a transaction whose server session ends between two queries (a
 * PostgreSQL restart) fails that transaction; it does not end the process. Before, pg-pool left
 * such a client without an 'error' listener and the emitted error crashed the worker role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../src/index.js';
import { makeEnv, type TestEnv } from './helpers.js';

describe('a transaction whose connection dies between queries', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await makeEnv('postgres', 'poolgone'); });
  afterAll(async () => { await env.close(); });

  it('rejects, the process lives on, and the pool serves the next query', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => { uncaught.push(err); };
    process.on('uncaughtException', onUncaught);
    try {
      const tx = withTx(env.pool, async (c) => {
        const pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        // Another session ends this one while the transaction waits between two steps.
        await env.pool.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((r) => setTimeout(r, 300));
        await c.query('SELECT 1');
      });
      await expect(tx).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
      expect((await env.pool.query<{ n: number }>('SELECT 1 AS n')).rows[0]!.n).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
