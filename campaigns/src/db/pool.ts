/**
 * A pg pool pinned to one schema, and a transaction helper.
 */
import pg from 'pg';
import { TzError } from '@tingzhen/voice-core';
import { SCHEMA_NAME } from './migrate.js';
import { beginTxState, dropTxState, takeTxState } from './transitions.js';

export type Pool = pg.Pool;
export type Db = pg.Pool | pg.PoolClient;

export function createPool(databaseUrl: string, opts: { schema?: string; max?: number } = {}): pg.Pool {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new TzError('TZ_ERR_VALIDATION', { field: 'schema', expected: SCHEMA_NAME.source });
  // search_path via the startup `options` so every pooled connection sees the schema from its first query.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10, options: `-c search_path=${schema}` });
  // pg-pool listens for errors on idle clients only: a checked-out client between two queries (a
  // transaction awaiting its next step) whose server goes away emits 'error' with no listener, and
  // that ends the process (crash matrix: PostgreSQL restarted under the worker). The error is not
  // lost: the client's next query fails with it, and the pool drops the client on release.
  pool.on('connect', (client) => { client.on('error', () => undefined); });
  return pool;
}

/**
 * Runs `fn` in a transaction. Progress-counter deltas are collected and written once, just before
 * commit; work registered with afterCommit() runs once the commit is done (on a fresh connection).
 */
export async function withTx<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let after: ((pool: pg.Pool) => Promise<void>)[] = [];
  let out: T;
  try {
    await client.query('BEGIN');
    beginTxState(client);
    out = await fn(client);
    const st = takeTxState(client);
    after = st.after;
    // Counter deltas and COMMIT in one round trip (a simple-protocol multi-statement query).
    await client.query(`${st.counterSql} COMMIT`);
  } catch (err) {
    dropTxState(client);
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  for (const f of after) await f(pool);
  return out;
}

/** Drop a schema and everything in it (tests clean up with this). */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new TzError('TZ_ERR_VALIDATION', { field: 'schema' });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
