/**
 * A pg pool pinned to one schema, and a transaction helper.
 */
import pg from 'pg';
import { TzError } from '@tingzhen/voice-core';
import { SCHEMA_NAME } from './migrate.js';

export type Pool = pg.Pool;
export type Db = pg.Pool | pg.PoolClient;

export function createPool(databaseUrl: string, opts: { schema?: string; max?: number } = {}): pg.Pool {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new TzError('TZ_ERR_VALIDATION', { field: 'schema', expected: SCHEMA_NAME.source });
  // search_path via the startup `options` so every pooled connection sees the schema from its first query.
  return new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10, options: `-c search_path=${schema}` });
}

export async function withTx<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
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
