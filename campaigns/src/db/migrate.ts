/**
 * Versioned migrations (node-pg-migrate, plain SQL files in ../../migrations), run programmatically.
 * Each schema keeps its own migrations table, so test files (and tenants) can live side by side.
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import { TzError, createLogger } from '@tingzhen/voice-core';
import { ensureRuntimeRole, type RuntimeRole } from './runtime-role.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
const log = createLogger({ name: 'campaigns.migrate' });

export interface MigrateOptions {
  /** PostgreSQL schema to create and migrate (default: public). */
  schema?: string;
  direction?: 'up' | 'down';
  /** How many migrations to run (default: all pending going up, the last one going down). */
  count?: number;
  /**
   * After migrating up: create (when missing) and grant the least-privilege role the platform then
   * works as (db/runtime-role.ts); `extraSchemas` are granted too (bullmq's queue schema).
   */
  runtimeRole?: RuntimeRole & { extraSchemas?: string[] };
}

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<string[]> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new TzError('TZ_ERR_VALIDATION', { field: 'schema', expected: SCHEMA_NAME.source });
  try {
    const ran = await runner({
      databaseUrl,
      dir: MIGRATIONS_DIR,
      direction: opts.direction ?? 'up',
      ...(opts.count !== undefined ? { count: opts.count } : {}),
      migrationsTable: 'pgmigrations',
      schema,
      createSchema: true,
      singleTransaction: true,
      // One lock id is shared by every node-pg-migrate user: wait rather than fail when another schema migrates.
      advisoryLockMode: 'wait',
      log: (msg: string) => log.debug({ schema }, msg),
    });
    if (opts.runtimeRole && (opts.direction ?? 'up') === 'up') await ensureRuntimeRole(databaseUrl, schema, opts.runtimeRole, opts.runtimeRole.extraSchemas);
    return ran.map((m) => m.name);
  } catch (err) {
    if (err instanceof TzError) throw err;
    throw new TzError('TZ_ERR_DB', { op: 'migrate', schema }, { cause: err });
  }
}
